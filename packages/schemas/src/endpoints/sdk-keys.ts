import { agentIdParamsSchema } from '../agent.js'
import { defineEndpoint } from '../endpoint.js'
import {
  createSdkKeyParamsSchema,
  createSdkKeyResponseSchema,
  listSdkKeysQuerySchema,
  listSdkKeysResponseSchema,
  revokeSdkKeyQuerySchema,
  revokeSdkKeyResponseSchema,
} from '../sdk-key.js'

/** Agent SDK keys (§2.4). Client methods live on `admin.agents` (`createSdkKey`, …). */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Agents',
} as const

export const sdkKeyEndpoints = {
  createSdkKey: defineEndpoint(org, {
    id: 'agents.createSdkKey',
    method: 'POST',
    path: '/api/agents/{agentId}/sdk-keys',
    scopes: ['agents:write'],
    params: agentIdParamsSchema,
    body: createSdkKeyParamsSchema,
    response: createSdkKeyResponseSchema,
    successStatus: 201,
    errors: ['INVALID_STATUS'],
    summary: 'Create an SDK key for an agent (the secret is returned once)',
  }),
  listSdkKeys: defineEndpoint(org, {
    id: 'agents.listSdkKeys',
    method: 'GET',
    path: '/api/agents/{agentId}/sdk-keys',
    scopes: ['agents:read'],
    params: agentIdParamsSchema,
    query: listSdkKeysQuerySchema,
    response: listSdkKeysResponseSchema,
    successStatus: 200,
    errors: [],
    summary: "List an agent's SDK keys (prefixes only)",
  }),
  revokeSdkKey: defineEndpoint(org, {
    id: 'agents.revokeSdkKey',
    method: 'DELETE',
    path: '/api/agents/{agentId}/sdk-keys',
    scopes: ['agents:write'],
    params: agentIdParamsSchema,
    query: revokeSdkKeyQuerySchema,
    response: revokeSdkKeyResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Revoke an SDK key (keyId is a query parameter)',
  }),
}
