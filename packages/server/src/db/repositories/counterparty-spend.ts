import { and, eq, gt, gte, isNull, notInArray, sql } from 'drizzle-orm'
import { reservations, transactions } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * Spend of one agent to one recipient (relationship limits): its transactions to the address
 * plus its live reservations for it, per calendar window. Transactions are read through the
 * `(agent_id, to_key, created_at)` index and reservations through `(agent_id, released_at,
 * expires_at)`, so the cost is bounded by one month of payments to that recipient.
 */

/** Transaction statuses that never moved money, so they do not count as spend. */
export const UNSPENT_TRANSACTION_STATUSES = ['FAILED', 'REJECTED'] as const

export interface RecipientWindowStarts {
  /** Start of the UTC day, epoch ms. */
  readonly daily: number
  /** Start of the UTC month, epoch ms (the widest window read). */
  readonly monthly: number
}

export interface RecipientSpend {
  readonly daily: number
  readonly monthly: number
}

/** Micro-units the agent spent or holds for `recipientKey` (lower-cased address) per window. */
export function spendToRecipient(
  db: DbLike,
  agentId: string,
  recipientKey: string,
  starts: RecipientWindowStarts,
  now: number,
): RecipientSpend {
  const from = Math.min(starts.daily, starts.monthly)
  const spent = db
    .select({
      daily: sql<number>`coalesce(sum(case when ${transactions.createdAt} >= ${starts.daily} then ${transactions.amountMicros} else 0 end), 0)`,
      monthly: sql<number>`coalesce(sum(case when ${transactions.createdAt} >= ${starts.monthly} then ${transactions.amountMicros} else 0 end), 0)`,
    })
    .from(transactions)
    .where(
      and(
        eq(transactions.agentId, agentId),
        eq(transactions.toKey, recipientKey),
        gte(transactions.createdAt, from),
        notInArray(transactions.status, [...UNSPENT_TRANSACTION_STATUSES]),
      ),
    )
    .get()
  const reserved = db
    .select({
      daily: sql<number>`coalesce(sum(case when ${reservations.createdAt} >= ${starts.daily} then ${reservations.amountMicros} else 0 end), 0)`,
      monthly: sql<number>`coalesce(sum(case when ${reservations.createdAt} >= ${starts.monthly} then ${reservations.amountMicros} else 0 end), 0)`,
    })
    .from(reservations)
    .where(
      and(
        eq(reservations.agentId, agentId),
        isNull(reservations.releasedAt),
        gt(reservations.expiresAt, now),
        eq(reservations.recipientKey, recipientKey),
        gte(reservations.createdAt, from),
      ),
    )
    .get()
  return {
    daily: Number(spent?.daily ?? 0) + Number(reserved?.daily ?? 0),
    monthly: Number(spent?.monthly ?? 0) + Number(reserved?.monthly ?? 0),
  }
}

/** True when the agent has ever paid `recipientKey` (a settled or pending transaction). */
export function hasPaidRecipient(db: DbLike, agentId: string, recipientKey: string): boolean {
  const row = db
    .select({ id: transactions.id })
    .from(transactions)
    .where(
      and(
        eq(transactions.agentId, agentId),
        eq(transactions.toKey, recipientKey),
        notInArray(transactions.status, [...UNSPENT_TRANSACTION_STATUSES]),
      ),
    )
    .limit(1)
    .get()
  return row !== undefined
}
