import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { auditLogs, sdkKeys } from '../../db/schema.js'
import { hashKey } from '../../keys.js'
import { type NewAlert, raiseAlert } from '../../services/alerts-raise.js'

let h: Harness
let agent: { agentId: string; key: string }

beforeEach(() => {
  h = createHarness()
  agent = h.createAgentWithKey({ name: 'Buyer', keyType: 'admin' })
})

function raise(input: Partial<NewAlert> = {}, at = h.clock.now()): string {
  return raiseAlert(h.db, at, {
    organizationId: h.organization.id,
    type: 'POLICY_VIOLATION',
    severity: 'WARNING',
    title: 'Payment denied',
    message: 'A payment was denied by policy',
    agentId: agent.agentId,
    ...input,
  })
}

function sdkKeyIdOf(key: string): string {
  const row = h.db
    .select()
    .from(sdkKeys)
    .where(eq(sdkKeys.keyHash, hashKey(key)))
    .get()
  if (!row) throw new Error('unknown key')
  return row.id
}

function expectError(
  res: { status: number; body: { code?: string } },
  status: number,
  code: string,
) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code })
}

describe('sdkAlerts.list', () => {
  test('default', async () => {
    const older = raise({}, h.clock.now() - 1_000)
    const newer = raise({ severity: 'CRITICAL', type: 'AUTO_FREEZE' })
    const other = h.createAgentWithKey()
    raise({ agentId: other.agentId })
    raise({ agentId: null })
    const res = await h.call('GET', '/api/sdk/alerts', { key: agent.key })
    expect(res.status).toBe(200)
    expect(res.body.alerts.map((a: { id: string }) => a.id)).toEqual([newer, older])
    expect(res.body.alerts[0]).toMatchObject({
      agent: { id: agent.agentId, name: 'Buyer' },
      status: 'ACTIVE',
    })
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: unread, status, severity, type', async () => {
    const active = raise({ severity: 'CRITICAL' })
    const acknowledged = raise({ type: 'AUTO_FREEZE' })
    await h.call('POST', `/api/sdk/alerts/${acknowledged}/acknowledge`, {
      key: agent.key,
      body: {},
    })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/sdk/alerts?${query}`, { key: agent.key })).body.alerts.map(
        (a: { id: string }) => a.id,
      )
    expect(await ids('unread=true')).toEqual([active])
    expect(await ids('unread=false')).toEqual([acknowledged])
    expect(await ids('unread=true&status=ACKNOWLEDGED')).toEqual([])
    expect(await ids('unread=false&status=ACKNOWLEDGED')).toEqual([acknowledged])
    expect(await ids('status=ACTIVE')).toEqual([active])
    expect(await ids('severity=HIGH')).toEqual([active])
    expect(await ids('type=AUTO_FREEZE')).toEqual([acknowledged])
  })

  test("behavior: never another organization's alerts", async () => {
    const other = h.createOtherOrganization()
    raiseAlert(h.db, h.clock.now(), {
      organizationId: other.organization.id,
      type: 'POLICY_VIOLATION',
      severity: 'WARNING',
      title: 'Theirs',
      message: 'Theirs',
      agentId: agent.agentId,
    })
    const res = await h.call('GET', '/api/sdk/alerts', { key: agent.key })
    expect(res.body.alerts).toEqual([])
  })

  test('behavior: a standard key may list', async () => {
    const standard = h.createAgentWithKey()
    raise({ agentId: standard.agentId })
    const res = await h.call('GET', '/api/sdk/alerts', { key: standard.key })
    expect(res.status).toBe(200)
    expect(res.body.alerts).toHaveLength(1)
  })

  test('error: VALIDATION_ERROR', async () => {
    expectError(
      await h.call('GET', '/api/sdk/alerts?unread=maybe', { key: agent.key }),
      400,
      'VALIDATION_ERROR',
    )
    expectError(
      await h.call('GET', '/api/sdk/alerts?severity=SEVERE', { key: agent.key }),
      400,
      'VALIDATION_ERROR',
    )
  })

  test('error: INSUFFICIENT_SCOPE without alerts:read, and for an org key', async () => {
    const limited = h.createAgentWithKey({ scopes: ['payments:request'] })
    expectError(
      await h.call('GET', '/api/sdk/alerts', { key: limited.key }),
      403,
      'INSUFFICIENT_SCOPE',
    )
    const res = await h.call('GET', '/api/sdk/alerts')
    expect(res.status).toBe(403)
  })
})

describe('sdkAlerts.acknowledge', () => {
  test('default', async () => {
    const id = raise()
    const res = await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, {
      key: agent.key,
      body: { note: 'Seen by the agent' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id,
      status: 'ACKNOWLEDGED',
      note: 'Seen by the agent',
      acknowledgedAt: '2026-04-08T12:00:00.000Z',
      acknowledgedBy: sdkKeyIdOf(agent.key),
    })
  })

  test('behavior: audit entry with the agent as actor', async () => {
    const id = raise()
    await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, { key: agent.key, body: {} })
    const entry = h.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, id), eq(auditLogs.action, 'UPDATE')))
      .get()
    expect(entry).toMatchObject({ resource: 'alert', actorType: 'AGENT', actorId: agent.agentId })
  })

  test('error: INVALID_STATUS unless ACTIVE', async () => {
    const id = raise()
    await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, { key: agent.key, body: {} })
    expectError(
      await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, { key: agent.key, body: {} }),
      400,
      'INVALID_STATUS',
    )
  })

  test("error: NOT_FOUND for another agent's, an organization-wide or an unknown alert", async () => {
    const other = h.createAgentWithKey()
    for (const id of [raise({ agentId: other.agentId }), raise({ agentId: null }), 'unknown']) {
      expectError(
        await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, { key: agent.key, body: {} }),
        404,
        'NOT_FOUND',
      )
    }
  })

  test("error: NOT_FOUND for another organization's alert", async () => {
    const id = raise()
    const other = h.createOtherOrganization()
    const outsider = h.createAgentWithKey({
      organizationId: other.organization.id,
      keyType: 'admin',
    })
    expectError(
      await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, { key: outsider.key, body: {} }),
      404,
      'NOT_FOUND',
    )
  })

  test('error: VALIDATION_ERROR for a note over 500 characters', async () => {
    const id = raise()
    expectError(
      await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, {
        key: agent.key,
        body: { note: 'x'.repeat(501) },
      }),
      400,
      'VALIDATION_ERROR',
    )
  })

  test('error: INSUFFICIENT_SCOPE for a standard key (no alerts:write)', async () => {
    const standard = h.createAgentWithKey()
    const id = raise({ agentId: standard.agentId })
    expectError(
      await h.call('POST', `/api/sdk/alerts/${id}/acknowledge`, { key: standard.key, body: {} }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})
