import { describe, expect, test } from 'vitest'
import {
  analyticsSchema,
  retrieveAnalyticsQuerySchema,
  retrieveSdkAnalyticsQuerySchema,
} from './analytics.js'

describe('retrieveAnalyticsQuerySchema', () => {
  test('default: period 30d', () => {
    expect(retrieveAnalyticsQuerySchema.parse({})).toEqual({ period: '30d' })
    expect(retrieveSdkAnalyticsQuerySchema.parse({})).toEqual({ period: '30d' })
  })

  test('args: every period and an agentId', () => {
    for (const period of ['24h', '7d', '30d', '90d', 'all'])
      expect(retrieveAnalyticsQuerySchema.parse({ period }).period).toBe(period)
    expect(retrieveAnalyticsQuerySchema.parse({ agentId: 'agent_1' })).toEqual({
      period: '30d',
      agentId: 'agent_1',
    })
  })

  test('error: an unknown period lists the allowed ones', () => {
    expect(retrieveAnalyticsQuerySchema.safeParse({ period: '1y' }).error?.issues[0]?.message).toBe(
      'Invalid period "1y": expected one of 24h, 7d, 30d, 90d, all',
    )
    expect(retrieveAnalyticsQuerySchema.safeParse({ agentId: 'bad id' }).success).toBe(false)
  })
})

describe('analyticsSchema', () => {
  const analytics = {
    period: '7d',
    totals: { spend: 1250.5, transactions: 12, approved: 12, denied: 3, requiresApproval: 1 },
    byAgent: [
      { agentId: 'agent_1', name: 'Research Agent', spend: 1000, transactions: 10 },
      { agentId: 'agent_2', name: 'Support Agent', spend: 250.5, transactions: 2 },
    ],
    byCategory: [
      { category: 'API_PROVIDER', spend: 1000, transactions: 10 },
      { category: null, spend: 250.5, transactions: 2 },
    ],
    byDay: [
      { date: '2026-04-06', spend: 0, transactions: 0 },
      { date: '2026-04-07', spend: 1250.5, transactions: 12 },
    ],
  }

  test('default: parses a populated response', () => {
    expect(analyticsSchema.parse(analytics)).toEqual(analytics)
  })

  test('args: an empty period', () => {
    const empty = {
      period: 'all',
      totals: { spend: 0, transactions: 0, approved: 0, denied: 0, requiresApproval: 0 },
      byAgent: [],
      byCategory: [],
      byDay: [],
    }
    expect(analyticsSchema.parse(empty)).toEqual(empty)
  })

  test('error: days are YYYY-MM-DD and counts whole numbers', () => {
    expect(
      analyticsSchema.safeParse({
        ...analytics,
        byDay: [{ date: '2026-04-07T00:00:00Z', spend: 0, transactions: 0 }],
      }).success,
    ).toBe(false)
    expect(
      analyticsSchema.safeParse({ ...analytics, totals: { ...analytics.totals, denied: 1.5 } })
        .success,
    ).toBe(false)
  })
})
