import * as z from 'zod/mini'
import {
  enumSchema,
  evmAddressSchema,
  idSchema,
  isoTimestampSchema,
  metadataSchema,
  openEnumSchema,
  paginationQuerySchema,
  paginationSchema,
  successResponseSchema,
} from './common.js'
import { defaults } from './defaults.js'

/** Agents: the AI identities that spend money (§2.1, seed 001). */

export const agentTypes = [
  'OPENAI_ASSISTANT',
  'ANTHROPIC_CLAUDE',
  'LANGCHAIN',
  'AUTOGPT',
  'CUSTOM',
] as const
export type AgentType = (typeof agentTypes)[number]
export const agentTypeSchema = enumSchema(agentTypes, 'agentType')

export const agentStatuses = ['ACTIVE', 'PAUSED', 'SUSPENDED', 'REVOKED'] as const
export type AgentStatus = (typeof agentStatuses)[number]
export const agentStatusSchema = enumSchema(agentStatuses, 'status')

export const agentEnvironments = ['DEV', 'STAGING', 'PRODUCTION'] as const
export type AgentEnvironment = (typeof agentEnvironments)[number]

export const riskTiers = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export type RiskTier = (typeof riskTiers)[number]

/** Auto-freeze triggers (§4.12). */
export const freezeTriggers = [
  'CONSECUTIVE_VIOLATIONS',
  'CONSECUTIVE_FAILURES',
  'SPEND_VELOCITY',
  'LARGE_TRANSACTION_ANOMALY',
  'TRUST_SCORE_BELOW_THRESHOLD',
  'TRUST_SCORE_DROP',
  'RAPID_COUNTERPARTY_SWITCHING',
  'MANUAL',
] as const
export type FreezeTrigger = (typeof freezeTriggers)[number]

const positiveInt = z.number().check(z.int(), z.gte(1))
const positiveMultiplier = z.number().check(z.positive())

/** Tunable auto-freeze thresholds; omitted fields keep the Defaults-page values. */
export const freezeConfigSchema = z.object({
  maxConsecutiveViolations: z.optional(positiveInt),
  maxConsecutiveFailures: z.optional(positiveInt),
  spendVelocityMultiplier: z.optional(positiveMultiplier),
  largeTransactionMultiplier: z.optional(positiveMultiplier),
  minTrustScore: z.optional(z.number().check(z.gte(0), z.lte(1))),
  trustScoreDropPercent: z.optional(z.number().check(z.gte(0), z.lte(100))),
  maxUniqueRecipientsPerHour: z.optional(positiveInt),
})
export type FreezeConfig = z.infer<typeof freezeConfigSchema>

/** The effective freeze configuration as the server returns it (every field resolved). */
export const resolvedFreezeConfigSchema = z.object({
  autoFreezeEnabled: z.boolean(),
  maxConsecutiveViolations: z.number(),
  maxConsecutiveFailures: z.number(),
  spendVelocityMultiplier: z.number(),
  largeTransactionMultiplier: z.number(),
  minTrustScore: z.number(),
  trustScoreDropPercent: z.number(),
  maxUniqueRecipientsPerHour: z.number(),
})
export type ResolvedFreezeConfig = z.infer<typeof resolvedFreezeConfigSchema>

export const agentNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )

export const agentDescriptionSchema = z
  .string()
  .check(z.maxLength(500, 'description must be at most 500 characters'))

/** An agent as the API returns it. */
export const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  agentType: openEnumSchema(agentTypes),
  status: openEnumSchema(agentStatuses),
  description: z.nullable(z.string()),
  publicKey: z.nullable(z.string()),
  externalId: z.optional(z.nullable(z.string())),
  purpose: z.optional(z.nullable(z.string())),
  environment: z.optional(z.nullable(z.string())),
  riskTier: z.optional(z.nullable(z.string())),
  ownerMembershipId: z.optional(z.nullable(z.string())),
  allowedContexts: z.optional(z.array(z.string())),
  identityTags: z.optional(z.array(z.string())),
  metadata: z.optional(z.nullable(metadataSchema)),
  callbackUrl: z.optional(z.nullable(z.string())),
  autoFreezeEnabled: z.optional(z.boolean()),
  freezeConfig: z.optional(resolvedFreezeConfigSchema),
  frozenAt: z.optional(z.nullable(isoTimestampSchema)),
  frozenReason: z.optional(z.nullable(z.string())),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type Agent = z.infer<typeof agentSchema>

const identityFields = {
  purpose: z.optional(z.string().check(z.maxLength(500))),
  environment: z.optional(enumSchema(agentEnvironments, 'environment')),
  riskTier: z.optional(enumSchema(riskTiers, 'riskTier')),
  ownerMembershipId: z.optional(idSchema),
  allowedContexts: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(100)),
  ),
  identityTags: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(100)),
  ),
  metadata: z.optional(metadataSchema),
  callbackUrl: z.optional(z.url({ message: 'callbackUrl must be a URL' })),
}

/** Body of `POST /api/agents`. */
export const createAgentParamsSchema = z.object({
  name: agentNameSchema,
  agentType: agentTypeSchema,
  description: z.optional(agentDescriptionSchema),
  publicKey: z.optional(evmAddressSchema),
  externalId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  ...identityFields,
})
export type CreateAgentParams = z.input<typeof createAgentParamsSchema>

/** Body of `PATCH /api/agents/{agentId}` (every field optional; REVOKED is terminal). */
export const updateAgentParamsSchema = z.object({
  name: z.optional(agentNameSchema),
  description: z.optional(z.nullable(agentDescriptionSchema)),
  status: z.optional(agentStatusSchema),
  externalId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(200)))),
  autoFreezeEnabled: z.optional(z.boolean()),
  freezeConfig: z.optional(freezeConfigSchema),
  ...identityFields,
})
export type UpdateAgentParams = z.input<typeof updateAgentParamsSchema>

/** Query of `GET /api/agents`. */
export const listAgentsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(agentStatusSchema),
  search: z.optional(z.string().check(z.maxLength(200))),
})
export type ListAgentsQuery = z.input<typeof listAgentsQuerySchema>

/**
 * `GET /api/agents`: `{ agents, total, limit, offset }` (seed 001) plus the contract's
 * `pagination` (optional here so responses of the hosted API, which omit it, still parse).
 */
export const listAgentsResponseSchema = z.object({
  agents: z.array(agentSchema),
  total: z.number().check(z.int()),
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
  pagination: z.optional(paginationSchema),
})
export type ListAgentsResponse = z.infer<typeof listAgentsResponseSchema>

/** An agent–policy assignment as embedded in the agent detail view. */
export const agentPolicySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  policyType: z.string(),
  priority: z.number(),
  isActive: z.boolean(),
})

/** `GET /api/agents/{agentId}`: the agent with its wallet links, policies and counts. */
export const agentDetailSchema = z.extend(agentSchema, {
  wallets: z.array(z.lazy(() => agentWalletLinkSummarySchema)),
  policies: z.array(agentPolicySummarySchema),
  _count: z.object({ sentTransactions: z.number().check(z.int()) }),
})
export type AgentDetail = z.infer<typeof agentDetailSchema>

/** The wallet-link fields the agent detail view embeds (full links: `agent-wallet-link.ts`). */
const agentWalletLinkSummarySchema = z.object({
  walletId: z.string(),
  delegationType: z.string(),
  spendLimitPerTx: z.nullable(z.number()),
  spendLimitDaily: z.nullable(z.number()),
  spendLimitWeekly: z.nullable(z.number()),
  spendLimitMonthly: z.nullable(z.number()),
  wallet: z.optional(
    z.object({
      id: z.string(),
      name: z.string(),
      address: z.nullable(z.string()),
      chainId: z.string(),
      custodyType: z.string(),
      status: z.string(),
    }),
  ),
})

/** One agent of `POST /api/agents/bulk-import`. */
export const bulkImportAgentSchema = z.object({
  name: agentNameSchema,
  publicKey: evmAddressSchema,
  agentType: z._default(agentTypeSchema, 'CUSTOM'),
  description: z.optional(agentDescriptionSchema),
  externalId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})

/** Body of `POST /api/agents/bulk-import`: 1–100 agents; `skipExisting` (default true) skips known publicKeys. */
export const bulkImportAgentsParamsSchema = z.object({
  agents: z
    .array(bulkImportAgentSchema)
    .check(
      z.minLength(1, 'agents must contain 1-100 agents'),
      z.maxLength(100, 'agents must contain 1-100 agents'),
    ),
  skipExisting: z._default(z.boolean(), true),
})
export type BulkImportAgentsParams = z.input<typeof bulkImportAgentsParamsSchema>

export const bulkImportAgentsResponseSchema = z.object({
  created: z.array(agentSchema),
  skipped: z.array(z.object({ name: z.string(), publicKey: z.string(), reason: z.string() })),
  errors: z.array(
    z.object({ index: z.number().check(z.int()), name: z.string(), error: z.string() }),
  ),
  summary: z.object({
    total: z.number().check(z.int()),
    created: z.number().check(z.int()),
    skipped: z.number().check(z.int()),
    failed: z.number().check(z.int()),
  }),
})
export type BulkImportAgentsResponse = z.infer<typeof bulkImportAgentsResponseSchema>

/** Body of `POST /api/agents/{agentId}/freeze` (manual freeze). */
export const freezeAgentParamsSchema = z.object({
  reason: z.optional(z.string().check(z.maxLength(500))),
})
export type FreezeAgentParams = z.input<typeof freezeAgentParamsSchema>

/** Body of `POST /api/agents/{agentId}/unfreeze`. */
export const unfreezeAgentParamsSchema = z.object({
  reason: z.optional(z.string().check(z.maxLength(500))),
  /** Also unfreeze the agent's wallets that the freeze froze (default true). */
  unfreezeWallets: z._default(z.boolean(), true),
})
export type UnfreezeAgentParams = z.input<typeof unfreezeAgentParamsSchema>

/** Response of freeze/unfreeze: the agent after the change and the wallets it touched. */
export const freezeAgentResponseSchema = z.object({
  agent: agentSchema,
  frozenWalletIds: z.array(z.string()),
  unfrozenWalletIds: z.array(z.string()),
})
export type FreezeAgentResponse = z.infer<typeof freezeAgentResponseSchema>

/** Body of `PATCH /api/agents/{agentId}/freeze-config`. */
export const updateFreezeConfigParamsSchema = z.extend(freezeConfigSchema, {
  autoFreezeEnabled: z.optional(z.boolean()),
})
export type UpdateFreezeConfigParams = z.input<typeof updateFreezeConfigParamsSchema>

export const freezeConfigResponseSchema = z.object({
  agentId: z.string(),
  freezeConfig: resolvedFreezeConfigSchema,
})
export type FreezeConfigResponse = z.infer<typeof freezeConfigResponseSchema>

export const deleteAgentResponseSchema = successResponseSchema

/** Path parameters `{agentId}`. */
export const agentIdParamsSchema = z.object({ agentId: idSchema })

/** The Defaults-page freeze configuration, resolved. */
export const defaultFreezeConfig: ResolvedFreezeConfig = { ...defaults.autoFreeze }
