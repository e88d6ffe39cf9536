import { describe, expect, test } from 'vitest'
import { webhookEndpoints } from './webhooks.js'

describe('webhookEndpoints', () => {
  test('behavior: org keys only; only create answers 201', () => {
    for (const endpoint of Object.values(webhookEndpoints)) {
      expect(endpoint.keyKinds, endpoint.id).toEqual(['org'])
      expect(endpoint.successStatus, endpoint.id).toBe(
        endpoint.id === 'webhooks.create' ? 201 : 200,
      )
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
