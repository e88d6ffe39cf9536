import { defaults } from '@conto/schemas'
import { describe, expect, test, vi } from 'vitest'
import { createTestApp } from '../../test/create-test-app.js'
import { START } from '../../test/harness.js'
import type { RateLimiter } from '../rate-limiter.js'

/** Sliding-window rate limits applied by `mount-endpoints` (contract §5, seeds' rate-limit table). */
const execute = () => ({ ok: true }) as never
const path = '/api/sdk/payments/cmockrequest0000000000000/execute'

function setup() {
  const harness = createTestApp({
    validateResponses: 'off',
    handlers: { 'payments.execute': execute },
  })
  const agent = harness.createAgentWithKey()
  const hit = () => harness.call('POST', path, { key: agent.key })
  return { ...harness, agent, hit }
}

describe('rate limits', () => {
  test('default: 60 SDK payment calls a minute per agent, then 429', async () => {
    const { hit } = setup()
    const limit = defaults.rateLimits.sdkPayment.limit
    expect(limit).toBe(60)
    for (let index = 1; index <= limit; index++) {
      const response = await hit()
      expect(response.status).toBe(200)
      expect(response.headers.get('x-ratelimit-limit')).toBe('60')
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(limit - index))
      expect(response.headers.get('x-ratelimit-reset')).toBe(new Date(START + 60_000).toISOString())
    }
    const limited = await hit()
    expect(limited.status).toBe(429)
    expect(limited.body).toEqual({
      error: 'Rate limit exceeded. Please slow down your requests.',
      code: 'RATE_LIMITED',
      retryAfter: 60,
      requestId: limited.headers.get('request-id'),
    })
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(limited.headers.get('retry-after-ms')).toBe('60000')
    expect(limited.headers.get('x-ratelimit-limit')).toBe('60')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.headers.get('x-ratelimit-reset')).toBe(new Date(START + 60_000).toISOString())
  })

  test('behavior: the window slides on the test clock', async () => {
    const { hit, clock } = setup()
    for (let index = 0; index < 30; index++) expect((await hit()).status).toBe(200)
    clock.freeze(START + 30_000)
    for (let index = 0; index < 30; index++) expect((await hit()).status).toBe(200)
    const limited = await hit()
    expect(limited.status).toBe(429)
    // The 30 oldest calls leave the window 60 s after they were made.
    expect(limited.headers.get('retry-after-ms')).toBe('30000')
    expect(limited.body.retryAfter).toBe(30)

    clock.freeze(START + 59_999)
    expect((await hit()).status).toBe(429)
    clock.freeze(START + 60_000)
    const freed = await hit()
    expect(freed.status).toBe(200)
    // 30 calls left the window: 30 slots again.
    expect(freed.headers.get('x-ratelimit-remaining')).toBe('29')
    for (let index = 0; index < 29; index++) expect((await hit()).status).toBe(200)
    expect((await hit()).status).toBe(429)
  })

  test('behavior: limits are per agent', async () => {
    const { hit, call, createAgentWithKey } = setup()
    for (let index = 0; index < 60; index++) await hit()
    expect((await hit()).status).toBe(429)
    const other = createAgentWithKey()
    const response = await call('POST', path, { key: other.key })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-ratelimit-remaining')).toBe('59')
  })

  test('behavior: SDK reads have their own class (120 a minute)', async () => {
    const { call, agent } = createTestAppWithReads()
    const response = await call('GET', '/api/sdk/setup', { key: agent.key })
    expect(response.headers.get('x-ratelimit-limit')).toBe('120')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('119')
  })

  test('behavior: org routes count per key (dashboard class, 100 a minute)', async () => {
    const { call } = createTestApp({
      validateResponses: 'off',
      handlers: { 'agents.list': () => ({}) as never },
    })
    const response = await call('GET', '/api/agents')
    expect(response.headers.get('x-ratelimit-limit')).toBe('100')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('99')
  })

  test('behavior: failed authentication is throttled per client address', async () => {
    const { call } = createTestApp({ validateResponses: 'off', trustProxy: true })
    const unknown = `conto_${'0'.repeat(64)}`
    for (let index = 0; index < 100; index++) {
      const response = await call('GET', '/api/agents', {
        key: unknown,
        headers: { 'x-forwarded-for': '203.0.113.7' },
      })
      expect(response.status).toBe(401)
    }
    const limited = await call('GET', '/api/agents', {
      key: unknown,
      headers: { 'x-forwarded-for': '203.0.113.7' },
    })
    expect(limited.status).toBe(429)
    const elsewhere = await call('GET', '/api/agents', {
      key: unknown,
      headers: { 'x-forwarded-for': '198.51.100.1' },
    })
    expect(elsewhere.status).toBe(401)
  })

  test('behavior: public routes of the auth class count per IP (10 per 5 minutes)', async () => {
    const { call, clock } = createTestApp({
      validateResponses: 'off',
      trustProxy: true,
      handlers: { 'sandbox.create': () => ({}) as never },
    })
    const create = (ip: string) =>
      call('POST', '/api/agents/sandbox', {
        key: null,
        body: {},
        headers: { 'x-forwarded-for': ip },
      })
    for (let index = 0; index < 10; index++) expect((await create('192.0.2.1')).status).toBe(201)
    const limited = await create('192.0.2.1')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('300')
    expect((await create('192.0.2.2')).status).toBe(201)
    clock.freeze(START + 300_000)
    expect((await create('192.0.2.1')).status).toBe(201)
  })

  test('behavior: X-Forwarded-For is ignored unless the proxy is trusted', async () => {
    const { call } = createTestApp({
      validateResponses: 'off',
      handlers: { 'sandbox.create': () => ({}) as never },
    })
    for (let index = 0; index < 10; index++) {
      const spoofed = { 'x-forwarded-for': `192.0.2.${index}` }
      expect(
        (await call('POST', '/api/agents/sandbox', { key: null, body: {}, headers: spoofed }))
          .status,
      ).toBe(201)
    }
    const limited = await call('POST', '/api/agents/sandbox', {
      key: null,
      body: {},
      headers: { 'x-forwarded-for': '192.0.2.99' },
    })
    expect(limited.status).toBe(429)
  })

  test('behavior: routes of class none are never limited, and still send the headers', async () => {
    const { call } = createTestApp()
    for (let index = 0; index < 120; index++) {
      const response = await call('GET', '/health', { key: null })
      expect(response.status).toBe(200)
      // The caller address's dashboard-class window, as it stands: nothing is counted.
      expect(response.headers.get('x-ratelimit-limit')).toBe('100')
      expect(response.headers.get('x-ratelimit-remaining')).toBe('100')
      expect(response.headers.get('x-ratelimit-reset')).toBe(new Date(START + 60_000).toISOString())
    }
  })

  test('behavior: every response sends the headers — unknown routes, the OpenAPI document, errors', async () => {
    const { call } = createTestApp()
    for (const [method, url] of [
      ['GET', '/api/no-such-route'],
      ['DELETE', '/nowhere'],
      ['GET', '/api/openapi'],
      ['GET', '/api/agents/sandbox'],
    ] as const) {
      const response = await call(method, url, { key: null })
      expect(response.headers.get('x-ratelimit-limit'), `${method} ${url}`).toBe('100')
      expect(response.headers.get('x-ratelimit-remaining'), `${method} ${url}`).toBe('100')
    }
    const missing = await call('GET', '/api/no-such-route', { key: null })
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('NOT_FOUND')
  })

  test('behavior: the headers of an unlimited route show the window failed authentications used', async () => {
    const { call } = createTestApp()
    for (let index = 0; index < 3; index++) {
      const failed = await call('GET', '/api/agents', { key: 'conto_live_wrong' })
      expect(failed.status).toBe(401)
      expect(failed.headers.get('x-ratelimit-remaining')).toBe(String(99 - index))
    }
    const health = await call('GET', '/health', { key: null })
    expect(health.headers.get('x-ratelimit-remaining')).toBe('97')
  })

  test('args: a custom store without peek — unlimited routes send no rate-limit headers', async () => {
    const limiter: RateLimiter = {
      hit: (_key, limit, windowMs, now) => ({
        allowed: true,
        limit,
        remaining: limit - 1,
        resetAt: now + windowMs,
        retryAfterMs: 0,
      }),
    }
    const { call } = createTestApp({ rateLimiter: limiter })
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-ratelimit-limit')).toBeNull()
  })

  test('args: rateLimiter (a custom store)', async () => {
    const limiter: RateLimiter = {
      hit: vi.fn((_key: string, limit: number, windowMs: number, now: number) => ({
        allowed: false,
        limit,
        remaining: 0,
        resetAt: now + windowMs,
        retryAfterMs: 1_500,
      })),
    }
    const harness = createTestApp({
      rateLimiter: limiter,
      validateResponses: 'off',
      handlers: { 'payments.execute': execute },
    })
    const agent = harness.createAgentWithKey()
    const response = await harness.call('POST', path, { key: agent.key })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(response.headers.get('retry-after-ms')).toBe('1500')
    expect(response.body.retryAfter).toBe(2)
    expect(limiter.hit).toHaveBeenCalledWith(`sdkPayment:agent:${agent.agentId}`, 60, 60_000, START)
  })
})

function createTestAppWithReads() {
  const harness = createTestApp({
    validateResponses: 'off',
    handlers: { 'sdk.setup': () => ({}) as never },
  })
  return { ...harness, agent: harness.createAgentWithKey() }
}
