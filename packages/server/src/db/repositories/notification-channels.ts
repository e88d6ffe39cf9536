import { and, count, desc, eq, inArray, max, type SQL, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { channelMessages, notificationChannels } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `notification_channels` table, always scoped to one organization. */

export type NotificationChannelRow = typeof notificationChannels.$inferSelect
export type NewNotificationChannelRow = typeof notificationChannels.$inferInsert
export type NotificationChannelPatch = Partial<
  Omit<NotificationChannelRow, 'id' | 'organizationId' | 'type' | 'createdAt'>
>

export interface NotificationChannelFilters {
  readonly type?: string | undefined
  readonly isActive?: boolean | undefined
}

/** One page of the organization's channels, newest first, and the total matching. */
export function listNotificationChannels(
  db: DbLike,
  organizationId: string,
  filters: NotificationChannelFilters,
  page: { limit: number; offset: number },
): { rows: NotificationChannelRow[]; total: number } {
  const conditions: SQL[] = [eq(notificationChannels.organizationId, organizationId)]
  if (filters.type !== undefined) conditions.push(eq(notificationChannels.type, filters.type))
  if (filters.isActive !== undefined) {
    conditions.push(eq(notificationChannels.isActive, filters.isActive))
  }
  const where = and(...conditions)
  const rows = db
    .select()
    .from(notificationChannels)
    .where(where)
    .orderBy(desc(notificationChannels.createdAt), desc(notificationChannels.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total =
    db.select({ total: count() }).from(notificationChannels).where(where).get()?.total ?? 0
  return { rows, total }
}

export function findNotificationChannel(
  db: DbLike,
  organizationId: string,
  channelId: string,
): NotificationChannelRow | undefined {
  return db
    .select()
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.organizationId, organizationId),
        eq(notificationChannels.id, channelId),
      ),
    )
    .get()
}

export function insertNotificationChannel(
  db: DbLike,
  row: NewNotificationChannelRow,
): NotificationChannelRow {
  return db.insert(notificationChannels).values(row).returning().get()
}

export function updateNotificationChannel(
  db: DbLike,
  organizationId: string,
  channelId: string,
  changes: NotificationChannelPatch,
): NotificationChannelRow | undefined {
  return db
    .update(notificationChannels)
    .set(changes)
    .where(
      and(
        eq(notificationChannels.organizationId, organizationId),
        eq(notificationChannels.id, channelId),
      ),
    )
    .returning()
    .get()
}

/** Deletes the channel; its messages and unused tokens go with it (`ON DELETE CASCADE`). */
export function deleteNotificationChannel(
  db: DbLike,
  organizationId: string,
  channelId: string,
): void {
  db.delete(notificationChannels)
    .where(
      and(
        eq(notificationChannels.organizationId, organizationId),
        eq(notificationChannels.id, channelId),
      ),
    )
    .run()
}

/** The organization's active channels (the targets an event may go to). */
export function listActiveChannelTargets(
  db: DbLike,
  organizationId: string,
): Array<Pick<NotificationChannelRow, 'id' | 'type' | 'events'>> {
  return preparedQuery(db, 'notificationChannels.activeTargets', (db) =>
    db
      .select({
        id: notificationChannels.id,
        type: notificationChannels.type,
        events: notificationChannels.events,
      })
      .from(notificationChannels)
      .where(
        and(
          eq(notificationChannels.organizationId, sql.placeholder('organizationId')),
          eq(notificationChannels.isActive, true),
        ),
      )
      .prepare(),
  ).all({ organizationId })
}

/** When each channel last delivered a message (SENT or SIMULATED), by channel id. */
export function lastUsedAtOf(db: DbLike, channelIds: readonly string[]): Map<string, number> {
  if (channelIds.length === 0) return new Map()
  const rows = db
    .select({ channelId: channelMessages.channelId, lastUsedAt: max(channelMessages.sentAt) })
    .from(channelMessages)
    .where(
      and(
        inArray(channelMessages.channelId, [...channelIds]),
        inArray(channelMessages.status, ['SENT', 'SIMULATED']),
      ),
    )
    .groupBy(channelMessages.channelId)
    .all()
  const out = new Map<string, number>()
  for (const row of rows) if (row.lastUsedAt !== null) out.set(row.channelId, row.lastUsedAt)
  return out
}
