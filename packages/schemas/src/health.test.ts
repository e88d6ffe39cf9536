import { describe, expect, test } from 'vitest'
import { metaEndpoints } from './endpoints/meta.js'
import { healthResponseSchema, openApiDocumentSchema } from './health.js'

describe('healthResponseSchema', () => {
  test('default', () => {
    // project-contract.md §2
    expect(healthResponseSchema.parse({ status: 'ok' })).toEqual({ status: 'ok' })
  })

  test('args: version and mode', () => {
    const body = { status: 'ok', version: '0.1.0', mode: 'test' }
    expect(healthResponseSchema.parse(body)).toEqual(body)
  })

  test('error: any other status', () => {
    expect(healthResponseSchema.safeParse({ status: 'degraded' }).success).toBe(false)
    expect(healthResponseSchema.safeParse({}).success).toBe(false)
  })
})

describe('openApiDocumentSchema', () => {
  test('default', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Conto API', version: '1.1.0', description: 'Agent payments' },
      servers: [{ url: 'https://conto.finance' }, { url: 'http://localhost:3006' }],
      paths: { '/health': { get: { operationId: 'meta.health' } } },
      components: { schemas: {} },
    }
    expect(openApiDocumentSchema.parse(document)).toEqual(document)
  })

  test('error: missing paths or info', () => {
    expect(
      openApiDocumentSchema.safeParse({ openapi: '3.1.0', info: { title: 't', version: '1' } })
        .success,
    ).toBe(false)
    expect(openApiDocumentSchema.safeParse({ openapi: '3.1.0', paths: {} }).success).toBe(false)
  })
})

describe('metaEndpoints', () => {
  const all = Object.values(metaEndpoints)

  test('behavior: ids, paths and no authentication', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'meta.health GET /health',
      'meta.openapi GET /api/openapi',
    ])
    for (const endpoint of all) {
      expect(endpoint.keyKinds).toEqual([])
      expect(endpoint.rateLimit).toBe('none')
      expect(endpoint.tag).toBe('Meta')
    }
  })
})
