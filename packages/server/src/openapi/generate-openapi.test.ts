import { endpointList } from '@conto/schemas'
import { describe, expect, test } from 'vitest'
import { createHarness } from '../../test/harness.js'
import { generateOpenApi } from './generate-openapi.js'

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON.
type Json = any

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** Every `$ref` in the document, with where it was found. */
function collectRefs(node: Json, at: string, found: Array<{ ref: string; at: string }>) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      collectRefs(item, `${at}/${index}`, found)
    })
    return found
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push({ ref: value, at })
      else collectRefs(value, `${at}/${key}`, found)
    }
  }
  return found
}

/** Resolves a local JSON pointer (`#/components/schemas/X` or `#/paths/...`) in `document`. */
function resolvePointer(document: Json, ref: string): Json {
  if (!ref.startsWith('#')) return undefined
  const segments = ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
  let node = document
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !(segment in node)) return undefined
    node = node[segment]
  }
  return node
}

/**
 * Unresolvable refs. In OpenAPI 3.1 a `#/...` ref inside an embedded schema (without `$id`)
 * resolves against the document root, so every ref must resolve there.
 */
function unresolvedRefs(document: Json): string[] {
  return collectRefs(document, '#', [])
    .filter(({ ref }) => resolvePointer(document, ref) === undefined)
    .map(({ ref, at }) => `${at}: ${ref}`)
}

describe('generateOpenApi', () => {
  const document: Json = generateOpenApi({ serverUrl: 'http://localhost:3006' })

  test('default: an OpenAPI 3.1 document with info and servers', () => {
    expect(document.openapi).toBe('3.1.0')
    expect(document.info).toMatchObject({ title: 'Conto API', version: expect.any(String) })
    expect(document.servers).toContainEqual(
      expect.objectContaining({ url: 'http://localhost:3006' }),
    )
    expect(document.servers).toContainEqual(
      expect.objectContaining({ url: 'https://conto.finance' }),
    )
    expect(typeof document.paths).toBe('object')
    expect(JSON.parse(JSON.stringify(document))).toEqual(document)
  })

  test('behavior: every registry endpoint is under its path and method', () => {
    for (const endpoint of endpointList) {
      const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()]
      expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined()
      expect(operation.operationId).toBe(endpoint.id)
      expect(operation.tags).toEqual([endpoint.tag])
      expect(operation.summary).toBe(endpoint.summary)
      expect(operation.responses[String(endpoint.successStatus)]).toBeDefined()
    }
  })

  test('behavior: nothing but registry endpoints, operationIds unique', () => {
    const operationIds: string[] = []
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      expect(path.startsWith('/')).toBe(true)
      for (const [method, operation] of Object.entries<Json>(item)) {
        expect(methods).toContain(method)
        operationIds.push(operation.operationId)
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length)
    expect(operationIds.sort()).toEqual(endpointList.map((endpoint) => endpoint.id).sort())
  })

  test('behavior: every operation has responses with JSON content and a description', () => {
    for (const item of Object.values<Json>(document.paths)) {
      for (const operation of Object.values<Json>(item)) {
        const statuses = Object.keys(operation.responses)
        expect(statuses.length).toBeGreaterThan(0)
        for (const [status, response] of Object.entries<Json>(operation.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/)
          expect(typeof response.description).toBe('string')
          expect(response.content['application/json'].schema).toBeDefined()
        }
      }
    }
  })

  test('behavior: authenticated operations list an error response for 401 and 403', () => {
    for (const endpoint of endpointList) {
      const operation = document.paths[endpoint.path][endpoint.method.toLowerCase()]
      if (endpoint.keyKinds.length === 0) {
        expect(operation.security, endpoint.id).toEqual([])
        continue
      }
      expect(operation.responses['401'], endpoint.id).toBeDefined()
      expect(operation.responses['403'], endpoint.id).toBeDefined()
    }
  })

  test('behavior: every $ref resolves', () => {
    const refs = collectRefs(document, '#', [])
    expect(refs.length).toBeGreaterThan(0)
    expect(unresolvedRefs(document)).toEqual([])
  })

  test('behavior: security schemes are defined and every requirement names one', () => {
    const schemes = document.components.securitySchemes
    expect(schemes.orgApiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(schemes.agentSdkKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    for (const endpoint of endpointList) {
      const operation = document.paths[endpoint.path][endpoint.method.toLowerCase()]
      expect(Array.isArray(operation.security)).toBe(true)
      for (const requirement of operation.security) {
        for (const name of Object.keys(requirement))
          expect(schemes, endpoint.id).toHaveProperty(name)
      }
      const kinds = endpoint.keyKinds as readonly string[]
      const named = operation.security.flatMap((requirement: Json) => Object.keys(requirement))
      if (kinds.includes('org')) expect(named).toContain('orgApiKey')
      if (kinds.includes('agent') || kinds.includes('adminAgent'))
        expect(named).toContain('agentSdkKey')
    }
  })

  test('behavior: every path parameter is declared, required, in path', () => {
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
      for (const [method, operation] of Object.entries<Json>(item)) {
        const declared = (operation.parameters ?? []).filter(
          (parameter: Json) => parameter.in === 'path',
        )
        expect(
          declared.map((parameter: Json) => parameter.name).sort(),
          `${method} ${path}`,
        ).toEqual([...names].sort())
        for (const parameter of declared) {
          expect(parameter.required).toBe(true)
          expect(parameter.schema).toBeDefined()
        }
      }
    }
  })

  test('behavior: parameters are unique per location and have a valid location', () => {
    for (const item of Object.values<Json>(document.paths)) {
      for (const operation of Object.values<Json>(item)) {
        const parameters: Json[] = operation.parameters ?? []
        const keys = parameters.map((parameter) => `${parameter.in}:${parameter.name}`)
        expect(new Set(keys).size).toBe(keys.length)
        for (const parameter of parameters) {
          expect(['path', 'query', 'header', 'cookie']).toContain(parameter.in)
          expect(typeof parameter.name).toBe('string')
        }
      }
    }
  })

  test('behavior: endpoints with a body document it as required JSON', () => {
    for (const endpoint of endpointList) {
      const operation = document.paths[endpoint.path][endpoint.method.toLowerCase()]
      if (endpoint.body) {
        expect(operation.requestBody, endpoint.id).toMatchObject({
          required: true,
          content: { 'application/json': { schema: expect.any(Object) } },
        })
      } else {
        expect(operation.requestBody, endpoint.id).toBeUndefined()
      }
    }
  })

  test('behavior: schemas are JSON Schema 2020-12 fragments without a $schema per operation', () => {
    expect(JSON.stringify(document)).not.toContain('"$schema"')
    expect(document.components.schemas.ErrorResponse).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['error', 'code']),
    })
  })

  test('behavior: schemas use 3.1 (JSON Schema) keywords only', () => {
    const types = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])
    const problems: string[] = []
    const walk = (node: Json, at: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, index) => {
          walk(item, `${at}/${index}`)
        })
        return
      }
      if (!node || typeof node !== 'object') return
      if ('nullable' in node && typeof node.nullable === 'boolean') problems.push(`${at}: nullable`)
      if (typeof node.type === 'string' && !types.has(node.type))
        problems.push(`${at}: ${node.type}`)
      if (Array.isArray(node.type) && !node.type.every((type: string) => types.has(type))) {
        problems.push(`${at}: ${node.type}`)
      }
      for (const [key, value] of Object.entries(node)) {
        // Property names are data, not keywords.
        if (key === 'properties') {
          for (const [name, schema] of Object.entries<Json>(value as Json))
            walk(schema, `${at}/properties/${name}`)
        } else walk(value, `${at}/${key}`)
      }
    }
    walk(document.paths, '#/paths')
    walk(document.components.schemas, '#/components/schemas')
    expect(problems).toEqual([])
  })

  test('behavior: tags are declared once each', () => {
    const tags: string[] = document.tags.map((tag: Json) => tag.name)
    expect(new Set(tags).size).toBe(tags.length)
    for (const endpoint of endpointList) expect(tags).toContain(endpoint.tag)
  })
})

describe('meta.openapi', () => {
  test('default: GET /api/openapi serves the document without a key', async () => {
    const { call } = createHarness()
    const response = await call('GET', '/api/openapi', { key: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.body.openapi).toBe('3.1.0')
    expect(Object.keys(response.body.paths).sort()).toEqual(
      Object.keys(generateOpenApi()['paths'] as object).sort(),
    )
  })
})

describe('Swagger UI', () => {
  test('default: GET /api-docs serves HTML whose assets load from this server', async () => {
    const { app } = createHarness()
    const page = await app.request('/api-docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('swagger-ui')
    // No CDN: nothing absolute, nothing protocol-relative.
    expect(html).not.toMatch(/(src|href)=["'](https?:)?\/\//)
    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map(
      (match) => match[1] as string,
    )
    expect(assets.length).toBeGreaterThanOrEqual(4)
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true)
      const response = await app.request(asset)
      expect(response.status, asset).toBe(200)
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0)
    }
  })

  test('behavior: the initializer points at this server’s document', async () => {
    const { app } = createHarness()
    const init = await (await app.request('/api-docs/init.js')).text()
    expect(init).toContain("url: '/api/openapi'")
    expect(init).not.toMatch(/https?:\/\//)
  })

  test('error: NOT_FOUND for an unknown asset', async () => {
    const { app } = createHarness()
    const response = await app.request('/api-docs/../../package.json')
    expect(response.status).toBe(404)
    const unknown = await app.request('/api-docs/secret.txt')
    expect(unknown.status).toBe(404)
  })
})
