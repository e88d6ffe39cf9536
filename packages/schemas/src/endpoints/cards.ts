import { agentIdParamsSchema } from '../agent.js'
import {
  assignCardParamsSchema,
  assignCardResponseSchema,
  cardApproveParamsSchema,
  cardApproveResultSchema,
  cardConfirmParamsSchema,
  cardConfirmResultSchema,
  cardIdParamsSchema,
  cardPolicyLinkResponseSchema,
  cardRequestIdParamsSchema,
  cardResponseSchema,
  createCardParamsSchema,
  linkCardPolicyParamsSchema,
  listCardsQuerySchema,
  listCardsResponseSchema,
  setCardStateParamsSchema,
} from '../card.js'
import { defineEndpoint } from '../endpoint.js'

/** Cards, bring-your-own-card (§2.14): registration, state, agent assignment, policy links. */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Cards',
} as const

const read = ['agents:read', 'wallets:read'] as const
const write = ['agents:write', 'wallets:write'] as const

export const cardEndpoints = {
  create: defineEndpoint(org, {
    id: 'cards.create',
    method: 'POST',
    path: '/api/cards',
    scopes: write,
    body: createCardParamsSchema,
    response: cardResponseSchema,
    successStatus: 201,
    errors: ['INVALID_AMOUNT'],
    summary: 'Register an existing card (last 4 digits, brand, limits)',
  }),
  list: defineEndpoint(org, {
    id: 'cards.list',
    method: 'GET',
    path: '/api/cards',
    scopes: read,
    query: listCardsQuerySchema,
    response: listCardsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List cards',
  }),
  retrieve: defineEndpoint(org, {
    id: 'cards.retrieve',
    method: 'GET',
    path: '/api/cards/{cardId}',
    scopes: read,
    params: cardIdParamsSchema,
    response: cardResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Get a card',
  }),
  setState: defineEndpoint(org, {
    id: 'cards.setState',
    method: 'PATCH',
    path: '/api/cards/{cardId}/state',
    scopes: write,
    params: cardIdParamsSchema,
    body: setCardStateParamsSchema,
    response: cardResponseSchema,
    successStatus: 200,
    errors: ['INVALID_STATUS'],
    summary: 'Pause, resume or cancel a card (CANCELLED is terminal)',
  }),
  linkPolicy: defineEndpoint(org, {
    id: 'cards.linkPolicy',
    method: 'POST',
    path: '/api/cards/{cardId}/policies',
    scopes: write,
    params: cardIdParamsSchema,
    body: linkCardPolicyParamsSchema,
    response: cardPolicyLinkResponseSchema,
    successStatus: 201,
    errors: ['CONFLICT'],
    summary: 'Link a named policy to a card',
  }),
  assignCard: defineEndpoint(org, {
    id: 'agents.assignCard',
    method: 'POST',
    path: '/api/agents/{agentId}/cards',
    scopes: write,
    params: agentIdParamsSchema,
    body: assignCardParamsSchema,
    response: assignCardResponseSchema,
    successStatus: 201,
    errors: ['CONFLICT', 'INVALID_STATUS', 'INVALID_AMOUNT'],
    summary: 'Assign a card to an agent with per-agent limits (not above the card limits)',
  }),
}

/** SDK cards (§2.19): approve a card charge, charge the card, confirm it. */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  rateLimit: 'sdkPayment',
  tag: 'SDK Cards',
} as const

export const sdkCardEndpoints = {
  approve: defineEndpoint(sdk, {
    id: 'cards.approve',
    method: 'POST',
    path: '/api/sdk/cards/approve',
    scopes: ['payments:request'],
    body: cardApproveParamsSchema,
    response: cardApproveResultSchema,
    successStatus: 200,
    errors: ['INVALID_AMOUNT', 'INVALID_STATUS', 'AGENT_NOT_ACTIVE', 'IDEMPOTENCY_CONFLICT'],
    summary: 'Evaluate a card charge; APPROVED returns a 5-minute single-use approval token',
  }),
  confirm: defineEndpoint(sdk, {
    id: 'cards.confirm',
    method: 'POST',
    path: '/api/sdk/cards/{requestId}/confirm',
    scopes: ['payments:confirm'],
    params: cardRequestIdParamsSchema,
    body: cardConfirmParamsSchema,
    response: cardConfirmResultSchema,
    successStatus: 200,
    errors: [
      'INVALID_AMOUNT',
      'INVALID_APPROVAL_TOKEN',
      'EXPIRED',
      'ALREADY_CONFIRMED',
      'INVALID_STATUS',
    ],
    summary: 'Report the outcome of an approved card charge',
  }),
}
