import { describe, expect, test, vi } from 'vitest'
import { createTestApp } from '../../test/create-test-app.js'

/** Request parsing in `mount-endpoints`: JSON bodies, content types, path and query schemas. */
function setup() {
  const create = vi.fn(() => ({ ok: true }) as never)
  const list = vi.fn(() => ({ ok: true }) as never)
  const harness = createTestApp({
    validateResponses: 'off',
    handlers: { 'agents.create': create, 'agents.list': list },
  })
  return { ...harness, create, list }
}

const validAgent = { name: 'Parser', agentType: 'CUSTOM' }

describe('request body', () => {
  test('default: a JSON object body reaches the handler parsed', async () => {
    const { call, create } = setup()
    const response = await call('POST', '/api/agents', { body: validAgent })
    expect(response.status).toBe(201)
    expect(create).toHaveBeenCalledTimes(1)
    expect(create.mock.calls[0]).toMatchObject([{ body: { name: 'Parser', agentType: 'CUSTOM' } }])
  })

  test('behavior: +json content types and charset parameters are accepted', async () => {
    const { call } = setup()
    for (const contentType of [
      'application/json; charset=utf-8',
      'application/vnd.api+json',
      'APPLICATION/JSON',
    ]) {
      const response = await call('POST', '/api/agents', {
        body: validAgent,
        headers: { 'content-type': contentType },
      })
      expect(response.status, contentType).toBe(201)
    }
  })

  test('error: VALIDATION_ERROR for malformed JSON', async () => {
    const { call, create } = setup()
    const response = await call('POST', '/api/agents', { body: '{"name": "x",' })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      error: 'Malformed JSON in request body',
      issues: [{ path: [], message: expect.any(String) }],
    })
    expect(create).not.toHaveBeenCalled()
  })

  test('error: VALIDATION_ERROR for a wrong content type', async () => {
    const { call, create } = setup()
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const response = await call('POST', '/api/agents', {
        body: JSON.stringify(validAgent),
        headers: { 'content-type': contentType },
      })
      expect(response.status, contentType).toBe(400)
      expect(response.body).toMatchObject({
        code: 'VALIDATION_ERROR',
        error: 'Content-Type must be application/json',
        issues: [{ path: [] }],
      })
    }
    expect(create).not.toHaveBeenCalled()
  })

  test('error: VALIDATION_ERROR for a body that is not a JSON object', async () => {
    const { call, create } = setup()
    for (const body of ['[]', JSON.stringify([validAgent]), '"text"', '42', 'null', 'true']) {
      const response = await call('POST', '/api/agents', { body })
      expect(response.status, body).toBe(400)
      expect(response.body).toMatchObject({
        code: 'VALIDATION_ERROR',
        error: 'The request body must be a JSON object',
      })
    }
    expect(create).not.toHaveBeenCalled()
  })

  test('error: VALIDATION_ERROR with issues for a body that breaks the schema', async () => {
    const { call, create } = setup()
    const response = await call('POST', '/api/agents', { body: { agentType: 'NOPE' } })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['name'] }),
        expect.objectContaining({ path: ['agentType'] }),
      ]),
    )
    expect(create).not.toHaveBeenCalled()
  })

  test('behavior: an empty body is an empty object (then checked by the schema)', async () => {
    const { call } = setup()
    const response = await call('POST', '/api/agents', {
      body: '',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues).toContainEqual(expect.objectContaining({ path: ['name'] }))
  })

  test('error: VALIDATION_ERROR for a bad query parameter', async () => {
    const { call, list } = setup()
    const response = await call('GET', '/api/agents?limit=abc')
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues).toContainEqual(expect.objectContaining({ path: ['limit'] }))
    const zero = await call('GET', '/api/agents?limit=0')
    expect(zero.status).toBe(400)
    expect(list).not.toHaveBeenCalled()
  })

  test('behavior: a limit above 100 reaches the handler as 100 (conto-api §6.4: cap 100)', async () => {
    const { call, list } = setup()
    await call('GET', '/api/agents?limit=101')
    expect(list).toHaveBeenCalledWith(
      expect.objectContaining({ query: expect.objectContaining({ limit: 100 }) }),
    )
  })

  test('behavior: query defaults reach the handler', async () => {
    const { call, list } = setup()
    await call('GET', '/api/agents')
    expect(list.mock.calls[0]).toMatchObject([{ query: { limit: 50, offset: 0 } }])
  })

  test('behavior: authentication runs before body parsing', async () => {
    const { call } = setup()
    const response = await call('POST', '/api/agents', { key: null, body: '{broken' })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
  })

  test('error: VALIDATION_ERROR for a body nested more than 32 levels deep', async () => {
    const { call, create } = setup()
    const nest = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
    const deep = await call('POST', '/api/agents', { body: nest(33) })
    expect(deep.status).toBe(400)
    expect(deep.body.error).toContain('nested too deeply')
    expect(create).not.toHaveBeenCalled()
    // Brackets inside strings do not count.
    const text = await call('POST', '/api/agents', {
      body: `{"name":"${'['.repeat(100)}","agentType":"CUSTOM"}`,
    })
    expect(text.status).not.toBe(400)
    expect((await call('POST', '/api/agents', { body: nest(31) })).status).not.toBe(500)
  })
})
