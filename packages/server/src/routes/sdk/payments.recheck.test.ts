import { describe, expect, test } from 'vitest'
import { approvalRow, requestNeedingApproval, VENDOR } from '../../../test/approval-fixtures.js'
import { createHarness } from '../../../test/harness.js'
import {
  agentRow,
  createPolicy,
  eventNames,
  subscribeWebhook,
} from '../../../test/payment-fixtures.js'
import {
  requestRow,
  reservationOf,
  setupManaged,
  transactionsOf,
  walletRow,
} from '../../../test/settlement-fixtures.js'

/**
 * Re-checks of a stored payment request (conto-api §7 #20, §2.16): after a human approves it and
 * again when it executes, the request is decided once more with the limits, spend and policies
 * as they are then. Its own hold is not counted twice, nor its own row in velocity counts.
 */
describe('payment re-checks', () => {
  const pay = (h: ReturnType<typeof createHarness>, key: string, amount: number) =>
    h.call('POST', '/api/sdk/payments/request', {
      key,
      body: { amount, recipientAddress: VENDOR, purpose: 'GPU time' },
    })

  test('behavior: a human approval cannot carry a payment past a daily limit that filled up while it waited', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    // Escalates payments above 50; the link allows 1,000 a day.
    const pending = await requestNeedingApproval(h, { amount: 75 })
    // While it waits, 19 × 50 = 950 of the 1,000 are approved (and held).
    for (let index = 0; index < 19; index++) {
      const small = await pay(h, pending.key, 50)
      expect(small.body.status, small.text).toBe('APPROVED')
    }

    const approved = await h.call(
      'POST',
      `/api/approval-requests/${pending.approvalRequestId}/approve`,
      { body: { reason: 'ok' } },
    )
    expect(approved.status, approved.text).toBe(200)
    // The human decision stands; the payment does not pass its limits any more.
    expect(approved.body.approvalRequest.status).toBe('APPROVED')
    expect(approved.body.paymentRequest).toEqual({
      requestId: pending.requestId,
      status: 'DENIED',
      expiresAt: null,
    })
    expect(reservationOf(h, pending.requestId)?.releasedAt ?? 'none').not.toBeNull()

    const status = await h.call('GET', `/api/sdk/payments/${pending.requestId}`, {
      key: pending.key,
    })
    expect(status.body.status).toBe('DENIED')
    expect(status.body.reasons[0]).toBe(
      'Approved by a human approver, then re-checked: the payment no longer passes its policies',
    )
    expect(status.body.violations).toEqual([expect.objectContaining({ type: 'DAILY_LIMIT' })])
    expect(eventNames(h, webhookId)).toContain('payment.denied')

    // Executing it is refused, and the day's spend never passes 1,000.
    const execute = await h.call('POST', `/api/sdk/payments/${pending.requestId}/execute`, {
      key: pending.key,
    })
    expect(execute.status).toBe(400)
    expect(execute.body.code).toBe('INVALID_STATUS')
  })

  test('behavior: a human approval whose payment still fits approves it as before', async () => {
    const h = createHarness()
    const pending = await requestNeedingApproval(h, { amount: 75 })
    const approved = await h.call(
      'POST',
      `/api/approval-requests/${pending.approvalRequestId}/approve`,
      { body: {} },
    )
    expect(approved.status, approved.text).toBe(200)
    expect(approved.body.paymentRequest.status).toBe('APPROVED')
    expect(reservationOf(h, pending.requestId)?.releasedAt).toBeNull()
    expect(approvalRow(h, pending.approvalRequestId)?.status).toBe('APPROVED')
  })

  test('error: PAYMENT_DENIED (403) — a policy added after the decision stops the execution', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const managed = await setupManaged(h, { balance: 1000 })
    const requested = await pay(h, managed.key, 10)
    expect(requested.body.status).toBe('APPROVED')
    await createPolicy(h, managed.agentId, [
      { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '5', action: 'ALLOW' },
    ])

    const execute = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
      key: managed.key,
    })
    expect(execute.status, execute.text).toBe(403)
    expect(execute.body).toMatchObject({
      code: 'PAYMENT_DENIED',
      paymentRequestId: requested.body.requestId,
      status: 'DENIED',
      violations: [expect.objectContaining({ type: 'PER_TX_LIMIT' })],
      requestId: execute.headers.get('request-id'),
    })
    expect(requestRow(h, requested.body.requestId)?.status).toBe('DENIED')
    expect(reservationOf(h, requested.body.requestId)?.releasedAt).not.toBeNull()
    expect(transactionsOf(h, managed.agentId)).toHaveLength(0)
    expect(walletRow(h, managed.walletId)?.balanceMicros).toBe(1000_000_000)
    expect(eventNames(h, webhookId)).toContain('payment.denied')
    expect(eventNames(h, webhookId)).toContain('policy.violated')
    // It counts toward auto-freeze like any denial.
    expect(agentRow(h, managed.agentId)?.consecutiveViolations).toBe(1)
  })

  test('behavior: a request that fills a limit exactly still executes (its own hold is not counted twice)', async () => {
    const h = createHarness()
    const managed = await setupManaged(h, { balance: 1000, link: { spendLimitDaily: 100 } })
    const requested = await pay(h, managed.key, 100)
    expect(requested.body.status, requested.text).toBe('APPROVED')
    const execute = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
      key: managed.key,
    })
    expect(execute.status, execute.text).toBe(200)
    expect(execute.body.status).toBe('COMPLETED')
  })

  test('behavior: the request itself is not counted against a velocity limit when it executes', async () => {
    const h = createHarness()
    const managed = await setupManaged(h, { balance: 1000 })
    await createPolicy(h, managed.agentId, [
      { ruleType: 'VELOCITY_LIMIT', operator: 'LTE', value: '{"maxCount":1,"period":"HOUR"}' },
    ])
    const requested = await pay(h, managed.key, 10)
    expect(requested.body.status, requested.text).toBe('APPROVED')
    const execute = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
      key: managed.key,
    })
    expect(execute.status, execute.text).toBe(200)
    // A second payment in the hour is still refused.
    const second = await pay(h, managed.key, 10)
    expect(second.body.status).toBe('DENIED')
  })

  test('behavior: a contract call allowlisted by target contract still executes', async () => {
    const h = createHarness()
    const managed = await setupManaged(h, { balance: 1000 })
    const contract = '0x1111111111111111111111111111111111111111'
    await createPolicy(h, managed.agentId, [
      {
        ruleType: 'CONTRACT_ALLOWLIST',
        operator: 'IN_LIST',
        value: JSON.stringify([contract]),
        action: 'ALLOW',
      },
    ])
    const requested = await h.call('POST', '/api/sdk/payments/request', {
      key: managed.key,
      body: { amount: 10, recipientAddress: VENDOR, targetContractAddress: contract },
    })
    expect(requested.body.status, requested.text).toBe('APPROVED')
    const execute = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
      key: managed.key,
    })
    expect(execute.status, execute.text).toBe(200)
  })
})
