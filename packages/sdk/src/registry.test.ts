import { endpointList, findEndpoint } from '@conto/schemas'
import { describe, expect, test } from 'vitest'
import { agentKey, apiError, baseUrl, createStubFetch, RECIPIENT } from '../test/fixtures.js'
import { Conto } from './client.js'

/**
 * Every `/api/sdk/*` endpoint of the registry has a `Conto` method, and every method calls the
 * registry entry it is named after. Adding an endpoint without a method, or a method without an
 * entry here, fails this test.
 */
const TX = `0x${'ab'.repeat(32)}`
const invocations: Record<
  string,
  [endpointId: string, call: (conto: Conto) => PromiseLike<unknown>]
> = {
  setup: ['sdk.setup', (c) => c.setup()],
  'agent.retrieve': ['sdkAgent.retrieve', (c) => c.agent.retrieve()],
  'agent.get': ['sdkAgent.retrieve', (c) => c.agent.get()],
  'wallets.list': ['sdkWallets.list', (c) => c.wallets.list()],
  'payments.request': [
    'payments.request',
    (c) => c.payments.request({ amount: 1, recipientAddress: RECIPIENT }),
  ],
  'payments.execute': ['payments.execute', (c) => c.payments.execute('r1')],
  'payments.pay': [
    'payments.request',
    (c) => c.payments.pay({ amount: 1, recipientAddress: RECIPIENT }),
  ],
  'payments.status': ['payments.status', (c) => c.payments.status('r1')],
  'payments.getStatus': ['payments.status', (c) => c.payments.getStatus('r1')],
  'payments.approve': [
    'payments.approve',
    (c) => c.payments.approve({ amount: 1, recipientAddress: RECIPIENT, senderAddress: RECIPIENT }),
  ],
  'payments.confirm': [
    'payments.confirm',
    (c) => c.payments.confirm('a1', { txHash: TX, approvalToken: 'f'.repeat(64) }),
  ],
  'transactions.list': ['sdkTransactions.list', (c) => c.transactions.list()],
  'transactions.retrieve': ['sdkTransactions.retrieve', (c) => c.transactions.retrieve('t1')],
  'transactions.get': ['sdkTransactions.retrieve', (c) => c.transactions.get('t1')],
  'policies.list': ['sdkPolicies.list', (c) => c.policies.list({ walletId: 'w1' })],
  'policyExceptions.list': ['sdkPolicyExceptions.list', (c) => c.policyExceptions.list()],
  'policyExceptions.create': [
    'sdkPolicyExceptions.create',
    (c) => c.policyExceptions.create({ reason: 'One-off' }),
  ],
  'counterparties.list': ['sdkCounterparties.list', (c) => c.counterparties.list()],
  'counterparties.retrieve': [
    'sdkCounterparties.retrieve',
    (c) => c.counterparties.retrieve(RECIPIENT),
  ],
  'counterparties.get': ['sdkCounterparties.retrieve', (c) => c.counterparties.get(RECIPIENT)],
  'counterparties.create': [
    'sdkCounterparties.create',
    (c) => c.counterparties.create({ name: 'Vendor', address: RECIPIENT }),
  ],
  'network.trust': ['sdkNetwork.trust', (c) => c.network.trust(RECIPIENT)],
  'alerts.list': ['sdkAlerts.list', (c) => c.alerts.list()],
  'alerts.acknowledge': ['sdkAlerts.acknowledge', (c) => c.alerts.acknowledge('al1')],
  'analytics.retrieve': ['sdkAnalytics.retrieve', (c) => c.analytics.retrieve()],
  'analytics.get': ['sdkAnalytics.retrieve', (c) => c.analytics.get()],
  'auditLogs.list': ['sdkAuditLogs.list', (c) => c.auditLogs.list()],
  'approvalRequests.list': ['sdkApprovalRequests.list', (c) => c.approvalRequests.list()],
  'a2a.request': [
    'a2a.request',
    (c) => c.a2a.request({ targetAgentId: 'ag1', amount: 1, purpose: 'Work' }),
  ],
  'a2a.list': ['a2a.list', (c) => c.a2a.list()],
  'a2a.retrieve': ['a2a.retrieve', (c) => c.a2a.retrieve('q1')],
  'a2a.get': ['a2a.retrieve', (c) => c.a2a.get('q1')],
  'a2a.approve': ['a2a.approve', (c) => c.a2a.approve('q1')],
  'a2a.reject': ['a2a.reject', (c) => c.a2a.reject('q1', { reason: 'No' })],
  'a2a.execute': ['a2a.execute', (c) => c.a2a.execute('q1')],
  'a2a.resolve': ['a2a.resolve', (c) => c.a2a.resolve({ walletAddress: RECIPIENT })],
  'a2a.stats': ['a2a.stats', (c) => c.a2a.stats()],
  'cards.approve': [
    'cards.approve',
    (c) =>
      c.cards.approve({
        cardId: 'card1',
        amount: 1,
        merchantName: 'M',
        merchantCategory: 'SOFTWARE',
        purpose: 'P',
      }),
  ],
  'cards.confirm': [
    'cards.confirm',
    (c) =>
      c.cards.confirm('r1', {
        approvalToken: 'f'.repeat(64),
        transactionReference: 'ch_1',
        amount: 1,
        status: 'COMPLETED',
      }),
  ],
  'x402.preAuthorize': [
    'x402.preAuthorize',
    (c) =>
      c.x402.preAuthorize({ amount: 1, recipientAddress: RECIPIENT, resourceUrl: 'https://a.b/c' }),
  ],
  'x402.record': [
    'x402.record',
    (c) =>
      c.x402.record({
        amount: 1,
        recipientAddress: RECIPIENT,
        resourceUrl: 'https://a.b/c',
        txHash: TX,
      }),
  ],
  'x402.recordBatch': [
    'x402.record',
    (c) =>
      c.x402.recordBatch({
        payments: [
          { amount: 1, recipientAddress: RECIPIENT, resourceUrl: 'https://a.b/c', txHash: TX },
        ],
      }),
  ],
  'x402.services': ['x402.services', (c) => c.x402.services()],
  'x402.budget': ['x402.budget', (c) => c.x402.budget()],
  'mpp.preAuthorize': [
    'mpp.preAuthorize',
    (c) =>
      c.mpp.preAuthorize({
        amount: 1,
        recipientAddress: RECIPIENT,
        resourceUrl: 'https://a.b/c',
        intent: 'charge',
      }),
  ],
  'mpp.record': [
    'mpp.record',
    (c) =>
      c.mpp.record({
        amount: 1,
        recipientAddress: RECIPIENT,
        resourceUrl: 'https://a.b/c',
        sessionId: 's1',
        txHash: TX,
      }),
  ],
  'mpp.services': ['mpp.services', (c) => c.mpp.services()],
  'mpp.budget': ['mpp.budget', (c) => c.mpp.budget()],
  'serviceSpend.summary': ['serviceSpend.summary', (c) => c.serviceSpend.summary()],
  'serviceSpend.services': ['serviceSpend.services', (c) => c.serviceSpend.services()],
  'budgets.request': [
    'budgets.request',
    (c) => c.budgets.request({ amount: 100, purpose: 'Data' }),
  ],
  'budgets.retrieve': ['budgets.retrieve', (c) => c.budgets.retrieve()],
  'budgets.get': ['budgets.retrieve', (c) => c.budgets.get()],
}

/** `resource.method` for every public method of every resource, plus the client's own. */
function methodsOf(conto: Conto): string[] {
  const names = ['setup']
  for (const [resource, value] of Object.entries(conto)) {
    const prototype = Object.getPrototypeOf(value) as object
    for (const method of Object.getOwnPropertyNames(prototype)) {
      if (method !== 'constructor') names.push(`${resource}.${method}`)
    }
  }
  return names.sort()
}

describe('Conto', () => {
  test('behavior: every client method is exercised here', () => {
    const conto = new Conto({ apiKey: agentKey, baseUrl })
    expect(Object.keys(invocations).sort()).toEqual(methodsOf(conto))
  })

  test('behavior: every /api/sdk/* endpoint of the registry has a method', async () => {
    const stub = createStubFetch(() => apiError(501, 'NOT_IMPLEMENTED'))
    const conto = new Conto({ apiKey: agentKey, baseUrl, fetch: stub.fetch, maxRetries: 0 })
    const called = new Set<string>()
    for (const [name, [endpointId, call]] of Object.entries(invocations)) {
      const before = stub.requests.length
      await expect(Promise.resolve(call(conto)), name).rejects.toMatchObject({
        code: 'NOT_IMPLEMENTED',
      })
      const request = stub.requests[before]
      expect(stub.requests.length - before, name).toBe(1)
      const endpoint = request && findEndpoint(request.method, request.path)
      expect(endpoint?.id, name).toBe(endpointId)
      called.add(endpointId)
    }
    const sdkEndpoints = endpointList.filter((e) => e.surface === 'sdk').map((e) => e.id)
    expect([...called].sort()).toEqual([...sdkEndpoints].sort())
  })
})
