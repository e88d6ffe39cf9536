import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  ContoApiError,
  NotFoundError,
  ValidationError,
  verifyWebhook,
  WebhookVerificationError,
} from '@conto/admin'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { START } from '../support/server.js'
import { failureOf, RECIPIENT, startAdminServer, UNKNOWN_ID } from './admin-fixtures.js'

/**
 * `ContoAdmin` against the real reference server, on what agents' payments leave behind:
 * transactions, approval workflows and requests, alerts, webhooks and audit logs. Payments are
 * made on the seeded agent key with plain `fetch`.
 */

describe('transactions', () => {
  test('default: list, retrieve', async () => {
    const { admin, credentials, pay } = startAdminServer()
    await pay(5, { purpose: 'API credits' })
    await pay(7)
    const page = await admin.transactions.list({ agentId: credentials.agentId })
    expect(page.items.map((tx) => tx.amount)).toEqual([7, 5])
    expect(page.pagination).toMatchObject({ total: 2, hasMore: false })

    const [, first] = page.items
    const tx = await admin.transactions.retrieve(first?.id ?? UNKNOWN_ID)
    expect(tx).toMatchObject({
      amount: 5,
      purpose: 'API credits',
      toAddress: RECIPIENT,
      status: 'COMPLETED',
    })
    expect(tx.txHash).toMatch(/^0x[0-9a-f]{64}$/)

    const ranged = await admin.transactions.list({ minAmount: 6, status: 'COMPLETED' })
    expect(ranged.items.map((item) => item.amount)).toEqual([7])
  })

  test('error: INVALID_STATUS when retrying a transaction that did not fail', async () => {
    const { admin, pay } = startAdminServer()
    await pay(5)
    const [tx] = (await admin.transactions.list()).items
    const error = await failureOf(admin.transactions.retry(tx?.id ?? UNKNOWN_ID))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_STATUS' })
  })

  test('error: VALIDATION_ERROR for an unknown status filter', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(
      admin.transactions.list({ status: 'LOST' } as unknown as Parameters<
        typeof admin.transactions.list
      >[0]),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'status',
    ])
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.transactions.retrieve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.transactions.retry(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('approvalWorkflows', () => {
  test('default: create, list, retrieve, update, delete', async () => {
    const { admin } = startAdminServer()
    const workflow = await admin.approvalWorkflows.create({
      name: 'Large payments',
      triggerConditions: { amountThreshold: 500 },
    })
    expect(workflow.triggerConditions.amountThreshold).toBe(500)
    expect((await admin.approvalWorkflows.list()).items.map((item) => item.id)).toEqual([
      workflow.id,
    ])
    expect((await admin.approvalWorkflows.retrieve(workflow.id)).name).toBe('Large payments')
    const updated = await admin.approvalWorkflows.update(workflow.id, { requiredApprovals: 2 })
    expect(updated.requiredApprovals).toBe(2)
    await expect(admin.approvalWorkflows.delete(workflow.id)).resolves.toMatchObject({
      success: true,
    })
    expect((await admin.approvalWorkflows.list({ isActive: true })).items).toEqual([])
  })

  test('error: VALIDATION_ERROR', async () => {
    const { admin } = startAdminServer()
    await expect(
      admin.approvalWorkflows.create({ name: 'Bad', requiredApprovals: 0 }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.approvalWorkflows.retrieve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.approvalWorkflows.delete(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('approvalRequests', () => {
  async function pendingApprovals() {
    const server = startAdminServer()
    await server.admin.approvalWorkflows.create({
      name: 'From 50',
      triggerConditions: { amountThreshold: 50 },
    })
    const first = await server.pay(60)
    const second = await server.pay(70)
    expect([first.status, second.status]).toEqual(['REQUIRES_APPROVAL', 'REQUIRES_APPROVAL'])
    return server
  }

  test('default: list, retrieve, approve, reject', async () => {
    const { admin } = await pendingApprovals()
    const pending = await admin.approvalRequests.list({ status: 'PENDING' })
    expect(pending.items.map((request) => request.amount).sort()).toEqual([60, 70])

    const sixty = pending.items.find((request) => request.amount === 60)
    const seventy = pending.items.find((request) => request.amount === 70)
    const retrieved = await admin.approvalRequests.retrieve(sixty?.id ?? UNKNOWN_ID)
    expect(retrieved).toMatchObject({ status: 'PENDING', recipientAddress: RECIPIENT })

    const approved = await admin.approvalRequests.approve(sixty?.id ?? UNKNOWN_ID, {
      reason: 'Expected invoice',
    })
    expect(approved.approvalRequest.status).toBe('APPROVED')
    const rejected = await admin.approvalRequests.reject(seventy?.id ?? UNKNOWN_ID, {
      reason: 'Unknown vendor',
    })
    expect(rejected.approvalRequest.status).toBe('REJECTED')
    expect((await admin.approvalRequests.list({ status: 'PENDING' })).items).toEqual([])
  })

  test('error: INVALID_STATUS when deciding twice', async () => {
    const { admin } = await pendingApprovals()
    const [request] = (await admin.approvalRequests.list()).items
    await admin.approvalRequests.reject(request?.id ?? UNKNOWN_ID)
    const error = await failureOf(admin.approvalRequests.approve(request?.id ?? UNKNOWN_ID))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_STATUS' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.approvalRequests.retrieve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.approvalRequests.reject(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('alerts', () => {
  test('default: list, retrieve, acknowledge, resolve', async () => {
    const { admin, credentials, pay } = startAdminServer()
    const denied = await pay(150)
    expect(denied.status).toBe('DENIED')

    const page = await admin.alerts.list({ type: 'POLICY_VIOLATION', agentId: credentials.agentId })
    expect(page.items).toHaveLength(1)
    const [alert] = page.items
    const retrieved = await admin.alerts.retrieve(alert?.id ?? UNKNOWN_ID)
    expect(retrieved).toMatchObject({ type: 'POLICY_VIOLATION', status: 'ACTIVE' })

    const acknowledged = await admin.alerts.acknowledge(retrieved.id, { note: 'Looking' })
    expect(acknowledged.status).toBe('ACKNOWLEDGED')
    const resolved = await admin.alerts.resolve(retrieved.id, { note: 'Limit is right' })
    expect(resolved.status).toBe('RESOLVED')
    expect((await admin.alerts.list({ status: 'RESOLVED' })).items).toHaveLength(1)
  })

  test('error: INVALID_STATUS when acknowledging a resolved alert', async () => {
    const { admin, pay } = startAdminServer()
    await pay(150)
    const [alert] = (await admin.alerts.list()).items
    await admin.alerts.resolve(alert?.id ?? UNKNOWN_ID)
    const error = await failureOf(admin.alerts.acknowledge(alert?.id ?? UNKNOWN_ID))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_STATUS' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.alerts.retrieve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.alerts.resolve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('webhooks', () => {
  /** A real HTTP endpoint on loopback (which test-mode servers may deliver to). */
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const receiver = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.writeHead(204).end()
    })
  })
  let url = ''

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/conto`
  })
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve))
  })

  const toHeaders = (headers: IncomingHttpHeaders) =>
    new Headers(
      Object.entries(headers).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value] as [string, string]] : [],
      ),
    )

  test('default: create, test, verifyWebhook, listDeliveries', async () => {
    const { admin } = startAdminServer()
    const webhook = await admin.webhooks.create({ url, events: ['payment.confirmed'] })
    expect(webhook.secret).toMatch(/^whsec_/)

    received.length = 0
    const { delivery } = await admin.webhooks.test(webhook.id)
    expect(delivery.status).toBe('SUCCEEDED')
    expect(received).toHaveLength(1)
    const [sent] = received
    const event = await verifyWebhook(
      sent?.body ?? '',
      toHeaders(sent?.headers ?? {}),
      webhook.secret,
      { now: new Date(START) },
    )
    expect(event.event).toBe('webhook.test')

    const deliveries = await admin.webhooks.listDeliveries(webhook.id)
    expect(deliveries.items.map((item) => item.id)).toEqual([delivery.id])
  })

  test('default: list, retrieve, update, rotateSecret, delete', async () => {
    const { admin } = startAdminServer()
    const webhook = await admin.webhooks.create({ url, description: 'Ledger' })
    expect((await admin.webhooks.list()).items.map((item) => item.id)).toEqual([webhook.id])
    const retrieved = await admin.webhooks.retrieve(webhook.id)
    expect(retrieved).toMatchObject({ description: 'Ledger' })
    expect(retrieved).not.toHaveProperty('secret')
    expect((await admin.webhooks.update(webhook.id, { isActive: false })).isActive).toBe(false)

    const rotated = await admin.webhooks.rotateSecret(webhook.id)
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(webhook.secret)
    await expect(admin.webhooks.delete(webhook.id)).resolves.toMatchObject({ success: true })
    await expect(admin.webhooks.retrieve(webhook.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('behavior: a delivery signed with the old secret fails verification after rotation', async () => {
    const { admin } = startAdminServer()
    const webhook = await admin.webhooks.create({ url })
    received.length = 0
    await admin.webhooks.test(webhook.id)
    const { secret } = await admin.webhooks.rotateSecret(webhook.id)
    const [sent] = received
    const error = await failureOf(
      verifyWebhook(sent?.body ?? '', toHeaders(sent?.headers ?? {}), secret, {
        now: new Date(START),
      }),
    )
    expect(error).toBeInstanceOf(WebhookVerificationError)
  })

  test('error: INVALID_WEBHOOK_URL for a private address', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(admin.webhooks.create({ url: 'http://10.0.0.1/hook' }))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_WEBHOOK_URL' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.webhooks.test(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.webhooks.listDeliveries(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('auditLogs', () => {
  test('default: list, export, verify', async () => {
    const { admin } = startAdminServer()
    const agent = await admin.agents.create({ name: 'Audited', agentType: 'CUSTOM' })
    const entries = await admin.auditLogs.list({ resource: 'agent', resourceId: agent.id })
    expect(entries.items.map((entry) => entry.action)).toEqual(['CREATE'])

    const json = await admin.auditLogs.export({ resourceId: agent.id })
    expect(json).toMatchObject({ format: 'json', count: 1 })
    const csv = await admin.auditLogs.export({ format: 'csv', resourceId: agent.id })
    if (csv.format !== 'csv') throw new Error('expected a CSV export')
    expect(csv.data.split('\n')[0]).toContain('action')

    await expect(admin.auditLogs.verify()).resolves.toMatchObject({
      valid: true,
      firstInvalidId: null,
    })
  })

  test('behavior: every page of the log is reachable with for await', async () => {
    const { admin } = startAdminServer()
    const { total } = (await admin.auditLogs.list({ limit: 1 })).pagination
    let count = 0
    for await (const _ of admin.auditLogs.list({ limit: 3 })) count++
    expect(count).toBe(total)
    expect(total).toBeGreaterThan(3)
  })

  test('error: VALIDATION_ERROR for an unknown export format', async () => {
    const { admin } = startAdminServer()
    await expect(
      admin.auditLogs.export({ format: 'xml' } as unknown as Parameters<
        typeof admin.auditLogs.export
      >[0]),
    ).rejects.toBeInstanceOf(ValidationError)
  })
})
