import { and, eq } from 'drizzle-orm'
import { getAddress, isAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  agents,
  agentWalletLinks,
  auditLogs,
  paymentRequests,
  transactions,
  wallets,
} from '../../db/schema.js'
import { createId } from '../../ids.js'
import { issueOrgApiKey } from '../../services/organizations.js'
import { decryptPrivateKey } from '../../services/wallet-keys.js'

const EVM = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
const EVM_2 = '0x1111111111111111111111111111111111111111'
const SOLANA = '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'

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

async function createWallet(body: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/api/wallets', { body: { name: 'Ops', ...body } })
  expect([200, 201]).toContain(res.status)
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

describe('wallets.create', () => {
  test('behavior: a SOLANA wallet without chainId is on solana-devnet; a Solana chainId implies SOLANA', async () => {
    const solana = await h.call('POST', '/api/wallets', {
      body: { name: 'Sol ops', chainType: 'SOLANA' },
    })
    expect(solana.status, solana.text).toBe(201)
    expect(solana.body).toMatchObject({ chainType: 'SOLANA', chainId: 'solana-devnet' })
    const mainnet = await h.call('POST', '/api/wallets', {
      body: { name: 'Sol main', chainId: 'solana-mainnet' },
    })
    expect(mainnet.status, mainnet.text).toBe(201)
    expect(mainnet.body).toMatchObject({ chainType: 'SOLANA', chainId: 'solana-mainnet' })
  })

  test('default', async () => {
    const res = await h.call('POST', '/api/wallets', { body: { name: 'Treasury' } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Treasury',
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: 'PRIVY',
      balance: 0,
      usdcBalance: 0,
      currency: 'pathUSD',
      status: 'ACTIVE',
      isWatchOnly: false,
      enforcementMode: 'ENFORCED',
      externalWalletId: null,
      created: true,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
    })
    expect(typeof res.body.id).toBe('string')
  })

  test('behavior: a managed wallet gets a generated, checksummed EVM address backed by an encrypted key', async () => {
    const body = await createWallet({ custodyType: 'SPONGE' })
    expect(isAddress(body.address, { strict: true })).toBe(true)
    expect(getAddress(body.address)).toBe(body.address)
    const row = h.db.select().from(wallets).where(eq(wallets.id, body.id)).get()
    expect(row?.encryptedPrivateKey).toBeTruthy()
    expect(row?.encryptedPrivateKey).not.toMatch(/^0x/)
    const privateKey = decryptPrivateKey(row?.encryptedPrivateKey ?? '', h.app.deps.secret)
    expect(privateKeyToAccount(privateKey).address).toBe(body.address)
    expect(JSON.stringify(body)).not.toContain(privateKey.slice(2))
  })

  test('behavior: two managed wallets get different addresses', async () => {
    const a = await createWallet()
    const b = await createWallet()
    expect(a.address).not.toBe(b.address)
  })

  test('behavior: a managed Solana wallet gets a base58 address', async () => {
    const body = await createWallet({ chainType: 'SOLANA', chainId: 'solana-devnet' })
    expect(body.address).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/)
    expect(body.currency).toBe('USDC')
  })

  test('args: EXTERNAL with address', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL', address: EVM },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      address: EVM,
      custodyType: 'EXTERNAL',
      enforcementMode: 'SDK_REQUIRED',
    })
    const row = h.db.select().from(wallets).where(eq(wallets.id, res.body.id)).get()
    expect(row?.encryptedPrivateKey).toBeNull()
  })

  test('args: importAddress', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Watch', custodyType: 'EXTERNAL', importAddress: EVM, isWatchOnly: true },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ address: EVM, isWatchOnly: true })
  })

  test('args: chainId as a number, currency from the chain', async () => {
    const base = await createWallet({ chainId: 8453 })
    expect(base).toMatchObject({ chainId: '8453', currency: 'USDC' })
    const tempo = await createWallet({ chainId: '4217' })
    expect(tempo).toMatchObject({ chainId: '4217', currency: 'USDC.e' })
  })

  test('args: enforcementMode and walletType', async () => {
    const body = await createWallet({
      custodyType: 'EXTERNAL',
      address: EVM,
      enforcementMode: 'MONITORING_ONLY',
      walletType: 'MULTISIG',
    })
    expect(body).toMatchObject({ enforcementMode: 'MONITORING_ONLY', walletType: 'MULTISIG' })
  })

  test('args: PRIVY attach with externalWalletId and address', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Privy', custodyType: 'PRIVY', externalWalletId: 'privy_123', address: EVM },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ externalWalletId: 'privy_123', address: EVM })
  })

  test('behavior: idempotent per (address, chainId), case-insensitive', async () => {
    const first = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL', address: EVM },
    })
    expect(first.status).toBe(201)
    const again = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext again', custodyType: 'EXTERNAL', address: EVM.toLowerCase() },
    })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({
      id: first.body.id,
      name: 'Ext',
      address: EVM,
      created: false,
    })
    const list = await h.call('GET', '/api/wallets')
    expect(list.body.pagination.total).toBe(1)
  })

  test('behavior: the same address on another chain is another wallet', async () => {
    const a = await createWallet({ custodyType: 'EXTERNAL', address: EVM })
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Base', custodyType: 'EXTERNAL', address: EVM, chainId: '8453' },
    })
    expect(res.status).toBe(201)
    expect(res.body.id).not.toBe(a.id)
  })

  test('behavior: idempotent per (externalWalletId, chainId)', async () => {
    const first = await createWallet({ externalWalletId: 'privy_abc' })
    const again = await h.call('POST', '/api/wallets', {
      body: { name: 'Other name', externalWalletId: 'privy_abc' },
    })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: first.id, created: false })
  })

  test('behavior: the same address in another organization is another wallet', async () => {
    const mine = await createWallet({ custodyType: 'EXTERNAL', address: EVM })
    const other = h.createOtherOrganization()
    const res = await h.call('POST', '/api/wallets', {
      key: other.key,
      body: { name: 'Theirs', custodyType: 'EXTERNAL', address: EVM },
    })
    expect(res.status).toBe(201)
    expect(res.body.id).not.toBe(mine.id)
  })

  test('behavior: an idempotent repeat records no audit entry', async () => {
    const first = await createWallet({ custodyType: 'EXTERNAL', address: EVM })
    await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL', address: EVM },
    })
    expect(auditEntries(first.id).map((entry) => entry.action)).toEqual(['CREATE'])
  })

  test('behavior: audit entry', async () => {
    const body = await createWallet()
    const [entry] = auditEntries(body.id)
    expect(entry).toMatchObject({ action: 'CREATE', resource: 'wallet', actorType: 'API' })
    expect(entry?.newState).toMatchObject({ id: body.id, address: body.address })
    expect(JSON.stringify(entry?.newState)).not.toContain('encrypted')
  })

  test('error: CONFLICT when address and externalWalletId name two different wallets', async () => {
    await createWallet({ custodyType: 'EXTERNAL', address: EVM })
    await createWallet({ externalWalletId: 'privy_x' })
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Mixed', externalWalletId: 'privy_x', address: EVM },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test('error: CONFLICT when externalWalletId is registered with another address', async () => {
    await createWallet({ externalWalletId: 'privy_y', address: EVM })
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Mixed', externalWalletId: 'privy_y', address: EVM_2 },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test('error: VALIDATION_ERROR without a name', async () => {
    const res = await h.call('POST', '/api/wallets', { body: {} })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
    expect(res.body.issues[0].path).toEqual(['name'])
  })

  test('error: VALIDATION_ERROR for a name over 100 characters', async () => {
    const res = await h.call('POST', '/api/wallets', { body: { name: 'x'.repeat(101) } })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: VALIDATION_ERROR for EXTERNAL without an address', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL' },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
    expect(res.body.issues.map((issue: { path: string[] }) => issue.path)).toContainEqual([
      'address',
    ])
  })

  test('error: VALIDATION_ERROR for an unknown enum value or chain', async () => {
    for (const body of [
      { name: 'x', custodyType: 'BANK' },
      { name: 'x', walletType: 'PAPER' },
      { name: 'x', chainId: '999999' },
      { name: 'x', chainType: 'SOLANA', chainId: '8453' },
    ]) {
      const res = await h.call('POST', '/api/wallets', { body })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('error: INVALID_ADDRESS for a malformed address', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL', address: '0x123' },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_ADDRESS')
    expect(res.body.issues.length).toBeGreaterThan(0)
  })

  test('error: INVALID_ADDRESS for a Solana address on an EVM chain', async () => {
    const res = await h.call('POST', '/api/wallets', {
      body: { name: 'Ext', custodyType: 'EXTERNAL', address: SOLANA },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_ADDRESS')
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const res = await h.call('POST', '/api/wallets', { key: readOnlyKey(), body: { name: 'x' } })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: AUTH_FAILED without a key', async () => {
    const res = await h.call('POST', '/api/wallets', { key: null, body: { name: 'x' } })
    expect(res.status).toBe(401)
  })
})

describe('wallets.list', () => {
  test('default', async () => {
    const a = await createWallet({ name: 'A' })
    const b = await createWallet({ name: 'B', custodyType: 'EXTERNAL', address: EVM })
    const res = await h.call('GET', '/api/wallets')
    expect(res.status).toBe(200)
    expect(res.body.wallets.map((w: { id: string }) => w.id).sort()).toEqual([a.id, b.id].sort())
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    expect(res.body.wallets[0]).not.toHaveProperty('created')
  })

  test('behavior: only the caller organization', async () => {
    await createWallet()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/wallets', { key: other.key })
    expect(res.body.wallets).toEqual([])
    expect(res.body.pagination.total).toBe(0)
  })

  test('args: status, with CLOSED read as ARCHIVED', async () => {
    const a = await createWallet({ name: 'A' })
    const b = await createWallet({ name: 'B' })
    await h.call('POST', `/api/wallets/${b.id}/archive`)
    const archived = await h.call('GET', '/api/wallets?status=ARCHIVED')
    expect(archived.body.wallets.map((w: { id: string }) => w.id)).toEqual([b.id])
    const closed = await h.call('GET', '/api/wallets?status=CLOSED')
    expect(closed.body.wallets.map((w: { id: string }) => w.id)).toEqual([b.id])
    const active = await h.call('GET', '/api/wallets?status=ACTIVE')
    expect(active.body.wallets.map((w: { id: string }) => w.id)).toEqual([a.id])
  })

  test('args: chainType, chainId and custodyType', async () => {
    const evm = await createWallet({ custodyType: 'EXTERNAL', address: EVM })
    const base = await createWallet({ chainId: '8453' })
    const sol = await createWallet({ chainType: 'SOLANA', chainId: 'solana-mainnet' })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/wallets?${query}`)).body.wallets.map((w: { id: string }) => w.id)
    expect(await ids('chainType=SOLANA')).toEqual([sol.id])
    expect((await ids('chainType=EVM')).sort()).toEqual([evm.id, base.id].sort())
    expect(await ids('chainId=8453')).toEqual([base.id])
    expect(await ids('custodyType=EXTERNAL')).toEqual([evm.id])
    expect(await ids('custodyType=EXTERNAL&chainId=8453')).toEqual([])
  })

  test('args: limit and offset', async () => {
    for (const name of ['A', 'B', 'C']) await createWallet({ name })
    const page = await h.call('GET', '/api/wallets?limit=2&offset=1')
    expect(page.body.wallets).toHaveLength(2)
    expect(page.body.pagination).toEqual({ total: 3, limit: 2, offset: 1, hasMore: false })
    const first = await h.call('GET', '/api/wallets?limit=2')
    expect(first.body.pagination.hasMore).toBe(true)
  })

  test('error: VALIDATION_ERROR for a bad filter or limit', async () => {
    for (const query of ['status=GONE', 'custodyType=BANK', 'limit=0', 'limit=2.5', 'offset=-1']) {
      const res = await h.call('GET', `/api/wallets?${query}`)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('behavior: READ_ONLY keys may list', async () => {
    const res = await h.call('GET', '/api/wallets', { key: readOnlyKey() })
    expect(res.status).toBe(200)
  })
})

describe('wallets.retrieve', () => {
  test('default', async () => {
    const created = await createWallet()
    const res = await h.call('GET', `/api/wallets/${created.id}`)
    expect(res.status).toBe(200)
    const { created: _created, ...wallet } = created
    expect(res.body).toEqual(wallet)
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    const res = await h.call('GET', '/api/wallets/cnotawallet000000000000')
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's wallet", async () => {
    const created = await createWallet()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/wallets/${created.id}`, { key: other.key })
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })
})

describe('wallets.update', () => {
  test('default', async () => {
    const created = await createWallet()
    h.clock.freeze(h.clock.now() + 60_000)
    const res = await h.call('PATCH', `/api/wallets/${created.id}`, {
      body: {
        name: 'Renamed',
        status: 'FROZEN',
        enforcementMode: 'MONITORING_ONLY',
        isWatchOnly: true,
      },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: created.id,
      name: 'Renamed',
      status: 'FROZEN',
      enforcementMode: 'MONITORING_ONLY',
      isWatchOnly: true,
      updatedAt: '2026-04-08T12:01:00.000Z',
    })
  })

  test('behavior: unfreeze', async () => {
    const created = await createWallet()
    await h.call('PATCH', `/api/wallets/${created.id}`, { body: { status: 'FROZEN' } })
    const res = await h.call('PATCH', `/api/wallets/${created.id}`, { body: { status: 'ACTIVE' } })
    expect(res.body.status).toBe('ACTIVE')
  })

  test('behavior: audit entry with before and after', async () => {
    const created = await createWallet()
    await h.call('PATCH', `/api/wallets/${created.id}`, { body: { status: 'FROZEN' } })
    const entry = auditEntries(created.id).find((e) => e.action === 'UPDATE')
    expect(entry?.previousState).toMatchObject({ status: 'ACTIVE' })
    expect(entry?.newState).toMatchObject({ status: 'FROZEN' })
  })

  test('behavior: an archived wallet may still be renamed', async () => {
    const created = await createWallet()
    await h.call('POST', `/api/wallets/${created.id}/archive`)
    const res = await h.call('PATCH', `/api/wallets/${created.id}`, { body: { name: 'Old' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: 'Old', status: 'ARCHIVED' })
  })

  test('error: INVALID_STATUS when an archived wallet is set back to ACTIVE', async () => {
    const created = await createWallet()
    await h.call('POST', `/api/wallets/${created.id}/archive`)
    const res = await h.call('PATCH', `/api/wallets/${created.id}`, { body: { status: 'ACTIVE' } })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_STATUS')
  })

  test('error: VALIDATION_ERROR for status ARCHIVED or an empty name', async () => {
    const created = await createWallet()
    for (const body of [{ status: 'ARCHIVED' }, { name: '' }, { enforcementMode: 'LAX' }]) {
      const res = await h.call('PATCH', `/api/wallets/${created.id}`, { body })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test("error: NOT_FOUND for another organization's wallet", async () => {
    const created = await createWallet()
    const other = h.createOtherOrganization()
    const res = await h.call('PATCH', `/api/wallets/${created.id}`, {
      key: other.key,
      body: { status: 'FROZEN' },
    })
    expect(res.status).toBe(404)
    const mine = await h.call('GET', `/api/wallets/${created.id}`)
    expect(mine.body.status).toBe('ACTIVE')
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await createWallet()
    const res = await h.call('PATCH', `/api/wallets/${created.id}`, {
      key: readOnlyKey(),
      body: { name: 'x' },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('wallets.archive', () => {
  test('default', async () => {
    const created = await createWallet()
    const res = await h.call('POST', `/api/wallets/${created.id}/archive`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: created.id, status: 'ARCHIVED' })
    const row = h.db.select().from(wallets).where(eq(wallets.id, created.id)).get()
    expect(row?.archivedAt).toBe(h.clock.now())
  })

  test('behavior: idempotent', async () => {
    const created = await createWallet()
    await h.call('POST', `/api/wallets/${created.id}/archive`)
    const again = await h.call('POST', `/api/wallets/${created.id}/archive`)
    expect(again.status).toBe(200)
    expect(again.body.status).toBe('ARCHIVED')
    expect(auditEntries(created.id).map((e) => e.action)).toEqual(['CREATE', 'UPDATE'])
  })

  test("error: NOT_FOUND for another organization's wallet", async () => {
    const created = await createWallet()
    const other = h.createOtherOrganization()
    const res = await h.call('POST', `/api/wallets/${created.id}/archive`, { key: other.key })
    expect(res.status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await createWallet()
    const res = await h.call('POST', `/api/wallets/${created.id}/archive`, { key: readOnlyKey() })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('wallets.delete', () => {
  function insertAgent(): string {
    const agentId = createId()
    h.db
      .insert(agents)
      .values({
        id: agentId,
        organizationId: h.organization.id,
        name: `Agent ${agentId}`,
        agentType: 'CUSTOM',
        status: 'ACTIVE',
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      })
      .run()
    return agentId
  }

  test('default', async () => {
    const created = await createWallet()
    const res = await h.call('DELETE', `/api/wallets/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body.success).toBe(true)
    expect((await h.call('GET', `/api/wallets/${created.id}`)).status).toBe(404)
    expect(auditEntries(created.id).map((e) => e.action)).toEqual(['CREATE', 'DELETE'])
  })

  test('behavior: its agent links go with it', async () => {
    const created = await createWallet()
    const agentId = insertAgent()
    h.db
      .insert(agentWalletLinks)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        agentId,
        walletId: created.id,
        delegationType: 'LIMITED',
        allowedHoursStart: 0,
        allowedHoursEnd: 24,
        allowedDays: ['Mon'],
        timezone: 'UTC',
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      })
      .run()
    const res = await h.call('DELETE', `/api/wallets/${created.id}`)
    expect(res.status).toBe(200)
    expect(h.db.select().from(agentWalletLinks).all()).toEqual([])
  })

  test('error: CONFLICT when the wallet has transactions', async () => {
    const created = await createWallet()
    h.db
      .insert(transactions)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        agentId: insertAgent(),
        walletId: created.id,
        kind: 'PAYMENT',
        status: 'COMPLETED',
        amountMicros: 1_000_000,
        currency: 'pathUSD',
        chainId: '42431',
        createdAt: h.clock.now(),
      })
      .run()
    const res = await h.call('DELETE', `/api/wallets/${created.id}`)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
    expect((await h.call('GET', `/api/wallets/${created.id}`)).status).toBe(200)
  })

  test('error: CONFLICT when the wallet has payment requests', async () => {
    const created = await createWallet()
    h.db
      .insert(paymentRequests)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        agentId: insertAgent(),
        walletId: created.id,
        kind: 'PAYMENT',
        status: 'DENIED',
        amountMicros: 1_000_000,
        currency: 'pathUSD',
        chainId: '42431',
        urgency: 'NORMAL',
        autoExecute: false,
        decision: {},
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      })
      .run()
    const res = await h.call('DELETE', `/api/wallets/${created.id}`)
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test("error: NOT_FOUND for an unknown id and another organization's wallet", async () => {
    expect((await h.call('DELETE', '/api/wallets/cunknown000000000000000')).status).toBe(404)
    const created = await createWallet()
    const other = h.createOtherOrganization()
    const res = await h.call('DELETE', `/api/wallets/${created.id}`, { key: other.key })
    expect(res.status).toBe(404)
    expect((await h.call('GET', `/api/wallets/${created.id}`)).status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await createWallet()
    const res = await h.call('DELETE', `/api/wallets/${created.id}`, { key: readOnlyKey() })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('wallets.provision', () => {
  function insertUnprovisioned(custodyType: string, status = 'ACTIVE'): string {
    const id = createId()
    h.db
      .insert(wallets)
      .values({
        id,
        organizationId: h.organization.id,
        name: 'Pending',
        address: null,
        addressKey: null,
        walletType: 'EOA',
        chainType: 'EVM',
        chainId: '42431',
        custodyType,
        currency: 'pathUSD',
        status,
        enforcementMode: 'ENFORCED',
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      })
      .run()
    return id
  }

  test('default', async () => {
    const id = insertUnprovisioned('PRIVY')
    const res = await h.call('POST', `/api/wallets/${id}/provision`)
    expect(res.status).toBe(200)
    expect(isAddress(res.body.address, { strict: true })).toBe(true)
    const row = h.db.select().from(wallets).where(eq(wallets.id, id)).get()
    expect(row?.addressKey).toBe(res.body.address.toLowerCase())
    const privateKey = decryptPrivateKey(row?.encryptedPrivateKey ?? '', h.app.deps.secret)
    expect(privateKeyToAccount(privateKey).address).toBe(res.body.address)
    const entry = auditEntries(id).at(-1)
    expect(entry).toMatchObject({ action: 'UPDATE', resource: 'wallet' })
  })

  test('behavior: a wallet that has an address is returned unchanged', async () => {
    const created = await createWallet()
    const res = await h.call('POST', `/api/wallets/${created.id}/provision`)
    expect(res.status).toBe(200)
    expect(res.body.address).toBe(created.address)
    expect(res.body.updatedAt).toBe(created.updatedAt)
  })

  test('error: EXTERNAL_WALLET for an EXTERNAL wallet', async () => {
    const created = await createWallet({ custodyType: 'EXTERNAL', address: EVM })
    const res = await h.call('POST', `/api/wallets/${created.id}/provision`)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('EXTERNAL_WALLET')
  })

  test('error: INVALID_STATUS for an archived wallet without an address', async () => {
    const id = insertUnprovisioned('SPONGE', 'ARCHIVED')
    const res = await h.call('POST', `/api/wallets/${id}/provision`)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_STATUS')
  })

  test("error: NOT_FOUND for another organization's wallet", async () => {
    const id = insertUnprovisioned('PRIVY')
    const other = h.createOtherOrganization()
    const res = await h.call('POST', `/api/wallets/${id}/provision`, { key: other.key })
    expect(res.status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const id = insertUnprovisioned('PRIVY')
    const res = await h.call('POST', `/api/wallets/${id}/provision`, { key: readOnlyKey() })
    expect(res.status).toBe(403)
  })
})

describe('wallets.fund', () => {
  test('default', async () => {
    const created = await createWallet()
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, { body: { amount: 100.5 } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ funded: 100.5, balance: 100.5 })
    expect(res.body.wallet).toMatchObject({ id: created.id, balance: 100.5, usdcBalance: 100.5 })
    const entry = auditEntries(created.id).at(-1)
    expect(entry).toMatchObject({ action: 'FUND', resource: 'wallet' })
  })

  test('behavior: credits add up exactly', async () => {
    const created = await createWallet()
    await h.call('POST', `/api/wallets/${created.id}/fund`, { body: { amount: 0.1 } })
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, { body: { amount: 0.2 } })
    expect(res.body.balance).toBe(0.3)
    const row = h.db.select().from(wallets).where(eq(wallets.id, created.id)).get()
    expect(row?.balanceMicros).toBe(300_000)
  })

  test('behavior: a frozen wallet can be funded', async () => {
    const created = await createWallet()
    await h.call('PATCH', `/api/wallets/${created.id}`, { body: { status: 'FROZEN' } })
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, { body: { amount: 1 } })
    expect(res.status).toBe(200)
  })

  test('error: INVALID_AMOUNT for bad amounts', async () => {
    const created = await createWallet()
    for (const amount of [0, -1, 1.0000001, '10', Number.MAX_VALUE]) {
      const res = await h.call('POST', `/api/wallets/${created.id}/fund`, { body: { amount } })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('INVALID_AMOUNT')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('error: VALIDATION_ERROR without an amount', async () => {
    const created = await createWallet()
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, { body: {} })
    expect(res.status).toBe(400)
    expect(['VALIDATION_ERROR', 'INVALID_AMOUNT']).toContain(res.body.code)
  })

  test('error: INVALID_STATUS for an archived wallet', async () => {
    const created = await createWallet()
    await h.call('POST', `/api/wallets/${created.id}/archive`)
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, { body: { amount: 1 } })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_STATUS')
  })

  test('error: NOT_FOUND in live mode', async () => {
    const live = createHarness({ mode: 'live' })
    const created = await live.call('POST', '/api/wallets', { body: { name: 'Live' } })
    expect(created.status).toBe(201)
    const res = await live.call('POST', `/api/wallets/${created.body.id}/fund`, {
      body: { amount: 1 },
    })
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's wallet", async () => {
    const created = await createWallet()
    const other = h.createOtherOrganization()
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, {
      key: other.key,
      body: { amount: 1 },
    })
    expect(res.status).toBe(404)
    expect((await h.call('GET', `/api/wallets/${created.id}`)).body.balance).toBe(0)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await createWallet()
    const res = await h.call('POST', `/api/wallets/${created.id}/fund`, {
      key: readOnlyKey(),
      body: { amount: 1 },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
