import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import {
  insertApprovedRequest,
  PAYMENT_SCOPES,
  requestRow,
  setupManaged,
  transactionsOf,
  walletRow,
} from '../../../test/settlement-fixtures.js'
import { insertTransaction, RECIPIENT, TX_HASH } from '../../../test/transaction-fixtures.js'
import { agents, agentWalletLinks, auditLogs, sdkKeys, wallets } from '../../db/schema.js'
import { issueOrgApiKey } from '../../services/organizations.js'

let h: Harness
let agentId: string

beforeEach(() => {
  h = createHarness()
  agentId = h.createAgentWithKey({ name: 'Buyer' }).agentId
})

const HOUR = 3_600_000
const DAY = 24 * HOUR
const UNKNOWN_ID = 'cunknown000000000000000'

const idsOf = (body: { transactions: { id: string }[] }) => body.transactions.map((t) => t.id)

function readOnlyKey(): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key
}

describe('transactions.list', () => {
  test('default', async () => {
    const older = insertTransaction(h, { agentId, createdAt: START - HOUR })
    const newer = insertTransaction(h, { agentId, createdAt: START })
    const res = await h.call('GET', '/api/transactions')
    expect(res.status).toBe(200)
    expect(idsOf(res.body)).toEqual([newer, older])
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    expect(res.body.transactions[0]).toEqual({
      id: newer,
      txHash: TX_HASH,
      amount: 10,
      currency: 'pathUSD',
      status: 'COMPLETED',
      fromAddress: '0x1111111111111111111111111111111111111111',
      toAddress: RECIPIENT,
      recipientName: 'Vendor',
      purpose: 'API credits',
      category: 'SAAS',
      agentId,
      agent: { id: agentId, name: 'Buyer' },
      walletId: null,
      chainId: '42431',
      explorerUrl: `https://explore.moderato.tempo.xyz/tx/${TX_HASH}`,
      paymentRequestId: null,
      externalApprovalId: null,
      simulated: true,
      kind: 'standard',
      failureReason: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      confirmedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('behavior: amounts come back exactly from micro-units', async () => {
    insertTransaction(h, { agentId, amountMicros: 1 })
    insertTransaction(h, { agentId, amountMicros: 123_456_789, createdAt: START - 1 })
    const res = await h.call('GET', '/api/transactions')
    expect(res.body.transactions.map((t: { amount: number }) => t.amount)).toEqual([
      0.000001, 123.456789,
    ])
  })

  test('behavior: no explorer URL without a hash or on an unknown chain', async () => {
    insertTransaction(h, { agentId, txHash: null })
    insertTransaction(h, { agentId, chainId: '999999', createdAt: START - 1 })
    const res = await h.call('GET', '/api/transactions')
    expect(res.body.transactions.map((t: { explorerUrl: unknown }) => t.explorerUrl)).toEqual([
      null,
      null,
    ])
  })

  test('args: agentId, walletId, status', async () => {
    const other = h.createAgentWithKey().agentId
    const mine = insertTransaction(h, { agentId, walletId: 'cwallet0000000000000001' })
    const failed = insertTransaction(h, {
      agentId,
      status: 'FAILED',
      createdAt: START - 1,
      failureReason: 'boom',
    })
    const theirs = insertTransaction(h, { agentId: other, createdAt: START - 2 })
    expect(idsOf((await h.call('GET', `/api/transactions?agentId=${agentId}`)).body)).toEqual([
      mine,
      failed,
    ])
    expect(idsOf((await h.call('GET', `/api/transactions?agentId=${other}`)).body)).toEqual([
      theirs,
    ])
    expect(
      idsOf((await h.call('GET', '/api/transactions?walletId=cwallet0000000000000001')).body),
    ).toEqual([mine])
    const byStatus = await h.call('GET', '/api/transactions?status=FAILED')
    expect(idsOf(byStatus.body)).toEqual([failed])
    expect(byStatus.body.transactions[0]).toMatchObject({
      failureReason: 'boom',
      confirmedAt: null,
    })
  })

  test('args: startDate and endDate (timestamps inclusive, a bare end date covers its day)', async () => {
    const yesterday = insertTransaction(h, { agentId, createdAt: START - DAY })
    const today = insertTransaction(h, { agentId, createdAt: START })
    const lateToday = insertTransaction(h, { agentId, createdAt: START + 11 * HOUR })
    const list = async (query: string) =>
      idsOf((await h.call('GET', `/api/transactions?${query}`)).body)
    expect(await list('startDate=2026-04-08')).toEqual([lateToday, today])
    expect(await list('endDate=2026-04-07')).toEqual([yesterday])
    expect(await list('endDate=2026-04-08')).toEqual([lateToday, today, yesterday])
    expect(
      await list('startDate=2026-04-08T12:00:00.000Z&endDate=2026-04-08T12:00:00.000Z'),
    ).toEqual([today])
    expect(await list('startDate=2026-04-08T12:00:00.001Z')).toEqual([lateToday])
    expect(await list('startDate=2026-04-08T14:00:00%2B02:00&endDate=2026-04-08')).toEqual([
      lateToday,
      today,
    ])
  })

  test('args: minAmount and maxAmount (inclusive)', async () => {
    const small = insertTransaction(h, { agentId, amountMicros: 5_000_000 })
    const exact = insertTransaction(h, { agentId, amountMicros: 10_500_000, createdAt: START - 1 })
    const big = insertTransaction(h, { agentId, amountMicros: 100_000_000, createdAt: START - 2 })
    const list = async (query: string) =>
      idsOf((await h.call('GET', `/api/transactions?${query}`)).body)
    expect(await list('minAmount=10.5')).toEqual([exact, big])
    expect(await list('maxAmount=10.5')).toEqual([small, exact])
    expect(await list('minAmount=6&maxAmount=99.999999')).toEqual([exact])
    expect(await list('minAmount=0')).toHaveLength(3)
  })

  test('args: limit and offset', async () => {
    const ids = [0, 1, 2].map((i) => insertTransaction(h, { agentId, createdAt: START - i }))
    const page = await h.call('GET', '/api/transactions?limit=2&offset=1')
    expect(idsOf(page.body)).toEqual([ids[1], ids[2]])
    expect(page.body.pagination).toEqual({ total: 3, limit: 2, offset: 1, hasMore: false })
    const first = await h.call('GET', '/api/transactions?limit=2')
    expect(first.body.pagination.hasMore).toBe(true)
  })

  test("behavior: never lists another organization's transactions", async () => {
    const other = h.createOtherOrganization()
    const theirAgent = h.createAgentWithKey({ organizationId: other.organization.id }).agentId
    insertTransaction(h, { agentId: theirAgent, organizationId: other.organization.id })
    const mine = insertTransaction(h, { agentId })
    expect(idsOf((await h.call('GET', '/api/transactions')).body)).toEqual([mine])
    const filtered = await h.call('GET', `/api/transactions?agentId=${theirAgent}`)
    expect(filtered.body.transactions).toEqual([])
  })

  test('behavior: a READ_ONLY key can list', async () => {
    const res = await h.call('GET', '/api/transactions', { key: readOnlyKey() })
    expect(res.status).toBe(200)
  })

  test('error: VALIDATION_ERROR for bad filters', async () => {
    for (const query of [
      'status=DONE',
      'startDate=yesterday',
      'endDate=2026-13-01',
      'minAmount=-1',
      'maxAmount=abc',
      'limit=0',
      'offset=-1',
      'agentId=bad%20id',
    ]) {
      const res = await h.call('GET', `/api/transactions?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.code, query).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('error: INSUFFICIENT_SCOPE for an agent key', async () => {
    const agent = h.createAgentWithKey()
    const res = await h.call('GET', '/api/transactions', { key: agent.key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: AUTH_FAILED without a key', async () => {
    const res = await h.call('GET', '/api/transactions', { key: null })
    expect(res.status).toBe(401)
  })
})

describe('transactions.retrieve', () => {
  test('default', async () => {
    const id = insertTransaction(h, { agentId })
    const res = await h.call('GET', `/api/transactions/${id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id,
      agentId,
      agent: { id: agentId, name: 'Buyer' },
      amount: 10,
    })
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    const res = await h.call('GET', `/api/transactions/${UNKNOWN_ID}`)
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's transaction", async () => {
    const id = insertTransaction(h, { agentId })
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/transactions/${id}`, { key: other.key })
    expect(res.status).toBe(404)
    expect(res.text).not.toContain(agentId)
  })
})

let managed: Awaited<ReturnType<typeof setupManaged>>

/**
 * A real settlement failure: the wallet's key cannot be decrypted while executing, so the
 * request ends FAILED with a FAILED transaction; then the key is restored.
 */
async function failedTransaction(amountMicros = 40_000_000): Promise<{
  transactionId: string
  requestId: string
}> {
  const requestId = insertApprovedRequest(h, {
    agentId: managed.agentId,
    walletId: managed.walletId,
    amountMicros,
    recipientAddress: RECIPIENT,
  })
  const key = walletRow(h, managed.walletId)?.encryptedPrivateKey as string
  h.db
    .update(wallets)
    .set({ encryptedPrivateKey: 'broken' })
    .where(eq(wallets.id, managed.walletId))
    .run()
  const execute = await h.call('POST', `/api/sdk/payments/${requestId}/execute`, {
    key: managed.key,
  })
  expect(execute.status, execute.text).toBe(500)
  h.db
    .update(wallets)
    .set({ encryptedPrivateKey: key })
    .where(eq(wallets.id, managed.walletId))
    .run()
  const failed = requestRow(h, requestId)
  expect(failed?.status).toBe('FAILED')
  return { transactionId: failed?.transactionId as string, requestId }
}

const retry = (transactionId: string, key?: string) =>
  h.call('POST', `/api/transactions/${transactionId}/retry`, key === undefined ? {} : { key })

describe('transactions.retry', () => {
  beforeEach(async () => {
    managed = await setupManaged(h, { balance: 1000 })
  })

  test('default', async () => {
    const { transactionId, requestId } = await failedTransaction()
    const before = await h.call('GET', `/api/transactions/${transactionId}`)
    expect(before.body).toMatchObject({ status: 'FAILED', txHash: null, explorerUrl: null })

    const res = await retry(transactionId)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      transaction: expect.objectContaining({
        status: 'COMPLETED',
        amount: 40,
        txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
        explorerUrl: expect.stringContaining('https://explore.moderato.tempo.xyz/tx/0x'),
        simulated: true,
        failureReason: null,
        walletId: managed.walletId,
        agentId: managed.agentId,
      }),
      retried: true,
    })
    expect(res.body.transaction.id).not.toBe(transactionId)
    expect(res.body.transaction.paymentRequestId).not.toBe(requestId)
    expect(walletRow(h, managed.walletId)?.balanceMicros).toBe(960_000_000)
    const original = await h.call('GET', `/api/transactions/${transactionId}`)
    expect(original.body.status).toBe('FAILED')
  })

  test('behavior: a second retry answers the settled retry without paying again', async () => {
    const { transactionId } = await failedTransaction()
    const first = await retry(transactionId)
    const second = await retry(transactionId)
    expect(second.status).toBe(200)
    expect(second.body).toEqual({ transaction: first.body.transaction, retried: false })
    expect(transactionsOf(h, managed.agentId)).toHaveLength(2)
    expect(walletRow(h, managed.walletId)?.balanceMicros).toBe(960_000_000)
  })

  test('behavior: audits the re-approval', async () => {
    const { transactionId } = await failedTransaction()
    const res = await retry(transactionId)
    const entries = h.db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, h.organization.id),
          eq(auditLogs.resourceId, res.body.transaction.paymentRequestId),
        ),
      )
      .all()
    expect(entries.map((entry) => entry.action)).toEqual(['APPROVE', 'PAYMENT_EXECUTED'])
    expect(entries[0]?.metadata).toMatchObject({ change: 'retry' })
  })

  test('behavior: an admin agent key may retry its own transaction', async () => {
    const { transactionId } = await failedTransaction()
    const admin = issueAdminAgentKey()
    const res = await retry(transactionId, admin)
    expect(res.status, res.text).toBe(200)
    expect(res.body.retried).toBe(true)
  })

  test('behavior: a standard agent key holding transactions:write may retry its own transaction (§2.8 "S, O, A")', async () => {
    const { transactionId } = await failedTransaction()
    const standard = issueAgentKey('standard')
    const res = await retry(transactionId, standard)
    expect(res.status, res.text).toBe(200)
    expect(res.body.retried).toBe(true)
    // Another agent's standard key with the scope sees nothing of it.
    const other = h.createAgentWithKey({ scopes: [...PAYMENT_SCOPES, 'transactions:write'] })
    expect((await retry(transactionId, other.key)).status).toBe(404)
  })

  test("error: NOT_FOUND for an admin agent key on another agent's transaction", async () => {
    const { transactionId } = await failedTransaction()
    const other = h.createAgentWithKey({ keyType: 'admin' })
    const res = await retry(transactionId, other.key)
    expect(res.status).toBe(404)
  })

  test('error: INVALID_STATUS for a transaction that did not fail', async () => {
    const id = insertTransaction(h, { agentId: managed.agentId, status: 'COMPLETED' })
    const res = await retry(id)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'INVALID_STATUS', currentStatus: 'COMPLETED' })
  })

  test('error: INVALID_STATUS for a failed transaction without a payment request', async () => {
    const id = insertTransaction(h, { agentId: managed.agentId, status: 'FAILED', txHash: null })
    const res = await retry(id)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_STATUS')
  })

  test('error: AGENT_NOT_ACTIVE when the agent was suspended', async () => {
    const { transactionId } = await failedTransaction()
    h.db.update(agents).set({ status: 'SUSPENDED' }).where(eq(agents.id, managed.agentId)).run()
    const res = await retry(transactionId)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('AGENT_NOT_ACTIVE')
  })

  test('error: WALLET_FROZEN when the wallet was frozen', async () => {
    const { transactionId } = await failedTransaction()
    h.db.update(wallets).set({ status: 'FROZEN' }).where(eq(wallets.id, managed.walletId)).run()
    const res = await retry(transactionId)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('WALLET_FROZEN')
  })

  test('error: INSUFFICIENT_BALANCE when the wallet cannot cover it', async () => {
    const { transactionId } = await failedTransaction()
    h.db.update(wallets).set({ balanceMicros: 1 }).where(eq(wallets.id, managed.walletId)).run()
    const res = await retry(transactionId)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INSUFFICIENT_BALANCE')
  })

  test('error: POLICY_DENIED when the limits no longer allow it', async () => {
    const { transactionId } = await failedTransaction()
    h.db
      .update(agentWalletLinks)
      .set({ spendLimitPerTxMicros: 10_000_000 })
      .where(eq(agentWalletLinks.walletId, managed.walletId))
      .run()
    const res = await retry(transactionId)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'POLICY_DENIED', status: 'DENIED' })
    expect(res.body.violations[0].type).toBe('PER_TX_LIMIT')
    expect(transactionsOf(h, managed.agentId)).toHaveLength(1)
  })

  test('error: NOT_FOUND for unknown and foreign ids', async () => {
    const { transactionId } = await failedTransaction()
    const other = h.createOtherOrganization()
    expect((await retry(transactionId, other.key)).status).toBe(404)
    expect((await retry(UNKNOWN_ID)).status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key or a standard agent key', async () => {
    const { transactionId } = await failedTransaction()
    const readOnly = issueOrgApiKey(h.db, h.clock.now(), {
      organizationId: h.organization.id,
      name: 'Read only',
      scopePreset: 'READ_ONLY',
    }).key
    const res = await retry(transactionId, readOnly)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
    expect((await retry(transactionId, managed.key)).status).toBe(403)
  })
})

/** An admin SDK key for the managed agent (admin keys carry transactions:write). */
function issueAdminAgentKey(): string {
  return issueAgentKey('admin')
}

/** An SDK key of `keyType` for the managed agent, holding transactions:write. */
function issueAgentKey(keyType: 'admin' | 'standard'): string {
  const admin = h.createAgentWithKey({
    keyType,
    scopes: [...PAYMENT_SCOPES, 'transactions:write'],
  })
  // Re-point the new key at the managed agent, so it acts for that agent.
  h.db
    .update(sdkKeys)
    .set({ agentId: managed.agentId })
    .where(eq(sdkKeys.agentId, admin.agentId))
    .run()
  return admin.key
}
