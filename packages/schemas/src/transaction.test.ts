import { describe, expect, test } from 'vitest'
import { txHash } from '../test/fixtures.js'
import {
  listSdkTransactionsQuerySchema,
  listTransactionsQuerySchema,
  listTransactionsResponseSchema,
  retryTransactionResponseSchema,
  transactionIdParamsSchema,
  transactionKinds,
  transactionSchema,
  transactionStatuses,
} from './transaction.js'

const transaction = {
  id: 'tx_abc123',
  txHash,
  amount: 50,
  currency: 'pathUSD',
  status: 'COMPLETED',
  fromAddress: '0x1234567890abcdef1234567890abcdef12345678',
  toAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  recipientName: 'OpenAI',
  purpose: 'GPT-4 API credits',
  category: 'AI_SERVICES',
  agentId: 'agt_1',
  agent: { id: 'agt_1', name: 'Research Agent' },
  walletId: 'wal_managed1',
  chainId: '42431',
  explorerUrl: `https://explore.moderato.tempo.xyz/tx/${txHash}`,
  paymentRequestId: 'cmm59z8fj000l49h7bjqza11p',
  externalApprovalId: null,
  simulated: true,
  kind: 'standard',
  failureReason: null,
  createdAt: '2026-04-07T12:00:00.000Z',
  confirmedAt: '2026-04-07T12:00:01.000Z',
}

describe('transactionSchema', () => {
  test('default: a simulated managed-wallet payment', () => {
    expect(transactionSchema.parse(transaction)).toEqual(transaction)
  })

  test('args: a failed external payment without hash or agent embed', () => {
    const { agent: _agent, ...rest } = transaction
    const failed = {
      ...rest,
      txHash: null,
      status: 'FAILED',
      paymentRequestId: null,
      externalApprovalId: 'cmm5apprv000l49h7bjqza11p',
      simulated: false,
      failureReason: 'Transfer reverted',
      confirmedAt: null,
    }
    expect(transactionSchema.parse(failed)).toEqual(failed)
  })

  test('args: every status and kind, and values added later', () => {
    for (const status of [...transactionStatuses, 'SETTLING']) {
      expect(transactionSchema.safeParse({ ...transaction, status }).success, status).toBe(true)
    }
    for (const kind of [...transactionKinds, 'ach']) {
      expect(transactionSchema.safeParse({ ...transaction, kind }).success, kind).toBe(true)
    }
  })

  test('error: missing required fields', () => {
    const { simulated: _simulated, ...rest } = transaction
    expect(transactionSchema.safeParse(rest).success).toBe(false)
    expect(transactionSchema.safeParse({ ...transaction, createdAt: 'yesterday' }).success).toBe(
      false,
    )
  })
})

describe('listTransactionsQuerySchema', () => {
  test('default: pagination defaults', () => {
    expect(listTransactionsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: every filter, from query strings', () => {
    expect(
      listTransactionsQuerySchema.parse({
        agentId: 'agt_1',
        walletId: 'wal_1',
        status: 'FAILED',
        startDate: '2026-04-01',
        endDate: '2026-04-07T23:59:59.999Z',
        minAmount: '10',
        maxAmount: '100.5',
        limit: '100',
        offset: '20',
      }),
    ).toEqual({
      agentId: 'agt_1',
      walletId: 'wal_1',
      status: 'FAILED',
      startDate: '2026-04-01',
      endDate: '2026-04-07T23:59:59.999Z',
      minAmount: 10,
      maxAmount: 100.5,
      limit: 100,
      offset: 20,
    })
  })

  test('error: limit above 100, negative amounts, bad dates', () => {
    // Above 100 reads as 100 (conto-api §6.4: cap 100).
    expect(listTransactionsQuerySchema.parse({ limit: '101' }).limit).toBe(100)
    expect(listTransactionsQuerySchema.safeParse({ minAmount: '-1' }).success).toBe(false)
    expect(listTransactionsQuerySchema.safeParse({ maxAmount: 'abc' }).success).toBe(false)
    expect(listTransactionsQuerySchema.safeParse({ startDate: 'last week' }).success).toBe(false)
  })

  test('error: unknown status lists the allowed ones', () => {
    const result = listTransactionsQuerySchema.safeParse({ status: 'DONE' })
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid status "DONE": expected one of PENDING, CONFIRMING, CONFIRMED, COMPLETED, FAILED, REJECTED',
    )
  })
})

describe('listSdkTransactionsQuerySchema', () => {
  test('default', () => {
    expect(listSdkTransactionsQuerySchema.parse({ limit: '10' })).toEqual({ limit: 10, offset: 0 })
  })

  test('args: status and dates; org-only filters are stripped', () => {
    expect(
      listSdkTransactionsQuerySchema.parse({
        status: 'CONFIRMED',
        startDate: '2026-04-01',
        agentId: 'x',
      }),
    ).toEqual({ status: 'CONFIRMED', startDate: '2026-04-01', limit: 50, offset: 0 })
  })
})

describe('listTransactionsResponseSchema', () => {
  test('default: { transactions, pagination }', () => {
    const body = {
      transactions: [transaction],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listTransactionsResponseSchema.parse(body)).toEqual(body)
  })

  test('error: pagination is required', () => {
    expect(listTransactionsResponseSchema.safeParse({ transactions: [] }).success).toBe(false)
  })
})

describe('retryTransactionResponseSchema', () => {
  test('default', () => {
    const body = { transaction: { ...transaction, status: 'CONFIRMING' }, retried: true }
    expect(retryTransactionResponseSchema.parse(body)).toEqual(body)
  })
})

describe('transactionIdParamsSchema', () => {
  test('default', () => {
    expect(transactionIdParamsSchema.parse({ transactionId: 'tx_abc123' })).toEqual({
      transactionId: 'tx_abc123',
    })
    expect(transactionIdParamsSchema.safeParse({ transactionId: '' }).success).toBe(false)
  })
})
