import { describe, expect, test } from 'vitest'
import { analyticsEndpoints, sdkAnalyticsEndpoints } from './analytics.js'

describe('analyticsEndpoints', () => {
  test('behavior: org keys, analytics:read, 200', () => {
    expect(analyticsEndpoints.retrieve).toMatchObject({
      keyKinds: ['org'],
      scopes: ['analytics:read'],
      successStatus: 200,
    })
  })
})

describe('sdkAnalyticsEndpoints', () => {
  test('behavior: read rate limit, analytics:read, 200', () => {
    expect(sdkAnalyticsEndpoints.retrieve).toMatchObject({
      rateLimit: 'sdkRead',
      scopes: ['analytics:read'],
      successStatus: 200,
    })
  })
})
