import * as z from 'zod/mini'
import { agentDescriptionSchema, agentNameSchema, agentSchema, agentTypeSchema } from './agent.js'
import {
  amountValueSchema,
  evmAddressSchema,
  isoTimestampSchema,
  metadataSchema,
} from './common.js'
import { defaults } from './defaults.js'
import { AGENT_KEY_PREFIX, ORG_KEY_PREFIX } from './scope.js'
import { walletSchema } from './wallet.js'

/**
 * The anonymous sandbox (§2.1 "Sandbox"): `POST /api/agents/sandbox` needs no credential and
 * creates a test-mode organization, an agent, an EXTERNAL wallet linked to it, an agent SDK key
 * and a read-only sandbox org API key, all expiring after 7 days. `GET` describes the endpoint.
 */

const sandboxDefaults = defaults.sandbox

/** Body of `POST /api/agents/sandbox`: every field optional (an empty body is fine). */
export const createSandboxParamsSchema = z.object({
  name: z._default(agentNameSchema, sandboxDefaults.agentName),
  description: z.optional(agentDescriptionSchema),
  organizationName: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'organizationName must be 1-100 characters'),
        z.maxLength(100, 'organizationName must be 1-100 characters'),
      ),
  ),
  agentType: z._default(agentTypeSchema, sandboxDefaults.agentType),
  publicKey: z.optional(evmAddressSchema),
  externalId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  metadata: z.optional(metadataSchema),
  callbackUrl: z.optional(z.url({ message: 'callbackUrl must be a URL' })),
})
export type CreateSandboxParams = z.input<typeof createSandboxParamsSchema>

/** The sandbox wallet: an EXTERNAL wallet plus the limits of its link to the sandbox agent. */
export const sandboxWalletSchema = z.extend(walletSchema, {
  spendLimitPerTx: z.nullable(amountValueSchema),
  spendLimitDaily: z.nullable(amountValueSchema),
})
export type SandboxWallet = z.infer<typeof sandboxWalletSchema>

/** The agent SDK key of a sandbox (secret shown once). */
export const sandboxSdkKeySchema = z.object({
  key: z.string().check(z.startsWith(AGENT_KEY_PREFIX)),
  keyPrefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: isoTimestampSchema,
})
export type SandboxSdkKey = z.infer<typeof sandboxSdkKeySchema>

/** The sandbox org API key: read-only plus claiming the sandbox (secret shown once). */
export const sandboxOrgApiKeySchema = z.object({
  key: z.string().check(z.startsWith(ORG_KEY_PREFIX)),
  keyPrefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: isoTimestampSchema,
})
export type SandboxOrgApiKey = z.infer<typeof sandboxOrgApiKeySchema>

/** `POST /api/agents/sandbox` (201). */
export const createSandboxResponseSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string(), mode: z.literal('test') }),
  agent: agentSchema,
  wallet: sandboxWalletSchema,
  sdkKey: sandboxSdkKeySchema,
  orgApiKey: sandboxOrgApiKeySchema,
  /** The two secrets again, where Conto's hosted sandbox puts them (`credentials.sdkKey`). */
  credentials: z.object({ sdkKey: z.string(), apiKey: z.string() }),
  /** When every credential of the sandbox expires (7 days after creation). */
  expiresAt: isoTimestampSchema,
  /** The API base URL to use with these credentials. */
  baseUrl: z.optional(z.string()),
  message: z.string(),
})
export type CreateSandboxResponse = z.infer<typeof createSandboxResponseSchema>

/** One body field of `POST /api/agents/sandbox`, as the self-description lists it. */
export const sandboxFieldSchema = z.object({
  name: z.string(),
  type: z.string(),
  required: z.boolean(),
  description: z.string(),
  default: z.optional(z.unknown()),
})
export type SandboxField = z.infer<typeof sandboxFieldSchema>

/** The defaults a sandbox is created with, as data. */
export const sandboxDefaultsSchema = z.object({
  name: z.string(),
  agentType: z.string(),
  mode: z.string(),
  expiresInDays: z.number(),
  wallet: z.object({
    custodyType: z.string(),
    enforcementMode: z.string(),
    chainId: z.string(),
    balance: amountValueSchema,
    currency: z.string(),
    spendLimitPerTx: z.nullable(amountValueSchema),
    spendLimitDaily: z.nullable(amountValueSchema),
  }),
})
export type SandboxDefaults = z.infer<typeof sandboxDefaultsSchema>

/**
 * `GET /api/agents/sandbox`: a machine-readable description of the signup endpoint, so an agent
 * can discover it without docs. `name`, `method`, `path` and `fields` are this server's additions
 * (optional, so Conto's hosted description parses too).
 */
export const sandboxDescriptionSchema = z.object({
  name: z.optional(z.string()),
  description: z.string(),
  usage: z.string(),
  method: z.optional(z.string()),
  path: z.optional(z.string()),
  authentication: z.string(),
  requiredFields: z.array(z.string()),
  optionalFields: z.array(z.string()),
  fields: z.optional(z.array(sandboxFieldSchema)),
  defaults: sandboxDefaultsSchema,
  execution: z.object({
    mode: z.string(),
    description: z.string(),
    successState: z.string(),
  }),
})
export type SandboxDescription = z.infer<typeof sandboxDescriptionSchema>

const sandboxFields: SandboxField[] = [
  {
    name: 'name',
    type: 'string (1-100 characters)',
    required: false,
    description: 'Agent name',
    default: sandboxDefaults.agentName,
  },
  {
    name: 'description',
    type: 'string (max 500 characters)',
    required: false,
    description: 'Agent description',
  },
  {
    name: 'organizationName',
    type: 'string (1-100 characters)',
    required: false,
    description: 'Name of the test-mode organization',
  },
  {
    name: 'agentType',
    type: 'OPENAI_ASSISTANT | ANTHROPIC_CLAUDE | LANGCHAIN | AUTOGPT | CUSTOM',
    required: false,
    description: 'Agent framework',
    default: sandboxDefaults.agentType,
  },
  {
    name: 'publicKey',
    type: 'EVM address',
    required: false,
    description: "The agent's public key; generated when omitted",
  },
  { name: 'externalId', type: 'string', required: false, description: 'Your own id for the agent' },
  {
    name: 'metadata',
    type: 'object',
    required: false,
    description: 'Free-form JSON kept on the agent',
  },
  {
    name: 'callbackUrl',
    type: 'URL',
    required: false,
    description: 'URL kept on the agent for callbacks',
  },
]

/** What this server answers to `GET /api/agents/sandbox`. */
export const sandboxSelfDescription: SandboxDescription = {
  name: 'Conto agent sandbox',
  description: 'Anonymous, self-service signup for a test-mode Conto sandbox',
  usage:
    'POST to this endpoint (no credential, JSON body optional) to get a test-mode organization, ' +
    'an agent, an EXTERNAL wallet linked to the agent, an agent SDK key and a read-only sandbox ' +
    `org API key. Credentials are shown once and expire after ${sandboxDefaults.expiresInDays} days.`,
  method: 'POST',
  path: '/api/agents/sandbox',
  authentication:
    'None to create a sandbox. Use the returned sdkKey as a Bearer token on /api/sdk/*; the org ' +
    'API key is read-only.',
  requiredFields: [],
  optionalFields: sandboxFields.map((field) => field.name),
  fields: sandboxFields,
  defaults: {
    name: sandboxDefaults.agentName,
    agentType: sandboxDefaults.agentType,
    mode: sandboxDefaults.mode,
    expiresInDays: sandboxDefaults.expiresInDays,
    wallet: { ...sandboxDefaults.wallet },
  },
  execution: {
    mode: 'simulated',
    description:
      'Nothing moves on chain: policy evaluation, spend tracking, approvals, receipts and audit ' +
      'logs are real, settlement is simulated.',
    successState:
      'The sandbox wallet has EXTERNAL custody: POST /api/sdk/payments/approve returns ' +
      'approved: true with an approvalToken, then POST /api/sdk/payments/{approvalId}/confirm ' +
      'with the txHash records the payment.',
  },
}
