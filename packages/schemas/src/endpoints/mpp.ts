import { defineEndpoint } from '../endpoint.js'
import {
  mppBudgetQuerySchema,
  mppBudgetResponseSchema,
  mppPreAuthorizeParamsSchema,
  mppPreAuthorizeResultSchema,
  mppRecordParamsSchema,
  mppRecordResponseSchema,
  mppServicesResponseSchema,
} from '../mpp.js'

/** MPP session payments on Tempo (§2.21): pre-authorize → open → charge → close → record. */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  tag: 'mpp',
} as const

export const mppEndpoints = {
  preAuthorize: defineEndpoint(sdk, {
    id: 'mpp.preAuthorize',
    method: 'POST',
    path: '/api/sdk/mpp/pre-authorize',
    scopes: ['payments:request'],
    rateLimit: 'sdkPayment',
    body: mppPreAuthorizeParamsSchema,
    response: mppPreAuthorizeResultSchema,
    successStatus: 200,
    errors: ['INVALID_AMOUNT', 'INVALID_ADDRESS', 'NO_WALLET', 'AGENT_NOT_ACTIVE', 'WALLET_FROZEN'],
    summary: 'Check an MPP session deposit or charge against policies',
  }),
  record: defineEndpoint(sdk, {
    id: 'mpp.record',
    method: 'POST',
    path: '/api/sdk/mpp/record',
    scopes: ['payments:request'],
    rateLimit: 'sdkPayment',
    body: mppRecordParamsSchema,
    response: mppRecordResponseSchema,
    successStatus: 201,
    errors: ['INVALID_AMOUNT', 'INVALID_ADDRESS', 'NO_WALLET', 'CONFLICT'],
    summary: 'Record the settled amount of an MPP session or charge',
  }),
  services: defineEndpoint(sdk, {
    id: 'mpp.services',
    method: 'GET',
    path: '/api/sdk/mpp/services',
    scopes: ['payments:request', 'analytics:read'],
    rateLimit: 'sdkRead',
    response: mppServicesResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'The MPP services the agent has paid, with spend and call counts',
  }),
  budget: defineEndpoint(sdk, {
    id: 'mpp.budget',
    method: 'GET',
    path: '/api/sdk/mpp/budget',
    scopes: ['payments:request', 'analytics:read'],
    rateLimit: 'sdkRead',
    query: mppBudgetQuerySchema,
    response: mppBudgetResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Remaining MPP session and policy budget',
  }),
}
