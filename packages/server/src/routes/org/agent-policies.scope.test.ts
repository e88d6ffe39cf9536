import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  PAYMENT_SCOPES,
  requestPayment,
  setupAgent as setupPaymentAgent,
} from '../../../test/payment-fixtures.js'

/**
 * §2.3 "Agent ↔ policy assignment": a policy with no assignment is org-wide; once it has one it
 * applies to its assigned agents only (and reads `scope: "assigned"`), and it is org-wide again
 * when its last assignment goes — however the assignments came and went (`agentIds` at creation,
 * `POST`/`DELETE /api/agents/{agentId}/policies`, the agent's deletion).
 */

/** At most 1 per payment: a 5-unit request breaks it. */
const tinyCap = { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '1', action: 'ALLOW' }

/** A funded, linked agent whose key may also read its effective policies. */
function setupAgent(h: Harness) {
  return setupPaymentAgent(h, { scopes: [...PAYMENT_SCOPES, 'policies:read'] })
}

async function createCapPolicy(h: Harness, body: Record<string, unknown> = {}): Promise<string> {
  const created = await h.call('POST', '/api/policies', {
    body: { name: 'Tiny cap', policyType: 'SPEND_LIMIT', rules: [tinyCap], ...body },
  })
  expect(created.status, created.text).toBe(201)
  return created.body.id
}

async function assign(h: Harness, agentId: string, policyId: string) {
  const response = await h.call('POST', `/api/agents/${agentId}/policies`, {
    body: { policyId },
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}

async function unassign(h: Harness, agentId: string, policyId: string) {
  const response = await h.call('DELETE', `/api/agents/${agentId}/policies?policyId=${policyId}`)
  expect(response.status, response.text).toBe(200)
}

/** The decision on a 5-unit payment request by the agent. */
async function decisionOf(h: Harness, agent: { key: string }): Promise<string> {
  const response = await requestPayment(h, agent.key, { amount: 5 })
  expect(response.status, response.text).toBe(200)
  return response.body.status
}

/** The policy's `scope` on every read that returns it (all must agree). */
async function scopesOf(
  h: Harness,
  policyId: string,
  agents: readonly { agentId: string; key: string }[],
): Promise<string[]> {
  const scopes: string[] = []
  const one = await h.call('GET', `/api/policies/${policyId}`)
  scopes.push(one.body.scope)
  const list = await h.call('GET', '/api/policies')
  for (const policy of list.body.policies) if (policy.id === policyId) scopes.push(policy.scope)
  for (const agent of agents) {
    const assigned = await h.call('GET', `/api/agents/${agent.agentId}/policies`)
    for (const entry of assigned.body.policies) {
      if (entry.policy.id === policyId) scopes.push(entry.policy.scope)
    }
    const effective = await h.call('GET', '/api/sdk/policies', { key: agent.key })
    for (const policy of effective.body.policies) {
      if (policy.id === policyId) scopes.push(policy.scope)
    }
  }
  return [...new Set(scopes)]
}

/** Whether the policy is among the agent's effective policies (`GET /api/sdk/policies`). */
async function inEffect(h: Harness, agent: { key: string }, policyId: string): Promise<boolean> {
  const response = await h.call('GET', '/api/sdk/policies', { key: agent.key })
  expect(response.status, response.text).toBe(200)
  return response.body.policies.some((policy: { id: string }) => policy.id === policyId)
}

describe('agents.assignPolicy: assignment scope', () => {
  test('behavior: an org-wide policy assigned afterwards stops applying to unassigned agents', async () => {
    const h = createHarness()
    const assigned = await setupAgent(h)
    const other = await setupAgent(h)
    const policyId = await createCapPolicy(h)
    // Org-wide while unassigned: it binds every agent.
    expect(await decisionOf(h, other)).toBe('DENIED')

    await assign(h, assigned.agentId, policyId)
    expect(await decisionOf(h, other)).toBe('APPROVED')
    expect(await decisionOf(h, assigned)).toBe('DENIED')
    expect(await inEffect(h, other, policyId)).toBe(false)
    expect(await inEffect(h, assigned, policyId)).toBe(true)
  })

  test('behavior: scope reads "assigned" after assignment and "org" after the last unassignment', async () => {
    const h = createHarness()
    const first = await setupAgent(h)
    const second = await setupAgent(h)
    const outsider = await setupAgent(h)
    const agents = [first, second, outsider]
    const policyId = await createCapPolicy(h)
    expect(await scopesOf(h, policyId, agents)).toEqual(['org'])

    const response = await assign(h, first.agentId, policyId)
    expect(response.policy.scope).toBe('assigned')
    await assign(h, second.agentId, policyId)
    expect(await scopesOf(h, policyId, agents)).toEqual(['assigned'])

    // One assignment left: still only for its agent.
    await unassign(h, first.agentId, policyId)
    expect(await scopesOf(h, policyId, agents)).toEqual(['assigned'])
    expect(await decisionOf(h, first)).toBe('APPROVED')
    expect(await decisionOf(h, outsider)).toBe('APPROVED')
    expect(await decisionOf(h, second)).toBe('DENIED')

    // No assignment left: org-wide again.
    await unassign(h, second.agentId, policyId)
    expect(await scopesOf(h, policyId, agents)).toEqual(['org'])
    for (const agent of agents) {
      expect(await inEffect(h, agent, policyId)).toBe(true)
      expect(await decisionOf(h, agent)).toBe('DENIED')
    }
  })

  test('behavior: a policy created with agentIds behaves the same', async () => {
    const h = createHarness()
    const assigned = await setupAgent(h)
    const other = await setupAgent(h)
    const agents = [assigned, other]
    const policyId = await createCapPolicy(h, { agentIds: [assigned.agentId], scope: 'assigned' })
    expect(await scopesOf(h, policyId, agents)).toEqual(['assigned'])
    expect(await decisionOf(h, other)).toBe('APPROVED')
    expect(await decisionOf(h, assigned)).toBe('DENIED')

    await unassign(h, assigned.agentId, policyId)
    expect(await scopesOf(h, policyId, agents)).toEqual(['org'])
    expect(await decisionOf(h, other)).toBe('DENIED')
    expect(await decisionOf(h, assigned)).toBe('DENIED')

    await assign(h, assigned.agentId, policyId)
    expect(await scopesOf(h, policyId, agents)).toEqual(['assigned'])
    expect(await decisionOf(h, other)).toBe('APPROVED')
  })

  test('behavior: deleting the last assigned agent leaves the policy org-wide', async () => {
    const h = createHarness()
    const doomed = await setupAgent(h)
    const other = await setupAgent(h)
    const policyId = await createCapPolicy(h, { agentIds: [doomed.agentId] })
    expect(await decisionOf(h, other)).toBe('APPROVED')

    const deleted = await h.call('DELETE', `/api/agents/${doomed.agentId}`)
    expect(deleted.status, deleted.text).toBe(200)
    expect(await scopesOf(h, policyId, [other])).toEqual(['org'])
    expect(await decisionOf(h, other)).toBe('DENIED')
  })

  test('behavior: scope in a PATCH body does not change who the policy applies to', async () => {
    const h = createHarness()
    const assigned = await setupAgent(h)
    const other = await setupAgent(h)
    const policyId = await createCapPolicy(h, { agentIds: [assigned.agentId] })
    const patched = await h.call('PATCH', `/api/policies/${policyId}`, { body: { scope: 'org' } })
    expect(patched.status, patched.text).toBe(200)
    expect(patched.body.scope).toBe('assigned')
    expect(await decisionOf(h, other)).toBe('APPROVED')
  })
})
