import {
  approveBudgetRequestParamsSchema,
  budgetRequestIdParamsSchema,
  budgetRequestResponseSchema,
  createBudgetRequestParamsSchema,
  getBudgetRequestsQuerySchema,
  getBudgetRequestsResponseSchema,
  listBudgetRequestsQuerySchema,
  listBudgetRequestsResponseSchema,
  rejectBudgetRequestParamsSchema,
} from '../budget-request.js'
import { defineEndpoint } from '../endpoint.js'

/** Budget requests (§2.23): the agent asks (SDK), a human decides (org). */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  scopes: ['payments:request'],
  tag: 'SDK Budget Requests',
} as const

export const sdkBudgetRequestEndpoints = {
  request: defineEndpoint(sdk, {
    id: 'budgets.request',
    method: 'POST',
    path: '/api/sdk/budget-request',
    rateLimit: 'sdkPayment',
    body: createBudgetRequestParamsSchema,
    response: budgetRequestResponseSchema,
    successStatus: 201,
    errors: ['INVALID_AMOUNT', 'BUDGET_REQUEST_EXISTS', 'AGENT_NOT_ACTIVE'],
    summary: 'Ask a human for a spending budget (one PENDING or APPROVED at a time)',
  }),
  retrieve: defineEndpoint(sdk, {
    id: 'budgets.retrieve',
    method: 'GET',
    path: '/api/sdk/budget-request',
    rateLimit: 'sdkRead',
    query: getBudgetRequestsQuerySchema,
    response: getBudgetRequestsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Your budget requests, or one by id',
  }),
}

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Budget Requests',
} as const

export const budgetRequestEndpoints = {
  list: defineEndpoint(org, {
    id: 'budgetRequests.list',
    method: 'GET',
    path: '/api/budget-requests',
    scopes: ['transactions:read'],
    query: listBudgetRequestsQuerySchema,
    response: listBudgetRequestsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List the budget requests of the organization’s agents',
  }),
  approve: defineEndpoint(org, {
    id: 'budgetRequests.approve',
    method: 'POST',
    path: '/api/budget-requests/{budgetRequestId}/approve',
    scopes: ['transactions:write'],
    params: budgetRequestIdParamsSchema,
    body: approveBudgetRequestParamsSchema,
    response: budgetRequestResponseSchema,
    successStatus: 200,
    errors: ['INVALID_STATUS', 'EXPIRED', 'INVALID_AMOUNT'],
    summary: 'Approve a pending budget request, optionally adjusting amount and window',
  }),
  reject: defineEndpoint(org, {
    id: 'budgetRequests.reject',
    method: 'POST',
    path: '/api/budget-requests/{budgetRequestId}/reject',
    scopes: ['transactions:write'],
    params: budgetRequestIdParamsSchema,
    body: rejectBudgetRequestParamsSchema,
    response: budgetRequestResponseSchema,
    successStatus: 200,
    errors: ['INVALID_STATUS', 'EXPIRED'],
    summary: 'Reject a pending budget request',
  }),
}
