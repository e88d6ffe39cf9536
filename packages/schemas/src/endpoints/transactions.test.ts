import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import type { EndpointDefinition } from '../endpoint.js'
import { statusByErrorCode } from '../errors.js'
import { sdkTransactionEndpoints, transactionEndpoints } from './transactions.js'

const placeholdersOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
const paramKeysOf = (endpoint: EndpointDefinition) =>
  endpoint.params ? Object.keys((endpoint.params as z.ZodObject).shape) : []

const groups = {
  transactions: transactionEndpoints,
  sdkTransactions: sdkTransactionEndpoints,
} as const
const all: EndpointDefinition[] = Object.values(groups).flatMap((group) => Object.values(group))

describe('transactionEndpoints', () => {
  test('default: the §2.8 routes', () => {
    expect(
      Object.values(transactionEndpoints).map((endpoint) => `${endpoint.method} ${endpoint.path}`),
    ).toEqual([
      'GET /api/transactions',
      'GET /api/transactions/{transactionId}',
      'POST /api/transactions/{transactionId}/retry',
    ])
  })

  test('args: org keys; retry also admin agent keys with transactions:write', () => {
    for (const endpoint of Object.values(transactionEndpoints)) {
      expect(endpoint.surface).toBe('org')
      expect(endpoint.rateLimit).toBe('dashboard')
      expect(endpoint.tag).toBe('Transactions')
    }
    expect(transactionEndpoints.list.keyKinds).toEqual(['org'])
    expect(transactionEndpoints.list.scopes).toEqual(['transactions:read'])
    expect(transactionEndpoints.retry.keyKinds).toEqual(['org', 'adminAgent'])
    expect(transactionEndpoints.retry.scopes).toEqual(['transactions:write'])
  })
})

describe('sdkTransactionEndpoints', () => {
  test('default: the §2.17 routes', () => {
    expect(
      Object.values(sdkTransactionEndpoints).map(
        (endpoint) => `${endpoint.method} ${endpoint.path}`,
      ),
    ).toEqual(['GET /api/sdk/transactions', 'GET /api/sdk/transactions/{transactionId}'])
  })

  test('args: agent keys, sdkRead, transactions:read', () => {
    for (const endpoint of Object.values(sdkTransactionEndpoints)) {
      expect(endpoint.surface).toBe('sdk')
      expect(endpoint.keyKinds).toEqual(['agent'])
      expect(endpoint.rateLimit).toBe('sdkRead')
      expect(endpoint.scopes).toEqual(['transactions:read'])
      expect(endpoint.tag).toBe('SDK Transactions')
    }
  })
})

describe('transaction endpoint groups', () => {
  test('behavior: ids are unique and named <group>.<key>', () => {
    const ids = all.map((endpoint) => endpoint.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [name, group] of Object.entries(groups)) {
      for (const [key, endpoint] of Object.entries(group))
        expect(endpoint.id).toBe(`${name}.${key}`)
    }
  })

  test('behavior: path params match the {param} placeholders', () => {
    for (const endpoint of all) {
      expect(paramKeysOf(endpoint).sort(), endpoint.id).toEqual(
        placeholdersOf(endpoint.path).sort(),
      )
    }
  })

  test('behavior: error codes exist; GETs succeed with 200', () => {
    for (const endpoint of all) {
      for (const code of endpoint.errors)
        expect(Object.hasOwn(statusByErrorCode, code), code).toBe(true)
      expect(endpoint.successStatus).toBe(200)
    }
  })
})
