import { describe, expect, test } from 'vitest'
import { sdkTransactionEndpoints, transactionEndpoints } from './transactions.js'

describe('transactionEndpoints', () => {
  test('default: the §2.8 routes', () => {
    expect(
      Object.values(transactionEndpoints).map(
        (endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`,
      ),
    ).toEqual([
      'transactions.list GET /api/transactions',
      'transactions.retrieve GET /api/transactions/{transactionId}',
      'transactions.retry POST /api/transactions/{transactionId}/retry',
    ])
  })

  test('args: org keys; retry also any agent key with transactions:write (§2.8 "S, O, A")', () => {
    for (const endpoint of Object.values(transactionEndpoints)) {
      expect(endpoint.tag).toBe('Transactions')
      expect(endpoint.successStatus, endpoint.id).toBe(200)
    }
    expect(transactionEndpoints.list.keyKinds).toEqual(['org'])
    expect(transactionEndpoints.list.scopes).toEqual(['transactions:read'])
    expect(transactionEndpoints.retry.keyKinds).toEqual(['org', 'agent'])
    expect(transactionEndpoints.retry.scopes).toEqual(['transactions:write'])
  })
})

describe('sdkTransactionEndpoints', () => {
  test('default: the §2.17 routes', () => {
    expect(
      Object.values(sdkTransactionEndpoints).map(
        (endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`,
      ),
    ).toEqual([
      'sdkTransactions.list GET /api/sdk/transactions',
      'sdkTransactions.retrieve GET /api/sdk/transactions/{transactionId}',
    ])
  })

  test('args: sdkRead, transactions:read', () => {
    for (const endpoint of Object.values(sdkTransactionEndpoints)) {
      expect(endpoint.rateLimit).toBe('sdkRead')
      expect(endpoint.scopes).toEqual(['transactions:read'])
      expect(endpoint.tag).toBe('SDK Transactions')
    }
  })
})
