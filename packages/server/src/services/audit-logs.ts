import {
  type AuditLog,
  type ExportAuditLogsResponse,
  type exportAuditLogsParamsSchema,
  type ListAuditLogsResponse,
  type listAuditLogsQuerySchema,
  orgRoleRank,
  type VerifyAuditLogsResponse,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import {
  type AuditLogFilters,
  type AuditLogRow,
  auditChainAfter,
  listAuditLogs as listAuditLogRows,
} from '../db/repositories/audit-logs.js'
import { inTransaction } from '../db/transaction.js'
import { actorOf, callerOf, type ServiceCall, type ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { auditHash, GENESIS_HASH, recordAudit } from './audit-log.js'
import { callerRank } from './members.js'
import { paginationOf } from './pagination.js'

/**
 * Audit logs (§2.12, §4.16): the organization's entries with every filter (newest first), the
 * agent's view (entries it made or about it), exports as JSON or CSV (themselves logged as
 * AUDIT_LOG_EXPORTED; OWNER/ADMIN only, per the permission matrix), and verification of the
 * SHA-256 hash chain. Entries are written by `recordAudit` (audit-log.ts).
 */

type ListQuery = z.output<typeof listAuditLogsQuerySchema>
type ExportInput = z.output<typeof exportAuditLogsParamsSchema>

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

/** The repository filters of a query: a date-only `endDate` includes that whole UTC day. */
export function auditLogFiltersOf(query: {
  readonly action?: string | undefined
  readonly resource?: string | undefined
  readonly resourceId?: string | undefined
  readonly actorType?: string | undefined
  readonly actorId?: string | undefined
  readonly startDate?: string | undefined
  readonly endDate?: string | undefined
}): AuditLogFilters {
  const end = query.endDate
  return {
    action: query.action,
    resource: query.resource,
    resourceId: query.resourceId,
    actorType: query.actorType,
    actorId: query.actorId,
    createdFrom: query.startDate === undefined ? undefined : Date.parse(query.startDate),
    createdTo: end === undefined || DATE_ONLY.test(end) ? undefined : Date.parse(end),
    createdBefore: end !== undefined && DATE_ONLY.test(end) ? Date.parse(end) + DAY_MS : undefined,
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Top-level fields whose value differs between two states. */
function changedFields(before: unknown, after: unknown): string[] | undefined {
  if (!isPlainObject(before) || !isPlainObject(after)) return undefined
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
}

/**
 * An entry as the API returns it: `metadata` carries the chain (`auditHash`, `previousHash` —
 * null for the organization's first entry), the changed fields of an UPDATE, and the org API
 * key of an API actor, next to what was stored (request id …).
 */
export function toAuditLogResponse(row: AuditLogRow): AuditLog {
  const stored = row.metadata ?? {}
  const changes =
    Array.isArray(stored['changes']) || row.action !== 'UPDATE'
      ? undefined
      : changedFields(row.previousState, row.newState)
  return {
    id: row.id,
    action: row.action,
    resource: row.resource,
    resourceId: row.resourceId,
    previousState: row.previousState ?? null,
    newState: row.newState ?? null,
    actorType: row.actorType,
    actorId: row.actorId,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    metadata: {
      ...stored,
      ...(changes ? { changes } : {}),
      ...(row.actorType === 'API' ? { apiKeyId: row.actorId } : {}),
      auditHash: row.hash,
      previousHash: row.previousHash === GENESIS_HASH ? null : row.previousHash,
    },
    createdAt: toIso(row.createdAt),
  }
}

function listPage(
  deps: ServiceDeps,
  organizationId: string,
  filters: AuditLogFilters,
  query: ListQuery,
): ListAuditLogsResponse {
  const { rows, total } = listAuditLogRows(deps.db, organizationId, filters, query)
  return {
    logs: rows.map(toAuditLogResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function listAuditLogs(call: ServiceCall, query: ListQuery): ListAuditLogsResponse {
  return listPage(call.deps, callerOf(call.auth).organizationId, auditLogFiltersOf(query), query)
}

/** The calling agent's view: entries whose actor is the agent or whose resource is the agent. */
export function listAgentAuditLogs(call: ServiceCall, query: ListQuery): ListAuditLogsResponse {
  const caller = callerOf(call.auth)
  if (caller.kind !== 'agent') throw new ApiError('FORBIDDEN', 'An agent key is required')
  return listPage(
    call.deps,
    caller.organizationId,
    { ...auditLogFiltersOf(query), aboutAgentId: caller.agentId },
    query,
  )
}

export const AUDIT_LOG_CSV_COLUMNS = [
  'id',
  'createdAt',
  'action',
  'resource',
  'resourceId',
  'actorType',
  'actorId',
  'ipAddress',
  'userAgent',
  'previousState',
  'newState',
  'auditHash',
  'previousHash',
  'metadata',
] as const

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break (quotes doubled). A
 * text starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so spreadsheets do not
 * run it as a formula (CSV injection).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'string' ? value : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The entries as CSV: a header row, then one row per entry, CRLF line ends. */
export function auditLogsToCsv(entries: readonly AuditLog[]): string {
  const lines = [AUDIT_LOG_CSV_COLUMNS.join(',')]
  for (const entry of entries) {
    const cells: Record<(typeof AUDIT_LOG_CSV_COLUMNS)[number], unknown> = {
      id: entry.id,
      createdAt: entry.createdAt,
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId,
      actorType: entry.actorType,
      actorId: entry.actorId,
      ipAddress: entry.ipAddress,
      userAgent: entry.userAgent,
      previousState: entry.previousState,
      newState: entry.newState,
      auditHash: entry.metadata.auditHash,
      previousHash: entry.metadata.previousHash,
      metadata: entry.metadata,
    }
    lines.push(AUDIT_LOG_CSV_COLUMNS.map((column) => csvField(cells[column])).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}

/**
 * Every matching entry (newest first) as JSON or CSV; the export is recorded as an
 * AUDIT_LOG_EXPORTED entry (after the read, so it is not part of its own export).
 */
export function exportAuditLogs(call: ServiceCall, input: ExportInput): ExportAuditLogsResponse {
  const caller = callerOf(call.auth)
  const { organizationId } = caller
  const now = call.deps.clock.now()
  return inTransaction(call.deps.db, (tx) => {
    if (callerRank(tx, call.auth) < orgRoleRank.ADMIN) {
      throw new ApiError('FORBIDDEN', 'Only OWNER and ADMIN members may export audit logs')
    }
    const { format, ...filters } = input
    const entries = listAuditLogRows(tx, organizationId, auditLogFiltersOf(filters)).rows.map(
      toAuditLogResponse,
    )
    recordAudit(tx, now, {
      organizationId,
      action: 'AUDIT_LOG_EXPORTED',
      resource: 'organization',
      resourceId: organizationId,
      actor: actorOf(call.auth),
      request: call.request,
      metadata: { format, count: entries.length, filters },
    })
    const exportedAt = toIso(now)
    return format === 'csv'
      ? { format, count: entries.length, data: auditLogsToCsv(entries), exportedAt }
      : { format, count: entries.length, data: entries, exportedAt }
  })
}

const VERIFY_BATCH = 500

/**
 * Recomputes the organization's chain in sequence order: each entry must follow the previous
 * one (sequence + 1, `previousHash` = its hash, genesis for the first) and hash to its stored
 * `hash`. `firstInvalidId` is the first entry that does not; `checked` counts every entry.
 */
export function verifyAuditLogs(call: ServiceCall): VerifyAuditLogsResponse {
  const { organizationId } = callerOf(call.auth)
  let checked = 0
  let firstInvalidId: string | null = null
  let expectedSequence = 1
  let expectedPrevious = GENESIS_HASH
  let after = 0
  for (;;) {
    const batch = auditChainAfter(call.deps.db, organizationId, after, VERIFY_BATCH)
    for (const row of batch) {
      checked += 1
      const intact =
        row.sequence === expectedSequence &&
        row.previousHash === expectedPrevious &&
        auditHash(row) === row.hash
      if (!intact && firstInvalidId === null) firstInvalidId = row.id
      expectedSequence = row.sequence + 1
      expectedPrevious = row.hash
      after = row.sequence
    }
    if (batch.length < VERIFY_BATCH) break
  }
  return { valid: firstInvalidId === null, checked, firstInvalidId }
}
