import { describe, expect, test } from 'vitest'
import { deliver, event, failure, now, nowSeconds, secret } from '../test/webhook-fixtures.js'
import { verifyWebhook } from './verify-webhook.js'
import { VERSION } from './version.js'

describe('verifyWebhook', () => {
  test('default', async () => {
    const body = JSON.stringify(event)
    await expect(verifyWebhook(body, deliver(body), secret, { now })).resolves.toEqual(event)
  })

  test('args: rawBody as bytes, headers as Headers or arrays', async () => {
    const body = JSON.stringify(event)
    const headers = deliver(body)
    await expect(
      verifyWebhook(new TextEncoder().encode(body), new Headers(headers), secret, { now }),
    ).resolves.toEqual(event)
    await expect(
      verifyWebhook(Buffer.from(body), { ...headers, 'webhook-id': ['msg_1'] }, secret, { now }),
    ).resolves.toEqual(event)
    await expect(
      verifyWebhook(new TextEncoder().encode(body).buffer, headers, secret, { now }),
    ).resolves.toEqual(event)
  })

  test('args: X-Conto-Signature alone, with or without sha256=', async () => {
    const body = JSON.stringify(event)
    const signature = deliver(body)['X-Conto-Signature']
    await expect(verifyWebhook(body, { 'x-conto-signature': signature }, secret)).resolves.toEqual(
      event,
    )
    await expect(
      verifyWebhook(body, { 'x-conto-signature': signature.slice('sha256='.length) }, secret),
    ).resolves.toEqual(event)
  })

  test('args: Standard Webhooks headers alone; several signatures (secret rotation)', async () => {
    const body = JSON.stringify(event)
    const { 'X-Conto-Signature': _, ...standard } = deliver(body)
    await expect(verifyWebhook(body, standard, secret, { now })).resolves.toEqual(event)
    const rotated = {
      ...standard,
      'webhook-signature': `v1,b2xkc2lnbmF0dXJl v2,ignored ${standard['webhook-signature']}`,
    }
    await expect(verifyWebhook(body, rotated, secret, { now })).resolves.toEqual(event)
  })

  test('error: tampered body', async () => {
    const body = JSON.stringify(event)
    const tampered = body.replace('12.5', '1250')
    const error = await failure(verifyWebhook(tampered, deliver(body), secret, { now }))
    expect(error).toMatchObject({
      reason: 'INVALID_SIGNATURE',
      code: 'WEBHOOK_VERIFICATION_FAILED',
    })
    expect(error.shortMessage).toBe('The X-Conto-Signature signature does not match the body.')

    const { 'X-Conto-Signature': _, ...standard } = deliver(body)
    expect(await failure(verifyWebhook(tampered, standard, secret, { now }))).toMatchObject({
      reason: 'INVALID_SIGNATURE',
      shortMessage: 'The webhook-signature signature does not match the body.',
    })
  })

  test('error: re-serialised JSON (whitespace changed) does not verify', async () => {
    const body = JSON.stringify(event, null, 2)
    const error = await failure(
      verifyWebhook(JSON.stringify(JSON.parse(body)), deliver(body), secret, { now }),
    )
    expect(error.reason).toBe('INVALID_SIGNATURE')
  })

  test('error: wrong secret', async () => {
    const body = JSON.stringify(event)
    const other = `whsec_${Buffer.alloc(32, 7).toString('base64')}`
    const error = await failure(verifyWebhook(body, deliver(body), other, { now }))
    expect(error.reason).toBe('INVALID_SIGNATURE')
    expect(error.message).not.toContain(other)
    expect(error.message).not.toContain(secret)
  })

  test('error: old timestamp', async () => {
    const body = JSON.stringify(event)
    const headers = deliver(body, { timestamp: nowSeconds - 301 })
    const error = await failure(verifyWebhook(body, headers, secret, { now }))
    expect(error.reason).toBe('TIMESTAMP_OUT_OF_TOLERANCE')
    expect(error.message).toMatchInlineSnapshot(`
      "The webhook timestamp is too far from the current time.

      webhook-timestamp is 301 s old; the tolerance is 300 s.
      A replayed delivery, or a clock that is off: check the server time (NTP).

      Docs: https://conto.finance/docs/errors/WEBHOOK_VERIFICATION_FAILED
      Version: @conto/client-core@${VERSION}"
    `)
    await expect(
      verifyWebhook(body, deliver(body, { timestamp: nowSeconds - 300 }), secret, { now }),
    ).resolves.toEqual(event)
    await expect(
      verifyWebhook(body, headers, secret, { now, toleranceSeconds: 600 }),
    ).resolves.toEqual(event)
  })

  test('error: timestamp in the future or not a number', async () => {
    const body = JSON.stringify(event)
    const future = await failure(
      verifyWebhook(body, deliver(body, { timestamp: nowSeconds + 400 }), secret, { now }),
    )
    expect(future.message).toContain('400 s in the future')
    const garbage = { ...deliver(body), 'webhook-timestamp': '2026-03-01T12:00:00Z' }
    const error = await failure(verifyWebhook(body, garbage, secret, { now }))
    expect(error.reason).toBe('TIMESTAMP_OUT_OF_TOLERANCE')
    expect(error.message).toContain('is not a Unix time in seconds')
  })

  test('error: an object instead of the raw body', async () => {
    const body = JSON.stringify(event)
    const error = await failure(
      verifyWebhook(JSON.parse(body) as unknown as string, deliver(body), secret, { now }),
    )
    expect(error.reason).toBe('INVALID_BODY')
    expect(error.message).toMatchInlineSnapshot(`
      "verifyWebhook() needs the raw request body (a string or Uint8Array), but got an object.

      The body was most likely parsed as JSON before verification (for example by express.json() or
      a framework body parser). Parsing changes the bytes, so the signature can no longer be checked.
      Read the raw body instead: express.raw({ type: "application/json" }) and req.body, \`await request.text()\`
      in fetch-style handlers (Hono, Next.js route handlers), or your framework’s rawBody option.

      Docs: https://conto.finance/docs/errors/WEBHOOK_VERIFICATION_FAILED
      Version: @conto/client-core@${VERSION}"
    `)
    expect(
      (await failure(verifyWebhook(undefined as unknown as string, {}, secret))).message,
    ).toContain('but got undefined')
    expect((await failure(verifyWebhook([] as unknown as string, {}, secret))).message).toContain(
      'but got an array',
    )
    expect((await failure(verifyWebhook(42 as unknown as string, {}, secret))).message).toContain(
      'but got a number',
    )
    expect((await failure(verifyWebhook(null as unknown as string, {}, secret))).message).toContain(
      'but got null',
    )
  })

  test('error: missing or incomplete signature headers', async () => {
    const body = JSON.stringify(event)
    expect(await failure(verifyWebhook(body, {}, secret))).toMatchObject({
      reason: 'MISSING_SIGNATURE',
    })
    const { 'webhook-timestamp': _, ...partial } = deliver(body)
    const error = await failure(verifyWebhook(body, partial, secret, { now }))
    expect(error.reason).toBe('MISSING_SIGNATURE')
    expect(error.shortMessage).toBe('The Standard Webhooks headers are incomplete.')
  })

  test('error: malformed signatures', async () => {
    const body = JSON.stringify(event)
    for (const signature of ['sha256=zz', 'sha256=', 'abc', `sha256=${'0'.repeat(64)}`]) {
      expect(
        (await failure(verifyWebhook(body, { 'x-conto-signature': signature }, secret))).reason,
      ).toBe('INVALID_SIGNATURE')
    }
    const headers = { ...deliver(body), 'webhook-signature': 'v1,not base64!' }
    expect((await failure(verifyWebhook(body, headers, secret, { now }))).reason).toBe(
      'INVALID_SIGNATURE',
    )
  })

  test('error: a secret that is missing or not whsec_ + base64', async () => {
    const body = JSON.stringify(event)
    expect((await failure(verifyWebhook(body, deliver(body), '', { now }))).reason).toBe(
      'INVALID_SECRET',
    )
    const headers = deliver(body, { key: 'whsec_not*base64' })
    expect(
      (
        await failure(
          verifyWebhook(body, { ...headers, 'X-Conto-Signature': undefined }, 'whsec_not*base64', {
            now,
          }),
        )
      ).reason,
    ).toBe('INVALID_SECRET')
  })

  test('error: a signed body that is not a Conto event', async () => {
    const notJson = 'hello'
    expect((await failure(verifyWebhook(notJson, deliver(notJson), secret, { now }))).reason).toBe(
      'INVALID_PAYLOAD',
    )
    const wrongShape = JSON.stringify({ event: 'payment.confirmed' })
    const error = await failure(verifyWebhook(wrongShape, deliver(wrongShape), secret, { now }))
    expect(error.reason).toBe('INVALID_PAYLOAD')
    expect(error.message).toContain('- id:')
  })
})
