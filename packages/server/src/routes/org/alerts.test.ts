import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { alerts, apiKeys, auditLogs, wallets } from '../../db/schema.js'
import { createId } from '../../ids.js'
import { hashKey } from '../../keys.js'
import { type NewAlert, raiseAlert } from '../../services/alerts-raise.js'
import { issueOrgApiKey } from '../../services/organizations.js'

let h: Harness

beforeEach(() => {
  h = createHarness()
})

function readOnlyKey(): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key
}

function keyIdOf(key: string): string {
  const row = h.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashKey(key)))
    .get()
  if (!row) throw new Error('unknown key')
  return row.id
}

function insertWallet(name = 'Ops wallet'): string {
  const id = createId()
  h.db
    .insert(wallets)
    .values({
      id,
      organizationId: h.organization.id,
      name,
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '8453',
      custodyType: 'PRIVY',
      currency: 'USDC',
      status: 'ACTIVE',
      enforcementMode: 'ENFORCED',
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .run()
  return id
}

function raise(input: Partial<NewAlert> = {}, at = h.clock.now()): string {
  return raiseAlert(h.db, at, {
    organizationId: h.organization.id,
    type: 'SPEND_LIMIT_WARNING',
    severity: 'WARNING',
    title: 'Daily limit at 80%',
    message: 'Agent reached 80% of its daily limit',
    ...input,
  })
}

function expectError(
  res: { status: number; body: { code?: string } },
  status: number,
  code: string,
) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code })
}

function auditOf(alertId: string) {
  return h.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.organizationId, h.organization.id), eq(auditLogs.resourceId, alertId)))
    .all()
}

describe('alerts.list', () => {
  test('default', async () => {
    const agent = h.createAgentWithKey({ name: 'Buyer' })
    const walletId = insertWallet()
    const older = raise({}, h.clock.now() - 60_000)
    const newer = raise({
      type: 'SPEND_LIMIT_EXCEEDED',
      severity: 'CRITICAL',
      agentId: agent.agentId,
      walletId,
      metadata: { currentSpend: 1000, limit: 1000, percentage: 100, remainingBudget: 0 },
    })
    const res = await h.call('GET', '/api/alerts')
    expect(res.status).toBe(200)
    expect(res.body.alerts.map((a: { id: string }) => a.id)).toEqual([newer, older])
    expect(res.body.alerts[0]).toEqual({
      id: newer,
      type: 'SPEND_LIMIT_EXCEEDED',
      severity: 'CRITICAL',
      status: 'ACTIVE',
      title: 'Daily limit at 80%',
      message: 'Agent reached 80% of its daily limit',
      agent: { id: agent.agentId, name: 'Buyer' },
      wallet: { id: walletId, name: 'Ops wallet' },
      metadata: { currentSpend: 1000, limit: 1000, percentage: 100, remainingBudget: 0 },
      note: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      createdAt: '2026-04-08T12:00:00.000Z',
    })
    expect(res.body.alerts[1]).toMatchObject({ agent: null, wallet: null, metadata: {} })
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: status, type, agentId, limit and offset', async () => {
    const agent = h.createAgentWithKey()
    const a = raise({ agentId: agent.agentId })
    const b = raise({ type: 'AUTO_FREEZE', severity: 'CRITICAL' })
    await h.call('POST', `/api/alerts/${b}/acknowledge`, { body: {} })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/alerts?${query}`)).body.alerts.map((x: { id: string }) => x.id)
    expect(await ids('status=ACKNOWLEDGED')).toEqual([b])
    expect(await ids('status=ACTIVE')).toEqual([a])
    expect(await ids('type=AUTO_FREEZE')).toEqual([b])
    expect(await ids(`agentId=${agent.agentId}`)).toEqual([a])
    const page = await h.call('GET', '/api/alerts?limit=1&offset=1')
    expect(page.body.alerts).toHaveLength(1)
    expect(page.body.pagination).toEqual({ total: 2, limit: 1, offset: 1, hasMore: false })
  })

  test.each([
    ['CRITICAL', 'CRITICAL'],
    ['HIGH', 'CRITICAL'],
    ['WARNING', 'WARNING'],
    ['MEDIUM', 'WARNING'],
    ['INFO', 'INFO'],
    ['LOW', 'INFO'],
  ])('args: severity=%s finds %s alerts', async (filter, stored) => {
    const ids = {
      CRITICAL: raise({ severity: 'CRITICAL' }),
      WARNING: raise({ severity: 'WARNING' }),
      INFO: raise({ severity: 'INFO' }),
    }
    const res = await h.call('GET', `/api/alerts?severity=${filter}`)
    expect(res.body.alerts.map((x: { id: string }) => x.id)).toEqual([
      ids[stored as keyof typeof ids],
    ])
  })

  test("behavior: never another organization's alerts", async () => {
    raise()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/alerts', { key: other.key })
    expect(res.body.alerts).toEqual([])
  })

  test.each([
    ['severity=URGENT'],
    ['status=OPEN'],
    ['type=NOPE'],
    ['limit=-1'],
    ['offset=-1'],
    ['agentId=bad%20id'],
  ])('error: VALIDATION_ERROR for %s', async (query) => {
    const res = await h.call('GET', `/api/alerts?${query}`)
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues).toEqual(expect.any(Array))
  })

  test('error: INSUFFICIENT_SCOPE without alerts:read', async () => {
    const key = issueOrgApiKey(h.db, h.clock.now(), {
      organizationId: h.organization.id,
      name: 'Agents only',
      scopes: ['agents:read'],
    }).key
    expectError(await h.call('GET', '/api/alerts', { key }), 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('alerts.retrieve', () => {
  test('default', async () => {
    const id = raise({ severity: 'INFO', type: 'LOW_BALANCE' })
    const res = await h.call('GET', `/api/alerts/${id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, severity: 'INFO', type: 'LOW_BALANCE', status: 'ACTIVE' })
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const id = raise()
    expectError(await h.call('GET', '/api/alerts/unknown'), 404, 'NOT_FOUND')
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/alerts/${id}`, { key: other.key })
    expectError(res, 404, 'NOT_FOUND')
    expect(res.text).not.toContain('Daily limit')
  })
})

describe('alerts.acknowledge', () => {
  test('default', async () => {
    const id = raise()
    h.clock.freeze(h.clock.now() + 5_000)
    const res = await h.call('POST', `/api/alerts/${id}/acknowledge`, {
      body: { note: 'Looking into it' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id,
      status: 'ACKNOWLEDGED',
      note: 'Looking into it',
      acknowledgedAt: '2026-04-08T12:00:05.000Z',
      acknowledgedBy: keyIdOf(h.orgKey),
      resolvedAt: null,
    })
  })

  test('behavior: an empty body works', async () => {
    const id = raise()
    const res = await h.call('POST', `/api/alerts/${id}/acknowledge`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ACKNOWLEDGED', note: null })
  })

  test('behavior: audit entry', async () => {
    const id = raise()
    await h.call('POST', `/api/alerts/${id}/acknowledge`, { body: {} })
    const [entry] = auditOf(id)
    expect(entry).toMatchObject({
      action: 'UPDATE',
      resource: 'alert',
      actorType: 'API',
      actorId: keyIdOf(h.orgKey),
    })
    expect(entry?.previousState).toMatchObject({ status: 'ACTIVE' })
    expect(entry?.newState).toMatchObject({ status: 'ACKNOWLEDGED' })
  })

  test('error: INVALID_STATUS unless ACTIVE', async () => {
    const id = raise()
    await h.call('POST', `/api/alerts/${id}/acknowledge`, { body: {} })
    expectError(
      await h.call('POST', `/api/alerts/${id}/acknowledge`, { body: {} }),
      400,
      'INVALID_STATUS',
    )
    const resolved = raise()
    await h.call('POST', `/api/alerts/${resolved}/resolve`, { body: {} })
    expectError(
      await h.call('POST', `/api/alerts/${resolved}/acknowledge`, { body: {} }),
      400,
      'INVALID_STATUS',
    )
  })

  test('error: VALIDATION_ERROR for a note over 500 characters', async () => {
    const id = raise()
    const res = await h.call('POST', `/api/alerts/${id}/acknowledge`, {
      body: { note: 'x'.repeat(501) },
    })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues[0].path).toEqual(['note'])
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const id = raise()
    expectError(
      await h.call('POST', '/api/alerts/unknown/acknowledge', { body: {} }),
      404,
      'NOT_FOUND',
    )
    const other = h.createOtherOrganization()
    expectError(
      await h.call('POST', `/api/alerts/${id}/acknowledge`, { key: other.key, body: {} }),
      404,
      'NOT_FOUND',
    )
    expect(h.db.select().from(alerts).where(eq(alerts.id, id)).get()?.status).toBe('ACTIVE')
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const id = raise()
    expectError(
      await h.call('POST', `/api/alerts/${id}/acknowledge`, { key: readOnlyKey(), body: {} }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})

describe('alerts.resolve', () => {
  test('default', async () => {
    const id = raise()
    h.clock.freeze(h.clock.now() + 60_000)
    const res = await h.call('POST', `/api/alerts/${id}/resolve`, { body: { note: 'Fixed' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id,
      status: 'RESOLVED',
      note: 'Fixed',
      resolvedAt: '2026-04-08T12:01:00.000Z',
      resolvedBy: keyIdOf(h.orgKey),
      acknowledgedAt: null,
    })
  })

  test('behavior: an acknowledged alert can be resolved', async () => {
    const id = raise()
    await h.call('POST', `/api/alerts/${id}/acknowledge`, { body: { note: 'On it' } })
    const res = await h.call('POST', `/api/alerts/${id}/resolve`, { body: {} })
    expect(res.body).toMatchObject({
      status: 'RESOLVED',
      note: 'On it',
      acknowledgedBy: keyIdOf(h.orgKey),
      resolvedBy: keyIdOf(h.orgKey),
    })
  })

  test('behavior: audited as ALERT_RESOLVED', async () => {
    const id = raise()
    await h.call('POST', `/api/alerts/${id}/resolve`, { body: {} })
    const entry = auditOf(id).find((e) => e.action === 'ALERT_RESOLVED')
    expect(entry).toMatchObject({ resource: 'alert', actorType: 'API' })
    expect(entry?.newState).toMatchObject({ status: 'RESOLVED' })
  })

  test('error: INVALID_STATUS when already resolved', async () => {
    const id = raise()
    await h.call('POST', `/api/alerts/${id}/resolve`, { body: {} })
    const res = await h.call('POST', `/api/alerts/${id}/resolve`, { body: {} })
    expectError(res, 400, 'INVALID_STATUS')
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const id = raise()
    expectError(await h.call('POST', '/api/alerts/unknown/resolve', { body: {} }), 404, 'NOT_FOUND')
    const other = h.createOtherOrganization()
    expectError(
      await h.call('POST', `/api/alerts/${id}/resolve`, { key: other.key, body: {} }),
      404,
      'NOT_FOUND',
    )
  })

  test('error: VALIDATION_ERROR for a non-string note', async () => {
    const id = raise()
    const res = await h.call('POST', `/api/alerts/${id}/resolve`, { body: { note: 5 } })
    expectError(res, 400, 'VALIDATION_ERROR')
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const id = raise()
    expectError(
      await h.call('POST', `/api/alerts/${id}/resolve`, { key: readOnlyKey(), body: {} }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})
