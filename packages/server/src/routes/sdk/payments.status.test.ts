import { paymentStatusResultSchema } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, START } from '../../../test/harness.js'
import {
  auditOf,
  createPolicy,
  PAYMENT_SCOPES,
  RECIPIENT,
  requestPayment,
  requestRow,
  reservationOf,
  setupAgent,
} from '../../../test/payment-fixtures.js'
import { wallets } from '../../db/schema.js'

const MINUTE = 60_000

const status = (h: ReturnType<typeof createHarness>, key: string, requestId: string) =>
  h.call('GET', `/api/sdk/payments/${requestId}`, { key })

describe('payments.status', () => {
  test('default', async () => {
    const h = createHarness()
    const { key, walletId } = await setupAgent(h)
    const requested = await requestPayment(h, key, {
      amount: 12.34,
      recipientName: 'Vendor',
      purpose: 'Credits',
      category: 'SAAS',
      urgency: 'HIGH',
    })
    const response = await status(h, key, requested.body.requestId)
    expect(response.status, response.text).toBe(200)
    expect(paymentStatusResultSchema.safeParse(response.body).success).toBe(true)
    expect(response.body).toEqual({
      requestId: requested.body.requestId,
      status: 'APPROVED',
      amount: 12.34,
      currency: 'pathUSD',
      recipientAddress: RECIPIENT,
      recipientName: 'Vendor',
      purpose: 'Credits',
      category: 'SAAS',
      urgency: 'HIGH',
      wallet: requested.body.wallet,
      chain: requested.body.chain,
      expiresAt: new Date(START + 5 * MINUTE).toISOString(),
      reasons: requested.body.reasons,
      violations: [],
      evaluation: requested.body.evaluation,
      failureReason: null,
      createdAt: new Date(START).toISOString(),
      updatedAt: new Date(START).toISOString(),
    })
    expect(response.body.wallet.id).toBe(walletId)
  })

  test('error: NOT_FOUND for an unknown id, another agent’s request, or another organization’s', async () => {
    const h = createHarness()
    const mine = await setupAgent(h)
    const theirs = await setupAgent(h)
    const requested = await requestPayment(h, mine.key, { amount: 5 })
    expect((await status(h, mine.key, 'cunknown000000000000000')).status).toBe(404)
    const other = await status(h, theirs.key, requested.body.requestId)
    expect(other.status).toBe(404)
    expect(other.body.code).toBe('NOT_FOUND')
    const otherOrg = h.createOtherOrganization()
    const foreign = h.createAgentWithKey({
      organizationId: otherOrg.organization.id,
      scopes: PAYMENT_SCOPES,
    })
    expect((await status(h, foreign.key, requested.body.requestId)).status).toBe(404)
  })

  test('error: VALIDATION_ERROR for a malformed id', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const response = await status(h, key, 'bad%20id')
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: INSUFFICIENT_SCOPE without payments:request', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const requested = await requestPayment(h, key, { amount: 5 })
    const reader = h.createAgentWithKey({ scopes: ['wallets:read'] })
    const response = await status(h, reader.key, requested.body.requestId)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('behavior: an APPROVED request is EXPIRED after 5 minutes and releases its reservation', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const requested = await requestPayment(h, key, { amount: 5 })
    const requestId = requested.body.requestId
    h.clock.freeze(START + 5 * MINUTE - 1)
    expect((await status(h, key, requestId)).body.status).toBe('APPROVED')
    h.clock.freeze(START + 5 * MINUTE)
    const expired = await status(h, key, requestId)
    expect(expired.body).toMatchObject({
      status: 'EXPIRED',
      expiresAt: new Date(START + 5 * MINUTE).toISOString(),
      updatedAt: new Date(START + 5 * MINUTE).toISOString(),
    })
    expect(requestRow(h, requestId)?.status).toBe('EXPIRED')
    expect(reservationOf(h, requestId)?.releasedAt).toBe(START + 5 * MINUTE)
    expect(auditOf(h, requestId).map((entry) => entry.action)).toEqual(['CREATE', 'UPDATE'])
    // Reading again changes nothing.
    expect((await status(h, key, requestId)).text).toBe(expired.text)
    const execute = await h.call('POST', `/api/sdk/payments/${requestId}/execute`, { key })
    expect(execute.status).toBe(400)
    expect(execute.body.code).toBe('EXPIRED')
  })

  test('behavior: an executed request shows EXECUTED with its transaction', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const requested = await requestPayment(h, key, { amount: 5 })
    const executed = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
      key,
    })
    expect(executed.status, executed.text).toBe(200)
    // Still readable long after the 5-minute window: it is no longer APPROVED.
    h.clock.freeze(START + 60 * MINUTE)
    const response = await status(h, key, requested.body.requestId)
    expect(response.body).toMatchObject({
      status: 'EXECUTED',
      execution: {
        transactionId: executed.body.transactionId,
        txHash: executed.body.txHash,
        explorerUrl: executed.body.explorerUrl,
        status: 'COMPLETED',
        simulated: true,
      },
      wallet: { availableBalance: 9995 },
    })
  })

  test('behavior: a DENIED request keeps its reasons and violations', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const requested = await requestPayment(h, key, { amount: 500 })
    const response = await status(h, key, requested.body.requestId)
    expect(response.body).toMatchObject({
      status: 'DENIED',
      expiresAt: null,
      reasons: requested.body.reasons,
      violations: requested.body.violations,
    })
  })

  test('behavior: REQUIRES_APPROVAL becomes APPROVED (fresh expiry) or DENIED after a human decision', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    await createPolicy(h, agentId, [
      {
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GT',
        value: '10',
        action: 'REQUIRE_APPROVAL',
      },
    ])
    const first = await requestPayment(h, key, { amount: 20 })
    const second = await requestPayment(h, key, { amount: 30 })
    const pending = await status(h, key, first.body.requestId)
    expect(pending.body).toMatchObject({
      status: 'REQUIRES_APPROVAL',
      approvalRequestId: first.body.approvalRequestId,
      expiresAt: null,
    })

    h.clock.freeze(START + 30 * MINUTE)
    const approved = await h.call(
      'POST',
      `/api/approval-requests/${first.body.approvalRequestId}/approve`,
      { body: { reason: 'ok' } },
    )
    expect(approved.status, approved.text).toBe(200)
    expect((await status(h, key, first.body.requestId)).body).toMatchObject({
      status: 'APPROVED',
      expiresAt: new Date(START + 35 * MINUTE).toISOString(),
    })

    const rejected = await h.call(
      'POST',
      `/api/approval-requests/${second.body.approvalRequestId}/reject`,
      { body: { reason: 'no' } },
    )
    expect(rejected.status, rejected.text).toBe(200)
    expect((await status(h, key, second.body.requestId)).body.status).toBe('DENIED')
  })

  test('behavior: a REQUIRES_APPROVAL request whose approval lapsed reads as EXPIRED', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    await createPolicy(h, agentId, [
      {
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GT',
        value: '10',
        action: 'REQUIRE_APPROVAL',
      },
    ])
    const requested = await requestPayment(h, key, { amount: 20 })
    h.clock.freeze(START + 24 * 60 * MINUTE)
    const response = await status(h, key, requested.body.requestId)
    expect(response.body.status).toBe('EXPIRED')
  })

  test('behavior: a request whose settlement failed reads as FAILED with the reason', async () => {
    const h = createHarness()
    const { key, walletId } = await setupAgent(h)
    const requested = await requestPayment(h, key, { amount: 5 })
    h.db
      .update(wallets)
      .set({ encryptedPrivateKey: 'v1:corrupted' })
      .where(eq(wallets.id, walletId))
      .run()
    const execute = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
      key,
    })
    expect(execute.status).toBeGreaterThanOrEqual(400)
    const response = await status(h, key, requested.body.requestId)
    expect(response.body).toMatchObject({ status: 'FAILED', failureReason: expect.any(String) })
    expect(response.body.execution).toBeUndefined()
  })
})
