import {
  type createPolicyParamsSchema,
  type ListPoliciesResponse,
  type ListPolicyRulesResponse,
  type listPoliciesQuerySchema,
  type listSdkPoliciesQuerySchema,
  MAX_RULES_PER_POLICY,
  type Policy,
  type PolicyAgentAssignment,
  type PolicyScope,
  type Rule,
  type RuleInput,
  type updatePolicyParamsSchema,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import { insertAssignment, listAssignmentsOfPolicies } from '../db/repositories/agent-policies.js'
import { findLink } from '../db/repositories/agent-wallet-links.js'
import { findAgent } from '../db/repositories/agents.js'
import * as repo from '../db/repositories/policies.js'
import type { policies, policyRules } from '../db/schema.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import {
  type Actor,
  type Auth,
  actorOf,
  agentOf,
  organizationIdOf,
  type RequestInfo,
  type ServiceDeps,
} from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/**
 * Policies and their rules (§2.6): CRUD, rule lists kept in evaluation order (`position`),
 * assignment to agents at creation, and the policies in effect for an agent (§2.17). Rule values
 * arrive validated and normalised by the schemas (`ruleInputSchema`) and are stored as given.
 *
 * A policy's `scope` follows its assignments (§2.3, "no assignment = org-wide"): `assigned` while
 * it is assigned to at least one agent, and then it applies to those agents only; `org` when it
 * has none. It is derived, never taken from the request: `scope` in a create or update body is
 * accepted for compatibility and has no effect (assign with `agentIds` or
 * `POST /api/agents/{agentId}/policies`).
 */

export type PolicyRow = typeof policies.$inferSelect
export type PolicyRuleRow = typeof policyRules.$inferSelect

type CreatePolicyInput = z.output<typeof createPolicyParamsSchema>
type UpdatePolicyInput = z.output<typeof updatePolicyParamsSchema>
type ListPoliciesInput = z.output<typeof listPoliciesQuerySchema>
type ListSdkPoliciesInput = z.output<typeof listSdkPoliciesQuerySchema>

/** A rule row as the API returns it (`value` is the stored string). */
export function toRuleResponse(row: PolicyRuleRow): Rule {
  return {
    id: row.id,
    ruleType: row.ruleType,
    operator: row.operator,
    value: row.value,
    action: row.action,
    createdAt: toIso(row.createdAt),
  }
}

/**
 * A policy row with its rules (sorted here by `position`) and agent assignments, as the API
 * returns it; `scope` is derived from the assignments.
 */
export function toPolicyResponse(
  policyRow: PolicyRow,
  ruleRows: readonly PolicyRuleRow[],
  assignments: readonly PolicyAgentAssignment[],
): Policy {
  return {
    id: policyRow.id,
    name: policyRow.name,
    description: policyRow.description,
    policyType: policyRow.policyType,
    priority: policyRow.priority,
    isActive: policyRow.isActive,
    rules: [...ruleRows].sort((a, b) => a.position - b.position).map(toRuleResponse),
    agentPolicies: assignments.map((assignment) => ({
      id: assignment.id,
      agent: { id: assignment.agent.id, name: assignment.agent.name },
    })),
    scope: scopeOf(assignments),
    createdAt: toIso(policyRow.createdAt),
    updatedAt: toIso(policyRow.updatedAt),
  }
}

/** Who a policy applies to, from its assignments: with none it is org-wide. */
function scopeOf(assignments: readonly unknown[]): PolicyScope {
  return assignments.length > 0 ? 'assigned' : 'org'
}

/** Loads the rules and assignments of `rows` (policies of `organizationId`) in two queries. */
export function loadPolicies(
  db: DbLike,
  organizationId: string,
  rows: readonly PolicyRow[],
): Policy[] {
  const ids = rows.map((row) => row.id)
  const rulesByPolicy = groupBy(repo.listRulesOfPolicies(db, ids), (rule) => rule.policyId)
  const assignmentsByPolicy = groupBy(
    listAssignmentsOfPolicies(db, organizationId, ids),
    (assignment) => assignment.policyId,
  )
  return rows.map((row) =>
    toPolicyResponse(row, rulesByPolicy.get(row.id) ?? [], assignmentsByPolicy.get(row.id) ?? []),
  )
}

/**
 * The active policies in effect for an agent (assigned to it, or org-wide), with their rules,
 * in evaluation order (priority descending, then oldest first). The payment paths evaluate these.
 */
export function effectivePoliciesOf(db: DbLike, organizationId: string, agentId: string): Policy[] {
  return loadPolicies(
    db,
    organizationId,
    repo.listEffectivePolicies(db, organizationId, agentId).rows,
  )
}

// --- org surface ----------------------------------------------------------------------------

export function listPolicies(
  deps: ServiceDeps,
  auth: Auth,
  query: ListPoliciesInput,
): ListPoliciesResponse {
  const organizationId = organizationIdOf(auth)
  const { rows, total } = repo.listPolicies(deps.db, organizationId, {
    isActive: query.isActive,
    policyType: query.policyType,
    agentId: query.agentId,
    limit: query.limit,
    offset: query.offset,
  })
  return {
    policies: loadPolicies(deps.db, organizationId, rows),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function retrievePolicy(deps: ServiceDeps, auth: Auth, policyId: string): Policy {
  const organizationId = organizationIdOf(auth)
  return loadPolicyOrThrow(deps.db, organizationId, policyId)
}

export function createPolicy(
  deps: ServiceDeps,
  auth: Auth,
  input: CreatePolicyInput,
  request?: RequestInfo,
): Policy {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  const agentIds = [...new Set(input.agentIds ?? [])]
  return inTransaction(deps.db, (tx) => {
    for (const agentId of agentIds) {
      if (!findAgent(tx, organizationId, agentId)) throw notFound('Agent', agentId)
    }
    const row = repo.insertPolicy(tx, {
      id: createId(),
      organizationId,
      name: input.name,
      description: input.description ?? null,
      policyType: input.policyType,
      priority: input.priority,
      isActive: input.isActive,
      // Not read (see the module comment); set from the assignments at creation only.
      scope: agentIds.length > 0 ? 'assigned' : 'org',
      createdAt: now,
      updatedAt: now,
    })
    repo.insertRules(tx, ruleRows(row.id, input.rules ?? [], 0, now))
    for (const agentId of agentIds) {
      insertAssignment(tx, {
        id: createId(),
        organizationId,
        agentId,
        policyId: row.id,
        createdAt: now,
      })
    }
    const policy = loadPolicyOrThrow(tx, organizationId, row.id)
    audit(tx, now, auth, request, {
      action: 'CREATE',
      resource: 'policy',
      resourceId: row.id,
      newState: policy,
    })
    return policy
  })
}

export function updatePolicy(
  deps: ServiceDeps,
  auth: Auth,
  policyId: string,
  input: UpdatePolicyInput,
  request?: RequestInfo,
): Policy {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = loadPolicyOrThrow(tx, organizationId, policyId)
    const patch: repo.PolicyPatch = {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.policyType === undefined ? {} : { policyType: input.policyType }),
      ...(input.priority === undefined ? {} : { priority: input.priority }),
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
      // `scope` follows the assignments and is not set here (see the module comment).
    }
    if (Object.keys(patch).length === 0) return before
    repo.updatePolicy(tx, organizationId, policyId, { ...patch, updatedAt: now })
    const after = loadPolicyOrThrow(tx, organizationId, policyId)
    audit(tx, now, auth, request, {
      action: 'UPDATE',
      resource: 'policy',
      resourceId: policyId,
      previousState: before,
      newState: after,
    })
    return after
  })
}

export function deletePolicy(
  deps: ServiceDeps,
  auth: Auth,
  policyId: string,
  request?: RequestInfo,
): { success: true } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = loadPolicyOrThrow(tx, organizationId, policyId)
    repo.deletePolicy(tx, organizationId, policyId)
    audit(tx, now, auth, request, {
      action: 'DELETE',
      resource: 'policy',
      resourceId: policyId,
      previousState: before,
    })
    return { success: true as const }
  })
}

// --- rules ----------------------------------------------------------------------------------

export function listPolicyRules(
  deps: ServiceDeps,
  auth: Auth,
  policyId: string,
  page: { readonly limit: number; readonly offset: number },
): ListPolicyRulesResponse {
  const organizationId = organizationIdOf(auth)
  findPolicyOrThrow(deps.db, organizationId, policyId)
  // A policy holds at most 100 rules: one read, then the page.
  const all = repo.listRulesOfPolicies(deps.db, [policyId])
  const rules = all.slice(page.offset, page.offset + page.limit).map(toRuleResponse)
  return { rules, pagination: paginationOf(all.length, page, rules.length) }
}

/** Appends rules after the policy's existing ones; returns the added rules. */
export function addPolicyRules(
  deps: ServiceDeps,
  auth: Auth,
  policyId: string,
  rules: readonly RuleInput[],
  request?: RequestInfo,
): { rules: Rule[] } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    findPolicyOrThrow(tx, organizationId, policyId)
    const existing = repo.listRulesOfPolicies(tx, [policyId]).length
    if (existing + rules.length > MAX_RULES_PER_POLICY) {
      const message = `A policy may have at most ${MAX_RULES_PER_POLICY} rules: it has ${existing}, and ${rules.length} more were sent`
      throw new ApiError('VALIDATION_ERROR', message, { issues: [{ path: ['rules'], message }] })
    }
    const added = repo
      .insertRules(tx, ruleRows(policyId, rules, repo.nextRulePosition(tx, policyId), now))
      .sort((a, b) => a.position - b.position)
      .map(toRuleResponse)
    repo.updatePolicy(tx, organizationId, policyId, { updatedAt: now })
    for (const rule of added) {
      audit(tx, now, auth, request, {
        action: 'CREATE',
        resource: 'policy_rule',
        resourceId: rule.id,
        newState: { policyId, ...rule },
      })
    }
    return { rules: added }
  })
}

/** Replaces every rule of the policy, atomically, keeping the given order. */
export function setPolicyRules(
  deps: ServiceDeps,
  auth: Auth,
  policyId: string,
  rules: readonly RuleInput[],
  request?: RequestInfo,
): { rules: Rule[] } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    findPolicyOrThrow(tx, organizationId, policyId)
    const before = repo.listRulesOfPolicies(tx, [policyId]).map(toRuleResponse)
    repo.deleteRulesOfPolicy(tx, policyId)
    repo.insertRules(tx, ruleRows(policyId, rules, 0, now))
    repo.updatePolicy(tx, organizationId, policyId, { updatedAt: now })
    const after = repo.listRulesOfPolicies(tx, [policyId]).map(toRuleResponse)
    audit(tx, now, auth, request, {
      action: 'UPDATE',
      resource: 'policy',
      resourceId: policyId,
      previousState: { rules: before },
      newState: { rules: after },
    })
    return { rules: after }
  })
}

export function deletePolicyRule(
  deps: ServiceDeps,
  auth: Auth,
  policyId: string,
  ruleId: string,
  request?: RequestInfo,
): { success: true } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    findPolicyOrThrow(tx, organizationId, policyId)
    const rule = repo.findRule(tx, policyId, ruleId)
    if (!rule) throw notFound('Rule', ruleId)
    repo.deleteRule(tx, policyId, ruleId)
    repo.updatePolicy(tx, organizationId, policyId, { updatedAt: now })
    audit(tx, now, auth, request, {
      action: 'DELETE',
      resource: 'policy_rule',
      resourceId: ruleId,
      previousState: { policyId, ...toRuleResponse(rule) },
    })
    return { success: true as const }
  })
}

// --- agent surface --------------------------------------------------------------------------

/**
 * The calling agent's effective policies; with `walletId`, the wallet must be one of the
 * agent's linked wallets (else 404).
 */
export function listSdkPolicies(
  deps: ServiceDeps,
  auth: Auth,
  query: ListSdkPoliciesInput,
): ListPoliciesResponse {
  const { organizationId, agentId } = agentOf(auth)
  if (query.walletId !== undefined && !findLink(deps.db, organizationId, agentId, query.walletId)) {
    throw notFound('Wallet', query.walletId)
  }
  const { rows, total } = repo.listEffectivePolicies(deps.db, organizationId, agentId, {
    limit: query.limit,
    offset: query.offset,
  })
  return {
    policies: loadPolicies(deps.db, organizationId, rows),
    pagination: paginationOf(total, query, rows.length),
  }
}

// --- helpers --------------------------------------------------------------------------------

function findPolicyOrThrow(db: DbLike, organizationId: string, policyId: string): PolicyRow {
  const row = repo.findPolicy(db, organizationId, policyId)
  if (!row) throw notFound('Policy', policyId)
  return row
}

function loadPolicyOrThrow(db: DbLike, organizationId: string, policyId: string): Policy {
  const [policy] = loadPolicies(db, organizationId, [
    findPolicyOrThrow(db, organizationId, policyId),
  ])
  if (!policy) throw notFound('Policy', policyId)
  return policy
}

function ruleRows(
  policyId: string,
  rules: readonly RuleInput[],
  firstPosition: number,
  now: number,
): repo.NewPolicyRuleRow[] {
  return rules.map((rule, index) => ({
    id: createId(),
    policyId,
    position: firstPosition + index,
    ruleType: rule.ruleType,
    operator: rule.operator,
    value: rule.value,
    action: rule.action,
    createdAt: now,
  }))
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

function audit(
  db: DbLike,
  now: number,
  auth: Auth,
  request: RequestInfo | undefined,
  entry: {
    action: string
    resource: string
    resourceId: string
    previousState?: unknown
    newState?: unknown
  },
): void {
  const actor: Actor = actorOf(auth)
  recordAudit(db, now, { organizationId: organizationIdOf(auth), actor, request, ...entry })
}
