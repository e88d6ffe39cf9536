import { describe, expect, test } from 'vitest'
import { auditLogEndpoints, sdkAuditLogEndpoints } from './audit-logs.js'

describe('auditLogEndpoints', () => {
  test('behavior: org keys, audit:read, every route answers 200', () => {
    for (const endpoint of Object.values(auditLogEndpoints)) {
      expect(endpoint.keyKinds, endpoint.id).toEqual(['org'])
      expect(endpoint.scopes, endpoint.id).toEqual(['audit:read'])
      expect(endpoint.successStatus, endpoint.id).toBe(200)
    }
    expect(auditLogEndpoints.verify.path).toBe('/api/audit-logs/verify')
  })
})

describe('sdkAuditLogEndpoints', () => {
  test('behavior: read rate limit, audit:read, 200', () => {
    expect(sdkAuditLogEndpoints.list).toMatchObject({
      path: '/api/sdk/audit-logs',
      rateLimit: 'sdkRead',
      scopes: ['audit:read'],
      successStatus: 200,
    })
  })
})
