import { type SpendWindow, windowStart } from '@conto/policy'
import { and, eq, gt, gte, isNull, sql } from 'drizzle-orm'
import { reservations, spendDays } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * Spend per calendar window (UTC): confirmed spend from the per-day rollup (`spend_days`) plus
 * live reservations. Reads at most a year of day rows — never the transaction history — so it
 * costs the same at any history size.
 */
export type WindowTotals = Record<SpendWindow, number>

export interface SpendScope {
  readonly agentId: string
  /** Only this agent's spend through this wallet (link limits); all wallets when omitted. */
  readonly walletId?: string
}

const windows: readonly SpendWindow[] = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly']

/** Spent + reserved micro-units in every window containing `now`. */
export function spendTotals(db: DbLike, scope: SpendScope, now: number): WindowTotals {
  const yearStart = windowStart('yearly', now)
  const starts = windows.map((window) => [window, windowStart(window, now)] as const)
  // One pass over the year's day rows (≤ 366 per wallet) and the live reservations.
  const spentColumns = Object.fromEntries(
    starts.map(([window, start]) => [
      window,
      sql<number>`coalesce(sum(case when ${spendDays.day} >= ${start} then ${spendDays.amountMicros} else 0 end), 0)`,
    ]),
  ) as Record<SpendWindow, ReturnType<typeof sql<number>>>
  const spent = db
    .select(spentColumns)
    .from(spendDays)
    .where(
      and(
        eq(spendDays.agentId, scope.agentId),
        scope.walletId === undefined ? undefined : eq(spendDays.walletId, scope.walletId),
        gte(spendDays.day, yearStart),
      ),
    )
    .get() as Record<SpendWindow, number> | undefined
  const reservedColumns = Object.fromEntries(
    starts.map(([window, start]) => [
      window,
      sql<number>`coalesce(sum(case when ${reservations.createdAt} >= ${start} then ${reservations.amountMicros} else 0 end), 0)`,
    ]),
  ) as Record<SpendWindow, ReturnType<typeof sql<number>>>
  const reserved = db
    .select(reservedColumns)
    .from(reservations)
    .where(
      and(
        eq(reservations.agentId, scope.agentId),
        scope.walletId === undefined ? undefined : eq(reservations.walletId, scope.walletId),
        isNull(reservations.releasedAt),
        gt(reservations.expiresAt, now),
        gte(reservations.createdAt, yearStart),
      ),
    )
    .get() as Record<SpendWindow, number> | undefined
  const totals = {} as WindowTotals
  for (const window of windows) {
    totals[window] = Number(spent?.[window] ?? 0) + Number(reserved?.[window] ?? 0)
  }
  return totals
}
