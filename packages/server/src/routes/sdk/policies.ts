import { listSdkPolicies } from '../../services/policies.js'
import { createPolicyException, listPolicyExceptions } from '../../services/policy-exceptions.js'
import { defineHandlers } from '../define-handlers.js'

/** The calling agent's effective policies and its policy exception requests (§2.17). */
export const sdkPolicyHandlers = defineHandlers({
  'sdkPolicies.list': ({ query, auth, deps }) => listSdkPolicies(deps, auth, query),
  'sdkPolicyExceptions.list': ({ query, auth, deps }) => listPolicyExceptions(deps, auth, query),
  'sdkPolicyExceptions.create': ({ body, auth, deps, request }) =>
    createPolicyException(deps, auth, body, request),
})
