import { describe, expect, test } from 'vitest'
import { now } from '../test/fixtures.js'
import { errorCodeOf, messagesOf } from '../test/parse-result.js'
import {
  approveBudgetRequestParamsSchema,
  budgetRequestResponseSchema,
  budgetRequestSchema,
  budgetRequestStatuses,
  createBudgetRequestParamsSchema,
  getBudgetRequestsQuerySchema,
  getBudgetRequestsResponseSchema,
  listBudgetRequestsQuerySchema,
  listBudgetRequestsResponseSchema,
  rejectBudgetRequestParamsSchema,
} from './budget-request.js'
import type { EndpointDefinition } from './endpoint.js'
import { budgetRequestEndpoints, sdkBudgetRequestEndpoints } from './endpoints/budget-requests.js'
import { statusByErrorCode } from './errors.js'

const pending = {
  id: 'br_1',
  agentId: 'agt_1',
  amount: 200,
  approvedAmount: null,
  currentSpend: 0,
  remaining: null,
  purpose: 'Run the nightly data pipeline',
  category: 'API_PROVIDER',
  metadata: { runId: 'r-1' },
  status: 'PENDING',
  reason: null,
  expiresAt: '2026-04-08T12:00:00.000Z',
  windowEndsAt: null,
  decidedAt: null,
  createdAt: now,
}
const approved = {
  ...pending,
  status: 'APPROVED',
  approvedAmount: 150,
  currentSpend: 40,
  remaining: 110,
  windowEndsAt: '2026-04-08T13:00:00.000Z',
  decidedAt: '2026-04-07T13:00:00.000Z',
}
const pagination = { total: 1, limit: 50, offset: 0, hasMore: false }

describe('createBudgetRequestParamsSchema', () => {
  test('default: amount and purpose', () => {
    const body = { amount: 200, purpose: 'Run the nightly data pipeline' }
    expect(createBudgetRequestParamsSchema.parse(body)).toEqual(body)
  })

  test('args: category and metadata', () => {
    const body = {
      amount: 200,
      purpose: 'Inference credits',
      category: 'INFRASTRUCTURE',
      metadata: { ticket: 'OPS-12', nested: { a: 1 } },
    }
    expect(createBudgetRequestParamsSchema.parse(body)).toEqual(body)
  })

  test('error: purpose required, blank, 501 characters; 500 allowed', () => {
    expect(messagesOf(createBudgetRequestParamsSchema.safeParse({ amount: 1 }))).toBe(
      'purpose is required',
    )
    expect(createBudgetRequestParamsSchema.safeParse({ amount: 1, purpose: ' ' }).success).toBe(
      false,
    )
    expect(
      createBudgetRequestParamsSchema.safeParse({ amount: 1, purpose: 'p'.repeat(501) }).success,
    ).toBe(false)
    expect(
      createBudgetRequestParamsSchema.parse({ amount: 1, purpose: 'p'.repeat(500) }).purpose,
    ).toHaveLength(500)
  })

  test('error: amount missing, 0, negative, 7 decimals are INVALID_AMOUNT', () => {
    for (const amount of [undefined, 0, -1, 1.0000001]) {
      const result = createBudgetRequestParamsSchema.safeParse({ amount, purpose: 'x' })
      expect(result.success, String(amount)).toBe(false)
      if (amount !== undefined) expect(errorCodeOf(result), String(amount)).toBe('INVALID_AMOUNT')
    }
    expect(createBudgetRequestParamsSchema.parse({ amount: 0.000001, purpose: 'x' }).amount).toBe(
      0.000001,
    )
  })
})

describe('budgetRequestSchema', () => {
  test('default: pending and approved requests', () => {
    expect(budgetRequestSchema.parse(pending)).toEqual(pending)
    expect(budgetRequestResponseSchema.parse({ budgetRequest: approved })).toEqual({
      budgetRequest: approved,
    })
  })

  test('args: every status; a rejected request with its reason', () => {
    for (const status of budgetRequestStatuses) {
      expect(budgetRequestSchema.parse({ ...pending, status }).status).toBe(status)
    }
    const rejected = { ...pending, status: 'REJECTED', reason: 'Too much', decidedAt: now }
    expect(budgetRequestSchema.parse(rejected)).toEqual(rejected)
  })

  test('error: expiresAt is always set', () => {
    expect(budgetRequestSchema.safeParse({ ...pending, expiresAt: null }).success).toBe(false)
  })
})

describe('getBudgetRequestsQuerySchema', () => {
  test('default: no filter, pagination defaults', () => {
    expect(getBudgetRequestsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: id and status', () => {
    expect(getBudgetRequestsQuerySchema.parse({ id: 'br_1', status: 'APPROVED' })).toEqual({
      id: 'br_1',
      status: 'APPROVED',
      limit: 50,
      offset: 0,
    })
  })

  test('error: unknown status lists the allowed values', () => {
    expect(messagesOf(getBudgetRequestsQuerySchema.safeParse({ status: 'ACTIVE' }))).toBe(
      'Invalid status "ACTIVE": expected one of PENDING, APPROVED, REJECTED, EXPIRED, EXHAUSTED',
    )
  })

  test('behavior: the response with and without id', () => {
    const list = { budgetRequests: [approved, pending], pagination: { ...pagination, total: 2 } }
    expect(getBudgetRequestsResponseSchema.parse(list)).toEqual(list)
    const one = { budgetRequests: [approved], pagination, budgetRequest: approved }
    expect(getBudgetRequestsResponseSchema.parse(one)).toEqual(one)
  })
})

describe('listBudgetRequestsQuerySchema', () => {
  test('default: pagination; status and agentId filters', () => {
    expect(listBudgetRequestsQuerySchema.parse({ status: 'PENDING', agentId: 'agt_1' })).toEqual({
      status: 'PENDING',
      agentId: 'agt_1',
      limit: 50,
      offset: 0,
    })
    const body = { budgetRequests: [pending], pagination }
    expect(listBudgetRequestsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('approveBudgetRequestParamsSchema', () => {
  test('default: empty body approves the requested amount', () => {
    expect(approveBudgetRequestParamsSchema.parse({})).toEqual({})
  })

  test('args: adjusted amount and window end', () => {
    const body = { approvedAmount: 150, expiresAt: '2026-04-08T13:00:00.000Z' }
    expect(approveBudgetRequestParamsSchema.parse(body)).toEqual(body)
  })

  test('error: amount 0 is INVALID_AMOUNT; expiresAt must be ISO', () => {
    expect(errorCodeOf(approveBudgetRequestParamsSchema.safeParse({ approvedAmount: 0 }))).toBe(
      'INVALID_AMOUNT',
    )
    expect(approveBudgetRequestParamsSchema.safeParse({ expiresAt: 'tomorrow' }).success).toBe(
      false,
    )
  })
})

describe('rejectBudgetRequestParamsSchema', () => {
  test('default: reason optional; 500 allowed, 501 rejected', () => {
    expect(rejectBudgetRequestParamsSchema.parse({})).toEqual({})
    expect(rejectBudgetRequestParamsSchema.parse({ reason: 'r'.repeat(500) }).reason).toHaveLength(
      500,
    )
    expect(rejectBudgetRequestParamsSchema.safeParse({ reason: 'r'.repeat(501) }).success).toBe(
      false,
    )
  })
})

describe('budgetRequestEndpoints', () => {
  const all: EndpointDefinition[] = [
    ...Object.values(sdkBudgetRequestEndpoints),
    ...Object.values(budgetRequestEndpoints),
  ]

  test('default: the §2.23 routes', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'budgets.request POST /api/sdk/budget-request',
      'budgets.retrieve GET /api/sdk/budget-request',
      'budgetRequests.list GET /api/budget-requests',
      'budgetRequests.approve POST /api/budget-requests/{budgetRequestId}/approve',
      'budgetRequests.reject POST /api/budget-requests/{budgetRequestId}/reject',
    ])
  })

  test('behavior: org routes take org keys', () => {
    for (const endpoint of Object.values(budgetRequestEndpoints)) {
      expect(endpoint.keyKinds).toEqual(['org'])
      expect(endpoint.tag).toBe('Budget Requests')
    }
    expect(budgetRequestEndpoints.list.scopes).toEqual(['transactions:read'])
    expect(budgetRequestEndpoints.approve.scopes).toEqual(['transactions:write'])
  })

  test('args: 409 BUDGET_REQUEST_EXISTS on create', () => {
    expect(sdkBudgetRequestEndpoints.request.errors).toContain('BUDGET_REQUEST_EXISTS')
    expect(statusByErrorCode.BUDGET_REQUEST_EXISTS).toBe(409)
    expect(sdkBudgetRequestEndpoints.request.successStatus).toBe(201)
  })
})
