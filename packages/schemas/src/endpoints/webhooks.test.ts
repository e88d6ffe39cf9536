import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import type { EndpointDefinition } from '../endpoint.js'
import { webhookEndpoints } from './webhooks.js'

const groups: Record<string, Record<string, EndpointDefinition>> = { webhookEndpoints }
const all = Object.values(groups).flatMap((group) => Object.entries(group))

describe('webhooks endpoints', () => {
  test('behavior: ids are unique and end with the method name', () => {
    const ids = all.map(([, endpoint]) => endpoint.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [method, endpoint] of all) expect(endpoint.id.split('.')[1]).toBe(method)
  })

  test('behavior: path params match the {param} placeholders', () => {
    for (const [, endpoint] of all) {
      const placeholders = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
      const params = endpoint.params ? Object.keys((endpoint.params as z.ZodObject).shape) : []
      expect(params.sort(), endpoint.id).toEqual(placeholders.sort())
    }
  })

  test('behavior: surface, key kinds and rate limit follow the path', () => {
    for (const [, endpoint] of all) {
      const sdk = endpoint.path.startsWith('/api/sdk/')
      expect(endpoint.surface, endpoint.id).toBe(sdk ? 'sdk' : 'org')
      if (sdk) {
        expect(endpoint.keyKinds, endpoint.id).toEqual(['agent'])
        expect(endpoint.rateLimit, endpoint.id).toBe('sdkRead')
      } else if (endpoint.keyKinds.length > 0) {
        expect(endpoint.keyKinds, endpoint.id).toEqual(['org'])
        expect(endpoint.rateLimit, endpoint.id).toBe('dashboard')
      }
      expect(endpoint.successStatus, endpoint.id).toBe(endpoint.id.endsWith('.create') ? 201 : 200)
      if (endpoint.method === 'GET' || endpoint.method === 'DELETE')
        expect(endpoint.body, endpoint.id).toBeUndefined()
    }
  })

  test('behavior: team scopes, INVALID_WEBHOOK_URL on create/update', () => {
    for (const endpoint of Object.values(webhookEndpoints))
      expect(endpoint.scopes, endpoint.id).toEqual([
        endpoint.method === 'GET' ? 'team:read' : 'team:write',
      ])
    expect(webhookEndpoints.create.errors).toContain('INVALID_WEBHOOK_URL')
    expect(webhookEndpoints.update.errors).toContain('INVALID_WEBHOOK_URL')
    expect(webhookEndpoints.listDeliveries.path).toBe('/api/webhooks/{webhookId}/deliveries')
    expect(webhookEndpoints.rotateSecret.path).toBe('/api/webhooks/{webhookId}/rotate-secret')
  })
})
