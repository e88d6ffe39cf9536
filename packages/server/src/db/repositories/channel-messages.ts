import { and, asc, eq, lte } from 'drizzle-orm'
import { insertRow } from '../prepared.js'
import { channelMessages } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `channel_messages` outbox. Reads for one message are scoped to its organization; the
 * worker's queue read (`listDueChannelMessages`) spans every organization, since one worker
 * serves them all.
 */

export type ChannelMessageRow = typeof channelMessages.$inferSelect
export type NewChannelMessageRow = typeof channelMessages.$inferInsert
export type ChannelMessagePatch = Partial<
  Pick<
    ChannelMessageRow,
    'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt' | 'payload' | 'updatedAt'
  >
>

export function insertChannelMessage(db: DbLike, row: NewChannelMessageRow): void {
  insertRow(db, channelMessages, row)
}

export function findChannelMessage(
  db: DbLike,
  organizationId: string,
  messageId: string,
): ChannelMessageRow | undefined {
  return db
    .select()
    .from(channelMessages)
    .where(
      and(eq(channelMessages.organizationId, organizationId), eq(channelMessages.id, messageId)),
    )
    .get()
}

/** PENDING messages due at `realNow` (retries wait on real time), oldest first. */
export function listDueChannelMessages(
  db: DbLike,
  realNow: number,
  limit: number,
): ChannelMessageRow[] {
  return db
    .select()
    .from(channelMessages)
    .where(and(eq(channelMessages.status, 'PENDING'), lte(channelMessages.nextAttemptAt, realNow)))
    .orderBy(asc(channelMessages.createdAt), asc(channelMessages.id))
    .limit(limit)
    .all()
}

/**
 * Records an attempt on a message that is still PENDING after exactly `attempts` attempts (so two
 * senders never both record the same attempt); undefined when another one did.
 */
export function recordChannelMessageAttempt(
  db: DbLike,
  organizationId: string,
  messageId: string,
  attempts: number,
  changes: ChannelMessagePatch,
): ChannelMessageRow | undefined {
  return db
    .update(channelMessages)
    .set(changes)
    .where(
      and(
        eq(channelMessages.organizationId, organizationId),
        eq(channelMessages.id, messageId),
        eq(channelMessages.status, 'PENDING'),
        eq(channelMessages.attempts, attempts),
      ),
    )
    .returning()
    .get()
}
