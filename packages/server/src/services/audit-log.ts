import { createHash } from 'node:crypto'
import { canonicalJson } from '../canonical-json.js'
import { insertAuditEntry, lastAuditEntry } from '../db/repositories/audit-logs.js'
import type { DbLike } from '../db/transaction.js'
import type { Actor, RequestInfo } from '../deps.js'
import { createId } from '../ids.js'

/**
 * The audit trail: one immutable entry per state change, with actor, before and after. Entries
 * are SHA-256 hash-chained per organization — each hash covers the entry and the previous hash —
 * so any edit or deletion breaks the chain (`verifyAuditChain`).
 */
export interface AuditEntryInput {
  readonly organizationId: string
  readonly action: string
  readonly resource: string
  readonly resourceId: string | null
  readonly previousState?: unknown
  readonly newState?: unknown
  readonly actor: Actor
  readonly request?: RequestInfo | undefined
  readonly metadata?: Record<string, unknown>
}

export const GENESIS_HASH = '0'.repeat(64)

export function recordAudit(db: DbLike, now: number, entry: AuditEntryInput): void {
  const last = lastAuditEntry(db, entry.organizationId)
  const row = {
    id: createId(),
    organizationId: entry.organizationId,
    sequence: (last?.sequence ?? 0) + 1,
    action: entry.action,
    resource: entry.resource,
    resourceId: entry.resourceId,
    previousState: entry.previousState ?? null,
    newState: entry.newState ?? null,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    ipAddress: entry.request?.ip ?? null,
    userAgent: entry.request?.userAgent ?? null,
    metadata: {
      ...entry.metadata,
      ...(entry.request ? { requestId: entry.request.requestId } : {}),
    },
    previousHash: last?.hash ?? GENESIS_HASH,
    createdAt: now,
  }
  insertAuditEntry(db, { ...row, hash: auditHash(row) })
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function auditHash(row: {
  organizationId: string
  sequence: number
  action: string
  resource: string
  resourceId: string | null
  previousState: unknown
  newState: unknown
  actorType: string
  actorId: string
  createdAt: number
  previousHash: string
}): string {
  const content = canonicalJson({
    organizationId: row.organizationId,
    sequence: row.sequence,
    action: row.action,
    resource: row.resource,
    resourceId: row.resourceId,
    previousState: row.previousState,
    newState: row.newState,
    actorType: row.actorType,
    actorId: row.actorId,
    createdAt: row.createdAt,
  })
  return createHash('sha256').update(row.previousHash).update(content).digest('hex')
}
