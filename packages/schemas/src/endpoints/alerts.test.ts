import { describe, expect, test } from 'vitest'
import { alertEndpoints, sdkAlertEndpoints } from './alerts.js'

describe('alertEndpoints', () => {
  test('behavior: org keys only; every route answers 200', () => {
    for (const endpoint of Object.values(alertEndpoints)) {
      expect(endpoint.keyKinds, endpoint.id).toEqual(['org'])
      expect(endpoint.successStatus, endpoint.id).toBe(200)
    }
  })

  test('behavior: scopes', () => {
    expect(alertEndpoints.list.scopes).toEqual(['alerts:read'])
    expect(alertEndpoints.resolve.scopes).toEqual(['alerts:write'])
  })
})

describe('sdkAlertEndpoints', () => {
  test('behavior: read rate limit; every route answers 200', () => {
    for (const endpoint of Object.values(sdkAlertEndpoints)) {
      expect(endpoint.rateLimit, endpoint.id).toBe('sdkRead')
      expect(endpoint.successStatus, endpoint.id).toBe(200)
    }
  })

  test('behavior: scopes', () => {
    expect(sdkAlertEndpoints.list.scopes).toEqual(['alerts:read'])
    expect(sdkAlertEndpoints.acknowledge.scopes).toEqual(['alerts:write'])
  })
})
