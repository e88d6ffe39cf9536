import {
  type CreateSdkKeyResponse,
  type createSdkKeyParamsSchema,
  type ListSdkKeysResponse,
  type paginationQuerySchema,
  type RevokeSdkKeyResponse,
  SDK_KEY_SAVE_MESSAGE,
  type SdkKey,
  sdkKeyScopePresets,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import * as repo from '../db/repositories/sdk-keys.js'
import { inTransaction } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { generateKey } from '../keys.js'
import { requireAgent } from './agents.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/** Agent SDK keys: `conto_agent_…` secrets shown once; only their SHA-256 hash is stored. */

export type SdkKeyRow = repo.SdkKeyRow

const DAY_MS = 86_400_000

/** An SDK key as lists show it: no secret, no hash. */
export function toSdkKeyResponse(row: SdkKeyRow): SdkKey {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    keyType: row.keyType,
    scopes: row.scopes as SdkKey['scopes'],
    expiresAt: toIsoOrNull(row.expiresAt),
    lastUsedAt: toIsoOrNull(row.lastUsedAt),
    revokedAt: toIsoOrNull(row.revokedAt),
    createdAt: toIso(row.createdAt),
  }
}

export function createSdkKey(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  body: z.output<typeof createSdkKeyParamsSchema>,
): CreateSdkKeyResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const agent = requireAgent(tx, organizationId, agentId)
    if (agent.status === 'REVOKED') {
      throw new ApiError('INVALID_STATUS', 'A REVOKED agent cannot get new SDK keys', {
        currentStatus: agent.status,
      })
    }
    const generated = generateKey('agent')
    const row = repo.insertSdkKey(tx, {
      id: createId(),
      organizationId,
      agentId,
      name: body.name,
      keyHash: generated.hash,
      keyPrefix: generated.prefix,
      keyType: body.keyType,
      scopes: [...(body.scopes ?? sdkKeyScopePresets[body.keyType])],
      expiresAt: now + body.expiresInDays * DAY_MS,
      createdAt: now,
    })
    const listed = toSdkKeyResponse(row)
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'sdk_key',
      resourceId: row.id,
      newState: { ...listed, agentId },
      actor: actorOf(auth),
      request,
      metadata: { agentId },
    })
    return {
      id: row.id,
      key: generated.key,
      keyPrefix: row.keyPrefix,
      name: row.name,
      keyType: row.keyType,
      scopes: listed.scopes,
      expiresAt: toIso(now + body.expiresInDays * DAY_MS),
      createdAt: listed.createdAt,
      message: SDK_KEY_SAVE_MESSAGE,
    }
  })
}

export function listSdkKeys(
  { deps, auth }: ServiceCall,
  agentId: string,
  query: z.output<typeof paginationQuerySchema>,
): ListSdkKeysResponse {
  const organizationId = organizationIdOf(auth)
  requireAgent(deps.db, organizationId, agentId)
  const { rows, total } = repo.listSdkKeys(deps.db, organizationId, agentId, query)
  return {
    keys: rows.map(toSdkKeyResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

/** Revokes a key at once; revoking it again returns the original `revokedAt`. */
export function revokeSdkKey(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  keyId: string,
): RevokeSdkKeyResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    requireAgent(tx, organizationId, agentId)
    const key = repo.findSdkKey(tx, organizationId, agentId, keyId)
    if (!key) throw notFound('SDK key', keyId)
    if (key.revokedAt !== null)
      return { success: true, id: key.id, revokedAt: toIso(key.revokedAt) }
    const revoked = repo.markSdkKeyRevoked(tx, organizationId, keyId, now) ?? key
    recordAudit(tx, now, {
      organizationId,
      action: 'PERMISSION_REVOKED',
      resource: 'sdk_key',
      resourceId: keyId,
      previousState: toSdkKeyResponse(key),
      newState: toSdkKeyResponse(revoked),
      actor: actorOf(auth),
      request,
      metadata: { agentId },
    })
    return { success: true, id: key.id, revokedAt: toIso(now) }
  })
}
