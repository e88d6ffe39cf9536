import { and, count, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import { agents, approvalRequests } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `approval_requests` table (human approvals of payments), scoped to one organization. */

export type ApprovalRequestRow = typeof approvalRequests.$inferSelect
export type NewApprovalRequestRow = typeof approvalRequests.$inferInsert

export function insertApprovalRequest(db: DbLike, row: NewApprovalRequestRow): ApprovalRequestRow {
  return db.insert(approvalRequests).values(row).returning().get()
}

export function findApprovalRequest(
  db: DbLike,
  organizationId: string,
  approvalRequestId: string,
): ApprovalRequestRow | undefined {
  return db
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.organizationId, organizationId),
        eq(approvalRequests.id, approvalRequestId),
      ),
    )
    .get()
}

export type ApprovalRequestPatch = Partial<
  Pick<
    ApprovalRequestRow,
    'status' | 'approvals' | 'reason' | 'decidedBy' | 'decidedAt' | 'expiresAt'
  >
>

export interface ApprovalRequestFilters {
  readonly status?: string | undefined
  readonly types?: readonly string[] | undefined
  readonly agentId?: string | undefined
}

/** A page of the organization's approval requests, newest first, and the total matching. */
export function listApprovalRequests(
  db: DbLike,
  organizationId: string,
  filters: ApprovalRequestFilters,
  page: { readonly limit: number; readonly offset: number },
): { rows: ApprovalRequestWithAgent[]; total: number } {
  const where = and(
    eq(approvalRequests.organizationId, organizationId),
    filters.status === undefined ? undefined : eq(approvalRequests.status, filters.status),
    filters.types === undefined ? undefined : inArray(approvalRequests.type, [...filters.types]),
    filters.agentId === undefined ? undefined : eq(approvalRequests.agentId, filters.agentId),
  )
  const rows = db
    .select({ request: approvalRequests, agentName: agents.name })
    .from(approvalRequests)
    .leftJoin(agents, eq(agents.id, approvalRequests.agentId))
    .where(where)
    .orderBy(desc(approvalRequests.createdAt), desc(sql`${approvalRequests}.rowid`))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(approvalRequests).where(where).get()?.total ?? 0
  return { rows, total }
}

export interface ApprovalRequestWithAgent {
  readonly request: ApprovalRequestRow
  /** Null when the agent was deleted. */
  readonly agentName: string | null
}

/** One approval request of the organization with its agent's name. */
export function findApprovalRequestWithAgent(
  db: DbLike,
  organizationId: string,
  approvalRequestId: string,
): ApprovalRequestWithAgent | undefined {
  return db
    .select({ request: approvalRequests, agentName: agents.name })
    .from(approvalRequests)
    .leftJoin(agents, eq(agents.id, approvalRequests.agentId))
    .where(
      and(
        eq(approvalRequests.organizationId, organizationId),
        eq(approvalRequests.id, approvalRequestId),
      ),
    )
    .get()
}

/**
 * PENDING requests of the organization (of `agentId`, when given) whose `expiresAt` has passed
 * at `now`; reads the `(organization_id, status)` index.
 */
export function listOverdueApprovalRequests(
  db: DbLike,
  organizationId: string,
  now: number,
  agentId?: string,
): ApprovalRequestRow[] {
  return db
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.organizationId, organizationId),
        eq(approvalRequests.status, 'PENDING'),
        lte(approvalRequests.expiresAt, now),
        agentId === undefined ? undefined : eq(approvalRequests.agentId, agentId),
      ),
    )
    .all()
}

/** Organizations with a PENDING request past its expiry (at most `limit`), from the status index. */
export function listOrganizationsWithOverdueApprovals(
  db: DbLike,
  now: number,
  limit: number,
): string[] {
  return db
    .selectDistinct({ organizationId: approvalRequests.organizationId })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.status, 'PENDING'), lte(approvalRequests.expiresAt, now)))
    .limit(limit)
    .all()
    .map((row) => row.organizationId)
}

/**
 * Changes a request only if it is still in `fromStatus` (a compare-and-set); `undefined` when
 * another writer changed it first.
 */
export function transitionApprovalRequest(
  db: DbLike,
  organizationId: string,
  approvalRequestId: string,
  fromStatus: string,
  patch: ApprovalRequestPatch,
): ApprovalRequestRow | undefined {
  return db
    .update(approvalRequests)
    .set(patch)
    .where(
      and(
        eq(approvalRequests.organizationId, organizationId),
        eq(approvalRequests.id, approvalRequestId),
        eq(approvalRequests.status, fromStatus),
      ),
    )
    .returning()
    .get()
}
