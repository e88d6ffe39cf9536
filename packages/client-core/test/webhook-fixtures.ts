import { createHmac } from 'node:crypto'
import { expect } from 'vitest'
import { WebhookVerificationError } from '../src/errors.js'

/** A synthetic signing secret in the real format: whsec_ + base64 of 32 bytes. */
export const secret = `whsec_${Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64')}`
export const now = new Date('2026-03-01T12:00:00.000Z')
export const nowSeconds = Math.floor(now.getTime() / 1000)
export const event = {
  id: 'evt_test_1',
  event: 'payment.confirmed',
  timestamp: '2026-03-01T11:59:59.000Z',
  data: { paymentId: 'pay_1', amount: 12.5 },
} as const

/** A delivery signed by hand, exactly as contract §5 describes, with node:crypto. */
export function deliver(body: string, options: { timestamp?: number; key?: string } = {}) {
  const timestamp = String(options.timestamp ?? nowSeconds)
  const key = options.key ?? secret
  const conto = createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('hex')
  const standard = createHmac('sha256', Buffer.from(key.slice('whsec_'.length), 'base64'))
    .update(`msg_1.${timestamp}.${body}`)
    .digest('base64')
  return {
    'X-Conto-Signature': `sha256=${conto}`,
    'webhook-id': 'msg_1',
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${standard}`,
  }
}

/** Awaits a promise that must reject with a WebhookVerificationError, and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WebhookVerificationError)
  return error as WebhookVerificationError
}
