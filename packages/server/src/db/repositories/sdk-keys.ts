import { and, asc, count, eq, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { organizations, sdkKeys } from '../schema.js'
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

/** Minimum time between two `lastUsedAt` writes of one key (it is shown, not used for decisions). */
export const LAST_USED_PRECISION_MS = 60_000

export interface SdkKeyForAuth {
  readonly key: SdkKeyRow
  readonly orgExpiresAt: number | null
}

/** The key with this hash and its organization's expiry (sandbox organizations expire). */
export function findSdkKeyByHash(db: DbLike, keyHash: string): SdkKeyForAuth | undefined {
  return preparedQuery(db, 'sdkKeys.byHash', (db) =>
    db
      .select({ key: sdkKeys, orgExpiresAt: organizations.expiresAt })
      .from(sdkKeys)
      .innerJoin(organizations, eq(organizations.id, sdkKeys.organizationId))
      .where(eq(sdkKeys.keyHash, sql.placeholder('keyHash')))
      .prepare(),
  ).get({ keyHash })
}

/** Records a use of the key, at most once per `LAST_USED_PRECISION_MS`. */
export function touchSdkKey(db: DbLike, key: SdkKeyRow, now: number): void {
  if (key.lastUsedAt !== null && now - key.lastUsedAt < LAST_USED_PRECISION_MS) return
  preparedQuery(db, 'sdkKeys.touch', (db) =>
    db
      .update(sdkKeys)
      .set({ lastUsedAt: sql`${sql.placeholder('now')}` })
      .where(eq(sdkKeys.id, sql.placeholder('id')))
      .prepare(),
  ).run({ id: key.id, now })
}
