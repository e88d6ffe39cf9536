import { describe, expect, test } from 'vitest'
import { createTestApp } from '../../test/create-test-app.js'

const generated = /^req_[0-9a-f]{16}$/

describe('requestId', () => {
  test('default', async () => {
    const { call } = createTestApp()
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('request-id')).toMatch(generated)
  })

  test('behavior: every response gets a new id', async () => {
    const { call } = createTestApp()
    const first = await call('GET', '/health', { key: null })
    const second = await call('GET', '/health', { key: null })
    expect(first.headers.get('request-id')).not.toBe(second.headers.get('request-id'))
  })

  test('behavior: on a 4xx the header and the body carry the same id', async () => {
    const { call } = createTestApp()
    const response = await call('GET', '/api/agents', { key: null })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
    expect(response.headers.get('request-id')).toMatch(generated)
    expect(response.body.requestId).toBe(response.headers.get('request-id'))
  })

  test('behavior: on a validation error', async () => {
    const { call } = createTestApp({ handlers: { 'agents.list': () => ({}) as never } })
    const response = await call('GET', '/api/agents?limit=abc')
    expect(response.status).toBe(400)
    expect(response.body.requestId).toBe(response.headers.get('request-id'))
  })

  test('behavior: on an unknown route (404)', async () => {
    const { call } = createTestApp()
    const response = await call('GET', '/api/no-such-route', { key: null })
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ code: 'NOT_FOUND' })
    expect(response.headers.get('request-id')).toMatch(generated)
    expect(response.body.requestId).toBe(response.headers.get('request-id'))
  })

  test('behavior: on a 500', async () => {
    const { call } = createTestApp({
      handlers: {
        'meta.health': () => {
          throw new Error('boom')
        },
      },
    })
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(500)
    expect(response.headers.get('request-id')).toMatch(generated)
    expect(response.body.requestId).toBe(response.headers.get('request-id'))
  })

  test('behavior: on a 501 (endpoint without a handler)', async () => {
    const { call } = createTestApp({ handlers: {} })
    const response = await call('GET', '/api/agents')
    expect(response.status).toBe(501)
    expect(response.body.code).toBe('NOT_IMPLEMENTED')
    expect(response.body.requestId).toBe(response.headers.get('request-id'))
  })

  test('behavior: on the Swagger UI page and its assets', async () => {
    const { app } = createTestApp()
    for (const path of ['/api-docs', '/api-docs/swagger-ui.css']) {
      const response = await app.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('request-id')).toMatch(generated)
    }
  })

  test('behavior: keeps a well-formed incoming x-request-id', async () => {
    const { call } = createTestApp()
    const response = await call('GET', '/api/agents', {
      key: null,
      headers: { 'x-request-id': 'trace-42:abc' },
    })
    expect(response.headers.get('request-id')).toBe('trace-42:abc')
    expect(response.body.requestId).toBe('trace-42:abc')
  })

  test('behavior: replaces a malformed incoming x-request-id', async () => {
    const { call } = createTestApp()
    for (const incoming of ['has spaces', 'x'.repeat(129), '<script>']) {
      const response = await call('GET', '/health', {
        key: null,
        headers: { 'x-request-id': incoming },
      })
      expect(response.headers.get('request-id')).toMatch(generated)
    }
  })
})
