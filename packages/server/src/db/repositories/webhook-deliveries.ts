import { and, asc, count, desc, eq, lte, or, type SQL } from 'drizzle-orm'
import { webhookDeliveries } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `webhook_deliveries` table: one row per attempt; PENDING rows are the persisted delivery
 * queue. Reads for the API are scoped to one organization; the worker's queue read
 * (`listDueDeliveries`) spans every organization, since one worker serves them all.
 */

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert
export type WebhookDeliveryPatch = Partial<
  Pick<
    WebhookDeliveryRow,
    | 'status'
    | 'responseStatus'
    | 'responseBody'
    | 'error'
    | 'durationMs'
    | 'nextAttemptAt'
    | 'deliveredAt'
  >
>

export interface WebhookDeliveryFilters {
  readonly status?: string | undefined
  readonly event?: string | undefined
  readonly eventId?: string | undefined
}

/** One page of an endpoint's delivery attempts, newest first, and the total matching. */
export function listWebhookDeliveries(
  db: DbLike,
  organizationId: string,
  webhookId: string,
  filters: WebhookDeliveryFilters,
  page: { limit: number; offset: number },
): { rows: WebhookDeliveryRow[]; total: number } {
  const conditions: SQL[] = [
    eq(webhookDeliveries.organizationId, organizationId),
    eq(webhookDeliveries.webhookId, webhookId),
  ]
  if (filters.status !== undefined) conditions.push(eq(webhookDeliveries.status, filters.status))
  if (filters.event !== undefined) conditions.push(eq(webhookDeliveries.event, filters.event))
  if (filters.eventId !== undefined) {
    conditions.push(eq(webhookDeliveries.eventId, filters.eventId))
  }
  const where = and(...conditions)
  const rows = db
    .select()
    .from(webhookDeliveries)
    .where(where)
    .orderBy(
      desc(webhookDeliveries.createdAt),
      desc(webhookDeliveries.attempt),
      desc(webhookDeliveries.id),
    )
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(webhookDeliveries).where(where).get()?.total ?? 0
  return { rows, total }
}

export function findWebhookDelivery(
  db: DbLike,
  organizationId: string,
  deliveryId: string,
): WebhookDeliveryRow | undefined {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, organizationId),
        eq(webhookDeliveries.id, deliveryId),
      ),
    )
    .get()
}

/** The attempt of `eventId` to `webhookId` with number `attempt`. */
export function findWebhookDeliveryAttempt(
  db: DbLike,
  organizationId: string,
  webhookId: string,
  eventId: string,
  attempt: number,
): WebhookDeliveryRow | undefined {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, organizationId),
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.eventId, eventId),
        eq(webhookDeliveries.attempt, attempt),
      ),
    )
    .get()
}

/**
 * PENDING attempts that are due, oldest first, across every organization: first attempts are
 * always due (they go out immediately); retries once `nextAttemptAt` ≤ `realNow`.
 */
export function listDueDeliveries(
  db: DbLike,
  realNow: number,
  limit: number,
): WebhookDeliveryRow[] {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'PENDING'),
        or(eq(webhookDeliveries.attempt, 1), lte(webhookDeliveries.nextAttemptAt, realNow)),
      ),
    )
    .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))
    .limit(limit)
    .all()
}

export function insertWebhookDelivery(db: DbLike, row: NewWebhookDeliveryRow): WebhookDeliveryRow {
  return db.insert(webhookDeliveries).values(row).returning().get()
}

/** Records the outcome of a PENDING attempt; undefined when it is no longer PENDING. */
export function completeWebhookDelivery(
  db: DbLike,
  organizationId: string,
  deliveryId: string,
  changes: WebhookDeliveryPatch,
): WebhookDeliveryRow | undefined {
  return db
    .update(webhookDeliveries)
    .set(changes)
    .where(
      and(
        eq(webhookDeliveries.organizationId, organizationId),
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, 'PENDING'),
      ),
    )
    .returning()
    .get()
}
