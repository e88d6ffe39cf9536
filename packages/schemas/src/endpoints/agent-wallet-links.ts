import { agentIdParamsSchema } from '../agent.js'
import {
  agentRelationshipParamsSchema,
  agentRelationshipSchema,
  agentWalletLinkParamsSchema,
  agentWalletLinkSchema,
  createAgentWalletLinkParamsSchema,
  listAgentRelationshipsQuerySchema,
  listAgentRelationshipsResponseSchema,
  listAgentWalletLinksQuerySchema,
  listAgentWalletLinksResponseSchema,
  unlinkAgentWalletResponseSchema,
  updateAgentRelationshipParamsSchema,
  updateAgentWalletLinkParamsSchema,
} from '../agent-wallet-link.js'
import { defineEndpoint } from '../endpoint.js'

/**
 * Agent ↔ wallet links (§2.2) and agent relationships (per-counterparty limits, §2.7). Client
 * methods live on `admin.agents` (`linkWallet`, `listWallets`, …).
 */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Agents',
} as const

export const agentWalletLinkEndpoints = {
  listWallets: defineEndpoint(org, {
    id: 'agents.listWallets',
    method: 'GET',
    path: '/api/agents/{agentId}/wallets',
    scopes: ['agents:read'],
    params: agentIdParamsSchema,
    query: listAgentWalletLinksQuerySchema,
    response: listAgentWalletLinksResponseSchema,
    successStatus: 200,
    errors: [],
    summary: "List an agent's wallet links with limits and spend so far",
  }),
  linkWallet: defineEndpoint(org, {
    id: 'agents.linkWallet',
    method: 'POST',
    path: '/api/agents/{agentId}/wallets',
    scopes: ['agents:write', 'wallets:write'],
    params: agentIdParamsSchema,
    body: createAgentWalletLinkParamsSchema,
    response: agentWalletLinkSchema,
    successStatus: 201,
    errors: ['CONFLICT', 'INVALID_AMOUNT', 'INVALID_STATUS'],
    summary: 'Link a wallet to an agent with spend limits and time windows',
  }),
  updateWalletLink: defineEndpoint(org, {
    id: 'agents.updateWalletLink',
    method: 'PATCH',
    path: '/api/agents/{agentId}/wallets/{walletId}',
    scopes: ['agents:write'],
    params: agentWalletLinkParamsSchema,
    body: updateAgentWalletLinkParamsSchema,
    response: agentWalletLinkSchema,
    successStatus: 200,
    errors: ['INVALID_AMOUNT'],
    summary: "Update a wallet link's limits and time windows",
  }),
  unlinkWallet: defineEndpoint(org, {
    id: 'agents.unlinkWallet',
    method: 'DELETE',
    path: '/api/agents/{agentId}/wallets/{walletId}',
    scopes: ['agents:write'],
    params: agentWalletLinkParamsSchema,
    response: unlinkAgentWalletResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Unlink a wallet from an agent',
  }),
  listRelationships: defineEndpoint(org, {
    id: 'agents.listRelationships',
    method: 'GET',
    path: '/api/agents/{agentId}/relationships',
    scopes: ['agents:read'],
    params: agentIdParamsSchema,
    query: listAgentRelationshipsQuerySchema,
    response: listAgentRelationshipsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: "List an agent's per-counterparty limits",
  }),
  updateRelationship: defineEndpoint(org, {
    id: 'agents.updateRelationship',
    method: 'PATCH',
    path: '/api/agents/{agentId}/relationships/{counterpartyId}',
    scopes: ['agents:write'],
    params: agentRelationshipParamsSchema,
    body: updateAgentRelationshipParamsSchema,
    response: agentRelationshipSchema,
    successStatus: 200,
    errors: ['INVALID_AMOUNT'],
    summary: "Set an agent's limits towards one counterparty (created on first use)",
  }),
}
