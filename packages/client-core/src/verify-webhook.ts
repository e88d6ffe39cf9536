import { defaults, type WebhookEvent, webhookEventSchema, webhookHeaders } from '@conto/schemas'
import { WebhookVerificationError } from './errors.js'
import { fromBase64, fromHex, utf8 } from './internal/encoding.js'
import {
  contoSigningKey,
  hmacSha256,
  standardSignedContent,
  standardSigningKey,
  timingSafeEqual,
} from './internal/webhook-signature.js'

/** Request headers as `Headers` (fetch, Hono, Next.js) or a plain object (Node, Express). */
export type WebhookHeadersInput = Headers | Record<string, string | readonly string[] | undefined>

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, in seconds; default 300. */
  toleranceSeconds?: number | undefined
  /** The current time; default `new Date()`. */
  now?: Date | undefined
}

/**
 * Verifies a webhook delivery and returns its event. Checks `X-Conto-Signature` (with or without
 * the `sha256=` prefix) and, when present, the Standard Webhooks headers (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`) including the timestamp tolerance; signatures are
 * compared in constant time on WebCrypto. Pass the body exactly as received: parsing it first
 * (for example with `express.json()`) changes its bytes and the signature no longer matches.
 *
 * @example
 * ```ts
 * app.post('/webhooks/conto', async (c) => {
 *   const event = await verifyWebhook(await c.req.text(), c.req.raw.headers, process.env.CONTO_WEBHOOK_SECRET!)
 *   if (event.event === 'payment.confirmed') await markPaid(event.data)
 *   return c.body(null, 204)
 * })
 * ```
 * @throws {WebhookVerificationError} when the body is not raw, a signature is missing or wrong,
 * the timestamp is outside the tolerance, or the body is not a Conto event.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeadersInput,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const body = rawBodyBytes(rawBody)
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new WebhookVerificationError(
      'INVALID_SECRET',
      'verifyWebhook() needs the signing secret.',
      {
        details: ['Pass the whsec_… secret shown when the webhook endpoint was created.'],
      },
    )
  }
  const toleranceSeconds = options.toleranceSeconds ?? defaults.webhook.signatureToleranceSeconds
  const header = headerReader(headers)

  const contoSignature = header(webhookHeaders.signature)
  const standard = {
    id: header(webhookHeaders.standardId),
    timestamp: header(webhookHeaders.standardTimestamp),
    signature: header(webhookHeaders.standardSignature),
  }
  const hasStandard =
    standard.id !== undefined ||
    standard.timestamp !== undefined ||
    standard.signature !== undefined

  if (contoSignature === undefined && !hasStandard) {
    throw new WebhookVerificationError(
      'MISSING_SIGNATURE',
      'The request carries no Conto signature.',
      {
        details: [
          `Expected the ${webhookHeaders.signature} header (and/or ${webhookHeaders.standardId}, ${webhookHeaders.standardTimestamp}, ${webhookHeaders.standardSignature}).`,
          'Check that a proxy or framework does not drop these headers.',
        ],
      },
    )
  }

  if (contoSignature !== undefined) {
    const hex = contoSignature.trim().replace(/^sha256=/i, '')
    const given = fromHex(hex)
    const expected = await hmacSha256(contoSigningKey(secret), body)
    if (!given || !timingSafeEqual(given, expected)) {
      throw invalidSignature(webhookHeaders.signature)
    }
  }

  if (hasStandard) {
    const { id, timestamp, signature } = standard
    if (id === undefined || timestamp === undefined || signature === undefined) {
      throw new WebhookVerificationError(
        'MISSING_SIGNATURE',
        'The Standard Webhooks headers are incomplete.',
        {
          details: [
            `${webhookHeaders.standardId}, ${webhookHeaders.standardTimestamp} and ${webhookHeaders.standardSignature} must all be present.`,
          ],
        },
      )
    }
    const seconds = /^\d+$/.test(timestamp.trim()) ? Number(timestamp.trim()) : Number.NaN
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000)
    if (!Number.isSafeInteger(seconds) || Math.abs(nowSeconds - seconds) > toleranceSeconds) {
      throw new WebhookVerificationError(
        'TIMESTAMP_OUT_OF_TOLERANCE',
        'The webhook timestamp is too far from the current time.',
        {
          details: [
            Number.isSafeInteger(seconds)
              ? `${webhookHeaders.standardTimestamp} is ${Math.abs(nowSeconds - seconds)} s ${seconds < nowSeconds ? 'old' : 'in the future'}; the tolerance is ${toleranceSeconds} s.`
              : `${webhookHeaders.standardTimestamp} is not a Unix time in seconds.`,
            'A replayed delivery, or a clock that is off: check the server time (NTP).',
          ],
        },
      )
    }
    const key = standardSigningKey(secret)
    if (!key) {
      throw new WebhookVerificationError(
        'INVALID_SECRET',
        'The signing secret is not a Conto webhook secret.',
        {
          details: ['Expected whsec_ followed by base64, as shown when the endpoint was created.'],
        },
      )
    }
    const expected = await hmacSha256(key, standardSignedContent(id, timestamp.trim(), body))
    const matches = signature
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => fromBase64(entry.slice(3)))
      .some((given) => given !== undefined && timingSafeEqual(given, expected))
    if (!matches) throw invalidSignature(webhookHeaders.standardSignature)
  }

  return parseEvent(body)
}

function invalidSignature(headerName: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'INVALID_SIGNATURE',
    `The ${headerName} signature does not match the body.`,
    {
      details: [
        'Either the secret is not this endpoint’s current secret, or the body was changed after it was sent:',
        'pass the raw body exactly as received (not re-serialised JSON, not a trimmed or re-encoded string).',
      ],
    },
  )
}

function rawBodyBytes(rawBody: unknown): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === 'string') return utf8(rawBody)
  if (rawBody instanceof Uint8Array) return new Uint8Array(rawBody)
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody)
  const got =
    rawBody === null
      ? 'null'
      : Array.isArray(rawBody)
        ? 'an array'
        : typeof rawBody === 'object'
          ? 'an object'
          : typeof rawBody === 'undefined'
            ? 'undefined'
            : `a ${typeof rawBody}`
  const parsed = typeof rawBody === 'object' && rawBody !== null
  throw new WebhookVerificationError(
    'INVALID_BODY',
    `verifyWebhook() needs the raw request body (a string or Uint8Array), but got ${got}.`,
    {
      details: parsed
        ? [
            'The body was most likely parsed as JSON before verification (for example by express.json() or',
            'a framework body parser). Parsing changes the bytes, so the signature can no longer be checked.',
            'Read the raw body instead: express.raw({ type: "application/json" }) and req.body, `await request.text()`',
            'in fetch-style handlers (Hono, Next.js route handlers), or your framework’s rawBody option.',
          ]
        : ['Read the body as text (`await request.text()`) or bytes and pass it unchanged.'],
    },
  )
}

function headerReader(headers: WebhookHeadersInput): (name: string) => string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return (name) => headers.get(name) ?? undefined
  }
  const lower = new Map<string, string | readonly string[] | undefined>()
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    lower.set(name.toLowerCase(), value as string | readonly string[] | undefined)
  }
  return (name) => {
    const value = lower.get(name.toLowerCase())
    const first = typeof value === 'string' ? value : value?.[0]
    return first === undefined || first === '' ? undefined : first
  }
}

function parseEvent(body: Uint8Array): WebhookEvent {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch (cause) {
    throw new WebhookVerificationError('INVALID_PAYLOAD', 'The webhook body is not valid JSON.', {
      cause,
    })
  }
  const result = webhookEventSchema.safeParse(json)
  if (!result.success) {
    throw new WebhookVerificationError(
      'INVALID_PAYLOAD',
      'The webhook body is not a Conto event ({ id, event, timestamp, data }).',
      {
        details: result.error.issues.map(
          (issue) =>
            `- ${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`,
        ),
        cause: result.error,
      },
    )
  }
  return result.data
}
