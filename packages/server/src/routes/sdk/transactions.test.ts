import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import { insertTransaction } from '../../../test/transaction-fixtures.js'

let h: Harness
let me: { agentId: string; key: string }
let peer: { agentId: string; key: string }

beforeEach(() => {
  h = createHarness()
  me = h.createAgentWithKey({ name: 'Me' })
  peer = h.createAgentWithKey({ name: 'Peer' })
})

const DAY = 86_400_000
const UNKNOWN_ID = 'cunknown000000000000000'
const idsOf = (body: { transactions: { id: string }[] }) => body.transactions.map((t) => t.id)

describe('sdkTransactions.list', () => {
  test('default', async () => {
    const older = insertTransaction(h, { agentId: me.agentId, createdAt: START - 1 })
    const newer = insertTransaction(h, { agentId: me.agentId })
    insertTransaction(h, { agentId: peer.agentId })
    const res = await h.call('GET', '/api/sdk/transactions', { key: me.key })
    expect(res.status).toBe(200)
    expect(idsOf(res.body)).toEqual([newer, older])
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    expect(res.body.transactions[0]).toMatchObject({
      agentId: me.agentId,
      agent: { id: me.agentId, name: 'Me' },
      amount: 10,
      status: 'COMPLETED',
    })
  })

  test('args: status, startDate, endDate, limit, offset', async () => {
    const failed = insertTransaction(h, { agentId: me.agentId, status: 'FAILED' })
    const old = insertTransaction(h, { agentId: me.agentId, createdAt: START - 2 * DAY })
    const list = async (query: string) =>
      idsOf((await h.call('GET', `/api/sdk/transactions?${query}`, { key: me.key })).body)
    expect(await list('status=FAILED')).toEqual([failed])
    expect(await list('startDate=2026-04-07')).toEqual([failed])
    expect(await list('endDate=2026-04-06')).toEqual([old])
    expect(await list('limit=1&offset=1')).toEqual([old])
  })

  test('behavior: another agent sees only its own', async () => {
    insertTransaction(h, { agentId: me.agentId })
    const res = await h.call('GET', '/api/sdk/transactions', { key: peer.key })
    expect(res.body.transactions).toEqual([])
  })

  test('behavior: the agentId query parameter cannot widen the view', async () => {
    insertTransaction(h, { agentId: peer.agentId })
    const res = await h.call('GET', `/api/sdk/transactions?agentId=${peer.agentId}`, {
      key: me.key,
    })
    expect(res.status).toBe(200)
    expect(res.body.transactions).toEqual([])
  })

  test('error: VALIDATION_ERROR for bad filters', async () => {
    for (const query of ['status=DONE', 'startDate=nope', 'limit=0']) {
      const res = await h.call('GET', `/api/sdk/transactions?${query}`, { key: me.key })
      expect(res.status, query).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
    }
  })

  test('error: INSUFFICIENT_SCOPE without transactions:read', async () => {
    const agent = h.createAgentWithKey({ scopes: ['payments:request'] })
    const res = await h.call('GET', '/api/sdk/transactions', { key: agent.key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: INSUFFICIENT_SCOPE for an org key', async () => {
    const res = await h.call('GET', '/api/sdk/transactions')
    expect(res.status).toBe(403)
  })
})

describe('sdkTransactions.retrieve', () => {
  test('default', async () => {
    const id = insertTransaction(h, { agentId: me.agentId })
    const res = await h.call('GET', `/api/sdk/transactions/${id}`, { key: me.key })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, agentId: me.agentId })
  })

  test("error: NOT_FOUND for another agent's transaction", async () => {
    const id = insertTransaction(h, { agentId: peer.agentId })
    const res = await h.call('GET', `/api/sdk/transactions/${id}`, { key: me.key })
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's transaction", async () => {
    const other = h.createOtherOrganization()
    const theirs = h.createAgentWithKey({ organizationId: other.organization.id })
    const id = insertTransaction(h, {
      agentId: theirs.agentId,
      organizationId: other.organization.id,
    })
    const res = await h.call('GET', `/api/sdk/transactions/${id}`, { key: me.key })
    expect(res.status).toBe(404)
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    const res = await h.call('GET', `/api/sdk/transactions/${UNKNOWN_ID}`, { key: me.key })
    expect(res.status).toBe(404)
  })
})
