import { describe, expect, test } from 'vitest'
import { messagesOf } from '../test/parse-result.js'
import type { EndpointDefinition } from './endpoint.js'
import { serviceSpendEndpoints } from './endpoints/service-spend.js'
import {
  serviceSpendQuerySchema,
  serviceSpendServicesResponseSchema,
  serviceSpendSummaryResponseSchema,
} from './service-spend.js'

const filters = {
  period: '30d',
  protocol: 'all',
  organizationId: null,
  agentId: 'agt_123',
  startDate: '2026-03-18T00:00:00.000Z',
}

describe('serviceSpendQuerySchema', () => {
  test('default: period 30d, protocol all, limit 10', () => {
    expect(serviceSpendQuerySchema.parse({})).toEqual({ period: '30d', protocol: 'all', limit: 10 })
  })

  test('args: every period and protocol; limit from the query string', () => {
    for (const period of ['24h', '7d', '30d', 'all']) {
      expect(serviceSpendQuerySchema.parse({ period }).period).toBe(period)
    }
    for (const protocol of ['all', 'x402', 'mpp']) {
      expect(serviceSpendQuerySchema.parse({ protocol }).protocol).toBe(protocol)
    }
    expect(serviceSpendQuerySchema.parse({ limit: '1' }).limit).toBe(1)
    expect(serviceSpendQuerySchema.parse({ limit: '100' }).limit).toBe(100)
  })

  test('error: limit 0, 101, 2.5; unknown period and protocol list the allowed values', () => {
    for (const limit of ['0', '101', '2.5', 'ten']) {
      expect(serviceSpendQuerySchema.safeParse({ limit }).success, limit).toBe(false)
    }
    expect(messagesOf(serviceSpendQuerySchema.safeParse({ period: '90d' }))).toBe(
      'Invalid period "90d": expected one of 24h, 7d, 30d, all',
    )
    expect(messagesOf(serviceSpendQuerySchema.safeParse({ protocol: 'card' }))).toBe(
      'Invalid protocol "card": expected one of all, x402, mpp',
    )
  })
})

describe('serviceSpendSummaryResponseSchema', () => {
  test('default: the documented summary example (alerts list completed)', () => {
    const documented = {
      filters,
      summary: {
        totalSpend: 14.73,
        totalCalls: 219,
        activeServices: 6,
        activeAgents: 1,
        activeAlerts: 1,
        micropaymentTransactions: 188,
        x402Spend: 4.12,
        x402Calls: 173,
        mppSpend: 10.61,
        mppCalls: 46,
      },
      alerts: [
        {
          id: 'alert_1',
          type: 'MPP_PRICE_SPIKE',
          severity: 'WARNING',
          status: 'ACTIVE',
          title: 'MPP price spike',
          message: 'api.service.com charged 5x its usual price',
          protocol: 'mpp',
          serviceDomain: 'api.service.com',
          createdAt: '2026-04-16T09:00:00.000Z',
        },
      ],
    }
    expect(serviceSpendSummaryResponseSchema.parse(documented)).toEqual(documented)
  })

  test('args: period all has no start date; no alerts', () => {
    const body = {
      filters: { ...filters, period: 'all', startDate: null },
      summary: {
        totalSpend: 0,
        totalCalls: 0,
        activeServices: 0,
        activeAgents: 0,
        activeAlerts: 0,
        micropaymentTransactions: 0,
        x402Spend: 0,
        x402Calls: 0,
        mppSpend: 0,
        mppCalls: 0,
      },
      alerts: [],
    }
    expect(serviceSpendSummaryResponseSchema.parse(body)).toEqual(body)
  })

  test('error: summary field missing', () => {
    expect(
      serviceSpendSummaryResponseSchema.safeParse({
        filters,
        summary: { totalSpend: 1 },
        alerts: [],
      }).success,
    ).toBe(false)
  })
})

describe('serviceSpendServicesResponseSchema', () => {
  test('default: services with endpoints, one entry per protocol', () => {
    const body = {
      filters,
      services: [
        {
          serviceDomain: 'api.service.com',
          protocol: 'mpp',
          totalSpend: 10.61,
          callCount: 46,
          endpoints: [
            { resourceUrl: 'https://api.service.com/stream', totalSpend: 10.61, callCount: 46 },
          ],
        },
        {
          serviceDomain: 'api.example.com',
          protocol: 'x402',
          totalSpend: 4.12,
          callCount: 173,
          endpoints: [],
        },
      ],
    }
    expect(serviceSpendServicesResponseSchema.parse(body)).toEqual(body)
  })
})

describe('serviceSpendEndpoints', () => {
  const all: EndpointDefinition[] = Object.values(serviceSpendEndpoints)

  test('default: the two §2.22 routes', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'serviceSpend.summary GET /api/sdk/service-spend/summary',
      'serviceSpend.services GET /api/sdk/service-spend/services',
    ])
  })

  test('behavior: analytics:read, read rate limit', () => {
    for (const endpoint of all) {
      expect(endpoint.scopes).toEqual(['analytics:read'])
      expect(endpoint.rateLimit).toBe('sdkRead')
    }
  })
})
