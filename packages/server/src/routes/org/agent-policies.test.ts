import { describe, expect, test } from 'vitest'
import { createAgent, insertPolicy, lastAudit, readOnlyKey } from '../../../test/agent-fixtures.js'
import { createHarness } from '../../../test/harness.js'
import { issueOrgApiKey } from '../../services/organizations.js'

const NOW = '2026-04-08T12:00:00.000Z'
const MISSING = 'cmissing000000000000000000'

describe('agents.assignPolicy', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h, { name: 'Buyer' })
    const policy = insertPolicy(h, { name: 'Caps' })
    const response = await h.call('POST', `/api/agents/${agent.id}/policies`, {
      body: { policyId: policy.id },
    })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      policyId: policy.id,
      agentId: agent.id,
      policy: {
        id: policy.id,
        name: 'Caps',
        description: null,
        policyType: 'SPEND_LIMIT',
        priority: 50,
        isActive: true,
        rules: [
          {
            id: expect.any(String),
            ruleType: 'MAX_AMOUNT',
            operator: 'LESS_THAN_OR_EQUAL',
            value: '200',
            action: 'ALLOW',
            createdAt: NOW,
          },
        ],
        agentPolicies: [{ id: response.body.id, agent: { id: agent.id, name: 'Buyer' } }],
        scope: 'assigned',
        createdAt: NOW,
        updatedAt: NOW,
      },
      createdAt: NOW,
    })
  })

  test('error: CONFLICT when already assigned', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    const path = `/api/agents/${agent.id}/policies`
    expect((await h.call('POST', path, { body: { policyId: policy.id } })).status).toBe(201)
    const response = await h.call('POST', path, { body: { policyId: policy.id } })
    expect(response.status).toBe(409)
    expect(response.body.code).toBe('CONFLICT')
  })

  test('error: NOT_FOUND for an unknown or foreign policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const agent = await createAgent(h)
    const theirs = insertPolicy(h, { organizationId: other.organization.id })
    for (const policyId of [MISSING, theirs.id]) {
      const response = await h.call('POST', `/api/agents/${agent.id}/policies`, {
        body: { policyId },
      })
      expect(response.status).toBe(404)
      expect(response.body.error).toContain('Policy')
    }
  })

  test('error: NOT_FOUND for an unknown or foreign agent', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    const policy = insertPolicy(h)
    for (const agentId of [MISSING, theirs.id]) {
      const response = await h.call('POST', `/api/agents/${agentId}/policies`, {
        body: { policyId: policy.id },
      })
      expect(response.status).toBe(404)
      expect(response.body.error).toContain('Agent')
    }
  })

  test.each([[{}], [{ policyId: '' }], [{ policyId: 'not an id!' }], [{ policyId: 42 }]])(
    'error: VALIDATION_ERROR for %j',
    async (body) => {
      const h = createHarness()
      const agent = await createAgent(h)
      const response = await h.call('POST', `/api/agents/${agent.id}/policies`, { body })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path).toEqual(['policyId'])
    },
  )

  test('error: INSUFFICIENT_SCOPE without policies:write', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    const agentsOnly = issueOrgApiKey(h.db, h.clock.now(), {
      organizationId: h.organization.id,
      name: 'Agents only',
      scopes: ['agents:read', 'agents:write'],
    }).key
    for (const key of [readOnlyKey(h), agentsOnly]) {
      const response = await h.call('POST', `/api/agents/${agent.id}/policies`, {
        key,
        body: { policyId: policy.id },
      })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })

  test('behavior: records an UPDATE audit entry on the agent', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    const entry = lastAudit(h)
    expect(entry).toMatchObject({ action: 'UPDATE', resource: 'agent', resourceId: agent.id })
    expect(entry?.metadata).toMatchObject({ change: 'policy_assigned', policyId: policy.id })
  })
})

describe('agents.listPolicies', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const empty = await h.call('GET', `/api/agents/${agent.id}/policies`)
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual({
      policies: [],
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
    })
    const policy = insertPolicy(h)
    const assigned = await h.call('POST', `/api/agents/${agent.id}/policies`, {
      body: { policyId: policy.id },
    })
    const response = await h.call('GET', `/api/agents/${agent.id}/policies`)
    expect(response.body).toEqual({
      policies: [assigned.body],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('behavior: highest priority first; the policy lists every agent it is assigned to', async () => {
    const h = createHarness()
    const agent = await createAgent(h, { name: 'A' })
    const peer = await createAgent(h, { name: 'B' })
    const low = insertPolicy(h, { name: 'Low', priority: 10 })
    const high = insertPolicy(h, { name: 'High', priority: 90 })
    for (const policy of [low, high]) {
      await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    }
    await h.call('POST', `/api/agents/${peer.id}/policies`, { body: { policyId: high.id } })
    const response = await h.call('GET', `/api/agents/${agent.id}/policies`)
    expect(
      response.body.policies.map((item: { policy: { name: string } }) => item.policy.name),
    ).toEqual(['High', 'Low'])
    expect(
      response.body.policies[0].policy.agentPolicies.map(
        (item: { agent: { name: string } }) => item.agent.name,
      ),
    ).toEqual(['A', 'B'])
    const page = await h.call('GET', `/api/agents/${agent.id}/policies?limit=1&offset=1`)
    expect(page.body.policies[0].policy.name).toBe('Low')
    expect(page.body.pagination).toEqual({ total: 2, limit: 1, offset: 1, hasMore: false })
  })

  test('behavior: a READ_ONLY key may list', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/policies`, {
      key: readOnlyKey(h),
    })
    expect(response.status).toBe(200)
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of [MISSING, theirs.id]) {
      expect((await h.call('GET', `/api/agents/${id}/policies`)).status).toBe(404)
    }
  })

  test('error: VALIDATION_ERROR for limit=abc', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/policies?limit=abc`)
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['limit'])
  })
})

describe('agents.unassignPolicy', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    const response = await h.call(
      'DELETE',
      `/api/agents/${agent.id}/policies?policyId=${policy.id}`,
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ success: true })
    const list = await h.call('GET', `/api/agents/${agent.id}/policies`)
    expect(list.body.policies).toEqual([])
    // The policy itself is untouched.
    expect(
      (await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } }))
        .status,
    ).toBe(201)
  })

  test('error: NOT_FOUND when the policy is not assigned', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    for (const policyId of [policy.id, MISSING]) {
      const response = await h.call(
        'DELETE',
        `/api/agents/${agent.id}/policies?policyId=${policyId}`,
      )
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    const policy = insertPolicy(h, { organizationId: other.organization.id })
    await h.call('POST', `/api/agents/${theirs.id}/policies`, {
      key: other.key,
      body: { policyId: policy.id },
    })
    for (const id of [MISSING, theirs.id]) {
      const response = await h.call('DELETE', `/api/agents/${id}/policies?policyId=${policy.id}`)
      expect(response.status).toBe(404)
    }
    const stillThere = await h.call('GET', `/api/agents/${theirs.id}/policies`, { key: other.key })
    expect(stillThere.body.pagination.total).toBe(1)
  })

  test('error: VALIDATION_ERROR without the policyId query parameter', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('DELETE', `/api/agents/${agent.id}/policies`)
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual(['policyId'])
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    const response = await h.call(
      'DELETE',
      `/api/agents/${agent.id}/policies?policyId=${policy.id}`,
      {
        key: readOnlyKey(h),
      },
    )
    expect(response.status).toBe(403)
  })

  test('behavior: records an UPDATE audit entry on the agent', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const policy = insertPolicy(h)
    await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    await h.call('DELETE', `/api/agents/${agent.id}/policies?policyId=${policy.id}`)
    const entry = lastAudit(h)
    expect(entry).toMatchObject({ action: 'UPDATE', resource: 'agent', resourceId: agent.id })
    expect(entry?.metadata).toMatchObject({ change: 'policy_unassigned', policyId: policy.id })
  })
})
