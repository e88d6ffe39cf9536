import { desc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import { auditLogs, policyRules } from '../../db/schema.js'
import { issueOrgApiKey } from '../../services/organizations.js'

const maxAmount = { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200', action: 'ALLOW' }
const dailyLimit = { ruleType: 'DAILY_LIMIT', operator: 'LESS_THAN_OR_EQUAL', value: 1000 }
const blocked = {
  ruleType: 'BLOCKED_CATEGORIES',
  operator: 'IN_LIST',
  value: ['GAMBLING', 'ADULT'],
  action: 'DENY',
}

function readOnlyKey(h: Harness): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key
}

function lastAudit(h: Harness) {
  return h.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, h.organization.id))
    .orderBy(desc(auditLogs.sequence))
    .limit(1)
    .get()
}

async function createPolicy(h: Harness, body: Record<string, unknown> = {}, key?: string) {
  const response = await h.call('POST', '/api/policies', {
    ...(key === undefined ? {} : { key }),
    body: { name: 'Spend limits', policyType: 'SPEND_LIMIT', ...body },
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}

describe('policies.create', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/policies', {
      body: { name: 'Spend limits', policyType: 'SPEND_LIMIT', rules: [maxAmount] },
    })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'Spend limits',
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
          createdAt: '2026-04-08T12:00:00.000Z',
        },
      ],
      agentPolicies: [],
      scope: 'org',
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('behavior: the §3.2 admin example with an admin-type agent SDK key', async () => {
    const h = createHarness()
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call('POST', '/api/policies', {
      key: admin.key,
      body: { name: 'Agent limits', policyType: 'SPEND_LIMIT', rules: [maxAmount] },
    })
    expect(response.status).toBe(201)
    expect(response.body.rules).toHaveLength(1)
    expect(lastAudit(h)).toMatchObject({
      action: 'CREATE',
      resource: 'policy',
      resourceId: response.body.id,
      actorType: 'AGENT',
      actorId: admin.agentId,
    })
  })

  test('behavior: native JSON values are stored and returned as strings, in order', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [blocked, dailyLimit, maxAmount] })
    expect(policy.rules.map((rule: { value: string }) => rule.value)).toEqual([
      '["GAMBLING","ADULT"]',
      '1000',
      '200',
    ])
    expect(policy.rules[1]).toMatchObject({ operator: 'LESS_THAN_OR_EQUAL', action: 'ALLOW' })
    const stored = h.db.select().from(policyRules).where(eq(policyRules.policyId, policy.id)).all()
    expect(stored.map((rule) => [rule.position, rule.value]).sort()).toEqual([
      [0, '["GAMBLING","ADULT"]'],
      [1, '1000'],
      [2, '200'],
    ])
  })

  test('args: description, priority, isActive; scope without agentIds stays org-wide', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, {
      description: 'Caps',
      priority: 90,
      isActive: false,
      scope: 'assigned',
    })
    // §2.3: a policy with no assignment is org-wide, whatever `scope` the body asked for.
    expect(policy).toMatchObject({
      description: 'Caps',
      priority: 90,
      isActive: false,
      scope: 'org',
    })
  })

  test('args: priority 0 and 100 are accepted', async () => {
    const h = createHarness()
    expect((await createPolicy(h, { priority: 0 })).priority).toBe(0)
    expect((await createPolicy(h, { priority: 100 })).priority).toBe(100)
  })

  test('args: agentIds assigns the policy and sets scope assigned', async () => {
    const h = createHarness()
    const a = h.createAgentWithKey({ name: 'Alpha' })
    const b = h.createAgentWithKey({ name: 'Beta' })
    const policy = await createPolicy(h, { agentIds: [a.agentId, b.agentId], scope: 'org' })
    expect(policy.scope).toBe('assigned')
    expect(policy.agentPolicies).toEqual([
      { id: expect.any(String), agent: { id: a.agentId, name: 'Alpha' } },
      { id: expect.any(String), agent: { id: b.agentId, name: 'Beta' } },
    ])
  })

  test('error: NOT_FOUND for an unknown agent id, and nothing is written', async () => {
    const h = createHarness()
    const a = h.createAgentWithKey()
    const other = h.createOtherOrganization()
    const foreign = h.createAgentWithKey({ organizationId: other.organization.id })
    for (const agentIds of [[a.agentId, 'missing'], [foreign.agentId]]) {
      const response = await h.call('POST', '/api/policies', {
        body: { name: 'P', policyType: 'SPEND_LIMIT', rules: [maxAmount], agentIds },
      })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    const list = await h.call('GET', '/api/policies')
    expect(list.body.policies).toEqual([])
    expect(h.db.select().from(policyRules).all()).toEqual([])
    expect(lastAudit(h)).toBeUndefined()
  })

  test('error: VALIDATION_ERROR for priority -1 and 101', async () => {
    const h = createHarness()
    for (const priority of [-1, 101, 50.5]) {
      const response = await h.call('POST', '/api/policies', {
        body: { name: 'P', policyType: 'SPEND_LIMIT', priority },
      })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path).toEqual(['priority'])
    }
  })

  test('error: VALIDATION_ERROR for an invalid rule value names the rule type', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/policies', {
      body: {
        name: 'P',
        policyType: 'SPEND_LIMIT',
        rules: [maxAmount, { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 'lots' }],
      },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.error).toContain('MAX_AMOUNT')
    expect(response.body.issues[0]).toMatchObject({ path: ['rules', 1, 'value'] })
    expect(response.body.issues[0].message).toContain('MAX_AMOUNT')
  })

  test('error: VALIDATION_ERROR for missing name, bad policyType, operator, action', async () => {
    const h = createHarness()
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ policyType: 'SPEND_LIMIT' }, ['name']],
      [{ name: 'P', policyType: 'NOPE' }, ['policyType']],
      [
        { name: 'P', policyType: 'SPEND_LIMIT', rules: [{ ...maxAmount, operator: 'IN_LIST' }] },
        ['rules', 0, 'operator'],
      ],
      [
        { name: 'P', policyType: 'SPEND_LIMIT', rules: [{ ...maxAmount, action: 'MAYBE' }] },
        ['rules', 0, 'action'],
      ],
      [{ name: 'P', policyType: 'SPEND_LIMIT', agentIds: 'x' }, ['agentIds']],
    ]
    for (const [body, path] of cases) {
      const response = await h.call('POST', '/api/policies', { body })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path).toEqual(path)
    }
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY org key and a standard agent key', async () => {
    const h = createHarness()
    const standard = h.createAgentWithKey()
    for (const key of [readOnlyKey(h), standard.key]) {
      const response = await h.call('POST', '/api/policies', {
        key,
        body: { name: 'P', policyType: 'SPEND_LIMIT' },
      })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})

describe('policies.list', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/policies')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      policies: [],
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('behavior: policies with rules in order and assignments, highest priority first', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ name: 'Shopper' })
    const low = await createPolicy(h, { name: 'Low', priority: 10, rules: [maxAmount, blocked] })
    const high = await createPolicy(h, { name: 'High', priority: 80, agentIds: [agent.agentId] })
    const response = await h.call('GET', '/api/policies')
    expect(response.body.policies.map((p: { id: string }) => p.id)).toEqual([high.id, low.id])
    expect(response.body.policies[1].rules.map((r: { ruleType: string }) => r.ruleType)).toEqual([
      'MAX_AMOUNT',
      'BLOCKED_CATEGORIES',
    ])
    expect(response.body.policies[0].agentPolicies).toEqual([
      { id: expect.any(String), agent: { id: agent.agentId, name: 'Shopper' } },
    ])
  })

  test('args: isActive, policyType, agentId', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const active = await createPolicy(h, { name: 'A', policyType: 'SPEND_LIMIT' })
    const inactive = await createPolicy(h, { name: 'I', policyType: 'CATEGORY', isActive: false })
    const assigned = await createPolicy(h, {
      name: 'S',
      policyType: 'CATEGORY',
      agentIds: [agent.agentId],
    })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/policies?${query}`)).body.policies
        .map((p: { id: string }) => p.id)
        .sort()
    expect(await ids('isActive=false')).toEqual([inactive.id])
    expect(await ids('isActive=true')).toEqual([active.id, assigned.id].sort())
    expect(await ids('policyType=CATEGORY')).toEqual([inactive.id, assigned.id].sort())
    expect(await ids(`agentId=${agent.agentId}`)).toEqual([assigned.id])
    expect(await ids('agentId=unknown')).toEqual([])
  })

  test('args: limit and offset', async () => {
    const h = createHarness()
    for (const name of ['A', 'B', 'C']) await createPolicy(h, { name })
    const response = await h.call('GET', '/api/policies?limit=2&offset=1')
    expect(response.body.policies.map((p: { name: string }) => p.name)).toEqual(['B', 'C'])
    expect(response.body.pagination).toEqual({ total: 3, limit: 2, offset: 1, hasMore: false })
    const first = await h.call('GET', '/api/policies?limit=2')
    expect(first.body.pagination.hasMore).toBe(true)
  })

  test('behavior: another organization’s policies are never listed', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    await createPolicy(h, { name: 'Theirs' }, other.key)
    const response = await h.call('GET', '/api/policies')
    expect(response.body.policies).toEqual([])
  })

  test('behavior: READ_ONLY org keys and admin agent keys may list', async () => {
    const h = createHarness()
    await createPolicy(h)
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    for (const key of [readOnlyKey(h), admin.key]) {
      const response = await h.call('GET', '/api/policies', { key })
      expect(response.status).toBe(200)
      expect(response.body.policies).toHaveLength(1)
    }
  })

  test('error: INSUFFICIENT_SCOPE for a standard agent key', async () => {
    const h = createHarness()
    const standard = h.createAgentWithKey()
    const response = await h.call('GET', '/api/policies', { key: standard.key })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: VALIDATION_ERROR for a bad filter', async () => {
    const h = createHarness()
    for (const query of ['policyType=NOPE', 'isActive=maybe', 'limit=0', 'limit=0', 'offset=-1']) {
      const response = await h.call('GET', `/api/policies?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues.length).toBeGreaterThan(0)
    }
  })
})

describe('policies.retrieve', () => {
  test('default', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const response = await h.call('GET', `/api/policies/${policy.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual(policy)
  })

  test('behavior: an admin agent key may retrieve', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call('GET', `/api/policies/${policy.id}`, { key: admin.key })
    expect(response.status).toBe(200)
  })

  test('error: NOT_FOUND for an unknown id and another organization’s policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, {}, other.key)
    for (const id of ['unknown', theirs.id]) {
      const response = await h.call('GET', `/api/policies/${id}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: INSUFFICIENT_SCOPE for a standard agent key', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const standard = h.createAgentWithKey()
    const response = await h.call('GET', `/api/policies/${policy.id}`, { key: standard.key })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('policies.update', () => {
  test('default', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { description: 'Old', rules: [maxAmount] })
    h.clock.freeze(START + 60_000)
    const response = await h.call('PATCH', `/api/policies/${policy.id}`, {
      body: {
        name: 'Renamed',
        description: null,
        priority: 70,
        isActive: false,
        policyType: 'COMPOSITE',
      },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      ...policy,
      name: 'Renamed',
      description: null,
      priority: 70,
      isActive: false,
      policyType: 'COMPOSITE',
      updatedAt: '2026-04-08T12:01:00.000Z',
    })
    expect(lastAudit(h)).toMatchObject({
      action: 'UPDATE',
      resource: 'policy',
      resourceId: policy.id,
      actorType: 'API',
      previousState: expect.objectContaining({ name: 'Spend limits' }),
      newState: expect.objectContaining({ name: 'Renamed' }),
    })
  })

  test('behavior: an empty body changes nothing', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const response = await h.call('PATCH', `/api/policies/${policy.id}`, { body: {} })
    expect(response.status).toBe(200)
    expect(response.body).toEqual(policy)
  })

  test('behavior: an admin agent key may update', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call('PATCH', `/api/policies/${policy.id}`, {
      key: admin.key,
      body: { priority: 0 },
    })
    expect(response.status).toBe(200)
    expect(response.body.priority).toBe(0)
  })

  test('error: VALIDATION_ERROR for priority out of range and a bad name', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    for (const body of [{ priority: 101 }, { priority: -1 }, { name: '' }, { isActive: 'yes' }]) {
      const response = await h.call('PATCH', `/api/policies/${policy.id}`, { body })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path).toEqual([Object.keys(body)[0]])
    }
  })

  test('error: NOT_FOUND for an unknown id and another organization’s policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, {}, other.key)
    for (const id of ['unknown', theirs.id]) {
      const response = await h.call('PATCH', `/api/policies/${id}`, { body: { name: 'X' } })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    const still = await h.call('GET', `/api/policies/${theirs.id}`, { key: other.key })
    expect(still.body.name).toBe('Spend limits')
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key and a standard agent key', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    for (const key of [readOnlyKey(h), h.createAgentWithKey().key]) {
      const response = await h.call('PATCH', `/api/policies/${policy.id}`, {
        key,
        body: { name: 'X' },
      })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})

describe('policies.delete', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const policy = await createPolicy(h, { rules: [maxAmount], agentIds: [agent.agentId] })
    const response = await h.call('DELETE', `/api/policies/${policy.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ success: true })
    expect((await h.call('GET', `/api/policies/${policy.id}`)).status).toBe(404)
    expect(h.db.select().from(policyRules).all()).toEqual([])
    expect(lastAudit(h)).toMatchObject({
      action: 'DELETE',
      resource: 'policy',
      resourceId: policy.id,
      previousState: expect.objectContaining({ id: policy.id }),
    })
  })

  test('behavior: an admin agent key may delete', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call('DELETE', `/api/policies/${policy.id}`, { key: admin.key })
    expect(response.status).toBe(200)
  })

  test('error: NOT_FOUND for an unknown id and another organization’s policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, {}, other.key)
    for (const id of ['unknown', theirs.id]) {
      const response = await h.call('DELETE', `/api/policies/${id}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect((await h.call('GET', `/api/policies/${theirs.id}`, { key: other.key })).status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key and a standard agent key', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    for (const key of [readOnlyKey(h), h.createAgentWithKey().key]) {
      const response = await h.call('DELETE', `/api/policies/${policy.id}`, { key })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})

describe('policies.listRules', () => {
  test('default', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [blocked, maxAmount] })
    const response = await h.call('GET', `/api/policies/${policy.id}/rules`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      rules: policy.rules,
      pagination: { total: 2, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('args: limit and offset page through the rules in evaluation order', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [blocked, maxAmount] })
    const first = await h.call('GET', `/api/policies/${policy.id}/rules?limit=1`)
    expect(first.body).toEqual({
      rules: [policy.rules[0]],
      pagination: { total: 2, limit: 1, offset: 0, hasMore: true },
    })
    const second = await h.call('GET', `/api/policies/${policy.id}/rules?limit=1&offset=1`)
    expect(second.body.rules).toEqual([policy.rules[1]])
    expect(second.body.pagination.hasMore).toBe(false)
    const bad = await h.call('GET', `/api/policies/${policy.id}/rules?limit=abc`)
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('VALIDATION_ERROR')
  })

  test('behavior: an admin agent key may list rules; a standard one may not', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    expect(
      (await h.call('GET', `/api/policies/${policy.id}/rules`, { key: admin.key })).status,
    ).toBe(200)
    const standard = await h.call('GET', `/api/policies/${policy.id}/rules`, {
      key: h.createAgentWithKey().key,
    })
    expect(standard.status).toBe(403)
    expect(standard.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: NOT_FOUND for an unknown id and another organization’s policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, { rules: [maxAmount] }, other.key)
    for (const id of ['unknown', theirs.id]) {
      const response = await h.call('GET', `/api/policies/${id}/rules`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })
})

describe('policies.addRules', () => {
  test('default', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const response = await h.call('POST', `/api/policies/${policy.id}/rules`, { body: blocked })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      rules: [
        {
          id: expect.any(String),
          ruleType: 'BLOCKED_CATEGORIES',
          operator: 'IN_LIST',
          value: '["GAMBLING","ADULT"]',
          action: 'DENY',
          createdAt: '2026-04-08T12:00:00.000Z',
        },
      ],
    })
    expect(lastAudit(h)).toMatchObject({
      action: 'CREATE',
      resource: 'policy_rule',
      resourceId: response.body.rules[0].id,
    })
  })

  test('behavior: { rules: [...] } appends after the existing rules, in order', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const response = await h.call('POST', `/api/policies/${policy.id}/rules`, {
      body: { rules: [dailyLimit, blocked] },
    })
    expect(response.status).toBe(201)
    expect(response.body.rules.map((r: { ruleType: string }) => r.ruleType)).toEqual([
      'DAILY_LIMIT',
      'BLOCKED_CATEGORIES',
    ])
    const rules = await h.call('GET', `/api/policies/${policy.id}/rules`)
    expect(rules.body.rules.map((r: { ruleType: string }) => r.ruleType)).toEqual([
      'MAX_AMOUNT',
      'DAILY_LIMIT',
      'BLOCKED_CATEGORIES',
    ])
  })

  test('behavior: an admin agent key may add rules', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call('POST', `/api/policies/${policy.id}/rules`, {
      key: admin.key,
      body: maxAmount,
    })
    expect(response.status).toBe(201)
  })

  test('error: VALIDATION_ERROR for a bad rule, an empty list and a full policy', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const bad = await h.call('POST', `/api/policies/${policy.id}/rules`, {
      body: { ruleType: 'ALLOWED_CATEGORIES', operator: 'IN_LIST', value: 'GAMBLING' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('VALIDATION_ERROR')
    expect(bad.body.error).toContain('ALLOWED_CATEGORIES')
    const empty = await h.call('POST', `/api/policies/${policy.id}/rules`, { body: { rules: [] } })
    expect(empty.status).toBe(400)
    expect(empty.body.issues[0].path).toEqual(['rules'])
    const fifty = Array.from({ length: 50 }, () => maxAmount)
    for (let i = 0; i < 2; i++) {
      const ok = await h.call('POST', `/api/policies/${policy.id}/rules`, {
        body: { rules: fifty },
      })
      expect(ok.status).toBe(201)
    }
    const full = await h.call('POST', `/api/policies/${policy.id}/rules`, { body: maxAmount })
    expect(full.status).toBe(400)
    expect(full.body.code).toBe('VALIDATION_ERROR')
    expect(full.body.issues[0].path).toEqual(['rules'])
  })

  test('error: NOT_FOUND for an unknown id and another organization’s policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, {}, other.key)
    for (const id of ['unknown', theirs.id]) {
      const response = await h.call('POST', `/api/policies/${id}/rules`, { body: maxAmount })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect(h.db.select().from(policyRules).all()).toEqual([])
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key and a standard agent key', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    for (const key of [readOnlyKey(h), h.createAgentWithKey().key]) {
      const response = await h.call('POST', `/api/policies/${policy.id}/rules`, {
        key,
        body: maxAmount,
      })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})

describe('policies.setRules', () => {
  test('default', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount, dailyLimit] })
    const response = await h.call('PUT', `/api/policies/${policy.id}/rules`, {
      body: { rules: [blocked, { ...maxAmount, value: 50 }, dailyLimit] },
    })
    expect(response.status).toBe(200)
    expect(
      response.body.rules.map((r: { ruleType: string; value: string }) => [r.ruleType, r.value]),
    ).toEqual([
      ['BLOCKED_CATEGORIES', '["GAMBLING","ADULT"]'],
      ['MAX_AMOUNT', '50'],
      ['DAILY_LIMIT', '1000'],
    ])
    const stored = await h.call('GET', `/api/policies/${policy.id}`)
    expect(stored.body.rules).toEqual(response.body.rules)
    expect(lastAudit(h)).toMatchObject({
      action: 'UPDATE',
      resource: 'policy',
      resourceId: policy.id,
      previousState: { rules: policy.rules },
      newState: { rules: response.body.rules },
    })
  })

  test('behavior: an empty list removes every rule', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const response = await h.call('PUT', `/api/policies/${policy.id}/rules`, {
      body: { rules: [] },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ rules: [] })
  })

  test('behavior: an invalid rule changes nothing', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const response = await h.call('PUT', `/api/policies/${policy.id}/rules`, {
      body: { rules: [dailyLimit, { ruleType: 'DAILY_LIMIT', operator: 'LTE', value: -5 }] },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.error).toContain('DAILY_LIMIT')
    const rules = await h.call('GET', `/api/policies/${policy.id}/rules`)
    expect(rules.body.rules).toEqual(policy.rules)
  })

  test('behavior: an admin agent key may replace rules', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call('PUT', `/api/policies/${policy.id}/rules`, {
      key: admin.key,
      body: { rules: [maxAmount] },
    })
    expect(response.status).toBe(200)
  })

  test('error: VALIDATION_ERROR without rules', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    const response = await h.call('PUT', `/api/policies/${policy.id}/rules`, { body: {} })
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['rules'])
  })

  test('error: NOT_FOUND for an unknown id and another organization’s policy', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, { rules: [maxAmount] }, other.key)
    for (const id of ['unknown', theirs.id]) {
      const response = await h.call('PUT', `/api/policies/${id}/rules`, { body: { rules: [] } })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect(h.db.select().from(policyRules).all()).toHaveLength(1)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key and a standard agent key', async () => {
    const h = createHarness()
    const policy = await createPolicy(h)
    for (const key of [readOnlyKey(h), h.createAgentWithKey().key]) {
      const response = await h.call('PUT', `/api/policies/${policy.id}/rules`, {
        key,
        body: { rules: [] },
      })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})

describe('policies.deleteRule', () => {
  test('default', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount, dailyLimit, blocked] })
    const ruleId = policy.rules[1].id
    const response = await h.call('DELETE', `/api/policies/${policy.id}/rules/${ruleId}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ success: true })
    const rules = await h.call('GET', `/api/policies/${policy.id}/rules`)
    expect(rules.body.rules).toEqual([policy.rules[0], policy.rules[2]])
    expect(lastAudit(h)).toMatchObject({
      action: 'DELETE',
      resource: 'policy_rule',
      resourceId: ruleId,
    })
  })

  test('behavior: an admin agent key may delete a rule', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const response = await h.call(
      'DELETE',
      `/api/policies/${policy.id}/rules/${policy.rules[0].id}`,
      {
        key: admin.key,
      },
    )
    expect(response.status).toBe(200)
  })

  test('error: NOT_FOUND for an unknown rule, a rule of another policy, another organization', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    const sibling = await createPolicy(h, { rules: [maxAmount] })
    const other = h.createOtherOrganization()
    const theirs = await createPolicy(h, { rules: [maxAmount] }, other.key)
    const paths = [
      `/api/policies/${policy.id}/rules/unknown`,
      `/api/policies/${policy.id}/rules/${sibling.rules[0].id}`,
      `/api/policies/${theirs.id}/rules/${theirs.rules[0].id}`,
      `/api/policies/${policy.id}/rules/${theirs.rules[0].id}`,
    ]
    for (const path of paths) {
      const response = await h.call('DELETE', path)
      expect(response.status, path).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect(h.db.select().from(policyRules).all()).toHaveLength(3)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key and a standard agent key', async () => {
    const h = createHarness()
    const policy = await createPolicy(h, { rules: [maxAmount] })
    for (const key of [readOnlyKey(h), h.createAgentWithKey().key]) {
      const response = await h.call(
        'DELETE',
        `/api/policies/${policy.id}/rules/${policy.rules[0].id}`,
        {
          key,
        },
      )
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})
