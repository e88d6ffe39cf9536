import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
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
  return preparedQuery(db, 'budgetRequests.active', (db) =>
    db
      .select()
      .from(budgetRequests)
      .where(
        and(
          eq(budgetRequests.agentId, sql.placeholder('agentId')),
          eq(budgetRequests.organizationId, sql.placeholder('organizationId')),
          eq(budgetRequests.status, 'APPROVED'),
          or(
            gt(budgetRequests.windowEndsAt, sql.placeholder('now')),
            and(
              isNull(budgetRequests.windowEndsAt),
              gt(budgetRequests.expiresAt, sql.placeholder('now')),
            ),
          ),
        ),
      )
      .orderBy(desc(budgetRequests.createdAt))
      .prepare(),
  ).get({ agentId, organizationId, now })
}
