import { describe, expect, test } from 'vitest'
import * as z from 'zod/mini'
import { otherEvmAddress as facilitator, now, txHash } from '../test/fixtures.js'
import { errorCodeOf, messagesOf } from '../test/parse-result.js'
import { alertTypes } from './alert.js'
import type { EndpointDefinition } from './endpoint.js'
import { x402Endpoints } from './endpoints/x402.js'
import {
  isX402RecordBatch,
  recordedTxHash,
  serviceDomainFromUrl,
  serviceDomainSchema,
  servicePaymentAlertTypes,
  x402BudgetQuerySchema,
  x402BudgetResponseSchema,
  x402PreAuthorizeParamsSchema,
  x402PreAuthorizeResultSchema,
  x402RecordBatchParamsSchema,
  x402RecordParamsSchema,
  x402RecordPaymentParamsSchema,
  x402RecordResponseSchema,
  x402ServicesResponseSchema,
} from './x402.js'

const otherHash = `0x${'ab'.repeat(32)}`

/** docs.conto.finance/sdk/x402-payments pre-authorize body (placeholder address replaced). */
const preAuthorizeBody = {
  amount: 0.05,
  recipientAddress: facilitator,
  resourceUrl: 'https://api.example.com/data',
  serviceDomain: 'api.example.com',
  facilitator,
  scheme: 'exact',
}

describe('x402PreAuthorizeParamsSchema', () => {
  test('default: the documented body; category defaults to API_PROVIDER', () => {
    expect(x402PreAuthorizeParamsSchema.parse(preAuthorizeBody)).toEqual({
      ...preAuthorizeBody,
      category: 'API_PROVIDER',
    })
  })

  test('default: scheme "exact"; serviceDomain left for the server to derive', () => {
    const parsed = x402PreAuthorizeParamsSchema.parse({
      amount: 0.01,
      recipientAddress: facilitator,
      resourceUrl: 'https://api.example.com/v1/search?q=1',
    })
    expect(parsed).toEqual({
      amount: 0.01,
      recipientAddress: facilitator,
      resourceUrl: 'https://api.example.com/v1/search?q=1',
      scheme: 'exact',
      category: 'API_PROVIDER',
    })
    expect(parsed.serviceDomain).toBeUndefined()
  })

  test('args: every optional field; numeric chainId becomes a string', () => {
    const parsed = x402PreAuthorizeParamsSchema.parse({
      ...preAuthorizeBody,
      facilitator: 'https://x402.org/facilitator',
      category: 'AI_SERVICES',
      sessionId: 'run-42',
      walletId: 'wal_123',
      chainId: 8453,
    })
    expect(parsed.chainId).toBe('8453')
    expect(parsed.sessionId).toBe('run-42')
  })

  test('behavior: serviceDomain is trimmed and lower-cased', () => {
    expect(
      x402PreAuthorizeParamsSchema.parse({
        ...preAuthorizeBody,
        serviceDomain: ' API.Example.COM ',
      }).serviceDomain,
    ).toBe('api.example.com')
  })

  test('error: resourceUrl must be an absolute http(s) URL', () => {
    for (const resourceUrl of ['api.example.com/data', '/data', 'ftp://api.example.com/x', '']) {
      const result = x402PreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, resourceUrl })
      expect(result.error?.issues[0]?.path, resourceUrl).toEqual(['resourceUrl'])
    }
    const { resourceUrl: _, ...rest } = preAuthorizeBody
    expect(messagesOf(x402PreAuthorizeParamsSchema.safeParse(rest))).toBe('resourceUrl is required')
  })

  test('error: serviceDomain must be a host name', () => {
    for (const serviceDomain of ['https://api.example.com', 'api example.com', 'a/b', '']) {
      expect(
        x402PreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, serviceDomain }).success,
        serviceDomain,
      ).toBe(false)
    }
  })

  test('error: amount and address wire codes; unknown chain', () => {
    for (const amount of [0, -0.05, 0.0000001]) {
      const result = x402PreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, amount })
      expect(errorCodeOf(result), String(amount)).toBe('INVALID_AMOUNT')
    }
    const address = x402PreAuthorizeParamsSchema.safeParse({
      ...preAuthorizeBody,
      recipientAddress: '0xFacilitatorAddress',
    })
    expect(errorCodeOf(address)).toBe('INVALID_ADDRESS')
    expect(
      messagesOf(x402PreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, chainId: 999 })),
    ).toContain('Unknown chainId "999"')
  })
})

describe('serviceDomainFromUrl', () => {
  test('default: the URL host name, lower-cased, without port', () => {
    expect(serviceDomainFromUrl('https://API.Example.com:8443/v1?q=1')).toBe('api.example.com')
    expect(serviceDomainSchema.parse(serviceDomainFromUrl('http://localhost:3000/x'))).toBe(
      'localhost',
    )
  })
})

describe('x402PreAuthorizeResultSchema', () => {
  test('default: the documented approved response, plus serviceDomain', () => {
    const approved = {
      authorized: true,
      wallet: { id: 'wal_123', address: '0xAgentWallet', chainId: '8453', availableBalance: 500.0 },
      reasons: ['Within x402 service budget', 'Service domain allowed'],
      serviceDomain: 'api.example.com',
    }
    const parsed = x402PreAuthorizeResultSchema.parse(approved)
    expect(parsed).toEqual(approved)
    expect(parsed.authorized && parsed.wallet.availableBalance).toBe(500)
  })

  test('args: the documented denied response, plus serviceDomain', () => {
    const denied = {
      authorized: false,
      reasons: ['X402 price ceiling exceeded: $0.05 > $0.01 max'],
      violations: [
        {
          type: 'X402_PRICE_CEILING',
          limit: 0.01,
          current: 0.05,
          message: 'Amount exceeds x402 price ceiling',
        },
      ],
      serviceDomain: 'api.example.com',
    }
    expect(x402PreAuthorizeResultSchema.parse(denied)).toEqual(denied)
  })

  test('error: authorized without wallet; denied without violations', () => {
    expect(
      x402PreAuthorizeResultSchema.safeParse({
        authorized: true,
        reasons: [],
        serviceDomain: 'a.b',
      }).success,
    ).toBe(false)
    expect(
      x402PreAuthorizeResultSchema.safeParse({
        authorized: false,
        reasons: [],
        serviceDomain: 'a.b',
      }).success,
    ).toBe(false)
  })
})

/** One payment of the skill's batch record call (§8.1). */
const skillPayment = {
  amount: 0.05,
  recipientAddress: facilitator,
  resourceUrl: 'https://api.example.com/data',
  paymentId: 'pay_123',
  txHash,
  responseCode: 200,
  facilitator: 'https://x402.org/facilitator',
}

describe('x402RecordPaymentParamsSchema', () => {
  test('default: txHash accepted', () => {
    expect(x402RecordPaymentParamsSchema.parse(skillPayment)).toEqual(skillPayment)
  })

  test('args: transactionHash accepted instead of txHash', () => {
    const { txHash: _, ...rest } = skillPayment
    const parsed = x402RecordPaymentParamsSchema.parse({ ...rest, transactionHash: txHash })
    expect(parsed.transactionHash).toBe(txHash)
    expect(recordedTxHash(parsed)).toBe(txHash)
  })

  test('args: both aliases when they agree (case-insensitive)', () => {
    const parsed = x402RecordPaymentParamsSchema.parse({
      ...skillPayment,
      transactionHash: txHash.toUpperCase().replace('0X', '0x'),
    })
    expect(recordedTxHash(parsed)).toBe(txHash)
  })

  test('args: every optional field', () => {
    const body = {
      ...skillPayment,
      serviceDomain: 'api.example.com',
      scheme: 'exact',
      sessionId: 'run-42',
      walletId: 'wal_123',
      chainId: '8453',
    }
    expect(x402RecordPaymentParamsSchema.parse(body)).toEqual(body)
  })

  test('error: neither txHash nor transactionHash', () => {
    const { txHash: _, ...rest } = skillPayment
    const result = x402RecordPaymentParamsSchema.safeParse(rest)
    expect(messagesOf(result)).toBe('txHash (or transactionHash) is required')
    expect(result.error?.issues[0]?.path).toEqual(['txHash'])
  })

  test('error: the two aliases disagree', () => {
    const result = x402RecordPaymentParamsSchema.safeParse({
      ...skillPayment,
      transactionHash: otherHash,
    })
    expect(result.error?.issues[0]?.path).toEqual(['transactionHash'])
  })

  test('error: malformed hash, response code out of range, amount', () => {
    expect(
      x402RecordPaymentParamsSchema.safeParse({ ...skillPayment, txHash: '0xabc123...' }).success,
    ).toBe(false)
    for (const responseCode of [99, 600, 200.5]) {
      expect(
        x402RecordPaymentParamsSchema.safeParse({ ...skillPayment, responseCode }).success,
      ).toBe(false)
    }
    expect(
      errorCodeOf(x402RecordPaymentParamsSchema.safeParse({ ...skillPayment, amount: 0 })),
    ).toBe('INVALID_AMOUNT')
  })
})

describe('x402RecordBatchParamsSchema', () => {
  const batchOf = (n: number) => ({ payments: Array.from({ length: n }, () => skillPayment) })

  test('default: the skill batch call with one payment', () => {
    expect(x402RecordBatchParamsSchema.parse(batchOf(1))).toEqual(batchOf(1))
  })

  test('args: 100 payments', () => {
    expect(x402RecordBatchParamsSchema.parse(batchOf(100)).payments).toHaveLength(100)
  })

  test('error: 0 and 101 payments', () => {
    expect(messagesOf(x402RecordBatchParamsSchema.safeParse(batchOf(0)))).toBe(
      'payments must contain 1-100 payments',
    )
    expect(messagesOf(x402RecordBatchParamsSchema.safeParse(batchOf(101)))).toBe(
      'payments must contain 1-100 payments',
    )
  })

  test('error: a bad entry points at its index and keeps its wire code', () => {
    const result = x402RecordBatchParamsSchema.safeParse({
      payments: [skillPayment, { ...skillPayment, amount: -1 }],
    })
    expect(result.error?.issues[0]?.path).toEqual(['payments', 1, 'amount'])
    expect(errorCodeOf(result)).toBe('INVALID_AMOUNT')
  })
})

describe('x402RecordParamsSchema', () => {
  test('default: a single record', () => {
    const parsed = x402RecordParamsSchema.parse(skillPayment)
    expect(isX402RecordBatch(parsed)).toBe(false)
    expect(parsed).toEqual(skillPayment)
  })

  test('args: a batch; either alias in each entry', () => {
    const { txHash: _, ...rest } = skillPayment
    const parsed = x402RecordParamsSchema.parse({
      payments: [skillPayment, { ...rest, transactionHash: otherHash }],
    })
    expect(isX402RecordBatch(parsed)).toBe(true)
    if (isX402RecordBatch(parsed))
      expect(parsed.payments.map(recordedTxHash)).toEqual([txHash, otherHash])
  })

  test('error: the union keeps the precise issue and wire code', () => {
    const single = x402RecordParamsSchema.safeParse({ ...skillPayment, amount: 1.1234567 })
    expect(errorCodeOf(single)).toBe('INVALID_AMOUNT')
    const batch = x402RecordParamsSchema.safeParse({ payments: [] })
    expect(batch.success).toBe(false)
    const { txHash: _, ...rest } = skillPayment
    expect(x402RecordParamsSchema.safeParse(rest).success).toBe(false)
  })

  test('behavior: converts to JSON Schema for the OpenAPI document', () => {
    expect(() => z.toJSONSchema(x402RecordParamsSchema, { io: 'input' })).not.toThrow()
    expect(() => z.toJSONSchema(x402PreAuthorizeParamsSchema, { io: 'input' })).not.toThrow()
    expect(() => z.toJSONSchema(x402PreAuthorizeResultSchema, { io: 'output' })).not.toThrow()
  })
})

describe('x402RecordResponseSchema', () => {
  test('default: recorded transactions and an alert', () => {
    const body = {
      recorded: 1,
      transactions: [
        { transactionId: 'tx_1', txHash, serviceDomain: 'api.example.com', amount: 0.05 },
      ],
      alerts: [
        {
          id: 'alert_1',
          type: 'X402_NEW_SERVICE',
          severity: 'INFO',
          status: 'ACTIVE',
          title: 'New x402 service',
          message: 'First payment to api.example.com',
          protocol: 'x402',
          serviceDomain: 'api.example.com',
          createdAt: now,
        },
      ],
    }
    expect(x402RecordResponseSchema.parse(body)).toEqual(body)
  })

  test('args: alerts omitted', () => {
    expect(x402RecordResponseSchema.parse({ recorded: 0, transactions: [] })).toEqual({
      recorded: 0,
      transactions: [],
    })
  })

  test('behavior: service-payment alert types are alert types', () => {
    for (const type of servicePaymentAlertTypes) expect(alertTypes).toContain(type)
  })
})

describe('x402ServicesResponseSchema', () => {
  test('default: services with and without endpoints', () => {
    const body = {
      services: [
        {
          serviceDomain: 'api.example.com',
          totalSpend: 1.25,
          callCount: 25,
          lastUsedAt: now,
          endpoints: [
            { resourceUrl: 'https://api.example.com/data', totalSpend: 1, callCount: 20 },
          ],
        },
        { serviceDomain: 'other.api', totalSpend: 0, callCount: 0, lastUsedAt: null },
      ],
    }
    expect(x402ServicesResponseSchema.parse(body)).toEqual(body)
  })
})

describe('x402BudgetQuerySchema', () => {
  test('default: sessionId optional', () => {
    expect(x402BudgetQuerySchema.parse({})).toEqual({})
    expect(x402BudgetQuerySchema.parse({ sessionId: 'run-42' })).toEqual({ sessionId: 'run-42' })
  })

  test('error: empty or 201-character sessionId', () => {
    expect(x402BudgetQuerySchema.safeParse({ sessionId: '' }).success).toBe(false)
    expect(x402BudgetQuerySchema.safeParse({ sessionId: 's'.repeat(201) }).success).toBe(false)
  })

  test('args: the budget response', () => {
    const body = {
      sessionId: 'run-42',
      spentToday: 2.5,
      remaining: { daily: 47.5, session: 7.5, perService: { 'api.example.com': 48 } },
      burnRatePerHour: 0.1,
      limits: [
        {
          ruleType: 'X402_MAX_PER_SERVICE',
          limit: 50,
          spent: 2,
          remaining: 48,
          period: 'DAILY',
          policyId: 'pol_1',
        },
        {
          ruleType: 'X402_SESSION_BUDGET',
          limit: 10,
          spent: 2.5,
          remaining: 7.5,
          period: 'SESSION',
        },
      ],
    }
    expect(x402BudgetResponseSchema.parse(body)).toEqual(body)
    const unlimited = {
      ...body,
      sessionId: null,
      remaining: { daily: null, session: null, perService: {} },
      limits: [],
    }
    expect(x402BudgetResponseSchema.parse(unlimited)).toEqual(unlimited)
  })
})

describe('x402Endpoints', () => {
  const all: EndpointDefinition[] = Object.values(x402Endpoints)

  test('default: the four §2.20 routes', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'x402.preAuthorize POST /api/sdk/x402/pre-authorize',
      'x402.record POST /api/sdk/x402/record',
      'x402.services GET /api/sdk/x402/services',
      'x402.budget GET /api/sdk/x402/budget',
    ])
  })

  test('behavior: tag x402, payment limit on pre-authorize and record', () => {
    for (const endpoint of all) {
      expect(endpoint.tag).toBe('x402')
      expect(endpoint.rateLimit, endpoint.id).toBe(
        endpoint.method === 'POST' ? 'sdkPayment' : 'sdkRead',
      )
    }
    expect(x402Endpoints.preAuthorize.scopes).toEqual(['payments:request'])
    expect(x402Endpoints.record.body).toBe(x402RecordParamsSchema)
  })
})
