import { and, asc, count, desc, eq, inArray } from 'drizzle-orm'
import { agentPolicies, agents, policies } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `agent_policies` table (policy assignments; listing joins the assigned policy for its
 * evaluation order, and a policy's assignments join the agent's name). Always scoped to one
 * organization.
 */

export type AgentPolicyRow = typeof agentPolicies.$inferSelect
export type NewAgentPolicyRow = typeof agentPolicies.$inferInsert
export type AssignedPolicyRow = typeof policies.$inferSelect

export interface AssignmentWithPolicy {
  readonly assignment: AgentPolicyRow
  readonly policy: AssignedPolicyRow
}

/** An assignment with the assigned agent's name (a policy's `agentPolicies`). */
export interface PolicyAssignmentAgent {
  readonly id: string
  readonly policyId: string
  readonly agent: { readonly id: string; readonly name: string }
}

export function findAssignment(
  db: DbLike,
  organizationId: string,
  agentId: string,
  policyId: string,
): AgentPolicyRow | undefined {
  return db
    .select()
    .from(agentPolicies)
    .where(
      and(
        eq(agentPolicies.organizationId, organizationId),
        eq(agentPolicies.agentId, agentId),
        eq(agentPolicies.policyId, policyId),
      ),
    )
    .get()
}

/** The agent's assignments with their policies, oldest first; a page when `page` is given. */
export function listAssignments(
  db: DbLike,
  organizationId: string,
  agentId: string,
  page?: { readonly limit: number; readonly offset: number },
): { rows: AssignmentWithPolicy[]; total: number } {
  const where = and(
    eq(agentPolicies.organizationId, organizationId),
    eq(agentPolicies.agentId, agentId),
  )
  const query = db
    .select({ assignment: agentPolicies, policy: policies })
    .from(agentPolicies)
    .innerJoin(policies, eq(policies.id, agentPolicies.policyId))
    .where(where)
    .orderBy(desc(policies.priority), asc(agentPolicies.createdAt), asc(agentPolicies.id))
  const rows = page ? query.limit(page.limit).offset(page.offset).all() : query.all()
  const total = db.select({ total: count() }).from(agentPolicies).where(where).get()?.total ?? 0
  return { rows, total }
}

/** Every assignment of `policyIds` with the assigned agent's id and name. */
export function listAssignmentsOfPolicies(
  db: DbLike,
  organizationId: string,
  policyIds: readonly string[],
): PolicyAssignmentAgent[] {
  if (policyIds.length === 0) return []
  return db
    .select({
      id: agentPolicies.id,
      policyId: agentPolicies.policyId,
      agentId: agents.id,
      agentName: agents.name,
    })
    .from(agentPolicies)
    .innerJoin(agents, eq(agents.id, agentPolicies.agentId))
    .where(
      and(
        eq(agentPolicies.organizationId, organizationId),
        inArray(agentPolicies.policyId, [...policyIds]),
      ),
    )
    .orderBy(asc(agentPolicies.createdAt), asc(agentPolicies.id))
    .all()
    .map((row) => ({
      id: row.id,
      policyId: row.policyId,
      agent: { id: row.agentId, name: row.agentName },
    }))
}

export function insertAssignment(db: DbLike, row: NewAgentPolicyRow): AgentPolicyRow {
  return db.insert(agentPolicies).values(row).returning().get()
}

export function deleteAssignment(
  db: DbLike,
  organizationId: string,
  assignmentId: string,
): boolean {
  const deleted = db
    .delete(agentPolicies)
    .where(
      and(eq(agentPolicies.organizationId, organizationId), eq(agentPolicies.id, assignmentId)),
    )
    .returning({ id: agentPolicies.id })
    .all()
  return deleted.length > 0
}
