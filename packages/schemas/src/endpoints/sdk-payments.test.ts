import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import type { EndpointDefinition } from '../endpoint.js'
import { statusByErrorCode } from '../errors.js'
import { sdkPaymentEndpoints } from './sdk-payments.js'

const endpoints: EndpointDefinition[] = Object.values(sdkPaymentEndpoints)

const placeholdersOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
const paramKeysOf = (endpoint: EndpointDefinition) =>
  endpoint.params ? Object.keys((endpoint.params as z.ZodObject).shape) : []

describe('sdkPaymentEndpoints', () => {
  test('default: the five §2.16 routes', () => {
    expect(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual([
      'POST /api/sdk/payments/request',
      'POST /api/sdk/payments/{requestId}/execute',
      'GET /api/sdk/payments/{requestId}',
      'POST /api/sdk/payments/approve',
      'POST /api/sdk/payments/{approvalId}/confirm',
    ])
  })

  test('behavior: ids are unique and named <group>.<key>', () => {
    const ids = endpoints.map((endpoint) => endpoint.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [key, endpoint] of Object.entries(sdkPaymentEndpoints)) {
      expect(endpoint.id).toBe(`payments.${key}`)
    }
  })

  test('behavior: path params match the {param} placeholders', () => {
    for (const endpoint of endpoints) {
      expect(paramKeysOf(endpoint).sort(), endpoint.id).toEqual(
        placeholdersOf(endpoint.path).sort(),
      )
    }
  })

  test('behavior: agent keys only, SDK surface, payment rate limit except status', () => {
    for (const endpoint of endpoints) {
      expect(endpoint.surface).toBe('sdk')
      expect(endpoint.keyKinds).toEqual(['agent'])
      expect(endpoint.tag).toBe('SDK Payments')
      expect(endpoint.successStatus).toBe(200)
      expect(endpoint.rateLimit, endpoint.id).toBe(
        endpoint.id === 'payments.status' ? 'sdkRead' : 'sdkPayment',
      )
      for (const code of endpoint.errors)
        expect(Object.hasOwn(statusByErrorCode, code), code).toBe(true)
    }
  })

  test('args: scopes', () => {
    expect(sdkPaymentEndpoints.request.scopes).toEqual(['payments:request'])
    expect(sdkPaymentEndpoints.execute.scopes).toEqual(['payments:execute'])
    expect(sdkPaymentEndpoints.status.scopes).toEqual(['payments:request'])
    expect(sdkPaymentEndpoints.approve.scopes).toEqual(['payments:approve'])
    expect(sdkPaymentEndpoints.confirm.scopes).toEqual(['payments:confirm'])
  })

  test('args: documented error codes', () => {
    expect(sdkPaymentEndpoints.request.errors).toEqual(
      expect.arrayContaining([
        'NO_WALLET',
        'EXTERNAL_WALLET_ERROR',
        'IDEMPOTENCY_CONFLICT',
        'CUSTODY_NOT_CONFIGURED',
      ]),
    )
    expect(sdkPaymentEndpoints.execute.errors).toEqual(
      expect.arrayContaining([
        'EXPIRED',
        'INVALID_STATUS',
        'EXTERNAL_WALLET',
        'INSUFFICIENT_BALANCE',
      ]),
    )
    expect(sdkPaymentEndpoints.confirm.errors).toEqual([
      'EXPIRED',
      'INVALID_APPROVAL_TOKEN',
      'ALREADY_CONFIRMED',
    ])
  })

  test('behavior: execute takes no body; request, approve and confirm do', () => {
    expect(sdkPaymentEndpoints.execute.body).toBeUndefined()
    expect(sdkPaymentEndpoints.status.body).toBeUndefined()
    expect(sdkPaymentEndpoints.request.body).toBeDefined()
    expect(sdkPaymentEndpoints.approve.body).toBeDefined()
    expect(sdkPaymentEndpoints.confirm.body).toBeDefined()
  })
})
