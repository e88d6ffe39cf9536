import { describe, expect, test } from 'vitest'
import {
  auditLogActions,
  auditLogActorTypes,
  auditLogResources,
  auditLogSchema,
  exportAuditLogsParamsSchema,
  exportAuditLogsResponseSchema,
  listAuditLogsQuerySchema,
  listAuditLogsResponseSchema,
  verifyAuditLogsResponseSchema,
} from './audit-log.js'

const entry = {
  id: 'log_cmm59z8fj000l49h7bjqza11p',
  action: 'UPDATE',
  resource: 'agent',
  resourceId: 'cmm59z8fj000l49h7bjqza11p',
  previousState: { status: 'ACTIVE' },
  newState: { status: 'PAUSED' },
  actorType: 'API',
  actorId: 'key_cmm59z8fj000k49h7',
  ipAddress: '203.0.113.7',
  userAgent: 'conto-admin/1.0.0',
  metadata: {
    auditHash: 'a'.repeat(64),
    previousHash: 'b'.repeat(64),
    changes: ['status'],
    apiKeyId: 'key_cmm59z8fj000k49h7',
  },
  createdAt: '2026-04-07T12:00:00.000Z',
}

describe('auditLogActions', () => {
  test('default: the §4.16 vocabulary', () => {
    expect(auditLogActions).toHaveLength(25)
    expect(auditLogActions).toContain('AUDIT_LOG_EXPORTED')
    expect(auditLogResources).toHaveLength(17)
    expect(auditLogResources).toContain('approval_workflow')
    expect(auditLogActorTypes).toEqual(['USER', 'API', 'AGENT', 'SYSTEM'])
  })
})

describe('auditLogSchema', () => {
  test('default: parses an entry', () => {
    expect(auditLogSchema.parse(entry)).toEqual(entry)
  })

  test('args: a system CREATE with no previous state and the first hash of the chain', () => {
    const created = {
      ...entry,
      action: 'CREATE',
      previousState: null,
      newState: { name: 'Research Agent', nested: [1, 2, 3] },
      actorType: 'SYSTEM',
      actorId: 'system',
      ipAddress: null,
      userAgent: null,
      metadata: { auditHash: 'c'.repeat(64), previousHash: null },
    }
    expect(auditLogSchema.parse(created)).toEqual(created)
  })

  test('error: metadata needs auditHash', () => {
    expect(auditLogSchema.safeParse({ ...entry, metadata: { previousHash: null } }).success).toBe(
      false,
    )
  })

  test('behavior: list envelope', () => {
    const body = { logs: [entry], pagination: { total: 1, limit: 50, offset: 0, hasMore: false } }
    expect(listAuditLogsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('listAuditLogsQuerySchema', () => {
  test('default: pagination defaults only', () => {
    expect(listAuditLogsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: every filter', () => {
    const query = {
      action: 'PAYMENT_DENIED',
      resource: 'payment_request',
      resourceId: 'req_1',
      actorType: 'AGENT',
      actorId: 'agent_1',
      startDate: '2026-04-01',
      endDate: '2026-04-07T23:59:59.999Z',
    }
    expect(listAuditLogsQuerySchema.parse(query)).toEqual({ ...query, limit: 50, offset: 0 })
  })

  test('error: unknown action lists the allowed ones; bad and reversed dates', () => {
    expect(
      listAuditLogsQuerySchema.safeParse({ action: 'HACK' }).error?.issues[0]?.message,
    ).toContain('expected one of CREATE, UPDATE, DELETE')
    expect(listAuditLogsQuerySchema.safeParse({ resource: 'Agent' }).success).toBe(false)
    expect(listAuditLogsQuerySchema.safeParse({ actorType: 'ROBOT' }).success).toBe(false)
    expect(listAuditLogsQuerySchema.safeParse({ startDate: 'last week' }).success).toBe(false)
    const reversed = listAuditLogsQuerySchema.safeParse({
      startDate: '2026-04-07',
      endDate: '2026-04-01',
    })
    expect(reversed.error?.issues[0]?.message).toBe('startDate must not be after endDate')
  })
})

describe('exportAuditLogsParamsSchema', () => {
  test('default: format json', () => {
    expect(exportAuditLogsParamsSchema.parse({})).toEqual({ format: 'json' })
  })

  test('args: csv with filters', () => {
    expect(exportAuditLogsParamsSchema.parse({ format: 'csv', resource: 'wallet' })).toEqual({
      format: 'csv',
      resource: 'wallet',
    })
  })

  test('error: unknown format', () => {
    expect(exportAuditLogsParamsSchema.safeParse({ format: 'xml' }).error?.issues[0]?.message).toBe(
      'Invalid format "xml": expected one of json, csv',
    )
  })
})

describe('exportAuditLogsResponseSchema', () => {
  test('default: json export carries entries', () => {
    const body = { format: 'json', count: 1, data: [entry], exportedAt: '2026-04-07T12:00:00.000Z' }
    expect(exportAuditLogsResponseSchema.parse(body)).toEqual(body)
  })

  test('args: csv export carries text', () => {
    const body = {
      format: 'csv',
      count: 1,
      data: 'id,action,resource\nlog_1,UPDATE,agent\n',
      exportedAt: '2026-04-07T12:00:00.000Z',
    }
    expect(exportAuditLogsResponseSchema.parse(body)).toEqual(body)
  })

  test('error: data must match the format', () => {
    expect(
      exportAuditLogsResponseSchema.safeParse({
        format: 'csv',
        count: 1,
        data: [entry],
        exportedAt: '2026-04-07T12:00:00.000Z',
      }).success,
    ).toBe(false)
  })
})

describe('verifyAuditLogsResponseSchema', () => {
  test('default: an intact and a broken chain', () => {
    expect(
      verifyAuditLogsResponseSchema.parse({ valid: true, checked: 120, firstInvalidId: null }),
    ).toEqual({ valid: true, checked: 120, firstInvalidId: null })
    expect(
      verifyAuditLogsResponseSchema.parse({ valid: false, checked: 42, firstInvalidId: 'log_42' })
        .firstInvalidId,
    ).toBe('log_42')
  })
})
