import { and, desc, eq, gt, isNull, or } from 'drizzle-orm'
import { budgetRequests } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `budget_requests` table (an agent's request for a spending budget), scoped to one organization. */

export type BudgetRequestRow = typeof budgetRequests.$inferSelect

/**
 * The agent's APPROVED budget request whose window (`windowEndsAt`, else `expiresAt`) is still
 * open at `now` (the newest one when several are), or `undefined`.
 */
export function findActiveBudgetRequest(
  db: DbLike,
  organizationId: string,
  agentId: string,
  now: number,
): BudgetRequestRow | undefined {
  return db
    .select()
    .from(budgetRequests)
    .where(
      and(
        eq(budgetRequests.agentId, agentId),
        eq(budgetRequests.organizationId, organizationId),
        eq(budgetRequests.status, 'APPROVED'),
        or(
          gt(budgetRequests.windowEndsAt, now),
          and(isNull(budgetRequests.windowEndsAt), gt(budgetRequests.expiresAt, now)),
        ),
      ),
    )
    .orderBy(desc(budgetRequests.createdAt))
    .get()
}
