import * as z from 'zod/mini'
import { enumSchema, idSchema, isoDateSchema, openEnumSchema } from './common.js'

/** Spend analytics (§2.12, §2.17): totals and breakdowns over a trailing period. */

export const analyticsPeriods = ['24h', '7d', '30d', '90d', 'all'] as const
export type AnalyticsPeriod = (typeof analyticsPeriods)[number]
export const analyticsPeriodSchema = enumSchema(analyticsPeriods, 'period')

/** Query of `GET /api/analytics`. */
export const retrieveAnalyticsQuerySchema = z.object({
  period: z._default(analyticsPeriodSchema, '30d'),
  agentId: z.optional(idSchema),
})
export type RetrieveAnalyticsQuery = z.input<typeof retrieveAnalyticsQuerySchema>

/** Query of `GET /api/sdk/analytics` (always the calling agent). */
export const retrieveSdkAnalyticsQuerySchema = z.object({
  period: z._default(analyticsPeriodSchema, '30d'),
})
export type RetrieveSdkAnalyticsQuery = z.input<typeof retrieveSdkAnalyticsQuerySchema>

const countSchema = z.number().check(z.int(), z.gte(0))

/** Spend analytics; amounts are in stablecoin units (USD-equivalent). */
export const analyticsSchema = z.object({
  period: openEnumSchema(analyticsPeriods),
  totals: z.object({
    /** Settled spend (executed and confirmed payments). */
    spend: z.number(),
    transactions: countSchema,
    /** Payment-request decisions in the period. */
    approved: countSchema,
    denied: countSchema,
    requiresApproval: countSchema,
  }),
  byAgent: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      spend: z.number(),
      transactions: countSchema,
    }),
  ),
  /** `category` is null for payments sent without one. */
  byCategory: z.array(
    z.object({ category: z.nullable(z.string()), spend: z.number(), transactions: countSchema }),
  ),
  /** One entry per UTC day of the period, oldest first (days without spend included). */
  byDay: z.array(z.object({ date: isoDateSchema, spend: z.number(), transactions: countSchema })),
})
export type Analytics = z.infer<typeof analyticsSchema>
