import { describe, expect, test } from 'vitest'
import { createHarness } from '../../../test/harness.js'

function setup() {
  const harness = createHarness()
  const agent = harness.createAgentWithKey({ scopes: ['policies:read', 'policies:exceptions'] })
  return { ...harness, agent }
}

async function createPolicy(harness: ReturnType<typeof setup>) {
  const response = await harness.call('POST', '/api/policies', {
    body: {
      name: 'Caps',
      policyType: 'SPEND_LIMIT',
      rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '100' }],
    },
  })
  return response.body as { id: string; rules: Array<{ id: string }> }
}

describe('sdkPolicyExceptions.create', () => {
  test('default', async () => {
    const harness = setup()
    const policy = await createPolicy(harness)
    const response = await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: harness.agent.key,
      body: {
        policyId: policy.id,
        ruleId: policy.rules[0]?.id,
        reason: 'One-off GPU purchase',
        amount: 250,
      },
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      agentId: harness.agent.agentId,
      policyId: policy.id,
      reason: 'One-off GPU purchase',
      amount: 250,
      status: 'PENDING',
      expiresAt: null,
    })
    const audit = await harness.call('GET', `/api/audit-logs?resourceId=${policy.id}`)
    if (audit.status === 200) expect(JSON.stringify(audit.body)).toContain(response.body.id)
  })

  test('error: VALIDATION_ERROR without a reason, or ruleId without policyId, or an expiry in the past', async () => {
    const harness = setup()
    const call = (body: unknown) =>
      harness.call('POST', '/api/sdk/policy-exceptions', { key: harness.agent.key, body })
    expect((await call({})).body.code).toBe('VALIDATION_ERROR')
    expect((await call({ reason: 'x', ruleId: 'r1' })).body.code).toBe('VALIDATION_ERROR')
    expect((await call({ reason: 'x', expiresAt: '2020-01-01T00:00:00Z' })).body.code).toBe(
      'VALIDATION_ERROR',
    )
  })

  test('error: INVALID_AMOUNT', async () => {
    const harness = setup()
    const response = await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: harness.agent.key,
      body: { reason: 'x', amount: 0 },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_AMOUNT')
  })

  test('error: NOT_FOUND for another organization’s policy', async () => {
    const harness = setup()
    const other = harness.createOtherOrganization()
    const policy = await harness.call('POST', '/api/policies', {
      key: other.key,
      body: { name: 'Theirs', policyType: 'SPEND_LIMIT' },
    })
    const response = await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: harness.agent.key,
      body: { policyId: policy.body.id, reason: 'x' },
    })
    expect(response.status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE without policies:exceptions', async () => {
    const harness = setup()
    const standard = harness.createAgentWithKey()
    const response = await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: standard.key,
      body: { reason: 'x' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('sdkPolicyExceptions.list', () => {
  test('default: only the calling agent’s, newest first, filtered', async () => {
    const harness = setup()
    const other = harness.createAgentWithKey({ scopes: ['policies:exceptions'] })
    await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: harness.agent.key,
      body: { reason: 'first' },
    })
    harness.clock.freeze(harness.clock.now() + 1000)
    await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: harness.agent.key,
      body: { reason: 'second' },
    })
    await harness.call('POST', '/api/sdk/policy-exceptions', {
      key: other.key,
      body: { reason: 'not mine' },
    })
    const response = await harness.call('GET', '/api/sdk/policy-exceptions?limit=10', {
      key: harness.agent.key,
    })
    expect(response.status).toBe(200)
    expect(response.body.exceptions.map((e: { reason: string }) => e.reason)).toEqual([
      'second',
      'first',
    ])
    expect(response.body.pagination).toEqual({ total: 2, limit: 10, offset: 0, hasMore: false })
    const pending = await harness.call('GET', '/api/sdk/policy-exceptions?status=APPROVED', {
      key: harness.agent.key,
    })
    expect(pending.body.exceptions).toEqual([])
  })
})
