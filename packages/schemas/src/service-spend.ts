import { z } from 'zod'
import { enumSchema, isoTimestampSchema, openEnumSchema } from './common.js'
import {
  serviceEndpointUsageSchema,
  servicePaymentAlertSchema,
  servicePaymentProtocols,
} from './x402.js'

/**
 * Service spend, "Machine Spend" (§2.22): one read view over the agent's x402 and MPP payments.
 */

export const serviceSpendPeriods = ['24h', '7d', '30d', 'all'] as const
export type ServiceSpendPeriod = (typeof serviceSpendPeriods)[number]

/** `all` = both protocols. */
export const serviceSpendProtocols = ['all', ...servicePaymentProtocols] as const
export type ServiceSpendProtocol = (typeof serviceSpendProtocols)[number]

export const SERVICE_SPEND_DEFAULT_LIMIT = 10

/**
 * Query of both service-spend endpoints. `limit` caps the recent alerts (summary) or the services
 * and endpoints per service (services).
 */
export const serviceSpendQuerySchema = z.object({
  period: enumSchema(serviceSpendPeriods, 'period').default('30d'),
  protocol: enumSchema(serviceSpendProtocols, 'protocol').default('all'),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(100, 'limit must be at most 100')
    .default(SERVICE_SPEND_DEFAULT_LIMIT),
})
export type ServiceSpendQuery = z.input<typeof serviceSpendQuerySchema>

/** The filters the server applied; `startDate` is `null` for `period=all`. */
export const serviceSpendFiltersSchema = z.object({
  period: openEnumSchema(serviceSpendPeriods),
  protocol: openEnumSchema(serviceSpendProtocols),
  organizationId: z.string().nullable(),
  agentId: z.string().nullable(),
  startDate: isoTimestampSchema.nullable(),
})
export type ServiceSpendFilters = z.infer<typeof serviceSpendFiltersSchema>

/** `GET /api/sdk/service-spend/summary`. */
export const serviceSpendSummaryResponseSchema = z.object({
  filters: serviceSpendFiltersSchema,
  summary: z.object({
    totalSpend: z.number(),
    totalCalls: z.number().int(),
    activeServices: z.number().int(),
    activeAgents: z.number().int(),
    activeAlerts: z.number().int(),
    /** Recorded x402/MPP payments (one per record, a multi-call MPP record counts once). */
    micropaymentTransactions: z.number().int(),
    x402Spend: z.number(),
    x402Calls: z.number().int(),
    mppSpend: z.number(),
    mppCalls: z.number().int(),
  }),
  /** The most recent x402/MPP anomaly alerts, newest first (at most `limit`). */
  alerts: z.array(servicePaymentAlertSchema),
})
export type ServiceSpendSummaryResponse = z.infer<typeof serviceSpendSummaryResponseSchema>

/** Spend on one service domain over one protocol, with its top endpoints. */
export const serviceSpendServiceSchema = z.object({
  serviceDomain: z.string(),
  protocol: openEnumSchema(servicePaymentProtocols),
  totalSpend: z.number(),
  callCount: z.number().int(),
  endpoints: z.array(serviceEndpointUsageSchema),
})
export type ServiceSpendService = z.infer<typeof serviceSpendServiceSchema>

/**
 * `GET /api/sdk/service-spend/services`: the top services by spend (at most `limit`), each with
 * its top endpoints (at most `limit`). A domain paid over both protocols appears once per protocol.
 */
export const serviceSpendServicesResponseSchema = z.object({
  filters: serviceSpendFiltersSchema,
  services: z.array(serviceSpendServiceSchema),
})
export type ServiceSpendServicesResponse = z.infer<typeof serviceSpendServicesResponseSchema>
