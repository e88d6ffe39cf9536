import { and, desc, eq, gt, inArray, lte, ne, or } from 'drizzle-orm'
import { insertRow } from '../prepared.js'
import { paymentRequests } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `payment_requests` table, always scoped to one organization. */

export type PaymentRequestRow = typeof paymentRequests.$inferSelect
export type NewPaymentRequestRow = typeof paymentRequests.$inferInsert
export type PaymentRequestPatch = Partial<
  Omit<PaymentRequestRow, 'id' | 'organizationId' | 'agentId' | 'createdAt'>
>

/** Statuses of requests that became (or are becoming) payments: they count toward velocity. */
export const VELOCITY_COUNTED_STATUSES = ['APPROVED', 'EXECUTING', 'EXECUTED', 'COMPLETED'] as const

export function insertPaymentRequest(db: DbLike, row: NewPaymentRequestRow): void {
  insertRow(db, paymentRequests, row)
}

export function findPaymentRequest(
  db: DbLike,
  organizationId: string,
  requestId: string,
): PaymentRequestRow | undefined {
  return db
    .select()
    .from(paymentRequests)
    .where(
      and(eq(paymentRequests.organizationId, organizationId), eq(paymentRequests.id, requestId)),
    )
    .get()
}

export function updatePaymentRequest(
  db: DbLike,
  organizationId: string,
  requestId: string,
  patch: PaymentRequestPatch,
): PaymentRequestRow | undefined {
  return db
    .update(paymentRequests)
    .set(patch)
    .where(
      and(eq(paymentRequests.organizationId, organizationId), eq(paymentRequests.id, requestId)),
    )
    .returning()
    .get()
}

/**
 * Moves the request from `from` to the patch's status only if it is still in `from` (a
 * compare-and-set); `undefined` when another writer changed it first.
 */
export function transitionPaymentRequest(
  db: DbLike,
  organizationId: string,
  requestId: string,
  from: string,
  patch: PaymentRequestPatch,
): PaymentRequestRow | undefined {
  return db
    .update(paymentRequests)
    .set(patch)
    .where(
      and(
        eq(paymentRequests.organizationId, organizationId),
        eq(paymentRequests.id, requestId),
        eq(paymentRequests.status, from),
      ),
    )
    .returning()
    .get()
}

/**
 * Creation times (epoch ms, newest first) of the agent's requests made after `since` that count
 * toward velocity: APPROVED and not yet expired at `now`, or executing/executed. Reads the
 * `(agent_id, created_at)` index range only.
 */
export function recentPaymentRequestTimes(
  db: DbLike,
  agentId: string,
  since: number,
  now: number,
  /** Leave this request out (a stored request re-checked is not a new payment). */
  excludeRequestId?: string,
): number[] {
  return db
    .select({ createdAt: paymentRequests.createdAt })
    .from(paymentRequests)
    .where(
      and(
        eq(paymentRequests.agentId, agentId),
        excludeRequestId === undefined ? undefined : ne(paymentRequests.id, excludeRequestId),
        gt(paymentRequests.createdAt, since),
        lte(paymentRequests.createdAt, now),
        or(
          and(eq(paymentRequests.status, 'APPROVED'), gt(paymentRequests.expiresAt, now)),
          inArray(
            paymentRequests.status,
            VELOCITY_COUNTED_STATUSES.filter((status) => status !== 'APPROVED'),
          ),
        ),
      ),
    )
    .orderBy(desc(paymentRequests.createdAt))
    .all()
    .map((row) => row.createdAt)
}
