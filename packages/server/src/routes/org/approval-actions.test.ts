import { createHash, randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import {
  approvalRow,
  HOUR,
  paymentRow,
  requestNeedingApproval,
  reservationRow,
} from '../../../test/approval-fixtures.js'
import {
  channelBodies,
  createChannel,
  envelopeOf,
  messagesOf,
  tokensOf,
} from '../../../test/channel-fixtures.js'
import { createHarness, type Harness } from '../../../test/harness.js'
import { auditLogs, transactions } from '../../db/schema.js'
import { REDACTED_TOKEN } from '../../services/channel-outbox.js'

let h: Harness

beforeEach(() => {
  h = createHarness()
})

const action = (body: unknown, headers: Record<string, string> = {}) =>
  h.call('POST', '/api/approvals/action', { key: null, body, headers })

function expectError(
  res: { status: number; body: { code?: string } },
  status: number,
  code: string,
) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code })
}

/** A Slack channel, then a payment of 75 that needs a human: its channel message and tokens. */
async function flowWithChannel(
  input: Parameters<typeof requestNeedingApproval>[1] = {},
  channelBody: Record<string, unknown> = channelBodies.SLACK,
) {
  const channel = await createChannel(h, channelBody)
  const flow = await requestNeedingApproval(h, input)
  const envelope = envelopeOf(h, channel.id)
  const actions = envelope.actions
  if (!actions) throw new Error('the approval.requested message carries no actions')
  return {
    ...flow,
    channelId: channel.id as string,
    envelope,
    approveToken: actions.approve.token,
    rejectToken: actions.reject.token,
  }
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

describe('channel outbox', () => {
  test('default: a REQUIRES_APPROVAL payment gives each subscribed channel a message with tokens', async () => {
    const flow = await flowWithChannel()
    const [message] = messagesOf(h, flow.channelId)
    expect(message).toMatchObject({
      organizationId: h.organization.id,
      event: 'approval.requested',
      status: 'PENDING',
      attempts: 0,
      lastError: null,
      sentAt: null,
    })
    const approvalRequest = approvalRow(h, flow.approvalRequestId)
    expect(flow.envelope).toEqual({
      id: expect.stringMatching(/^evt_/),
      event: 'approval.requested',
      timestamp: '2026-04-08T12:00:00.000Z',
      channelId: flow.channelId,
      data: expect.objectContaining({
        approvalRequestId: flow.approvalRequestId,
        paymentRequestId: flow.requestId,
        amount: 75,
      }),
      actions: {
        url: '/api/approvals/action',
        method: 'POST',
        expiresAt: new Date(approvalRequest?.expiresAt ?? 0).toISOString(),
        approve: { token: expect.stringMatching(/^[0-9a-f]{64}$/), decision: 'APPROVED' },
        reject: { token: expect.stringMatching(/^[0-9a-f]{64}$/), decision: 'REJECTED' },
      },
    })
    expect(flow.approveToken).not.toBe(flow.rejectToken)
  })

  test('behavior: only SHA-256 hashes of the tokens are stored, bound to request, channel and decision', async () => {
    const flow = await flowWithChannel()
    const tokens = tokensOf(h, flow.channelId)
    const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
    const approvalRequest = approvalRow(h, flow.approvalRequestId)
    expect(tokens.map((row) => [row.decision, row.tokenHash]).sort()).toEqual(
      [
        ['APPROVED', sha256(flow.approveToken)],
        ['REJECTED', sha256(flow.rejectToken)],
      ].sort(),
    )
    for (const row of tokens) {
      expect(row).toMatchObject({
        approvalRequestId: flow.approvalRequestId,
        channelId: flow.channelId,
        messageId: messagesOf(h, flow.channelId)[0]?.id,
        expiresAt: approvalRequest?.expiresAt,
        usedAt: null,
      })
      expect(JSON.stringify(row)).not.toContain(flow.approveToken)
      expect(JSON.stringify(row)).not.toContain(flow.rejectToken)
    }
  })

  test('behavior: every active subscribed channel gets its own tokens; others get nothing', async () => {
    const second = await createChannel(h, channelBodies.TELEGRAM)
    const inactive = await createChannel(h, { ...channelBodies.EMAIL, isActive: false })
    const decidedOnly = await createChannel(h, {
      ...channelBodies.WHATSAPP,
      events: ['approval.decided'],
    })
    const flow = await flowWithChannel()
    expect(messagesOf(h, second.id)).toHaveLength(1)
    expect(envelopeOf(h, second.id).actions?.approve.token).not.toBe(flow.approveToken)
    expect(messagesOf(h, inactive.id)).toHaveLength(0)
    expect(messagesOf(h, decidedOnly.id)).toHaveLength(0)
  })

  test('behavior: a dry run or a payment approved outright writes no channel message', async () => {
    const channel = await createChannel(h, channelBodies.SLACK)
    const flow = await requestNeedingApproval(h)
    const small = await h.call('POST', '/api/sdk/payments/request', {
      key: flow.key,
      body: { amount: 5, recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1' },
    })
    expect(small.body.status).toBe('APPROVED')
    const dryRun = await h.call('POST', '/api/sdk/payments/request', {
      key: flow.key,
      body: {
        amount: 80,
        recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
        dryRun: true,
      },
    })
    expect(dryRun.body.status).toBe('REQUIRES_APPROVAL')
    expect(messagesOf(h, channel.id).map((row) => row.event)).toEqual(['approval.requested'])
  })

  test('behavior: payment.executed reaches WEBHOOK channels subscribed to it', async () => {
    const hook = await createChannel(h, {
      ...channelBodies.WEBHOOK,
      config: { url: 'https://127.0.0.1:9/hook' },
      events: ['payment.executed'],
    })
    const slack = await createChannel(h, channelBodies.SLACK)
    const flow = await requestNeedingApproval(h, { autoExecute: true })
    const approved = await h.call(
      'POST',
      `/api/approval-requests/${flow.approvalRequestId}/approve`,
      {
        body: {},
      },
    )
    expect(approved.body.paymentRequest.status, approved.text).toBe('EXECUTED')
    expect(messagesOf(h, hook.id).map((row) => row.event)).toEqual(['payment.executed'])
    expect(envelopeOf(h, hook.id, 'payment.executed').data).toMatchObject({
      requestId: flow.requestId,
    })
    expect(messagesOf(h, slack.id).map((row) => row.event)).toEqual([
      'approval.requested',
      'approval.decided',
    ])
  })
})

describe('approvals.action', () => {
  test('default: an approve token approves the payment, with no API key', async () => {
    const flow = await flowWithChannel()
    const res = await action({ token: flow.approveToken, decision: 'APPROVED', reason: 'Fine' })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ approvalRequestId: flow.approvalRequestId, status: 'APPROVED' })
    expect(approvalRow(h, flow.approvalRequestId)).toMatchObject({
      status: 'APPROVED',
      decidedBy: `channel:${flow.channelId}`,
      reason: 'Fine',
    })
    const payment = paymentRow(h, flow.requestId)
    expect(payment).toMatchObject({ status: 'APPROVED', expiresAt: h.clock.now() + 5 * 60_000 })
    expect(reservationRow(h, flow.requestId)).toMatchObject({ releasedAt: null })
    // Both tokens of the message are spent.
    expect(tokensOf(h, flow.channelId).map((row) => row.usedAt)).toEqual([
      h.clock.now(),
      h.clock.now(),
    ])
  })

  test('behavior: the vote is audited as the channel, through the shared decision path', async () => {
    const flow = await flowWithChannel()
    await action({ token: flow.approveToken, decision: 'APPROVED' })
    const approve = auditOf(flow.approvalRequestId).find((entry) => entry.action === 'APPROVE')
    expect(approve).toMatchObject({
      resource: 'approval_request',
      actorType: 'API',
      actorId: `channel:${flow.channelId}`,
      metadata: expect.objectContaining({
        via: 'notification_channel',
        channelId: flow.channelId,
        channelType: 'SLACK',
        decided: true,
      }),
    })
    const payment = auditOf(flow.requestId).find((entry) => entry.action === 'APPROVE')
    expect(payment).toMatchObject({ actorId: `channel:${flow.channelId}` })
    const detail = await h.call('GET', `/api/approval-requests/${flow.approvalRequestId}`)
    expect(detail.body.approvals).toEqual([
      expect.objectContaining({ approverId: `channel:${flow.channelId}`, decision: 'APPROVED' }),
    ])
  })

  test('behavior: the decision is announced to the channels (approval.decided, no tokens)', async () => {
    const flow = await flowWithChannel()
    await action({ token: flow.approveToken, decision: 'APPROVED' })
    const decided = envelopeOf(h, flow.channelId, 'approval.decided')
    expect(decided.data).toMatchObject({
      approvalRequestId: flow.approvalRequestId,
      status: 'APPROVED',
      decidedBy: `channel:${flow.channelId}`,
    })
    expect(decided.actions).toBeUndefined()
  })

  test('behavior: a payment that asked for autoExecute is executed on approval', async () => {
    const flow = await flowWithChannel({ autoExecute: true })
    const res = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expect(res.body).toEqual({ approvalRequestId: flow.approvalRequestId, status: 'APPROVED' })
    expect(paymentRow(h, flow.requestId)?.status).toBe('EXECUTED')
    const rows = h.db
      .select()
      .from(transactions)
      .where(eq(transactions.agentId, flow.agentId))
      .all()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ paymentRequestId: flow.requestId, status: 'COMPLETED' })
  })

  test('behavior: a reject token rejects; the payment is DENIED and its hold released', async () => {
    const flow = await flowWithChannel()
    const res = await action({ token: flow.rejectToken, decision: 'REJECTED', reason: 'No' })
    expect(res.body).toEqual({ approvalRequestId: flow.approvalRequestId, status: 'REJECTED' })
    expect(paymentRow(h, flow.requestId)?.status).toBe('DENIED')
    expect(approvalRow(h, flow.approvalRequestId)?.reason).toBe('No')
  })

  test('behavior: approvals accumulate to requiredApprovals across channels and org keys', async () => {
    const other = await createChannel(h, channelBodies.TELEGRAM)
    const flow = await flowWithChannel({
      workflow: {
        name: 'Two approvals',
        triggerConditions: { amountThreshold: 60 },
        requiredApprovals: 2,
      },
    })
    const first = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expect(first.body).toEqual({ approvalRequestId: flow.approvalRequestId, status: 'PENDING' })
    expect(paymentRow(h, flow.requestId)?.status).toBe('REQUIRES_APPROVAL')
    const otherToken = envelopeOf(h, other.id).actions?.approve.token
    const second = await action({ token: otherToken, decision: 'APPROVED' })
    expect(second.body).toEqual({ approvalRequestId: flow.approvalRequestId, status: 'APPROVED' })
    expect(paymentRow(h, flow.requestId)?.status).toBe('APPROVED')
  })

  test('behavior: upper-case hex is the same token', async () => {
    const flow = await flowWithChannel()
    const res = await action({ token: flow.approveToken.toUpperCase(), decision: 'APPROVED' })
    expect(res.status, res.text).toBe(200)
  })

  test('behavior: a finished message keeps no usable token', async () => {
    const flow = await flowWithChannel()
    const { createChannelWorker } = await import('../../services/channel-delivery.js')
    await createChannelWorker(h.app.deps).drain()
    expect(messagesOf(h, flow.channelId)[0]?.status).toBe('SIMULATED')
    const stored = envelopeOf(h, flow.channelId)
    expect(stored.actions?.approve.token).toBe(REDACTED_TOKEN)
    expect(JSON.stringify(messagesOf(h, flow.channelId))).not.toContain(flow.approveToken)
    // The token itself still works: it was delivered before it was redacted.
    expect((await action({ token: flow.approveToken, decision: 'APPROVED' })).status).toBe(200)
  })

  test('error: INVALID_APPROVAL_TOKEN for an unknown token', async () => {
    await flowWithChannel()
    const res = await action({ token: randomBytes(32).toString('hex'), decision: 'APPROVED' })
    expectError(res, 400, 'INVALID_APPROVAL_TOKEN')
    expect(res.body.requestId).toBe(res.headers.get('request-id'))
  })

  test('error: INVALID_APPROVAL_TOKEN for a token used before', async () => {
    const flow = await flowWithChannel({
      workflow: {
        name: 'Two approvals',
        triggerConditions: { amountThreshold: 60 },
        requiredApprovals: 2,
      },
    })
    expect((await action({ token: flow.approveToken, decision: 'APPROVED' })).status).toBe(200)
    const again = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expectError(again, 400, 'INVALID_APPROVAL_TOKEN')
    expect(approvalRow(h, flow.approvalRequestId)?.approvals).toHaveLength(1)
  })

  test('error: INVALID_APPROVAL_TOKEN for the sibling of a used token', async () => {
    const flow = await flowWithChannel({
      workflow: {
        name: 'Two approvals',
        triggerConditions: { amountThreshold: 60 },
        requiredApprovals: 2,
      },
    })
    expect((await action({ token: flow.approveToken, decision: 'APPROVED' })).status).toBe(200)
    const sibling = await action({ token: flow.rejectToken, decision: 'REJECTED' })
    expectError(sibling, 400, 'INVALID_APPROVAL_TOKEN')
    expect(approvalRow(h, flow.approvalRequestId)?.status).toBe('PENDING')
  })

  test('error: INVALID_APPROVAL_TOKEN once the channel is disabled or deleted', async () => {
    const flow = await flowWithChannel()
    await h.call('PATCH', `/api/channels/${flow.channelId}`, { body: { isActive: false } })
    expectError(
      await action({ token: flow.approveToken, decision: 'APPROVED' }),
      400,
      'INVALID_APPROVAL_TOKEN',
    )
    await h.call('DELETE', `/api/channels/${flow.channelId}`)
    expectError(
      await action({ token: flow.approveToken, decision: 'APPROVED' }),
      400,
      'INVALID_APPROVAL_TOKEN',
    )
    expect(approvalRow(h, flow.approvalRequestId)?.status).toBe('PENDING')
  })

  test('error: two concurrent uses of one token count once', async () => {
    const flow = await flowWithChannel({ autoExecute: true })
    const results = await Promise.all([
      action({ token: flow.approveToken, decision: 'APPROVED' }),
      action({ token: flow.approveToken, decision: 'APPROVED' }),
    ])
    expect(results.map((res) => res.status).sort()).toEqual([200, 400])
    expect(results.find((res) => res.status === 400)?.body.code).toBe('INVALID_APPROVAL_TOKEN')
    const rows = h.db
      .select()
      .from(transactions)
      .where(eq(transactions.agentId, flow.agentId))
      .all()
    expect(rows).toHaveLength(1)
  })

  test('error: FORBIDDEN for a reject token used to approve (the token stays usable)', async () => {
    const flow = await flowWithChannel()
    const res = await action({ token: flow.rejectToken, decision: 'APPROVED' })
    expectError(res, 403, 'FORBIDDEN')
    expect(res.body).toMatchObject({
      approvalRequestId: flow.approvalRequestId,
      tokenDecision: 'REJECTED',
    })
    expect(approvalRow(h, flow.approvalRequestId)?.status).toBe('PENDING')
    expectError(await action({ token: flow.approveToken, decision: 'REJECTED' }), 403, 'FORBIDDEN')
    expect((await action({ token: flow.rejectToken, decision: 'REJECTED' })).status).toBe(200)
  })

  test('error: FORBIDDEN when the workflow names its approvers and not the channel', async () => {
    const flow = await flowWithChannel({
      workflow: {
        name: 'Named approver',
        triggerConditions: { amountThreshold: 60 },
        specificApprovers: [h.owner.id],
      },
    })
    const res = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expectError(res, 403, 'FORBIDDEN')
    expect(tokensOf(h, flow.channelId).map((row) => row.usedAt)).toEqual([null, null])
  })

  test('error: EXPIRED once the approval request expired (test clock)', async () => {
    const flow = await flowWithChannel()
    const expiresAt = approvalRow(h, flow.approvalRequestId)?.expiresAt ?? 0
    h.clock.freeze(expiresAt)
    const res = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expectError(res, 400, 'EXPIRED')
    expect(res.body.expiresAt).toBe(new Date(expiresAt).toISOString())
    expect(approvalRow(h, flow.approvalRequestId)?.status).toBe('EXPIRED')
    expect(paymentRow(h, flow.requestId)?.status).toBe('EXPIRED')
    expect(envelopeOf(h, flow.channelId, 'approval.expired').data).toMatchObject({
      approvalRequestId: flow.approvalRequestId,
    })
  })

  test('behavior: a token works until the instant before expiry', async () => {
    const flow = await flowWithChannel()
    const expiresAt = approvalRow(h, flow.approvalRequestId)?.expiresAt ?? 0
    expect(expiresAt).toBeGreaterThan(h.clock.now() + HOUR)
    h.clock.freeze(expiresAt - 1)
    const res = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expect(res.body.status, res.text).toBe('APPROVED')
  })

  test('error: INVALID_STATUS when the request was already decided through the API', async () => {
    const flow = await flowWithChannel()
    const decided = await h.call(
      'POST',
      `/api/approval-requests/${flow.approvalRequestId}/reject`,
      { body: { reason: 'Decided in the dashboard' } },
    )
    expect(decided.status).toBe(200)
    const res = await action({ token: flow.approveToken, decision: 'APPROVED' })
    expectError(res, 400, 'INVALID_STATUS')
    expect(res.body).toMatchObject({ currentStatus: 'REJECTED' })
    expect(tokensOf(h, flow.channelId).map((row) => row.usedAt)).toEqual([null, null])
  })

  test.each([
    ['token missing', { decision: 'APPROVED' }, 'VALIDATION_ERROR'],
    ['decision missing', { token: 'ab'.repeat(32) }, 'VALIDATION_ERROR'],
    ['an unknown decision', { token: 'ab'.repeat(32), decision: 'APPROVE' }, 'VALIDATION_ERROR'],
    ['a short token', { token: 'abc', decision: 'APPROVED' }, 'INVALID_APPROVAL_TOKEN'],
    ['a non-hex token', { token: 'zz'.repeat(32), decision: 'APPROVED' }, 'INVALID_APPROVAL_TOKEN'],
    [
      'a reason too long',
      { token: 'ab'.repeat(32), decision: 'APPROVED', reason: 'x'.repeat(501) },
      'VALIDATION_ERROR',
    ],
  ])('error: %s', async (_, body, code) => {
    const res = await action(body)
    expectError(res, 400, code)
    expect(res.body.issues).toEqual(expect.any(Array))
  })

  test('error: RATE_LIMITED after 10 calls in 5 minutes from one address', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await action({ token: randomBytes(32).toString('hex'), decision: 'APPROVED' })
      expect(res.status).toBe(400)
    }
    const limited = await action({ token: randomBytes(32).toString('hex'), decision: 'APPROVED' })
    expectError(limited, 429, 'RATE_LIMITED')
    expect(limited.headers.get('retry-after')).toEqual(expect.any(String))
  })
})
