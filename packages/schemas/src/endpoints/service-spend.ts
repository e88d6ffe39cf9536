import { defineEndpoint } from '../endpoint.js'
import {
  serviceSpendQuerySchema,
  serviceSpendServicesResponseSchema,
  serviceSpendSummaryResponseSchema,
} from '../service-spend.js'

/** Service spend, "Machine Spend" (§2.22): one view over x402 and MPP payments. */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  scopes: ['analytics:read'],
  rateLimit: 'sdkRead',
  tag: 'SDK Service Spend',
} as const

export const serviceSpendEndpoints = {
  summary: defineEndpoint(sdk, {
    id: 'serviceSpend.summary',
    method: 'GET',
    path: '/api/sdk/service-spend/summary',
    query: serviceSpendQuerySchema,
    response: serviceSpendSummaryResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Total x402 and MPP spend, calls, services and recent anomaly alerts',
  }),
  services: defineEndpoint(sdk, {
    id: 'serviceSpend.services',
    method: 'GET',
    path: '/api/sdk/service-spend/services',
    query: serviceSpendQuerySchema,
    response: serviceSpendServicesResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Top paid services and their endpoints',
  }),
}
