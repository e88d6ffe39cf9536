import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { auditLogs } from '../../db/schema.js'
import { activeWorkflowsOf } from '../../services/approval-workflows.js'
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

async function create(body: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/api/approval-workflows', {
    body: { name: 'Large payments', ...body },
  })
  expect(res.status).toBe(201)
  return res.body
}

function auditEntries(resourceId: string) {
  return h.db
    .select()
    .from(auditLogs)
    .where(
      and(eq(auditLogs.organizationId, h.organization.id), eq(auditLogs.resourceId, resourceId)),
    )
    .all()
}

const UNKNOWN_ID = 'cunknown000000000000000'

describe('approvalWorkflows.create', () => {
  test('default', async () => {
    const res = await h.call('POST', '/api/approval-workflows', { body: { name: 'Large' } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Large',
      description: null,
      priority: 50,
      isActive: true,
      triggerConditions: {
        amountThreshold: null,
        currency: null,
        categories: [],
        agentIds: [],
        agentTypes: [],
        newRecipients: false,
        counterpartyTrustLevel: null,
      },
      requiredApprovals: 1,
      timeoutHours: 24,
      allowSelfApproval: false,
      approverRoles: ['OWNER', 'ADMIN'],
      specificApprovers: [],
      sequentialApproval: false,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('args: every field', async () => {
    const body = await create({
      name: 'Big SaaS',
      description: 'Two approvals for large SaaS spend',
      priority: 90,
      isActive: false,
      triggerConditions: {
        amountThreshold: 250.5,
        currency: 'USDC',
        categories: ['SAAS'],
        agentIds: ['cagent000000000000000001'],
        agentTypes: ['CUSTOM'],
        newRecipients: true,
        counterpartyTrustLevel: 'UNKNOWN',
      },
      requiredApprovals: 2,
      timeoutHours: 48,
      allowSelfApproval: true,
      approverRoles: ['OWNER'],
      specificApprovers: ['user_1', 'user_2'],
      sequentialApproval: true,
    })
    expect(body).toMatchObject({
      name: 'Big SaaS',
      description: 'Two approvals for large SaaS spend',
      priority: 90,
      isActive: false,
      triggerConditions: {
        amountThreshold: 250.5,
        currency: 'USDC',
        categories: ['SAAS'],
        agentIds: ['cagent000000000000000001'],
        agentTypes: ['CUSTOM'],
        newRecipients: true,
        counterpartyTrustLevel: 'UNKNOWN',
      },
      requiredApprovals: 2,
      timeoutHours: 48,
      allowSelfApproval: true,
      approverRoles: ['OWNER'],
      specificApprovers: ['user_1', 'user_2'],
      sequentialApproval: true,
    })
  })

  test('behavior: records an audit entry', async () => {
    const body = await create()
    const entries = auditEntries(body.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      action: 'CREATE',
      resource: 'approval_workflow',
      actorType: 'API',
      previousState: null,
      newState: expect.objectContaining({ name: 'Large payments' }),
    })
  })

  test('error: VALIDATION_ERROR for each invalid field', async () => {
    for (const body of [
      {},
      { name: '' },
      { name: 'x'.repeat(101) },
      { name: 'x', priority: 101 },
      { name: 'x', priority: 1.5 },
      { name: 'x', requiredApprovals: 0 },
      { name: 'x', requiredApprovals: 21 },
      { name: 'x', timeoutHours: 0 },
      { name: 'x', timeoutHours: 721 },
      { name: 'x', approverRoles: ['KING'] },
      { name: 'x', triggerConditions: { agentTypes: ['ROBOT'] } },
      { name: 'x', triggerConditions: { counterpartyTrustLevel: 'GREAT' } },
      { name: 'x', triggerConditions: { newRecipients: 'yes' } },
      { name: 'x', description: 'd'.repeat(501) },
      { name: 'x', isActive: 'true' },
    ]) {
      const res = await h.call('POST', '/api/approval-workflows', { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code, JSON.stringify(body)).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('error: INVALID_AMOUNT for a bad amountThreshold', async () => {
    for (const amountThreshold of [-1, 1.0000001, 'ten']) {
      const res = await h.call('POST', '/api/approval-workflows', {
        body: { name: 'x', triggerConditions: { amountThreshold } },
      })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('INVALID_AMOUNT')
      expect(res.body.issues[0].path).toEqual(['triggerConditions', 'amountThreshold'])
    }
  })

  test('error: CONFLICT for a duplicate name', async () => {
    const first = await create({ name: 'Dup' })
    const res = await h.call('POST', '/api/approval-workflows', { body: { name: 'Dup' } })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ code: 'CONFLICT', workflowId: first.id })
  })

  test('behavior: the same name in another organization is fine', async () => {
    await create({ name: 'Dup' })
    const other = h.createOtherOrganization()
    const res = await h.call('POST', '/api/approval-workflows', {
      key: other.key,
      body: { name: 'Dup' },
    })
    expect(res.status).toBe(201)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const res = await h.call('POST', '/api/approval-workflows', {
      key: readOnlyKey(),
      body: { name: 'x' },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: INSUFFICIENT_SCOPE with an agent key', async () => {
    const agent = h.createAgentWithKey({ keyType: 'admin' })
    const res = await h.call('POST', '/api/approval-workflows', {
      key: agent.key,
      body: { name: 'x' },
    })
    expect(res.status).toBe(403)
  })
})

describe('approvalWorkflows.list', () => {
  test('default', async () => {
    const low = await create({ name: 'Low', priority: 10 })
    const high = await create({ name: 'High', priority: 90 })
    const res = await h.call('GET', '/api/approval-workflows')
    expect(res.status).toBe(200)
    expect(res.body.workflows.map((w: { id: string }) => w.id)).toEqual([high.id, low.id])
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: isActive, limit, offset', async () => {
    await create({ name: 'A', priority: 90 })
    const b = await create({ name: 'B', priority: 80 })
    const inactive = await create({ name: 'C', isActive: false })
    const active = await h.call('GET', '/api/approval-workflows?isActive=true&limit=1&offset=1')
    expect(active.body.workflows.map((w: { id: string }) => w.id)).toEqual([b.id])
    expect(active.body.pagination).toEqual({ total: 2, limit: 1, offset: 1, hasMore: false })
    const first = await h.call('GET', '/api/approval-workflows?isActive=true&limit=1')
    expect(first.body.pagination.hasMore).toBe(true)
    const off = await h.call('GET', '/api/approval-workflows?isActive=false')
    expect(off.body.workflows.map((w: { id: string }) => w.id)).toEqual([inactive.id])
  })

  test("behavior: never lists another organization's workflows", async () => {
    await create()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/approval-workflows', { key: other.key })
    expect(res.body.workflows).toEqual([])
    expect(res.body.pagination.total).toBe(0)
  })

  test('behavior: a READ_ONLY key can list', async () => {
    const res = await h.call('GET', '/api/approval-workflows', { key: readOnlyKey() })
    expect(res.status).toBe(200)
  })

  test('error: VALIDATION_ERROR for a bad filter', async () => {
    for (const query of ['isActive=maybe', 'limit=0', 'limit=abc', 'offset=-1']) {
      const res = await h.call('GET', `/api/approval-workflows?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
    }
  })
})

describe('approvalWorkflows.retrieve', () => {
  test('default', async () => {
    const created = await create({ triggerConditions: { amountThreshold: 100 } })
    const res = await h.call('GET', `/api/approval-workflows/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(created)
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    const res = await h.call('GET', `/api/approval-workflows/${UNKNOWN_ID}`)
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's workflow", async () => {
    const created = await create()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/approval-workflows/${created.id}`, { key: other.key })
    expect(res.status).toBe(404)
  })

  test('error: VALIDATION_ERROR for a malformed id', async () => {
    const res = await h.call('GET', '/api/approval-workflows/bad%20id')
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
  })
})

describe('approvalWorkflows.update', () => {
  test('default', async () => {
    const created = await create({
      description: 'keep me',
      triggerConditions: { amountThreshold: 100, categories: ['SAAS'] },
    })
    h.clock.freeze(h.clock.now() + 60_000)
    const res = await h.call('PATCH', `/api/approval-workflows/${created.id}`, {
      body: { name: 'Renamed', requiredApprovals: 3, isActive: false },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      name: 'Renamed',
      description: 'keep me',
      requiredApprovals: 3,
      isActive: false,
      triggerConditions: { amountThreshold: 100, categories: ['SAAS'] },
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:01:00.000Z',
    })
  })

  test('behavior: triggerConditions replaces the stored set; description null clears it', async () => {
    const created = await create({
      description: 'd',
      triggerConditions: { amountThreshold: 100, categories: ['SAAS'] },
    })
    const res = await h.call('PATCH', `/api/approval-workflows/${created.id}`, {
      body: { description: null, triggerConditions: { newRecipients: true } },
    })
    expect(res.body.description).toBeNull()
    expect(res.body.triggerConditions).toEqual({
      amountThreshold: null,
      currency: null,
      categories: [],
      agentIds: [],
      agentTypes: [],
      newRecipients: true,
      counterpartyTrustLevel: null,
    })
  })

  test('behavior: records an audit entry with before and after', async () => {
    const created = await create()
    await h.call('PATCH', `/api/approval-workflows/${created.id}`, { body: { priority: 70 } })
    const update = auditEntries(created.id).find((entry) => entry.action === 'UPDATE')
    expect(update).toMatchObject({
      resource: 'approval_workflow',
      previousState: expect.objectContaining({ priority: 50 }),
      newState: expect.objectContaining({ priority: 70 }),
    })
  })

  test('behavior: keeping its own name is not a conflict', async () => {
    const created = await create({ name: 'Same' })
    const res = await h.call('PATCH', `/api/approval-workflows/${created.id}`, {
      body: { name: 'Same' },
    })
    expect(res.status).toBe(200)
  })

  test('error: CONFLICT when renaming onto another workflow', async () => {
    const a = await create({ name: 'A' })
    await create({ name: 'B' })
    const res = await h.call('PATCH', `/api/approval-workflows/${a.id}`, { body: { name: 'B' } })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test('error: VALIDATION_ERROR for invalid fields', async () => {
    const created = await create()
    for (const body of [
      { name: '' },
      { requiredApprovals: 0 },
      { timeoutHours: 1000 },
      { approverRoles: ['KING'] },
      { priority: -1 },
    ]) {
      const res = await h.call('PATCH', `/api/approval-workflows/${created.id}`, { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
    }
  })

  test('error: NOT_FOUND for unknown and foreign ids', async () => {
    const created = await create()
    const other = h.createOtherOrganization()
    const foreign = await h.call('PATCH', `/api/approval-workflows/${created.id}`, {
      key: other.key,
      body: { name: 'Stolen' },
    })
    expect(foreign.status).toBe(404)
    const unknown = await h.call('PATCH', `/api/approval-workflows/${UNKNOWN_ID}`, {
      body: { name: 'x' },
    })
    expect(unknown.status).toBe(404)
    const still = await h.call('GET', `/api/approval-workflows/${created.id}`)
    expect(still.body.name).toBe('Large payments')
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/approval-workflows/${created.id}`, {
      key: readOnlyKey(),
      body: { name: 'x' },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('approvalWorkflows.delete', () => {
  test('default', async () => {
    const created = await create()
    const res = await h.call('DELETE', `/api/approval-workflows/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ success: true })
    const gone = await h.call('GET', `/api/approval-workflows/${created.id}`)
    expect(gone.status).toBe(404)
    expect(auditEntries(created.id).map((entry) => entry.action)).toEqual(['CREATE', 'DELETE'])
  })

  test('error: NOT_FOUND for unknown and foreign ids', async () => {
    const created = await create()
    const other = h.createOtherOrganization()
    const foreign = await h.call('DELETE', `/api/approval-workflows/${created.id}`, {
      key: other.key,
    })
    expect(foreign.status).toBe(404)
    const unknown = await h.call('DELETE', `/api/approval-workflows/${UNKNOWN_ID}`)
    expect(unknown.status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('DELETE', `/api/approval-workflows/${created.id}`, {
      key: readOnlyKey(),
    })
    expect(res.status).toBe(403)
  })
})

describe('activeWorkflowsOf', () => {
  test('default', async () => {
    const low = await create({
      name: 'Low',
      priority: 10,
      requiredApprovals: 2,
      timeoutHours: 4,
      triggerConditions: { amountThreshold: 500.25, categories: ['SAAS'], newRecipients: false },
    })
    const high = await create({ name: 'High', priority: 90 })
    await create({ name: 'Off', isActive: false })
    const other = h.createOtherOrganization()
    await h.call('POST', '/api/approval-workflows', { key: other.key, body: { name: 'Theirs' } })
    expect(activeWorkflowsOf(h.db, h.organization.id)).toEqual([
      {
        id: high.id,
        name: 'High',
        priority: 90,
        isActive: true,
        createdAt: h.clock.now(),
        triggerConditions: {},
        requiredApprovals: 1,
        timeoutHours: 24,
      },
      {
        id: low.id,
        name: 'Low',
        priority: 10,
        isActive: true,
        createdAt: h.clock.now(),
        triggerConditions: { amountThreshold: 500.25, categories: ['SAAS'] },
        requiredApprovals: 2,
        timeoutHours: 4,
      },
    ])
  })

  test('behavior: empty for an organization without workflows', () => {
    expect(activeWorkflowsOf(h.db, h.organization.id)).toEqual([])
  })
})
