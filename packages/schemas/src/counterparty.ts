import * as z from 'zod/mini'
import { chainTypes } from './chain.js'
import {
  addressSchema,
  amountValueSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  successResponseSchema,
} from './common.js'
import { defaults, trustLevelForScore } from './defaults.js'

/**
 * Counterparties: the vendors, services and agents an organization pays, with their trust score,
 * trust level and risk level (§2.7, §4.18, seed 002 "Counterparties").
 */

/** Trust levels: the four score bands of the Defaults page plus the manual `SUSPICIOUS` flag. */
export const trustLevels = ['TRUSTED', 'VERIFIED', 'UNKNOWN', 'BLOCKED', 'SUSPICIOUS'] as const
export type TrustLevel = (typeof trustLevels)[number]
export const trustLevelSchema = enumSchema(trustLevels, 'trustLevel')

export const riskLevels = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export type RiskLevel = (typeof riskLevels)[number]
export const riskLevelSchema = enumSchema(riskLevels, 'riskLevel')

export const counterpartyTypes = [
  'VENDOR',
  'SERVICE_PROVIDER',
  'AGENT',
  'INDIVIDUAL',
  'EXCHANGE',
  'PROTOCOL',
  'OTHER',
] as const
export type CounterpartyType = (typeof counterpartyTypes)[number]
export const counterpartyTypeSchema = enumSchema(counterpartyTypes, 'type')

export const counterpartyApprovalStatuses = ['APPROVED', 'PENDING', 'REJECTED'] as const
export type CounterpartyApprovalStatus = (typeof counterpartyApprovalStatuses)[number]
export const counterpartyApprovalStatusSchema = enumSchema(
  counterpartyApprovalStatuses,
  'approvalStatus',
)

/** A trust score on the Defaults-page scale: a decimal from 0.0 to 1.0 inclusive. */
export const trustScoreSchema = z
  .number({ error: 'trustScore must be a number between 0 and 1' })
  .check(
    z.gte(0, 'trustScore must be between 0 and 1'),
    z.lte(1, 'trustScore must be between 0 and 1'),
    z.meta({ description: 'Trust score from 0.0 to 1.0 (0.5 = UNKNOWN)', examples: [0.5] }),
  )

/** An ISO 3166-1 alpha-2 country code in upper case, e.g. `US`. */
export const countryCodeSchema = z
  .string()
  .check(
    z.regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code in upper case, e.g. US'),
    z.meta({ examples: ['US'] }),
  )

const counterpartyNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )

const counterpartyDescriptionSchema = z
  .string()
  .check(z.maxLength(500, 'description must be at most 500 characters'))

const counterpartyCategorySchema = z.string().check(
  z.trim(),
  z.minLength(1, 'category must be 1-100 characters'),
  z.maxLength(100, 'category must be 1-100 characters'),
  z.meta({
    description: 'Free-form spend category (compared case-insensitively), e.g. SAAS or MERCHANDISE',
  }),
)

const counterpartyNotesSchema = z
  .string()
  .check(z.maxLength(2000, 'notes must be at most 2000 characters'))

const websiteSchema = z.url({
  protocol: /^https?$/,
  message: 'website must be an http(s) URL',
})

/** Anonymised cross-organization signals about an address, as embedded in a counterparty. */
export const counterpartyNetworkTrustSchema = z.object({
  globalScore: z.number(),
  transactionCount: z.number().check(z.int()),
  organizationCount: z.number().check(z.int()),
  lastUpdated: isoTimestampSchema,
})
export type CounterpartyNetworkTrust = z.infer<typeof counterpartyNetworkTrustSchema>

/** A counterparty as the API returns it. */
export const counterpartySchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  chainType: z.optional(openEnumSchema(chainTypes)),
  type: openEnumSchema(counterpartyTypes),
  /** The counterparty's trust level as set on the record (same vocabulary as `trustLevel`). */
  status: openEnumSchema(trustLevels),
  trustScore: z.number().check(z.gte(0), z.lte(1)),
  trustLevel: openEnumSchema(trustLevels),
  riskLevel: openEnumSchema(riskLevels),
  verified: z.boolean(),
  category: z.nullable(z.string()),
  approvalStatus: z.nullable(openEnumSchema(counterpartyApprovalStatuses)),
  notes: z.nullable(z.string()),
  description: z.nullable(z.string()),
  website: z.nullable(z.string()),
  country: z
    .nullable(z.string())
    .check(z.meta({ description: 'ISO 3166-1 alpha-2 country code, or null when unknown' })),
  transactionCount: z.number().check(z.int()),
  totalVolume: amountValueSchema,
  averageAmount: amountValueSchema,
  lastTransactionAt: z.nullable(isoTimestampSchema),
  /** Present on the detail view (`GET /api/counterparties/{counterpartyId}`); null without network data. */
  networkTrust: z.optional(z.nullable(counterpartyNetworkTrustSchema)),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type Counterparty = z.infer<typeof counterpartySchema>

/** A counterparty with its network trust (always present, null when the network has no data). */
export const counterpartyDetailSchema = z.extend(counterpartySchema, {
  networkTrust: z.nullable(counterpartyNetworkTrustSchema),
})
export type CounterpartyDetail = z.infer<typeof counterpartyDetailSchema>

/**
 * Body of `POST /api/counterparties` and `POST /api/sdk/counterparties`. Defaults come from the
 * Defaults page; when `trustLevel` is omitted it is `status` if given, else the band of
 * `trustScore` (`trustLevelForScore`, UNKNOWN for the default 0.5); `status` defaults to it.
 */
export const createCounterpartyParamsSchema = z
  .object({
    name: counterpartyNameSchema,
    address: addressSchema,
    category: z.optional(counterpartyCategorySchema),
    status: z.optional(enumSchema(trustLevels, 'status')),
    notes: z.optional(counterpartyNotesSchema),
    type: z._default(counterpartyTypeSchema, defaults.counterparty.type),
    description: z.optional(counterpartyDescriptionSchema),
    approvalStatus: z.optional(counterpartyApprovalStatusSchema),
    website: z.optional(websiteSchema),
    country: z.optional(countryCodeSchema),
    trustScore: z._default(trustScoreSchema, defaults.counterparty.trustScore),
    trustLevel: z.optional(trustLevelSchema),
    riskLevel: z._default(riskLevelSchema, defaults.counterparty.riskLevel),
    verified: z._default(z.boolean(), defaults.counterparty.verified),
  })
  .check(
    z.overwrite((params) => {
      const trustLevel = params.trustLevel ?? params.status ?? trustLevelForScore(params.trustScore)
      return { ...params, trustLevel, status: params.status ?? trustLevel }
    }),
  )
export type CreateCounterpartyParams = z.input<typeof createCounterpartyParamsSchema>

/** Body of `PATCH /api/counterparties/{counterpartyId}`: every field optional; `null` clears. */
export const updateCounterpartyParamsSchema = z.object({
  name: z.optional(counterpartyNameSchema),
  address: z.optional(addressSchema),
  category: z.optional(z.nullable(counterpartyCategorySchema)),
  status: z.optional(enumSchema(trustLevels, 'status')),
  notes: z.optional(z.nullable(counterpartyNotesSchema)),
  type: z.optional(counterpartyTypeSchema),
  description: z.optional(z.nullable(counterpartyDescriptionSchema)),
  approvalStatus: z.optional(counterpartyApprovalStatusSchema),
  website: z.optional(z.nullable(websiteSchema)),
  country: z.optional(z.nullable(countryCodeSchema)),
  trustScore: z.optional(trustScoreSchema),
  trustLevel: z.optional(trustLevelSchema),
  riskLevel: z.optional(riskLevelSchema),
  verified: z.optional(z.boolean()),
})
export type UpdateCounterpartyParams = z.input<typeof updateCounterpartyParamsSchema>

/** Query of `GET /api/counterparties` and `GET /api/sdk/counterparties`. */
export const listCounterpartiesQuerySchema = z.extend(paginationQuerySchema, {
  /** Trust level filter. */
  status: z.optional(enumSchema(trustLevels, 'status')),
  /** Matches the name or the address (case-insensitive). */
  search: z.optional(z.string().check(z.maxLength(200, 'search must be at most 200 characters'))),
  type: z.optional(counterpartyTypeSchema),
  approvalStatus: z.optional(counterpartyApprovalStatusSchema),
})
export type ListCounterpartiesQuery = z.input<typeof listCounterpartiesQuerySchema>

/** `{ counterparties, pagination }`. */
export const listCounterpartiesResponseSchema = listEnvelopeSchema(
  'counterparties',
  counterpartySchema,
)
export type ListCounterpartiesResponse = z.infer<typeof listCounterpartiesResponseSchema>

export const deleteCounterpartyResponseSchema = successResponseSchema

/** Path parameters `{counterpartyId}`. */
export const counterpartyIdParamsSchema = z.object({ counterpartyId: idSchema })

/** Path parameters `{address}` of `GET /api/sdk/counterparties/{address}` (matched case-insensitively). */
export const counterpartyAddressParamsSchema = z.object({ address: addressSchema })

/** Query of `GET /api/sdk/network/trust`. */
export const networkTrustQuerySchema = z.object({ address: addressSchema })
export type NetworkTrustQuery = z.input<typeof networkTrustQuerySchema>

/**
 * `GET /api/sdk/network/trust?address=`: anonymised cross-organization trust for an address.
 * An address the network has never seen scores 0.5 (UNKNOWN) with zero counts and
 * `lastUpdated: null`.
 */
export const networkTrustSchema = z.object({
  address: z.string(),
  globalScore: z.number().check(z.gte(0), z.lte(1)),
  transactionCount: z.number().check(z.int()),
  organizationCount: z.number().check(z.int()),
  trustLevel: openEnumSchema(trustLevels),
  lastUpdated: z.nullable(isoTimestampSchema),
})
export type NetworkTrust = z.infer<typeof networkTrustSchema>
