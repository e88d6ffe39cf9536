import { describe, expect, test } from 'vitest'
import type { EndpointDefinition } from '../endpoint.js'
import { sdkPaymentEndpoints } from './sdk-payments.js'

const endpoints: EndpointDefinition[] = Object.values(sdkPaymentEndpoints)

describe('sdkPaymentEndpoints', () => {
  test('default: the five §2.16 routes', () => {
    expect(
      endpoints.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`),
    ).toEqual([
      'payments.request POST /api/sdk/payments/request',
      'payments.execute POST /api/sdk/payments/{requestId}/execute',
      'payments.status GET /api/sdk/payments/{requestId}',
      'payments.approve POST /api/sdk/payments/approve',
      'payments.confirm POST /api/sdk/payments/{approvalId}/confirm',
    ])
  })

  test('behavior: payment rate limit except status; every route answers 200', () => {
    for (const endpoint of endpoints) {
      expect(endpoint.tag).toBe('SDK Payments')
      expect(endpoint.successStatus).toBe(200)
      expect(endpoint.rateLimit, endpoint.id).toBe(
        endpoint.id === 'payments.status' ? 'sdkRead' : 'sdkPayment',
      )
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
    expect(sdkPaymentEndpoints.request.body).toBeDefined()
    expect(sdkPaymentEndpoints.approve.body).toBeDefined()
    expect(sdkPaymentEndpoints.confirm.body).toBeDefined()
  })
})
