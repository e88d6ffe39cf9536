import {
  bulkImportAgents,
  createAgent,
  deleteAgent,
  freezeAgent,
  listAgents,
  retrieveAgent,
  retrieveFreezeConfig,
  unfreezeAgent,
  updateAgent,
  updateFreezeConfig,
} from '../../services/agents.js'
import { defineHandlers } from '../define-handlers.js'

/** Agents (§2.1): the organization's AI identities, their status and auto-freeze settings. */
export const agentHandlers = defineHandlers({
  'agents.list': ({ query, auth, deps }) => listAgents({ deps, auth }, query),
  'agents.create': ({ body, auth, deps, request }) => createAgent({ deps, auth, request }, body),
  'agents.bulkImport': ({ body, auth, deps, request }) =>
    bulkImportAgents({ deps, auth, request }, body),
  'agents.retrieve': ({ params, auth, deps }) => retrieveAgent({ deps, auth }, params.agentId),
  'agents.update': ({ params, body, auth, deps, request }) =>
    updateAgent({ deps, auth, request }, params.agentId, body),
  'agents.delete': ({ params, auth, deps, request }) =>
    deleteAgent({ deps, auth, request }, params.agentId),
  'agents.freeze': ({ params, body, auth, deps, request }) =>
    freezeAgent({ deps, auth, request }, params.agentId, body),
  'agents.unfreeze': ({ params, body, auth, deps, request }) =>
    unfreezeAgent({ deps, auth, request }, params.agentId, body),
  'agents.retrieveFreezeConfig': ({ params, auth, deps }) =>
    retrieveFreezeConfig({ deps, auth }, params.agentId),
  'agents.updateFreezeConfig': ({ params, body, auth, deps, request }) =>
    updateFreezeConfig({ deps, auth, request }, params.agentId, body),
})
