import { assignPolicy, listAgentPolicies, unassignPolicy } from '../../services/agent-policies.js'
import { defineHandlers } from '../define-handlers.js'

/** Agent ↔ policy assignment (§2.3); `policyId` is a query parameter on DELETE (seed 001). */
export const agentPolicyHandlers = defineHandlers({
  'agents.listPolicies': ({ params, query, auth, deps }) =>
    listAgentPolicies({ deps, auth }, params.agentId, query),
  'agents.assignPolicy': ({ params, body, auth, deps, request }) =>
    assignPolicy({ deps, auth, request }, params.agentId, body.policyId),
  'agents.unassignPolicy': ({ params, query, auth, deps, request }) =>
    unassignPolicy({ deps, auth, request }, params.agentId, query.policyId),
})
