import { createSdkKey, listSdkKeys, revokeSdkKey } from '../../services/sdk-keys.js'
import { defineHandlers } from '../define-handlers.js'

/** Agent SDK keys (§2.4); `keyId` is a query parameter on DELETE (seed 001). */
export const sdkKeyHandlers = defineHandlers({
  'agents.createSdkKey': ({ params, body, auth, deps, request }) =>
    createSdkKey({ deps, auth, request }, params.agentId, body),
  'agents.listSdkKeys': ({ params, query, auth, deps }) =>
    listSdkKeys({ deps, auth }, params.agentId, query),
  'agents.revokeSdkKey': ({ params, query, auth, deps, request }) =>
    revokeSdkKey({ deps, auth, request }, params.agentId, query.keyId),
})
