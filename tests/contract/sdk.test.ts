import {
  ApprovalRequiredError,
  AuthenticationError,
  ContoAdmin,
  ContoApiError,
  ContoError,
  isContoApiError,
  NotFoundError,
  PaymentDeniedError,
  PermissionDeniedError,
  ValidationError,
} from '@conto/sdk'
import { describe, expect, test } from 'vitest'
import { START } from '../support/server.js'
import { MINUTE, RECIPIENT, startSdkServer, TX_HASH } from './sdk-fixtures.js'

/** `Conto` against the real reference server, in-process: the payment flows end to end. */

describe('Conto', () => {
  test('error: AUTH_FAILED for an organization key, before any request', () => {
    const { connect, credentials } = startSdkServer()
    expect(() => connect(credentials.orgApiKey)).toThrow(ContoError)
    expect(() => connect(credentials.orgApiKey)).toThrow(/use ContoAdmin for it/)
  })

  test('error: AUTH_FAILED from the server for an agent key it does not know', async () => {
    const { connect } = startSdkServer()
    const conto = connect(`conto_agent_${'0'.repeat(64)}`)
    const error = await conto.setup().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 })
    expect((error as ContoApiError).requestId).toMatch(/^req_/)
  })
})

describe('ContoAdmin (re-exported)', () => {
  test('default: the docs’ `import { ContoAdmin } from "@conto/sdk"` reaches the org API', async () => {
    const { credentials, fetch, baseUrl, conto } = startSdkServer()
    const admin = new ContoAdmin({ orgApiKey: credentials.orgApiKey, baseUrl, fetch })
    const agent = await admin.agents.retrieve(credentials.agentId)
    expect(agent).toMatchObject({ id: credentials.agentId, name: 'Demo Agent' })
    expect(() => new ContoAdmin({ orgApiKey: credentials.agentSdkKey })).toThrow(/Conto/)
    expect((await conto.agent.retrieve()).id).toBe(agent.id)
  })
})

describe('setup', () => {
  test('default: agent, organization, wallets with limits, policies and scopes', async () => {
    const { conto, credentials } = startSdkServer()
    const setup = await conto.setup()
    expect(setup.agent).toMatchObject({ id: credentials.agentId, status: 'ACTIVE' })
    expect(setup.organization.id).toBe(credentials.organizationId)
    expect(setup.wallets.map((wallet) => wallet.id).sort()).toEqual(
      [credentials.managedWalletId, credentials.externalWalletId].sort(),
    )
    expect(setup.scopes).toEqual(expect.arrayContaining(['payments:request', 'payments:execute']))
  })
})

describe('wallets.list', () => {
  test('default: limits, spend and headroom move with a payment', async () => {
    const { conto, credentials } = startSdkServer()
    const managed = async () =>
      (await conto.wallets.list()).items.find((w) => w.id === credentials.managedWalletId)
    const before = await managed()
    expect(before).toMatchObject({
      custodyType: 'PRIVY',
      balance: 10_000,
      limits: { perTransaction: 100, daily: 1000 },
      spent: { today: 0, thisWeek: 0, thisMonth: 0 },
      remaining: { daily: 1000 },
    })
    await conto.payments.pay({ amount: 25, recipientAddress: RECIPIENT })
    expect(await managed()).toMatchObject({
      balance: 9975,
      spent: { today: 25, thisWeek: 25, thisMonth: 25 },
      remaining: { daily: 975 },
    })
  })

  test('behavior: the page reports its pagination', async () => {
    const { conto } = startSdkServer()
    const page = await conto.wallets.list({ limit: 1 })
    expect(page.items).toHaveLength(1)
    expect(page.pagination).toMatchObject({ total: 2, limit: 1, offset: 0, hasMore: true })
    expect(await conto.wallets.list({ limit: 1 }).toArray({ limit: 10 })).toHaveLength(2)
  })
})

describe('payments.request', () => {
  test('default: APPROVED, then execute settles it (simulated in test mode)', async () => {
    const { conto, credentials } = startSdkServer()
    const result = await conto.payments.request({
      amount: 10,
      recipientAddress: RECIPIENT,
      purpose: 'API credits',
    })
    expect(result.status).toBe('APPROVED')
    if (result.status !== 'APPROVED') return
    expect(result).toMatchObject({
      amount: 10,
      currency: 'pathUSD',
      wallet: { id: credentials.managedWalletId, custodyType: 'PRIVY' },
      violations: [],
      expiresAt: new Date(START + 5 * MINUTE).toISOString(),
    })
    expect(result.execution).toBeUndefined()

    const execution = await conto.payments.execute(result.requestId)
    expect(execution).toMatchObject({
      requestId: result.requestId,
      status: 'COMPLETED',
      simulated: true,
      amount: 10,
      currency: 'pathUSD',
      walletId: credentials.managedWalletId,
      recipientAddress: RECIPIENT,
    })
    expect(execution.txHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(execution.explorerUrl).toContain(execution.txHash)
  })

  test('behavior: DENIED above the link’s per-transaction limit is a result, not an error', async () => {
    const { conto } = startSdkServer()
    const result = await conto.payments.request({ amount: 150, recipientAddress: RECIPIENT })
    expect(result).toMatchObject({
      status: 'DENIED',
      reasons: [expect.stringContaining('per-transaction limit')],
      violations: [{ type: 'PER_TX_LIMIT', limit: 100, current: 150 }],
    })
  })

  test('behavior: REQUIRES_APPROVAL when an approval workflow matches', async () => {
    const { conto, requireApprovalFrom } = startSdkServer()
    await requireApprovalFrom(50)
    const result = await conto.payments.request({ amount: 60, recipientAddress: RECIPIENT })
    expect(result.status).toBe('REQUIRES_APPROVAL')
    if (result.status === 'REQUIRES_APPROVAL') {
      expect(result.approvalRequestId).toEqual(expect.any(String))
    }
  })

  test('behavior: autoExecute returns the execution with the decision', async () => {
    const { conto } = startSdkServer()
    const result = await conto.payments.request({
      amount: 5,
      recipientAddress: RECIPIENT,
      autoExecute: true,
    })
    expect(result).toMatchObject({
      status: 'APPROVED',
      execution: { status: 'COMPLETED', simulated: true },
    })
  })

  test('behavior: the same idempotencyKey returns the original request', async () => {
    const { conto } = startSdkServer()
    const params = { amount: 12, recipientAddress: RECIPIENT, idempotencyKey: 'order-1001' }
    const first = await conto.payments.request(params)
    const again = await conto.payments.request(params)
    expect(again.requestId).toBe(first.requestId)
  })

  test('behavior: without an idempotencyKey every call is a new request', async () => {
    const { conto } = startSdkServer()
    const params = { amount: 12, recipientAddress: RECIPIENT }
    const first = await conto.payments.request(params)
    const second = await conto.payments.request(params)
    expect(second.requestId).not.toBe(first.requestId)
  })

  test('behavior: a dry run persists nothing', async () => {
    const { conto } = startSdkServer()
    const result = await conto.payments.request({
      amount: 10,
      recipientAddress: RECIPIENT,
      dryRun: true,
    })
    expect(result).toMatchObject({ status: 'APPROVED', dryRun: true })
    await expect(conto.payments.status(result.requestId)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('error: IDEMPOTENCY_CONFLICT for the same key with another body', async () => {
    const { conto } = startSdkServer()
    await conto.payments.request({ amount: 12, recipientAddress: RECIPIENT, idempotencyKey: 'k-1' })
    const error = await conto.payments
      .request(
        { amount: 13, recipientAddress: RECIPIENT, idempotencyKey: 'k-1' },
        { maxRetries: 0 },
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', status: 409 })
  })

  test('error: VALIDATION_ERROR lists the issues', async () => {
    const { conto } = startSdkServer()
    const error = await conto.payments
      .request({ amount: 10, recipientAddress: RECIPIENT, purpose: 'x'.repeat(501) })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', status: 400 })
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: ['purpose'],
        message: 'purpose must be at most 500 characters',
      }),
    ])
  })

  test('error: INVALID_ADDRESS for a recipient that is neither EVM nor Solana', async () => {
    const { conto } = startSdkServer()
    await expect(
      conto.payments.request({ amount: 10, recipientAddress: 'not-an-address' }),
    ).rejects.toMatchObject({ name: 'ContoApiError', code: 'INVALID_ADDRESS', status: 400 })
  })

  test('error: INVALID_AMOUNT for a negative amount', async () => {
    const { conto } = startSdkServer()
    const error = await conto.payments
      .request({ amount: -5, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(isContoApiError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'INVALID_AMOUNT', status: 400 })
  })

  test('error: INSUFFICIENT_SCOPE without payments:request', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const conto = connect(await agentKeyWith(['wallets:read']))
    const error = await conto.payments
      .request({ amount: 10, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect(error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', status: 403 })
  })
})

describe('payments.execute', () => {
  test('error: INVALID_STATUS on a second execute', async () => {
    const { conto } = startSdkServer()
    const result = await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    await conto.payments.execute(result.requestId)
    await expect(conto.payments.execute(result.requestId)).rejects.toMatchObject({
      code: 'INVALID_STATUS',
      status: 400,
    })
  })

  test('error: INVALID_STATUS for a denied request', async () => {
    const { conto } = startSdkServer()
    const result = await conto.payments.request({ amount: 150, recipientAddress: RECIPIENT })
    await expect(conto.payments.execute(result.requestId)).rejects.toMatchObject({
      code: 'INVALID_STATUS',
    })
  })

  test('error: EXPIRED five minutes after the approval', async () => {
    const { conto, clock } = startSdkServer()
    const result = await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    clock.freeze(START + 5 * MINUTE + 1)
    await expect(conto.payments.execute(result.requestId)).rejects.toMatchObject({
      code: 'EXPIRED',
      status: 400,
    })
    expect((await conto.payments.status(result.requestId)).status).toBe('EXPIRED')
  })

  test('error: NOT_FOUND for an unknown request', async () => {
    const { conto } = startSdkServer()
    await expect(conto.payments.execute('c0doesnotexist000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  test('error: INSUFFICIENT_SCOPE without payments:execute', async () => {
    const { conto, connect, agentKeyWith } = startSdkServer()
    const requester = connect(await agentKeyWith(['payments:request']))
    const result = await requester.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    await expect(requester.payments.execute(result.requestId)).rejects.toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
    })
    // The seeded key may still execute it.
    await expect(conto.payments.execute(result.requestId)).resolves.toMatchObject({
      status: 'COMPLETED',
    })
  })
})

describe('payments.execute after an ambiguous failure', () => {
  /** A `fetch` that loses the connection on the first execute, before or after the server ran it. */
  function lossyFetch(fetch: typeof globalThis.fetch, when: 'before' | 'after') {
    let executes = 0
    const lossy = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const request = new Request(input, init)
      if (request.method === 'POST' && request.url.endsWith('/execute')) {
        executes += 1
        if (executes === 1) {
          if (when === 'after') await fetch(request)
          throw new TypeError('fetch failed: socket hang up')
        }
      }
      return fetch(request)
    }
    return { lossy, executes: () => executes }
  }

  test('behavior: a lost response is recovered from the status, never executed twice', async () => {
    const { connect, credentials, fetch } = startSdkServer()
    const { lossy, executes } = lossyFetch(fetch, 'after')
    const conto = connect(credentials.agentSdkKey, { fetch: lossy })
    const result = await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    const execution = await conto.payments.execute(result.requestId)
    expect(execution).toMatchObject({ requestId: result.requestId, status: 'COMPLETED' })
    expect(executes()).toBe(1)
    const transactions = (await conto.transactions.list()).items
    expect(transactions.map((t) => t.id)).toEqual([execution.transactionId])
  })

  test('behavior: a request that never arrived is executed by the one retry', async () => {
    const { connect, credentials, fetch } = startSdkServer()
    const { lossy, executes } = lossyFetch(fetch, 'before')
    const conto = connect(credentials.agentSdkKey, { fetch: lossy })
    const result = await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    const execution = await conto.payments.execute(result.requestId)
    expect(execution).toMatchObject({ requestId: result.requestId, status: 'COMPLETED' })
    expect(executes()).toBe(2)
    expect((await conto.transactions.list()).items).toHaveLength(1)
  })
})

describe('payments.pay', () => {
  test('default: requests and executes', async () => {
    const { conto } = startSdkServer()
    const paid = await conto.payments.pay({ amount: 20, recipientAddress: RECIPIENT })
    expect(paid).toMatchObject({ status: 'COMPLETED', simulated: true, amount: 20 })
    expect((await conto.payments.status(paid.requestId)).status).toBe('EXECUTED')
  })

  test('error: PAYMENT_DENIED with reasons, violations and the request id', async () => {
    const { conto } = startSdkServer()
    const error = await conto.payments
      .pay({ amount: 150, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaymentDeniedError)
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({
      code: 'PAYMENT_DENIED',
      status: 403,
      reasons: [expect.stringContaining('per-transaction limit')],
      violations: [{ type: 'PER_TX_LIMIT', limit: 100, current: 150 }],
    })
    const { requestId } = error as PaymentDeniedError
    expect((await conto.payments.status(requestId)).status).toBe('DENIED')
  })

  test('error: REQUIRES_APPROVAL with the request and approval ids', async () => {
    const { conto, requireApprovalFrom } = startSdkServer()
    await requireApprovalFrom(50)
    const error = await conto.payments
      .pay({ amount: 60, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApprovalRequiredError)
    expect(error).toMatchObject({ code: 'REQUIRES_APPROVAL', status: 202 })
    const { requestId, approvalRequestId } = error as ApprovalRequiredError
    const status = await conto.payments.status(requestId)
    expect(status).toMatchObject({ status: 'REQUIRES_APPROVAL', approvalRequestId })
  })
})

describe('payments.status', () => {
  test('default: APPROVED → EXECUTED, with the execution', async () => {
    const { conto } = startSdkServer()
    const result = await conto.payments.request({
      amount: 10,
      recipientAddress: RECIPIENT,
      purpose: 'Lifecycle',
    })
    const approved = await conto.payments.status(result.requestId)
    expect(approved).toMatchObject({ status: 'APPROVED', purpose: 'Lifecycle', amount: 10 })
    expect(approved.execution).toBeUndefined()
    const execution = await conto.payments.execute(result.requestId)
    const executed = await conto.payments.getStatus(result.requestId)
    expect(executed).toMatchObject({
      status: 'EXECUTED',
      execution: { transactionId: execution.transactionId, txHash: execution.txHash },
    })
  })

  test('behavior: REQUIRES_APPROVAL → APPROVED by a human → EXECUTED', async () => {
    const { conto, org, requireApprovalFrom } = startSdkServer()
    await requireApprovalFrom(50)
    const result = await conto.payments.request({ amount: 60, recipientAddress: RECIPIENT })
    if (result.status !== 'REQUIRES_APPROVAL') throw new Error(`got ${result.status}`)
    const pending = await conto.approvalRequests.list({ status: 'PENDING' })
    expect(pending.items.map((request) => request.approvalRequestId)).toContain(
      result.approvalRequestId,
    )
    await org('POST', `/api/approval-requests/${result.approvalRequestId}/approve`, {})
    expect((await conto.payments.status(result.requestId)).status).toBe('APPROVED')
    await conto.payments.execute(result.requestId)
    expect((await conto.payments.status(result.requestId)).status).toBe('EXECUTED')
  })

  test('error: NOT_FOUND for an unknown request', async () => {
    const { conto } = startSdkServer()
    const error = await conto.payments.status('c0doesnotexist000000000000').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 })
  })
})

describe('payments.approve / payments.confirm', () => {
  test('default: the seeded EXTERNAL wallet approves, then confirms the transfer', async () => {
    const { conto, credentials } = startSdkServer()
    const approval = await conto.payments.approve({
      amount: 20,
      recipientAddress: RECIPIENT,
      senderAddress: credentials.externalWalletAddress,
      purpose: 'Self-custodied transfer',
    })
    expect(approval.approved).toBe(true)
    if (!approval.approved) return
    expect(approval).toMatchObject({
      walletId: credentials.externalWalletId,
      expiresAt: new Date(START + 10 * MINUTE).toISOString(),
      limits: { dailyUsed: 20, dailyLimit: 1000, dailyRemaining: 980 },
    })
    const confirmed = await conto.payments.confirm(approval.approvalId, {
      txHash: TX_HASH,
      approvalToken: approval.approvalToken,
    })
    expect(confirmed).toMatchObject({
      confirmed: true,
      status: 'CONFIRMING',
      amount: 20,
      txHash: TX_HASH,
      approvalId: approval.approvalId,
    })
    const transaction = await conto.transactions.retrieve(confirmed.transactionId)
    expect(transaction).toMatchObject({
      status: 'CONFIRMING',
      walletId: credentials.externalWalletId,
      externalApprovalId: approval.approvalId,
    })
  })

  test('behavior: a denial is { approved: false } with the violation', async () => {
    const { conto, credentials } = startSdkServer()
    const approval = await conto.payments.approve({
      amount: 150,
      recipientAddress: RECIPIENT,
      senderAddress: credentials.externalWalletAddress,
    })
    expect(approval).toMatchObject({
      approved: false,
      violations: [{ type: 'PER_TX_LIMIT' }],
    })
  })

  test('error: ALREADY_CONFIRMED on a second confirm', async () => {
    const { conto, credentials } = startSdkServer()
    const approval = await conto.payments.approve({
      amount: 5,
      recipientAddress: RECIPIENT,
      senderAddress: credentials.externalWalletAddress,
    })
    if (!approval.approved) throw new Error('expected an approval')
    const body = { txHash: TX_HASH, approvalToken: approval.approvalToken }
    await conto.payments.confirm(approval.approvalId, body)
    await expect(
      conto.payments.confirm(approval.approvalId, body, { maxRetries: 0 }),
    ).rejects.toMatchObject({ code: 'ALREADY_CONFIRMED', status: 409 })
  })

  test('error: INVALID_APPROVAL_TOKEN for a wrong token', async () => {
    const { conto, credentials } = startSdkServer()
    const approval = await conto.payments.approve({
      amount: 5,
      recipientAddress: RECIPIENT,
      senderAddress: credentials.externalWalletAddress,
    })
    if (!approval.approved) throw new Error('expected an approval')
    await expect(
      conto.payments.confirm(approval.approvalId, {
        txHash: TX_HASH,
        approvalToken: 'f'.repeat(64),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_APPROVAL_TOKEN', status: 400 })
  })

  test('error: EXTERNAL_WALLET when executing a request on the external wallet', async () => {
    const { conto, credentials } = startSdkServer()
    const result = await conto.payments.request({
      amount: 5,
      recipientAddress: RECIPIENT,
      walletId: credentials.externalWalletId,
    })
    expect(result.status).toBe('APPROVED')
    await expect(conto.payments.execute(result.requestId)).rejects.toMatchObject({
      code: 'EXTERNAL_WALLET',
    })
  })
})

describe('transactions', () => {
  test('default: list and retrieve the agent’s transactions, newest first', async () => {
    const { conto } = startSdkServer()
    const first = await conto.payments.pay({ amount: 1, recipientAddress: RECIPIENT })
    const second = await conto.payments.pay({ amount: 2, recipientAddress: RECIPIENT })
    const page = await conto.transactions.list()
    expect(page.items.map((t) => t.id)).toEqual([second.transactionId, first.transactionId])
    expect(page.pagination).toMatchObject({ total: 2, hasMore: false })
    expect(await conto.transactions.retrieve(first.transactionId)).toMatchObject({
      id: first.transactionId,
      amount: 1,
      status: 'COMPLETED',
      paymentRequestId: first.requestId,
    })
  })

  test('behavior: for await walks every page', async () => {
    const { conto } = startSdkServer()
    for (const amount of [1, 2, 3, 4, 5]) {
      await conto.payments.pay({ amount, recipientAddress: RECIPIENT })
    }
    const amounts: number[] = []
    for await (const transaction of conto.transactions.list({ limit: 2 })) {
      amounts.push(transaction.amount)
    }
    expect(amounts.sort()).toEqual([1, 2, 3, 4, 5])
    expect(await conto.transactions.list({ limit: 2 }).toArray({ limit: 3 })).toHaveLength(3)
  })

  test('args: status filters the list', async () => {
    const { conto } = startSdkServer()
    await conto.payments.pay({ amount: 1, recipientAddress: RECIPIENT })
    expect((await conto.transactions.list({ status: 'COMPLETED' })).items).toHaveLength(1)
    expect((await conto.transactions.list({ status: 'FAILED' })).items).toHaveLength(0)
  })

  test('error: NOT_FOUND for an unknown transaction', async () => {
    const { conto } = startSdkServer()
    await expect(conto.transactions.retrieve('c0doesnotexist000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  test('error: VALIDATION_ERROR for a bad filter', async () => {
    const { conto } = startSdkServer()
    await expect(conto.transactions.list({ limit: 0 })).rejects.toBeInstanceOf(ValidationError)
  })
})
