import { delay, HttpResponse, http, type JsonBodyType } from 'msw'
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  expectTypeOf,
  test,
  vi,
} from 'vitest'
import { z } from 'zod'
import {
  agentKey,
  baseUrl,
  createMemoryLogger,
  createMswServer,
  envelope,
  settle,
} from '../test/fixtures.js'
import {
  createTransport,
  type FetchOptions,
  type RequestEvent,
  type ResponseEvent,
} from './create-transport.js'
import {
  ConflictError,
  ConnectionError,
  ContoApiError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js'
import { VERSION } from './version.js'

const server = createMswServer()
const url = `${baseUrl}/api/sdk/thing`
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  vi.useFakeTimers()
  // No jitter: every backoff wait is exactly min(1 s · 2^n, 10 s).
  vi.spyOn(Math, 'random').mockReturnValue(0)
})
afterEach(() => {
  server.resetHandlers()
  vi.useRealTimers()
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})
afterAll(() => server.close())

/** Answers with the queued responses in order (the last one repeats) and records each attempt. */
function sequence(
  method: 'get' | 'post' | 'delete',
  ...responses: (() => Response | Promise<Response>)[]
) {
  const attempts: { at: number; request: Request }[] = []
  server.use(
    http[method](url, ({ request }) => {
      attempts.push({ at: Date.now(), request: request.clone() })
      const next = responses[Math.min(attempts.length - 1, responses.length - 1)]
      if (!next) throw new Error('no response queued')
      return next()
    }),
  )
  return {
    attempts,
    gaps: () => attempts.slice(1).map((attempt, i) => attempt.at - (attempts[i]?.at ?? 0)),
  }
}

const ok =
  (body: JsonBodyType = { ok: true }) =>
  () =>
    HttpResponse.json(body)
const status =
  (code: number, headers: Record<string, string> = {}, body?: unknown) =>
  () =>
    HttpResponse.json(body ?? envelope('INTERNAL_ERROR', `status ${code}`), {
      status: code,
      headers,
    })
const reset = () => () => HttpResponse.error()
const hang = () => async () => {
  await delay('infinite')
  return HttpResponse.json({})
}

describe('createTransport', () => {
  test('default', async () => {
    vi.stubEnv('CONTO_BASE_URL', '')
    vi.stubEnv('CONTO_API_URL', '')
    const { attempts } = sequence('get', ok({ id: 'agt_1' }))
    const transport = createTransport({ apiKey: agentKey })

    expect(transport.baseUrl).toBe('https://conto.finance')
    expect(transport.timeoutMs).toBe(30_000)
    expect(transport.maxRetries).toBe(3)
    await expect(transport.request({ method: 'GET', path: '/api/sdk/thing' })).resolves.toEqual({
      id: 'agt_1',
    })
    const headers = Object.fromEntries(attempts[0]?.request.headers ?? [])
    expect(headers).toMatchObject({
      accept: 'application/json',
      authorization: `Bearer ${agentKey}`,
      'x-conto-client': `@conto/client-core@${VERSION}`,
    })
    expect(headers['idempotency-key']).toBeUndefined()
    expect(headers['content-type']).toBeUndefined()
  })

  test('args: baseUrl (with a path prefix and a trailing slash)', async () => {
    server.use(http.get('http://localhost:3006/conto/api/sdk/thing', () => HttpResponse.json(1)))
    const transport = createTransport({ baseUrl: 'http://localhost:3006/conto/' })
    expect(transport.baseUrl).toBe('http://localhost:3006/conto')
    await expect(transport.request({ method: 'GET', path: 'api/sdk/thing' })).resolves.toBe(1)
  })

  test('args: baseUrl from CONTO_BASE_URL', async () => {
    vi.stubEnv('CONTO_BASE_URL', 'http://127.0.0.1:4000')
    expect(createTransport().baseUrl).toBe('http://127.0.0.1:4000')
    expect(createTransport({ baseUrl: 'https://eu.conto.finance' }).baseUrl).toBe(
      'https://eu.conto.finance',
    )
  })

  test('args: baseUrl from CONTO_API_URL when CONTO_BASE_URL is unset', () => {
    vi.stubEnv('CONTO_BASE_URL', '')
    vi.stubEnv('CONTO_API_URL', 'http://127.0.0.1:5000/')
    expect(createTransport().baseUrl).toBe('http://127.0.0.1:5000')
    vi.stubEnv('CONTO_BASE_URL', 'http://127.0.0.1:4000')
    expect(createTransport().baseUrl).toBe('http://127.0.0.1:4000')
    expect(createTransport({ baseUrl: 'https://eu.conto.finance' }).baseUrl).toBe(
      'https://eu.conto.finance',
    )
    vi.stubEnv('CONTO_BASE_URL', '')
    vi.stubEnv('CONTO_API_URL', '')
    expect(createTransport().baseUrl).toBe('https://conto.finance')
  })

  test('args: query', async () => {
    const { attempts } = sequence('get', ok())
    await createTransport().request({
      method: 'GET',
      path: '/api/sdk/thing',
      query: {
        limit: 10,
        offset: 0,
        active: true,
        status: ['ACTIVE', 'PAUSED'],
        from: new Date('2026-01-02T03:04:05.000Z'),
        search: 'a b&c',
        skipped: undefined,
        empty: null,
      },
    })
    expect(new URL(attempts[0]?.request.url ?? '').search).toBe(
      '?limit=10&offset=0&active=true&status=ACTIVE&status=PAUSED&from=2026-01-02T03%3A04%3A05.000Z&search=a+b%26c',
    )
  })

  test('args: body, defaultHeaders, headers, clientInfo', async () => {
    const { attempts } = sequence('post', ok())
    const transport = createTransport({
      defaultHeaders: { 'X-Team': 'payments', accept: null },
      clientInfo: '@conto/sdk@1.2.3',
    })
    await transport.request({
      method: 'POST',
      path: '/api/sdk/thing',
      body: { amount: 12.5 },
      headers: { 'x-team': 'ops', 'x-extra': '1' },
    })
    const request = attempts[0]?.request
    expect(await request?.json()).toEqual({ amount: 12.5 })
    expect(Object.fromEntries(request?.headers ?? [])).toMatchObject({
      'content-type': 'application/json',
      'x-team': 'ops',
      'x-extra': '1',
      'x-conto-client': `@conto/sdk@1.2.3 @conto/client-core@${VERSION}`,
    })
    expect(request?.headers.get('authorization')).toBeNull()
    expect(request?.headers.get('accept')).not.toBe('application/json')
  })

  test('args: fetch (an in-process handler, no network) and fetchOptions', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = []
    const transport = createTransport({
      apiKey: agentKey,
      fetch: (request, init) => {
        seen.push({ url: request.url, init })
        return Response.json({ via: 'in-process' }, { headers: { 'request-id': 'req_inproc' } })
      },
    })
    const { data, requestId } = await transport
      .request({ method: 'GET', path: '/api/sdk/thing' })
      .withResponse()
    expect(data).toEqual({ via: 'in-process' })
    expect(requestId).toBe('req_inproc')
    expect(seen).toEqual([{ url, init: undefined }])

    const dispatcher = { name: 'custom-dispatcher' } as unknown as NonNullable<
      FetchOptions['dispatcher']
    >
    const withOptions = createTransport({
      fetch: (_request, init) => {
        seen.push({ url: 'second', init })
        return new Response(null, { status: 204 })
      },
      fetchOptions: { dispatcher },
    })
    await expect(withOptions.request({ method: 'GET', path: '/x' })).resolves.toBeUndefined()
    expect(seen[1]?.init).toEqual({ dispatcher })
  })

  test('args: invalid options', () => {
    expect(() => createTransport({ baseUrl: 'conto.finance' })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: baseUrl must be an absolute URL such as https://conto.finance]`,
    )
    expect(() => createTransport({ baseUrl: 'ftp://conto.finance' })).toThrow(TypeError)
    expect(() => createTransport({ timeoutMs: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: timeoutMs must be a positive number of milliseconds, got 0]`,
    )
    expect(() => createTransport({ maxRetries: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: maxRetries must be a whole number ≥ 0, got 1.5]`,
    )
  })
})

describe('idempotency', () => {
  test('behavior: POST and DELETE carry a UUID v4 Idempotency-Key, GET/PATCH do not', async () => {
    const post = sequence('post', ok())
    const del = sequence('delete', ok())
    const transport = createTransport()
    await transport.request({ method: 'POST', path: '/api/sdk/thing' })
    await transport.request({ method: 'POST', path: '/api/sdk/thing' })
    await transport.request({ method: 'DELETE', path: '/api/sdk/thing' })
    const keys = [...post.attempts, ...del.attempts].map((a) =>
      a.request.headers.get('idempotency-key'),
    )
    for (const key of keys) expect(key).toMatch(uuidV4)
    expect(new Set(keys).size).toBe(3)

    let patchKey: string | null = 'unset'
    server.use(
      http.patch(url, ({ request }) => {
        patchKey = request.headers.get('idempotency-key')
        return HttpResponse.json({})
      }),
    )
    await transport.request({ method: 'PATCH', path: '/api/sdk/thing' })
    expect(patchKey).toBeNull()
  })

  test('args: idempotencyKey overrides the generated key', async () => {
    const { attempts } = sequence('post', ok())
    await createTransport().request({
      method: 'POST',
      path: '/api/sdk/thing',
      idempotencyKey: 'checkout-42-nonce-1',
    })
    expect(attempts[0]?.request.headers.get('idempotency-key')).toBe('checkout-42-nonce-1')
  })

  test('behavior: the same key is reused across retries', async () => {
    const { attempts } = sequence('post', status(503), reset(), ok())
    const result = await settle(
      createTransport().request({ method: 'POST', path: '/api/sdk/thing', body: { a: 1 } }),
    )
    expect(result.value).toEqual({ ok: true })
    const keys = attempts.map((a) => a.request.headers.get('idempotency-key'))
    expect(keys).toHaveLength(3)
    expect(keys[0]).toMatch(uuidV4)
    expect(new Set(keys).size).toBe(1)
    expect(await Promise.all(attempts.map((a) => a.request.json()))).toEqual([
      { a: 1 },
      { a: 1 },
      { a: 1 },
    ])
  })
})

describe('retries', () => {
  test('behavior: 5xx then success', async () => {
    const calls = sequence('get', status(500), status(502), ok())
    const result = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.gaps()).toEqual([1000, 2000])
  })

  test('behavior: 5xx until the retries run out', async () => {
    const calls = sequence('get', status(503, { 'request-id': 'req_last' }))
    const { error } = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(calls.attempts).toHaveLength(4)
    expect(calls.gaps()).toEqual([1000, 2000, 4000])
    expect(error).toBeInstanceOf(InternalServerError)
    expect(error).toMatchObject({ status: 503, code: 'INTERNAL_ERROR', requestId: 'req_last' })
  })

  test('behavior: backoff 1 s, 2 s, 4 s … capped at 10 s, less up to 25 % jitter', async () => {
    const calls = sequence('get', status(500))
    await settle(
      createTransport({ maxRetries: 6 }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(calls.gaps()).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000])

    vi.mocked(Math.random).mockReturnValue(1)
    const jittered = sequence('get', status(500))
    await settle(createTransport().request({ method: 'GET', path: '/api/sdk/thing' }))
    expect(jittered.gaps()).toEqual([750, 1500, 3000])
  })

  test('behavior: connection reset then success', async () => {
    const calls = sequence('get', reset(), ok())
    const result = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.gaps()).toEqual([1000])
  })

  test('error: NETWORK_ERROR after the retries', async () => {
    const calls = sequence('get', reset())
    const { error } = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(calls.attempts).toHaveLength(4)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).not.toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0 })
    expect((error as Error).cause).toBeInstanceOf(TypeError)
  })

  test('error: TIMEOUT after the retries', async () => {
    const calls = sequence('get', hang())
    const { error, elapsedMs } = await settle(
      createTransport({ timeoutMs: 1_000 }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(calls.attempts).toHaveLength(4)
    expect(elapsedMs).toBe(1_000 + 1_000 + 1_000 + 2_000 + 1_000 + 4_000 + 1_000)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ code: 'TIMEOUT', status: 0, timeoutMs: 1_000 })
    expect((error as Error).message).toMatchInlineSnapshot(`
      "The Conto API did not answer within 1000 ms.

      Request: GET https://conto.finance/api/sdk/thing

      Docs: https://conto.finance/docs/errors/TIMEOUT
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('behavior: timeout then success; timeoutMs per call', async () => {
    const calls = sequence('get', hang(), ok())
    const result = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing', timeoutMs: 2_000 }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.gaps()).toEqual([2_000 + 1_000])
  })

  test('behavior: the default timeout is 30 s', async () => {
    sequence('get', hang())
    const { error, elapsedMs } = await settle(
      createTransport({ maxRetries: 0 }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(elapsedMs).toBe(30_000)
  })

  test('args: maxRetries per client and per call', async () => {
    const perClient = sequence('get', status(500))
    await settle(
      createTransport({ maxRetries: 0 }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(perClient.attempts).toHaveLength(1)

    const perCall = sequence('get', status(500))
    await settle(
      createTransport({ maxRetries: 0 }).request({
        method: 'GET',
        path: '/api/sdk/thing',
        maxRetries: 4,
      }),
    )
    expect(perCall.attempts).toHaveLength(5)
  })

  test.each([
    { name: '408', code: 408, retried: true },
    { name: '409', code: 409, retried: true },
    { name: '429', code: 429, retried: true },
    { name: '500', code: 500, retried: true },
    { name: '503', code: 503, retried: true },
    { name: '400', code: 400, retried: false },
    { name: '401', code: 401, retried: false },
    { name: '403', code: 403, retried: false },
    { name: '404', code: 404, retried: false },
    { name: '422', code: 422, retried: false },
  ])('behavior: status $name retried: $retried', async ({ code, retried }) => {
    const calls = sequence('get', status(code))
    await settle(createTransport().request({ method: 'GET', path: '/api/sdk/thing' }))
    expect(calls.attempts).toHaveLength(retried ? 4 : 1)
  })

  test('behavior: 409 retried, then ConflictError', async () => {
    const calls = sequence(
      'post',
      status(
        409,
        {},
        envelope('IDEMPOTENCY_CONFLICT', 'Idempotency key reused with a different body'),
      ),
    )
    const { error } = await settle(
      createTransport().request({ method: 'POST', path: '/api/sdk/thing', body: {} }),
    )
    expect(calls.attempts).toHaveLength(4)
    expect(error).toBeInstanceOf(ConflictError)
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', status: 409 })
  })

  test('behavior: 409 then success', async () => {
    const calls = sequence('post', status(409, {}, envelope('CONFLICT', 'locked')), ok())
    const result = await settle(
      createTransport().request({ method: 'POST', path: '/api/sdk/thing' }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.attempts).toHaveLength(2)
  })

  test('behavior: x-should-retry: false stops a retry', async () => {
    const calls = sequence('get', status(503, { 'x-should-retry': 'false' }))
    const { error } = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(calls.attempts).toHaveLength(1)
    expect(error).toBeInstanceOf(InternalServerError)
  })

  test('behavior: x-should-retry: true retries a status that is not retried otherwise', async () => {
    const calls = sequence('get', status(400, { 'x-should-retry': 'true' }), ok())
    const result = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.attempts).toHaveLength(2)
  })
})

describe('Retry-After', () => {
  const rateLimited = (headers: Record<string, string>) =>
    status(
      429,
      headers,
      envelope('RATE_LIMITED', 'Rate limit exceeded. Please slow down your requests.'),
    )

  test('behavior: Retry-After: 0 retries at once', async () => {
    const calls = sequence('get', rateLimited({ 'retry-after': '0' }), ok())
    const result = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.gaps()).toEqual([0])
  })

  test('behavior: Retry-After: 30 waits 30 s', async () => {
    const calls = sequence('get', rateLimited({ 'retry-after': '30' }), ok())
    const result = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(result.value).toEqual({ ok: true })
    expect(calls.gaps()).toEqual([30_000])
  })

  test('behavior: Retry-After: 3600 is not waited; the backoff applies and the retries run out', async () => {
    const calls = sequence('get', rateLimited({ 'retry-after': '3600' }))
    const { error, elapsedMs } = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(calls.gaps()).toEqual([1000, 2000, 4000])
    expect(elapsedMs).toBe(7_000)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 3_600_000 })
  })

  test('behavior: Retry-After as an HTTP date', async () => {
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'))
    const inTwentySeconds = new Date(Date.now() + 20_000).toUTCString()
    const calls = sequence('get', rateLimited({ 'retry-after': inTwentySeconds }), ok())
    await settle(createTransport().request({ method: 'GET', path: '/api/sdk/thing' }))
    expect(calls.gaps()).toEqual([20_000])
  })

  test('behavior: retry-after-ms comes first', async () => {
    const calls = sequence(
      'get',
      rateLimited({ 'retry-after-ms': '1250', 'retry-after': '2' }),
      ok(),
    )
    await settle(createTransport().request({ method: 'GET', path: '/api/sdk/thing' }))
    expect(calls.gaps()).toEqual([1250])
  })

  test('behavior: retry-after-ms over 60 s falls back to the backoff', async () => {
    const calls = sequence('get', rateLimited({ 'retry-after-ms': '61000' }), ok())
    await settle(createTransport().request({ method: 'GET', path: '/api/sdk/thing' }))
    expect(calls.gaps()).toEqual([1000])
  })
})

describe('abort', () => {
  test('behavior: aborting during the request rejects with the signal reason, no retry', async () => {
    const calls = sequence('get', hang())
    const controller = new AbortController()
    const promise = createTransport().request({
      method: 'GET',
      path: '/api/sdk/thing',
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 100)
    const { error, elapsedMs } = await settle(promise)
    expect(error).toBeInstanceOf(DOMException)
    expect((error as DOMException).name).toBe('AbortError')
    expect(elapsedMs).toBe(100)
    expect(calls.attempts).toHaveLength(1)
  })

  test('behavior: aborting during a retry wait stops the retries', async () => {
    const calls = sequence('get', status(503, { 'retry-after': '30' }))
    const controller = new AbortController()
    const promise = createTransport().request({
      method: 'GET',
      path: '/api/sdk/thing',
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('user navigated away')), 5_000)
    const { error, elapsedMs } = await settle(promise)
    expect(error).toEqual(new Error('user navigated away'))
    expect(elapsedMs).toBe(5_000)
    expect(calls.attempts).toHaveLength(1)
  })

  test('behavior: an already aborted signal sends nothing', async () => {
    const calls = sequence('get', ok())
    const { error } = await settle(
      createTransport().request({
        method: 'GET',
        path: '/api/sdk/thing',
        signal: AbortSignal.abort(),
      }),
    )
    expect((error as DOMException).name).toBe('AbortError')
    expect(calls.attempts).toHaveLength(0)
  })

  test('behavior: a fetch that ignores the signal still times out', async () => {
    const transport = createTransport({
      maxRetries: 0,
      timeoutMs: 50,
      fetch: () => new Promise<Response>(() => {}),
    })
    const { error } = await settle(transport.request({ method: 'GET', path: '/x' }))
    expect(error).toBeInstanceOf(TimeoutError)
  })
})

describe('response bodies', () => {
  test('error: malformed JSON in an error body still gives a ContoApiError', async () => {
    sequence(
      'get',
      () =>
        new HttpResponse('{"error": "oops", "code": ', {
          status: 404,
          headers: { 'content-type': 'application/json', 'request-id': 'req_404' },
        }),
    )
    const { error } = await settle(
      createTransport().request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req_404' })
    expect((error as Error).cause).toBeInstanceOf(SyntaxError)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "The Conto API answered 404 without a JSON error body.

      Request: GET https://conto.finance/api/sdk/thing → 404
      Body: not valid JSON (application/json)
      Excerpt: {"error": "oops", "code":

      Docs: https://conto.finance/docs/errors/NOT_FOUND
      Request ID: req_404
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('error: an HTML error page gives a ContoApiError with the status', async () => {
    sequence('get', () =>
      HttpResponse.html(
        '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
        { status: 502 },
      ),
    )
    const { error } = await settle(
      createTransport({ maxRetries: 0 }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(error).toBeInstanceOf(InternalServerError)
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 502, code: 'INTERNAL_ERROR' })
    expect(typeof (error as ContoApiError).body).toBe('string')
    expect((error as Error).message).toMatchInlineSnapshot(`
      "The Conto API answered 502 without a JSON error body.

      Request: GET https://conto.finance/api/sdk/thing → 502
      Body: an HTML page, not JSON (often a proxy, gateway or load balancer in front of the API)
      Excerpt: 502 Bad Gateway

      Docs: https://conto.finance/docs/errors/INTERNAL_ERROR
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('error: malformed JSON in a 2xx body gives a ResponseValidationError', async () => {
    sequence(
      'get',
      () =>
        new HttpResponse('{"id": "agt_1",', {
          headers: { 'content-type': 'application/json', 'request-id': 'req_bad' },
        }),
    )
    const error = await createTransport()
      .request({ method: 'GET', path: '/api/sdk/thing' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200, requestId: 'req_bad' })
    expect((error as Error).cause).toBeInstanceOf(SyntaxError)
  })

  test('args: schema parses the body', async () => {
    sequence('get', ok({ id: 'agt_1', name: 'Buyer', extra: true }))
    const schema = z.object({ id: z.string(), name: z.string() })
    const agent = await createTransport().request({ method: 'GET', path: '/api/sdk/thing', schema })
    expect(agent).toEqual({ id: 'agt_1', name: 'Buyer' })
    expectTypeOf(agent).toEqualTypeOf<{ id: string; name: string }>()
    expectTypeOf(
      createTransport().request({ method: 'GET', path: '/x' }),
    ).resolves.toEqualTypeOf<unknown>()
    expectTypeOf(
      createTransport().request<{ n: number }>({ method: 'GET', path: '/x' }).withResponse(),
    ).resolves.toEqualTypeOf<{
      data: { n: number }
      response: Response
      requestId: string | undefined
    }>()
  })

  test('error: a body that does not match the schema gives a ResponseValidationError', async () => {
    sequence('get', () => HttpResponse.json({ id: 42 }, { headers: { 'request-id': 'req_s' } }))
    const schema = z.object({ id: z.string(), name: z.string() })
    const error = await createTransport()
      .request({ method: 'GET', path: '/api/sdk/thing', schema })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect((error as ResponseValidationError).issues).toEqual([
      { path: ['id'], message: 'Invalid input: expected string, received number' },
      { path: ['name'], message: 'Invalid input: expected string, received undefined' },
    ])
    expect((error as Error).cause).toBeInstanceOf(z.ZodError)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "The Conto API returned a body this client does not understand.

      Request: GET https://conto.finance/api/sdk/thing → 200
      - id: Invalid input: expected string, received number
      - name: Invalid input: expected string, received undefined

      Docs: https://conto.finance/docs/errors/INVALID_RESPONSE
      Request ID: req_s
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('behavior: 204 and empty bodies resolve to undefined', async () => {
    sequence('delete', () => new HttpResponse(null, { status: 204 }))
    await expect(
      createTransport().request({ method: 'DELETE', path: '/api/sdk/thing' }),
    ).resolves.toBeUndefined()
  })
})

describe('APIPromise', () => {
  test('behavior: withResponse() gives data, response and request id', async () => {
    sequence('get', () => HttpResponse.json({ a: 1 }, { headers: { 'request-id': 'req_abc' } }))
    const { data, response, requestId } = await createTransport()
      .request({ method: 'GET', path: '/api/sdk/thing' })
      .withResponse()
    expect(data).toEqual({ a: 1 })
    expect(response.status).toBe(200)
    expect(requestId).toBe('req_abc')
  })

  test('behavior: x-request-id is read when request-id is absent', async () => {
    sequence('get', () => HttpResponse.json({}, { headers: { 'x-request-id': 'req_x' } }))
    const { requestId } = await createTransport()
      .request({ method: 'GET', path: '/api/sdk/thing' })
      .withResponse()
    expect(requestId).toBe('req_x')
  })

  test('behavior: asResponse() gives the raw response, body unread', async () => {
    sequence('get', () => HttpResponse.json({ raw: true }))
    const response = await createTransport()
      .request({ method: 'GET', path: '/api/sdk/thing' })
      .asResponse()
    expect(response.bodyUsed).toBe(false)
    expect(await response.json()).toEqual({ raw: true })
  })

  test('behavior: behaves like a promise (then, catch, finally, Promise.all)', async () => {
    sequence('get', ok({ n: 1 }))
    const transport = createTransport()
    const promise = transport.request<{ n: number }>({ method: 'GET', path: '/api/sdk/thing' })
    expect(Object.prototype.toString.call(promise)).toBe('[object APIPromise]')
    const seen: string[] = []
    const [value] = await Promise.all([promise.finally(() => seen.push('finally'))])
    expect(value).toEqual({ n: 1 })
    expect(await promise.then((v) => v.n)).toBe(1)
    expect(seen).toEqual(['finally'])

    sequence('get', status(404, {}, envelope('NOT_FOUND', 'No such thing')))
    const caught = await transport
      .request({ method: 'GET', path: '/api/sdk/thing' })
      .catch((error: unknown) => error)
    expect(caught).toBeInstanceOf(NotFoundError)
  })
})

describe('logging and hooks', () => {
  test('behavior: debug logs requests and responses, info logs retries; the key is redacted', async () => {
    sequence('post', status(503, { 'request-id': 'req_1' }), ok())
    const { logger, lines } = createMemoryLogger()
    await settle(
      createTransport({ apiKey: agentKey, logger, logLevel: 'debug' }).request({
        method: 'POST',
        path: '/api/sdk/thing',
        idempotencyKey: 'idem-1',
      }),
    )
    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      'debug [conto] → POST https://conto.finance/api/sdk/thing (attempt 1 of 4)',
      'debug [conto] ← 503 POST https://conto.finance/api/sdk/thing in 0 ms (request-id req_1)',
      'info [conto] retrying POST https://conto.finance/api/sdk/thing in 1000 ms after 503 (retry 1 of 3)',
      'debug [conto] → POST https://conto.finance/api/sdk/thing (attempt 2 of 4)',
      'debug [conto] ← 200 POST https://conto.finance/api/sdk/thing in 0 ms',
    ])
    expect(lines[0]?.args).toEqual([
      {
        headers: {
          accept: 'application/json',
          'x-conto-client': `@conto/client-core@${VERSION}`,
          authorization: 'Bearer [redacted]',
          'idempotency-key': 'idem-1',
        },
      },
    ])
    expect(JSON.stringify(lines)).not.toContain(agentKey)
  })

  test('args: logLevel (default warn, CONTO_LOG, off)', async () => {
    sequence('get', status(503), ok())
    const quiet = createMemoryLogger()
    await settle(
      createTransport({ logger: quiet.logger }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(quiet.lines).toEqual([])

    sequence('get', status(503), ok())
    vi.stubEnv('CONTO_LOG', 'info')
    const fromEnv = createMemoryLogger()
    await settle(
      createTransport({ logger: fromEnv.logger }).request({
        method: 'GET',
        path: '/api/sdk/thing',
      }),
    )
    expect(fromEnv.lines.map((line) => line.level)).toEqual(['info'])

    const off = createMemoryLogger()
    await settle(
      createTransport({ logger: off.logger, logLevel: 'off' }).request({
        method: 'GET',
        path: '/api/sdk/thing',
      }),
    )
    expect(off.lines).toEqual([])

    vi.stubEnv('CONTO_LOG', 'verbose')
    const invalid = createMemoryLogger()
    createTransport({ logger: invalid.logger })
    expect(invalid.lines.map((line) => line.message)).toEqual([
      '[conto] CONTO_LOG=verbose is not a log level; use one of off, error, warn, info, debug',
    ])
  })

  test('behavior: onRequest and onResponse see every attempt, with elapsed time', async () => {
    server.use(
      http.get(url, async () => {
        await delay(120)
        return HttpResponse.json({}, { status: 500, headers: { 'request-id': 'req_h' } })
      }),
    )
    const requests: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    await settle(
      createTransport({
        apiKey: agentKey,
        maxRetries: 1,
        onRequest: (event) => requests.push(event),
        onResponse: (event) => responses.push(event),
      }).request({ method: 'GET', path: '/api/sdk/thing' }),
    )
    expect(requests.map((e) => [e.method, e.url, e.attempt, e.headers['authorization']])).toEqual([
      ['GET', url, 1, 'Bearer [redacted]'],
      ['GET', url, 2, 'Bearer [redacted]'],
    ])
    expect(
      responses.map((e) => [e.status, e.attempt, e.elapsedMs, e.requestId, e.willRetry]),
    ).toEqual([
      [500, 1, 120, 'req_h', true],
      [500, 2, 120, 'req_h', false],
    ])
  })

  test('behavior: a hook that throws is logged and the request goes on', async () => {
    sequence('get', ok())
    const { logger, lines } = createMemoryLogger()
    const result = await createTransport({
      logger,
      onRequest: () => {
        throw new Error('hook bug')
      },
    }).request({ method: 'GET', path: '/api/sdk/thing' })
    expect(result).toEqual({ ok: true })
    expect(lines.map((line) => line.message)).toEqual([
      '[conto] the onRequest hook threw; the request goes on',
    ])
  })
})

describe('secrets', () => {
  test('behavior: the API key never appears in an error, a log line or a hook event', async () => {
    const { logger, lines } = createMemoryLogger()
    const events: unknown[] = []
    const transport = createTransport({
      apiKey: agentKey,
      logger,
      logLevel: 'debug',
      maxRetries: 1,
      timeoutMs: 100,
      onRequest: (event) => events.push(event),
    })
    // A misbehaving proxy that echoes the request headers into its error page.
    server.use(
      http.get(`${baseUrl}/echo`, ({ request }) =>
        HttpResponse.json(
          envelope('AUTH_FAILED', `Bad key ${request.headers.get('authorization')}`, {
            received: request.headers.get('authorization'),
          }),
          { status: 401 },
        ),
      ),
      http.get(`${baseUrl}/echo-html`, ({ request }) =>
        HttpResponse.html(`<p>${request.headers.get('authorization')}</p>`, { status: 400 }),
      ),
      http.get(`${baseUrl}/reset`, () => HttpResponse.error()),
      http.get(`${baseUrl}/hang`, async () => {
        await delay('infinite')
        return HttpResponse.json({})
      }),
    )
    const errors: unknown[] = []
    for (const path of ['/echo', '/echo-html', '/reset', '/hang']) {
      errors.push((await settle(transport.request({ method: 'GET', path }))).error)
    }
    const text = [
      ...errors.flatMap((error) => [
        String(error),
        (error as Error).stack,
        JSON.stringify(error),
        JSON.stringify((error as ContoApiError).body ?? null),
        String((error as Error).cause),
      ]),
      JSON.stringify(lines),
      JSON.stringify(events),
      JSON.stringify(transport),
    ].join('\n')
    expect(text).not.toContain(agentKey)
    expect(text).not.toContain(agentKey.slice(12, 40))
    expect((errors[0] as Error).message).toContain('Bad key Bearer [redacted]')
  })
})
