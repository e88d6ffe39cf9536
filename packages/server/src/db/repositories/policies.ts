import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  inArray,
  max,
  notExists,
  or,
  type SQLWrapper,
  sql,
} from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { agentPolicies, policies, policyRules } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `policies` and `policy_rules` tables (assignments live in `agent-policies.ts`). Always
 * scoped to one organization; rules are reached only through a policy of that organization.
 *
 * Who a policy applies to follows its assignments alone (§2.3): a policy with at least one
 * assignment applies to its assigned agents only, one with none is org-wide. The stored `scope`
 * column is not read for this (an agent's deletion removes its assignments by cascade, which no
 * stored flag could follow); the API's `scope` is derived the same way (`services/policies.ts`).
 */

export type PolicyRow = typeof policies.$inferSelect
export type NewPolicyRow = typeof policies.$inferInsert
export type PolicyPatch = Partial<Omit<PolicyRow, 'id' | 'organizationId' | 'createdAt'>>
export type PolicyRuleRow = typeof policyRules.$inferSelect
export type NewPolicyRuleRow = typeof policyRules.$inferInsert

export function findPolicy(
  db: DbLike,
  organizationId: string,
  policyId: string,
): PolicyRow | undefined {
  return db
    .select()
    .from(policies)
    .where(and(eq(policies.organizationId, organizationId), eq(policies.id, policyId)))
    .get()
}

export interface PolicyListFilter {
  readonly isActive?: boolean | undefined
  readonly policyType?: string | undefined
  /** Only policies assigned to this agent. */
  readonly agentId?: string | undefined
  readonly limit: number
  readonly offset: number
}

/** Policies in evaluation order: priority descending, then oldest first. */
const evaluationOrder = [
  desc(policies.priority),
  asc(policies.createdAt),
  asc(sql`${policies}.rowid`),
]

/** A page of the organization's policies, with the total matching the filter. */
export function listPolicies(
  db: DbLike,
  organizationId: string,
  filter: PolicyListFilter,
): { rows: PolicyRow[]; total: number } {
  const where = and(
    eq(policies.organizationId, organizationId),
    filter.isActive === undefined ? undefined : eq(policies.isActive, filter.isActive),
    filter.policyType === undefined ? undefined : eq(policies.policyType, filter.policyType),
    filter.agentId === undefined
      ? undefined
      : exists(
          db
            .select({ one: sql`1` })
            .from(agentPolicies)
            .where(
              and(
                eq(agentPolicies.policyId, policies.id),
                eq(agentPolicies.agentId, filter.agentId),
              ),
            ),
        ),
  )
  const rows = db
    .select()
    .from(policies)
    .where(where)
    .orderBy(...evaluationOrder)
    .limit(filter.limit)
    .offset(filter.offset)
    .all()
  const total = db.select({ total: count() }).from(policies).where(where).get()?.total ?? 0
  return { rows, total }
}

/**
 * Whether a policy applies to `agentId`: it is assigned to the agent, or it has no assignment at
 * all (org-wide). Both probes are index lookups (`agent_policies_pair`, `agent_policies_policy`).
 */
function appliesToAgent(db: DbLike, agentId: string | SQLWrapper) {
  return or(
    notExists(
      db.select({ one: sql`1` }).from(agentPolicies).where(eq(agentPolicies.policyId, policies.id)),
    ),
    exists(
      db
        .select({ one: sql`1` })
        .from(agentPolicies)
        .where(and(eq(agentPolicies.policyId, policies.id), eq(agentPolicies.agentId, agentId))),
    ),
  )
}

/**
 * A page of the policies in effect for an agent: active policies assigned to it plus the
 * organization's org-wide (unassigned) ones, in evaluation order.
 */
export function listEffectivePolicies(
  db: DbLike,
  organizationId: string,
  agentId: string,
  page: { readonly limit: number; readonly offset: number } | undefined = undefined,
): { rows: PolicyRow[]; total: number } {
  if (!page) {
    // Every policy in effect (the payment path): one prepared query, no count.
    const rows = preparedQuery(db, 'policies.effective', (db) =>
      db
        .select()
        .from(policies)
        .where(
          and(
            eq(policies.organizationId, sql.placeholder('organizationId')),
            eq(policies.isActive, true),
            appliesToAgent(db, sql.placeholder('agentId')),
          ),
        )
        .orderBy(...evaluationOrder)
        .prepare(),
    ).all({ organizationId, agentId })
    return { rows, total: rows.length }
  }
  const where = and(
    eq(policies.organizationId, organizationId),
    eq(policies.isActive, true),
    appliesToAgent(db, agentId),
  )
  const query = db
    .select()
    .from(policies)
    .where(where)
    .orderBy(...evaluationOrder)
  const rows = query.limit(page.limit).offset(page.offset).all()
  const total = db.select({ total: count() }).from(policies).where(where).get()?.total ?? 0
  return { rows, total }
}

export function insertPolicy(db: DbLike, row: NewPolicyRow): PolicyRow {
  return db.insert(policies).values(row).returning().get()
}

export function updatePolicy(
  db: DbLike,
  organizationId: string,
  policyId: string,
  patch: PolicyPatch,
): PolicyRow | undefined {
  return db
    .update(policies)
    .set(patch)
    .where(and(eq(policies.organizationId, organizationId), eq(policies.id, policyId)))
    .returning()
    .get()
}

/**
 * Deletes a policy with its rules (its assignments go by the foreign key's cascade); false when
 * it is not the organization's.
 */
export function deletePolicy(db: DbLike, organizationId: string, policyId: string): boolean {
  if (!findPolicy(db, organizationId, policyId)) return false
  db.delete(policyRules).where(eq(policyRules.policyId, policyId)).run()
  db.delete(policies)
    .where(and(eq(policies.organizationId, organizationId), eq(policies.id, policyId)))
    .run()
  return true
}

// --- rules ------------------------------------------------------------------------------------

/** The rules of the given policies (already checked to be the organization's), in order. */
export function listRulesOfPolicies(db: DbLike, policyIds: readonly string[]): PolicyRuleRow[] {
  if (policyIds.length === 0) return []
  return db
    .select()
    .from(policyRules)
    .where(inArray(policyRules.policyId, [...policyIds]))
    .orderBy(asc(policyRules.policyId), asc(policyRules.position), asc(sql`${policyRules}.rowid`))
    .all()
}

export function findRule(db: DbLike, policyId: string, ruleId: string): PolicyRuleRow | undefined {
  return db
    .select()
    .from(policyRules)
    .where(and(eq(policyRules.policyId, policyId), eq(policyRules.id, ruleId)))
    .get()
}

/** The position after the policy's last rule (0 for a policy without rules). */
export function nextRulePosition(db: DbLike, policyId: string): number {
  const last = db
    .select({ last: max(policyRules.position) })
    .from(policyRules)
    .where(eq(policyRules.policyId, policyId))
    .get()?.last
  return last === null || last === undefined ? 0 : last + 1
}

export function insertRules(db: DbLike, rows: readonly NewPolicyRuleRow[]): PolicyRuleRow[] {
  if (rows.length === 0) return []
  return db
    .insert(policyRules)
    .values([...rows])
    .returning()
    .all()
}

export function deleteRulesOfPolicy(db: DbLike, policyId: string): void {
  db.delete(policyRules).where(eq(policyRules.policyId, policyId)).run()
}

export function deleteRule(db: DbLike, policyId: string, ruleId: string): boolean {
  const deleted = db
    .delete(policyRules)
    .where(and(eq(policyRules.policyId, policyId), eq(policyRules.id, ruleId)))
    .returning({ id: policyRules.id })
    .all()
  return deleted.length > 0
}
