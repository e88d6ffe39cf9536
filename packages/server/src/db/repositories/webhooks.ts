import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { webhooks } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `webhooks` table (endpoint configuration), always scoped to one organization. */

export type WebhookRow = typeof webhooks.$inferSelect
export type NewWebhookRow = typeof webhooks.$inferInsert
export type WebhookPatch = Partial<Omit<WebhookRow, 'id' | 'organizationId' | 'createdAt'>>

/** One page of the organization's webhook endpoints, newest first, and the total matching. */
export function listWebhooks(
  db: DbLike,
  organizationId: string,
  filters: { readonly isActive?: boolean | undefined },
  page: { limit: number; offset: number },
): { rows: WebhookRow[]; total: number } {
  const conditions: SQL[] = [eq(webhooks.organizationId, organizationId)]
  if (filters.isActive !== undefined) conditions.push(eq(webhooks.isActive, filters.isActive))
  const where = and(...conditions)
  const rows = db
    .select()
    .from(webhooks)
    .where(where)
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(webhooks).where(where).get()?.total ?? 0
  return { rows, total }
}

export function findWebhook(
  db: DbLike,
  organizationId: string,
  webhookId: string,
): WebhookRow | undefined {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.organizationId, organizationId), eq(webhooks.id, webhookId)))
    .get()
}

export function insertWebhook(db: DbLike, row: NewWebhookRow): WebhookRow {
  return db.insert(webhooks).values(row).returning().get()
}

export function updateWebhook(
  db: DbLike,
  organizationId: string,
  webhookId: string,
  changes: WebhookPatch,
): WebhookRow | undefined {
  return db
    .update(webhooks)
    .set(changes)
    .where(and(eq(webhooks.organizationId, organizationId), eq(webhooks.id, webhookId)))
    .returning()
    .get()
}

/** Deletes the endpoint; its delivery log goes with it (`ON DELETE CASCADE`). */
export function deleteWebhook(db: DbLike, organizationId: string, webhookId: string): void {
  db.delete(webhooks)
    .where(and(eq(webhooks.organizationId, organizationId), eq(webhooks.id, webhookId)))
    .run()
}

/** The endpoints an event goes to: the organization's active ones, or exactly `onlyWebhookId`. */
export function listEventTargets(
  db: DbLike,
  organizationId: string,
  onlyWebhookId?: string,
): Array<Pick<WebhookRow, 'id' | 'events'>> {
  if (onlyWebhookId === undefined) {
    return preparedQuery(db, 'webhooks.activeTargets', (db) =>
      db
        .select({ id: webhooks.id, events: webhooks.events })
        .from(webhooks)
        .where(
          and(
            eq(webhooks.organizationId, sql.placeholder('organizationId')),
            eq(webhooks.isActive, true),
          ),
        )
        .prepare(),
    ).all({ organizationId })
  }
  return db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.organizationId, organizationId),
        onlyWebhookId === undefined ? eq(webhooks.isActive, true) : eq(webhooks.id, onlyWebhookId),
      ),
    )
    .all()
}
