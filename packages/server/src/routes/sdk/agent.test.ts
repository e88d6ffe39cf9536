import { sdkKeyScopePresets } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import { agentPolicies, policies, reservations, spendDays, wallets } from '../../db/schema.js'
import { createId } from '../../ids.js'

const DAY = 86_400_000
// START is Wednesday 2026-04-08 12:00 UTC.
const today = Date.parse('2026-04-08T00:00:00.000Z')
const monday = Date.parse('2026-04-06T00:00:00.000Z')
const april1 = Date.parse('2026-04-01T00:00:00.000Z')

async function createWallet(h: Harness, body: Record<string, unknown>) {
  const response = await h.call('POST', '/api/wallets', { body })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { id: string; address: string }
}

async function link(h: Harness, agentId: string, body: Record<string, unknown>) {
  const response = await h.call('POST', `/api/agents/${agentId}/wallets`, { body })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
}

/** An agent with a managed wallet (default link) and an external wallet (custom limits). */
async function setup(options: { keyType?: 'standard' | 'admin'; scopes?: readonly string[] } = {}) {
  const h = createHarness()
  const agent = h.createAgentWithKey({ name: 'Reader', ...options })
  const managed = await createWallet(h, { name: 'Managed', custodyType: 'PRIVY' })
  await h.call('POST', `/api/wallets/${managed.id}/fund`, { body: { amount: 250.5 } })
  const external = await createWallet(h, {
    name: 'External',
    custodyType: 'EXTERNAL',
    address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  })
  await link(h, agent.agentId, { walletId: managed.id })
  await link(h, agent.agentId, {
    walletId: external.id,
    delegationType: 'FULL',
    spendLimitPerTx: null,
    spendLimitDaily: 50,
    spendLimitWeekly: 200,
    spendLimitMonthly: null,
    allowedHoursStart: 9,
    allowedHoursEnd: 17,
    allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    timezone: 'America/New_York',
  })
  return { ...h, agent, managed, external }
}

function spend(h: Harness, agentId: string, walletId: string, day: number, units: number) {
  h.db
    .insert(spendDays)
    .values({ agentId, walletId, day, amountMicros: units * 1_000_000, count: 1 })
    .run()
}

describe('sdk.setup', () => {
  test('default', async () => {
    const h = await setup()
    const response = await h.call('GET', '/api/sdk/setup', { key: h.agent.key })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      agent: { id: h.agent.agentId, name: 'Reader', status: 'ACTIVE', agentType: 'CUSTOM' },
      organization: { id: h.organization.id, name: 'Acme' },
      wallets: [
        {
          id: h.managed.id,
          name: 'Managed',
          address: h.managed.address,
          chainId: '42431',
          chainType: 'EVM',
          custodyType: 'PRIVY',
          status: 'ACTIVE',
          balance: 250.5,
          currency: 'pathUSD',
          limits: { perTransaction: 100, daily: 1000, weekly: null, monthly: null },
          spent: { today: 0, thisWeek: 0, thisMonth: 0 },
          remaining: { perTransaction: 100, daily: 1000, weekly: null, monthly: null },
          allowedHoursStart: 0,
          allowedHoursEnd: 24,
          allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
          timezone: 'UTC',
          delegationType: 'LIMITED',
        },
        {
          id: h.external.id,
          name: 'External',
          address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
          chainId: '42431',
          chainType: 'EVM',
          custodyType: 'EXTERNAL',
          status: 'ACTIVE',
          balance: 0,
          currency: 'pathUSD',
          limits: { perTransaction: null, daily: 50, weekly: 200, monthly: null },
          spent: { today: 0, thisWeek: 0, thisMonth: 0 },
          remaining: { perTransaction: 50, daily: 50, weekly: 200, monthly: null },
          allowedHoursStart: 9,
          allowedHoursEnd: 17,
          allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
          timezone: 'America/New_York',
          delegationType: 'FULL',
        },
      ],
      policies: [],
      scopes: [...sdkKeyScopePresets.standard],
      keyType: 'standard',
      expiresAt: new Date(START + 365 * DAY).toISOString(),
    })
  })

  test('behavior: spent and remaining per link, from spend and live reservations', async () => {
    const h = await setup()
    const { agentId } = h.agent
    spend(h, agentId, h.external.id, today, 20)
    spend(h, agentId, h.external.id, monday, 100)
    spend(h, agentId, h.external.id, april1, 1000)
    spend(h, agentId, h.external.id, today - 30 * DAY, 5000)
    // Another wallet's spend is not this link's.
    spend(h, agentId, h.managed.id, today, 7)
    const reserve = (amount: number, expiresAt: number, releasedAt: number | null = null) =>
      h.db
        .insert(reservations)
        .values({
          id: createId(),
          organizationId: h.organization.id,
          agentId,
          walletId: h.external.id,
          sourceType: 'payment_request',
          sourceId: createId(),
          amountMicros: amount * 1_000_000,
          expiresAt,
          releasedAt,
          createdAt: START - 60_000,
        })
        .run()
    reserve(10, START + 60_000)
    reserve(99, START - 1) // expired
    reserve(99, START + 60_000, START - 30_000) // released
    const { body } = await h.call('GET', '/api/sdk/setup', { key: h.agent.key })
    const external = body.wallets.find((wallet: { id: string }) => wallet.id === h.external.id)
    expect(external.spent).toEqual({ today: 30, thisWeek: 130, thisMonth: 1130 })
    expect(external.remaining).toEqual({ perTransaction: 20, daily: 20, weekly: 70, monthly: null })
    const managed = body.wallets.find((wallet: { id: string }) => wallet.id === h.managed.id)
    expect(managed.spent).toEqual({ today: 7, thisWeek: 7, thisMonth: 7 })
    expect(managed.remaining).toEqual({
      perTransaction: 100,
      daily: 993,
      weekly: null,
      monthly: null,
    })
  })

  test('behavior: remaining is never negative', async () => {
    const h = await setup()
    spend(h, h.agent.agentId, h.external.id, today, 80)
    const { body } = await h.call('GET', '/api/sdk/setup', { key: h.agent.key })
    const external = body.wallets.find((wallet: { id: string }) => wallet.id === h.external.id)
    expect(external.remaining).toEqual({ perTransaction: 0, daily: 0, weekly: 120, monthly: null })
  })

  test('behavior: the windows follow the test clock (UTC calendar)', async () => {
    const h = await setup()
    spend(h, h.agent.agentId, h.external.id, today, 20)
    h.clock.freeze(Date.parse('2026-04-09T00:00:00.000Z'))
    const { body } = await h.call('GET', '/api/sdk/setup', { key: h.agent.key })
    const external = body.wallets.find((wallet: { id: string }) => wallet.id === h.external.id)
    expect(external.spent).toEqual({ today: 0, thisWeek: 20, thisMonth: 20 })
  })

  test('behavior: the policies in effect (assigned and org-wide, active only)', async () => {
    const h = await setup()
    const other = h.createAgentWithKey({ name: 'Other' })
    const insertPolicy = (
      name: string,
      scope: 'assigned' | 'org',
      isActive: boolean,
      priority: number,
    ) => {
      const id = createId()
      h.db
        .insert(policies)
        .values({
          id,
          organizationId: h.organization.id,
          name,
          policyType: 'SPEND_LIMIT',
          priority,
          isActive,
          scope,
          createdAt: START,
          updatedAt: START,
        })
        .run()
      return id
    }
    const assign = (policyId: string, agentId: string) =>
      h.db
        .insert(agentPolicies)
        .values({
          id: createId(),
          organizationId: h.organization.id,
          agentId,
          policyId,
          createdAt: START,
        })
        .run()
    const mine = insertPolicy('Mine', 'assigned', true, 40)
    assign(mine, h.agent.agentId)
    const orgWide = insertPolicy('Everyone', 'org', true, 90)
    const inactive = insertPolicy('Off', 'assigned', false, 50)
    assign(inactive, h.agent.agentId)
    assign(insertPolicy('Theirs', 'assigned', true, 60), other.agentId)
    const { body } = await h.call('GET', '/api/sdk/setup', { key: h.agent.key })
    expect(body.policies).toEqual([
      { id: orgWide, name: 'Everyone', policyType: 'SPEND_LIMIT', priority: 90, isActive: true },
      { id: mine, name: 'Mine', policyType: 'SPEND_LIMIT', priority: 40, isActive: true },
    ])
  })

  test('behavior: scopes, keyType and expiry of the calling key', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({
      keyType: 'admin',
      scopes: ['payments:request', 'payments:execute'],
      expiresAt: START + 30 * DAY,
    })
    const response = await h.call('GET', '/api/sdk/setup', { key: agent.key })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      scopes: ['payments:request', 'payments:execute'],
      keyType: 'admin',
      expiresAt: new Date(START + 30 * DAY).toISOString(),
      wallets: [],
      policies: [],
    })
  })

  test('behavior: any valid key works, whatever its scopes', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: ['network:read'] })
    const response = await h.call('GET', '/api/sdk/setup', { key: agent.key })
    expect(response.status).toBe(200)
    expect(response.body.scopes).toEqual(['network:read'])
  })

  test('behavior: a legacy non-expiring key has expiresAt null', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ expiresAt: null })
    const response = await h.call('GET', '/api/sdk/setup', { key: agent.key })
    expect(response.body.expiresAt).toBeNull()
  })

  test('behavior: a paused agent can still check its setup', async () => {
    const h = await setup()
    await h.call('PATCH', `/api/agents/${h.agent.agentId}`, { body: { status: 'PAUSED' } })
    const response = await h.call('GET', '/api/sdk/setup', { key: h.agent.key })
    expect(response.status).toBe(200)
    expect(response.body.agent.status).toBe('PAUSED')
  })

  test('error: AUTH_FAILED without a key, INSUFFICIENT_SCOPE with an org key', async () => {
    const h = createHarness()
    const none = await h.call('GET', '/api/sdk/setup', { key: null })
    expect(none.status).toBe(401)
    expect(none.body.code).toBe('AUTH_FAILED')
    const org = await h.call('GET', '/api/sdk/setup')
    expect(org.status).toBe(403)
    expect(org.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: EXPIRED_KEY for an expired key', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ expiresAt: START + 1000 })
    h.clock.freeze(START + 1000)
    const response = await h.call('GET', '/api/sdk/setup', { key: agent.key })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('EXPIRED_KEY')
  })
})

describe('sdkAgent.retrieve', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ name: 'Profiled' })
    const response = await h.call('GET', '/api/sdk/agent', { key: agent.key })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      id: agent.agentId,
      name: 'Profiled',
      agentType: 'CUSTOM',
      status: 'ACTIVE',
      createdAt: new Date(START).toISOString(),
      organization: { id: h.organization.id, name: 'Acme' },
    })
  })

  test('behavior: the same agent view as the org API', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const sdk = await h.call('GET', '/api/sdk/agent', { key: agent.key })
    const org = await h.call('GET', `/api/agents/${agent.agentId}`)
    const { organization: _organization, ...profile } = sdk.body
    const { wallets: _wallets, policies: _policies, _count, ...detail } = org.body
    expect(profile).toEqual(detail)
  })

  test('error: INSUFFICIENT_SCOPE without agents:read', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: ['payments:request'] })
    const response = await h.call('GET', '/api/sdk/agent', { key: agent.key })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      requiredScopes: ['agents:read'],
    })
  })

  test('error: INSUFFICIENT_SCOPE with an org key', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/sdk/agent')
    expect(response.status).toBe(403)
  })
})

describe('sdkWallets.list', () => {
  test('default', async () => {
    const h = await setup()
    const response = await h.call('GET', '/api/sdk/wallets', { key: h.agent.key })
    expect(response.status).toBe(200)
    expect(response.body.wallets.map((wallet: { id: string }) => wallet.id)).toEqual([
      h.managed.id,
      h.external.id,
    ])
    expect(response.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    const setupBody = (await h.call('GET', '/api/sdk/setup', { key: h.agent.key })).body
    expect(response.body.wallets).toEqual(setupBody.wallets)
  })

  test('behavior: frozen and archived wallets are listed with their status', async () => {
    const h = await setup()
    h.db.update(wallets).set({ status: 'FROZEN' }).where(eq(wallets.id, h.managed.id)).run()
    h.db
      .update(wallets)
      .set({ status: 'ARCHIVED', archivedAt: START })
      .where(eq(wallets.id, h.external.id))
      .run()
    const { body } = await h.call('GET', '/api/sdk/wallets', { key: h.agent.key })
    expect(body.wallets.map((wallet: { status: string }) => wallet.status)).toEqual([
      'FROZEN',
      'ARCHIVED',
    ])
  })

  test('behavior: only the calling agent’s links', async () => {
    const h = await setup()
    const other = h.createAgentWithKey({ name: 'Other' })
    const own = await createWallet(h, { name: 'Theirs', custodyType: 'PRIVY' })
    await link(h, other.agentId, { walletId: own.id })
    const mine = await h.call('GET', '/api/sdk/wallets', { key: h.agent.key })
    expect(mine.body.wallets.map((wallet: { id: string }) => wallet.id)).not.toContain(own.id)
    const theirs = await h.call('GET', '/api/sdk/wallets', { key: other.key })
    expect(theirs.body.wallets.map((wallet: { id: string }) => wallet.id)).toEqual([own.id])
  })

  test('behavior: an agent without links has no wallets', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const response = await h.call('GET', '/api/sdk/wallets', { key: agent.key })
    expect(response.body).toEqual({
      wallets: [],
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('args: limit and offset', async () => {
    const h = await setup()
    const first = await h.call('GET', '/api/sdk/wallets?limit=1', { key: h.agent.key })
    expect(first.body.wallets.map((wallet: { id: string }) => wallet.id)).toEqual([h.managed.id])
    expect(first.body.pagination).toEqual({ total: 2, limit: 1, offset: 0, hasMore: true })
    const second = await h.call('GET', '/api/sdk/wallets?limit=1&offset=1', { key: h.agent.key })
    expect(second.body.wallets.map((wallet: { id: string }) => wallet.id)).toEqual([h.external.id])
    expect(second.body.pagination).toEqual({ total: 2, limit: 1, offset: 1, hasMore: false })
  })

  test('error: VALIDATION_ERROR for a bad limit', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const response = await h.call('GET', '/api/sdk/wallets?limit=0', { key: agent.key })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues).toContainEqual(expect.objectContaining({ path: ['limit'] }))
  })

  test('error: INSUFFICIENT_SCOPE without wallets:read', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: ['payments:request'] })
    const response = await h.call('GET', '/api/sdk/wallets', { key: agent.key })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
