import { and, asc, count, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import { insertRow, preparedQuery } from '../prepared.js'
import { auditLogs } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * Reads of the `audit_logs` table (entries are only ever written by `recordAudit`), always
 * scoped to one organization.
 */

export type AuditLogRow = typeof auditLogs.$inferSelect

export interface AuditLogFilters {
  readonly action?: string | undefined
  readonly resource?: string | undefined
  readonly resourceId?: string | undefined
  readonly actorType?: string | undefined
  readonly actorId?: string | undefined
  /** Inclusive lower bound of `createdAt` (epoch ms). */
  readonly createdFrom?: number | undefined
  /** Inclusive upper bound of `createdAt` (epoch ms). */
  readonly createdTo?: number | undefined
  /** Exclusive upper bound of `createdAt` (epoch ms). */
  readonly createdBefore?: number | undefined
  /** Only entries about this agent: it acted (actor AGENT) or it is the resource. */
  readonly aboutAgentId?: string | undefined
}

function conditionsOf(organizationId: string, filters: AuditLogFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(auditLogs.organizationId, organizationId)]
  if (filters.action !== undefined) conditions.push(eq(auditLogs.action, filters.action))
  if (filters.resource !== undefined) conditions.push(eq(auditLogs.resource, filters.resource))
  if (filters.resourceId !== undefined) {
    conditions.push(eq(auditLogs.resourceId, filters.resourceId))
  }
  if (filters.actorType !== undefined) conditions.push(eq(auditLogs.actorType, filters.actorType))
  if (filters.actorId !== undefined) conditions.push(eq(auditLogs.actorId, filters.actorId))
  if (filters.createdFrom !== undefined) {
    conditions.push(gte(auditLogs.createdAt, filters.createdFrom))
  }
  if (filters.createdTo !== undefined) conditions.push(lte(auditLogs.createdAt, filters.createdTo))
  if (filters.createdBefore !== undefined) {
    conditions.push(lt(auditLogs.createdAt, filters.createdBefore))
  }
  if (filters.aboutAgentId !== undefined) {
    conditions.push(
      or(
        and(eq(auditLogs.actorType, 'AGENT'), eq(auditLogs.actorId, filters.aboutAgentId)),
        eq(auditLogs.resourceId, filters.aboutAgentId),
      ),
    )
  }
  return and(...conditions)
}

/** Matching entries, newest first (one page when `page` is given), and the total matching. */
export function listAuditLogs(
  db: DbLike,
  organizationId: string,
  filters: AuditLogFilters,
  page?: { limit: number; offset: number },
): { rows: AuditLogRow[]; total: number } {
  const where = conditionsOf(organizationId, filters)
  const query = db
    .select()
    .from(auditLogs)
    .where(where)
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.sequence))
  const rows = page ? query.limit(page.limit).offset(page.offset).all() : query.all()
  const total = page
    ? (db.select({ total: count() }).from(auditLogs).where(where).get()?.total ?? 0)
    : rows.length
  return { rows, total }
}

/** The organization's chain after `afterSequence`, in sequence order, at most `limit` entries. */
export function auditChainAfter(
  db: DbLike,
  organizationId: string,
  afterSequence: number,
  limit: number,
): AuditLogRow[] {
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.organizationId, organizationId), gt(auditLogs.sequence, afterSequence)))
    .orderBy(asc(auditLogs.sequence))
    .limit(limit)
    .all()
}

/** The last entry of the organization's chain (its sequence and hash), if any. */
export function lastAuditEntry(
  db: DbLike,
  organizationId: string,
): { sequence: number; hash: string } | undefined {
  return preparedQuery(db, 'auditLogs.last', (db) =>
    db
      .select({ sequence: auditLogs.sequence, hash: auditLogs.hash })
      .from(auditLogs)
      .where(eq(auditLogs.organizationId, sql.placeholder('organizationId')))
      .orderBy(desc(auditLogs.sequence))
      .limit(1)
      .prepare(),
  ).get({ organizationId })
}

export function insertAuditEntry(db: DbLike, row: typeof auditLogs.$inferInsert): void {
  insertRow(db, auditLogs, row)
}
