import { and, asc, count, eq } from 'drizzle-orm'
import { sdkKeys } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `sdk_keys` table (agent SDK keys; hashes only), scoped to one organization and agent. */

export type SdkKeyRow = typeof sdkKeys.$inferSelect
export type NewSdkKeyRow = typeof sdkKeys.$inferInsert

export function insertSdkKey(db: DbLike, row: NewSdkKeyRow): SdkKeyRow {
  return db.insert(sdkKeys).values(row).returning().get()
}

export function findSdkKey(
  db: DbLike,
  organizationId: string,
  agentId: string,
  keyId: string,
): SdkKeyRow | undefined {
  return db
    .select()
    .from(sdkKeys)
    .where(
      and(
        eq(sdkKeys.organizationId, organizationId),
        eq(sdkKeys.agentId, agentId),
        eq(sdkKeys.id, keyId),
      ),
    )
    .get()
}

/** A page of the agent's keys (revoked ones included), oldest first. */
export function listSdkKeys(
  db: DbLike,
  organizationId: string,
  agentId: string,
  page: { readonly limit: number; readonly offset: number },
): { rows: SdkKeyRow[]; total: number } {
  const where = and(eq(sdkKeys.organizationId, organizationId), eq(sdkKeys.agentId, agentId))
  const rows = db
    .select()
    .from(sdkKeys)
    .where(where)
    .orderBy(asc(sdkKeys.createdAt), asc(sdkKeys.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(sdkKeys).where(where).get()?.total ?? 0
  return { rows, total }
}

export function markSdkKeyRevoked(
  db: DbLike,
  organizationId: string,
  keyId: string,
  revokedAt: number,
): SdkKeyRow | undefined {
  return db
    .update(sdkKeys)
    .set({ revokedAt })
    .where(and(eq(sdkKeys.organizationId, organizationId), eq(sdkKeys.id, keyId)))
    .returning()
    .get()
}
