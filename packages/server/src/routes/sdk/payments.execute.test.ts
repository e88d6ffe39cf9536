import { getChain } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import {
  decodeFunctionData,
  erc20Abi,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  type TransactionSerializedEIP1559,
  zeroAddress,
} from 'viem'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  auditActions,
  eventsOf,
  insertApprovedRequest,
  requestRow,
  reservationOf,
  setupManaged,
  spendRows,
  subscribeWebhook,
  transactionsOf,
  walletRow,
} from '../../../test/settlement-fixtures.js'
import { agents, alerts, wallets } from '../../db/schema.js'
import { executePayment } from '../../services/settlement.js'
import { signSimulatedTransfer } from '../../services/simulated-transfer.js'

const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'

async function approved(
  h: Harness,
  options: Parameters<typeof setupManaged>[1] & { amountMicros?: number; recipient?: string } = {},
) {
  const setup = await setupManaged(h, options)
  const requestId = insertApprovedRequest(h, {
    agentId: setup.agentId,
    walletId: setup.walletId,
    amountMicros: options.amountMicros ?? 25_500_000,
    recipientAddress: options.recipient ?? RECIPIENT,
    chainId: options.chainId ?? '42431',
    currency: getChain(options.chainId ?? '42431')?.stablecoin ?? 'USDC',
  })
  return { ...setup, requestId }
}

/** The signed transfer the PAYMENT_EXECUTED audit entry recorded. */
function signedTransactionOf(h: Harness, requestId: string): TransactionSerializedEIP1559 {
  const entry = auditActions(h, requestId).find((row) => row.action === 'PAYMENT_EXECUTED')
  const signed = entry?.metadata?.['signedTransaction']
  if (typeof signed !== 'string') throw new Error('no signed transaction recorded')
  return signed as TransactionSerializedEIP1559
}

const execute = (h: Harness, requestId: string, key: string) =>
  h.call('POST', `/api/sdk/payments/${requestId}/execute`, { key })

describe('payments.execute', () => {
  test('default', async () => {
    const h = createHarness()
    const { key, requestId, walletId, address, agentId } = await approved(h)
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({
      requestId,
      status: 'COMPLETED',
      simulated: true,
      amount: 25.5,
      currency: 'pathUSD',
      chainId: '42431',
      walletId,
      recipientAddress: RECIPIENT,
    })
    expect(response.body.txHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(response.body.explorerUrl).toBe(
      `https://explore.moderato.tempo.xyz/tx/${response.body.txHash}`,
    )
    const [transaction] = transactionsOf(h, agentId)
    expect(transaction).toMatchObject({
      id: response.body.transactionId,
      status: 'COMPLETED',
      simulated: true,
      txHash: response.body.txHash,
      fromAddress: address,
      toAddress: RECIPIENT,
      paymentRequestId: requestId,
      amountMicros: 25_500_000,
    })
    expect(requestRow(h, requestId)).toMatchObject({
      status: 'EXECUTED',
      transactionId: response.body.transactionId,
    })
  })

  test('behavior: the txHash is keccak256 of a signed ERC-20 transfer of the amount', async () => {
    const h = createHarness()
    const { key, requestId, walletId, address } = await approved(h, { amountMicros: 12_345_678 })
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
    const serialized = signedTransactionOf(h, requestId)
    expect(keccak256(serialized)).toBe(response.body.txHash)
    const parsed = parseTransaction(serialized)
    expect(parsed.type).toBe('eip1559')
    expect(parsed.chainId).toBe(42431)
    expect(parsed.nonce).toBe(0)
    expect(parsed.to?.toLowerCase()).toBe(getChain('42431')?.stablecoinAddress?.toLowerCase())
    expect(parsed.value ?? 0n).toBe(0n)
    const call = decodeFunctionData({ abi: erc20Abi, data: parsed.data ?? '0x' })
    expect(call.functionName).toBe('transfer')
    expect(call.args?.[0]?.toLowerCase()).toBe(RECIPIENT.toLowerCase())
    expect(call.args?.[1]).toBe(12_345_678n)
    const signer = await recoverTransactionAddress({ serializedTransaction: serialized })
    expect(signer.toLowerCase()).toBe(address.toLowerCase())
    // Signing is deterministic (RFC 6979): the stored key signs the same transfer again.
    const again = await signSimulatedTransfer(
      {
        chainId: '42431',
        encryptedPrivateKey: walletRow(h, walletId)?.encryptedPrivateKey ?? '',
        fromAddress: address,
        toAddress: RECIPIENT,
        amountMicros: 12_345_678,
        nonce: 0,
        reference: requestId,
      },
      h.app.deps.secret,
    )
    expect(again.txHash).toBe(response.body.txHash)
  })

  test('behavior: the nonce is the wallet transaction count', async () => {
    const h = createHarness()
    const setup = await setupManaged(h)
    const first = insertApprovedRequest(h, {
      agentId: setup.agentId,
      walletId: setup.walletId,
      amountMicros: 1_000_000,
      recipientAddress: RECIPIENT,
    })
    const second = insertApprovedRequest(h, {
      agentId: setup.agentId,
      walletId: setup.walletId,
      amountMicros: 1_000_000,
      recipientAddress: RECIPIENT,
    })
    const a = await execute(h, first, setup.key)
    const b = await execute(h, second, setup.key)
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    // Same amount and recipient: only the nonce differs, so the hashes must too.
    expect(a.body.txHash).not.toBe(b.body.txHash)
  })

  test('behavior: the balance is debited exactly, in micro-units', async () => {
    const h = createHarness()
    const { key, requestId, walletId } = await approved(h, {
      balance: 100.000001,
      amountMicros: 99_999_999,
    })
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
    expect(walletRow(h, walletId)?.balanceMicros).toBe(2)
    const wallet = await h.call('GET', `/api/wallets/${walletId}`)
    expect(wallet.body.balance).toBe(0.000002)
  })

  test('behavior: the reservation becomes spend (rollup, window totals unchanged)', async () => {
    const h = createHarness()
    const { key, requestId, agentId, walletId } = await approved(h, { amountMicros: 40_000_000 })
    const before = await h.call('GET', `/api/agents/${agentId}/wallets`)
    expect(before.body.wallets[0].spentToday).toBe(40)
    expect(reservationOf(h, requestId)?.releasedAt).toBeNull()
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(200)
    expect(reservationOf(h, requestId)?.releasedAt).toBe(h.clock.now())
    expect(spendRows(h, agentId)).toEqual([
      {
        agentId,
        walletId,
        day: Date.parse('2026-04-08T00:00:00.000Z'),
        amountMicros: 40_000_000,
        count: 1,
      },
    ])
    const after = await h.call('GET', `/api/agents/${agentId}/wallets`)
    expect(after.body.wallets[0].spentToday).toBe(40)
  })

  test('behavior: audit entry and payment.executed + payment.confirmed events', async () => {
    const h = createHarness()
    const { key, requestId, agentId } = await approved(h)
    const webhookId = subscribeWebhook(h)
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(200)
    const audit = auditActions(h, requestId).find((entry) => entry.action === 'PAYMENT_EXECUTED')
    expect(audit).toMatchObject({
      resource: 'payment_request',
      actorType: 'AGENT',
      actorId: agentId,
      previousState: expect.objectContaining({ status: 'APPROVED' }),
      newState: expect.objectContaining({ status: 'EXECUTED', txHash: response.body.txHash }),
    })
    const events = eventsOf(h, webhookId)
    expect(events.map((event) => event.event)).toEqual(['payment.executed', 'payment.confirmed'])
    expect(events[0]?.data).toMatchObject({
      requestId,
      agentId,
      amount: 25.5,
      status: 'EXECUTED',
      txHash: response.body.txHash,
      transactionId: response.body.transactionId,
    })
    expect(events[1]?.data).toEqual({
      paymentId: requestId,
      amount: 25.5,
      transactionHash: response.body.txHash,
      transactionId: response.body.transactionId,
      organizationId: h.organization.id,
      agentId,
    })
  })

  test('behavior: Base uses USDC at its contract and basescan', async () => {
    const h = createHarness()
    const { key, requestId } = await approved(h, { chainId: '8453' })
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
    expect(response.body.currency).toBe('USDC')
    expect(response.body.explorerUrl).toBe(`https://basescan.org/tx/${response.body.txHash}`)
  })

  test('behavior: a chain without a known token contract addresses the zero address', async () => {
    const h = createHarness()
    const { key, requestId } = await approved(h, { chainId: '4217' })
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
    const serialized = signedTransactionOf(h, requestId)
    expect(keccak256(serialized)).toBe(response.body.txHash)
    const parsed = parseTransaction(serialized)
    expect(parsed.to).toBe(zeroAddress)
    expect(parsed.chainId).toBe(4217)
    expect(response.body.currency).toBe('USDC.e')
    expect(response.body.explorerUrl).toBe(`https://explore.tempo.xyz/tx/${response.body.txHash}`)
  })

  test('behavior: Solana wallets sign with ed25519 and use the base58 signature', async () => {
    const h = createHarness()
    const recipient = '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'
    const { key, requestId } = await approved(h, {
      chainId: 'solana-devnet',
      chainType: 'SOLANA',
      recipient,
    })
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
    expect(response.body.txHash).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/)
    expect(response.body.explorerUrl).toBe(
      `https://solscan.io/tx/${response.body.txHash}?cluster=devnet`,
    )
    expect(response.body).toMatchObject({ status: 'COMPLETED', simulated: true, currency: 'USDC' })
  })

  test('behavior: 10 parallel executes produce one transaction and one debit', async () => {
    const h = createHarness()
    const { key, requestId, walletId, agentId } = await approved(h, { amountMicros: 10_000_000 })
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => execute(h, requestId, key)),
    )
    const ok = responses.filter((response) => response.status === 200)
    const rejected = responses.filter((response) => response.status !== 200)
    expect(ok).toHaveLength(1)
    expect(rejected.map((response) => response.body.code)).toEqual(Array(9).fill('INVALID_STATUS'))
    for (const response of rejected) {
      expect(response.body.execution).toMatchObject({
        transactionId: ok[0]?.body.transactionId,
        txHash: ok[0]?.body.txHash,
      })
    }
    expect(transactionsOf(h, agentId)).toHaveLength(1)
    expect(walletRow(h, walletId)?.balanceMicros).toBe(990_000_000)
    expect(spendRows(h, agentId)[0]).toMatchObject({ amountMicros: 10_000_000, count: 1 })
  })

  test('behavior: parallel executes of different requests from one wallet all settle', async () => {
    const h = createHarness()
    const setup = await setupManaged(h)
    const ids = Array.from({ length: 5 }, () =>
      insertApprovedRequest(h, {
        agentId: setup.agentId,
        walletId: setup.walletId,
        amountMicros: 1_000_000,
        recipientAddress: RECIPIENT,
      }),
    )
    const responses = await Promise.all(ids.map((id) => execute(h, id, setup.key)))
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(responses.map((response) => response.body.txHash)).size).toBe(5)
    expect(walletRow(h, setup.walletId)?.balanceMicros).toBe(995_000_000)
  })

  test('error: NOT_FOUND for an unknown request and for another agent', async () => {
    const h = createHarness()
    const { requestId, key } = await approved(h)
    expect((await execute(h, 'cnope', key)).body.code).toBe('NOT_FOUND')
    const other = h.createAgentWithKey({ scopes: ['payments:execute'] })
    const response = await execute(h, requestId, other.key)
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('NOT_FOUND')
    const otherOrg = h.createOtherOrganization()
    const foreign = h.createAgentWithKey({
      organizationId: otherOrg.organization.id,
      scopes: ['payments:execute'],
    })
    expect((await execute(h, requestId, foreign.key)).status).toBe(404)
    expect(requestRow(h, requestId)?.status).toBe('APPROVED')
  })

  test('error: AUTH_FAILED without a key', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/sdk/payments/cany/execute', { key: null })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
  })

  test('error: INSUFFICIENT_SCOPE without payments:execute', async () => {
    const h = createHarness()
    const { requestId, agentId } = await approved(h)
    const weak = h.createAgentWithKey({ scopes: ['payments:request'] })
    // Another agent's key without the scope is refused before the lookup.
    const response = await execute(h, requestId, weak.key)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    expect(agentId).toBeTruthy()
  })

  test('error: EXTERNAL_WALLET for an EXTERNAL wallet (test and live mode)', async () => {
    for (const mode of ['test', 'live'] as const) {
      const h = createHarness({ mode })
      const agent = h.createAgentWithKey({ scopes: ['payments:execute'] })
      const wallet = await h.call('POST', '/api/wallets', {
        body: { name: 'Ext', custodyType: 'EXTERNAL', address: RECIPIENT.replace('742', '743') },
      })
      expect(wallet.status, wallet.text).toBe(201)
      const requestId = insertApprovedRequest(h, {
        agentId: agent.agentId,
        walletId: wallet.body.id,
        amountMicros: 1_000_000,
        recipientAddress: RECIPIENT,
      })
      const response = await execute(h, requestId, agent.key)
      expect(response.status, mode).toBe(400)
      expect(response.body.code).toBe('EXTERNAL_WALLET')
    }
  })

  test('error: INVALID_STATUS for a request that is not APPROVED', async () => {
    const h = createHarness()
    const setup = await setupManaged(h)
    for (const status of ['DENIED', 'REQUIRES_APPROVAL', 'FAILED']) {
      const requestId = insertApprovedRequest(h, {
        agentId: setup.agentId,
        walletId: setup.walletId,
        amountMicros: 1_000_000,
        recipientAddress: RECIPIENT,
        status,
      })
      const response = await execute(h, requestId, setup.key)
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ code: 'INVALID_STATUS', currentStatus: status })
      expect(response.body.execution).toBeUndefined()
    }
  })

  test('error: WALLET_CONFIG_ERROR for an APPROVED request without a wallet', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: ['payments:execute'] })
    const orphan = insertApprovedRequest(h, {
      agentId: agent.agentId,
      walletId: null,
      amountMicros: 1_000_000,
      recipientAddress: RECIPIENT,
    })
    const response = await execute(h, orphan, agent.key)
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('WALLET_CONFIG_ERROR')
    const denied = insertApprovedRequest(h, {
      agentId: agent.agentId,
      walletId: null,
      amountMicros: 1_000_000,
      recipientAddress: RECIPIENT,
      status: 'DENIED',
    })
    expect((await execute(h, denied, agent.key)).body.code).toBe('INVALID_STATUS')
  })

  test('error: INVALID_STATUS with the existing execution when already executed', async () => {
    const h = createHarness()
    const { key, requestId } = await approved(h)
    const first = await execute(h, requestId, key)
    const second = await execute(h, requestId, key)
    expect(second.status).toBe(400)
    expect(second.body).toMatchObject({
      code: 'INVALID_STATUS',
      currentStatus: 'EXECUTED',
      execution: {
        transactionId: first.body.transactionId,
        txHash: first.body.txHash,
        explorerUrl: first.body.explorerUrl,
        status: 'COMPLETED',
        simulated: true,
      },
    })
  })

  test('error: EXPIRED after 5 minutes on the test clock (request EXPIRED, reservation released)', async () => {
    const h = createHarness()
    const { key, requestId, walletId, agentId } = await approved(h)
    const moved = await h.call('POST', '/api/test/clock', { body: { advanceSeconds: 300 } })
    expect(moved.status, moved.text).toBe(200)
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      code: 'EXPIRED',
      paymentRequestId: requestId,
      expiresAt: '2026-04-08T12:05:00.000Z',
      // The envelope's requestId is the request-id header, never the payment's id.
      requestId: response.headers.get('request-id'),
    })
    expect(requestRow(h, requestId)?.status).toBe('EXPIRED')
    expect(reservationOf(h, requestId)?.releasedAt).toBe(h.clock.now())
    expect(walletRow(h, walletId)?.balanceMicros).toBe(1_000_000_000)
    expect(transactionsOf(h, agentId)).toHaveLength(0)
    expect(auditActions(h, requestId).map((entry) => entry.newState)).toContainEqual(
      expect.objectContaining({ status: 'EXPIRED' }),
    )
    const again = await execute(h, requestId, key)
    expect(again.body.code).toBe('EXPIRED')
  })

  test('behavior: executable until the last millisecond before expiry', async () => {
    const h = createHarness()
    const { key, requestId } = await approved(h)
    h.clock.freeze(h.clock.now() + 5 * 60_000 - 1)
    const response = await execute(h, requestId, key)
    expect(response.status, response.text).toBe(200)
  })

  test('error: WALLET_FROZEN when the wallet is frozen', async () => {
    const h = createHarness()
    const { key, requestId, walletId } = await approved(h)
    h.db.update(wallets).set({ status: 'FROZEN' }).where(eq(wallets.id, walletId)).run()
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ code: 'WALLET_FROZEN', walletId })
    expect(requestRow(h, requestId)?.status).toBe('APPROVED')
  })

  test('error: AGENT_NOT_ACTIVE when the agent is paused', async () => {
    const h = createHarness()
    const { key, requestId, agentId } = await approved(h)
    h.db.update(agents).set({ status: 'PAUSED' }).where(eq(agents.id, agentId)).run()
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('AGENT_NOT_ACTIVE')
  })

  test('error: INSUFFICIENT_BALANCE when the balance is below the amount', async () => {
    const h = createHarness()
    const { key, requestId, walletId, agentId } = await approved(h, {
      balance: 25.499999,
      amountMicros: 25_500_000,
    })
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      balance: 25.499999,
      amount: 25.5,
    })
    expect(walletRow(h, walletId)?.balanceMicros).toBe(25_499_999)
    expect(transactionsOf(h, agentId)).toHaveLength(0)
    expect(requestRow(h, requestId)?.status).toBe('APPROVED')
  })

  test('error: CUSTODY_NOT_CONFIGURED in live mode for managed wallets', async () => {
    const h = createHarness({ mode: 'live' })
    const setup = await setupManaged(h, { balance: 0 })
    const requestId = insertApprovedRequest(h, {
      agentId: setup.agentId,
      walletId: setup.walletId,
      amountMicros: 1_000_000,
      recipientAddress: RECIPIENT,
    })
    const response = await execute(h, requestId, setup.key)
    expect(response.status).toBe(500)
    expect(response.body.code).toBe('CUSTODY_NOT_CONFIGURED')
    expect(requestRow(h, requestId)?.status).toBe('APPROVED')
  })

  test('error: a signing failure fails the request (alert, event, failure counter)', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const { key, requestId, walletId, agentId } = await approved(h)
    h.db
      .update(wallets)
      .set({ encryptedPrivateKey: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' })
      .where(eq(wallets.id, walletId))
      .run()
    const response = await execute(h, requestId, key)
    expect(response.status).toBe(500)
    expect(response.body).toMatchObject({
      code: 'INTERNAL_ERROR',
      paymentRequestId: requestId,
      status: 'FAILED',
    })
    expect(requestRow(h, requestId)).toMatchObject({ status: 'FAILED' })
    expect(requestRow(h, requestId)?.failureReason).toMatch(/authentication/)
    expect(reservationOf(h, requestId)?.releasedAt).toBe(h.clock.now())
    expect(walletRow(h, walletId)?.balanceMicros).toBe(1_000_000_000)
    expect(spendRows(h, agentId)).toEqual([])
    const [failed] = transactionsOf(h, agentId)
    expect(failed).toMatchObject({ status: 'FAILED', txHash: null, paymentRequestId: requestId })
    const alert = h.db.select().from(alerts).where(eq(alerts.agentId, agentId)).all()
    expect(alert.map((row) => row.type)).toContain('FAILED_TRANSACTION')
    expect(eventsOf(h, webhookId).map((event) => event.event)).toContain('payment.failed')
    expect(auditActions(h, requestId).map((entry) => entry.action)).toContain('PAYMENT_FAILED')
    const agent = h.db.select().from(agents).where(eq(agents.id, agentId)).get()
    expect(agent?.consecutiveFailures).toBe(1)
    const again = await execute(h, requestId, key)
    expect(again.body).toMatchObject({ code: 'INVALID_STATUS', currentStatus: 'FAILED' })
  })

  test('behavior: end to end — request, execute, status, transactions, later requests', async () => {
    const h = createHarness()
    const setup = await setupManaged(h, { link: { spendLimitPerTx: null } })
    const requested = await h.call('POST', '/api/sdk/payments/request', {
      key: setup.key,
      body: { amount: 600, recipientAddress: RECIPIENT, purpose: 'GPU hours' },
    })
    expect(requested.status, requested.text).toBe(200)
    expect(requested.body.status).toBe('APPROVED')
    const executed = await execute(h, requested.body.requestId, setup.key)
    expect(executed.status, executed.text).toBe(200)
    const status = await h.call('GET', `/api/sdk/payments/${requested.body.requestId}`, {
      key: setup.key,
    })
    expect(status.body).toMatchObject({
      status: 'EXECUTED',
      execution: {
        transactionId: executed.body.transactionId,
        txHash: executed.body.txHash,
        status: 'COMPLETED',
        simulated: true,
      },
    })
    const listed = await h.call('GET', '/api/sdk/transactions', { key: setup.key })
    expect(listed.body.transactions).toEqual([
      expect.objectContaining({
        id: executed.body.transactionId,
        status: 'COMPLETED',
        simulated: true,
        amount: 600,
        explorerUrl: executed.body.explorerUrl,
      }),
    ])
    // The executed 600 is spend: 600 + 500 passes the daily 1,000 no more.
    const later = await h.call('POST', '/api/sdk/payments/request', {
      key: setup.key,
      body: { amount: 500, recipientAddress: RECIPIENT },
    })
    expect(later.body.status).toBe('DENIED')
    expect(later.body.violations[0].type).toBe('DAILY_LIMIT')
    const wallet = await h.call('GET', `/api/wallets/${setup.walletId}`)
    expect(wallet.body.balance).toBe(400)
  })

  test('behavior: a successful execution ends the failure streak', async () => {
    const h = createHarness()
    const { key, requestId, agentId } = await approved(h)
    h.db.update(agents).set({ consecutiveFailures: 3 }).where(eq(agents.id, agentId)).run()
    expect((await execute(h, requestId, key)).status).toBe(200)
    const agent = h.db.select().from(agents).where(eq(agents.id, agentId)).get()
    expect(agent?.consecutiveFailures).toBe(0)
  })

  test('behavior: an org key may execute any request of its organization', async () => {
    const h = createHarness()
    const { requestId, agentId } = await approved(h)
    const result = await executePayment(
      h.app.deps,
      {
        kind: 'org',
        organizationId: h.organization.id,
        keyId: 'key_test',
        scopes: new Set(),
      },
      requestId,
    )
    expect(result).toMatchObject({ requestId, status: 'COMPLETED' })
    const audit = auditActions(h, requestId).find((entry) => entry.action === 'PAYMENT_EXECUTED')
    expect(audit).toMatchObject({ actorType: 'API', actorId: 'key_test' })
    expect(transactionsOf(h, agentId)).toHaveLength(1)
  })
})
