import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { agentRelationships, agents, auditLogs, transactions } from '../../db/schema.js'
import { createId } from '../../ids.js'
import { issueOrgApiKey } from '../../services/organizations.js'

const VENDOR = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
const OTHER = '0x1111111111111111111111111111111111111111'
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

async function create(body: Record<string, unknown> = {}, key?: string) {
  const res = await h.call('POST', '/api/counterparties', {
    body: { name: 'Acme Vendor', address: VENDOR, ...body },
    ...(key === undefined ? {} : { key }),
  })
  expect(res.status).toBe(201)
  return res.body
}

function insertAgent(organizationId = h.organization.id): string {
  const id = createId()
  h.db
    .insert(agents)
    .values({
      id,
      organizationId,
      name: `Agent ${id}`,
      agentType: 'CUSTOM',
      status: 'ACTIVE',
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .run()
  return id
}

function insertPayment(input: {
  to: string
  amountMicros: number
  status?: string
  organizationId?: string
  createdAt?: number
}) {
  const organizationId = input.organizationId ?? h.organization.id
  h.db
    .insert(transactions)
    .values({
      id: createId(),
      organizationId,
      agentId: insertAgent(organizationId),
      kind: 'PAYMENT',
      status: input.status ?? 'COMPLETED',
      amountMicros: input.amountMicros,
      currency: 'pathUSD',
      chainId: '42431',
      toAddress: input.to,
      toKey: input.to.toLowerCase(),
      createdAt: input.createdAt ?? h.clock.now(),
    })
    .run()
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

describe('counterparties.create', () => {
  test('default', async () => {
    const res = await h.call('POST', '/api/counterparties', {
      body: { name: 'Acme Vendor', address: VENDOR },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Acme Vendor',
      address: VENDOR,
      chainType: 'EVM',
      type: 'VENDOR',
      status: 'UNKNOWN',
      trustScore: 0.5,
      trustLevel: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      verified: false,
      category: null,
      approvalStatus: null,
      notes: null,
      description: null,
      website: null,
      country: null,
      transactionCount: 0,
      totalVolume: 0,
      averageAmount: 0,
      lastTransactionAt: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('args: every field', async () => {
    const body = await create({
      address: SOLANA,
      category: 'SAAS',
      notes: 'n',
      type: 'SERVICE_PROVIDER',
      description: 'd',
      approvalStatus: 'APPROVED',
      website: 'https://acme.test',
      country: 'US',
      trustScore: 0.9,
      riskLevel: 'LOW',
      verified: true,
    })
    expect(body).toMatchObject({
      address: SOLANA,
      chainType: 'SOLANA',
      category: 'SAAS',
      type: 'SERVICE_PROVIDER',
      approvalStatus: 'APPROVED',
      website: 'https://acme.test',
      country: 'US',
      trustScore: 0.9,
      trustLevel: 'TRUSTED',
      status: 'TRUSTED',
      riskLevel: 'LOW',
      verified: true,
    })
  })

  test.each([
    [0.2, 'BLOCKED'],
    [0.5, 'UNKNOWN'],
    [0.75, 'VERIFIED'],
    [0.76, 'TRUSTED'],
  ])('behavior: trustScore %s → trustLevel %s', async (trustScore, level) => {
    const body = await create({ trustScore })
    expect(body).toMatchObject({ trustScore, trustLevel: level, status: level })
  })

  test('behavior: an explicit trustLevel or status wins over the band', async () => {
    expect(await create({ trustScore: 0.9, trustLevel: 'SUSPICIOUS' })).toMatchObject({
      trustLevel: 'SUSPICIOUS',
      status: 'SUSPICIOUS',
    })
    expect(await create({ address: OTHER, status: 'BLOCKED' })).toMatchObject({
      trustLevel: 'BLOCKED',
      status: 'BLOCKED',
      trustScore: 0.5,
    })
  })

  test('behavior: audit entry', async () => {
    const body = await create()
    const [entry] = auditEntries(body.id)
    expect(entry).toMatchObject({ action: 'CREATE', resource: 'counterparty', actorType: 'API' })
    expect(entry?.newState).toMatchObject({ address: VENDOR })
  })

  test('behavior: the same address in another organization is fine', async () => {
    await create()
    const other = h.createOtherOrganization()
    const res = await h.call('POST', '/api/counterparties', {
      key: other.key,
      body: { name: 'Theirs', address: VENDOR },
    })
    expect(res.status).toBe(201)
  })

  test('error: CONFLICT for an address already registered, case-insensitively', async () => {
    await create()
    const res = await h.call('POST', '/api/counterparties', {
      body: { name: 'Dup', address: VENDOR.toLowerCase() },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test('error: INVALID_ADDRESS', async () => {
    const res = await h.call('POST', '/api/counterparties', {
      body: { name: 'Bad', address: '0xnothex' },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_ADDRESS')
    expect(res.body.issues[0].path).toEqual(['address'])
  })

  test('error: VALIDATION_ERROR for each invalid field', async () => {
    for (const body of [
      { address: VENDOR },
      { name: 'x' },
      { name: 'x', address: VENDOR, trustScore: 1.5 },
      { name: 'x', address: VENDOR, trustScore: -0.1 },
      { name: 'x', address: VENDOR, type: 'ALIEN' },
      { name: 'x', address: VENDOR, riskLevel: 'EXTREME' },
      { name: 'x', address: VENDOR, website: 'ftp://x.test' },
      { name: 'x', address: VENDOR, country: 'usa' },
      { name: 'x'.repeat(101), address: VENDOR },
    ]) {
      const res = await h.call('POST', '/api/counterparties', { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(['VALIDATION_ERROR', 'INVALID_ADDRESS']).toContain(res.body.code)
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
    const missingName = await h.call('POST', '/api/counterparties', { body: { address: VENDOR } })
    expect(missingName.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const res = await h.call('POST', '/api/counterparties', {
      key: readOnlyKey(),
      body: { name: 'x', address: VENDOR },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('counterparties.list', () => {
  test('default', async () => {
    const a = await create({ name: 'Alpha', address: VENDOR })
    const b = await create({ name: 'Beta', address: OTHER })
    const res = await h.call('GET', '/api/counterparties')
    expect(res.status).toBe(200)
    expect(res.body.counterparties.map((c: { id: string }) => c.id).sort()).toEqual(
      [a.id, b.id].sort(),
    )
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    expect(res.body.counterparties[0]).not.toHaveProperty('networkTrust')
  })

  test('args: search by partial name, case-insensitive', async () => {
    const a = await create({ name: 'OpenAI API', address: VENDOR })
    await create({ name: 'Anthropic', address: OTHER })
    const res = await h.call('GET', '/api/counterparties?search=openai')
    expect(res.body.counterparties.map((c: { id: string }) => c.id)).toEqual([a.id])
    expect(res.body.pagination.total).toBe(1)
  })

  test('args: search by address, full or partial, any case', async () => {
    const a = await create({ name: 'Alpha', address: VENDOR })
    await create({ name: 'Beta', address: OTHER })
    for (const search of [VENDOR, VENDOR.toUpperCase().replace('0X', '0x'), '6634c053']) {
      const res = await h.call('GET', `/api/counterparties?search=${encodeURIComponent(search)}`)
      expect(res.body.counterparties.map((c: { id: string }) => c.id)).toEqual([a.id])
    }
  })

  test('behavior: LIKE wildcards in search are literal', async () => {
    await create({ name: 'Alpha', address: VENDOR })
    const res = await h.call('GET', `/api/counterparties?search=${encodeURIComponent('%')}`)
    expect(res.body.counterparties).toEqual([])
  })

  test('args: status filters by trust level', async () => {
    const trusted = await create({ name: 'T', address: VENDOR, trustScore: 0.9 })
    await create({ name: 'U', address: OTHER })
    const res = await h.call('GET', '/api/counterparties?status=TRUSTED')
    expect(res.body.counterparties.map((c: { id: string }) => c.id)).toEqual([trusted.id])
  })

  test('args: type and approvalStatus', async () => {
    const agent = await create({
      name: 'A',
      address: VENDOR,
      type: 'AGENT',
      approvalStatus: 'PENDING',
    })
    await create({ name: 'V', address: OTHER })
    expect(
      (await h.call('GET', '/api/counterparties?type=AGENT')).body.counterparties.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([agent.id])
    expect(
      (await h.call('GET', '/api/counterparties?approvalStatus=PENDING')).body.counterparties.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([agent.id])
  })

  test('args: limit and offset', async () => {
    await create({ name: 'A', address: VENDOR })
    await create({ name: 'B', address: OTHER })
    await create({ name: 'C', address: SOLANA })
    const res = await h.call('GET', '/api/counterparties?limit=2')
    expect(res.body.counterparties).toHaveLength(2)
    expect(res.body.pagination).toEqual({ total: 3, limit: 2, offset: 0, hasMore: true })
  })

  test('behavior: per-counterparty stats from settled transactions', async () => {
    const a = await create({ name: 'A', address: VENDOR })
    insertPayment({
      to: VENDOR.toLowerCase(),
      amountMicros: 10_000_000,
      createdAt: h.clock.now() - 1000,
    })
    insertPayment({ to: VENDOR, amountMicros: 5_000_000, status: 'CONFIRMED' })
    insertPayment({ to: VENDOR, amountMicros: 2_500_000, status: 'CONFIRMING' })
    insertPayment({ to: VENDOR, amountMicros: 99_000_000, status: 'FAILED' })
    insertPayment({ to: VENDOR, amountMicros: 77_000_000, status: 'PENDING' })
    const res = await h.call('GET', '/api/counterparties')
    const row = res.body.counterparties.find((c: { id: string }) => c.id === a.id)
    expect(row).toMatchObject({
      transactionCount: 3,
      totalVolume: 17.5,
      averageAmount: 5.833333,
      lastTransactionAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test("behavior: another organization's payments do not count", async () => {
    await create()
    const other = h.createOtherOrganization()
    insertPayment({ to: VENDOR, amountMicros: 10_000_000, organizationId: other.organization.id })
    const res = await h.call('GET', '/api/counterparties')
    expect(res.body.counterparties[0].transactionCount).toBe(0)
  })

  test('behavior: only the caller organization', async () => {
    await create()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/counterparties', { key: other.key })
    expect(res.body.counterparties).toEqual([])
  })

  test('error: VALIDATION_ERROR for a bad filter', async () => {
    for (const query of ['status=FRIENDLY', 'type=ALIEN', 'limit=0', `search=${'x'.repeat(201)}`]) {
      const res = await h.call('GET', `/api/counterparties?${query}`)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })
})

describe('counterparties.retrieve', () => {
  test('default', async () => {
    const created = await create({ trustScore: 0.8 })
    const res = await h.call('GET', `/api/counterparties/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ...created })
    expect(res.body.networkTrust).toEqual({
      globalScore: 0.8,
      transactionCount: 0,
      organizationCount: 1,
      lastUpdated: '2026-04-08T12:00:00.000Z',
    })
  })

  test('behavior: networkTrust aggregates every organization, anonymised', async () => {
    const mine = await create({ trustScore: 0.9 })
    const other = h.createOtherOrganization()
    await create(
      { name: 'Their vendor', address: VENDOR.toLowerCase(), trustScore: 0.3 },
      other.key,
    )
    const third = h.createOtherOrganization('Third Org')
    await create({ name: 'Unrelated', address: OTHER, trustScore: 0.1 }, third.key)
    insertPayment({ to: VENDOR, amountMicros: 1_000_000 })
    insertPayment({ to: VENDOR, amountMicros: 1_000_000, organizationId: other.organization.id })
    insertPayment({ to: VENDOR, amountMicros: 1_000_000, status: 'FAILED' })
    const res = await h.call('GET', `/api/counterparties/${mine.id}`)
    expect(res.body.networkTrust).toMatchObject({
      globalScore: 0.6,
      transactionCount: 2,
      organizationCount: 2,
    })
    expect(res.body.transactionCount).toBe(1)
    expect(res.text).not.toContain('Their vendor')
    expect(res.text).not.toContain(other.organization.id)
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    const res = await h.call('GET', '/api/counterparties/cunknown000000000000000')
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's counterparty", async () => {
    const created = await create()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/counterparties/${created.id}`, { key: other.key })
    expect(res.status).toBe(404)
  })
})

describe('counterparties.update', () => {
  test('default', async () => {
    const created = await create()
    h.clock.freeze(h.clock.now() + 1000)
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: {
        name: 'Renamed',
        notes: 'checked',
        riskLevel: 'LOW',
        verified: true,
        category: 'SAAS',
      },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: created.id,
      name: 'Renamed',
      notes: 'checked',
      riskLevel: 'LOW',
      verified: true,
      category: 'SAAS',
      trustLevel: 'UNKNOWN',
      updatedAt: '2026-04-08T12:00:01.000Z',
    })
  })

  test('behavior: a score change recomputes the level', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { trustScore: 0.76 },
    })
    expect(res.body).toMatchObject({ trustScore: 0.76, trustLevel: 'TRUSTED', status: 'TRUSTED' })
    const down = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { trustScore: 0.2 },
    })
    expect(down.body).toMatchObject({ trustLevel: 'BLOCKED', status: 'BLOCKED' })
  })

  test('behavior: a given level wins over the score', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { trustScore: 0.9, trustLevel: 'VERIFIED' },
    })
    expect(res.body).toMatchObject({ trustScore: 0.9, trustLevel: 'VERIFIED' })
  })

  test('behavior: block with status', async () => {
    const created = await create({ trustScore: 0.9 })
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { status: 'BLOCKED' },
    })
    expect(res.body).toMatchObject({ status: 'BLOCKED', trustLevel: 'BLOCKED', trustScore: 0.9 })
    const list = await h.call('GET', '/api/counterparties?status=BLOCKED')
    expect(list.body.pagination.total).toBe(1)
  })

  test('behavior: null clears optional fields', async () => {
    const created = await create({ notes: 'x', website: 'https://a.test', country: 'US' })
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { notes: null, website: null, country: null },
    })
    expect(res.body).toMatchObject({ notes: null, website: null, country: null })
  })

  test('behavior: audit entry with before and after', async () => {
    const created = await create()
    await h.call('PATCH', `/api/counterparties/${created.id}`, { body: { trustScore: 0.1 } })
    const entry = auditEntries(created.id).find((e) => e.action === 'UPDATE')
    expect(entry?.previousState).toMatchObject({ trustLevel: 'UNKNOWN' })
    expect(entry?.newState).toMatchObject({ trustLevel: 'BLOCKED' })
  })

  test('behavior: changing the address to another case of itself is fine', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { address: VENDOR.toLowerCase() },
    })
    expect(res.status).toBe(200)
    expect(res.body.address).toBe(VENDOR.toLowerCase())
  })

  test('error: CONFLICT when the new address belongs to another counterparty', async () => {
    const created = await create()
    await create({ name: 'Other', address: OTHER })
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { address: OTHER.toUpperCase().replace('0X', '0x') },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test('error: INVALID_ADDRESS and VALIDATION_ERROR', async () => {
    const created = await create()
    const bad = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      body: { address: 'nope' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('INVALID_ADDRESS')
    for (const body of [{ trustScore: 2 }, { trustLevel: 'BEST' }, { name: '' }]) {
      const res = await h.call('PATCH', `/api/counterparties/${created.id}`, { body })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test("error: NOT_FOUND for another organization's counterparty", async () => {
    const created = await create()
    const other = h.createOtherOrganization()
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      key: other.key,
      body: { status: 'BLOCKED' },
    })
    expect(res.status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/counterparties/${created.id}`, {
      key: readOnlyKey(),
      body: { name: 'x' },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('counterparties.delete', () => {
  test('default', async () => {
    const created = await create()
    const res = await h.call('DELETE', `/api/counterparties/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body.success).toBe(true)
    expect((await h.call('GET', `/api/counterparties/${created.id}`)).status).toBe(404)
    expect(auditEntries(created.id).map((e) => e.action)).toEqual(['CREATE', 'DELETE'])
  })

  test('behavior: its agent relationships go with it', async () => {
    const created = await create()
    h.db
      .insert(agentRelationships)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        agentId: insertAgent(),
        counterpartyId: created.id,
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      })
      .run()
    expect((await h.call('DELETE', `/api/counterparties/${created.id}`)).status).toBe(200)
    expect(h.db.select().from(agentRelationships).all()).toEqual([])
  })

  test('behavior: the address can be registered again', async () => {
    const created = await create()
    await h.call('DELETE', `/api/counterparties/${created.id}`)
    await create()
  })

  test("error: NOT_FOUND for an unknown id and another organization's counterparty", async () => {
    expect((await h.call('DELETE', '/api/counterparties/cunknown000000000000000')).status).toBe(404)
    const created = await create()
    const other = h.createOtherOrganization()
    const res = await h.call('DELETE', `/api/counterparties/${created.id}`, { key: other.key })
    expect(res.status).toBe(404)
    expect((await h.call('GET', `/api/counterparties/${created.id}`)).status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('DELETE', `/api/counterparties/${created.id}`, { key: readOnlyKey() })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
