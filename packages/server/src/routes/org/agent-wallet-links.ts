import {
  linkWallet,
  listAgentRelationships,
  listWalletLinks,
  unlinkWallet,
  updateAgentRelationship,
  updateWalletLink,
} from '../../services/agent-wallet-links.js'
import { defineHandlers } from '../define-handlers.js'

/** Agent ↔ wallet links (§2.2) and per-counterparty relationships of an agent. */
export const agentWalletLinkHandlers = defineHandlers({
  'agents.listWallets': ({ params, query, auth, deps }) =>
    listWalletLinks({ deps, auth }, params.agentId, query),
  'agents.linkWallet': ({ params, body, auth, deps, request }) =>
    linkWallet({ deps, auth, request }, params.agentId, body),
  'agents.updateWalletLink': ({ params, body, auth, deps, request }) =>
    updateWalletLink({ deps, auth, request }, params.agentId, params.walletId, body),
  'agents.unlinkWallet': ({ params, auth, deps, request }) =>
    unlinkWallet({ deps, auth, request }, params.agentId, params.walletId),
  'agents.listRelationships': ({ params, query, auth, deps }) =>
    listAgentRelationships({ deps, auth }, params.agentId, query),
  'agents.updateRelationship': ({ params, body, auth, deps, request }) =>
    updateAgentRelationship({ deps, auth, request }, params.agentId, params.counterpartyId, body),
})
