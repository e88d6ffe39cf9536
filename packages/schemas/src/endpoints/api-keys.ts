import {
  apiKeyIdParamsSchema,
  createApiKeyParamsSchema,
  createApiKeyResponseSchema,
  listApiKeysQuerySchema,
  listApiKeysResponseSchema,
  revokeApiKeyResponseSchema,
} from '../api-key.js'
import { defineEndpoint } from '../endpoint.js'

/** Organization API keys (§2.13, §4.10). */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'API Keys',
} as const

export const apiKeyEndpoints = {
  list: defineEndpoint(org, {
    id: 'apiKeys.list',
    method: 'GET',
    path: '/api/api-keys',
    scopes: ['team:read'],
    query: listApiKeysQuerySchema,
    response: listApiKeysResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List organization API keys (prefixes only, never the secret)',
  }),
  create: defineEndpoint(org, {
    id: 'apiKeys.create',
    method: 'POST',
    path: '/api/api-keys',
    scopes: ['team:write'],
    body: createApiKeyParamsSchema,
    response: createApiKeyResponseSchema,
    successStatus: 201,
    errors: ['FORBIDDEN'],
    summary: 'Create an organization API key; the secret is returned once',
    description: 'Only an OWNER may create a key with the ADMIN preset.',
  }),
  revoke: defineEndpoint(org, {
    id: 'apiKeys.revoke',
    method: 'DELETE',
    path: '/api/api-keys/{apiKeyId}',
    scopes: ['team:write'],
    params: apiKeyIdParamsSchema,
    response: revokeApiKeyResponseSchema,
    successStatus: 200,
    errors: ['FORBIDDEN'],
    summary: 'Revoke an organization API key',
  }),
}
