import { Conto } from '@conto/sdk'
import { createApp, createClock, openDatabase, seedDatabase } from '@conto/server'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { examplePayment, main } from './index.js'

/**
 * Runs the example against the reference server in-process: `createApp()` on an in-memory,
 * seeded database, reached through the client's `fetch` option (no port). The clock is frozen on
 * a Wednesday, so the seeded Mon–Fri wallet links allow payments.
 */
function startServer() {
  const clock = createClock()
  clock.freeze(Date.parse('2026-04-08T12:00:00.000Z'))
  const app = createApp({ database: openDatabase(':memory:'), clock, mode: 'test' })
  const credentials = seedDatabase(app.deps, { baseUrl: 'http://conto.test' })
  const conto = new Conto({
    apiKey: credentials.agentSdkKey,
    baseUrl: 'http://conto.test',
    fetch: (request) => app.fetch(request),
  })
  /** An org-side call: the example itself only uses the agent key. */
  const org = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${credentials.orgApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })
  return { conto, org }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('main', () => {
  test('default: an approved payment is executed', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const { conto } = startServer()
    const outcome = await main(conto)
    expect(outcome).toMatchObject({ status: 'PAID', txHash: expect.stringMatching(/^0x/) })
    if (outcome.status !== 'PAID') return
    const status = await conto.payments.status(outcome.requestId)
    expect(status).toMatchObject({ status: 'EXECUTED', amount: examplePayment.amount })
  })

  test('behavior: a payment above the per-transaction limit is denied with the reason', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const { conto } = startServer()
    const outcome = await main(conto, { ...examplePayment, amount: 150 })
    expect(outcome).toMatchObject({
      status: 'DENIED',
      reason: expect.stringContaining('per-transaction limit'),
    })
    expect((await conto.transactions.list()).items).toEqual([])
  })

  test('behavior: a payment routed to humans waits for approval', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const { conto, org } = startServer()
    const workflow = await org('/api/approval-workflows', {
      name: 'Large payments',
      triggerConditions: { amountThreshold: 50 },
    })
    expect(workflow.status).toBe(201)
    const outcome = await main(conto, { ...examplePayment, amount: 80 })
    expect(outcome).toMatchObject({
      status: 'WAITING_FOR_APPROVAL',
      approvalRequestId: expect.any(String),
    })
  })
})
