import { describe, expect, test } from 'vitest'
import { envelope } from '../test/fixtures.js'
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  ContoApiError,
  ContoError,
  createContoApiError,
  docsUrlOf,
  InternalServerError,
  isContoApiError,
  isContoError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from './errors.js'
import { VERSION } from './version.js'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  createContoApiError({
    status,
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    bodyText: JSON.stringify(body),
    method: 'POST',
    url: 'https://conto.finance/api/sdk/payments/request',
  })

describe('createContoApiError', () => {
  test('default', () => {
    const error = json(404, envelope('NOT_FOUND', 'Payment request not found'), {
      'request-id': 'req_header000000',
    })
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toBeInstanceOf(ContoError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: 'NotFoundError',
      status: 404,
      code: 'NOT_FOUND',
      requestId: 'req_header000000',
      shortMessage: 'Payment request not found',
      docsUrl: 'https://conto.finance/docs/errors/NOT_FOUND',
      body: envelope('NOT_FOUND', 'Payment request not found'),
      version: `@conto/client-core@${VERSION}`,
    })
    expect(error.headers.get('request-id')).toBe('req_header000000')
    expect(error.message).toMatchInlineSnapshot(`
      "Payment request not found

      Request: POST https://conto.finance/api/sdk/payments/request → 404 NOT_FOUND

      Docs: https://conto.finance/docs/errors/NOT_FOUND
      Request ID: req_header000000
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test.each([
    // The code decides first…
    { status: 400, code: 'VALIDATION_ERROR', expected: ValidationError },
    { status: 401, code: 'AUTH_FAILED', expected: AuthenticationError },
    { status: 401, code: 'EXPIRED_KEY', expected: AuthenticationError },
    { status: 403, code: 'INSUFFICIENT_SCOPE', expected: PermissionDeniedError },
    { status: 403, code: 'PAYMENT_DENIED', expected: PermissionDeniedError },
    { status: 404, code: 'NOT_FOUND', expected: NotFoundError },
    { status: 409, code: 'IDEMPOTENCY_CONFLICT', expected: ConflictError },
    { status: 429, code: 'RATE_LIMITED', expected: RateLimitError },
    { status: 500, code: 'INTERNAL_ERROR', expected: InternalServerError },
    { status: 501, code: 'NOT_IMPLEMENTED', expected: InternalServerError },
    // …even when the status disagrees (a proxy rewrote it)…
    { status: 400, code: 'RATE_LIMITED', expected: RateLimitError },
    { status: 500, code: 'NOT_FOUND', expected: NotFoundError },
    // …domain codes keep the base class…
    { status: 400, code: 'NO_WALLET', expected: ContoApiError },
    { status: 400, code: 'INVALID_AMOUNT', expected: ContoApiError },
    { status: 202, code: 'REQUIRES_APPROVAL', expected: ContoApiError },
    // …and a code this version does not know falls back to the status.
    { status: 404, code: 'AGENT_ARCHIVED', expected: NotFoundError },
    { status: 403, code: 'CARD_LOCKED', expected: PermissionDeniedError },
    { status: 409, code: 'ALREADY_EXISTS', expected: ConflictError },
    { status: 503, code: 'MAINTENANCE', expected: InternalServerError },
    { status: 400, code: 'NEW_VALIDATION', expected: ContoApiError },
    { status: 418, code: 'TEAPOT', expected: ContoApiError },
  ])('behavior: $code with status $status → $expected.name', ({ status, code, expected }) => {
    const error = json(status, envelope(code, 'message'))
    expect(error.constructor).toBe(expected)
    expect(error.name).toBe(expected.name)
    expect(error.status).toBe(status)
    expect(error.code).toBe(code)
  })

  test('error: VALIDATION_ERROR carries the issues', () => {
    const error = json(
      400,
      envelope('VALIDATION_ERROR', 'Invalid request body', {
        issues: [
          { path: ['amount'], message: 'amount must be positive', code: 'too_small' },
          { path: ['recipientAddress'], message: 'not an EVM or Solana address' },
        ],
      }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([
      { path: ['amount'], message: 'amount must be positive', code: 'too_small' },
      { path: ['recipientAddress'], message: 'not an EVM or Solana address' },
    ])
    expect(error.requestId).toBe('req_body0000000000')
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid request body

      Request: POST https://conto.finance/api/sdk/payments/request → 400 VALIDATION_ERROR
      - amount: amount must be positive
      - recipientAddress: not an EVM or Solana address

      Docs: https://conto.finance/docs/errors/VALIDATION_ERROR
      Request ID: req_body0000000000
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('error: RATE_LIMITED carries retryAfterMs', () => {
    const fromHeaders = json(429, envelope('RATE_LIMITED', 'Slow down', { retryAfter: 12 }), {
      'retry-after-ms': '11500',
      'retry-after': '12',
    })
    expect((fromHeaders as RateLimitError).retryAfterMs).toBe(11_500)
    expect(fromHeaders.message).toContain('Retry after: 12 s')

    const fromBody = json(429, envelope('RATE_LIMITED', 'Slow down', { retryAfter: 12 }))
    expect((fromBody as RateLimitError).retryAfterMs).toBe(12_000)

    const none = json(429, { error: 'Slow down', code: 'RATE_LIMITED' })
    expect((none as RateLimitError).retryAfterMs).toBeUndefined()
  })

  test('error: RATE_LIMITED carries retryAfter in seconds, from the body first', () => {
    const both = json(429, envelope('RATE_LIMITED', 'Slow down', { retryAfter: 12 }), {
      'retry-after': '30',
    })
    expect(both).toBeInstanceOf(RateLimitError)
    expect((both as RateLimitError).retryAfter).toBe(12)

    const header = json(429, envelope('RATE_LIMITED', 'Slow down'), { 'retry-after': '30' })
    expect((header as RateLimitError).retryAfter).toBe(30)
    expect((header as RateLimitError).retryAfterMs).toBe(30_000)

    const ms = json(429, envelope('RATE_LIMITED', 'Slow down'), { 'retry-after-ms': '1500' })
    expect((ms as RateLimitError).retryAfter).toBe(2)

    const past = json(429, envelope('RATE_LIMITED', 'Slow down'), {
      'retry-after': 'Sun, 01 Mar 2020 12:00:00 GMT',
    })
    expect((past as RateLimitError).retryAfter).toBe(0)

    const none = json(429, { error: 'Slow down', code: 'RATE_LIMITED' })
    expect((none as RateLimitError).retryAfter).toBeUndefined()
  })

  test.each([
    ['INVALID_AMOUNT', 'amount'],
    ['INVALID_ADDRESS', 'recipientAddress'],
    ['VALIDATION_ERROR', 'purpose'],
  ])('error: %s exposes the body issues', (code, field) => {
    const issues = [{ path: [field], message: `bad ${field}` }]
    const error = json(400, envelope(code, 'Invalid request body', { issues }))
    expect(error.code).toBe(code)
    expect(error.issues).toEqual(issues)
    expect(error.message).toContain(`- ${field}: bad ${field}`)
  })

  test('behavior: issues, violations and reasons are undefined when the body has none', () => {
    const error = json(400, envelope('NO_WALLET', 'No wallet linked'))
    expect(error).toMatchObject({ issues: undefined, violations: undefined, reasons: undefined })
    expect((json(400, envelope('VALIDATION_ERROR', 'Bad')) as ValidationError).issues).toEqual([])
    const html = createContoApiError({ status: 502, headers: new Headers(), bodyText: '<html/>' })
    expect(html).toMatchObject({ issues: undefined, violations: undefined, reasons: undefined })
  })

  test('error: POLICY_DENIED exposes violations and reasons', () => {
    const violations = [
      { type: 'PER_TX_LIMIT', limit: 100, current: 250, message: 'Over the per-transaction limit' },
    ]
    const reasons = ['Amount 250 exceeds the per-transaction limit of 100']
    const error = json(400, envelope('POLICY_DENIED', 'Payment denied', { violations, reasons }))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error.violations).toEqual(violations)
    expect(error.reasons).toEqual(reasons)
    expect(error.issues).toBeUndefined()
  })

  test('behavior: a body without the envelope', () => {
    const error = json(403, { message: 'Forbidden' })
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, body: { message: 'Forbidden' } })
    expect(error.message).toContain('Body: JSON without the { error, code } envelope')

    const empty = createContoApiError({ status: 418, headers: new Headers(), bodyText: '' })
    expect(empty).toMatchObject({
      code: 'HTTP_ERROR',
      status: 418,
      docsUrl: 'https://conto.finance/docs/errors/HTTP_ERROR',
    })
    expect(empty.constructor).toBe(ContoApiError)
    expect(empty.message).toMatchInlineSnapshot(`
      "The Conto API answered 418 without a JSON error body.

      Body: empty

      Docs: https://conto.finance/docs/errors/HTTP_ERROR
      Version: @conto/client-core@${VERSION}"
    `)
  })
})

describe('ContoError', () => {
  test('default', () => {
    const cause = new Error('root')
    const error = new ContoError('Something failed.', {
      code: 'NO_WALLET',
      status: 400,
      details: ['Link a wallet to the agent first.'],
      cause,
    })
    expect(error).toMatchObject({
      name: 'ContoError',
      code: 'NO_WALLET',
      status: 400,
      shortMessage: 'Something failed.',
      docsUrl: 'https://conto.finance/docs/errors/NO_WALLET',
      requestId: undefined,
      cause,
    })
    expect(error.message).toMatchInlineSnapshot(`
      "Something failed.

      Link a wallet to the agent first.

      Docs: https://conto.finance/docs/errors/NO_WALLET
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('behavior: structurally { code, status, message } (the documented check)', () => {
    const error: unknown = new ContoError('x', { code: 'EXPIRED', status: 400 })
    expect(typeof error === 'object' && error !== null && 'code' in error).toBe(true)
    expect(error).toHaveProperty('status', 400)
    expect(error).toHaveProperty('message')
    expect('cause' in (error as object)).toBe(false)
  })

  test('args: docsUrl overrides the derived link', () => {
    const error = new ContoError('x', { code: 'X', status: 0, docsUrl: 'https://example.com/x' })
    expect(error.docsUrl).toBe('https://example.com/x')
  })
})

describe('ConnectionError', () => {
  test('default', () => {
    const cause = new TypeError('fetch failed')
    const error = new ConnectionError({ method: 'GET', url: 'https://conto.finance/x', cause })
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, cause })
    expect(error.message).toMatchInlineSnapshot(`
      "Could not reach the Conto API.

      Request: GET https://conto.finance/x
      Cause: fetch failed

      Docs: https://conto.finance/docs/errors/NETWORK_ERROR
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('TimeoutError', () => {
    const error = new TimeoutError({ method: 'GET', url: 'https://conto.finance/x', timeoutMs: 5 })
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'TIMEOUT', status: 0, timeoutMs: 5 })
  })
})

describe('isContoError', () => {
  test('default', () => {
    expect(isContoError(json(500, envelope('INTERNAL_ERROR', 'x')))).toBe(true)
    expect(isContoError(new TimeoutError({ method: 'GET', url: 'u', timeoutMs: 1 }))).toBe(true)
    expect(isContoError(new Error('x'))).toBe(false)
    expect(isContoError(Object.assign(new Error('x'), { code: 'X', status: 1 }))).toBe(false)
    expect(isContoError(null)).toBe(false)
    expect(isContoError('RATE_LIMITED')).toBe(false)
  })

  test('behavior: recognises an error from another copy of the package', () => {
    const foreign = Object.defineProperty(
      new Error('x'),
      Symbol.for('@conto/client-core/ContoError'),
      {
        value: true,
      },
    )
    expect(isContoError(foreign)).toBe(true)
  })
})

describe('isContoApiError', () => {
  test('default', () => {
    expect(isContoApiError(json(404, envelope('NOT_FOUND', 'x')))).toBe(true)
    expect(isContoApiError(new ConnectionError({ method: 'GET', url: 'u' }))).toBe(false)
    expect(isContoApiError(new ContoError('x', { code: 'X', status: 400 }))).toBe(false)
  })
})

describe('docsUrlOf', () => {
  test('default', () => {
    expect(docsUrlOf('RATE_LIMITED')).toBe('https://conto.finance/docs/errors/RATE_LIMITED')
    expect(docsUrlOf('SOMETHING_NEW')).toBeUndefined()
  })
})
