import { describe, expect, test } from 'vitest'
import { deliver, event, failure, now, nowSeconds, secret } from '../test/webhook-fixtures.js'
import { WebhookVerificationError } from './errors.js'
import { signWebhookForTest } from './sign-webhook-for-test.js'
import { verifyWebhook } from './verify-webhook.js'

describe('signWebhookForTest', () => {
  test('default: round trip through verifyWebhook', async () => {
    const signed = await signWebhookForTest(
      { event: 'payment.confirmed', data: { paymentId: 'pay_1' } },
      secret,
    )
    const verified = await verifyWebhook(signed.body, signed.headers, secret)
    expect(verified).toMatchObject({ event: 'payment.confirmed', data: { paymentId: 'pay_1' } })
    expect(verified.id).toMatch(/^evt_test_[0-9a-f]{16}$/)
    expect(Object.keys(signed.headers)).toEqual([
      'content-type',
      'X-Conto-Event',
      'X-Conto-Timestamp',
      'X-Conto-Signature',
      'X-Conto-Delivery-Attempt',
      'X-Conto-Delivery-Id',
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ])
  })

  test('behavior: signatures follow contract §5 (checked with node:crypto)', async () => {
    const signed = await signWebhookForTest(event, secret, { timestamp: now, id: 'msg_1' })
    expect(signed.body).toBe(JSON.stringify(event))
    expect(signed.headers).toMatchObject({
      ...deliver(signed.body),
      'X-Conto-Event': 'payment.confirmed',
      'X-Conto-Timestamp': now.toISOString(),
      'X-Conto-Delivery-Attempt': '1',
    })
  })

  test('args: timestamp (Unix seconds) and a raw string payload', async () => {
    const body = JSON.stringify(event)
    const signed = await signWebhookForTest(body, secret, { timestamp: nowSeconds - 1000 })
    expect(signed.body).toBe(body)
    expect(signed.headers['webhook-id']).toBe('evt_test_1')
    expect(signed.headers['webhook-timestamp']).toBe(String(nowSeconds - 1000))
    expect((await failure(verifyWebhook(body, signed.headers, secret, { now }))).reason).toBe(
      'TIMESTAMP_OUT_OF_TOLERANCE',
    )
    const text = await signWebhookForTest('not json', secret)
    expect(text.headers['X-Conto-Event']).toBe('webhook.test')
    expect(text.headers['webhook-id']).toMatch(/^msg_test_/)
  })

  test('error: a secret that is not whsec_ + base64', async () => {
    await expect(signWebhookForTest(event, 'whsec_***', {})).rejects.toThrow(
      WebhookVerificationError,
    )
  })
})
