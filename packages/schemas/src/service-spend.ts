import * as z from 'zod/mini'
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
  period: z._default(enumSchema(serviceSpendPeriods, 'period'), '30d'),
  protocol: z._default(enumSchema(serviceSpendProtocols, 'protocol'), 'all'),
  limit: z._default(
    z.coerce
      .number<number | string>({ error: 'limit must be a number' })
      .check(
        z.int('limit must be a whole number'),
        z.gte(1, 'limit must be at least 1'),
        z.lte(100, 'limit must be at most 100'),
      ),
    SERVICE_SPEND_DEFAULT_LIMIT,
  ),
})
export type ServiceSpendQuery = z.input<typeof serviceSpendQuerySchema>

/** The filters the server applied; `startDate` is `null` for `period=all`. */
export const serviceSpendFiltersSchema = z.object({
  period: openEnumSchema(serviceSpendPeriods),
  protocol: openEnumSchema(serviceSpendProtocols),
  organizationId: z.nullable(z.string()),
  agentId: z.nullable(z.string()),
  startDate: z.nullable(isoTimestampSchema),
})
export type ServiceSpendFilters = z.infer<typeof serviceSpendFiltersSchema>

/** `GET /api/sdk/service-spend/summary`. */
export const serviceSpendSummaryResponseSchema = z.object({
  filters: serviceSpendFiltersSchema,
  summary: z.object({
    totalSpend: z.number(),
    totalCalls: z.number().check(z.int()),
    activeServices: z.number().check(z.int()),
    activeAgents: z.number().check(z.int()),
    activeAlerts: z.number().check(z.int()),
    /** Recorded x402/MPP payments (one per record, a multi-call MPP record counts once). */
    micropaymentTransactions: z.number().check(z.int()),
    x402Spend: z.number(),
    x402Calls: z.number().check(z.int()),
    mppSpend: z.number(),
    mppCalls: z.number().check(z.int()),
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
  callCount: z.number().check(z.int()),
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
