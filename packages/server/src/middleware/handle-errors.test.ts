import { describe, expect, test } from 'vitest'
import { createTestApp } from '../../test/create-test-app.js'
import { ApiError } from '../errors.js'
import { createLogger } from '../logger.js'

describe('createErrorHandler', () => {
  test('default: a coded error renders the envelope with its status', async () => {
    const { call } = createTestApp({
      handlers: {
        'meta.health': () => {
          throw new ApiError('INVALID_AMOUNT', 'amount must be positive', { field: 'amount' })
        },
      },
    })
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: 'amount must be positive',
      code: 'INVALID_AMOUNT',
      requestId: response.headers.get('request-id'),
      field: 'amount',
    })
  })

  test('error: INTERNAL_ERROR hides the cause and never sends a stack', async () => {
    const lines: string[] = []
    const { call } = createTestApp({
      logger: createLogger('debug', (line) => lines.push(line)),
      handlers: {
        'meta.health': () => {
          throw new Error('boom: SELECT * FROM secrets')
        },
      },
    })
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(500)
    expect(response.body).toEqual({
      error: 'Internal server error',
      code: 'INTERNAL_ERROR',
      requestId: response.headers.get('request-id'),
    })
    expect(response.text).not.toMatch(/boom|stack|at |\.ts/)
    // The cause is logged with the request id instead.
    const logged = lines.map((line) => JSON.parse(line))
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'error',
        requestId: response.headers.get('request-id'),
        error: 'boom: SELECT * FROM secrets',
      }),
    )
  })

  test('error: INTERNAL_ERROR for an async failure', async () => {
    const { call } = createTestApp({
      handlers: {
        'meta.health': async () => {
          await Promise.resolve()
          throw new TypeError('cannot read properties of undefined')
        },
      },
    })
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(500)
    expect(response.body.code).toBe('INTERNAL_ERROR')
    expect(response.text).not.toContain('cannot read')
  })

  test('error: a response that breaks its schema is a 500, not bad data', async () => {
    const { call } = createTestApp({
      handlers: { 'meta.health': () => ({ status: 'broken' }) as never },
    })
    const response = await call('GET', '/health', { key: null })
    expect(response.status).toBe(500)
    expect(response.body.code).toBe('INTERNAL_ERROR')
  })

  test('error: NOT_FOUND for an unknown route or method', async () => {
    const { call } = createTestApp()
    const unknown = await call('GET', '/api/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', error: expect.any(String) })
    const wrongMethod = await call('PUT', '/health', { key: null })
    expect(wrongMethod.status).toBe(404)
    expect(wrongMethod.body.code).toBe('NOT_FOUND')
  })

  test('error: responses are JSON', async () => {
    const { call } = createTestApp()
    const response = await call('GET', '/api/agents', { key: null })
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  })
})
