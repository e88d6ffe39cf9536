import { beforeEach, describe, expect, test } from 'vitest'
import {
  HOUR,
  insertApprovalRequest,
  requestNeedingApproval,
  VENDOR,
} from '../../../test/approval-fixtures.js'
import { createHarness, type Harness, START } from '../../../test/harness.js'

let h: Harness
let me: { agentId: string; key: string }
let peer: { agentId: string; key: string }

beforeEach(() => {
  h = createHarness()
  me = h.createAgentWithKey({ name: 'Me' })
  peer = h.createAgentWithKey({ name: 'Peer' })
})

const idsOf = (body: { requests: { approvalRequestId: string }[] }) =>
  body.requests.map((r) => r.approvalRequestId)

describe('sdkApprovalRequests.list', () => {
  test('default', async () => {
    const older = insertApprovalRequest(h, { agentId: me.agentId, createdAt: START - HOUR })
    const newer = insertApprovalRequest(h, { agentId: me.agentId })
    insertApprovalRequest(h, { agentId: peer.agentId })
    const res = await h.call('GET', '/api/sdk/approval-requests', { key: me.key })
    expect(res.status).toBe(200)
    expect(idsOf(res.body)).toEqual([newer.approvalRequestId, older.approvalRequestId])
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
    expect(res.body.requests[0]).toEqual({
      approvalRequestId: newer.approvalRequestId,
      paymentRequestId: newer.paymentRequestId,
      externalApprovalId: null,
      status: 'PENDING',
      type: 'PAYMENT',
      amount: 75,
      recipientAddress: VENDOR,
      reason: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      expiresAt: '2026-04-09T12:00:00.000Z',
      decidedAt: null,
    })
  })

  test('behavior: the approval request of a real payment request', async () => {
    const flow = await requestNeedingApproval(h)
    const res = await h.call('GET', '/api/sdk/approval-requests?type=payment&limit=100', {
      key: flow.key,
    })
    expect(res.body.requests).toEqual([
      expect.objectContaining({
        approvalRequestId: flow.approvalRequestId,
        paymentRequestId: flow.requestId,
        status: 'PENDING',
      }),
    ])
    await h.call('POST', `/api/approval-requests/${flow.approvalRequestId}/approve`, { body: {} })
    const after = await h.call('GET', '/api/sdk/approval-requests', { key: flow.key })
    expect(after.body.requests[0]).toMatchObject({
      status: 'APPROVED',
      decidedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('args: type (payment, external, all) and status', async () => {
    const payment = insertApprovalRequest(h, { agentId: me.agentId })
    const external = insertApprovalRequest(h, {
      agentId: me.agentId,
      type: 'EXTERNAL_APPROVAL',
      withPayment: false,
      status: 'REJECTED',
      createdAt: START - 1,
    })
    const list = async (query: string) =>
      idsOf((await h.call('GET', `/api/sdk/approval-requests?${query}`, { key: me.key })).body)
    expect(await list('type=payment')).toEqual([payment.approvalRequestId])
    expect(await list('type=external')).toEqual([external.approvalRequestId])
    expect(await list('type=all')).toEqual([payment.approvalRequestId, external.approvalRequestId])
    expect(await list('status=REJECTED')).toEqual([external.approvalRequestId])
    expect(await list('limit=1&offset=1')).toEqual([external.approvalRequestId])
  })

  test('behavior: overdue requests read as EXPIRED', async () => {
    insertApprovalRequest(h, { agentId: me.agentId, expiresAt: START + HOUR })
    h.clock.freeze(START + HOUR)
    const res = await h.call('GET', '/api/sdk/approval-requests', { key: me.key })
    expect(res.body.requests[0]).toMatchObject({ status: 'EXPIRED', reason: expect.any(String) })
  })

  test("behavior: never shows another agent's or organization's requests", async () => {
    insertApprovalRequest(h, { agentId: peer.agentId })
    const other = h.createOtherOrganization()
    const foreign = h.createAgentWithKey({ organizationId: other.organization.id })
    insertApprovalRequest(h, { agentId: foreign.agentId, organizationId: other.organization.id })
    const res = await h.call('GET', '/api/sdk/approval-requests', { key: me.key })
    expect(res.body.requests).toEqual([])
    expect(res.body.pagination.total).toBe(0)
  })

  test('error: VALIDATION_ERROR for bad filters', async () => {
    for (const query of ['type=PAYMENT', 'type=loans', 'status=pending', 'limit=0']) {
      const res = await h.call('GET', `/api/sdk/approval-requests?${query}`, { key: me.key })
      expect(res.status, query).toBe(400)
      expect(res.body.code).toBe('VALIDATION_ERROR')
      expect(res.body.issues.length).toBeGreaterThan(0)
    }
  })

  test('error: INSUFFICIENT_SCOPE without payments:request', async () => {
    const agent = h.createAgentWithKey({ scopes: ['transactions:read'] })
    const res = await h.call('GET', '/api/sdk/approval-requests', { key: agent.key })
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: INSUFFICIENT_SCOPE for an org key', async () => {
    const res = await h.call('GET', '/api/sdk/approval-requests')
    expect(res.status).toBe(403)
  })
})
