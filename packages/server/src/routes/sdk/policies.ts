import { listSdkPolicies } from '../../services/policies.js'
import { defineHandlers } from '../define-handlers.js'

/**
 * The calling agent's effective policies (§2.17). Policy exceptions (`sdkPolicyExceptions.*`)
 * have no table yet, so they stay unimplemented (501).
 */
export const sdkPolicyHandlers = defineHandlers({
  'sdkPolicies.list': ({ query, auth, deps }) => listSdkPolicies(deps, auth, query),
})
