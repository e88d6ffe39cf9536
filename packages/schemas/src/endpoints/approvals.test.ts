import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import type { EndpointDefinition } from '../endpoint.js'
import {
  approvalActionEndpoints,
  approvalRequestEndpoints,
  approvalWorkflowEndpoints,
  channelEndpoints,
  sdkApprovalRequestEndpoints,
} from './approvals.js'

const groups: Record<string, Record<string, EndpointDefinition>> = {
  approvalActionEndpoints,
  approvalRequestEndpoints,
  approvalWorkflowEndpoints,
  channelEndpoints,
  sdkApprovalRequestEndpoints,
}
const all = Object.values(groups).flatMap((group) => Object.entries(group))

describe('approvals endpoints', () => {
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

  test('behavior: scopes and the public channel callback', () => {
    expect(approvalRequestEndpoints.list.scopes).toEqual(['transactions:read'])
    expect(approvalRequestEndpoints.approve.scopes).toEqual(['transactions:write'])
    expect(approvalRequestEndpoints.reject.path).toBe(
      '/api/approval-requests/{approvalRequestId}/reject',
    )
    expect(sdkApprovalRequestEndpoints.list.scopes).toEqual(['payments:request'])
    expect(approvalWorkflowEndpoints.create.scopes).toEqual(['policies:write'])
    expect(channelEndpoints.test.path).toBe('/api/channels/{channelId}/test')
    expect(approvalActionEndpoints.action).toMatchObject({
      method: 'POST',
      path: '/api/approvals/action',
      keyKinds: [],
      scopes: [],
      rateLimit: 'auth',
    })
  })
})
