import { z } from 'zod'
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

const positiveInt = z.number().int().min(1)
const positiveMultiplier = z.number().positive()

/** Tunable auto-freeze thresholds; omitted fields keep the Defaults-page values. */
export const freezeConfigSchema = z.object({
  maxConsecutiveViolations: positiveInt.optional(),
  maxConsecutiveFailures: positiveInt.optional(),
  spendVelocityMultiplier: positiveMultiplier.optional(),
  largeTransactionMultiplier: positiveMultiplier.optional(),
  minTrustScore: z.number().min(0).max(1).optional(),
  trustScoreDropPercent: z.number().min(0).max(100).optional(),
  maxUniqueRecipientsPerHour: positiveInt.optional(),
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
  .trim()
  .min(1, 'name must be 1-100 characters')
  .max(100, 'name must be 1-100 characters')

export const agentDescriptionSchema = z
  .string()
  .max(500, 'description must be at most 500 characters')

/** An agent as the API returns it. */
export const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  agentType: openEnumSchema(agentTypes),
  status: openEnumSchema(agentStatuses),
  description: z.string().nullable(),
  publicKey: z.string().nullable(),
  externalId: z.string().nullable().optional(),
  purpose: z.string().nullable().optional(),
  environment: z.string().nullable().optional(),
  riskTier: z.string().nullable().optional(),
  ownerMembershipId: z.string().nullable().optional(),
  allowedContexts: z.array(z.string()).optional(),
  identityTags: z.array(z.string()).optional(),
  metadata: metadataSchema.nullable().optional(),
  callbackUrl: z.string().nullable().optional(),
  autoFreezeEnabled: z.boolean().optional(),
  freezeConfig: resolvedFreezeConfigSchema.optional(),
  frozenAt: isoTimestampSchema.nullable().optional(),
  frozenReason: z.string().nullable().optional(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type Agent = z.infer<typeof agentSchema>

const identityFields = {
  purpose: z.string().max(500).optional(),
  environment: enumSchema(agentEnvironments, 'environment').optional(),
  riskTier: enumSchema(riskTiers, 'riskTier').optional(),
  ownerMembershipId: idSchema.optional(),
  allowedContexts: z.array(z.string().min(1).max(100)).max(100).optional(),
  identityTags: z.array(z.string().min(1).max(100)).max(100).optional(),
  metadata: metadataSchema.optional(),
  callbackUrl: z.url({ message: 'callbackUrl must be a URL' }).optional(),
}

/** Body of `POST /api/agents`. */
export const createAgentParamsSchema = z.object({
  name: agentNameSchema,
  agentType: agentTypeSchema,
  description: agentDescriptionSchema.optional(),
  publicKey: evmAddressSchema.optional(),
  externalId: z.string().min(1).max(200).optional(),
  ...identityFields,
})
export type CreateAgentParams = z.input<typeof createAgentParamsSchema>

/** Body of `PATCH /api/agents/{agentId}` (every field optional; REVOKED is terminal). */
export const updateAgentParamsSchema = z.object({
  name: agentNameSchema.optional(),
  description: agentDescriptionSchema.nullable().optional(),
  status: agentStatusSchema.optional(),
  externalId: z.string().min(1).max(200).nullable().optional(),
  autoFreezeEnabled: z.boolean().optional(),
  freezeConfig: freezeConfigSchema.optional(),
  ...identityFields,
})
export type UpdateAgentParams = z.input<typeof updateAgentParamsSchema>

/** Query of `GET /api/agents`. */
export const listAgentsQuerySchema = paginationQuerySchema.extend({
  status: agentStatusSchema.optional(),
  search: z.string().max(200).optional(),
})
export type ListAgentsQuery = z.input<typeof listAgentsQuerySchema>

/**
 * `GET /api/agents`: `{ agents, total, limit, offset }` (seed 001) plus the contract's
 * `pagination` (optional here so responses of the hosted API, which omit it, still parse).
 */
export const listAgentsResponseSchema = z.object({
  agents: z.array(agentSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  pagination: paginationSchema.optional(),
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
export const agentDetailSchema = agentSchema.extend({
  wallets: z.array(z.lazy(() => agentWalletLinkSummarySchema)),
  policies: z.array(agentPolicySummarySchema),
  _count: z.object({ sentTransactions: z.number().int() }),
})
export type AgentDetail = z.infer<typeof agentDetailSchema>

/** The wallet-link fields the agent detail view embeds (full links: `agent-wallet-link.ts`). */
const agentWalletLinkSummarySchema = z.object({
  walletId: z.string(),
  delegationType: z.string(),
  spendLimitPerTx: z.number().nullable(),
  spendLimitDaily: z.number().nullable(),
  spendLimitWeekly: z.number().nullable(),
  spendLimitMonthly: z.number().nullable(),
  wallet: z
    .object({
      id: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      chainId: z.string(),
      custodyType: z.string(),
      status: z.string(),
    })
    .optional(),
})

/** One agent of `POST /api/agents/bulk-import`. */
export const bulkImportAgentSchema = z.object({
  name: agentNameSchema,
  publicKey: evmAddressSchema,
  agentType: agentTypeSchema.default('CUSTOM'),
  description: agentDescriptionSchema.optional(),
  externalId: z.string().min(1).max(200).optional(),
})

/** Body of `POST /api/agents/bulk-import`: 1–100 agents; `skipExisting` (default true) skips known publicKeys. */
export const bulkImportAgentsParamsSchema = z.object({
  agents: z
    .array(bulkImportAgentSchema)
    .min(1, 'agents must contain 1-100 agents')
    .max(100, 'agents must contain 1-100 agents'),
  skipExisting: z.boolean().default(true),
})
export type BulkImportAgentsParams = z.input<typeof bulkImportAgentsParamsSchema>

export const bulkImportAgentsResponseSchema = z.object({
  created: z.array(agentSchema),
  skipped: z.array(z.object({ name: z.string(), publicKey: z.string(), reason: z.string() })),
  errors: z.array(z.object({ index: z.number().int(), name: z.string(), error: z.string() })),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
  }),
})
export type BulkImportAgentsResponse = z.infer<typeof bulkImportAgentsResponseSchema>

/** Body of `POST /api/agents/{agentId}/freeze` (manual freeze). */
export const freezeAgentParamsSchema = z.object({
  reason: z.string().max(500).optional(),
})
export type FreezeAgentParams = z.input<typeof freezeAgentParamsSchema>

/** Body of `POST /api/agents/{agentId}/unfreeze`. */
export const unfreezeAgentParamsSchema = z.object({
  reason: z.string().max(500).optional(),
  /** Also unfreeze the agent's wallets that the freeze froze (default true). */
  unfreezeWallets: z.boolean().default(true),
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
export const updateFreezeConfigParamsSchema = freezeConfigSchema.extend({
  autoFreezeEnabled: z.boolean().optional(),
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
