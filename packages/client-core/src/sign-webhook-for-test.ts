import { WEBHOOK_TEST_EVENT, type WebhookEvent, webhookHeaders } from '@conto/schemas'
import { WebhookVerificationError } from './errors.js'
import { toBase64, toHex, utf8 } from './internal/encoding.js'
import {
  contoSigningKey,
  hmacSha256,
  standardSignedContent,
  standardSigningKey,
} from './internal/webhook-signature.js'

/** An event to sign: `id` and `timestamp` are filled in when omitted. Or the exact body text. */
export type WebhookTestPayload =
  | string
  | {
      id?: string | undefined
      event: WebhookEvent['event']
      timestamp?: string | undefined
      data?: Record<string, unknown> | undefined
    }

/** Options of {@link signWebhookForTest}. */
export interface SignWebhookForTestOptions {
  /** The delivery time: a `Date` or Unix seconds; default now. */
  timestamp?: Date | number | undefined
  /** The `webhook-id` header; default the event's `id`. */
  id?: string | undefined
}

/** A signed delivery, ready to send to your handler. */
export interface SignedWebhook {
  /** The raw JSON body. */
  body: string
  /** Every header a real delivery carries, both signature schemes included. */
  headers: Record<string, string>
}

/**
 * Signs a webhook payload the way the Conto server does, for your own handler's tests: the body and
 * every delivery header, so `verifyWebhook(body, headers, secret)` accepts it.
 *
 * @example
 * ```ts
 * const { body, headers } = await signWebhookForTest(
 *   { event: 'payment.confirmed', data: { paymentId: 'pay_1' } },
 *   'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/8yNDpcXyzE=',
 * )
 * const response = await app.request('/webhooks/conto', { method: 'POST', body, headers })
 * ```
 * @throws {WebhookVerificationError} `INVALID_SECRET` when the secret is not `whsec_` + base64.
 */
export async function signWebhookForTest(
  payload: WebhookTestPayload,
  secret: string,
  options: SignWebhookForTestOptions = {},
): Promise<SignedWebhook> {
  const at =
    options.timestamp === undefined
      ? new Date()
      : typeof options.timestamp === 'number'
        ? new Date(options.timestamp * 1000)
        : options.timestamp
  const seconds = String(Math.floor(at.getTime() / 1000))

  let body: string
  let event: string
  let eventId: string | undefined
  if (typeof payload === 'string') {
    body = payload
    const parsed = tryParse(payload)
    event = typeof parsed?.['event'] === 'string' ? parsed['event'] : WEBHOOK_TEST_EVENT
    eventId = typeof parsed?.['id'] === 'string' ? parsed['id'] : undefined
  } else {
    eventId = payload.id ?? `evt_test_${randomHex()}`
    event = payload.event
    body = JSON.stringify({
      id: eventId,
      event: payload.event,
      timestamp: payload.timestamp ?? at.toISOString(),
      data: payload.data ?? {},
    })
  }

  const standardKey = standardSigningKey(secret)
  if (!standardKey) {
    throw new WebhookVerificationError(
      'INVALID_SECRET',
      'signWebhookForTest() needs a Conto webhook secret (whsec_ followed by base64).',
    )
  }
  const id = options.id ?? eventId ?? `msg_test_${randomHex()}`
  const bytes = utf8(body)
  const contoSignature = toHex(await hmacSha256(contoSigningKey(secret), bytes))
  const standardSignature = toBase64(
    await hmacSha256(standardKey, standardSignedContent(id, seconds, bytes)),
  )

  return {
    body,
    headers: {
      'content-type': 'application/json',
      [webhookHeaders.event]: event,
      [webhookHeaders.timestamp]: at.toISOString(),
      [webhookHeaders.signature]: `sha256=${contoSignature}`,
      [webhookHeaders.attempt]: '1',
      [webhookHeaders.deliveryId]: `dlv_test_${randomHex()}`,
      [webhookHeaders.standardId]: id,
      [webhookHeaders.standardTimestamp]: seconds,
      [webhookHeaders.standardSignature]: `v1,${standardSignature}`,
    },
  }
}

function tryParse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function randomHex(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(8)))
}
