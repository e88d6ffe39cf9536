import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys.js'
import { defineHandlers } from '../define-handlers.js'

/** Organization API keys (§2.13, §4.10). */
export const apiKeyHandlers = defineHandlers({
  'apiKeys.list': ({ query, auth, deps }) => listApiKeys(deps, auth, query),
  'apiKeys.create': ({ body, auth, deps, request }) => createApiKey(deps, auth, body, request),
  'apiKeys.revoke': ({ params, auth, deps, request }) =>
    revokeApiKey(deps, auth, params.apiKeyId, request),
})
