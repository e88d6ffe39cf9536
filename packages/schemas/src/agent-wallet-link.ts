import * as z from 'zod/mini'
import {
  amountValueSchema,
  dayOfWeekSchema,
  dayOfWeekValues,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  spendLimitSchema,
  successResponseSchema,
  timezoneSchema,
} from './common.js'
import { defaults } from './defaults.js'
import { walletSchema } from './wallet.js'

/**
 * Agent ↔ wallet links (§2.2, seed 001 "Link Wallet to Agent", the Defaults page): which wallets
 * an agent may spend from, with per-link spend limits and time windows; and agent relationships,
 * the per-counterparty limits of one agent (§2.7).
 *
 * Every spend limit is an amount in stablecoin units: `null` = unlimited, `0` blocks every payment.
 */

export const delegationTypes = ['FULL', 'LIMITED', 'VIEW_ONLY', 'PREAPPROVED', 'ALLOWLIST'] as const
export type DelegationType = (typeof delegationTypes)[number]
export const delegationTypeSchema = enumSchema(delegationTypes, 'delegationType')

/** First hour of the day (0–23, in the link's `timezone`) in which the agent may pay. */
export const allowedHoursStartSchema = z
  .number({ error: 'allowedHoursStart must be a number' })
  .check(
    z.int('allowedHoursStart must be a whole hour'),
    z.gte(0, 'allowedHoursStart must be 0-23'),
    z.lte(23, 'allowedHoursStart must be 0-23'),
  )

/** Hour (1–24, exclusive; 24 = end of day) at which the agent's payment window closes. */
export const allowedHoursEndSchema = z
  .number({ error: 'allowedHoursEnd must be a number' })
  .check(
    z.int('allowedHoursEnd must be a whole hour'),
    z.gte(1, 'allowedHoursEnd must be 1-24'),
    z.lte(24, 'allowedHoursEnd must be 1-24'),
  )

/** Days on which the agent may pay: at least one, each at most once. */
export const allowedDaysSchema = z.array(dayOfWeekSchema).check(
  z.minLength(
    1,
    'allowedDays must list at least one day (use spendLimitPerTx: 0 to block payments)',
  ),
  z.refine((days) => new Set(days).size === days.length, 'allowedDays must not repeat a day'),
)

const linkDefaults = defaults.agentWalletLink

/**
 * Rejects an empty hour window (`allowedHoursStart === allowedHoursEnd`) when both are present.
 * A start after the end is a window that wraps midnight: 22 → 6 allows 22:00–06:00.
 */
function checkHourWindow(
  link: { allowedHoursStart?: number | undefined; allowedHoursEnd?: number | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  const { allowedHoursStart: start, allowedHoursEnd: end } = link
  if (start !== undefined && end !== undefined && start === end) {
    ctx.addIssue({
      code: 'custom',
      path: ['allowedHoursEnd'],
      message: `allowedHoursEnd (${end}) must differ from allowedHoursStart (${start}): the window would be empty`,
    })
  }
}

/** Body of `POST /api/agents/{agentId}/wallets`, with the Defaults-page defaults. */
export const createAgentWalletLinkParamsSchema = z
  .object({
    walletId: idSchema,
    delegationType: z._default(delegationTypeSchema, linkDefaults.delegationType),
    spendLimitPerTx: z._default(spendLimitSchema, linkDefaults.spendLimitPerTx),
    spendLimitDaily: z._default(spendLimitSchema, linkDefaults.spendLimitDaily),
    spendLimitWeekly: z._default(spendLimitSchema, linkDefaults.spendLimitWeekly),
    spendLimitMonthly: z._default(spendLimitSchema, linkDefaults.spendLimitMonthly),
    allowedHoursStart: z._default(allowedHoursStartSchema, linkDefaults.allowedHoursStart),
    allowedHoursEnd: z._default(allowedHoursEndSchema, linkDefaults.allowedHoursEnd),
    allowedDays: z._default(allowedDaysSchema, () => [...linkDefaults.allowedDays]),
    timezone: z._default(timezoneSchema, linkDefaults.timezone),
  })
  .check(z.superRefine(checkHourWindow))
export type CreateAgentWalletLinkParams = z.input<typeof createAgentWalletLinkParamsSchema>

/**
 * Body of `PATCH /api/agents/{agentId}/wallets/{walletId}`: only the fields sent change (no
 * defaults). The server checks the hour window again against the stored values.
 */
export const updateAgentWalletLinkParamsSchema = z
  .object({
    delegationType: z.optional(delegationTypeSchema),
    spendLimitPerTx: z.optional(spendLimitSchema),
    spendLimitDaily: z.optional(spendLimitSchema),
    spendLimitWeekly: z.optional(spendLimitSchema),
    spendLimitMonthly: z.optional(spendLimitSchema),
    allowedHoursStart: z.optional(allowedHoursStartSchema),
    allowedHoursEnd: z.optional(allowedHoursEndSchema),
    allowedDays: z.optional(allowedDaysSchema),
    timezone: z.optional(timezoneSchema),
  })
  .check(z.superRefine(checkHourWindow))
export type UpdateAgentWalletLinkParams = z.input<typeof updateAgentWalletLinkParamsSchema>

/** An agent–wallet link as the API returns it, with the wallet and the link's spend so far. */
export const agentWalletLinkSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  walletId: z.string(),
  wallet: walletSchema,
  delegationType: openEnumSchema(delegationTypes),
  spendLimitPerTx: z.nullable(amountValueSchema),
  spendLimitDaily: z.nullable(amountValueSchema),
  spendLimitWeekly: z.nullable(amountValueSchema),
  spendLimitMonthly: z.nullable(amountValueSchema),
  /** Spent through this link in the current UTC day, week and month (calendar windows). */
  spentToday: amountValueSchema,
  spentThisWeek: amountValueSchema,
  spentThisMonth: amountValueSchema,
  allowedHoursStart: z.number().check(z.int()),
  allowedHoursEnd: z.number().check(z.int()),
  allowedDays: z.array(openEnumSchema(dayOfWeekValues)),
  timezone: z.string(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type AgentWalletLink = z.infer<typeof agentWalletLinkSchema>

export const listAgentWalletLinksQuerySchema = paginationQuerySchema
export type ListAgentWalletLinksQuery = z.input<typeof listAgentWalletLinksQuerySchema>

/** `GET /api/agents/{agentId}/wallets`: `{ wallets: AgentWalletLink[], pagination }`. */
export const listAgentWalletLinksResponseSchema = listEnvelopeSchema(
  'wallets',
  agentWalletLinkSchema,
)
export type ListAgentWalletLinksResponse = z.infer<typeof listAgentWalletLinksResponseSchema>

export const unlinkAgentWalletResponseSchema = successResponseSchema

/** Path parameters `{agentId}` and `{walletId}`. */
export const agentWalletLinkParamsSchema = z.object({ agentId: idSchema, walletId: idSchema })

/**
 * Body of `PATCH /api/agents/{agentId}/relationships/{counterpartyId}`: the agent's limits towards
 * one counterparty (creates the relationship on first use). `null` clears a limit.
 */
export const updateAgentRelationshipParamsSchema = z.object({
  spendLimitPerTx: z.optional(spendLimitSchema),
  spendLimitDaily: z.optional(spendLimitSchema),
  spendLimitMonthly: z.optional(spendLimitSchema),
})
export type UpdateAgentRelationshipParams = z.input<typeof updateAgentRelationshipParamsSchema>

/** An agent's relationship with one counterparty, and its limits (`null` = unlimited). */
export const agentRelationshipSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  counterpartyId: z.string(),
  spendLimitPerTx: z.nullable(amountValueSchema),
  spendLimitDaily: z.nullable(amountValueSchema),
  spendLimitMonthly: z.nullable(amountValueSchema),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type AgentRelationship = z.infer<typeof agentRelationshipSchema>

export const listAgentRelationshipsQuerySchema = paginationQuerySchema
export type ListAgentRelationshipsQuery = z.input<typeof listAgentRelationshipsQuerySchema>

/** `GET /api/agents/{agentId}/relationships`: `{ relationships, pagination }`. */
export const listAgentRelationshipsResponseSchema = listEnvelopeSchema(
  'relationships',
  agentRelationshipSchema,
)
export type ListAgentRelationshipsResponse = z.infer<typeof listAgentRelationshipsResponseSchema>

/** Path parameters `{agentId}` and `{counterpartyId}`. */
export const agentRelationshipParamsSchema = z.object({
  agentId: idSchema,
  counterpartyId: idSchema,
})
