import { ConflictError, NotFoundError, PermissionDeniedError, ValidationError } from '@conto/sdk'
import { describe, expect, test } from 'vitest'
import { OTHER_RECIPIENT, RECIPIENT, startSdkServer } from './sdk-fixtures.js'

/** `Conto`'s read and self-service resources against the real reference server. */

describe('agent.retrieve', () => {
  test('default', async () => {
    const { conto, credentials } = startSdkServer()
    expect(await conto.agent.retrieve()).toMatchObject({
      id: credentials.agentId,
      name: 'Demo Agent',
      status: 'ACTIVE',
      organization: { id: credentials.organizationId },
    })
  })

  test('error: INSUFFICIENT_SCOPE without agents:read', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const conto = connect(await agentKeyWith(['payments:request']))
    await expect(conto.agent.retrieve()).rejects.toMatchObject({
      name: 'PermissionDeniedError',
      code: 'INSUFFICIENT_SCOPE',
      status: 403,
    })
  })
})

describe('policies.list', () => {
  test('default: the policies assigned to the agent', async () => {
    const { conto, org, credentials } = startSdkServer()
    expect((await conto.policies.list()).items).toEqual([])
    const policy = await org<{ id: string }>('POST', '/api/policies', {
      name: 'Per-transaction cap',
      policyType: 'SPEND_LIMIT',
      rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LESS_THAN_OR_EQUAL', value: '50' }],
    })
    await org('POST', `/api/agents/${credentials.agentId}/policies`, { policyId: policy.id })
    const page = await conto.policies.list()
    expect(page.items.map((p) => p.id)).toEqual([policy.id])
    expect((await conto.policies.list({ walletId: credentials.managedWalletId })).items).toEqual([
      expect.objectContaining({ id: policy.id }),
    ])
  })
})

describe('policyExceptions', () => {
  test('default: create, then list', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const conto = connect(await agentKeyWith(['policies:exceptions']))
    const created = await conto.policyExceptions.create({
      reason: 'One-off conference ticket',
      amount: 450,
    })
    expect(created).toMatchObject({ status: 'PENDING', reason: 'One-off conference ticket' })
    const page = await conto.policyExceptions.list({ status: 'PENDING' })
    expect(page.items.map((e) => e.id)).toEqual([created.id])
  })

  test('error: INSUFFICIENT_SCOPE with the seeded key', async () => {
    const { conto } = startSdkServer()
    await expect(conto.policyExceptions.list()).rejects.toBeInstanceOf(PermissionDeniedError)
  })

  test('error: VALIDATION_ERROR without a reason', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const conto = connect(await agentKeyWith(['policies:exceptions']))
    await expect(conto.policyExceptions.create({ reason: '   ' })).rejects.toBeInstanceOf(
      ValidationError,
    )
  })
})

describe('counterparties', () => {
  test('default: create, list and retrieve by address', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const conto = connect(await agentKeyWith(['counterparties:read', 'counterparties:write']))
    const created = await conto.counterparties.create({ name: 'Acme Data', address: RECIPIENT })
    expect(created).toMatchObject({ name: 'Acme Data', address: RECIPIENT })
    expect((await conto.counterparties.list()).items.map((c) => c.id)).toEqual([created.id])
    expect((await conto.counterparties.list({ search: 'acme' })).items).toHaveLength(1)
    const found = await conto.counterparties.retrieve(RECIPIENT.toLowerCase())
    expect(found).toMatchObject({ id: created.id, name: 'Acme Data' })
  })

  test('error: CONFLICT for a second counterparty at the same address', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const conto = connect(await agentKeyWith(['counterparties:write']))
    await conto.counterparties.create({ name: 'First', address: RECIPIENT })
    await expect(
      conto.counterparties.create({ name: 'Second', address: RECIPIENT }, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ConflictError)
  })

  test('error: NOT_FOUND for an address without a counterparty', async () => {
    const { conto } = startSdkServer()
    await expect(conto.counterparties.retrieve(OTHER_RECIPIENT)).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  test('error: INSUFFICIENT_SCOPE to create with the seeded key', async () => {
    const { conto } = startSdkServer()
    await expect(
      conto.counterparties.create({ name: 'Acme', address: RECIPIENT }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
  })
})

describe('network.trust', () => {
  test('default: an address the network has seen', async () => {
    const { conto } = startSdkServer()
    await conto.payments.pay({ amount: 1, recipientAddress: RECIPIENT })
    expect(await conto.network.trust(RECIPIENT)).toMatchObject({
      address: RECIPIENT,
      transactionCount: 1,
      trustLevel: expect.any(String),
    })
  })

  test('behavior: an unknown address scores 0.5', async () => {
    const { conto } = startSdkServer()
    expect(await conto.network.trust(OTHER_RECIPIENT)).toMatchObject({
      globalScore: 0.5,
      trustLevel: 'UNKNOWN',
      transactionCount: 0,
    })
  })

  test('error: INVALID_ADDRESS', async () => {
    const { conto } = startSdkServer()
    await expect(conto.network.trust('nope')).rejects.toMatchObject({
      code: 'INVALID_ADDRESS',
      status: 400,
    })
  })
})

describe('alerts', () => {
  test('default: a denial raises an alert the agent can acknowledge', async () => {
    const { conto, connect, agentKeyWith } = startSdkServer()
    await conto.payments.request({ amount: 150, recipientAddress: RECIPIENT })
    const { items } = await conto.alerts.list({ unread: true })
    expect(items).toEqual([expect.objectContaining({ type: 'POLICY_VIOLATION', status: 'ACTIVE' })])
    const alert = items[0]
    if (!alert) throw new Error('expected an alert')
    const writer = connect(await agentKeyWith(['alerts:read', 'alerts:write']))
    const acknowledged = await writer.alerts.acknowledge(alert.id, { note: 'Expected' })
    expect(acknowledged).toMatchObject({ id: alert.id, status: 'ACKNOWLEDGED', note: 'Expected' })
    expect((await conto.alerts.list({ unread: true })).items).toEqual([])
  })

  test('error: NOT_FOUND for an unknown alert', async () => {
    const { connect, agentKeyWith } = startSdkServer()
    const writer = connect(await agentKeyWith(['alerts:write']))
    await expect(writer.alerts.acknowledge('c0doesnotexist000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  test('error: INSUFFICIENT_SCOPE to acknowledge with the seeded key', async () => {
    const { conto } = startSdkServer()
    await expect(conto.alerts.acknowledge('c0doesnotexist000000000000')).rejects.toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
    })
  })
})

describe('auditLogs.list', () => {
  test('default: the audit trail records the agent’s payment', async () => {
    const { conto, credentials } = startSdkServer()
    const paid = await conto.payments.pay({ amount: 1, recipientAddress: RECIPIENT })
    const page = await conto.auditLogs.list()
    expect(page.items[0]).toMatchObject({
      actorType: 'AGENT',
      actorId: credentials.agentId,
      resourceId: expect.stringMatching(new RegExp(`${paid.requestId}|${paid.transactionId}`)),
    })
  })
})

describe('approvalRequests.list', () => {
  test('default: empty until a payment is routed to humans', async () => {
    const { conto, requireApprovalFrom } = startSdkServer()
    expect((await conto.approvalRequests.list()).items).toEqual([])
    await requireApprovalFrom(50)
    const result = await conto.payments.request({ amount: 70, recipientAddress: RECIPIENT })
    const { items } = await conto.approvalRequests.list()
    expect(items).toEqual([
      expect.objectContaining({ paymentRequestId: result.requestId, status: 'PENDING' }),
    ])
  })
})
