import { describe, expect, test } from 'vitest'
import { otherEvmAddress as service, txHash } from '../test/fixtures.js'
import { errorCodeOf, messagesOf } from '../test/parse-result.js'
import type { EndpointDefinition } from './endpoint.js'
import { mppEndpoints } from './endpoints/mpp.js'
import {
  mppBudgetResponseSchema,
  mppPreAuthorizeParamsSchema,
  mppPreAuthorizeResultSchema,
  mppRecordParamsSchema,
  mppRecordResponseSchema,
  mppServicesResponseSchema,
} from './mpp.js'
import {
  recordedTxHash,
  x402BudgetResponseSchema,
  x402PreAuthorizeResultSchema,
  x402RecordResponseSchema,
  x402ServicesResponseSchema,
} from './x402.js'

/** conto.finance/docs/sdk/mpp-payments pre-authorize body (placeholder address replaced). */
const preAuthorizeBody = {
  amount: 10.0,
  recipientAddress: service,
  resourceUrl: 'https://api.service.com/stream',
  intent: 'session',
  depositAmount: 10.0,
}

describe('mppPreAuthorizeParamsSchema', () => {
  test('default: the documented session pre-authorization', () => {
    expect(mppPreAuthorizeParamsSchema.parse(preAuthorizeBody)).toEqual(preAuthorizeBody)
  })

  test('args: a charge with serviceDomain, sessionId, method, walletId, chainId', () => {
    const body = {
      amount: 0.25,
      recipientAddress: service,
      resourceUrl: 'https://api.service.com/chat',
      serviceDomain: 'api.service.com',
      intent: 'charge',
      sessionId: 'mpp_session_xyz',
      method: 'POST',
      walletId: 'wal_123',
      chainId: '42431',
    }
    expect(mppPreAuthorizeParamsSchema.parse(body)).toEqual(body)
    expect(mppPreAuthorizeParamsSchema.parse({ ...body, chainId: 4217 }).chainId).toBe('4217')
  })

  test('error: intent required; unknown intent lists the allowed values', () => {
    const { intent: _, ...rest } = preAuthorizeBody
    expect(messagesOf(mppPreAuthorizeParamsSchema.safeParse(rest))).toBe('intent is required')
    expect(
      messagesOf(
        mppPreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, intent: 'streaming' }),
      ),
    ).toBe('Invalid intent "streaming": expected one of session, charge')
  })

  test('error: method must be an upper-case HTTP method', () => {
    expect(
      messagesOf(mppPreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, method: 'get' })),
    ).toBe('Invalid method "get": expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS')
  })

  test('error: deposit 0, negative or 7 decimals is INVALID_AMOUNT', () => {
    for (const depositAmount of [0, -10, 10.0000001]) {
      const result = mppPreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, depositAmount })
      expect(errorCodeOf(result), String(depositAmount)).toBe('INVALID_AMOUNT')
    }
  })

  test('error: MPP settles on Tempo only', () => {
    expect(
      messagesOf(mppPreAuthorizeParamsSchema.safeParse({ ...preAuthorizeBody, chainId: 8453 })),
    ).toBe('MPP settles on Tempo only: chainId must be one of 4217, 42431')
  })
})

describe('mppPreAuthorizeResultSchema', () => {
  test('default: the documented approved response, plus serviceDomain (x402 shape)', () => {
    expect(mppPreAuthorizeResultSchema).toBe(x402PreAuthorizeResultSchema)
    const approved = {
      authorized: true,
      wallet: { id: 'wal_123', address: '0xAgentWallet', chainId: '4217', availableBalance: 500.0 },
      reasons: ['Within MPP session budget', 'Service domain allowed'],
      serviceDomain: 'api.service.com',
    }
    expect(mppPreAuthorizeResultSchema.parse(approved)).toEqual(approved)
  })

  test('args: a denial', () => {
    const denied = {
      authorized: false,
      reasons: ['MPP session deposit exceeds $25 max'],
      violations: [
        { type: 'MPP_SESSION_BUDGET', limit: 25, current: 50, message: 'Deposit over budget' },
      ],
      serviceDomain: 'api.service.com',
    }
    expect(mppPreAuthorizeResultSchema.parse(denied)).toEqual(denied)
  })
})

/** conto.finance/docs/sdk/mpp-payments record body (placeholder address and hash replaced). */
const recordBody = {
  amount: 3.5,
  recipientAddress: service,
  txHash,
  resourceUrl: 'https://api.service.com/stream',
  sessionId: 'mpp_session_xyz',
  scheme: 'mpp',
  walletId: 'wal_123',
  chainId: '4217',
}

describe('mppRecordParamsSchema', () => {
  test('default: the documented record body (txHash)', () => {
    expect(mppRecordParamsSchema.parse(recordBody)).toEqual(recordBody)
  })

  test('args: the older documented body (transactionHash, serviceDomain)', () => {
    const { txHash: _, ...rest } = recordBody
    const parsed = mppRecordParamsSchema.parse({
      ...rest,
      transactionHash: txHash,
      serviceDomain: 'api.service.com',
    })
    expect(recordedTxHash(parsed)).toBe(txHash)
  })

  test('default: scheme "mpp" and chainId 4217 when omitted', () => {
    const { scheme: _s, chainId: _c, walletId: _w, ...rest } = recordBody
    expect(mppRecordParamsSchema.parse(rest)).toEqual({ ...rest, scheme: 'mpp', chainId: '4217' })
  })

  test('args: multi-call settlement whose calls add up to the amount', () => {
    const body = {
      ...recordBody,
      amount: 0.3,
      calls: [
        { resourceUrl: 'https://api.service.com/a', amount: 0.1, method: 'GET' },
        { resourceUrl: 'https://api.service.com/b', amount: 0.2 },
      ],
    }
    expect(mppRecordParamsSchema.parse(body)).toEqual(body)
  })

  test('error: calls that do not add up to the amount', () => {
    const result = mppRecordParamsSchema.safeParse({
      ...recordBody,
      calls: [{ resourceUrl: 'https://api.service.com/a', amount: 1 }],
    })
    expect(result.error?.issues[0]?.path).toEqual(['calls'])
  })

  test('error: sessionId required; neither hash; scheme other than mpp; non-Tempo chain', () => {
    const { sessionId: _, ...noSession } = recordBody
    expect(mppRecordParamsSchema.safeParse(noSession).error?.issues[0]?.path).toEqual(['sessionId'])
    const { txHash: _h, ...noHash } = recordBody
    expect(messagesOf(mppRecordParamsSchema.safeParse(noHash))).toBe(
      'txHash (or transactionHash) is required',
    )
    expect(messagesOf(mppRecordParamsSchema.safeParse({ ...recordBody, scheme: 'exact' }))).toBe(
      'scheme must be "mpp" on MPP records',
    )
    expect(mppRecordParamsSchema.safeParse({ ...recordBody, chainId: '8453' }).success).toBe(false)
  })

  test('error: amount wire code', () => {
    expect(errorCodeOf(mppRecordParamsSchema.safeParse({ ...recordBody, amount: -3.5 }))).toBe(
      'INVALID_AMOUNT',
    )
  })
})

describe('mppRecordResponseSchema', () => {
  test('default: the x402 shapes are reused', () => {
    expect(mppRecordResponseSchema).toBe(x402RecordResponseSchema)
    expect(mppServicesResponseSchema).toBe(x402ServicesResponseSchema)
    expect(mppBudgetResponseSchema).toBe(x402BudgetResponseSchema)
    const body = {
      recorded: 1,
      transactions: [
        { transactionId: 'tx_1', txHash, serviceDomain: 'api.service.com', amount: 3.5 },
      ],
    }
    expect(mppRecordResponseSchema.parse(body)).toEqual(body)
  })
})

describe('mppEndpoints', () => {
  const all: EndpointDefinition[] = Object.values(mppEndpoints)

  test('default: the four §2.21 routes', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'mpp.preAuthorize POST /api/sdk/mpp/pre-authorize',
      'mpp.record POST /api/sdk/mpp/record',
      'mpp.services GET /api/sdk/mpp/services',
      'mpp.budget GET /api/sdk/mpp/budget',
    ])
  })

  test('behavior: tag mpp', () => {
    for (const endpoint of all) expect(endpoint.tag, endpoint.id).toBe('mpp')
  })
})
