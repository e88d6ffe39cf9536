import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { agentWalletLinks, wallets } from '../../db/schema.js'
import { createId } from '../../ids.js'

const maxAmount = { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200' }

async function createPolicy(h: Harness, body: Record<string, unknown>, key?: string) {
  const response = await h.call('POST', '/api/policies', {
    ...(key === undefined ? {} : { key }),
    body: { policyType: 'SPEND_LIMIT', ...body },
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}

/** Inserts a wallet of `organizationId`, linked to `agentId` when given. */
function insertWallet(h: Harness, organizationId: string, agentId?: string): string {
  const now = h.clock.now()
  const walletId = createId()
  h.db
    .insert(wallets)
    .values({
      id: walletId,
      organizationId,
      name: 'Wallet',
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: 'PRIVY',
      currency: 'pathUSD',
      status: 'ACTIVE',
      enforcementMode: 'DELEGATED',
      createdAt: now,
      updatedAt: now,
    })
    .run()
  if (agentId) {
    h.db
      .insert(agentWalletLinks)
      .values({
        id: createId(),
        organizationId,
        agentId,
        walletId,
        delegationType: 'LIMITED',
        allowedHoursStart: 0,
        allowedHoursEnd: 24,
        allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
        timezone: 'UTC',
        createdAt: now,
        updatedAt: now,
      })
      .run()
  }
  return walletId
}

const names = (body: { policies: { name: string }[] }) => body.policies.map((p) => p.name)

describe('sdkPolicies.list', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ name: 'Shopper' })
    const policy = await createPolicy(h, {
      name: 'Mine',
      rules: [maxAmount],
      agentIds: [agent.agentId],
    })
    const response = await h.call('GET', '/api/sdk/policies', { key: agent.key })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      policies: [policy],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('behavior: assigned plus org-wide active policies, priority descending then oldest first', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const someone = h.createAgentWithKey()
    await createPolicy(h, { name: 'Org low', priority: 10 })
    await createPolicy(h, { name: 'Mine high', priority: 90, agentIds: [agent.agentId] })
    await createPolicy(h, { name: 'Org mid', priority: 50 })
    await createPolicy(h, {
      name: 'Mine mid',
      priority: 50,
      agentIds: [agent.agentId, someone.agentId],
    })
    await createPolicy(h, { name: 'Theirs', priority: 100, agentIds: [someone.agentId] })
    await createPolicy(h, { name: 'Inactive org', isActive: false })
    await createPolicy(h, { name: 'Inactive mine', isActive: false, agentIds: [agent.agentId] })
    // No assignment = org-wide (§2.3), even when the body asked for `scope: "assigned"`.
    await createPolicy(h, { name: 'Unassigned', scope: 'assigned' })
    const other = h.createOtherOrganization()
    await createPolicy(h, { name: 'Other org' }, other.key)

    const response = await h.call('GET', '/api/sdk/policies', { key: agent.key })
    expect(names(response.body)).toEqual([
      'Mine high',
      'Org mid',
      'Mine mid',
      'Unassigned',
      'Org low',
    ])
    expect(response.body.pagination.total).toBe(5)
  })

  test('args: limit and offset', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    for (const name of ['A', 'B', 'C']) await createPolicy(h, { name })
    const response = await h.call('GET', '/api/sdk/policies?limit=1&offset=1', { key: agent.key })
    expect(names(response.body)).toEqual(['B'])
    expect(response.body.pagination).toEqual({ total: 3, limit: 1, offset: 1, hasMore: true })
  })

  test('args: walletId of a linked wallet', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const walletId = insertWallet(h, h.organization.id, agent.agentId)
    await createPolicy(h, { name: 'Org' })
    const response = await h.call('GET', `/api/sdk/policies?walletId=${walletId}`, {
      key: agent.key,
    })
    expect(response.status).toBe(200)
    expect(names(response.body)).toEqual(['Org'])
  })

  test('error: NOT_FOUND for a wallet that is not linked to the agent', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const someone = h.createAgentWithKey()
    const other = h.createOtherOrganization()
    const wallets = [
      'unknown',
      insertWallet(h, h.organization.id),
      insertWallet(h, h.organization.id, someone.agentId),
      insertWallet(h, other.organization.id),
    ]
    for (const walletId of wallets) {
      const response = await h.call('GET', `/api/sdk/policies?walletId=${walletId}`, {
        key: agent.key,
      })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: VALIDATION_ERROR for bad pagination', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const response = await h.call('GET', '/api/sdk/policies?limit=-5', { key: agent.key })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual(['limit'])
  })

  test('error: INSUFFICIENT_SCOPE for an org key and an agent key without policies:read', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: ['payments:request'] })
    for (const key of [h.orgKey, agent.key]) {
      const response = await h.call('GET', '/api/sdk/policies', { key })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })

  test('error: AUTH_FAILED without a key', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/sdk/policies', { key: null })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
  })
})
