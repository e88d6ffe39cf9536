import { describe, expect, test } from 'vitest'
import { now } from '../test/fixtures.js'
import { testClockEndpoints } from './endpoints/test-clock.js'
import {
  advanceTestClockParamsSchema,
  frozenTestClockSchema,
  resetTestClockResponseSchema,
  testClockSchema,
} from './test-clock.js'

describe('testClockSchema', () => {
  test('default', () => {
    expect(testClockSchema.parse({ now, frozen: false })).toEqual({ now, frozen: false })
    expect(testClockSchema.parse({ now, frozen: true })).toEqual({ now, frozen: true })
  })

  test('error: not a timestamp', () => {
    expect(testClockSchema.safeParse({ now: 'today', frozen: false }).success).toBe(false)
  })
})

describe('advanceTestClockParamsSchema', () => {
  test('default', () => {
    expect(advanceTestClockParamsSchema.parse({ now })).toEqual({ now })
    expect(advanceTestClockParamsSchema.parse({ advanceSeconds: 3600 })).toEqual({
      advanceSeconds: 3600,
    })
  })

  test.each([0, 1, 86_400, -60])('args: advanceSeconds %s', (advanceSeconds) => {
    expect(advanceTestClockParamsSchema.safeParse({ advanceSeconds }).success).toBe(true)
  })

  test('args: a timestamp with an offset', () => {
    expect(
      advanceTestClockParamsSchema.safeParse({ now: '2026-04-07T14:00:00+02:00' }).success,
    ).toBe(true)
  })

  test('error: neither field', () => {
    const result = advanceTestClockParamsSchema.safeParse({})
    expect(result.error?.issues[0]?.message).toBe(
      'provide one of now (an ISO-8601 timestamp) or advanceSeconds (an integer)',
    )
  })

  test('error: both fields', () => {
    const result = advanceTestClockParamsSchema.safeParse({ now, advanceSeconds: 60 })
    expect(result.error?.issues[0]?.message).toBe(
      'provide only one of now or advanceSeconds, not both',
    )
  })

  test.each([1.5, '60', Number.NaN])('error: advanceSeconds %s', (advanceSeconds) => {
    expect(advanceTestClockParamsSchema.safeParse({ advanceSeconds }).success).toBe(false)
  })

  test('error: now is not a timestamp', () => {
    expect(advanceTestClockParamsSchema.safeParse({ now: '2026-04-07' }).success).toBe(false)
  })
})

describe('frozenTestClockSchema', () => {
  test('default', () => {
    expect(frozenTestClockSchema.parse({ now, frozen: true })).toEqual({ now, frozen: true })
  })

  test('error: frozen false', () => {
    expect(frozenTestClockSchema.safeParse({ now, frozen: false }).success).toBe(false)
  })
})

describe('resetTestClockResponseSchema', () => {
  test('default', () => {
    expect(resetTestClockResponseSchema.parse({ now, frozen: false })).toEqual({
      now,
      frozen: false,
    })
  })

  test('error: frozen true', () => {
    expect(resetTestClockResponseSchema.safeParse({ now, frozen: true }).success).toBe(false)
  })
})

describe('testClockEndpoints', () => {
  const all = Object.values(testClockEndpoints)

  test('default: ids, methods and paths', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'testClock.retrieve GET /api/test/clock',
      'testClock.advance POST /api/test/clock',
      'testClock.reset DELETE /api/test/clock',
    ])
  })

  test('behavior: org keys only, any scope, test mode only', () => {
    for (const endpoint of all) {
      expect(endpoint.keyKinds).toEqual(['org'])
      expect(endpoint.scopes).toEqual([])
      expect(endpoint.testModeOnly).toBe(true)
      expect(endpoint.tag).toBe('Test Clock')
    }
  })
})
