import { and, count, desc, eq, isNull, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { apiKeys, members, organizations } from '../schema.js'
import type { DbLike } from '../transaction.js'
import { LAST_USED_PRECISION_MS } from './sdk-keys.js'

/**
 * The `api_keys` table (organization API keys), scoped to one organization. Keys are issued by
 * `issueOrgApiKey` in `services/organizations.ts`; the secret is never stored.
 */

export type ApiKeyRow = typeof apiKeys.$inferSelect
export type ApiKeyCreatorRow = Pick<typeof members.$inferSelect, 'id' | 'email' | 'name'>

export interface ApiKeyWithCreator {
  readonly key: ApiKeyRow
  /** The member who created the key, when one did (and is still a member). */
  readonly creator: ApiKeyCreatorRow | null
}

export function findApiKey(
  db: DbLike,
  organizationId: string,
  apiKeyId: string,
): ApiKeyRow | undefined {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, apiKeyId)))
    .get()
}

export interface ApiKeyListFilter {
  readonly includeRevoked: boolean
  readonly limit: number
  readonly offset: number
}

/** A page of keys, newest first, with their creators; revoked keys only when asked for. */
export function listApiKeys(
  db: DbLike,
  organizationId: string,
  filter: ApiKeyListFilter,
): { rows: ApiKeyWithCreator[]; total: number } {
  const where = and(
    eq(apiKeys.organizationId, organizationId),
    filter.includeRevoked ? undefined : isNull(apiKeys.revokedAt),
  )
  const rows = db
    .select({ key: apiKeys, creator: { id: members.id, email: members.email, name: members.name } })
    .from(apiKeys)
    .leftJoin(
      members,
      and(
        eq(members.id, apiKeys.createdByMemberId),
        eq(members.organizationId, apiKeys.organizationId),
      ),
    )
    .where(where)
    .orderBy(desc(apiKeys.createdAt), desc(sql`${apiKeys}.rowid`))
    .limit(filter.limit)
    .offset(filter.offset)
    .all()
  const total = db.select({ total: count() }).from(apiKeys).where(where).get()?.total ?? 0
  return { rows, total }
}

/** Sets `revokedAt` once; returns the key as it is afterwards. */
export function markApiKeyRevoked(
  db: DbLike,
  organizationId: string,
  apiKeyId: string,
  now: number,
): ApiKeyRow | undefined {
  db.update(apiKeys)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        eq(apiKeys.id, apiKeyId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .run()
  return findApiKey(db, organizationId, apiKeyId)
}

export interface ApiKeyForAuth {
  readonly key: ApiKeyRow
  readonly orgExpiresAt: number | null
}

/** The key with this hash and its organization's expiry (sandbox organizations expire). */
export function findApiKeyByHash(db: DbLike, keyHash: string): ApiKeyForAuth | undefined {
  return preparedQuery(db, 'apiKeys.byHash', (db) =>
    db
      .select({ key: apiKeys, orgExpiresAt: organizations.expiresAt })
      .from(apiKeys)
      .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
      .where(eq(apiKeys.keyHash, sql.placeholder('keyHash')))
      .prepare(),
  ).get({ keyHash })
}

/** Records a use of the key, at most once per `LAST_USED_PRECISION_MS`. */
export function touchApiKey(db: DbLike, key: ApiKeyRow, now: number): void {
  if (key.lastUsedAt !== null && now - key.lastUsedAt < LAST_USED_PRECISION_MS) return
  preparedQuery(db, 'apiKeys.touch', (db) =>
    db
      .update(apiKeys)
      .set({ lastUsedAt: sql`${sql.placeholder('now')}` })
      .where(eq(apiKeys.id, sql.placeholder('id')))
      .prepare(),
  ).run({ id: key.id, now })
}
