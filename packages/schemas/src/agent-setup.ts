import * as z from 'zod/mini'
import { agentPolicySummarySchema, agentSchema, agentStatuses, agentTypes } from './agent.js'
import { delegationTypes } from './agent-wallet-link.js'
import { chainTypes } from './chain.js'
import {
  amountValueSchema,
  dayOfWeekValues,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
} from './common.js'
import { remainingBudgetSchema } from './policy-decision.js'
import { agentScopes, sdkKeyTypes } from './scope.js'
import { custodyTypes, walletStatuses } from './wallet.js'

/**
 * What an agent can learn about itself with its SDK key (§2.15, §2.17): the setup summary
 * (`GET /api/sdk/setup`), its profile (`GET /api/sdk/agent`) and its wallets with their limits,
 * spend and remaining headroom (`GET /api/sdk/wallets`). Every limit: `null` = unlimited.
 */

/** Spend limits of the agent's link to a wallet. */
export const sdkWalletLimitsSchema = z.object({
  perTransaction: z.nullable(amountValueSchema),
  daily: z.nullable(amountValueSchema),
  weekly: z.nullable(amountValueSchema),
  monthly: z.nullable(amountValueSchema),
})
export type SdkWalletLimits = z.infer<typeof sdkWalletLimitsSchema>

/** Spent through the link in the current UTC day, week and month. */
export const sdkWalletSpentSchema = z.object({
  today: amountValueSchema,
  thisWeek: amountValueSchema,
  thisMonth: amountValueSchema,
})
export type SdkWalletSpent = z.infer<typeof sdkWalletSpentSchema>

/**
 * A wallet linked to the calling agent, as the agent sees it. `remaining` is what the link still
 * allows (limit minus spend and live reservations, never below 0; `perTransaction` is also capped
 * by the daily/weekly/monthly headroom); `null` = unlimited.
 */
export const sdkWalletSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.nullable(z.string()),
  chainId: z.string(),
  chainType: openEnumSchema(chainTypes),
  custodyType: openEnumSchema(custodyTypes),
  status: openEnumSchema(walletStatuses),
  balance: amountValueSchema,
  currency: z.string(),
  limits: sdkWalletLimitsSchema,
  spent: sdkWalletSpentSchema,
  remaining: remainingBudgetSchema,
  allowedHoursStart: z.number().check(z.int()),
  allowedHoursEnd: z.number().check(z.int()),
  allowedDays: z.array(openEnumSchema(dayOfWeekValues)),
  timezone: z.string(),
  delegationType: openEnumSchema(delegationTypes),
})
export type SdkWallet = z.infer<typeof sdkWalletSchema>

/** The organization an agent belongs to. */
export const sdkOrganizationSummarySchema = z.object({ id: z.string(), name: z.string() })

/** `GET /api/sdk/setup`: everything an agent needs to check that its setup works. */
export const sdkSetupResponseSchema = z.object({
  agent: z.object({
    id: z.string(),
    name: z.string(),
    status: openEnumSchema(agentStatuses),
    agentType: openEnumSchema(agentTypes),
  }),
  organization: sdkOrganizationSummarySchema,
  wallets: z.array(sdkWalletSchema),
  /** The policies that apply to the agent (assigned and org-wide). */
  policies: z.array(agentPolicySummarySchema),
  /** Scopes of the calling key. */
  scopes: z.array(openEnumSchema(agentScopes)),
  keyType: openEnumSchema(sdkKeyTypes),
  /** When the calling key expires (`null` for a legacy non-expiring key). */
  expiresAt: z.nullable(isoTimestampSchema),
})
export type SdkSetupResponse = z.infer<typeof sdkSetupResponseSchema>

/** `GET /api/sdk/agent`: the calling agent's profile and its organization. */
export const sdkAgentProfileSchema = z.extend(agentSchema, {
  organization: sdkOrganizationSummarySchema,
})
export type SdkAgentProfile = z.infer<typeof sdkAgentProfileSchema>

export const listSdkWalletsQuerySchema = paginationQuerySchema
export type ListSdkWalletsQuery = z.input<typeof listSdkWalletsQuerySchema>

/** `GET /api/sdk/wallets`: `{ wallets, pagination }`. */
export const listSdkWalletsResponseSchema = listEnvelopeSchema('wallets', sdkWalletSchema)
export type ListSdkWalletsResponse = z.infer<typeof listSdkWalletsResponseSchema>
