import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import {
  approvalRow,
  escalateAbove50,
  externalApprovalRow,
  HOUR,
  insertApprovalRequest,
  insertExternalApproval,
  MINUTE,
  paymentRow,
  requestNeedingApproval,
  reservationRow,
  VENDOR,
} from '../../../test/approval-fixtures.js'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import {
  eventsOf,
  PAYMENT_SCOPES,
  setupManaged,
  subscribeWebhook,
} from '../../../test/settlement-fixtures.js'
import { agents, auditLogs, paymentRequests, transactions } from '../../db/schema.js'
import { issueOrgApiKey } from '../../services/organizations.js'

let h: Harness
let agentId: string

beforeEach(() => {
  h = createHarness()
  agentId = h.createAgentWithKey({ name: 'Buyer' }).agentId
})

const UNKNOWN_ID = 'cunknown000000000000000'

function orgKey(scopePreset: 'READ_ONLY' | 'ADMIN' = 'ADMIN', createdByMemberId?: string) {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: `${scopePreset} key`,
    scopePreset,
    ...(createdByMemberId === undefined ? {} : { createdByMemberId }),
  })
}

function auditOf(resourceId: string) {
  return h.db
    .select()
    .from(auditLogs)
    .where(
      and(eq(auditLogs.organizationId, h.organization.id), eq(auditLogs.resourceId, resourceId)),
    )
    .all()
}

const approve = (id: string, options: { key?: string; body?: unknown } = {}) =>
  h.call('POST', `/api/approval-requests/${id}/approve`, { body: {}, ...options })
const reject = (id: string, options: { key?: string; body?: unknown } = {}) =>
  h.call('POST', `/api/approval-requests/${id}/reject`, { body: {}, ...options })

async function createWorkflow(body: Record<string, unknown>): Promise<string> {
  const res = await h.call('POST', '/api/approval-workflows', { body: { name: 'W', ...body } })
  expect(res.status, res.text).toBe(201)
  return res.body.id
}

describe('approvalRequests.list', () => {
  test('default', async () => {
    const older = insertApprovalRequest(h, { agentId, createdAt: START - HOUR })
    const newer = insertApprovalRequest(h, { agentId })
    const res = await h.call('GET', '/api/approval-requests')
    expect(res.status).toBe(200)
    expect(res.body.requests.map((r: { id: string }) => r.id)).toEqual([
      newer.approvalRequestId,
      older.approvalRequestId,
    ])
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    expect(res.body.requests[0]).toEqual({
      id: newer.approvalRequestId,
      type: 'PAYMENT',
      status: 'PENDING',
      paymentRequestId: newer.paymentRequestId,
      externalApprovalId: null,
      agentId,
      agent: { id: agentId, name: 'Buyer' },
      amount: 75,
      currency: 'pathUSD',
      recipientAddress: VENDOR,
      purpose: 'GPU time',
      workflowId: null,
      requiredApprovals: 1,
      approvals: [],
      reason: null,
      expiresAt: '2026-04-09T12:00:00.000Z',
      decidedAt: null,
      decidedBy: null,
      createdAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('args: status, type, agentId, limit, offset', async () => {
    const other = h.createAgentWithKey().agentId
    const pending = insertApprovalRequest(h, { agentId })
    const approved = insertApprovalRequest(h, {
      agentId,
      status: 'APPROVED',
      createdAt: START - 1,
    })
    const external = insertApprovalRequest(h, {
      agentId: other,
      type: 'EXTERNAL_APPROVAL',
      withPayment: false,
      createdAt: START - 2,
    })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/approval-requests?${query}`)).body.requests.map(
        (r: { id: string }) => r.id,
      )
    expect(await ids('status=APPROVED')).toEqual([approved.approvalRequestId])
    expect(await ids('type=EXTERNAL_APPROVAL')).toEqual([external.approvalRequestId])
    expect(await ids(`agentId=${agentId}`)).toEqual([
      pending.approvalRequestId,
      approved.approvalRequestId,
    ])
    expect(await ids('limit=1&offset=1')).toEqual([approved.approvalRequestId])
    const page = await h.call('GET', '/api/approval-requests?limit=1')
    expect(page.body.pagination).toEqual({ total: 3, limit: 1, offset: 0, hasMore: true })
  })

  test('behavior: an overdue PENDING request reads as EXPIRED, and so does its payment', async () => {
    const { approvalRequestId, paymentRequestId } = insertApprovalRequest(h, {
      agentId,
      expiresAt: START + HOUR,
    })
    const webhookId = subscribeWebhook(h)
    h.clock.freeze(START + HOUR)
    const pending = await h.call('GET', '/api/approval-requests?status=PENDING')
    expect(pending.body.requests).toEqual([])
    const res = await h.call('GET', '/api/approval-requests')
    expect(res.body.requests[0]).toMatchObject({
      id: approvalRequestId,
      status: 'EXPIRED',
      reason: expect.stringContaining('expired'),
      decidedAt: null,
    })
    expect(paymentRow(h, paymentRequestId as string)?.status).toBe('EXPIRED')
    expect(eventsOf(h, webhookId).map((e) => e.event)).toEqual(['approval.expired'])
    expect(auditOf(approvalRequestId)).toEqual([
      expect.objectContaining({ action: 'UPDATE', actorType: 'SYSTEM' }),
    ])
  })

  test("behavior: never lists another organization's requests", async () => {
    insertApprovalRequest(h, { agentId })
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/approval-requests', { key: other.key })
    expect(res.body.requests).toEqual([])
  })

  test('behavior: a READ_ONLY key can list', async () => {
    const res = await h.call('GET', '/api/approval-requests', { key: orgKey('READ_ONLY').key })
    expect(res.status).toBe(200)
  })

  test('error: VALIDATION_ERROR for bad filters', async () => {
    for (const query of ['status=WAITING', 'type=LOAN', 'limit=0', 'agentId=a%20b']) {
      const res = await h.call('GET', `/api/approval-requests?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('error: INSUFFICIENT_SCOPE for an agent key', async () => {
    const agent = h.createAgentWithKey()
    const res = await h.call('GET', '/api/approval-requests', { key: agent.key })
    expect(res.status).toBe(403)
  })
})

describe('approvalRequests.retrieve', () => {
  test('default', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const res = await h.call('GET', `/api/approval-requests/${approvalRequestId}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: approvalRequestId, status: 'PENDING', amount: 75 })
  })

  test('behavior: an overdue request reads as EXPIRED', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId, expiresAt: START + MINUTE })
    h.clock.freeze(START + 2 * MINUTE)
    const res = await h.call('GET', `/api/approval-requests/${approvalRequestId}`)
    expect(res.body.status).toBe('EXPIRED')
    expect(approvalRow(h, approvalRequestId)?.status).toBe('EXPIRED')
  })

  test('error: NOT_FOUND for unknown and foreign ids', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const other = h.createOtherOrganization()
    const foreign = await h.call('GET', `/api/approval-requests/${approvalRequestId}`, {
      key: other.key,
    })
    expect(foreign.status).toBe(404)
    expect(foreign.body.code).toBe('NOT_FOUND')
    const unknown = await h.call('GET', `/api/approval-requests/${UNKNOWN_ID}`)
    expect(unknown.status).toBe(404)
  })
})

describe('approvalRequests.approve', () => {
  test('default', async () => {
    const flow = await requestNeedingApproval(h)
    const pending = await h.call('GET', `/api/approval-requests/${flow.approvalRequestId}`)
    expect(pending.body).toMatchObject({
      status: 'PENDING',
      type: 'PAYMENT',
      paymentRequestId: flow.requestId,
      amount: 75,
    })
    expect(reservationRow(h, flow.requestId)).toBeUndefined()

    h.clock.freeze(START + 10 * MINUTE)
    const res = await approve(flow.approvalRequestId, { body: { reason: 'Looks fine' } })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      approvalRequest: expect.objectContaining({
        id: flow.approvalRequestId,
        status: 'APPROVED',
        reason: 'Looks fine',
        decidedAt: '2026-04-08T12:10:00.000Z',
        decidedBy: expect.any(String),
        approvals: [
          {
            id: expect.any(String),
            approverId: expect.any(String),
            decision: 'APPROVED',
            reason: 'Looks fine',
            createdAt: '2026-04-08T12:10:00.000Z',
          },
        ],
      }),
      paymentRequest: {
        requestId: flow.requestId,
        status: 'APPROVED',
        expiresAt: '2026-04-08T12:15:00.000Z',
      },
    })

    const status = await h.call('GET', `/api/sdk/payments/${flow.requestId}`, { key: flow.key })
    expect(status.body).toMatchObject({ status: 'APPROVED', expiresAt: '2026-04-08T12:15:00.000Z' })
    expect(reservationRow(h, flow.requestId)).toMatchObject({
      amountMicros: 75_000_000,
      expiresAt: START + 15 * MINUTE,
      releasedAt: null,
    })

    h.clock.freeze(START + 14 * MINUTE)
    const executed = await h.call('POST', `/api/sdk/payments/${flow.requestId}/execute`, {
      key: flow.key,
    })
    expect(executed.status, executed.text).toBe(200)
    expect(executed.body).toMatchObject({ status: 'COMPLETED', simulated: true, amount: 75 })
  })

  test('behavior: announces approval.decided and payment.approved; audits APPROVE', async () => {
    const flow = await requestNeedingApproval(h)
    const webhookId = subscribeWebhook(h)
    await approve(flow.approvalRequestId)
    const events = eventsOf(h, webhookId)
    expect(events.map((e) => e.event)).toEqual(['approval.decided', 'payment.approved'])
    expect(events[0]?.data).toMatchObject({
      approvalRequestId: flow.approvalRequestId,
      decision: 'APPROVED',
      status: 'APPROVED',
    })
    expect(events[1]?.data).toMatchObject({ requestId: flow.requestId, status: 'APPROVED' })
    expect(auditOf(flow.approvalRequestId).map((e) => e.action)).toContain('APPROVE')
    expect(auditOf(flow.requestId).map((e) => e.action)).toContain('APPROVE')
  })

  test('behavior: a payment that asked for autoExecute is executed on approval', async () => {
    const flow = await requestNeedingApproval(h, { autoExecute: true })
    const res = await approve(flow.approvalRequestId)
    expect(res.status, res.text).toBe(200)
    expect(res.body.execution).toEqual({
      transactionId: expect.any(String),
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      explorerUrl: expect.stringContaining('https://explore.moderato.tempo.xyz/tx/0x'),
      status: 'COMPLETED',
      simulated: true,
    })
    expect(res.body.paymentRequest).toMatchObject({ requestId: flow.requestId, status: 'EXECUTED' })
    const rows = h.db
      .select()
      .from(transactions)
      .where(eq(transactions.agentId, flow.agentId))
      .all()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ paymentRequestId: flow.requestId, amountMicros: 75_000_000 })
  })

  test('behavior: a workflow created through the API escalates the payment and sets its approvals', async () => {
    const flow = await requestNeedingApproval(h, {
      workflow: {
        name: 'Two approvals at 60',
        triggerConditions: { amountThreshold: 60 },
        requiredApprovals: 2,
        timeoutHours: 2,
      },
    })
    const pending = await h.call('GET', `/api/approval-requests/${flow.approvalRequestId}`)
    expect(pending.body).toMatchObject({
      workflowId: expect.any(String),
      requiredApprovals: 2,
      expiresAt: '2026-04-08T14:00:00.000Z',
    })
    const first = await approve(flow.approvalRequestId)
    expect(first.body.approvalRequest.status).toBe('PENDING')
    const second = await approve(flow.approvalRequestId, { key: orgKey().key })
    expect(second.body.paymentRequest).toMatchObject({ status: 'APPROVED' })
  })

  test('behavior: a payment below the workflow threshold needs no approval', async () => {
    const managed = await setupManaged(h, { balance: 1000 })
    await createWorkflow({ triggerConditions: { amountThreshold: 60 } })
    const res = await h.call('POST', '/api/sdk/payments/request', {
      key: managed.key,
      body: { amount: 59.999999, recipientAddress: VENDOR },
    })
    expect(res.body.status).toBe('APPROVED')
  })

  test('behavior: two concurrent approvals of an autoExecute payment execute it once', async () => {
    const flow = await requestNeedingApproval(h, { autoExecute: true })
    const results = await Promise.all([
      approve(flow.approvalRequestId),
      approve(flow.approvalRequestId, { key: orgKey().key }),
    ])
    expect(results.map((res) => res.status).sort()).toEqual([200, 400])
    expect(results.find((res) => res.status === 400)?.body.code).toBe('INVALID_STATUS')
    const rows = h.db
      .select()
      .from(transactions)
      .where(eq(transactions.agentId, flow.agentId))
      .all()
    expect(rows).toHaveLength(1)
  })

  test('behavior: approvals accumulate until requiredApprovals', async () => {
    const { approvalRequestId, paymentRequestId } = insertApprovalRequest(h, {
      agentId,
      requiredApprovals: 2,
    })
    const first = await approve(approvalRequestId)
    expect(first.status).toBe(200)
    expect(first.body.approvalRequest).toMatchObject({ status: 'PENDING', decidedAt: null })
    expect(first.body.approvalRequest.approvals).toHaveLength(1)
    expect(first.body).not.toHaveProperty('paymentRequest')
    expect(paymentRow(h, paymentRequestId as string)?.status).toBe('REQUIRES_APPROVAL')

    const again = await approve(approvalRequestId)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('CONFLICT')

    const second = await approve(approvalRequestId, { key: orgKey().key })
    expect(second.status).toBe(200)
    expect(second.body.approvalRequest.status).toBe('APPROVED')
    expect(second.body.approvalRequest.approvals).toHaveLength(2)
    expect(second.body.paymentRequest).toMatchObject({
      status: 'APPROVED',
      expiresAt: '2026-04-08T12:05:00.000Z',
    })
  })

  test('behavior: an approval request without a payment is simply approved', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId, withPayment: false })
    const res = await approve(approvalRequestId)
    expect(res.status).toBe(200)
    expect(res.body.approvalRequest.status).toBe('APPROVED')
    expect(res.body).not.toHaveProperty('paymentRequest')
  })

  test('behavior: an external-wallet approval becomes APPROVED (the agent re-requests its token)', async () => {
    const externalId = insertExternalApproval(h, agentId)
    const { approvalRequestId } = insertApprovalRequest(h, {
      agentId,
      type: 'EXTERNAL_APPROVAL',
      withPayment: false,
      externalApprovalId: externalId,
    })
    const res = await approve(approvalRequestId)
    expect(res.status).toBe(200)
    expect(res.body.approvalRequest).toMatchObject({
      status: 'APPROVED',
      externalApprovalId: externalId,
    })
    expect(res.body).not.toHaveProperty('approvalToken')
    expect(externalApprovalRow(h, externalId)?.status).toBe('APPROVED')
  })

  test('behavior: external wallet end to end — approve, then the agent re-requests its token', async () => {
    const agent = h.createAgentWithKey({ scopes: PAYMENT_SCOPES })
    await escalateAbove50(h, agent.agentId)
    const body = {
      amount: 75,
      recipientAddress: VENDOR,
      senderAddress: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    }
    const first = await h.call('POST', '/api/sdk/payments/approve', { key: agent.key, body })
    expect(first.status, first.text).toBe(200)
    expect(first.body).toMatchObject({ approved: false, requiresHumanApproval: true })
    const approvalRequestId: string = first.body.approvalRequestId
    const listed = await h.call('GET', '/api/sdk/approval-requests?type=external', {
      key: agent.key,
    })
    expect(listed.body.requests).toEqual([
      expect.objectContaining({ approvalRequestId, type: 'EXTERNAL_APPROVAL', status: 'PENDING' }),
    ])
    const decided = await approve(approvalRequestId)
    expect(decided.status, decided.text).toBe(200)
    expect(decided.body.approvalRequest).toMatchObject({
      type: 'EXTERNAL_APPROVAL',
      status: 'APPROVED',
    })
    const externalId: string = decided.body.approvalRequest.externalApprovalId
    expect(externalApprovalRow(h, externalId)?.status).toBe('APPROVED')
    const again = await h.call('POST', '/api/sdk/payments/approve', { key: agent.key, body })
    expect(again.status, again.text).toBe(200)
    expect(again.body).toMatchObject({
      approved: true,
      approvalId: externalId,
      approvalToken: expect.stringMatching(/^[0-9a-f]{64}$/i),
    })
  })

  test('error: EXPIRED after the request expired; it and its payment are marked EXPIRED', async () => {
    const flow = await requestNeedingApproval(h)
    const timeout = approvalRow(h, flow.approvalRequestId)?.expiresAt as number
    h.clock.freeze(timeout)
    const res = await approve(flow.approvalRequestId)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('EXPIRED')
    expect(approvalRow(h, flow.approvalRequestId)?.status).toBe('EXPIRED')
    expect(paymentRow(h, flow.requestId)?.status).toBe('EXPIRED')
    const again = await approve(flow.approvalRequestId)
    expect(again.body.code).toBe('EXPIRED')
    const status = await h.call('GET', `/api/sdk/payments/${flow.requestId}`, { key: flow.key })
    expect(status.body.status).toBe('EXPIRED')
  })

  test('error: INVALID_STATUS once decided', async () => {
    const approved = insertApprovalRequest(h, { agentId })
    expect((await approve(approved.approvalRequestId)).status).toBe(200)
    const twice = await approve(approved.approvalRequestId, { key: orgKey().key })
    expect(twice.status).toBe(400)
    expect(twice.body).toMatchObject({ code: 'INVALID_STATUS', currentStatus: 'APPROVED' })
    const rejected = insertApprovalRequest(h, { agentId })
    await reject(rejected.approvalRequestId)
    expect((await approve(rejected.approvalRequestId)).body.code).toBe('INVALID_STATUS')
  })

  test('error: INVALID_STATUS when the agent is no longer ACTIVE; nothing changes', async () => {
    const { approvalRequestId, paymentRequestId } = insertApprovalRequest(h, { agentId })
    h.db.update(agents).set({ status: 'SUSPENDED' }).where(eq(agents.id, agentId)).run()
    const res = await approve(approvalRequestId)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'INVALID_STATUS', agentStatus: 'SUSPENDED' })
    expect(approvalRow(h, approvalRequestId)?.status).toBe('PENDING')
    expect(approvalRow(h, approvalRequestId)?.approvals).toEqual([])
    expect(paymentRow(h, paymentRequestId as string)?.status).toBe('REQUIRES_APPROVAL')
  })

  test('error: INVALID_STATUS when the payment stopped waiting', async () => {
    const flow = await requestNeedingApproval(h)
    h.db
      .update(paymentRequests)
      .set({ status: 'DENIED' })
      .where(eq(paymentRequests.id, flow.requestId))
      .run()
    const res = await approve(flow.approvalRequestId)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'INVALID_STATUS', currentStatus: 'DENIED' })
  })

  test('error: FORBIDDEN when the workflow names other approvers', async () => {
    const workflowId = await createWorkflow({ specificApprovers: ['user_alice'] })
    const { approvalRequestId } = insertApprovalRequest(h, { agentId, workflowId })
    const res = await approve(approvalRequestId)
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('FORBIDDEN')
  })

  test('behavior: a named approver (by user id of the key issuer) may approve', async () => {
    const workflowId = await createWorkflow({ specificApprovers: [h.owner.userId] })
    const { approvalRequestId } = insertApprovalRequest(h, { agentId, workflowId })
    const res = await approve(approvalRequestId, { key: orgKey('ADMIN', h.owner.id).key })
    expect(res.status, res.text).toBe(200)
    expect(res.body.approvalRequest.approvals[0].approverId).toBe(h.owner.userId)
  })

  test('error: FORBIDDEN out of order when approval is sequential', async () => {
    const workflowId = await createWorkflow({
      specificApprovers: ['user_first', h.owner.userId],
      sequentialApproval: true,
      requiredApprovals: 2,
    })
    const { approvalRequestId } = insertApprovalRequest(h, {
      agentId,
      workflowId,
      requiredApprovals: 2,
    })
    const res = await approve(approvalRequestId, { key: orgKey('ADMIN', h.owner.id).key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('FORBIDDEN')
  })

  test("error: FORBIDDEN when the issuing member's role is not an approver role", async () => {
    const workflowId = await createWorkflow({ approverRoles: ['ADMIN'] })
    const { approvalRequestId } = insertApprovalRequest(h, { agentId, workflowId })
    const res = await approve(approvalRequestId, { key: orgKey('ADMIN', h.owner.id).key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('FORBIDDEN')
  })

  test('error: VALIDATION_ERROR for a bad body', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    for (const body of [{ reason: 'x'.repeat(501) }, { reason: 5 }]) {
      const res = await approve(approvalRequestId, { body })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues[0].path).toEqual(['reason'])
    }
  })

  test('error: NOT_FOUND for unknown and foreign ids', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const other = h.createOtherOrganization()
    const foreign = await approve(approvalRequestId, { key: other.key })
    expect(foreign.status).toBe(404)
    expect(approvalRow(h, approvalRequestId)?.status).toBe('PENDING')
    expect((await approve(UNKNOWN_ID)).status).toBe(404)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const res = await approve(approvalRequestId, { key: orgKey('READ_ONLY').key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('approvalRequests.reject', () => {
  test('default', async () => {
    const flow = await requestNeedingApproval(h)
    const webhookId = subscribeWebhook(h)
    h.clock.freeze(START + MINUTE)
    const res = await reject(flow.approvalRequestId, { body: { reason: 'Too expensive' } })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      approvalRequest: expect.objectContaining({
        status: 'REJECTED',
        reason: 'Too expensive',
        decidedAt: '2026-04-08T12:01:00.000Z',
        approvals: [expect.objectContaining({ decision: 'REJECTED', reason: 'Too expensive' })],
      }),
      paymentRequest: { requestId: flow.requestId, status: 'DENIED', expiresAt: null },
    })
    const status = await h.call('GET', `/api/sdk/payments/${flow.requestId}`, { key: flow.key })
    expect(status.body).toMatchObject({
      status: 'DENIED',
      reasons: ['Rejected by a human approver: Too expensive'],
    })
    expect(eventsOf(h, webhookId).map((e) => e.event)).toEqual([
      'approval.decided',
      'payment.denied',
    ])
    expect(auditOf(flow.approvalRequestId).map((e) => e.action)).toContain('REJECT')
    const execute = await h.call('POST', `/api/sdk/payments/${flow.requestId}/execute`, {
      key: flow.key,
    })
    expect(execute.body.code).toBe('INVALID_STATUS')
  })

  test('behavior: one rejection ends a request that already has approvals', async () => {
    const { approvalRequestId, paymentRequestId } = insertApprovalRequest(h, {
      agentId,
      requiredApprovals: 2,
    })
    await approve(approvalRequestId)
    const res = await reject(approvalRequestId, { key: orgKey().key })
    expect(res.body.approvalRequest.status).toBe('REJECTED')
    expect(res.body.approvalRequest.approvals.map((v: { decision: string }) => v.decision)).toEqual(
      ['APPROVED', 'REJECTED'],
    )
    expect(paymentRow(h, paymentRequestId as string)?.status).toBe('DENIED')
  })

  test('behavior: an external-wallet approval becomes DENIED', async () => {
    const externalId = insertExternalApproval(h, agentId)
    const { approvalRequestId } = insertApprovalRequest(h, {
      agentId,
      type: 'EXTERNAL_APPROVAL',
      withPayment: false,
      externalApprovalId: externalId,
    })
    expect((await reject(approvalRequestId)).status).toBe(200)
    expect(externalApprovalRow(h, externalId)?.status).toBe('DENIED')
  })

  test('error: EXPIRED after the request expired', async () => {
    const { approvalRequestId, paymentRequestId } = insertApprovalRequest(h, {
      agentId,
      expiresAt: START + HOUR,
    })
    h.clock.freeze(START + 2 * HOUR)
    const res = await reject(approvalRequestId)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('EXPIRED')
    expect(paymentRow(h, paymentRequestId as string)?.status).toBe('EXPIRED')
  })

  test('error: INVALID_STATUS once decided', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    await reject(approvalRequestId)
    const res = await reject(approvalRequestId, { key: orgKey().key })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('INVALID_STATUS')
  })

  test('error: VALIDATION_ERROR for a bad body', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const res = await reject(approvalRequestId, { body: { reason: 'x'.repeat(501) } })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: NOT_FOUND for unknown and foreign ids', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const other = h.createOtherOrganization()
    expect((await reject(approvalRequestId, { key: other.key })).status).toBe(404)
    expect((await reject(UNKNOWN_ID)).status).toBe(404)
    expect(approvalRow(h, approvalRequestId)?.status).toBe('PENDING')
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY key', async () => {
    const { approvalRequestId } = insertApprovalRequest(h, { agentId })
    const res = await reject(approvalRequestId, { key: orgKey('READ_ONLY').key })
    expect(res.status).toBe(403)
  })
})
