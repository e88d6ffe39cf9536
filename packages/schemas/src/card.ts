import * as z from 'zod/mini'
import {
  amountSchema,
  approvalTokenSchema,
  dayOfWeekSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  spendLimitSchema,
  timezoneSchema,
} from './common.js'
import { defaults } from './defaults.js'
import { bodyIdempotencyKeySchema } from './payment-fields.js'
import { evaluationTraceSchema, violationSchema } from './policy-decision.js'

/**
 * Cards, bring-your-own-card (§2.14, §2.19): cards registered with the organization, their
 * assignment to agents with per-agent limits, and the SDK approve → charge → confirm flow.
 */

/** `STRIPE_ISSUING` and `LITHIC` are documented as "coming soon"; `MANUAL` is the default. */
export const cardProviders = ['MANUAL', 'STRIPE_ISSUING', 'LITHIC'] as const
export type CardProvider = (typeof cardProviders)[number]
export const cardProviderSchema = enumSchema(cardProviders, 'provider')

export const cardBrands = ['VISA', 'MASTERCARD', 'AMEX', 'OTHER'] as const
export type CardBrand = (typeof cardBrands)[number]
export const cardBrandSchema = enumSchema(cardBrands, 'brand')

export const cardTypes = ['VIRTUAL', 'PHYSICAL'] as const
export type CardType = (typeof cardTypes)[number]
export const cardTypeSchema = enumSchema(cardTypes, 'cardType')

/** `CANCELLED` is terminal. */
export const cardStatuses = ['ACTIVE', 'PAUSED', 'CANCELLED'] as const
export type CardStatus = (typeof cardStatuses)[number]
export const cardStatusSchema = enumSchema(cardStatuses, 'status')

/** The last four digits of the card number, exactly 4 digits (`"4242"`). */
export const cardLast4Schema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'last4 is required' : 'last4 must be a string'),
  })
  .check(z.regex(/^\d{4}$/, 'last4 must be exactly 4 digits'))

/** A merchant category code (ISO 18245): exactly 4 digits, as a string (`"5411"`). */
export const mccSchema = z
  .string({ error: 'MCC must be a string of 4 digits' })
  .check(
    z.regex(/^\d{4}$/, 'MCC must be exactly 4 digits, e.g. "5411"'),
    z.meta({ description: 'Merchant category code (4 digits)', examples: ['5411'] }),
  )

export const cardNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )

/** A card as the API returns it. Only the last four digits are ever stored. */
export const cardSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: openEnumSchema(cardProviders),
  last4: z.string(),
  brand: openEnumSchema(cardBrands),
  cardType: openEnumSchema(cardTypes),
  status: openEnumSchema(cardStatuses),
  spendLimitDaily: z.nullable(z.number()),
  spendLimitPerTx: z.nullable(z.number()),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type Card = z.infer<typeof cardSchema>

/** Body of `POST /api/cards` (register an existing card). */
export const createCardParamsSchema = z.object({
  provider: z._default(cardProviderSchema, 'MANUAL'),
  name: cardNameSchema,
  last4: cardLast4Schema,
  brand: cardBrandSchema,
  cardType: z._default(cardTypeSchema, 'VIRTUAL'),
  spendLimitDaily: z._default(spendLimitSchema, defaults.card.spendLimitDaily),
  spendLimitPerTx: z._default(spendLimitSchema, defaults.card.spendLimitPerTx),
})
export type CreateCardParams = z.input<typeof createCardParamsSchema>

/** `{ card }`: the response of create, retrieve and set-state. */
export const cardResponseSchema = z.object({ card: cardSchema })
export type CardResponse = z.infer<typeof cardResponseSchema>

/** Query of `GET /api/cards`. */
export const listCardsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(cardStatusSchema),
})
export type ListCardsQuery = z.input<typeof listCardsQuerySchema>

/** `GET /api/cards`: `{ cards, pagination }`. */
export const listCardsResponseSchema = listEnvelopeSchema('cards', cardSchema)
export type ListCardsResponse = z.infer<typeof listCardsResponseSchema>

/** Body of `PATCH /api/cards/{cardId}/state`: pause, resume or cancel (terminal). */
export const setCardStateParamsSchema = z.object({
  state: enumSchema(cardStatuses, 'state'),
})
export type SetCardStateParams = z.input<typeof setCardStateParamsSchema>

/** Body of `POST /api/cards/{cardId}/policies`: link a named policy to the card. */
export const linkCardPolicyParamsSchema = z.object({
  policyId: idSchema,
})
export type LinkCardPolicyParams = z.input<typeof linkCardPolicyParamsSchema>

/** `POST /api/cards/{cardId}/policies` → `{ cardPolicy }`, the link just created. */
export const cardPolicyLinkResponseSchema = z.object({
  cardPolicy: z.object({
    id: z.string(),
    cardId: z.string(),
    policyId: z.string(),
    createdAt: isoTimestampSchema,
  }),
})
export type CardPolicyLinkResponse = z.infer<typeof cardPolicyLinkResponseSchema>

const merchantNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'merchant must not be empty'),
    z.maxLength(200, 'merchant must be at most 200 characters'),
  )
const mccListSchema = z.array(mccSchema).check(z.maxLength(500, 'at most 500 MCCs'))
const merchantListSchema = z
  .array(merchantNameSchema)
  .check(z.maxLength(500, 'at most 500 merchants'))

/**
 * Body of `POST /api/agents/{agentId}/cards`: assign a card to an agent with per-agent limits.
 * The limits may not exceed the card's own limits (400). Hours and days default like agent–wallet
 * links (the Defaults page: 0–24, Mon–Fri, UTC). `allowedCategories`/`allowedMerchants` omitted =
 * no allow-list; the blocked lists default to empty. Categories are MCCs.
 */
export const assignCardParamsSchema = z.object({
  cardId: idSchema,
  spendLimitPerTx: z._default(spendLimitSchema, defaults.card.agentSpendLimitPerTx),
  spendLimitDaily: z._default(spendLimitSchema, defaults.card.agentSpendLimitDaily),
  spendLimitWeekly: z.optional(spendLimitSchema),
  spendLimitMonthly: z.optional(spendLimitSchema),
  allowedDays: z._default(
    z.array(dayOfWeekSchema).check(z.maxLength(7, 'allowedDays lists at most 7 days')),
    [...defaults.agentWalletLink.allowedDays],
  ),
  allowedHoursStart: z._default(
    z
      .number()
      .check(
        z.int('allowedHoursStart must be a whole hour'),
        z.gte(0, 'allowedHoursStart must be 0-23'),
        z.lte(23, 'allowedHoursStart must be 0-23'),
      ),
    defaults.agentWalletLink.allowedHoursStart,
  ),
  allowedHoursEnd: z._default(
    z
      .number()
      .check(
        z.int('allowedHoursEnd must be a whole hour'),
        z.gte(1, 'allowedHoursEnd must be 1-24'),
        z.lte(24, 'allowedHoursEnd must be 1-24'),
      ),
    defaults.agentWalletLink.allowedHoursEnd,
  ),
  timezone: z._default(timezoneSchema, defaults.agentWalletLink.timezone),
  allowedCategories: z.optional(mccListSchema),
  blockedCategories: z._default(mccListSchema, []),
  allowedMerchants: z.optional(merchantListSchema),
  blockedMerchants: z._default(merchantListSchema, []),
})
export type AssignCardParams = z.input<typeof assignCardParamsSchema>

/** An agent–card link: the card as one agent may use it. `null` allow-lists = no allow-list. */
export const agentCardLinkSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  cardId: z.string(),
  spendLimitPerTx: z.nullable(z.number()),
  spendLimitDaily: z.nullable(z.number()),
  spendLimitWeekly: z.nullable(z.number()),
  spendLimitMonthly: z.nullable(z.number()),
  allowedDays: z.array(z.string()),
  allowedHoursStart: z.number().check(z.int()),
  allowedHoursEnd: z.number().check(z.int()),
  timezone: z.string(),
  allowedCategories: z.nullable(z.array(z.string())),
  blockedCategories: z.array(z.string()),
  allowedMerchants: z.nullable(z.array(z.string())),
  blockedMerchants: z.array(z.string()),
  card: z.optional(cardSchema),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type AgentCardLink = z.infer<typeof agentCardLinkSchema>

/** `POST /api/agents/{agentId}/cards` → `{ agentCard }`. */
export const assignCardResponseSchema = z.object({ agentCard: agentCardLinkSchema })
export type AssignCardResponse = z.infer<typeof assignCardResponseSchema>

/** Path parameters `{cardId}`. */
export const cardIdParamsSchema = z.object({ cardId: idSchema })

// ---------------------------------------------------------------------------------------------
// SDK: approve → charge the card → confirm
// ---------------------------------------------------------------------------------------------

/** Body of `POST /api/sdk/cards/approve`. */
export const cardApproveParamsSchema = z.object({
  amount: amountSchema(),
  merchantName: z
    .string({
      error: (issue) => (issue.input === undefined ? 'merchantName is required' : undefined),
    })
    .check(
      z.trim(),
      z.minLength(1, 'merchantName must be 1-200 characters'),
      z.maxLength(200, 'merchantName must be 1-200 characters'),
    ),
  merchantCategory: z
    .string({
      error: (issue) => (issue.input === undefined ? 'merchantCategory is required' : undefined),
    })
    .check(
      z.trim(),
      z.minLength(1, 'merchantCategory must be 1-100 characters'),
      z.maxLength(100, 'merchantCategory must be 1-100 characters'),
    ),
  mcc: z.optional(mccSchema),
  purpose: z
    .string({ error: (issue) => (issue.input === undefined ? 'purpose is required' : undefined) })
    .check(
      z.trim(),
      z.minLength(1, 'purpose must be 1-500 characters'),
      z.maxLength(500, 'purpose must be 1-500 characters'),
    ),
  cardId: idSchema,
  idempotencyKey: z.optional(bodyIdempotencyKeySchema),
})
export type CardApproveParams = z.input<typeof cardApproveParamsSchema>

const cardApproveBase = {
  requestId: z.string(),
  amount: z.number(),
  /** The approval's validity: 5 minutes after the decision (`defaults.approvalTtlSeconds.cardApproval`). */
  expiresAt: isoTimestampSchema,
  reasons: z.array(z.string()),
  violations: z.array(violationSchema),
  evaluation: z.optional(evaluationTraceSchema),
}

/**
 * Response of `POST /api/sdk/cards/approve` (HTTP 200 for every decision), discriminated on
 * `status`. Only `APPROVED` carries the single-use `approvalToken` needed to confirm.
 */
export const cardApproveResultSchema = z.discriminatedUnion('status', [
  z.object({
    ...cardApproveBase,
    status: z.literal('APPROVED'),
    approvalToken: z.string(),
  }),
  z.object({
    ...cardApproveBase,
    status: z.literal('DENIED'),
  }),
  z.object({
    ...cardApproveBase,
    status: z.literal('REQUIRES_APPROVAL'),
    approvalRequestId: z.optional(z.string()),
  }),
])
export type CardApproveResult = z.infer<typeof cardApproveResultSchema>

/** How the card charge ended, as reported on confirm. */
export const cardChargeStatuses = ['COMPLETED', 'FAILED'] as const
export type CardChargeStatus = (typeof cardChargeStatuses)[number]

/** Body of `POST /api/sdk/cards/{requestId}/confirm`: report the card charge. */
export const cardConfirmParamsSchema = z.object({
  approvalToken: approvalTokenSchema,
  transactionReference: z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'transactionReference is required' : undefined,
    })
    .check(
      z.trim(),
      z.minLength(1, 'transactionReference must be 1-200 characters'),
      z.maxLength(200, 'transactionReference must be 1-200 characters'),
    ),
  amount: amountSchema(),
  status: enumSchema(cardChargeStatuses, 'status'),
})
export type CardConfirmParams = z.input<typeof cardConfirmParamsSchema>

export const cardConfirmResultSchema = z.object({
  confirmed: z.literal(true),
  transactionId: z.string(),
  requestId: z.string(),
  status: openEnumSchema(cardChargeStatuses),
  amount: z.number(),
  currency: z.string(),
})
export type CardConfirmResult = z.infer<typeof cardConfirmResultSchema>

/** Path parameters `{requestId}` of the card confirm route. */
export const cardRequestIdParamsSchema = z.object({ requestId: idSchema })
