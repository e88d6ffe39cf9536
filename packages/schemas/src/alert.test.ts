import { describe, expect, test } from 'vitest'
import {
  acknowledgeAlertParamsSchema,
  alertSchema,
  alertSeverityAliases,
  alertSeverityFilterSchema,
  alertTypes,
  listAlertsQuerySchema,
  listAlertsResponseSchema,
  listSdkAlertsQuerySchema,
  resolveAlertParamsSchema,
} from './alert.js'

// The alert of §2.9 (old API reference field list, spend-limit metadata).
const alert = {
  id: 'alert_cmm59z8fj000l49h7bjqza11p',
  type: 'SPEND_LIMIT_WARNING',
  severity: 'WARNING',
  status: 'ACTIVE',
  title: 'Daily spend limit 80% reached',
  message: 'Customer Support Agent has used $800 of its $1000 daily limit',
  agent: { id: 'cmm59z8fj000l49h7bjqza11p', name: 'Customer Support Agent' },
  wallet: { id: 'wal_cmm59z8fj000q49h7', name: 'Operations Wallet' },
  metadata: { currentSpend: 800, limit: 1000, percentage: 80, remainingBudget: 200 },
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  createdAt: '2024-01-15T10:00:00Z',
}

describe('alertSeverityFilterSchema', () => {
  test('default: stored severities pass through', () => {
    for (const severity of ['INFO', 'WARNING', 'CRITICAL'])
      expect(alertSeverityFilterSchema.parse(severity)).toBe(severity)
  })

  test('behavior: aliases map HIGH→CRITICAL, MEDIUM→WARNING, LOW→INFO', () => {
    expect(alertSeverityAliases).toEqual({ HIGH: 'CRITICAL', MEDIUM: 'WARNING', LOW: 'INFO' })
    expect(alertSeverityFilterSchema.parse('HIGH')).toBe('CRITICAL')
    expect(alertSeverityFilterSchema.parse('MEDIUM')).toBe('WARNING')
    expect(alertSeverityFilterSchema.parse('LOW')).toBe('INFO')
  })

  test('error: an unknown severity lists the six accepted values', () => {
    const message = alertSeverityFilterSchema.safeParse('URGENT').error?.issues[0]?.message
    expect(message).toBe(
      'Invalid severity "URGENT": expected one of INFO, WARNING, CRITICAL, HIGH, MEDIUM, LOW',
    )
    expect(alertSeverityFilterSchema.safeParse('high').success).toBe(false)
  })
})

describe('listAlertsQuerySchema', () => {
  test('default: pagination defaults', () => {
    expect(listAlertsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: filters from a query string, severity normalised', () => {
    expect(
      listAlertsQuerySchema.parse({
        limit: '100',
        offset: '10',
        status: 'ACKNOWLEDGED',
        severity: 'HIGH',
        type: 'X402_PRICE_SPIKE',
        agentId: 'cmm59z8fj000l49h7bjqza11p',
      }),
    ).toEqual({
      limit: 100,
      offset: 10,
      status: 'ACKNOWLEDGED',
      severity: 'CRITICAL',
      type: 'X402_PRICE_SPIKE',
      agentId: 'cmm59z8fj000l49h7bjqza11p',
    })
  })

  test('error: limit above 100, unknown status and type', () => {
    // Above 100 reads as 100 (conto-api §6.4: cap 100).
    expect(listAlertsQuerySchema.parse({ limit: '101' }).limit).toBe(100)
    expect(listAlertsQuerySchema.safeParse({ status: 'OPEN' }).error?.issues[0]?.message).toBe(
      'Invalid status "OPEN": expected one of ACTIVE, ACKNOWLEDGED, RESOLVED',
    )
    expect(listAlertsQuerySchema.safeParse({ type: 'NOPE' }).error?.issues[0]?.message).toContain(
      'MPP_FAILED_STREAK',
    )
  })
})

describe('listSdkAlertsQuerySchema', () => {
  test('args: unread is a query boolean', () => {
    expect(listSdkAlertsQuerySchema.parse({ unread: 'true' }).unread).toBe(true)
    expect(listSdkAlertsQuerySchema.parse({ unread: 'false' }).unread).toBe(false)
    expect(listSdkAlertsQuerySchema.parse({ unread: '1' }).unread).toBe(true)
    expect(listSdkAlertsQuerySchema.safeParse({ unread: 'yes' }).success).toBe(false)
    expect(listSdkAlertsQuerySchema.parse({ severity: 'LOW' }).severity).toBe('INFO')
  })
})

describe('alertTypes', () => {
  test('default: every X402 anomaly has an MPP twin', () => {
    for (const type of alertTypes.filter((t) => t.startsWith('X402_')))
      expect(alertTypes).toContain(type.replace('X402_', 'MPP_'))
    expect(alertTypes).toContain('AUTO_FREEZE')
    expect(alertTypes).toContain('LOW_BALANCE')
  })
})

describe('alertSchema', () => {
  test('default: parses the documented alert', () => {
    expect(alertSchema.parse(alert)).toEqual(alert)
  })

  test('args: no agent or wallet, acknowledged and resolved, extra metadata kept', () => {
    const resolved = {
      ...alert,
      type: 'AUTO_FREEZE',
      severity: 'CRITICAL',
      status: 'RESOLVED',
      agent: null,
      wallet: null,
      metadata: { trigger: 'CONSECUTIVE_VIOLATIONS', violations: 5 },
      note: 'Investigated',
      acknowledgedAt: '2024-01-15T11:00:00Z',
      acknowledgedBy: 'user_1',
      resolvedAt: '2024-01-15T12:00:00Z',
      resolvedBy: 'user_1',
    }
    expect(alertSchema.parse(resolved)).toEqual(resolved)
  })

  test('behavior: values added later still parse', () => {
    expect(alertSchema.safeParse({ ...alert, type: 'NEW_KIND', severity: 'HIGH' }).success).toBe(
      true,
    )
  })

  test('error: a missing field fails', () => {
    const { createdAt: _createdAt, ...withoutCreatedAt } = alert
    expect(alertSchema.safeParse(withoutCreatedAt).success).toBe(false)
    expect(alertSchema.safeParse({ ...alert, metadata: { currentSpend: '800' } }).success).toBe(
      false,
    )
  })

  test('behavior: list envelope', () => {
    const body = { alerts: [alert], pagination: { total: 1, limit: 50, offset: 0, hasMore: false } }
    expect(listAlertsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('acknowledgeAlertParamsSchema', () => {
  test('default: the note is optional', () => {
    expect(acknowledgeAlertParamsSchema.parse({})).toEqual({})
    expect(resolveAlertParamsSchema.parse({ note: 'fixed' })).toEqual({ note: 'fixed' })
  })

  test('args: the note is at most 500 characters', () => {
    expect(acknowledgeAlertParamsSchema.safeParse({ note: 'n'.repeat(500) }).success).toBe(true)
    expect(acknowledgeAlertParamsSchema.safeParse({ note: 'n'.repeat(501) }).success).toBe(false)
    expect(resolveAlertParamsSchema.safeParse({ note: 'n'.repeat(501) }).success).toBe(false)
  })
})
