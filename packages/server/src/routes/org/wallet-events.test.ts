import { describe, expect, test } from 'vitest'
import { createHarness } from '../../../test/harness.js'
import {
  createWallet,
  eventNames,
  eventPayloads,
  subscribeWebhook,
} from '../../../test/payment-fixtures.js'

/** `wallet.funded` (§4.15) written by `POST /api/wallets/{walletId}/fund` (test mode). */

describe('wallet.funded', () => {
  test('default: funding emits it once with amount, currency and the new balance in units', async () => {
    const h = createHarness()
    const walletId = await createWallet(h)
    const webhookId = subscribeWebhook(h)
    const response = await h.call('POST', `/api/wallets/${walletId}/fund`, {
      body: { amount: 100.5 },
    })
    expect(response.status, response.text).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['wallet.funded'])
    expect(eventPayloads(h, webhookId, 'wallet.funded').map((payload) => payload.data)).toEqual([
      { walletId, amount: 100.5, currency: 'pathUSD', balance: 100.5 },
    ])
  })

  test('behavior: each credit is announced with the running balance', async () => {
    const h = createHarness()
    const walletId = await createWallet(h)
    const webhookId = subscribeWebhook(h)
    await h.call('POST', `/api/wallets/${walletId}/fund`, { body: { amount: 0.1 } })
    await h.call('POST', `/api/wallets/${walletId}/fund`, { body: { amount: 0.2 } })
    expect(eventPayloads(h, webhookId, 'wallet.funded').map((payload) => payload.data)).toEqual([
      { walletId, amount: 0.1, currency: 'pathUSD', balance: 0.1 },
      { walletId, amount: 0.2, currency: 'pathUSD', balance: 0.3 },
    ])
  })

  test('behavior: a frozen wallet can be funded and is announced', async () => {
    const h = createHarness()
    const walletId = await createWallet(h)
    await h.call('PATCH', `/api/wallets/${walletId}`, { body: { status: 'FROZEN' } })
    const webhookId = subscribeWebhook(h)
    const response = await h.call('POST', `/api/wallets/${walletId}/fund`, { body: { amount: 1 } })
    expect(response.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['wallet.funded'])
  })

  test('error: nothing is emitted when funding fails', async () => {
    const h = createHarness()
    const walletId = await createWallet(h)
    const archivedId = await createWallet(h)
    await h.call('POST', `/api/wallets/${archivedId}/archive`)
    const webhookId = subscribeWebhook(h)
    for (const body of [{}, { amount: 0 }, { amount: -1 }, { amount: '10' }]) {
      const response = await h.call('POST', `/api/wallets/${walletId}/fund`, { body })
      expect(response.status, response.text).toBe(400)
    }
    const tooLarge = await h.call('POST', `/api/wallets/${walletId}/fund`, {
      body: { amount: Number.MAX_VALUE },
    })
    expect(tooLarge.status).toBe(400)
    const archived = await h.call('POST', `/api/wallets/${archivedId}/fund`, {
      body: { amount: 1 },
    })
    expect(archived.status).toBe(400)
    const unknown = await h.call('POST', '/api/wallets/wal_unknown/fund', { body: { amount: 1 } })
    expect(unknown.status).toBe(404)
    expect(eventNames(h, webhookId)).toEqual([])
  })

  test('error: live mode has no funding route and emits nothing', async () => {
    const h = createHarness({ mode: 'live' })
    const created = await h.call('POST', '/api/wallets', { body: { name: 'Live' } })
    expect(created.status).toBe(201)
    const webhookId = subscribeWebhook(h)
    const response = await h.call('POST', `/api/wallets/${created.body.id}/fund`, {
      body: { amount: 1 },
    })
    expect(response.status).toBe(404)
    expect(eventNames(h, webhookId)).toEqual([])
  })
})
