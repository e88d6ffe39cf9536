import type {
  AgentPolicyAssignment,
  ListAgentPoliciesResponse,
  paginationQuerySchema,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import * as repo from '../db/repositories/agent-policies.js'
import { findPolicy } from '../db/repositories/policies.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { requireAgent } from './agents.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'
import { loadPolicies } from './policies.js'

/** Agent ↔ policy assignments: which policies apply to an agent. */

/** Assignments with their policies (rules and every agent each policy is assigned to). */
function toAssignmentResponses(
  db: DbLike,
  organizationId: string,
  rows: readonly repo.AssignmentWithPolicy[],
): AgentPolicyAssignment[] {
  const loaded = loadPolicies(
    db,
    organizationId,
    rows.map(({ policy }) => policy),
  )
  return rows.map(({ assignment }, index) => {
    const policy = loaded[index]
    if (!policy) throw new Error('invariant: loadPolicies returns one policy per row')
    return {
      id: assignment.id,
      policyId: assignment.policyId,
      agentId: assignment.agentId,
      policy,
      createdAt: toIso(assignment.createdAt),
    }
  })
}

export function listAgentPolicies(
  { deps, auth }: ServiceCall,
  agentId: string,
  query: z.output<typeof paginationQuerySchema>,
): ListAgentPoliciesResponse {
  const organizationId = organizationIdOf(auth)
  requireAgent(deps.db, organizationId, agentId)
  const { rows, total } = repo.listAssignments(deps.db, organizationId, agentId, query)
  return {
    policies: toAssignmentResponses(deps.db, organizationId, rows),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function assignPolicy(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  policyId: string,
): AgentPolicyAssignment {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    requireAgent(tx, organizationId, agentId)
    const policy = findPolicy(tx, organizationId, policyId)
    if (!policy) throw notFound('Policy', policyId)
    if (repo.findAssignment(tx, organizationId, agentId, policyId)) {
      throw new ApiError('CONFLICT', 'This policy is already assigned to this agent', { policyId })
    }
    const assignment = repo.insertAssignment(tx, {
      id: createId(),
      organizationId,
      agentId,
      policyId,
      createdAt: now,
    })
    recordAudit(tx, now, {
      organizationId,
      action: 'UPDATE',
      resource: 'agent',
      resourceId: agentId,
      newState: { policyId, assignmentId: assignment.id },
      actor: actorOf(auth),
      request,
      metadata: { change: 'policy_assigned', policyId },
    })
    const [response] = toAssignmentResponses(tx, organizationId, [{ assignment, policy }])
    if (!response) throw new Error('invariant: one assignment in, one response out')
    return response
  })
}

export function unassignPolicy(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  policyId: string,
): { success: true; message: string } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    requireAgent(tx, organizationId, agentId)
    const assignment = repo.findAssignment(tx, organizationId, agentId, policyId)
    if (!assignment) {
      throw new ApiError('NOT_FOUND', `Policy ${policyId} is not assigned to agent ${agentId}`)
    }
    repo.deleteAssignment(tx, organizationId, assignment.id)
    recordAudit(tx, now, {
      organizationId,
      action: 'UPDATE',
      resource: 'agent',
      resourceId: agentId,
      previousState: { policyId, assignmentId: assignment.id },
      actor: actorOf(auth),
      request,
      metadata: { change: 'policy_unassigned', policyId },
    })
    return { success: true, message: `Policy ${policyId} removed from agent ${agentId}` }
  })
}
