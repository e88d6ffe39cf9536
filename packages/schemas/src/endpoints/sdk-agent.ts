import {
  listSdkWalletsQuerySchema,
  listSdkWalletsResponseSchema,
  sdkAgentProfileSchema,
  sdkSetupResponseSchema,
} from '../agent-setup.js'
import { defineEndpoint } from '../endpoint.js'

/** What the calling agent can read about itself (§2.15, §2.17). */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  rateLimit: 'sdkRead',
} as const

export const sdkAgentEndpoints = {
  setup: defineEndpoint(sdk, {
    id: 'sdk.setup',
    method: 'GET',
    path: '/api/sdk/setup',
    scopes: [],
    response: sdkSetupResponseSchema,
    successStatus: 200,
    errors: [],
    tag: 'SDK Agent',
    summary: "Check the calling key's setup: agent, organization, wallets, policies, scopes",
  }),
  retrieveAgent: defineEndpoint(sdk, {
    id: 'sdkAgent.retrieve',
    method: 'GET',
    path: '/api/sdk/agent',
    scopes: ['agents:read'],
    response: sdkAgentProfileSchema,
    successStatus: 200,
    errors: [],
    tag: 'SDK Agent',
    summary: "Get the calling agent's profile",
  }),
  listWallets: defineEndpoint(sdk, {
    id: 'sdkWallets.list',
    method: 'GET',
    path: '/api/sdk/wallets',
    scopes: ['wallets:read'],
    query: listSdkWalletsQuerySchema,
    response: listSdkWalletsResponseSchema,
    successStatus: 200,
    errors: [],
    tag: 'SDK Wallets',
    summary: "List the calling agent's wallets with limits, spend and remaining headroom",
  }),
}
