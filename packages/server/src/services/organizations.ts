import { type OrgKeyScopePreset, orgKeyScopePresets } from '@conto/schemas'
import { apiKeys, members, organizations } from '../db/schema.js'
import type { DbLike } from '../db/transaction.js'
import { createId } from '../ids.js'
import { generateKey } from '../keys.js'

/** Creating organizations and their first credentials (seed, sandbox, tests). */

export interface NewOrganization {
  readonly name: string
  readonly mode: 'test' | 'live'
  readonly ownerEmail: string
  readonly ownerName?: string
  readonly isSandbox?: boolean
  readonly expiresAt?: number | null
}

export function createOrganization(db: DbLike, now: number, input: NewOrganization) {
  const organization = {
    id: createId(),
    name: input.name,
    mode: input.mode,
    isSandbox: input.isSandbox ?? false,
    expiresAt: input.expiresAt ?? null,
    createdAt: now,
  }
  db.insert(organizations).values(organization).run()
  const owner = {
    id: createId(),
    organizationId: organization.id,
    userId: createId(),
    email: input.ownerEmail,
    name: input.ownerName ?? null,
    role: 'OWNER',
    createdAt: now,
    updatedAt: now,
  }
  db.insert(members).values(owner).run()
  return { organization, owner }
}

export interface NewOrgApiKey {
  readonly organizationId: string
  readonly name: string
  readonly scopePreset?: OrgKeyScopePreset | null
  readonly scopes?: readonly string[]
  readonly expiresAt?: number | null
  readonly createdByMemberId?: string | null
}

/** Issues an org API key; the returned `key` is the only copy of the secret. */
export function issueOrgApiKey(db: DbLike, now: number, input: NewOrgApiKey) {
  const generated = generateKey('org')
  const scopes = input.scopes ?? orgKeyScopePresets[input.scopePreset ?? 'STANDARD']
  const row = {
    id: createId(),
    organizationId: input.organizationId,
    name: input.name,
    keyHash: generated.hash,
    keyPrefix: generated.prefix,
    scopes: [...scopes],
    scopePreset: input.scopes ? (input.scopePreset ?? null) : (input.scopePreset ?? 'STANDARD'),
    createdByMemberId: input.createdByMemberId ?? null,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
    createdAt: now,
  }
  db.insert(apiKeys).values(row).run()
  return { row, key: generated.key }
}
