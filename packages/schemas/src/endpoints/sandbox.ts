import { defineEndpoint } from '../endpoint.js'
import {
  createSandboxParamsSchema,
  createSandboxResponseSchema,
  sandboxDescriptionSchema,
} from '../sandbox.js'

/** The anonymous agent sandbox (§2.1): no credential needed. */

const publicRoute = {
  surface: 'org',
  keyKinds: [],
  scopes: [],
  tag: 'Agents',
} as const

export const sandboxEndpoints = {
  describe: defineEndpoint(publicRoute, {
    id: 'sandbox.describe',
    method: 'GET',
    path: '/api/agents/sandbox',
    rateLimit: 'none',
    response: sandboxDescriptionSchema,
    successStatus: 200,
    errors: [],
    summary: 'Describe the sandbox signup endpoint (fields and defaults)',
  }),
  create: defineEndpoint(publicRoute, {
    id: 'sandbox.create',
    method: 'POST',
    path: '/api/agents/sandbox',
    rateLimit: 'auth',
    body: createSandboxParamsSchema,
    response: createSandboxResponseSchema,
    successStatus: 201,
    errors: [],
    summary: 'Create a test-mode sandbox: organization, agent, wallet and keys (7 days)',
  }),
}
