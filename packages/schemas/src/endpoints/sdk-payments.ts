import { defineEndpoint } from '../endpoint.js'
import {
  approveExternalPaymentParamsSchema,
  approveExternalPaymentResultSchema,
  confirmExternalPaymentParamsSchema,
  confirmExternalPaymentResultSchema,
  externalApprovalIdParamsSchema,
} from '../external-approval.js'
import {
  executePaymentResultSchema,
  paymentRequestIdParamsSchema,
  paymentRequestResultSchema,
  paymentStatusResultSchema,
  requestPaymentParamsSchema,
} from '../payment-request.js'

/**
 * SDK payments (§2.16): managed wallets request → execute; external wallets approve → transfer →
 * confirm. Decisions (APPROVED, DENIED, REQUIRES_APPROVAL) are all HTTP 200 bodies.
 */

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  rateLimit: 'sdkPayment',
  tag: 'SDK Payments',
} as const

export const sdkPaymentEndpoints = {
  request: defineEndpoint(sdk, {
    id: 'payments.request',
    method: 'POST',
    path: '/api/sdk/payments/request',
    scopes: ['payments:request'],
    body: requestPaymentParamsSchema,
    response: paymentRequestResultSchema,
    successStatus: 200,
    errors: [
      'INVALID_AMOUNT',
      'INVALID_ADDRESS',
      'NO_WALLET',
      'EXTERNAL_WALLET_ERROR',
      'WALLET_CONFIG_ERROR',
      'IDEMPOTENCY_CONFLICT',
      'AGENT_NOT_ACTIVE',
      'INSUFFICIENT_SCOPE',
      'CUSTODY_NOT_CONFIGURED',
    ],
    summary: 'Evaluate a payment against policies (optionally dry run or auto-execute)',
    description:
      'Returns APPROVED (reserved for 5 minutes), DENIED or REQUIRES_APPROVAL with the explain ' +
      'trace. `autoExecute: true` also needs the `payments:execute` scope; `dryRun: true` ' +
      'persists nothing.',
  }),
  execute: defineEndpoint(sdk, {
    id: 'payments.execute',
    method: 'POST',
    path: '/api/sdk/payments/{requestId}/execute',
    scopes: ['payments:execute'],
    params: paymentRequestIdParamsSchema,
    response: executePaymentResultSchema,
    successStatus: 200,
    errors: [
      'EXPIRED',
      'INVALID_STATUS',
      'EXTERNAL_WALLET',
      'INSUFFICIENT_BALANCE',
      'WALLET_FROZEN',
      'WALLET_CONFIG_ERROR',
      'CUSTODY_NOT_CONFIGURED',
      'AGENT_NOT_ACTIVE',
    ],
    summary: 'Execute an APPROVED payment request through the wallet custody provider',
  }),
  status: defineEndpoint(sdk, {
    id: 'payments.status',
    method: 'GET',
    path: '/api/sdk/payments/{requestId}',
    scopes: ['payments:request'],
    rateLimit: 'sdkRead',
    params: paymentRequestIdParamsSchema,
    response: paymentStatusResultSchema,
    successStatus: 200,
    errors: [],
    summary: 'Get a payment request and where it is in its lifecycle',
  }),
  approve: defineEndpoint(sdk, {
    id: 'payments.approve',
    method: 'POST',
    path: '/api/sdk/payments/approve',
    scopes: ['payments:approve'],
    body: approveExternalPaymentParamsSchema,
    response: approveExternalPaymentResultSchema,
    successStatus: 200,
    errors: [
      'INVALID_AMOUNT',
      'INVALID_ADDRESS',
      'IDEMPOTENCY_CONFLICT',
      'AGENT_NOT_ACTIVE',
      'WALLET_FROZEN',
      'WALLET_CONFIG_ERROR',
    ],
    summary: 'Pre-approve an external-wallet transfer (returns a 10-minute approval token)',
  }),
  confirm: defineEndpoint(sdk, {
    id: 'payments.confirm',
    method: 'POST',
    path: '/api/sdk/payments/{approvalId}/confirm',
    scopes: ['payments:confirm'],
    params: externalApprovalIdParamsSchema,
    body: confirmExternalPaymentParamsSchema,
    response: confirmExternalPaymentResultSchema,
    successStatus: 200,
    errors: ['EXPIRED', 'INVALID_APPROVAL_TOKEN', 'ALREADY_CONFIRMED'],
    summary: 'Report the on-chain transfer of an approved external payment',
  }),
}
