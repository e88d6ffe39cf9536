import { describe, expect, test } from 'vitest'
import { evmAddress as address, now, solanaAddress, txHash } from '../test/fixtures.js'
import { errorCodeOf, messagesOf } from '../test/parse-result.js'
import {
  a2aRequestResponseSchema,
  a2aRequestSchema,
  a2aRequestStatuses,
  a2aStatsResponseSchema,
  approveA2aRequestParamsSchema,
  createA2aRequestParamsSchema,
  createA2aRequestResponseSchema,
  executeA2aRequestResponseSchema,
  listA2aRequestsQuerySchema,
  listA2aRequestsResponseSchema,
  rejectA2aRequestParamsSchema,
  resolveA2aAgentParamsSchema,
  resolveA2aAgentResponseSchema,
} from './a2a-request.js'
import type { EndpointDefinition } from './endpoint.js'
import { a2aEndpoints } from './endpoints/a2a.js'

/** The documented create body (conto.finance/docs/sdk/a2a-payments). */
const documentedBody = {
  targetAgentId: 'agent_xyz',
  amount: 50,
  currency: 'USDC',
  purpose: 'Reimbursement for API credits',
  metadata: { invoiceId: 'INV-2026-001' },
}

const request = {
  id: 'a2a_req_abc123',
  status: 'PENDING',
  requestingAgentId: 'agent_abc',
  requestedFromAgentId: 'agent_xyz',
  amount: 50,
  currency: 'USDC',
  purpose: 'Reimbursement for API credits',
  metadata: { invoiceId: 'INV-2026-001' },
  reason: null,
  transactionId: null,
  expiresAt: '2026-04-14T12:00:00.000Z',
  createdAt: now,
  updatedAt: now,
}

describe('createA2aRequestParamsSchema', () => {
  test('default: the documented example', () => {
    expect(createA2aRequestParamsSchema.parse(documentedBody)).toEqual(documentedBody)
  })

  test('default: currency USDC; metadata optional', () => {
    expect(
      createA2aRequestParamsSchema.parse({ targetAgentId: 'agent_xyz', amount: 5, purpose: 'x' }),
    ).toEqual({ targetAgentId: 'agent_xyz', amount: 5, purpose: 'x', currency: 'USDC' })
  })

  test('args: targetWalletAddress instead of targetAgentId (EVM and Solana)', () => {
    const { targetAgentId: _, ...rest } = documentedBody
    for (const targetWalletAddress of [address, solanaAddress]) {
      expect(
        createA2aRequestParamsSchema.parse({ ...rest, targetWalletAddress }).targetWalletAddress,
      ).toBe(targetWalletAddress)
    }
  })

  test('behavior: extra metadata keys are kept next to invoiceId', () => {
    const parsed = createA2aRequestParamsSchema.parse({
      ...documentedBody,
      metadata: { invoiceId: 'INV-1', project: 'atlas' },
    })
    expect(parsed.metadata).toEqual({ invoiceId: 'INV-1', project: 'atlas' })
  })

  test('error: neither target', () => {
    const { targetAgentId: _, ...rest } = documentedBody
    const result = createA2aRequestParamsSchema.safeParse(rest)
    expect(messagesOf(result)).toBe('Provide targetAgentId or targetWalletAddress')
    expect(result.error?.issues[0]?.path).toEqual(['targetAgentId'])
  })

  test('error: both targets', () => {
    const result = createA2aRequestParamsSchema.safeParse({
      ...documentedBody,
      targetWalletAddress: address,
    })
    expect(messagesOf(result)).toBe(
      'Provide exactly one of targetAgentId or targetWalletAddress, not both',
    )
  })

  test('error: malformed wallet address is INVALID_ADDRESS', () => {
    const { targetAgentId: _, ...rest } = documentedBody
    const result = createA2aRequestParamsSchema.safeParse({ ...rest, targetWalletAddress: '0x123' })
    expect(errorCodeOf(result)).toBe('INVALID_ADDRESS')
  })

  test('error: amount 0, negative, 7 decimals are INVALID_AMOUNT; 6 decimals pass', () => {
    for (const amount of [0, -50, 0.0000001, '50']) {
      const result = createA2aRequestParamsSchema.safeParse({ ...documentedBody, amount })
      expect(errorCodeOf(result), String(amount)).toBe('INVALID_AMOUNT')
    }
    expect(createA2aRequestParamsSchema.parse({ ...documentedBody, amount: 0.000001 }).amount).toBe(
      0.000001,
    )
  })

  test('error: purpose required, 500 allowed, 501 rejected', () => {
    const { purpose: _, ...rest } = documentedBody
    expect(messagesOf(createA2aRequestParamsSchema.safeParse(rest))).toContain(
      'purpose is required',
    )
    expect(
      createA2aRequestParamsSchema.parse({ ...documentedBody, purpose: 'p'.repeat(500) }).purpose,
    ).toHaveLength(500)
    expect(
      createA2aRequestParamsSchema.safeParse({ ...documentedBody, purpose: 'p'.repeat(501) })
        .success,
    ).toBe(false)
  })
})

describe('a2aRequestSchema', () => {
  test('default: a request in every status', () => {
    for (const status of a2aRequestStatuses) {
      expect(a2aRequestSchema.parse({ ...request, status }).status).toBe(status)
    }
  })

  test('behavior: the documented create response, completed with the contract fields', () => {
    const documented = {
      success: true,
      paymentRequest: {
        id: 'a2a_req_abc123',
        status: 'PENDING',
        requestingAgentId: 'agent_abc',
        requestedFromAgentId: 'agent_xyz',
        amount: 50,
        currency: 'USDC',
        purpose: 'Reimbursement for API credits',
      },
      message: 'Payment request sent to DevOps Agent',
    }
    const completed = {
      ...documented,
      paymentRequest: { ...request, ...documented.paymentRequest },
    }
    expect(createA2aRequestResponseSchema.parse(completed)).toEqual(completed)
    expect(createA2aRequestResponseSchema.safeParse({ ...completed, success: false }).success).toBe(
      false,
    )
  })

  test('args: executed request with reason and transaction', () => {
    const executed = { ...request, status: 'EXECUTED', reason: 'ok', transactionId: 'tx_1' }
    expect(a2aRequestResponseSchema.parse({ paymentRequest: executed })).toEqual({
      paymentRequest: executed,
    })
  })
})

describe('listA2aRequestsQuerySchema', () => {
  test('default: both directions, pagination defaults', () => {
    expect(listA2aRequestsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: direction and status filters', () => {
    expect(
      listA2aRequestsQuerySchema.parse({ direction: 'incoming', status: 'PENDING', limit: '10' }),
    ).toEqual({ direction: 'incoming', status: 'PENDING', limit: 10, offset: 0 })
  })

  test('error: unknown direction and status list the allowed values', () => {
    expect(messagesOf(listA2aRequestsQuerySchema.safeParse({ direction: 'both' }))).toBe(
      'Invalid direction "both": expected one of incoming, outgoing',
    )
    expect(messagesOf(listA2aRequestsQuerySchema.safeParse({ status: 'DONE' }))).toBe(
      'Invalid status "DONE": expected one of PENDING, APPROVED, REJECTED, EXECUTED, FAILED, EXPIRED',
    )
  })

  test('args: the { requests, pagination } envelope', () => {
    const body = {
      requests: [request],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listA2aRequestsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('approveA2aRequestParamsSchema', () => {
  test('default: reason optional on approve', () => {
    expect(approveA2aRequestParamsSchema.parse({})).toEqual({})
    expect(approveA2aRequestParamsSchema.parse({ reason: 'Invoice checked' })).toEqual({
      reason: 'Invoice checked',
    })
  })

  test('error: reason over 500 characters', () => {
    expect(approveA2aRequestParamsSchema.safeParse({ reason: 'r'.repeat(501) }).success).toBe(false)
  })
})

describe('rejectA2aRequestParamsSchema', () => {
  test('default: reason required on reject', () => {
    expect(rejectA2aRequestParamsSchema.parse({ reason: 'Duplicate invoice' })).toEqual({
      reason: 'Duplicate invoice',
    })
  })

  test('error: missing, blank or 501-character reason', () => {
    expect(messagesOf(rejectA2aRequestParamsSchema.safeParse({}))).toBe('reason is required')
    expect(rejectA2aRequestParamsSchema.safeParse({ reason: '  ' }).success).toBe(false)
    expect(rejectA2aRequestParamsSchema.safeParse({ reason: 'r'.repeat(501) }).success).toBe(false)
  })
})

describe('executeA2aRequestResponseSchema', () => {
  const transaction = {
    transactionId: 'tx_1',
    txHash,
    explorerUrl: `https://explore.moderato.tempo.xyz/tx/${txHash}`,
    status: 'COMPLETED',
    simulated: true,
  }

  test('default: request, transaction and decision', () => {
    const body = {
      paymentRequest: { ...request, status: 'EXECUTED', transactionId: 'tx_1' },
      transaction,
      decision: { status: 'APPROVED', reasons: ['Within daily limit'], violations: [] },
    }
    expect(executeA2aRequestResponseSchema.parse(body)).toEqual(body)
  })

  test('args: decision omitted; live transfer still confirming', () => {
    const body = {
      paymentRequest: { ...request, status: 'EXECUTED' },
      transaction: { transactionId: 'tx_2', txHash, explorerUrl: null, status: 'CONFIRMING' },
    }
    expect(executeA2aRequestResponseSchema.parse(body)).toEqual(body)
  })

  test('error: transaction missing', () => {
    expect(executeA2aRequestResponseSchema.safeParse({ paymentRequest: request }).success).toBe(
      false,
    )
  })
})

describe('resolveA2aAgentParamsSchema', () => {
  test('default: { walletAddress } and the agent summary', () => {
    expect(resolveA2aAgentParamsSchema.parse({ walletAddress: address })).toEqual({
      walletAddress: address,
    })
    const summary = {
      agentId: 'agent_xyz',
      agentName: 'DevOps Agent',
      agentType: 'CUSTOM',
      walletId: 'wal_1',
      walletAddress: address,
    }
    expect(resolveA2aAgentResponseSchema.parse(summary)).toEqual(summary)
  })

  test('error: malformed or missing address', () => {
    expect(errorCodeOf(resolveA2aAgentParamsSchema.safeParse({ walletAddress: 'abc' }))).toBe(
      'INVALID_ADDRESS',
    )
    expect(resolveA2aAgentParamsSchema.safeParse({}).success).toBe(false)
  })
})

describe('a2aStatsResponseSchema', () => {
  test('default: both directions', () => {
    const side = { total: 3, pending: 1, approved: 0, executed: 1, rejected: 1, volume: 50 }
    const body = { incoming: side, outgoing: { ...side, volume: 0 } }
    expect(a2aStatsResponseSchema.parse(body)).toEqual(body)
    expect(a2aStatsResponseSchema.safeParse({ incoming: side }).success).toBe(false)
  })
})

describe('a2aEndpoints', () => {
  const all: EndpointDefinition[] = Object.values(a2aEndpoints)

  test('default: the eight §2.18 routes', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'a2a.request POST /api/sdk/a2a/request',
      'a2a.list GET /api/sdk/a2a/requests',
      'a2a.retrieve GET /api/sdk/a2a/requests/{requestId}',
      'a2a.approve POST /api/sdk/a2a/requests/{requestId}/approve',
      'a2a.reject POST /api/sdk/a2a/requests/{requestId}/reject',
      'a2a.execute POST /api/sdk/a2a/requests/{requestId}/execute',
      'a2a.resolve POST /api/sdk/a2a/resolve',
      'a2a.stats GET /api/sdk/a2a/stats',
    ])
  })

  test('behavior: payment rate limit on money-moving routes', () => {
    const payment = new Set(['a2a.request', 'a2a.approve', 'a2a.reject', 'a2a.execute'])
    for (const endpoint of all) {
      expect(endpoint.tag).toBe('SDK A2A Payments')
      expect(endpoint.rateLimit, endpoint.id).toBe(
        payment.has(endpoint.id) ? 'sdkPayment' : 'sdkRead',
      )
      expect(endpoint.scopes, endpoint.id).toEqual(
        endpoint.id === 'a2a.execute' ? ['payments:execute'] : ['payments:request'],
      )
    }
    expect(a2aEndpoints.request.successStatus).toBe(201)
  })
})
