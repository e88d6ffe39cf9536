import { keyKindOf, type RegisteredEndpoint } from '@conto/schemas'
import { findApiKeyByHash, touchApiKey } from '../db/repositories/api-keys.js'
import { findSdkKeyByHash, touchSdkKey } from '../db/repositories/sdk-keys.js'
import type { Auth, ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { hashKey } from '../keys.js'

/**
 * Resolves the bearer key of a request for `endpoint`: missing, malformed, unknown or revoked →
 * 401 AUTH_FAILED; expired → 401 EXPIRED_KEY; the wrong kind of key for the route → 403
 * INSUFFICIENT_SCOPE; a key without any of the endpoint's scopes → 403 INSUFFICIENT_SCOPE.
 */
export function authenticate(
  deps: ServiceDeps,
  endpoint: RegisteredEndpoint,
  authorization: string | undefined,
): Auth {
  if (endpoint.keyKinds.length === 0) return { kind: 'public' }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (!match?.[1]) {
    throw new ApiError(
      'AUTH_FAILED',
      authorization
        ? 'Malformed Authorization header: expected "Bearer <key>"'
        : 'Missing API key: send "Authorization: Bearer <key>"',
    )
  }
  const key = match[1]
  const kind = keyKindOf(key)
  if (kind === 'unknown') throw new ApiError('AUTH_FAILED', 'Invalid API key')
  const now = deps.clock.now()
  const hash = hashKey(key)
  const auth = kind === 'agent' ? findAgentKey(deps, hash, now) : findOrgKey(deps, hash, now)
  if (auth.kind === 'public') return auth
  checkKind(endpoint, auth)
  const accepted = endpoint.scopes as readonly string[]
  if (accepted.length > 0 && !accepted.some((scope) => auth.scopes.has(scope))) {
    throw new ApiError(
      'INSUFFICIENT_SCOPE',
      `This API key lacks the required scope: ${accepted.join(' or ')}`,
      { requiredScopes: [...accepted] },
    )
  }
  return auth
}

function findOrgKey(deps: ServiceDeps, hash: string, now: number): Auth {
  const row = findApiKeyByHash(deps.db, hash)
  if (!row || row.key.revokedAt !== null)
    throw new ApiError('AUTH_FAILED', 'Invalid or revoked API key')
  checkExpiry(row.key.expiresAt, row.orgExpiresAt, now)
  touchApiKey(deps.db, row.key, now)
  return {
    kind: 'org',
    organizationId: row.key.organizationId,
    keyId: row.key.id,
    scopes: new Set(row.key.scopes),
  }
}

function findAgentKey(deps: ServiceDeps, hash: string, now: number): Auth {
  const row = findSdkKeyByHash(deps.db, hash)
  if (!row || row.key.revokedAt !== null)
    throw new ApiError('AUTH_FAILED', 'Invalid or revoked API key')
  checkExpiry(row.key.expiresAt, row.orgExpiresAt, now)
  touchSdkKey(deps.db, row.key, now)
  return {
    kind: 'agent',
    organizationId: row.key.organizationId,
    agentId: row.key.agentId,
    keyId: row.key.id,
    keyType: row.key.keyType,
    scopes: new Set(row.key.scopes),
  }
}

function checkExpiry(keyExpiresAt: number | null, orgExpiresAt: number | null, now: number): void {
  if (
    (keyExpiresAt !== null && keyExpiresAt <= now) ||
    (orgExpiresAt !== null && orgExpiresAt <= now)
  ) {
    throw new ApiError('EXPIRED_KEY', 'This API key has expired: create a new one')
  }
}

function checkKind(endpoint: RegisteredEndpoint, auth: Auth): void {
  const kinds = endpoint.keyKinds as readonly string[]
  if (auth.kind === 'org' && !kinds.includes('org')) {
    throw new ApiError(
      'INSUFFICIENT_SCOPE',
      'Organization API keys cannot call /api/sdk/* routes: use an agent SDK key (conto_agent_…) with the Conto client',
    )
  }
  if (auth.kind === 'agent' && !kinds.includes('agent')) {
    const adminAllowed = kinds.includes('adminAgent') && auth.keyType === 'admin'
    if (!adminAllowed) {
      throw new ApiError(
        'INSUFFICIENT_SCOPE',
        kinds.includes('adminAgent')
          ? 'This route needs an organization API key or an admin-type agent SDK key'
          : 'Agent SDK keys cannot call organization routes: use an organization API key (conto_…) with ContoAdmin',
      )
    }
  }
}
