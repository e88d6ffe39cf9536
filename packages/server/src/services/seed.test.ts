import { and, count, eq } from 'drizzle-orm'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../test/harness.js'
import {
  agents,
  agentWalletLinks,
  apiKeys,
  auditLogs,
  counterparties,
  members,
  organizations,
  policies,
  sdkKeys,
  wallets,
} from '../db/schema.js'
import { type SeedCredentials, seedDatabase } from './seed.js'
import { decryptPrivateKey } from './wallet-keys.js'

const baseUrl = 'http://127.0.0.1:3006'

function seed(h: Harness): SeedCredentials {
  return seedDatabase(h.app.deps, { baseUrl })
}

function countsOf(h: Harness, organizationId: string) {
  const rows = (
    table:
      | typeof agents
      | typeof wallets
      | typeof agentWalletLinks
      | typeof policies
      | typeof counterparties
      | typeof members
      | typeof apiKeys
      | typeof sdkKeys,
  ) =>
    h.db.select({ n: count() }).from(table).where(eq(table.organizationId, organizationId)).get()?.n
  return {
    agents: rows(agents),
    wallets: rows(wallets),
    links: rows(agentWalletLinks),
    policies: rows(policies),
    counterparties: rows(counterparties),
    members: rows(members),
    apiKeys: rows(apiKeys),
    sdkKeys: rows(sdkKeys),
  }
}

describe('seedDatabase', () => {
  test('default', () => {
    const h = createHarness()
    const credentials = seed(h)
    expect(Object.keys(credentials)).toEqual([
      'baseUrl',
      'organizationId',
      'orgApiKey',
      'agentId',
      'agentSdkKey',
      'managedWalletId',
      'externalWalletId',
      'externalWalletAddress',
    ])
    expect(credentials).toMatchObject({
      baseUrl,
      orgApiKey: expect.stringMatching(/^conto_[0-9a-f]{64}$/),
      agentSdkKey: expect.stringMatching(/^conto_agent_[0-9a-f]{64}$/),
      externalWalletAddress: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
    })
    expect(credentials.organizationId).not.toBe(h.organization.id)
    const organization = h.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, credentials.organizationId))
      .get()
    expect(organization).toMatchObject({ mode: 'test', isSandbox: false, expiresAt: null })
    const owner = h.db
      .select()
      .from(members)
      .where(eq(members.organizationId, credentials.organizationId))
      .all()
    expect(owner).toEqual([expect.objectContaining({ role: 'OWNER' })])
  })

  test('behavior: nothing else is created', () => {
    const h = createHarness()
    const credentials = seed(h)
    expect(countsOf(h, credentials.organizationId)).toEqual({
      agents: 1,
      wallets: 2,
      links: 2,
      policies: 0,
      counterparties: 0,
      members: 1,
      apiKeys: 1,
      sdkKeys: 1,
    })
  })

  test('behavior: an ADMIN org key that works on the org API', async () => {
    const h = createHarness()
    const credentials = seed(h)
    const key = h.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.organizationId, credentials.organizationId))
      .get()
    expect(key).toMatchObject({ scopePreset: 'ADMIN', expiresAt: null, revokedAt: null })
    const listed = await h.call('GET', '/api/agents', { key: credentials.orgApiKey })
    expect(listed.status).toBe(200)
    expect(listed.body.agents).toEqual([
      expect.objectContaining({ id: credentials.agentId, status: 'ACTIVE' }),
    ])
    const organization = await h.call('GET', '/api/organizations/me', {
      key: credentials.orgApiKey,
    })
    expect(organization.body).toMatchObject({ id: credentials.organizationId, mode: 'test' })
  })

  test('behavior: an agent key with every payment scope and the read scopes', async () => {
    const h = createHarness()
    const credentials = seed(h)
    const setup = await h.call('GET', '/api/sdk/setup', { key: credentials.agentSdkKey })
    expect(setup.status).toBe(200)
    expect(setup.body.scopes).toEqual(
      expect.arrayContaining([
        'payments:request',
        'payments:execute',
        'payments:approve',
        'payments:confirm',
        'wallets:read',
        'policies:read',
        'transactions:read',
        'counterparties:read',
        'alerts:read',
        'agents:read',
        'analytics:read',
        'network:read',
      ]),
    )
    expect(setup.body.agent).toMatchObject({ id: credentials.agentId, status: 'ACTIVE' })
    expect(setup.body.keyType).toBe('standard')
  })

  test('behavior: both wallets are linked with the default link limits', async () => {
    const h = createHarness()
    const credentials = seed(h)
    const { body } = await h.call('GET', '/api/sdk/wallets', { key: credentials.agentSdkKey })
    const defaults = {
      limits: { perTransaction: 100, daily: 1000, weekly: null, monthly: null },
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      timezone: 'UTC',
      delegationType: 'LIMITED',
    }
    expect(body.wallets).toEqual([
      expect.objectContaining({
        ...defaults,
        id: credentials.managedWalletId,
        custodyType: 'PRIVY',
        balance: 10_000,
        chainId: '42431',
        currency: 'pathUSD',
      }),
      expect.objectContaining({
        ...defaults,
        id: credentials.externalWalletId,
        custodyType: 'EXTERNAL',
        address: credentials.externalWalletAddress,
        balance: 0,
      }),
    ])
  })

  test('behavior: the managed wallet holds a real key, encrypted with the server secret', () => {
    const h = createHarness()
    const credentials = seed(h)
    const managed = h.db
      .select()
      .from(wallets)
      .where(eq(wallets.id, credentials.managedWalletId))
      .get()
    expect(managed?.encryptedPrivateKey).toEqual(expect.any(String))
    const privateKey = decryptPrivateKey(managed?.encryptedPrivateKey ?? '', h.app.deps.secret)
    expect(privateKeyToAccount(privateKey).address).toBe(managed?.address)
    const external = h.db
      .select()
      .from(wallets)
      .where(eq(wallets.id, credentials.externalWalletId))
      .get()
    expect(external).toMatchObject({ encryptedPrivateKey: null, enforcementMode: 'SDK_REQUIRED' })
  })

  test('behavior: idempotent; a second run issues fresh keys and the old ones keep working', async () => {
    const h = createHarness()
    const first = seed(h)
    const second = seed(h)
    expect(second).toMatchObject({
      organizationId: first.organizationId,
      agentId: first.agentId,
      managedWalletId: first.managedWalletId,
      externalWalletId: first.externalWalletId,
      externalWalletAddress: first.externalWalletAddress,
    })
    expect(second.orgApiKey).not.toBe(first.orgApiKey)
    expect(second.agentSdkKey).not.toBe(first.agentSdkKey)
    expect(countsOf(h, first.organizationId)).toMatchObject({
      agents: 1,
      wallets: 2,
      links: 2,
      members: 1,
      apiKeys: 2,
      sdkKeys: 2,
    })
    for (const key of [first.orgApiKey, second.orgApiKey]) {
      expect((await h.call('GET', '/api/agents', { key })).status).toBe(200)
    }
    for (const key of [first.agentSdkKey, second.agentSdkKey]) {
      expect((await h.call('GET', '/api/sdk/setup', { key })).status).toBe(200)
    }
    // The balance is not topped up again.
    const { body } = await h.call('GET', `/api/wallets/${first.managedWalletId}`, {
      key: second.orgApiKey,
    })
    expect(body.balance).toBe(10_000)
    expect(h.db.select({ n: count() }).from(organizations).get()?.n).toBe(2)
  })

  test('behavior: a piece deleted since the last run is recreated', async () => {
    const h = createHarness()
    const first = seed(h)
    const deleted = await h.call('DELETE', `/api/wallets/${first.externalWalletId}`, {
      key: first.orgApiKey,
    })
    expect(deleted.status).toBe(200)
    const second = seed(h)
    expect(second.organizationId).toBe(first.organizationId)
    expect(second.agentId).toBe(first.agentId)
    expect(second.managedWalletId).toBe(first.managedWalletId)
    expect(second.externalWalletId).not.toBe(first.externalWalletId)
    expect(countsOf(h, first.organizationId)).toMatchObject({ wallets: 2, links: 2 })
  })

  test('behavior: a revoked agent is replaced by a new one', async () => {
    const h = createHarness()
    const first = seed(h)
    h.db.update(agents).set({ status: 'REVOKED' }).where(eq(agents.id, first.agentId)).run()
    const second = seed(h)
    expect(second.agentId).not.toBe(first.agentId)
    const { body } = await h.call('GET', '/api/sdk/setup', { key: second.agentSdkKey })
    expect(body.agent.name).toBe('Demo Agent 2')
    expect(body.wallets.map((wallet: { id: string }) => wallet.id)).toEqual([
      first.managedWalletId,
      first.externalWalletId,
    ])
  })

  test('behavior: the demo organization is test mode whatever the server mode', () => {
    const h = createHarness({ mode: 'live' })
    const credentials = seed(h)
    const organization = h.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, credentials.organizationId))
      .get()
    expect(organization?.mode).toBe('test')
  })

  test('behavior: every step is audited', () => {
    const h = createHarness()
    const credentials = seed(h)
    const entries = h.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.organizationId, credentials.organizationId))
      .all()
    expect(entries.map((entry) => `${entry.action} ${entry.resource}`)).toEqual(
      expect.arrayContaining([
        'CREATE organization',
        'CREATE api_key',
        'CREATE agent',
        'CREATE wallet',
        'FUND wallet',
        'CREATE sdk_key',
      ]),
    )
    const orgEntry = h.db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, credentials.organizationId),
          eq(auditLogs.resource, 'organization'),
        ),
      )
      .get()
    expect(orgEntry).toMatchObject({ actorType: 'SYSTEM', actorId: 'seed' })
  })
})
