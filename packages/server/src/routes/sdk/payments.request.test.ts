import { paymentRequestResultSchema } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, START } from '../../../test/harness.js'
import {
  ALL_DAYS,
  agentRow,
  alertsOf,
  approvalRequestRow,
  auditOf,
  createPolicy,
  createWallet,
  eventNames,
  eventPayloads,
  footprint,
  link,
  PAYMENT_SCOPES,
  RECIPIENT,
  randomAddress,
  requestPayment,
  requestRow,
  requestRowsOf,
  reservationOf,
  setupAgent,
  subscribeWebhook,
} from '../../../test/payment-fixtures.js'
import { budgetRequests, wallets } from '../../db/schema.js'
import { createId } from '../../ids.js'

const MINUTE = 60_000

describe('payments.request', () => {
  test('default', async () => {
    const h = createHarness()
    const { agentId, key, walletId } = await setupAgent(h)
    // Subscribed after the set-up (funding the wallet announces wallet.funded).
    const webhookId = subscribeWebhook(h)

    const response = await requestPayment(h, key, {
      amount: 25.5,
      purpose: 'API credits',
      category: 'API_PROVIDER',
    })

    expect(response.status, response.text).toBe(200)
    expect(paymentRequestResultSchema.safeParse(response.body).success).toBe(true)
    const body = response.body
    expect(body).toMatchObject({
      status: 'APPROVED',
      amount: 25.5,
      currency: 'pathUSD',
      recipientAddress: RECIPIENT,
      wallet: { id: walletId, chainId: '42431', custodyType: 'PRIVY', availableBalance: 9974.5 },
      walletSelectionReason: expect.stringContaining('PRIVY'),
      chain: {
        chainId: '42431',
        chainName: 'Tempo Testnet',
        chainType: 'EVM',
        explorerUrl: 'https://explore.moderato.tempo.xyz',
      },
      expiresAt: new Date(START + 5 * MINUTE).toISOString(),
      violations: [],
      createdAt: new Date(START).toISOString(),
    })
    expect(body.reasons.length).toBeGreaterThan(0)
    expect(body.evaluation).toMatchObject({
      policiesEvaluated: 0,
      remaining: { perTransaction: 74.5, daily: 974.5 },
    })
    expect(body.dryRun).toBeUndefined()

    const row = requestRow(h, body.requestId)
    expect(row).toMatchObject({
      agentId,
      walletId,
      status: 'APPROVED',
      amountMicros: 25_500_000,
      currency: 'pathUSD',
      chainId: '42431',
      purpose: 'API credits',
      category: 'API_PROVIDER',
      urgency: 'NORMAL',
      expiresAt: START + 5 * MINUTE,
    })
    expect(row?.decision).toMatchObject({ status: 'APPROVED', reasons: body.reasons })
    expect(reservationOf(h, body.requestId)).toMatchObject({
      agentId,
      walletId,
      amountMicros: 25_500_000,
      expiresAt: START + 5 * MINUTE,
      releasedAt: null,
      recipientKey: RECIPIENT.toLowerCase(),
    })
    const audit = auditOf(h, body.requestId)
    expect(audit.map((entry) => entry.action)).toEqual(['CREATE'])
    expect(audit[0]).toMatchObject({
      resource: 'payment_request',
      actorType: 'AGENT',
      actorId: agentId,
    })
    expect(eventNames(h, webhookId)).toEqual(['payment.requested', 'payment.approved'])
    expect(eventPayloads(h, webhookId, 'payment.approved')[0]?.data).toMatchObject({
      requestId: body.requestId,
      agentId,
      amount: 25.5,
      currency: 'pathUSD',
      status: 'APPROVED',
    })
  })

  test('error: INVALID_AMOUNT for zero, negative, non-number and 7 decimals', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    for (const amount of [0, -5, '10', 1.0000001, null]) {
      const response = await requestPayment(h, key, { amount })
      expect(response.status, JSON.stringify(amount)).toBe(400)
      expect(response.body.code).toBe('INVALID_AMOUNT')
      expect(response.body.issues[0].path).toEqual(['amount'])
    }
    expect(footprint(h).paymentRequests).toBe(0)
  })

  test('error: INVALID_ADDRESS for a malformed recipient', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const response = await requestPayment(h, key, { amount: 5, recipientAddress: '0x1234' })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_ADDRESS')
    expect(response.body.issues[0].path).toEqual(['recipientAddress'])
  })

  test('error: VALIDATION_ERROR for bad fields', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 5, urgency: 'ASAP' }, 'urgency'],
      [{ amount: 5, chainId: '999' }, 'chainId'],
      [{ amount: 5, idempotencyKey: 'x'.repeat(129) }, 'idempotencyKey'],
      [{ amount: 5, walletId: 'not a wallet id!' }, 'walletId'],
      [{ amount: 5, dryRun: 'yes' }, 'dryRun'],
    ]
    for (const [body, field] of cases) {
      const response = await requestPayment(h, key, body)
      expect(response.status, field).toBe(400)
      expect(response.body.code, field).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path, field).toEqual([field])
    }
    const missing = await h.call('POST', '/api/sdk/payments/request', { key, body: { amount: 5 } })
    expect(missing.status).toBe(400)
    expect(missing.body.issues[0].path).toEqual(['recipientAddress'])
  })

  test('error: INSUFFICIENT_SCOPE without payments:request, or autoExecute without payments:execute', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h, { scopes: ['payments:request'] })
    const auto = await requestPayment(h, key, { amount: 5, autoExecute: true })
    expect(auto.status).toBe(403)
    expect(auto.body.code).toBe('INSUFFICIENT_SCOPE')
    const readOnly = h.createAgentWithKey({ scopes: ['wallets:read'] })
    const denied = await requestPayment(h, readOnly.key, { amount: 5 })
    expect(denied.status).toBe(403)
    expect(denied.body.code).toBe('INSUFFICIENT_SCOPE')
    expect(footprint(h).paymentRequests).toBe(0)
  })

  test('error: AUTH_FAILED without a valid key; INSUFFICIENT_SCOPE with an org key', async () => {
    const h = createHarness()
    const missing = await requestPayment(h, 'conto_agent_nope', { amount: 5 })
    expect(missing.status).toBe(401)
    expect(missing.body.code).toBe('AUTH_FAILED')
    const org = await requestPayment(h, h.orgKey, { amount: 5 })
    expect(org.status).toBe(403)
    expect(org.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: AGENT_NOT_ACTIVE for a paused agent', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const paused = await h.call('PATCH', `/api/agents/${agentId}`, { body: { status: 'PAUSED' } })
    expect(paused.status, paused.text).toBe(200)
    const response = await requestPayment(h, key, { amount: 5 })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ code: 'AGENT_NOT_ACTIVE', agentStatus: 'PAUSED' })
    expect(footprint(h).paymentRequests).toBe(0)
  })

  test('error: NO_WALLET without a usable linked wallet', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const none = await requestPayment(h, agent.key, { amount: 5 })
    expect(none.status).toBe(400)
    expect(none.body).toMatchObject({ code: 'NO_WALLET', linkedWallets: 0 })

    const walletId = await createWallet(h, { balance: 100 })
    await link(h, agent.agentId, walletId)
    const wrongChain = await requestPayment(h, agent.key, { amount: 5, chainId: 8453 })
    expect(wrongChain.status).toBe(400)
    expect(wrongChain.body).toMatchObject({ code: 'NO_WALLET', chainId: '8453' })

    const frozen = await h.call('PATCH', `/api/wallets/${walletId}`, { body: { status: 'FROZEN' } })
    expect(frozen.status, frozen.text).toBe(200)
    const allFrozen = await requestPayment(h, agent.key, { amount: 5 })
    expect(allFrozen.status).toBe(400)
    expect(allFrozen.body.code).toBe('NO_WALLET')
  })

  test('error: NO_WALLET for an explicitly requested ARCHIVED wallet', async () => {
    const h = createHarness()
    const { key, walletId } = await setupAgent(h)
    h.db.update(wallets).set({ status: 'ARCHIVED' }).where(eq(wallets.id, walletId)).run()
    const response = await requestPayment(h, key, { amount: 5, walletId })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'NO_WALLET', walletStatus: 'ARCHIVED' })
  })

  test('error: NOT_FOUND for a walletId not linked to the agent (or of another organization)', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const unlinked = await createWallet(h, { balance: 100 })
    const response = await requestPayment(h, key, { amount: 5, walletId: unlinked })
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('NOT_FOUND')

    const other = h.createOtherOrganization()
    const foreign = await h.call('POST', '/api/wallets', {
      key: other.key,
      body: { name: 'Foreign', custodyType: 'PRIVY' },
    })
    const foreignResponse = await requestPayment(h, key, { amount: 5, walletId: foreign.body.id })
    expect(foreignResponse.status).toBe(404)
    expect(foreignResponse.body.code).toBe('NOT_FOUND')
  })

  test('error: WALLET_FROZEN for an explicitly requested frozen wallet', async () => {
    const h = createHarness()
    const { key, walletId } = await setupAgent(h)
    await h.call('PATCH', `/api/wallets/${walletId}`, { body: { status: 'FROZEN' } })
    const response = await requestPayment(h, key, { amount: 5, walletId })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ code: 'WALLET_FROZEN', walletId })
  })

  test('error: WALLET_CONFIG_ERROR when the wallet is on another chain, or the link is VIEW_ONLY', async () => {
    const h = createHarness()
    const { agentId, key, walletId } = await setupAgent(h)
    const response = await requestPayment(h, key, { amount: 5, walletId, chainId: '8453' })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      code: 'WALLET_CONFIG_ERROR',
      walletChainId: '42431',
      chainId: '8453',
    })
    const viewOnly = await createWallet(h, { balance: 100 })
    await link(h, agentId, viewOnly, { delegationType: 'VIEW_ONLY', allowedDays: ALL_DAYS })
    const viewOnlyResponse = await requestPayment(h, key, { amount: 5, walletId: viewOnly })
    expect(viewOnlyResponse.status).toBe(400)
    expect(viewOnlyResponse.body.code).toBe('WALLET_CONFIG_ERROR')
  })

  test('error: EXTERNAL_WALLET_ERROR when autoExecute has only EXTERNAL wallets', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h, { custodyType: 'EXTERNAL' })
    const response = await requestPayment(h, key, { amount: 5, autoExecute: true })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('EXTERNAL_WALLET_ERROR')
    expect(response.body.alternatives).toHaveLength(1)
    expect(response.body.alternatives[0]).toMatchObject({ custodyType: 'EXTERNAL' })
    expect(requestRowsOf(h, agentId)).toHaveLength(0)

    // Without autoExecute the EXTERNAL wallet is evaluated normally (its balance is not Conto's).
    const plain = await requestPayment(h, key, { amount: 5 })
    expect(plain.body).toMatchObject({ status: 'APPROVED', wallet: { custodyType: 'EXTERNAL' } })
  })

  test('error: CUSTODY_NOT_CONFIGURED when autoExecute cannot settle from the wallet', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    // A PRIVY wallet attached by address: this server holds no key for it.
    const walletId = await createWallet(h, { balance: 100, address: randomAddress() })
    await link(h, agent.agentId, walletId)
    const response = await requestPayment(h, agent.key, { amount: 5, autoExecute: true })
    expect(response.status).toBe(500)
    expect(response.body).toMatchObject({ code: 'CUSTODY_NOT_CONFIGURED', walletId })
    expect(requestRowsOf(h, agent.agentId)).toHaveLength(0)
  })

  test('error: IDEMPOTENCY_CONFLICT when a key is reused with another body', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const first = await requestPayment(h, key, { amount: 5, idempotencyKey: 'order-1' })
    expect(first.status).toBe(200)
    const conflict = await requestPayment(h, key, { amount: 6, idempotencyKey: 'order-1' })
    expect(conflict.status).toBe(409)
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT')
  })

  test('behavior: idempotencyKey replays the stored response byte for byte', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const body = { amount: 5, purpose: 'x', idempotencyKey: 'order-2', context: { b: 1, a: 2 } }
    const first = await requestPayment(h, key, body)
    h.clock.freeze(START + MINUTE)
    const replay = await requestPayment(h, key, {
      idempotencyKey: 'order-2',
      context: { a: 2, b: 1 },
      purpose: 'x',
      amount: 5,
      urgency: 'NORMAL',
    })
    expect(replay.status).toBe(200)
    expect(replay.text).toBe(first.text)
    expect(requestRowsOf(h, agentId)).toHaveLength(1)
    // Keys are per agent: another agent may use the same key.
    const other = await setupAgent(h)
    const otherResponse = await requestPayment(h, other.key, body)
    expect(otherResponse.body.requestId).not.toBe(first.body.requestId)
    // Remembered indefinitely (seed Defaults: "Idempotency window: Indefinite") — also past the
    // 24-hour sweep of Idempotency-Key headers, which another call with a header triggers.
    h.clock.freeze(START + 300 * 24 * 60 * MINUTE)
    const header = await h.call('POST', '/api/sdk/payments/request', {
      key,
      body: { amount: 1, recipientAddress: RECIPIENT },
      headers: { 'idempotency-key': 'header-key-1' },
    })
    expect(header.status).toBe(200)
    const later = await requestPayment(h, key, body)
    expect(later.text).toBe(first.text)
    expect(requestRowsOf(h, agentId)).toHaveLength(2)
    // A different payload under the same key is still a conflict.
    const conflict = await requestPayment(h, key, { ...body, amount: 6 })
    expect(conflict.status).toBe(409)
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT')
  })

  test('error: INVALID_ADDRESS — the recipient is not an address of the payment chain', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const solana = '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'
    for (const dryRun of [false, true]) {
      const res = await requestPayment(h, key, { amount: 1, recipientAddress: solana, dryRun })
      expect(res.status, res.text).toBe(400)
      expect(res.body).toMatchObject({
        code: 'INVALID_ADDRESS',
        chainId: '42431',
        chainType: 'EVM',
        issues: [{ path: ['recipientAddress'] }],
      })
    }
    // Nothing decided, nothing held — and autoExecute never signs for it.
    const auto = await requestPayment(h, key, {
      amount: 1,
      recipientAddress: solana,
      autoExecute: true,
    })
    expect(auto.body.code).toBe('INVALID_ADDRESS')
    expect(requestRowsOf(h, agentId)).toHaveLength(0)
  })

  test('behavior: a watch-only wallet is never chosen to pay; asked for by id → WALLET_CONFIG_ERROR', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const created = await h.call('POST', '/api/wallets', {
      body: { name: 'Treasury (watch-only)', isWatchOnly: true, address: randomAddress() },
    })
    expect(created.status, created.text).toBe(201)
    await link(h, agent.agentId, created.body.id)
    const chosen = await requestPayment(h, agent.key, { amount: 1, dryRun: true })
    expect(chosen.status).toBe(400)
    expect(chosen.body.code).toBe('NO_WALLET')
    const explicit = await requestPayment(h, agent.key, {
      amount: 1,
      walletId: created.body.id,
      dryRun: true,
    })
    expect(explicit.status).toBe(400)
    expect(explicit.body).toMatchObject({ code: 'WALLET_CONFIG_ERROR', isWatchOnly: true })
  })

  test('behavior: custody priority PRIVY > SPONGE > SMART_CONTRACT > EXTERNAL, preferring a funded wallet', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const external = await createWallet(h, { custodyType: 'EXTERNAL', balance: 500 })
    const sponge = await createWallet(h, { custodyType: 'SPONGE', balance: 500 })
    const privy = await createWallet(h, { custodyType: 'PRIVY', balance: 10 })
    for (const walletId of [external, sponge, privy]) await link(h, agent.agentId, walletId)

    const small = await requestPayment(h, agent.key, { amount: 5, dryRun: true })
    expect(small.body.wallet.id).toBe(privy)
    expect(small.body.walletSelectionReason).toContain('PRIVY')

    const large = await requestPayment(h, agent.key, { amount: 50, dryRun: true })
    expect(large.body.wallet.id).toBe(sponge)
    expect(large.body.status).toBe('APPROVED')

    const explicit = await requestPayment(h, agent.key, { amount: 5, walletId: external })
    expect(explicit.body.wallet.id).toBe(external)
    expect(explicit.body.walletSelectionReason).toContain('walletId')
  })

  test('behavior: without chainId the only wallet on another chain pays, in that chain’s currency', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const walletId = await createWallet(h, { chainId: '8453', balance: 100 })
    await link(h, agent.agentId, walletId)
    const response = await requestPayment(h, agent.key, { amount: 5 })
    expect(response.body).toMatchObject({
      status: 'APPROVED',
      currency: 'USDC',
      chain: { chainId: '8453', chainName: 'Base', explorerUrl: 'https://basescan.org' },
      wallet: { id: walletId },
    })
  })

  test('behavior: DENIED by the link per-transaction limit, with context and alternatives', async () => {
    const h = createHarness()
    const { agentId, key, walletId } = await setupAgent(h)
    const roomy = await createWallet(h, { custodyType: 'SPONGE', balance: 1000 })
    await link(h, agentId, roomy, { spendLimitPerTx: 500, allowedDays: ALL_DAYS })
    const webhookId = subscribeWebhook(h)

    const response = await requestPayment(h, key, { amount: 150, walletId })
    expect(response.status).toBe(200)
    const body = response.body
    expect(body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'PER_TX_LIMIT', limit: 100, current: 150 }],
    })
    expect(body.reasons).toHaveLength(1)
    expect(body.expiresAt).toBeUndefined()
    expect(body.context.nextSteps.length).toBeGreaterThan(0)
    expect(body.context.wallets.map((w: { id: string }) => w.id)).toEqual([roomy])
    expect(body.context.alternatives).toMatchObject([{ id: roomy, custodyType: 'SPONGE' }])

    expect(requestRow(h, body.requestId)?.status).toBe('DENIED')
    expect(reservationOf(h, body.requestId)).toBeUndefined()
    expect(auditOf(h, body.requestId).map((entry) => entry.action)).toEqual([
      'PAYMENT_DENIED',
      'POLICY_VIOLATION',
    ])
    expect(eventNames(h, webhookId)).toEqual([
      'payment.requested',
      'payment.denied',
      'policy.violated',
      'alert.created',
    ])
    expect(eventPayloads(h, webhookId, 'policy.violated')[0]?.data).toMatchObject({
      requestId: body.requestId,
      agentId,
      status: 'DENIED',
      violationType: 'PER_TX_LIMIT',
      violation: { type: 'PER_TX_LIMIT', limit: 100, current: 150 },
    })
    expect(alertsOf(h, agentId, 'POLICY_VIOLATION')).toHaveLength(1)
    expect(agentRow(h, agentId)?.consecutiveViolations).toBe(1)
  })

  test('behavior: DENIED by a policy rule, with the policy in the violation', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const policyId = await createPolicy(h, agentId, [
      {
        ruleType: 'BLOCKED_CATEGORIES',
        operator: 'IN_LIST',
        value: '["GAMBLING"]',
        action: 'DENY',
      },
    ])
    const allowed = await requestPayment(h, key, { amount: 5, category: 'CLOUD' })
    expect(allowed.body.status).toBe('APPROVED')
    expect(allowed.body.evaluation.policiesEvaluated).toBe(1)
    const denied = await requestPayment(h, key, { amount: 5, category: 'gambling' })
    expect(denied.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'CATEGORY_RESTRICTION', policyId }],
    })
    expect(denied.body.context.nextSteps[0]).toContain('policy')
  })

  test('behavior: a policy denial offers no alternative wallets (the policy follows the agent)', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const roomy = await createWallet(h, { custodyType: 'SPONGE', balance: 1000 })
    await link(h, agentId, roomy, { spendLimitPerTx: 500, allowedDays: ALL_DAYS })
    await createPolicy(h, agentId, [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '10' }])
    const denied = await requestPayment(h, key, { amount: 50 })
    expect(denied.body).toMatchObject({ status: 'DENIED', violations: [{ type: 'PER_TX_LIMIT' }] })
    expect(denied.body.violations[0].policyId).toEqual(expect.any(String))
    // The other wallet is listed, but not as an alternative: it would be denied the same way.
    expect(denied.body.context.wallets.map((w: { id: string }) => w.id)).toEqual([roomy])
    expect(denied.body.context.alternatives).toEqual([])
    expect(denied.body.context.nextSteps.join(' ')).not.toContain('walletId')
    expect(denied.body.context.nextSteps[0]).toContain('policy')
  })

  test('behavior: a rule change at the same instant is seen by the next decision', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const policyId = await createPolicy(h, agentId, [
      { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '50' },
    ])
    expect((await requestPayment(h, key, { amount: 40 })).body.status).toBe('APPROVED')
    const replaced = await h.call('PUT', `/api/policies/${policyId}/rules`, {
      body: { rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '30' }] },
    })
    expect(replaced.status, replaced.text).toBe(200)
    const denied = await requestPayment(h, key, { amount: 40 })
    expect(denied.body).toMatchObject({ status: 'DENIED', violations: [{ type: 'PER_TX_LIMIT' }] })
  })

  test('behavior: REQUIRES_APPROVAL from a REQUIRE_APPROVAL rule creates a PENDING approval request', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const webhookId = subscribeWebhook(h)
    await createPolicy(h, agentId, [
      {
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GREATER_THAN',
        value: '20',
        action: 'REQUIRE_APPROVAL',
      },
    ])
    const response = await requestPayment(h, key, { amount: 30, purpose: 'Big one' })
    expect(response.body).toMatchObject({ status: 'REQUIRES_APPROVAL', violations: [] })
    const approvalRequestId = response.body.approvalRequestId
    expect(approvalRequestId).toEqual(expect.any(String))
    expect(approvalRequestRow(h, approvalRequestId)).toMatchObject({
      type: 'PAYMENT',
      status: 'PENDING',
      agentId,
      paymentRequestId: response.body.requestId,
      workflowId: null,
      requiredApprovals: 1,
      amountMicros: 30_000_000,
      purpose: 'Big one',
      expiresAt: START + 24 * 60 * MINUTE,
    })
    expect(requestRow(h, response.body.requestId)).toMatchObject({
      status: 'REQUIRES_APPROVAL',
      approvalRequestId,
      expiresAt: null,
    })
    expect(reservationOf(h, response.body.requestId)).toBeUndefined()
    expect(eventNames(h, webhookId)).toEqual(['payment.requested', 'approval.requested'])
    expect(auditOf(h, approvalRequestId).map((entry) => entry.action)).toEqual(['CREATE'])
  })

  test('behavior: an approval workflow routes matching payments to humans with its settings', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h)
    const workflow = await h.call('POST', '/api/approval-workflows', {
      body: {
        name: 'Large payments',
        triggerConditions: { amountThreshold: 50 },
        requiredApprovals: 2,
        timeoutHours: 48,
      },
    })
    expect(workflow.status, workflow.text).toBe(201)
    const below = await requestPayment(h, key, { amount: 49.99 })
    expect(below.body.status).toBe('APPROVED')
    const at = await requestPayment(h, key, { amount: 50 })
    expect(at.body.status).toBe('REQUIRES_APPROVAL')
    expect(at.body.reasons[0]).toContain('Large payments')
    expect(approvalRequestRow(h, at.body.approvalRequestId)).toMatchObject({
      workflowId: workflow.body.id,
      requiredApprovals: 2,
      expiresAt: START + 48 * 60 * MINUTE,
    })
  })

  test('behavior: link limits apply per agent and wallet; reservations count toward them', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h, {
      link: { spendLimitPerTx: 1000, spendLimitDaily: 1000, allowedDays: ALL_DAYS },
    })
    expect((await requestPayment(h, key, { amount: 600 })).body.status).toBe('APPROVED')
    expect((await requestPayment(h, key, { amount: 300 })).body.status).toBe('APPROVED')
    const third = await requestPayment(h, key, { amount: 200 })
    expect(third.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'DAILY_LIMIT', limit: 1000, current: 900 }],
    })
    expect((await requestPayment(h, key, { amount: 100 })).body.status).toBe('APPROVED')
  })

  test('behavior: a policy DAILY_LIMIT counts the agent’s reservations across wallets', async () => {
    const h = createHarness()
    const { agentId, key, walletId } = await setupAgent(h)
    const second = await createWallet(h, { custodyType: 'SPONGE', balance: 1000 })
    await link(h, agentId, second)
    await createPolicy(h, agentId, [{ ruleType: 'DAILY_LIMIT', operator: 'LTE', value: '150' }])
    expect((await requestPayment(h, key, { amount: 100, walletId })).body.status).toBe('APPROVED')
    const denied = await requestPayment(h, key, { amount: 60, walletId: second })
    expect(denied.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'DAILY_LIMIT', limit: 150, current: 100 }],
    })
  })

  test('behavior: the default Mon–Fri link denies on a Saturday', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    const walletId = await createWallet(h, { balance: 100 })
    await link(h, agent.agentId, walletId, {})
    h.clock.freeze(Date.parse('2026-04-11T12:00:00.000Z'))
    const saturday = await requestPayment(h, agent.key, { amount: 5 })
    expect(saturday.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'TIME_WINDOW', current: 'Sat' }],
    })
    h.clock.freeze(Date.parse('2026-04-13T00:00:00.000Z'))
    const monday = await requestPayment(h, agent.key, { amount: 5 })
    expect(monday.body.status).toBe('APPROVED')
  })

  test('behavior: insufficient balance denies (balance less live reservations)', async () => {
    const h = createHarness()
    const { key } = await setupAgent(h, { balance: 100 })
    expect((await requestPayment(h, key, { amount: 70 })).body.status).toBe('APPROVED')
    const denied = await requestPayment(h, key, { amount: 40 })
    expect(denied.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'INSUFFICIENT_BALANCE', limit: 30, current: 40 }],
      wallet: { availableBalance: 30 },
    })
  })

  test('behavior: VELOCITY_LIMIT counts approved and executed requests in a rolling window', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    await createPolicy(h, agentId, [
      { ruleType: 'VELOCITY_LIMIT', operator: 'LTE', value: '{"maxCount":2,"period":"HOUR"}' },
    ])
    expect((await requestPayment(h, key, { amount: 1 })).body.status).toBe('APPROVED')
    expect((await requestPayment(h, key, { amount: 1 })).body.status).toBe('APPROVED')
    const third = await requestPayment(h, key, { amount: 1 })
    expect(third.body).toMatchObject({ status: 'DENIED', violations: [{ type: 'VELOCITY_LIMIT' }] })
    // Approvals that expired unexecuted never became payments: they leave the count.
    h.clock.freeze(START + 6 * MINUTE)
    const executed = await requestPayment(h, key, { amount: 1, autoExecute: true })
    expect(executed.body.execution).toBeDefined()
    expect((await requestPayment(h, key, { amount: 1 })).body.status).toBe('APPROVED')
    expect((await requestPayment(h, key, { amount: 1 })).body.status).toBe('DENIED')
    // An hour later the executed one has left the rolling window too.
    h.clock.freeze(START + 67 * MINUTE)
    expect((await requestPayment(h, key, { amount: 1 })).body.status).toBe('APPROVED')
  })

  test('behavior: relationship limits count this agent’s spend to the counterparty', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    const counterparty = await h.call('POST', '/api/counterparties', {
      body: { name: 'Vendor', address: RECIPIENT, country: 'US' },
    })
    expect(counterparty.status, counterparty.text).toBe(201)
    const limits = await h.call(
      'PATCH',
      `/api/agents/${agentId}/relationships/${counterparty.body.id}`,
      { body: { spendLimitDaily: 50 } },
    )
    expect(limits.status, limits.text).toBe(200)
    expect((await requestPayment(h, key, { amount: 30 })).body.status).toBe('APPROVED')
    const denied = await requestPayment(h, key, { amount: 30 })
    expect(denied.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'RELATIONSHIP_LIMIT', limit: 50, current: 30 }],
    })
    const elsewhere = await requestPayment(h, key, {
      amount: 30,
      recipientAddress: randomAddress(),
    })
    expect(elsewhere.body.status).toBe('APPROVED')
  })

  test('behavior: an APPROVED budget request caps payments, counting live reservations', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    h.db
      .insert(budgetRequests)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        agentId,
        amountMicros: 100_000_000,
        approvedAmountMicros: 80_000_000,
        currentSpendMicros: 10_000_000,
        purpose: 'Sprint budget',
        status: 'APPROVED',
        expiresAt: START + 24 * 60 * MINUTE,
        windowEndsAt: START + 24 * 60 * MINUTE,
        decidedAt: START,
        createdAt: START - MINUTE,
      })
      .run()
    expect((await requestPayment(h, key, { amount: 50 })).body.status).toBe('APPROVED')
    const denied = await requestPayment(h, key, { amount: 25 })
    expect(denied.body).toMatchObject({
      status: 'DENIED',
      violations: [{ type: 'BUDGET_REQUEST_EXHAUSTED', limit: 80, current: 60 }],
    })
    // Once the budget window closes it no longer applies.
    h.clock.freeze(START + 24 * 60 * MINUTE)
    expect((await requestPayment(h, key, { amount: 25 })).body.status).toBe('APPROVED')
  })

  test('behavior: SPEND_LIMIT_WARNING when an approval brings the daily limit to 80 %', async () => {
    const h = createHarness()
    const { agentId, key } = await setupAgent(h)
    for (let i = 0; i < 7; i++) await requestPayment(h, key, { amount: 100 })
    expect(alertsOf(h, agentId, 'SPEND_LIMIT_WARNING')).toHaveLength(0)
    await requestPayment(h, key, { amount: 100 })
    const warnings = alertsOf(h, agentId, 'SPEND_LIMIT_WARNING')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ severity: 'WARNING', status: 'ACTIVE' })
    expect(warnings[0]?.metadata).toMatchObject({
      currentSpend: 800,
      limit: 1000,
      percentage: 80,
      remainingBudget: 200,
    })
    await requestPayment(h, key, { amount: 100 })
    await requestPayment(h, key, { amount: 100 })
    expect(alertsOf(h, agentId, 'SPEND_LIMIT_WARNING')).toHaveLength(1)
    const exceeded = await requestPayment(h, key, { amount: 100 })
    expect(exceeded.body).toMatchObject({ status: 'DENIED', violations: [{ type: 'DAILY_LIMIT' }] })
    expect(alertsOf(h, agentId, 'SPEND_LIMIT_EXCEEDED')).toHaveLength(1)
  })

  test('behavior: dryRun evaluates and persists nothing', async () => {
    const h = createHarness()
    subscribeWebhook(h)
    const { agentId, key } = await setupAgent(h)
    await createPolicy(h, agentId, [
      {
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GT',
        value: '50',
        action: 'REQUIRE_APPROVAL',
      },
    ])
    const before = footprint(h)
    const approved = await requestPayment(h, key, { amount: 5, dryRun: true, idempotencyKey: 'k' })
    expect(approved.body).toMatchObject({ status: 'APPROVED', dryRun: true })
    expect(approved.body.expiresAt).toEqual(expect.any(String))
    const denied = await requestPayment(h, key, { amount: 500, dryRun: true })
    expect(denied.body).toMatchObject({ status: 'DENIED', dryRun: true })
    const review = await requestPayment(h, key, { amount: 80, dryRun: true })
    expect(review.body).toMatchObject({ status: 'REQUIRES_APPROVAL', dryRun: true })
    expect(review.body.approvalRequestId).toBeUndefined()
    expect(footprint(h)).toEqual(before)
    expect(agentRow(h, agentId)?.consecutiveViolations).toBe(0)
    expect(requestRow(h, approved.body.requestId)).toBeUndefined()
    const status = await h.call('GET', `/api/sdk/payments/${approved.body.requestId}`, { key })
    expect(status.status).toBe(404)
  })

  test('behavior: autoExecute settles an approved payment and returns the execution', async () => {
    const h = createHarness()
    const { key, walletId } = await setupAgent(h, { balance: 100 })
    const response = await requestPayment(h, key, { amount: 10, autoExecute: true })
    expect(response.status, response.text).toBe(200)
    expect(response.body).toMatchObject({
      status: 'APPROVED',
      wallet: { id: walletId, availableBalance: 90 },
      execution: {
        transactionId: expect.any(String),
        txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
        status: 'COMPLETED',
        simulated: true,
      },
    })
    expect(response.body.execution.explorerUrl).toContain('https://explore.moderato.tempo.xyz/tx/')
    expect(response.body.autoExecuteError).toBeUndefined()
    expect(requestRow(h, response.body.requestId)?.status).toBe('EXECUTED')
  })

  test('behavior: a failed auto-execution answers APPROVED with autoExecuteError', async () => {
    const h = createHarness()
    const { key, walletId } = await setupAgent(h)
    // A key that no longer decrypts: signing fails after the decision was committed.
    h.db
      .update(wallets)
      .set({ encryptedPrivateKey: 'v1:corrupted' })
      .where(eq(wallets.id, walletId))
      .run()
    const response = await requestPayment(h, key, {
      amount: 10,
      autoExecute: true,
      idempotencyKey: 'auto-1',
    })
    expect(response.status, response.text).toBe(200)
    expect(response.body.status).toBe('APPROVED')
    expect(response.body.autoExecuteError).toEqual(expect.any(String))
    expect(response.body.execution).toBeUndefined()
    expect(requestRow(h, response.body.requestId)?.status).toBe('FAILED')
    // The stored idempotent response is the final one.
    const replay = await requestPayment(h, key, {
      amount: 10,
      autoExecute: true,
      idempotencyKey: 'auto-1',
    })
    expect(replay.text).toBe(response.text)
  })

  test('behavior: auto-freeze after 5 consecutive denials raises only an alert when disabled', async () => {
    const h = createHarness()
    const { agentId, key, walletId } = await setupAgent(h)
    for (let i = 0; i < 5; i++) {
      expect((await requestPayment(h, key, { amount: 500 })).body.status).toBe('DENIED')
    }
    const freezes = alertsOf(h, agentId, 'AUTO_FREEZE')
    expect(freezes).toHaveLength(1)
    expect(freezes[0]).toMatchObject({ severity: 'CRITICAL' })
    expect(freezes[0]?.metadata).toMatchObject({
      trigger: 'CONSECUTIVE_VIOLATIONS',
      autoFreezeEnabled: false,
      frozen: false,
    })
    expect(agentRow(h, agentId)?.status).toBe('ACTIVE')
    const wallet = h.db.select().from(wallets).where(eq(wallets.id, walletId)).get()
    expect(wallet?.status).toBe('ACTIVE')
    // One alert per streak; an approval resets the streak.
    expect((await requestPayment(h, key, { amount: 500 })).body.status).toBe('DENIED')
    expect(alertsOf(h, agentId, 'AUTO_FREEZE')).toHaveLength(1)
    expect((await requestPayment(h, key, { amount: 5 })).body.status).toBe('APPROVED')
    expect(agentRow(h, agentId)?.consecutiveViolations).toBe(0)
  })

  test('behavior: auto-freeze after 5 consecutive denials suspends the agent and freezes its wallets', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const { agentId, key, walletId } = await setupAgent(h)
    const config = await h.call('PATCH', `/api/agents/${agentId}/freeze-config`, {
      body: { autoFreezeEnabled: true },
    })
    expect(config.status, config.text).toBe(200)
    for (let i = 0; i < 4; i++) await requestPayment(h, key, { amount: 500 })
    expect(agentRow(h, agentId)?.status).toBe('ACTIVE')
    await requestPayment(h, key, { amount: 500 })
    expect(agentRow(h, agentId)).toMatchObject({
      status: 'SUSPENDED',
      frozenReason: 'CONSECUTIVE_VIOLATIONS',
      frozenWalletIds: [walletId],
    })
    const wallet = h.db.select().from(wallets).where(eq(wallets.id, walletId)).get()
    expect(wallet?.status).toBe('FROZEN')
    expect(alertsOf(h, agentId, 'AUTO_FREEZE')[0]).toMatchObject({ severity: 'CRITICAL' })
    expect(eventNames(h, webhookId)).toContain('agent.frozen')
    expect(eventPayloads(h, webhookId, 'agent.frozen')[0]?.data).toMatchObject({
      agentId,
      trigger: 'CONSECUTIVE_VIOLATIONS',
    })
    expect(auditOf(h, agentId).map((entry) => entry.action)).toContain('SUSPEND')
    const blocked = await requestPayment(h, key, { amount: 5 })
    expect(blocked.status).toBe(403)
    expect(blocked.body.code).toBe('AGENT_NOT_ACTIVE')
    // Unfreezing restores the wallets and the agent can pay again.
    const unfrozen = await h.call('POST', `/api/agents/${agentId}/unfreeze`, {
      body: { unfreezeWallets: true },
    })
    expect(unfrozen.status, unfrozen.text).toBe(200)
    expect((await requestPayment(h, key, { amount: 5 })).body.status).toBe('APPROVED')
  })
})
