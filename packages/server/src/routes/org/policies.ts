import {
  addPolicyRules,
  createPolicy,
  deletePolicy,
  deletePolicyRule,
  listPolicies,
  listPolicyRules,
  retrievePolicy,
  setPolicyRules,
  updatePolicy,
} from '../../services/policies.js'
import { defineHandlers } from '../define-handlers.js'

/** Policies and their rules (§2.6): org keys and admin-type agent SDK keys. */
export const policyHandlers = defineHandlers({
  'policies.list': ({ query, auth, deps }) => listPolicies(deps, auth, query),
  'policies.create': ({ body, auth, deps, request }) => createPolicy(deps, auth, body, request),
  'policies.retrieve': ({ params, auth, deps }) => retrievePolicy(deps, auth, params.policyId),
  'policies.update': ({ params, body, auth, deps, request }) =>
    updatePolicy(deps, auth, params.policyId, body, request),
  'policies.delete': ({ params, auth, deps, request }) =>
    deletePolicy(deps, auth, params.policyId, request),
  'policies.listRules': ({ params, query, auth, deps }) =>
    listPolicyRules(deps, auth, params.policyId, query),
  'policies.addRules': ({ params, body, auth, deps, request }) =>
    addPolicyRules(deps, auth, params.policyId, body.rules, request),
  'policies.setRules': ({ params, body, auth, deps, request }) =>
    setPolicyRules(deps, auth, params.policyId, body.rules, request),
  'policies.deleteRule': ({ params, auth, deps, request }) =>
    deletePolicyRule(deps, auth, params.policyId, params.ruleId, request),
})
