import { describe, expect, test } from 'vitest'
import { createHarness } from '../../../test/harness.js'
import {
  ALL_DAYS,
  createPolicy,
  requestPayment,
  requestRowsOf,
  setupAgent,
} from '../../../test/payment-fixtures.js'

/**
 * Parallel requests through `app.request()`: evaluation and reservation share one write
 * transaction, so no interleaving lets them pass a limit together.
 */
describe('payments.request', () => {
  test('behavior: 30 parallel requests of 60 under a daily link limit of 1,000 → exactly 16 APPROVED', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h, {
      link: { spendLimitPerTx: 100, spendLimitDaily: 1000, allowedDays: ALL_DAYS },
    })
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => requestPayment(h, key, { amount: 60 })),
    )
    const statuses = responses.map((response) => response.body.status)
    expect(statuses.filter((status) => status === 'APPROVED')).toHaveLength(16)
    expect(statuses.filter((status) => status === 'DENIED')).toHaveLength(14)
    for (const response of responses.filter((r) => r.body.status === 'DENIED')) {
      expect(response.body.violations[0].type).toBe('DAILY_LIMIT')
    }
    expect(requestRowsOf(h, agentId)).toHaveLength(30)
  })

  test('behavior: 30 parallel requests of 60 under a policy DAILY_LIMIT of 1,000 → exactly 16 APPROVED', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h, {
      link: { spendLimitPerTx: null, spendLimitDaily: null, allowedDays: ALL_DAYS },
    })
    await createPolicy(h, agentId, [{ ruleType: 'DAILY_LIMIT', operator: 'LTE', value: '1000' }])
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => requestPayment(h, key, { amount: 60 })),
    )
    const approved = responses.filter((response) => response.body.status === 'APPROVED')
    expect(approved).toHaveLength(16)
    expect(
      responses
        .filter((response) => response.body.status === 'DENIED')
        .map((r) => r.body.violations[0].type),
    ).toEqual(Array(14).fill('DAILY_LIMIT'))
  })

  test('behavior: 10 parallel requests with one idempotencyKey → one payment request', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        requestPayment(h, key, { amount: 25, idempotencyKey: 'checkout-42' }),
      ),
    )
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200))
    expect(new Set(responses.map((response) => response.text)).size).toBe(1)
    expect(requestRowsOf(h, agentId)).toHaveLength(1)
  })

  test('behavior: 10 parallel auto-executed requests with one idempotencyKey → one payment', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        requestPayment(h, key, { amount: 25, autoExecute: true, idempotencyKey: 'checkout-43' }),
      ),
    )
    expect(new Set(responses.map((response) => response.text)).size).toBe(1)
    expect(responses[0]?.body.execution.status).toBe('COMPLETED')
    expect(requestRowsOf(h, agentId)).toHaveLength(1)
  })

  test('error: RATE_LIMITED after 60 payment requests in a minute', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    for (let i = 0; i < 60; i++) {
      expect((await requestPayment(h, key, { amount: 1, dryRun: true })).status).toBe(200)
    }
    const limited = await requestPayment(h, key, { amount: 1, dryRun: true })
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('RATE_LIMITED')
    expect(limited.headers.get('retry-after')).toEqual(expect.any(String))
  })
})
