import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { approvalWorkflows } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `approval_workflows` table, always scoped to one organization. */

export type ApprovalWorkflowRow = typeof approvalWorkflows.$inferSelect
export type NewApprovalWorkflowRow = typeof approvalWorkflows.$inferInsert
export type ApprovalWorkflowPatch = Partial<
  Omit<ApprovalWorkflowRow, 'id' | 'organizationId' | 'createdAt'>
>

/** Workflows in matching order: priority descending, then oldest first. */
const matchingOrder = [
  desc(approvalWorkflows.priority),
  asc(approvalWorkflows.createdAt),
  asc(sql`${approvalWorkflows}.rowid`),
]

export function findApprovalWorkflow(
  db: DbLike,
  organizationId: string,
  workflowId: string,
): ApprovalWorkflowRow | undefined {
  return db
    .select()
    .from(approvalWorkflows)
    .where(
      and(
        eq(approvalWorkflows.organizationId, organizationId),
        eq(approvalWorkflows.id, workflowId),
      ),
    )
    .get()
}

/** The organization's workflow named exactly `name` (other than `exceptId`). */
export function findApprovalWorkflowByName(
  db: DbLike,
  organizationId: string,
  name: string,
  exceptId?: string,
): ApprovalWorkflowRow | undefined {
  return db
    .select()
    .from(approvalWorkflows)
    .where(
      and(
        eq(approvalWorkflows.organizationId, organizationId),
        eq(approvalWorkflows.name, name),
        exceptId === undefined ? undefined : ne(approvalWorkflows.id, exceptId),
      ),
    )
    .get()
}

/** A page of the organization's workflows in matching order, with the total matching. */
export function listApprovalWorkflows(
  db: DbLike,
  organizationId: string,
  filter: { readonly isActive?: boolean | undefined },
  page: { readonly limit: number; readonly offset: number },
): { rows: ApprovalWorkflowRow[]; total: number } {
  const where = and(
    eq(approvalWorkflows.organizationId, organizationId),
    filter.isActive === undefined ? undefined : eq(approvalWorkflows.isActive, filter.isActive),
  )
  const rows = db
    .select()
    .from(approvalWorkflows)
    .where(where)
    .orderBy(...matchingOrder)
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(approvalWorkflows).where(where).get()?.total ?? 0
  return { rows, total }
}

/** Every active workflow of the organization, in matching order. */
export function listActiveApprovalWorkflows(
  db: DbLike,
  organizationId: string,
): ApprovalWorkflowRow[] {
  return preparedQuery(db, 'approvalWorkflows.active', (db) =>
    db
      .select()
      .from(approvalWorkflows)
      .where(
        and(
          eq(approvalWorkflows.organizationId, sql.placeholder('organizationId')),
          eq(approvalWorkflows.isActive, true),
        ),
      )
      .orderBy(...matchingOrder)
      .prepare(),
  ).all({ organizationId })
}

export function insertApprovalWorkflow(
  db: DbLike,
  row: NewApprovalWorkflowRow,
): ApprovalWorkflowRow {
  return db.insert(approvalWorkflows).values(row).returning().get()
}

export function updateApprovalWorkflow(
  db: DbLike,
  organizationId: string,
  workflowId: string,
  patch: ApprovalWorkflowPatch,
): ApprovalWorkflowRow | undefined {
  return db
    .update(approvalWorkflows)
    .set(patch)
    .where(
      and(
        eq(approvalWorkflows.organizationId, organizationId),
        eq(approvalWorkflows.id, workflowId),
      ),
    )
    .returning()
    .get()
}

/** Deletes the workflow; false when it is not the organization's. */
export function deleteApprovalWorkflow(
  db: DbLike,
  organizationId: string,
  workflowId: string,
): boolean {
  const result = db
    .delete(approvalWorkflows)
    .where(
      and(
        eq(approvalWorkflows.organizationId, organizationId),
        eq(approvalWorkflows.id, workflowId),
      ),
    )
    .run()
  return result.changes > 0
}
