import {
  type ApiKey,
  type CreateApiKeyResponse,
  type createApiKeyParamsSchema,
  type ListApiKeysResponse,
  type listApiKeysQuerySchema,
  type OrgKeyScopePreset,
  orgKeyScopePresets,
  type RevokeApiKeyResponse,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import * as repo from '../db/repositories/api-keys.js'
import { inTransaction } from '../db/transaction.js'
import {
  type Auth,
  actorOf,
  organizationIdOf,
  type RequestInfo,
  type ServiceDeps,
} from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { recordAudit } from './audit-log.js'
import { issueOrgApiKey } from './organizations.js'
import { paginationOf } from './pagination.js'

/**
 * Organization API keys (§2.13, §4.10): listing (never the secret), creation (the secret is
 * returned once) and revocation (effective on the next request). A key can never hand out a
 * scope it does not hold itself, so only a key with every ADMIN scope can create an ADMIN key.
 */

export type ApiKeyRow = repo.ApiKeyRow

type ListApiKeysInput = z.output<typeof listApiKeysQuerySchema>
type CreateApiKeyInput = z.output<typeof createApiKeyParamsSchema>

const DAY_MS = 86_400_000

export function toApiKeyResponse(
  row: ApiKeyRow,
  creator: repo.ApiKeyCreatorRow | null = null,
): ApiKey {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    scopes: row.scopes,
    scopePreset: row.scopePreset,
    expiresAt: toIsoOrNull(row.expiresAt),
    lastUsedAt: toIsoOrNull(row.lastUsedAt),
    revokedAt: toIsoOrNull(row.revokedAt),
    createdAt: toIso(row.createdAt),
    createdBy: creator ? { id: creator.id, email: creator.email, name: creator.name } : null,
  }
}

export function listApiKeys(
  deps: ServiceDeps,
  auth: Auth,
  query: ListApiKeysInput,
): ListApiKeysResponse {
  const { rows, total } = repo.listApiKeys(deps.db, organizationIdOf(auth), {
    includeRevoked: query.includeRevoked ?? false,
    limit: query.limit,
    offset: query.offset,
  })
  return {
    apiKeys: rows.map((row) => toApiKeyResponse(row.key, row.creator)),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function createApiKey(
  deps: ServiceDeps,
  auth: Auth,
  input: CreateApiKeyInput,
  request?: RequestInfo,
): CreateApiKeyResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  const scopes = input.scopes
    ? [...new Set(input.scopes)]
    : [...orgKeyScopePresets[input.scopePreset ?? 'STANDARD']]
  assertCallerHolds(auth, scopes, input.scopes ? undefined : (input.scopePreset ?? 'STANDARD'))
  return inTransaction(deps.db, (tx) => {
    const { row, key } = issueOrgApiKey(tx, now, {
      organizationId,
      name: input.name,
      scopePreset: input.scopes
        ? presetOf(scopes, input.scopePreset)
        : (input.scopePreset ?? 'STANDARD'),
      scopes,
      expiresAt: input.expiresInDays === undefined ? null : now + input.expiresInDays * DAY_MS,
      createdByMemberId: null,
    })
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'api_key',
      resourceId: row.id,
      newState: toApiKeyResponse(row),
      actor: actorOf(auth),
      request,
    })
    return {
      id: row.id,
      key,
      keyPrefix: row.keyPrefix,
      name: row.name,
      scopes: row.scopes,
      scopePreset: row.scopePreset,
      expiresAt: toIsoOrNull(row.expiresAt),
      createdAt: toIso(row.createdAt),
      message: 'Store this key securely: it is shown only once and cannot be retrieved again.',
    }
  })
}

/**
 * Revokes a key; it fails authentication from the next request on. Revoking a revoked key
 * returns the first `revokedAt`. A key may revoke itself, but not a key holding scopes it lacks.
 */
export function revokeApiKey(
  deps: ServiceDeps,
  auth: Auth,
  apiKeyId: string,
  request?: RequestInfo,
): RevokeApiKeyResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = repo.findApiKey(tx, organizationId, apiKeyId)
    if (!before) throw notFound('API key', apiKeyId)
    if (before.revokedAt !== null) {
      return { success: true as const, id: before.id, revokedAt: toIso(before.revokedAt) }
    }
    if (!(auth.kind === 'org' && auth.keyId === apiKeyId)) {
      const missing = missingScopes(auth, before.scopes)
      if (missing.length > 0) {
        throw new ApiError(
          'FORBIDDEN',
          `This API key cannot revoke a key with scopes it does not hold: ${missing.join(', ')}`,
          { missingScopes: missing },
        )
      }
    }
    const after = repo.markApiKeyRevoked(tx, organizationId, apiKeyId, now)
    if (!after || after.revokedAt === null) throw notFound('API key', apiKeyId)
    recordAudit(tx, now, {
      organizationId,
      action: 'PERMISSION_REVOKED',
      resource: 'api_key',
      resourceId: apiKeyId,
      previousState: toApiKeyResponse(before),
      newState: toApiKeyResponse(after),
      actor: actorOf(auth),
      request,
    })
    return { success: true as const, id: after.id, revokedAt: toIso(after.revokedAt) }
  })
}

// --- helpers --------------------------------------------------------------------------------

function missingScopes(auth: Auth, scopes: readonly string[]): string[] {
  if (auth.kind === 'public') return [...scopes]
  return scopes.filter((scope) => !auth.scopes.has(scope))
}

function assertCallerHolds(
  auth: Auth,
  scopes: readonly string[],
  preset: OrgKeyScopePreset | undefined,
): void {
  const missing = missingScopes(auth, scopes)
  if (missing.length === 0) return
  const message =
    preset === 'ADMIN'
      ? 'Only a key holding every ADMIN scope (the OWNER’s) may create an ADMIN key'
      : `An API key cannot grant scopes it does not hold: ${missing.join(', ')}`
  throw new ApiError('FORBIDDEN', message, { missingScopes: missing })
}

/** `preset` when the explicit `scopes` are exactly its scopes; null for a custom list. */
function presetOf(
  scopes: readonly string[],
  preset: OrgKeyScopePreset | undefined,
): OrgKeyScopePreset | null {
  if (preset === undefined) return null
  const wanted = new Set(scopes)
  const presetScopes: readonly string[] = orgKeyScopePresets[preset]
  return presetScopes.length === wanted.size && presetScopes.every((scope) => wanted.has(scope))
    ? preset
    : null
}
