import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  ALL_DAYS,
  auditActions,
  eventsOf,
  PAYMENT_SCOPES,
  reservationOf,
  setupManaged,
  spendRows,
  subscribeWebhook,
  transactionsOf,
  walletRow,
} from '../../../test/settlement-fixtures.js'
import { agents, alerts, approvalRequests, externalApprovals, wallets } from '../../db/schema.js'

const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
const SENDER = '0x1111111111111111111111111111111111111111'
const SOLANA_SENDER = '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'
const SOLANA_RECIPIENT = 'DRpbCBMxVnDK7maPM5tGv6MvB3v1sRMC86PZ8okm21hy'
const TX_HASH = `0x${'ab'.repeat(32)}`
const MINUTE = 60_000

/** An agent with every payment scope and, unless `link: false`, a linked EXTERNAL wallet. */
async function setupExternal(
  h: Harness,
  input: { link?: false | Record<string, unknown>; scopes?: readonly string[] } = {},
) {
  const agent = h.createAgentWithKey({ scopes: input.scopes ?? PAYMENT_SCOPES })
  if (input.link === false) return { ...agent, walletId: '' }
  const wallet = await h.call('POST', '/api/wallets', {
    body: { name: 'Ext', custodyType: 'EXTERNAL', address: SENDER },
  })
  expect(wallet.status, wallet.text).toBe(201)
  const linked = await h.call('POST', `/api/agents/${agent.agentId}/wallets`, {
    body: { walletId: wallet.body.id, allowedDays: ALL_DAYS, spendLimitPerTx: null, ...input.link },
  })
  expect(linked.status, linked.text).toBe(201)
  return { ...agent, walletId: wallet.body.id as string }
}

const approve = (h: Harness, key: string, body: Record<string, unknown> = {}) =>
  h.call('POST', '/api/sdk/payments/approve', {
    key,
    body: { amount: 50, recipientAddress: RECIPIENT, senderAddress: SENDER, ...body },
  })

const confirm = (h: Harness, key: string, approvalId: string, body: Record<string, unknown>) =>
  h.call('POST', `/api/sdk/payments/${approvalId}/confirm`, { key, body })

/** A policy that sends the agent's transfers above 100 to a human (REQUIRE_APPROVAL_ABOVE). */
async function escalateAbove100(h: Harness, agentId: string): Promise<void> {
  const policy = await h.call('POST', '/api/policies', {
    body: {
      name: 'Big payments',
      policyType: 'APPROVAL_THRESHOLD',
      rules: [
        {
          ruleType: 'REQUIRE_APPROVAL_ABOVE',
          operator: 'GREATER_THAN',
          value: '100',
          action: 'REQUIRE_APPROVAL',
        },
      ],
      agentIds: [agentId],
    },
  })
  expect(policy.status, policy.text).toBe(201)
}

function approvalRow(h: Harness, approvalId: string) {
  return h.db.select().from(externalApprovals).where(eq(externalApprovals.id, approvalId)).get()
}

async function linkSpentToday(h: Harness, agentId: string, walletId: string): Promise<number> {
  const links = await h.call('GET', `/api/agents/${agentId}/wallets`)
  return links.body.wallets.find((link: { walletId: string }) => link.walletId === walletId)
    .spentToday
}

describe('payments.approve', () => {
  test('default', async () => {
    const h = createHarness()
    const { key, walletId } = await setupExternal(h)
    const response = await approve(h, key, { amount: 50, purpose: 'API credits' })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({
      approved: true,
      expiresAt: '2026-04-08T12:10:00.000Z',
      confirmUrl: `/api/sdk/payments/${response.body.approvalId}/confirm`,
      limits: { dailyUsed: 50, dailyLimit: 1000, dailyRemaining: 950 },
      walletId,
      walletCreated: false,
    })
    expect(response.body.approvalToken).toMatch(/^[0-9a-f]{64}$/)
    expect(response.body.reasons).toEqual(expect.any(Array))
    expect(response.body.evaluation).toMatchObject({ policiesEvaluated: 0 })
    const row = approvalRow(h, response.body.approvalId)
    expect(row).toMatchObject({
      status: 'APPROVED',
      amountMicros: 50_000_000,
      recipientAddress: RECIPIENT,
      senderAddress: SENDER,
      chainId: '42431',
      currency: 'pathUSD',
      purpose: 'API credits',
    })
    // Only a hash of the token is stored.
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(row)).not.toContain(response.body.approvalToken)
    expect(reservationOf(h, response.body.approvalId)).toMatchObject({
      sourceType: 'external_approval',
      amountMicros: 50_000_000,
      expiresAt: h.clock.now() + 10 * MINUTE,
      releasedAt: null,
    })
  })

  test('behavior: an unknown sender auto-creates an EXTERNAL wallet with the default limits', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h, { link: false })
    const response = await approve(h, key, { senderAddress: SENDER, amount: 10 })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({ approved: true, walletCreated: true })
    const wallet = await h.call('GET', `/api/wallets/${response.body.walletId}`)
    expect(wallet.body).toMatchObject({
      address: SENDER,
      custodyType: 'EXTERNAL',
      enforcementMode: 'MONITORING_ONLY',
      chainId: '42431',
      chainType: 'EVM',
      currency: 'pathUSD',
      status: 'ACTIVE',
    })
    const links = await h.call('GET', `/api/agents/${agentId}/wallets`)
    expect(links.body.wallets).toHaveLength(1)
    expect(links.body.wallets[0]).toMatchObject({
      walletId: response.body.walletId,
      spendLimitPerTx: null,
      spendLimitDaily: 1000,
      spendLimitWeekly: 5000,
      spendLimitMonthly: 20000,
    })
    expect(response.body.limits).toEqual({ dailyUsed: 10, dailyLimit: 1000, dailyRemaining: 990 })
    const audit = auditActions(h, response.body.walletId)
    expect(audit.map((entry) => entry.action)).toContain('CREATE')
    // The second approval reuses the wallet.
    const again = await approve(h, key, { senderAddress: SENDER.toUpperCase().replace('0X', '0x') })
    expect(again.body).toMatchObject({ walletId: response.body.walletId, walletCreated: false })
    expect(
      h.db.select().from(wallets).where(eq(wallets.organizationId, h.organization.id)).all(),
    ).toHaveLength(1)
  })

  test('behavior: a base58 sender auto-creates a Solana wallet', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h, { link: false })
    const response = await approve(h, key, {
      senderAddress: SOLANA_SENDER,
      recipientAddress: SOLANA_RECIPIENT,
    })
    expect(response.status, response.text).toBe(200)
    expect(response.body.approved).toBe(true)
    expect(walletRow(h, response.body.walletId)).toMatchObject({
      chainType: 'SOLANA',
      chainId: 'solana-devnet',
      currency: 'USDC',
      custodyType: 'EXTERNAL',
    })
  })

  test('behavior: an explicit chainId creates the wallet on that chain', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h, { link: false })
    const response = await approve(h, key, { chainId: 8453 })
    expect(response.status, response.text).toBe(200)
    expect(walletRow(h, response.body.walletId)).toMatchObject({
      chainId: '8453',
      currency: 'USDC',
    })
  })

  test('behavior: denied → approved false with reasons and violations, nothing reserved', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const { key, agentId } = await setupExternal(h)
    const response = await approve(h, key, { amount: 1000.01 })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({
      approved: false,
      requiresHumanApproval: false,
      violations: [expect.objectContaining({ type: 'DAILY_LIMIT', limit: 1000 })],
    })
    expect(response.body.reasons).toHaveLength(1)
    expect(response.body.approvalToken).toBeUndefined()
    const row = approvalRow(h, response.body.approvalId)
    expect(row).toMatchObject({ status: 'DENIED', tokenHash: null })
    expect(reservationOf(h, response.body.approvalId)).toBeUndefined()
    expect(auditActions(h, response.body.approvalId).map((entry) => entry.action)).toEqual([
      'PAYMENT_DENIED',
    ])
    expect(eventsOf(h, webhookId).map((event) => event.event)).toContain('payment.denied')
    const agentAlerts = h.db.select().from(alerts).where(eq(alerts.agentId, agentId)).all()
    expect(agentAlerts.map((alert) => alert.type)).toContain('POLICY_VIOLATION')
    const agent = h.db.select().from(agents).where(eq(agents.id, agentId)).get()
    expect(agent?.consecutiveViolations).toBe(1)
  })

  test('behavior: REQUIRES_APPROVAL opens an approval request; after approval the token is issued', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    const policy = await h.call('POST', '/api/policies', {
      body: {
        name: 'Big payments',
        policyType: 'APPROVAL_THRESHOLD',
        rules: [
          {
            ruleType: 'REQUIRE_APPROVAL_ABOVE',
            operator: 'GREATER_THAN',
            value: '100',
            action: 'REQUIRE_APPROVAL',
          },
        ],
      },
    })
    expect(policy.status, policy.text).toBe(201)
    const assigned = await h.call('POST', `/api/agents/${agentId}/policies`, {
      body: { policyId: policy.body.id },
    })
    expect(assigned.status, assigned.text).toBe(201)
    const response = await approve(h, key, { amount: 150 })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({
      approved: false,
      requiresHumanApproval: true,
      approvalId: expect.any(String),
      approvalRequestId: expect.any(String),
    })
    expect(approvalRow(h, response.body.approvalId)).toMatchObject({
      status: 'REQUIRES_APPROVAL',
      tokenHash: null,
      approvalRequestId: response.body.approvalRequestId,
    })
    const approvalRequest = h.db
      .select()
      .from(approvalRequests)
      .where(eq(approvalRequests.id, response.body.approvalRequestId))
      .get()
    expect(approvalRequest).toMatchObject({
      type: 'EXTERNAL_APPROVAL',
      status: 'PENDING',
      externalApprovalId: response.body.approvalId,
      amountMicros: 150_000_000,
    })
    const decided = await h.call(
      'POST',
      `/api/approval-requests/${response.body.approvalRequestId}/approve`,
      { body: {} },
    )
    expect(decided.status, decided.text).toBe(200)
    const retried = await approve(h, key, { amount: 150 })
    expect(retried.status, retried.text).toBe(200)
    expect(retried.body).toMatchObject({
      approved: true,
      approvalId: response.body.approvalId,
      approvalRequestId: response.body.approvalRequestId,
      limits: { dailyUsed: 150 },
    })
    const confirmed = await confirm(h, key, retried.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: retried.body.approvalToken,
    })
    expect(confirmed.status, confirmed.text).toBe(200)
  })

  test('behavior: a human-approved transfer is re-checked before its token: a filled daily limit denies it', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    await escalateAbove100(h, agentId)
    const waiting = await approve(h, key, { amount: 150 })
    expect(waiting.body.requiresHumanApproval).toBe(true)
    // While it waits, 9 × 100 of the link's 1,000 a day are approved (and held).
    for (let index = 0; index < 9; index++) {
      const small = await approve(h, key, { amount: 100 })
      expect(small.body.approved, small.text).toBe(true)
    }
    const decided = await h.call(
      'POST',
      `/api/approval-requests/${waiting.body.approvalRequestId}/approve`,
      { body: {} },
    )
    expect(decided.status, decided.text).toBe(200)

    const retried = await approve(h, key, { amount: 150 })
    expect(retried.status, retried.text).toBe(200)
    expect(retried.body).toMatchObject({
      approved: false,
      approvalId: waiting.body.approvalId,
      violations: [expect.objectContaining({ type: 'DAILY_LIMIT' })],
    })
    expect(retried.body).not.toHaveProperty('approvalToken')
    expect(retried.body.reasons[0]).toContain('re-checked')
    expect(approvalRow(h, waiting.body.approvalId)?.status).toBe('DENIED')
  })

  test('behavior: the re-check after a human approval uses what was approved, not the new call', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    await escalateAbove100(h, agentId)
    const waiting = await approve(h, key, { amount: 150, category: 'GAMBLING' })
    expect(waiting.body.requiresHumanApproval, waiting.text).toBe(true)
    const decided = await h.call(
      'POST',
      `/api/approval-requests/${waiting.body.approvalRequestId}/approve`,
      { body: {} },
    )
    expect(decided.status, decided.text).toBe(200)
    // While it waited, the category was blocked.
    const blocked = await h.call('POST', '/api/policies', {
      body: {
        name: 'No gambling',
        policyType: 'CATEGORY',
        rules: [
          {
            ruleType: 'BLOCKED_CATEGORIES',
            operator: 'IN_LIST',
            value: '["GAMBLING"]',
            action: 'DENY',
          },
        ],
        agentIds: [agentId],
      },
    })
    expect(blocked.status, blocked.text).toBe(201)
    // Leaving the category out of the second call does not dodge the new rule.
    const retried = await approve(h, key, { amount: 150 })
    expect(retried.body).toMatchObject({
      approved: false,
      approvalId: waiting.body.approvalId,
      violations: [expect.objectContaining({ type: 'CATEGORY_RESTRICTION' })],
    })
    expect(retried.body).not.toHaveProperty('approvalToken')
  })

  test('behavior: limits count spend and live reservations of the sender link', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const first = await approve(h, key, { amount: 300 })
    await confirm(h, key, first.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: first.body.approvalToken,
    })
    await approve(h, key, { amount: 200 })
    const third = await approve(h, key, { amount: 100.5 })
    expect(third.body.limits).toEqual({ dailyUsed: 600.5, dailyLimit: 1000, dailyRemaining: 399.5 })
    const denied = await approve(h, key, { amount: 400 })
    expect(denied.body).toMatchObject({
      approved: false,
      violations: [expect.objectContaining({ type: 'DAILY_LIMIT' })],
    })
  })

  test('behavior: 30 parallel approvals of 60 under a daily limit of 1,000 → exactly 16', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => approve(h, key, { amount: 60 })),
    )
    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect(responses.filter((response) => response.body.approved)).toHaveLength(16)
  })

  test('behavior: body idempotencyKey replays the approval; another body conflicts', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const body = { amount: 20, idempotencyKey: 'order-42' }
    const first = await approve(h, key, body)
    const second = await approve(h, key, body)
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
    expect(h.db.select().from(externalApprovals).all()).toHaveLength(1)
    const conflict = await approve(h, key, { ...body, amount: 21 })
    expect(conflict.status).toBe(409)
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT')
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => approve(h, key, { amount: 5, idempotencyKey: 'p' })),
    )
    expect(new Set(parallel.map((response) => response.body.approvalId)).size).toBe(1)
    const token = second.body.approvalToken
    expect(
      (await confirm(h, key, first.body.approvalId, { txHash: TX_HASH, approvalToken: token }))
        .status,
    ).toBe(200)
  })

  test('error: INVALID_AMOUNT', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    for (const amount of [0, -5, 1.0000001, '10']) {
      const response = await approve(h, key, { amount })
      expect(response.status, String(amount)).toBe(400)
      expect(
        response.body.code === 'INVALID_AMOUNT' || response.body.code === 'VALIDATION_ERROR',
      ).toBe(true)
      expect(response.body.issues[0].path).toEqual(['amount'])
    }
    expect((await approve(h, key, { amount: 0 })).body.code).toBe('INVALID_AMOUNT')
  })

  test('error: INVALID_ADDRESS', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const badSender = await approve(h, key, { senderAddress: '0x123' })
    expect(badSender.status).toBe(400)
    expect(badSender.body).toMatchObject({ code: 'INVALID_ADDRESS' })
    expect(badSender.body.issues[0].path).toEqual(['senderAddress'])
    const badRecipient = await approve(h, key, { recipientAddress: 'not-an-address' })
    expect(badRecipient.body.code).toBe('INVALID_ADDRESS')
    // A Solana sender on an EVM chain.
    const mismatch = await approve(h, key, { senderAddress: SOLANA_SENDER, chainId: 42431 })
    expect(mismatch.status).toBe(400)
    expect(mismatch.body).toMatchObject({ code: 'INVALID_ADDRESS' })
    expect(mismatch.body.issues[0].path).toEqual(['senderAddress'])
    // An EVM recipient from a Solana sender.
    const recipient = await approve(h, key, { senderAddress: SOLANA_SENDER })
    expect(recipient.body).toMatchObject({ code: 'INVALID_ADDRESS' })
    expect(recipient.body.issues[0].path).toEqual(['recipientAddress'])
    // Nothing was auto-created by the rejected calls.
    expect(h.db.select().from(wallets).all()).toHaveLength(1)
  })

  test('error: VALIDATION_ERROR for a missing sender or an unknown chain', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const missing = await h.call('POST', '/api/sdk/payments/approve', {
      key,
      body: { amount: 5, recipientAddress: RECIPIENT },
    })
    expect(missing.status).toBe(400)
    expect(missing.body.issues[0].path).toEqual(['senderAddress'])
    const chain = await approve(h, key, { chainId: 999 })
    expect(chain.status).toBe(400)
    expect(chain.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: AGENT_NOT_ACTIVE', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    h.db.update(agents).set({ status: 'SUSPENDED' }).where(eq(agents.id, agentId)).run()
    const response = await approve(h, key)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('AGENT_NOT_ACTIVE')
  })

  test('error: WALLET_FROZEN', async () => {
    const h = createHarness()
    const { key, walletId } = await setupExternal(h)
    h.db.update(wallets).set({ status: 'FROZEN' }).where(eq(wallets.id, walletId)).run()
    const response = await approve(h, key)
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ code: 'WALLET_FROZEN', walletId })
  })

  test('error: WALLET_CONFIG_ERROR for a managed sender or an unlinked wallet', async () => {
    const h = createHarness()
    const managed = await setupManaged(h)
    const viaManaged = await approve(h, managed.key, { senderAddress: managed.address })
    expect(viaManaged.status).toBe(400)
    expect(viaManaged.body).toMatchObject({ code: 'WALLET_CONFIG_ERROR', custodyType: 'PRIVY' })
    const { walletId } = await setupExternal(h)
    const stranger = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const unlinked = await approve(h, stranger.key)
    expect(unlinked.status).toBe(400)
    expect(unlinked.body).toMatchObject({ code: 'WALLET_CONFIG_ERROR', walletId })
  })

  test('error: INSUFFICIENT_SCOPE without payments:approve', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h, { scopes: ['payments:request', 'payments:confirm'] })
    const response = await approve(h, key)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    const orgKey = await h.call('POST', '/api/sdk/payments/approve', {
      body: { amount: 5, recipientAddress: RECIPIENT, senderAddress: SENDER },
    })
    expect(orgKey.status).toBe(403)
  })
})

describe('payments.confirm', () => {
  test('default', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const { key, agentId, walletId } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 75.25, recipientName: 'Acme' })
    const response = await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toEqual({
      confirmed: true,
      transactionId: expect.any(String),
      status: 'CONFIRMING',
      amount: 75.25,
      currency: 'pathUSD',
      recipient: RECIPIENT,
      txHash: TX_HASH,
      explorerUrl: `https://explore.moderato.tempo.xyz/tx/${TX_HASH}`,
      approvalId: approved.body.approvalId,
    })
    expect(transactionsOf(h, agentId)).toEqual([
      expect.objectContaining({
        id: response.body.transactionId,
        status: 'CONFIRMING',
        simulated: false,
        txHash: TX_HASH,
        walletId,
        fromAddress: SENDER,
        toAddress: RECIPIENT,
        recipientName: 'Acme',
        externalApprovalId: approved.body.approvalId,
        amountMicros: 75_250_000,
      }),
    ])
    expect(approvalRow(h, approved.body.approvalId)).toMatchObject({
      status: 'CONFIRMED',
      confirmedAt: h.clock.now(),
      transactionId: response.body.transactionId,
    })
    const audit = auditActions(h, response.body.transactionId)
    expect(audit).toEqual([
      expect.objectContaining({ action: 'EXTERNAL_PAYMENT_CONFIRMED', actorType: 'AGENT' }),
    ])
    const confirmedEvent = eventsOf(h, webhookId).find(
      (event) => event.event === 'payment.confirmed',
    )
    expect(confirmedEvent?.data).toEqual({
      paymentId: approved.body.approvalId,
      amount: 75.25,
      transactionHash: TX_HASH,
      transactionId: response.body.transactionId,
      organizationId: h.organization.id,
      agentId,
    })
    const listed = await h.call('GET', `/api/transactions/${response.body.transactionId}`)
    expect(listed.status, listed.text).toBe(200)
    expect(listed.body).toMatchObject({
      status: 'CONFIRMING',
      explorerUrl: response.body.explorerUrl,
    })
  })

  test('behavior: the reservation becomes spend; a later approval still sees it', async () => {
    const h = createHarness()
    const { key, agentId, walletId } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 400 })
    expect(await linkSpentToday(h, agentId, walletId)).toBe(400)
    const response = await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    expect(response.status).toBe(200)
    // The daily window total is unchanged by confirm: the hold became spend.
    expect(await linkSpentToday(h, agentId, walletId)).toBe(400)
    expect(reservationOf(h, approved.body.approvalId)?.releasedAt).toBe(h.clock.now())
    expect(spendRows(h, agentId)).toEqual([
      expect.objectContaining({ walletId, amountMicros: 400_000_000, count: 1 }),
    ])
    // Long after the 10-minute hold would have lapsed, the spend still counts.
    h.clock.freeze(h.clock.now() + 60 * MINUTE)
    const later = await approve(h, key, { amount: 100 })
    expect(later.body.limits).toEqual({ dailyUsed: 500, dailyLimit: 1000, dailyRemaining: 500 })
    const tooMuch = await approve(h, key, { amount: 500.01 })
    expect(tooMuch.body.approved).toBe(false)
  })

  test('behavior: confirmed spend counts toward the agent policy limits of a later request', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    const policy = await h.call('POST', '/api/policies', {
      body: {
        name: 'Agent daily',
        policyType: 'SPEND_LIMIT',
        rules: [{ ruleType: 'DAILY_LIMIT', operator: 'LTE', value: '500' }],
      },
    })
    expect(policy.status, policy.text).toBe(201)
    await h.call('POST', `/api/agents/${agentId}/policies`, { body: { policyId: policy.body.id } })
    const approved = await approve(h, key, { amount: 400 })
    expect(approved.body.approved, approved.text).toBe(true)
    await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    // A managed wallet of the same agent: the policy counts the agent's spend across wallets.
    const managed = await h.call('POST', '/api/wallets', { body: { name: 'Managed' } })
    await h.call('POST', `/api/wallets/${managed.body.id}/fund`, { body: { amount: 1000 } })
    await h.call('POST', `/api/agents/${agentId}/wallets`, {
      body: { walletId: managed.body.id, allowedDays: ALL_DAYS, spendLimitPerTx: null },
    })
    const request = await h.call('POST', '/api/sdk/payments/request', {
      key,
      body: { amount: 100.01, recipientAddress: RECIPIENT, walletId: managed.body.id },
    })
    expect(request.status, request.text).toBe(200)
    expect(request.body.status).toBe('DENIED')
    expect(request.body.violations[0]).toMatchObject({ type: 'DAILY_LIMIT', limit: 500 })
  })

  test('behavior: an unconfirmed approval stops holding budget after 10 minutes', async () => {
    const h = createHarness()
    const { key, agentId, walletId } = await setupExternal(h)
    await approve(h, key, { amount: 900 })
    expect((await approve(h, key, { amount: 200 })).body.approved).toBe(false)
    h.clock.freeze(h.clock.now() + 10 * MINUTE)
    expect(await linkSpentToday(h, agentId, walletId)).toBe(0)
    expect((await approve(h, key, { amount: 200 })).body.approved).toBe(true)
  })

  test('behavior: a Solana approval takes a base58 signature', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h, { link: false })
    const approved = await approve(h, key, {
      senderAddress: SOLANA_SENDER,
      recipientAddress: SOLANA_RECIPIENT,
    })
    const signature = '5'.repeat(87)
    const evmHash = await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    expect(evmHash.status).toBe(400)
    expect(evmHash.body.code).toBe('VALIDATION_ERROR')
    const response = await confirm(h, key, approved.body.approvalId, {
      txHash: signature,
      approvalToken: approved.body.approvalToken,
    })
    expect(response.status, response.text).toBe(200)
    expect(response.body.explorerUrl).toBe(`https://solscan.io/tx/${signature}?cluster=devnet`)
  })

  test('behavior: parallel confirms record one transaction', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 10 })
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        confirm(h, key, approved.body.approvalId, {
          txHash: TX_HASH,
          approvalToken: approved.body.approvalToken,
        }),
      ),
    )
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1)
    expect(responses.filter((response) => response.body.code === 'ALREADY_CONFIRMED')).toHaveLength(
      9,
    )
    expect(transactionsOf(h, agentId)).toHaveLength(1)
    expect(spendRows(h, agentId)[0]).toMatchObject({ amountMicros: 10_000_000, count: 1 })
  })

  test('error: INVALID_APPROVAL_TOKEN for a wrong, malformed or foreign token', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const first = await approve(h, key, { amount: 10 })
    const second = await approve(h, key, { amount: 10 })
    const wrong = await confirm(h, key, first.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: 'f'.repeat(64),
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.code).toBe('INVALID_APPROVAL_TOKEN')
    const malformed = await confirm(h, key, first.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: 'abc',
    })
    expect(malformed.status).toBe(400)
    expect(malformed.body.code).toBe('INVALID_APPROVAL_TOKEN')
    const foreign = await confirm(h, key, first.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: second.body.approvalToken,
    })
    expect(foreign.body.code).toBe('INVALID_APPROVAL_TOKEN')
    // Upper-case hex is the same token.
    const upper = await confirm(h, key, first.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: first.body.approvalToken.toUpperCase(),
    })
    expect(upper.status, upper.text).toBe(200)
  })

  test('error: INVALID_APPROVAL_TOKEN when the token no longer matches the approved transfer', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 10 })
    // The token is bound to the amount: an edited approval no longer verifies.
    h.db
      .update(externalApprovals)
      .set({ amountMicros: 9_000_000 })
      .where(eq(externalApprovals.id, approved.body.approvalId))
      .run()
    const response = await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    expect(response.body.code).toBe('INVALID_APPROVAL_TOKEN')
  })

  test('error: INVALID_APPROVAL_TOKEN for a denied approval (no token issued)', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const denied = await approve(h, key, { amount: 5000 })
    expect(denied.body.approved).toBe(false)
    const response = await confirm(h, key, denied.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: 'a'.repeat(64),
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'INVALID_APPROVAL_TOKEN', currentStatus: 'DENIED' })
  })

  test('error: ALREADY_CONFIRMED when the token is reused', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 10 })
    const body = { txHash: TX_HASH, approvalToken: approved.body.approvalToken }
    const first = await confirm(h, key, approved.body.approvalId, body)
    const second = await confirm(h, key, approved.body.approvalId, body)
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({
      code: 'ALREADY_CONFIRMED',
      transactionId: first.body.transactionId,
      confirmedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('error: EXPIRED after 10 minutes on the test clock (reservation released)', async () => {
    const h = createHarness()
    const { key, agentId } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 10 })
    const body = { txHash: TX_HASH, approvalToken: approved.body.approvalToken }
    const moved = await h.call('POST', '/api/test/clock', { body: { advanceSeconds: 600 } })
    expect(moved.status, moved.text).toBe(200)
    const response = await confirm(h, key, approved.body.approvalId, body)
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      code: 'EXPIRED',
      approvalId: approved.body.approvalId,
      expiresAt: '2026-04-08T12:10:00.000Z',
    })
    expect(approvalRow(h, approved.body.approvalId)?.status).toBe('EXPIRED')
    expect(reservationOf(h, approved.body.approvalId)?.releasedAt).toBe(h.clock.now())
    expect(transactionsOf(h, agentId)).toHaveLength(0)
    expect((await confirm(h, key, approved.body.approvalId, body)).body.code).toBe('EXPIRED')
  })

  test('behavior: confirmable until the last millisecond', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 10 })
    h.clock.freeze(h.clock.now() + 10 * MINUTE - 1)
    const response = await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    expect(response.status, response.text).toBe(200)
  })

  test('error: NOT_FOUND for an unknown approval or another agent’s', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const approved = await approve(h, key, { amount: 10 })
    const body = { txHash: TX_HASH, approvalToken: approved.body.approvalToken }
    expect((await confirm(h, key, 'cunknown', body)).status).toBe(404)
    const other = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const response = await confirm(h, other.key, approved.body.approvalId, body)
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('NOT_FOUND')
    const otherOrg = h.createOtherOrganization()
    const foreign = h.createAgentWithKey({
      organizationId: otherOrg.organization.id,
      scopes: PAYMENT_SCOPES,
    })
    expect((await confirm(h, foreign.key, approved.body.approvalId, body)).status).toBe(404)
  })

  test('error: VALIDATION_ERROR for a malformed or already reported txHash', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h)
    const first = await approve(h, key, { amount: 10 })
    const malformed = await confirm(h, key, first.body.approvalId, {
      txHash: '0x1234',
      approvalToken: first.body.approvalToken,
    })
    expect(malformed.status).toBe(400)
    expect(malformed.body.code).toBe('VALIDATION_ERROR')
    expect(malformed.body.issues[0].path).toEqual(['txHash'])
    await confirm(h, key, first.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: first.body.approvalToken,
    })
    const second = await approve(h, key, { amount: 10 })
    const reused = await confirm(h, key, second.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: second.body.approvalToken,
    })
    expect(reused.status).toBe(400)
    expect(reused.body.code).toBe('VALIDATION_ERROR')
    expect(approvalRow(h, second.body.approvalId)?.status).toBe('APPROVED')
  })

  test('error: AUTH_FAILED without a key', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/sdk/payments/cany/confirm', {
      key: null,
      body: { txHash: TX_HASH, approvalToken: 'a'.repeat(64) },
    })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
  })

  test('error: INSUFFICIENT_SCOPE without payments:confirm', async () => {
    const h = createHarness()
    const { key } = await setupExternal(h, { scopes: ['payments:approve'] })
    const approved = await approve(h, key, { amount: 10 })
    const response = await confirm(h, key, approved.body.approvalId, {
      txHash: TX_HASH,
      approvalToken: approved.body.approvalToken,
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    expect(approvalRow(h, approved.body.approvalId)?.status).toBe('APPROVED')
  })
})
