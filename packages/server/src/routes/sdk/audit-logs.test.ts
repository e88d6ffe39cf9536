import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import type { Actor } from '../../deps.js'
import { recordAudit } from '../../services/audit-log.js'

const DAY_MS = 86_400_000

let h: Harness
let agent: { agentId: string; key: string }

beforeEach(() => {
  h = createHarness()
  agent = h.createAgentWithKey({ keyType: 'admin' })
})

let sequence = 0
function record(
  input: { action?: string; resource?: string; resourceId?: string | null; actor?: Actor } = {},
  at = START,
): string {
  sequence += 1
  const marker = `entry-${sequence}`
  recordAudit(h.db, at, {
    organizationId: h.organization.id,
    action: input.action ?? 'UPDATE',
    resource: input.resource ?? 'agent',
    resourceId: input.resourceId === undefined ? agent.agentId : input.resourceId,
    newState: { marker },
    actor: input.actor ?? { type: 'API', id: 'key1' },
  })
  return marker
}

function expectError(
  res: { status: number; body: { code?: string } },
  status: number,
  code: string,
) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code })
}

const markers = (res: { body: { logs: Array<{ newState: { marker: string } }> } }) =>
  res.body.logs.map((log) => log.newState.marker)

describe('sdkAuditLogs.list', () => {
  test('default', async () => {
    const aboutAgent = record({}, START - 2_000)
    const byAgent = record(
      {
        action: 'CREATE',
        resource: 'counterparty',
        resourceId: 'cp1',
        actor: { type: 'AGENT', id: agent.agentId },
      },
      START - 1_000,
    )
    const other = h.createAgentWithKey()
    record({ resourceId: other.agentId })
    record({ actor: { type: 'AGENT', id: other.agentId }, resourceId: 'cp2' })
    record({ resourceId: null })
    const res = await h.call('GET', '/api/sdk/audit-logs', { key: agent.key })
    expect(res.status).toBe(200)
    expect(markers(res)).toEqual([byAgent, aboutAgent])
    expect(res.body.logs[0]).toMatchObject({
      actorType: 'AGENT',
      actorId: agent.agentId,
      metadata: { auditHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    })
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: filters narrow the agent view', async () => {
    const created = record({ action: 'CREATE' }, START - DAY_MS)
    const updated = record({ action: 'UPDATE' })
    const ids = async (query: string) =>
      markers(await h.call('GET', `/api/sdk/audit-logs?${query}`, { key: agent.key }))
    expect(await ids('action=CREATE')).toEqual([created])
    expect(await ids('startDate=2026-04-08')).toEqual([updated])
    expect(await ids('actorType=AGENT')).toEqual([])
    expect(await ids('limit=1')).toEqual([updated])
  })

  test("behavior: never another organization's entries", async () => {
    const other = h.createOtherOrganization()
    recordAudit(h.db, START, {
      organizationId: other.organization.id,
      action: 'UPDATE',
      resource: 'agent',
      resourceId: agent.agentId,
      newState: { marker: 'theirs' },
      actor: { type: 'AGENT', id: agent.agentId },
    })
    const res = await h.call('GET', '/api/sdk/audit-logs', { key: agent.key })
    expect(res.body.logs).toEqual([])
  })

  test('error: VALIDATION_ERROR', async () => {
    expectError(
      await h.call('GET', '/api/sdk/audit-logs?action=NOPE', { key: agent.key }),
      400,
      'VALIDATION_ERROR',
    )
    expectError(
      await h.call('GET', '/api/sdk/audit-logs?startDate=2026-04-09&endDate=2026-04-01', {
        key: agent.key,
      }),
      400,
      'VALIDATION_ERROR',
    )
  })

  test('error: INSUFFICIENT_SCOPE for a standard key (no audit:read) and an org key', async () => {
    const standard = h.createAgentWithKey()
    expectError(
      await h.call('GET', '/api/sdk/audit-logs', { key: standard.key }),
      403,
      'INSUFFICIENT_SCOPE',
    )
    expect((await h.call('GET', '/api/sdk/audit-logs')).status).toBe(403)
  })
})
