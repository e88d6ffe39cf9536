import { and, eq, isNull } from 'drizzle-orm'
import { insertRow } from '../prepared.js'
import { channelActionTokens } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `channel_action_tokens` table. Tokens are looked up by their hash alone (the caller of
 * `/api/approvals/action` has no other credential); everything else is scoped by the row found.
 */

export type ChannelActionTokenRow = typeof channelActionTokens.$inferSelect
export type NewChannelActionTokenRow = typeof channelActionTokens.$inferInsert

export function insertChannelActionToken(db: DbLike, row: NewChannelActionTokenRow): void {
  insertRow(db, channelActionTokens, row)
}

export function findChannelActionTokenByHash(
  db: DbLike,
  tokenHash: string,
): ChannelActionTokenRow | undefined {
  return db
    .select()
    .from(channelActionTokens)
    .where(eq(channelActionTokens.tokenHash, tokenHash))
    .get()
}

/**
 * Spends every still unused token of one channel message (the one presented and its sibling);
 * the ids it spent. A token missing from the result was spent before.
 */
export function spendChannelMessageTokens(
  db: DbLike,
  organizationId: string,
  messageId: string,
  now: number,
): string[] {
  return db
    .update(channelActionTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(channelActionTokens.organizationId, organizationId),
        eq(channelActionTokens.messageId, messageId),
        isNull(channelActionTokens.usedAt),
      ),
    )
    .returning({ id: channelActionTokens.id })
    .all()
    .map((row) => row.id)
}
