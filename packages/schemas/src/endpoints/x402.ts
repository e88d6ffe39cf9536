import { defineEndpoint } from '../endpoint.js'
import {
  x402BudgetQuerySchema,
  x402BudgetResponseSchema,
  x402PreAuthorizeParamsSchema,
  x402PreAuthorizeResultSchema,
  x402RecordParamsSchema,
  x402RecordResponseSchema,
  x402ServicesResponseSchema,
} from '../x402.js'

/** x402 pay-per-request payments (§2.20): pre-authorize → pay → record. */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  tag: 'x402',
} as const

export const x402Endpoints = {
  preAuthorize: defineEndpoint(sdk, {
    id: 'x402.preAuthorize',
    method: 'POST',
    path: '/api/sdk/x402/pre-authorize',
    scopes: ['payments:request'],
    rateLimit: 'sdkPayment',
    body: x402PreAuthorizeParamsSchema,
    response: x402PreAuthorizeResultSchema,
    successStatus: 200,
    errors: ['INVALID_AMOUNT', 'INVALID_ADDRESS', 'NO_WALLET', 'AGENT_NOT_ACTIVE', 'WALLET_FROZEN'],
    summary: 'Check an x402 payment against policies before paying',
  }),
  record: defineEndpoint(sdk, {
    id: 'x402.record',
    method: 'POST',
    path: '/api/sdk/x402/record',
    scopes: ['payments:request'],
    rateLimit: 'sdkPayment',
    body: x402RecordParamsSchema,
    response: x402RecordResponseSchema,
    successStatus: 201,
    errors: ['INVALID_AMOUNT', 'INVALID_ADDRESS', 'NO_WALLET', 'CONFLICT'],
    summary: 'Record one settled x402 payment or a batch of 1-100',
  }),
  services: defineEndpoint(sdk, {
    id: 'x402.services',
    method: 'GET',
    path: '/api/sdk/x402/services',
    scopes: ['payments:request', 'analytics:read'],
    rateLimit: 'sdkRead',
    response: x402ServicesResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'The x402 services the agent has paid, with spend and call counts',
  }),
  budget: defineEndpoint(sdk, {
    id: 'x402.budget',
    method: 'GET',
    path: '/api/sdk/x402/budget',
    scopes: ['payments:request', 'analytics:read'],
    rateLimit: 'sdkRead',
    query: x402BudgetQuerySchema,
    response: x402BudgetResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Remaining x402 budget, burn rate and the policy limits that apply',
  }),
}
