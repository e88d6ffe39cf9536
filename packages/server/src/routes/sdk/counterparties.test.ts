import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { auditLogs, transactions } from '../../db/schema.js'
import { createId } from '../../ids.js'

const VENDOR = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
const OTHER = '0x1111111111111111111111111111111111111111'
const UNSEEN = '0x2222222222222222222222222222222222222222'

let h: Harness
let agent: { agentId: string; key: string }

beforeEach(() => {
  h = createHarness()
  agent = h.createAgentWithKey()
})

async function orgCreate(body: Record<string, unknown>, key?: string) {
  const res = await h.call('POST', '/api/counterparties', {
    body,
    ...(key === undefined ? {} : { key }),
  })
  expect(res.status).toBe(201)
  return res.body
}

describe('sdkCounterparties.list', () => {
  test('default', async () => {
    const created = await orgCreate({ name: 'Acme', address: VENDOR })
    const res = await h.call('GET', '/api/sdk/counterparties', { key: agent.key })
    expect(res.status).toBe(200)
    expect(res.body.counterparties).toHaveLength(1)
    expect(res.body.counterparties[0]).toMatchObject({ id: created.id, address: VENDOR })
    expect(res.body.pagination).toEqual({ total: 1, limit: 50, offset: 0, hasMore: false })
  })

  test('args: search and status', async () => {
    const a = await orgCreate({ name: 'OpenAI', address: VENDOR, trustScore: 0.9 })
    await orgCreate({ name: 'Other', address: OTHER })
    const search = await h.call('GET', '/api/sdk/counterparties?search=OPEN', { key: agent.key })
    expect(search.body.counterparties.map((c: { id: string }) => c.id)).toEqual([a.id])
    const trusted = await h.call('GET', '/api/sdk/counterparties?status=TRUSTED', {
      key: agent.key,
    })
    expect(trusted.body.counterparties.map((c: { id: string }) => c.id)).toEqual([a.id])
  })

  test("behavior: only the agent's organization", async () => {
    const other = h.createOtherOrganization()
    await orgCreate({ name: 'Theirs', address: VENDOR }, other.key)
    const res = await h.call('GET', '/api/sdk/counterparties', { key: agent.key })
    expect(res.body.counterparties).toEqual([])
  })

  test('error: INSUFFICIENT_SCOPE without counterparties:read', async () => {
    const limited = h.createAgentWithKey({ scopes: ['payments:request'] })
    const res = await h.call('GET', '/api/sdk/counterparties', { key: limited.key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: an org key is refused on the agent surface', async () => {
    const res = await h.call('GET', '/api/sdk/counterparties')
    expect([401, 403]).toContain(res.status)
  })

  test('error: VALIDATION_ERROR for a bad status', async () => {
    const res = await h.call('GET', '/api/sdk/counterparties?status=NICE', { key: agent.key })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
  })
})

describe('sdkCounterparties.retrieve', () => {
  test('default', async () => {
    const created = await orgCreate({ name: 'Acme', address: VENDOR, trustScore: 0.8 })
    const res = await h.call('GET', `/api/sdk/counterparties/${VENDOR.toLowerCase()}`, {
      key: agent.key,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: created.id, address: VENDOR, trustLevel: 'TRUSTED' })
    expect(res.body.networkTrust).toMatchObject({ globalScore: 0.8, organizationCount: 1 })
  })

  test('error: NOT_FOUND for an unknown address', async () => {
    const res = await h.call('GET', `/api/sdk/counterparties/${UNSEEN}`, { key: agent.key })
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's counterparty", async () => {
    const other = h.createOtherOrganization()
    await orgCreate({ name: 'Theirs', address: VENDOR }, other.key)
    const res = await h.call('GET', `/api/sdk/counterparties/${VENDOR}`, { key: agent.key })
    expect(res.status).toBe(404)
  })

  test('error: INVALID_ADDRESS for a malformed address', async () => {
    const res = await h.call('GET', '/api/sdk/counterparties/0xabc', { key: agent.key })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_ADDRESS')
  })
})

describe('sdkCounterparties.create', () => {
  test('default', async () => {
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const res = await h.call('POST', '/api/sdk/counterparties', {
      key: admin.key,
      body: { name: 'Acme', address: VENDOR },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Acme',
      trustScore: 0.5,
      trustLevel: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      verified: false,
      type: 'VENDOR',
    })
    const entry = h.db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.organizationId, h.organization.id), eq(auditLogs.resourceId, res.body.id)),
      )
      .get()
    expect(entry).toMatchObject({ action: 'CREATE', actorType: 'AGENT', actorId: admin.agentId })
  })

  test('error: CONFLICT for a registered address', async () => {
    await orgCreate({ name: 'Acme', address: VENDOR })
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const res = await h.call('POST', '/api/sdk/counterparties', {
      key: admin.key,
      body: { name: 'Dup', address: VENDOR.toLowerCase() },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('CONFLICT')
  })

  test('error: INVALID_ADDRESS and VALIDATION_ERROR', async () => {
    const admin = h.createAgentWithKey({ keyType: 'admin' })
    const bad = await h.call('POST', '/api/sdk/counterparties', {
      key: admin.key,
      body: { name: 'Bad', address: 'nope' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('INVALID_ADDRESS')
    const noName = await h.call('POST', '/api/sdk/counterparties', {
      key: admin.key,
      body: { address: VENDOR },
    })
    expect(noName.status).toBe(400)
    expect(noName.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: INSUFFICIENT_SCOPE for a standard key (no counterparties:write)', async () => {
    const res = await h.call('POST', '/api/sdk/counterparties', {
      key: agent.key,
      body: { name: 'Acme', address: VENDOR },
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('sdkNetwork.trust', () => {
  function insertPayment(to: string, organizationId: string) {
    h.db
      .insert(transactions)
      .values({
        id: createId(),
        organizationId,
        agentId: agent.agentId,
        kind: 'PAYMENT',
        status: 'COMPLETED',
        amountMicros: 1_000_000,
        currency: 'pathUSD',
        chainId: '42431',
        toAddress: to,
        toKey: to.toLowerCase(),
        createdAt: h.clock.now(),
      })
      .run()
  }

  test('default', async () => {
    await orgCreate({ name: 'Acme', address: VENDOR, trustScore: 0.9 })
    const other = h.createOtherOrganization()
    await orgCreate({ name: 'Theirs', address: VENDOR.toLowerCase(), trustScore: 0.7 }, other.key)
    insertPayment(VENDOR, h.organization.id)
    const res = await h.call('GET', `/api/sdk/network/trust?address=${VENDOR}`, { key: agent.key })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      address: VENDOR,
      globalScore: 0.8,
      transactionCount: 1,
      organizationCount: 2,
      trustLevel: 'TRUSTED',
      lastUpdated: '2026-04-08T12:00:00.000Z',
    })
    expect(res.text).not.toContain('Theirs')
  })

  test('behavior: an unseen address gets the documented defaults', async () => {
    const res = await h.call('GET', `/api/sdk/network/trust?address=${UNSEEN}`, { key: agent.key })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      address: UNSEEN,
      globalScore: 0.5,
      transactionCount: 0,
      organizationCount: 0,
      trustLevel: 'UNKNOWN',
      lastUpdated: null,
    })
  })

  test('behavior: the level follows the global score band', async () => {
    await orgCreate({ name: 'Low', address: OTHER, trustScore: 0.2 })
    const res = await h.call('GET', `/api/sdk/network/trust?address=${OTHER}`, { key: agent.key })
    expect(res.body).toMatchObject({ globalScore: 0.2, trustLevel: 'BLOCKED' })
  })

  test('error: INVALID_ADDRESS for a malformed address', async () => {
    const res = await h.call('GET', '/api/sdk/network/trust?address=0x12', { key: agent.key })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_ADDRESS')
    expect(res.body.issues.length).toBeGreaterThan(0)
  })

  test('error: missing address', async () => {
    const res = await h.call('GET', '/api/sdk/network/trust', { key: agent.key })
    expect(res.status).toBe(400)
    expect(['VALIDATION_ERROR', 'INVALID_ADDRESS']).toContain(res.body.code)
  })

  test('error: INSUFFICIENT_SCOPE without network:read', async () => {
    const limited = h.createAgentWithKey({ scopes: ['counterparties:read'] })
    const res = await h.call('GET', `/api/sdk/network/trust?address=${VENDOR}`, {
      key: limited.key,
    })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
