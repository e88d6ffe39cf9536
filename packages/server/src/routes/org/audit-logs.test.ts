import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import { apiKeys, auditLogs, members } from '../../db/schema.js'
import type { Actor } from '../../deps.js'
import { createId } from '../../ids.js'
import { hashKey } from '../../keys.js'
import { recordAudit } from '../../services/audit-log.js'
import { auditLogsToCsv, csvField } from '../../services/audit-logs.js'
import { issueOrgApiKey } from '../../services/organizations.js'

let h: Harness
const DAY = 86_400_000

beforeEach(() => {
  h = createHarness()
})

function keyIdOf(key: string): string {
  const row = h.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashKey(key)))
    .get()
  if (!row) throw new Error('unknown key')
  return row.id
}

function record(
  input: {
    action?: string
    resource?: string
    resourceId?: string | null
    actor?: Actor
    previousState?: unknown
    newState?: unknown
    organizationId?: string
  } = {},
  at = h.clock.now(),
): string {
  recordAudit(h.db, at, {
    organizationId: input.organizationId ?? h.organization.id,
    action: input.action ?? 'CREATE',
    resource: input.resource ?? 'agent',
    resourceId: input.resourceId === undefined ? 'agent1' : input.resourceId,
    previousState: input.previousState ?? null,
    newState: input.newState ?? { name: 'Buyer' },
    actor: input.actor ?? { type: 'API', id: 'key1' },
    request: {
      requestId: 'req_1',
      ip: '10.1.1.1',
      userAgent: 'vitest',
      idempotencyKey: undefined,
      url: 'http://x',
    },
  })
  const row = h.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, input.organizationId ?? h.organization.id))
    .orderBy(sql`${auditLogs.sequence} desc`)
    .get()
  if (!row) throw new Error('no entry')
  return row.id
}

function expectError(
  res: { status: number; body: { code?: string } },
  status: number,
  code: string,
) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code })
}

function keyWithout(scope: string): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: `No ${scope}`,
    scopes: ['agents:read'],
  }).key
}

/** An ADMIN-scoped key created by a member of `role` (roles below ADMIN may not export). */
function keyOfMember(role: string): string {
  const memberId = createId()
  h.db
    .insert(members)
    .values({
      id: memberId,
      organizationId: h.organization.id,
      userId: createId(),
      email: `${role.toLowerCase()}@acme.test`,
      name: role,
      role,
      createdAt: START,
      updatedAt: START,
    })
    .run()
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: `${role} key`,
    scopePreset: 'ADMIN',
    createdByMemberId: memberId,
  }).key
}

describe('auditLogs.list', () => {
  test('default', async () => {
    const first = record({}, START - 2_000)
    const second = record(
      {
        action: 'UPDATE',
        previousState: { name: 'Buyer', status: 'ACTIVE' },
        newState: { name: 'Buyer', status: 'PAUSED' },
      },
      START - 1_000,
    )
    const res = await h.call('GET', '/api/audit-logs')
    expect(res.status).toBe(200)
    expect(res.body.logs.map((l: { id: string }) => l.id)).toEqual([second, first])
    const [newest, oldest] = res.body.logs
    expect(oldest).toEqual({
      id: first,
      action: 'CREATE',
      resource: 'agent',
      resourceId: 'agent1',
      previousState: null,
      newState: { name: 'Buyer' },
      actorType: 'API',
      actorId: 'key1',
      ipAddress: '10.1.1.1',
      userAgent: 'vitest',
      metadata: {
        requestId: 'req_1',
        apiKeyId: 'key1',
        auditHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        previousHash: null,
      },
      createdAt: new Date(START - 2_000).toISOString(),
    })
    expect(newest.metadata).toMatchObject({
      previousHash: oldest.metadata.auditHash,
      changes: ['status'],
    })
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('behavior: API changes are logged with actor, before and after', async () => {
    await h.call('POST', '/api/counterparties', {
      body: { name: 'Vendor', address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1' },
      headers: { 'user-agent': 'audit-test' },
    })
    const res = await h.call('GET', '/api/audit-logs?resource=counterparty')
    expect(res.body.logs).toHaveLength(1)
    expect(res.body.logs[0]).toMatchObject({
      action: 'CREATE',
      actorType: 'API',
      actorId: keyIdOf(h.orgKey),
      userAgent: 'audit-test',
      newState: { name: 'Vendor' },
      metadata: { apiKeyId: keyIdOf(h.orgKey), requestId: expect.any(String) },
    })
  })

  test('args: action, resource, resourceId, actorType, actorId', async () => {
    const a = record({ action: 'CREATE', resource: 'agent', resourceId: 'agent1' })
    const b = record({
      action: 'UPDATE',
      resource: 'wallet',
      resourceId: 'wallet1',
      actor: { type: 'AGENT', id: 'agent1' },
    })
    const c = record({
      action: 'DELETE',
      resource: 'policy',
      resourceId: 'policy1',
      actor: { type: 'SYSTEM', id: 'system' },
    })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/audit-logs?${query}`)).body.logs.map((l: { id: string }) => l.id)
    expect(await ids('action=UPDATE')).toEqual([b])
    expect(await ids('resource=policy')).toEqual([c])
    expect(await ids('resourceId=agent1')).toEqual([a])
    expect(await ids('actorType=AGENT')).toEqual([b])
    expect(await ids('actorId=system')).toEqual([c])
    expect(await ids('actorType=API&resource=agent')).toEqual([a])
  })

  test('args: startDate and endDate (timestamps and whole days)', async () => {
    const dayBefore = record({}, START - DAY)
    const morning = record({}, Date.parse('2026-04-08T08:00:00.000Z'))
    const evening = record({}, Date.parse('2026-04-08T23:59:59.999Z'))
    const next = record({}, Date.parse('2026-04-09T00:00:00.000Z'))
    const ids = async (query: string) =>
      (await h.call('GET', `/api/audit-logs?${query}`)).body.logs.map((l: { id: string }) => l.id)
    expect(await ids('startDate=2026-04-08&endDate=2026-04-08')).toEqual([evening, morning])
    expect(await ids('startDate=2026-04-08T08:00:00.000Z')).toEqual([next, evening, morning])
    expect(await ids('endDate=2026-04-08T08:00:00.000Z')).toEqual([morning, dayBefore])
    expect(await ids('endDate=2026-04-07')).toEqual([dayBefore])
  })

  test('args: limit and offset', async () => {
    for (let i = 0; i < 5; i += 1) record({}, START + i)
    const res = await h.call('GET', '/api/audit-logs?limit=2&offset=2')
    expect(res.body.logs).toHaveLength(2)
    expect(res.body.pagination).toEqual({ total: 5, limit: 2, offset: 2, hasMore: true })
  })

  test("behavior: never another organization's entries", async () => {
    record()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/audit-logs', { key: other.key })
    expect(res.body.logs).toEqual([])
  })

  test.each([
    ['action=EXPLODE'],
    ['resource=planet'],
    ['actorType=ROBOT'],
    ['startDate=yesterday'],
    ['startDate=2026-04-09&endDate=2026-04-08'],
    ['limit=abc'],
  ])('error: VALIDATION_ERROR for %s', async (query) => {
    const res = await h.call('GET', `/api/audit-logs?${query}`)
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues).toEqual(expect.any(Array))
  })

  test('error: INSUFFICIENT_SCOPE without audit:read', async () => {
    expectError(
      await h.call('GET', '/api/audit-logs', { key: keyWithout('audit:read') }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})

describe('auditLogs.export', () => {
  test('default', async () => {
    const first = record({}, START - 1_000)
    const second = record({ action: 'DELETE' }, START - 500)
    const res = await h.call('POST', '/api/audit-logs/export', { body: {} })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      format: 'json',
      count: 2,
      exportedAt: '2026-04-08T12:00:00.000Z',
    })
    expect(res.body.data.map((l: { id: string }) => l.id)).toEqual([second, first])
    expect(res.body.data[0]).toMatchObject({
      action: 'DELETE',
      metadata: { auditHash: expect.any(String) },
    })
  })

  test('behavior: the export is logged as AUDIT_LOG_EXPORTED', async () => {
    record()
    await h.call('POST', '/api/audit-logs/export', { body: { format: 'csv', action: 'CREATE' } })
    const res = await h.call('GET', '/api/audit-logs?action=AUDIT_LOG_EXPORTED')
    expect(res.body.logs).toHaveLength(1)
    expect(res.body.logs[0]).toMatchObject({
      resource: 'organization',
      resourceId: h.organization.id,
      actorType: 'API',
      actorId: keyIdOf(h.orgKey),
      metadata: { format: 'csv', count: 1, filters: { action: 'CREATE' } },
    })
    // The next export includes the previous export's entry, never its own.
    const next = await h.call('POST', '/api/audit-logs/export', { body: {} })
    expect(next.body.data.map((l: { action: string }) => l.action)).toEqual([
      'AUDIT_LOG_EXPORTED',
      'CREATE',
    ])
  })

  test('args: filters', async () => {
    record({ resource: 'wallet', resourceId: 'w1' }, START - 3 * DAY)
    const kept = record({ resource: 'wallet', resourceId: 'w1' }, START)
    record({ resource: 'agent' }, START)
    const res = await h.call('POST', '/api/audit-logs/export', {
      body: { resource: 'wallet', startDate: '2026-04-08' },
    })
    expect(res.body.count).toBe(1)
    expect(res.body.data[0].id).toBe(kept)
  })

  test('args: format csv, with escaping', async () => {
    const id = record({
      newState: { note: 'said "hi", then\nleft' },
      actor: { type: 'AGENT', id: 'agent1' },
    })
    h.db
      .update(auditLogs)
      .set({ userAgent: '=HYPERLINK("http://evil")' })
      .where(eq(auditLogs.id, id))
      .run()
    const res = await h.call('POST', '/api/audit-logs/export', { body: { format: 'csv' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ format: 'csv', count: 1 })
    const lines = (res.body.data as string).split('\r\n')
    expect(lines[0]).toBe(
      'id,createdAt,action,resource,resourceId,actorType,actorId,ipAddress,userAgent,previousState,newState,auditHash,previousHash,metadata',
    )
    const row = lines.slice(1).join('\r\n')
    expect(row).toContain(
      `${id},2026-04-08T12:00:00.000Z,CREATE,agent,agent1,AGENT,agent1,10.1.1.1,`,
    )
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`)
    // The JSON of newState: quotes doubled, the whole field quoted (the \n stays escaped JSON).
    expect(row).toContain('"{""note"":""said \\""hi\\"", then\\nleft""}"')
    expect(row).toContain(',,') // previousState null → empty field
    expect(res.body.data.endsWith('\r\n')).toBe(true)
  })

  test('behavior: a READ_ONLY key of the OWNER may export', async () => {
    record()
    const key = issueOrgApiKey(h.db, h.clock.now(), {
      organizationId: h.organization.id,
      name: 'Read only',
      scopePreset: 'READ_ONLY',
    }).key
    const res = await h.call('POST', '/api/audit-logs/export', { key, body: {} })
    expect(res.status).toBe(200)
  })

  test('error: FORBIDDEN for a key of a member below ADMIN', async () => {
    record()
    expect(
      (await h.call('POST', '/api/audit-logs/export', { key: keyOfMember('ADMIN'), body: {} }))
        .status,
    ).toBe(200)
    for (const role of ['MANAGER', 'MEMBER', 'VIEWER']) {
      const res = await h.call('POST', '/api/audit-logs/export', {
        key: keyOfMember(role),
        body: {},
      })
      expectError(res, 403, 'FORBIDDEN')
    }
  })

  test.each([
    [{ format: 'xml' }],
    [{ action: 'EXPLODE' }],
    [{ startDate: '2026-04-09', endDate: '2026-04-08' }],
  ])('error: VALIDATION_ERROR for %j', async (body) => {
    const res = await h.call('POST', '/api/audit-logs/export', { body })
    expectError(res, 400, 'VALIDATION_ERROR')
  })

  test('error: INSUFFICIENT_SCOPE without audit:read', async () => {
    expectError(
      await h.call('POST', '/api/audit-logs/export', { key: keyWithout('audit:read'), body: {} }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})

describe('auditLogs.verify', () => {
  test('default', async () => {
    for (let i = 0; i < 3; i += 1) record({ newState: { i } })
    const res = await h.call('GET', '/api/audit-logs/verify')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ valid: true, checked: 3, firstInvalidId: null })
  })

  test('behavior: an empty log is valid', async () => {
    const res = await h.call('GET', '/api/audit-logs/verify')
    expect(res.body).toEqual({ valid: true, checked: 0, firstInvalidId: null })
  })

  test('behavior: a tampered entry is reported', async () => {
    record({ newState: { amount: 10 } })
    const tampered = record({ newState: { amount: 20 } })
    record({ newState: { amount: 30 } })
    h.db.run(sql`update audit_logs set new_state = '{"amount":2000}' where id = ${tampered}`)
    const res = await h.call('GET', '/api/audit-logs/verify')
    expect(res.body).toEqual({ valid: false, checked: 3, firstInvalidId: tampered })
  })

  test('behavior: a deleted entry breaks the chain at the next one', async () => {
    record()
    const removed = record()
    const after = record()
    h.db.run(sql`delete from audit_logs where id = ${removed}`)
    const res = await h.call('GET', '/api/audit-logs/verify')
    expect(res.body).toEqual({ valid: false, checked: 2, firstInvalidId: after })
  })

  test('behavior: a long chain is checked in full', async () => {
    for (let i = 0; i < 1_203; i += 1) record({ newState: { i } })
    const res = await h.call('GET', '/api/audit-logs/verify')
    expect(res.body).toEqual({ valid: true, checked: 1_203, firstInvalidId: null })
  })

  test("behavior: only the caller's organization is checked", async () => {
    const other = h.createOtherOrganization()
    const theirs = record({ organizationId: other.organization.id })
    h.db.run(sql`update audit_logs set new_state = '{}' where id = ${theirs}`)
    record()
    expect((await h.call('GET', '/api/audit-logs/verify')).body).toEqual({
      valid: true,
      checked: 1,
      firstInvalidId: null,
    })
    expect((await h.call('GET', '/api/audit-logs/verify', { key: other.key })).body).toEqual({
      valid: false,
      checked: 1,
      firstInvalidId: theirs,
    })
  })

  test('error: INSUFFICIENT_SCOPE without audit:read', async () => {
    expectError(
      await h.call('GET', '/api/audit-logs/verify', { key: keyWithout('audit:read') }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})

describe('csvField', () => {
  test.each([
    [null, ''],
    [undefined, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
    [{ a: 1 }, '"{""a"":1}"'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  test('behavior: auditLogsToCsv has a header row even without entries', () => {
    expect(auditLogsToCsv([])).toBe(
      'id,createdAt,action,resource,resourceId,actorType,actorId,ipAddress,userAgent,previousState,newState,auditHash,previousHash,metadata\r\n',
    )
  })
})
