import { type SpendWindow, windowStart } from '@conto/policy'
import { and, eq, gt, gte, isNull, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { preparedQuery } from '../prepared.js'
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
  const both = agentAndLinkSpend(db, scope.agentId, scope.walletId ?? '', now)
  return scope.walletId === undefined ? both.agent : both.link
}

/**
 * The agent's spend across all its wallets (policy limits) and through `walletId` alone (link
 * limits), in one pass over the year's day rows (≤ 366 per wallet) and one over the live
 * reservations — both read from covering indexes.
 */
export function agentAndLinkSpend(
  db: DbLike,
  agentId: string,
  walletId: string,
  now: number,
): { readonly agent: WindowTotals; readonly link: WindowTotals } {
  const params: Record<string, number | string> = { agentId, walletId, now }
  for (const window of windows) params[window] = windowStart(window, now)
  const spent = preparedQuery(db, 'spend.days', (db) =>
    db
      .select(windowSums(spendDays.day, spendDays.walletId, spendDays.amountMicros))
      .from(spendDays)
      .where(
        and(
          eq(spendDays.agentId, sql.placeholder('agentId')),
          gte(spendDays.day, sql.placeholder('yearly')),
        ),
      )
      .prepare(),
  ).get(params)
  const reserved = preparedQuery(db, 'spend.reserved', (db) =>
    db
      .select(windowSums(reservations.createdAt, reservations.walletId, reservations.amountMicros))
      .from(reservations)
      .where(
        and(
          eq(reservations.agentId, sql.placeholder('agentId')),
          isNull(reservations.releasedAt),
          gt(reservations.expiresAt, sql.placeholder('now')),
          gte(reservations.createdAt, sql.placeholder('yearly')),
        ),
      )
      .prepare(),
  ).get(params)
  const agent = {} as WindowTotals
  const link = {} as WindowTotals
  for (const window of windows) {
    agent[window] = Number(spent?.[window] ?? 0) + Number(reserved?.[window] ?? 0)
    link[window] = Number(spent?.[`${window}Link`] ?? 0) + Number(reserved?.[`${window}Link`] ?? 0)
  }
  return { agent, link }
}

type WindowColumn = SpendWindow | `${SpendWindow}Link`

/**
 * Per window (its start is the placeholder named after it), `sum(amount)` of the rows at or
 * after the start, and the same sum for the rows of the `walletId` placeholder only.
 */
function windowSums(at: SQLiteColumn, wallet: SQLiteColumn, amount: SQLiteColumn) {
  const columns = {} as Record<WindowColumn, SQL<number>>
  for (const window of windows) {
    const start = sql.placeholder(window)
    columns[window] =
      sql<number>`coalesce(sum(case when ${at} >= ${start} then ${amount} else 0 end), 0)`
    columns[`${window}Link`] =
      sql<number>`coalesce(sum(case when ${at} >= ${start} and ${wallet} = ${sql.placeholder('walletId')} then ${amount} else 0 end), 0)`
  }
  return columns
}
