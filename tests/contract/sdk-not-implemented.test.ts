import { type Conto, ContoApiError } from '@conto/sdk'
import { describe, expect, test } from 'vitest'
import { RECIPIENT, startSdkServer, TX_HASH } from './sdk-fixtures.js'

/**
 * Endpoints the reference server answers with 501 NOT_IMPLEMENTED still have `Conto` methods;
 * they surface a `ContoApiError` with that code. When the server lands one, its test here fails
 * and moves to a real flow.
 */
const resourceUrl = 'https://api.example.com/v1/search'

const calls: Record<string, (conto: Conto) => PromiseLike<unknown>> = {
  'analytics.retrieve': (c) => c.analytics.retrieve({ period: '7d' }),
  'a2a.request': (c) =>
    c.a2a.request({ targetWalletAddress: RECIPIENT, amount: 5, purpose: 'Work' }),
  'a2a.list': (c) => c.a2a.list({ direction: 'incoming' }),
  'a2a.retrieve': (c) => c.a2a.retrieve('c0a2arequest00000000000001'),
  'a2a.approve': (c) => c.a2a.approve('c0a2arequest00000000000001', { reason: 'OK' }),
  'a2a.reject': (c) => c.a2a.reject('c0a2arequest00000000000001', { reason: 'No' }),
  'a2a.execute': (c) => c.a2a.execute('c0a2arequest00000000000001'),
  'a2a.resolve': (c) => c.a2a.resolve({ walletAddress: RECIPIENT }),
  'a2a.stats': (c) => c.a2a.stats(),
  'cards.approve': (c) =>
    c.cards.approve({
      cardId: 'c0card00000000000000000001',
      amount: 20,
      merchantName: 'Figma',
      merchantCategory: 'SOFTWARE',
      purpose: 'Seat',
    }),
  'cards.confirm': (c) =>
    c.cards.confirm('c0cardrequest0000000000001', {
      approvalToken: 'f'.repeat(64),
      transactionReference: 'ch_1',
      amount: 20,
      status: 'COMPLETED',
    }),
  'x402.preAuthorize': (c) =>
    c.x402.preAuthorize({ amount: 0.01, recipientAddress: RECIPIENT, resourceUrl }),
  'x402.record': (c) =>
    c.x402.record({ amount: 0.01, recipientAddress: RECIPIENT, resourceUrl, txHash: TX_HASH }),
  'x402.recordBatch': (c) =>
    c.x402.recordBatch({
      payments: [{ amount: 0.01, recipientAddress: RECIPIENT, resourceUrl, txHash: TX_HASH }],
    }),
  'x402.services': (c) => c.x402.services(),
  'x402.budget': (c) => c.x402.budget({ sessionId: 's1' }),
  'mpp.preAuthorize': (c) =>
    c.mpp.preAuthorize({
      amount: 1,
      recipientAddress: RECIPIENT,
      resourceUrl,
      intent: 'session',
      depositAmount: 5,
    }),
  'mpp.record': (c) =>
    c.mpp.record({
      amount: 0.4,
      recipientAddress: RECIPIENT,
      resourceUrl,
      sessionId: 's1',
      txHash: TX_HASH,
    }),
  'mpp.services': (c) => c.mpp.services(),
  'mpp.budget': (c) => c.mpp.budget(),
  'serviceSpend.summary': (c) => c.serviceSpend.summary({ period: '7d', protocol: 'x402' }),
  'serviceSpend.services': (c) => c.serviceSpend.services({ limit: 5 }),
  'budgets.request': (c) => c.budgets.request({ amount: 500, purpose: 'Q3 data' }),
  'budgets.retrieve': (c) => c.budgets.retrieve({ status: 'PENDING' }),
}

describe('endpoints the reference server does not implement yet', () => {
  test.each(Object.entries(calls))('error: NOT_IMPLEMENTED from %s', async (_, call) => {
    const { conto } = startSdkServer({ maxRetries: 0 })
    const error = await Promise.resolve(call(conto)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ code: 'NOT_IMPLEMENTED', status: 501 })
  })
})
