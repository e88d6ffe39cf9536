import { ContoApiError, NotFoundError, ValidationError } from '@conto/admin'
import { describe, expect, test } from 'vitest'
import { failureOf, startAdminServer, UNKNOWN_ID } from './admin-fixtures.js'

/**
 * `ContoAdmin` against the real reference server: notification channels (secrets masked, test
 * sends simulated in test mode) and the channel callback `approvals.action`, whose one-time token
 * is read here from the server's channel outbox (a real channel would deliver it).
 */

const SLACK = {
  type: 'SLACK',
  name: 'Approvals',
  config: {
    botToken: 'xoxb-1111111111-2222222222222-SyntheticTokenf3Qa',
    channelId: 'C0123456789',
  },
} as const

type Server = ReturnType<typeof startAdminServer>

/** The approve and reject tokens of the latest `approval.requested` message of a channel. */
function tokensFromOutbox(server: Server, channelId: string) {
  const row = server.app.deps.db.$client
    .prepare(
      `SELECT payload FROM channel_messages WHERE channel_id = ? AND event = 'approval.requested'
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    )
    .get(channelId) as { payload: string } | undefined
  const actions = JSON.parse(row?.payload ?? '{}').actions as
    | { approve: { token: string }; reject: { token: string } }
    | undefined
  if (!actions) throw new Error(`no approval.requested message for channel ${channelId}`)
  return { approve: actions.approve.token, reject: actions.reject.token }
}

describe('channels', () => {
  test('default: create, list, retrieve, update, test, delete', async () => {
    const { admin } = startAdminServer()
    const channel = await admin.channels.create(SLACK)
    expect(channel).toMatchObject({
      type: 'SLACK',
      name: 'Approvals',
      config: { botToken: 'xoxb-…f3Qa', channelId: 'C0123456789' },
      isActive: true,
    })
    expect(JSON.stringify(channel)).not.toContain(SLACK.config.botToken)

    const email = await admin.channels.create({
      type: 'EMAIL',
      config: { recipients: ['approvals@acme.test'] },
      events: ['approval.decided'],
    })
    const slackOnly = await admin.channels.list({ type: 'SLACK' })
    expect(slackOnly.items.map((item) => item.id)).toEqual([channel.id])
    expect((await admin.channels.list()).items).toHaveLength(2)
    expect(await admin.channels.retrieve(email.id)).toMatchObject({ events: ['approval.decided'] })

    const updated = await admin.channels.update(channel.id, {
      name: 'Treasury approvals',
      events: ['approval.requested'],
    })
    expect(updated).toMatchObject({ name: 'Treasury approvals', events: ['approval.requested'] })

    await expect(admin.channels.test(channel.id)).resolves.toEqual({
      success: true,
      message: 'Simulated in test mode: nothing was sent to Slack',
    })
    expect((await admin.channels.retrieve(channel.id)).lastUsedAt).toEqual(expect.any(String))

    await expect(admin.channels.delete(email.id)).resolves.toMatchObject({ success: true })
    await expect(admin.channels.retrieve(email.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('error: VALIDATION_ERROR for a config of another channel type', async () => {
    const { admin } = startAdminServer()
    const channel = await admin.channels.create(SLACK)
    const error = await failureOf(
      admin.channels.update(channel.id, { config: { recipients: ['ops@acme.test'] } }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' })
  })

  test('error: INVALID_WEBHOOK_URL for a private address', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(
      admin.channels.create({ type: 'WEBHOOK', config: { url: 'https://10.0.0.1/hook' } }),
    )
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_WEBHOOK_URL' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.channels.retrieve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.channels.test(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('approvals', () => {
  async function pendingWithChannel() {
    const server = startAdminServer()
    const channel = await server.admin.channels.create(SLACK)
    await server.admin.approvalWorkflows.create({
      name: 'From 50',
      triggerConditions: { amountThreshold: 50 },
    })
    const payment = await server.pay(60)
    expect(payment.status).toBe('REQUIRES_APPROVAL')
    return { ...server, channel, payment, tokens: tokensFromOutbox(server, channel.id) }
  }

  test('default: a channel token approves the payment, which then executes', async () => {
    const { admin, payment, tokens, channel } = await pendingWithChannel()
    const result = await admin.approvals.action({ token: tokens.approve, decision: 'APPROVED' })
    expect(result).toEqual({ approvalRequestId: payment.approvalRequestId, status: 'APPROVED' })
    const request = await admin.approvalRequests.retrieve(payment.approvalRequestId ?? UNKNOWN_ID)
    expect(request).toMatchObject({ status: 'APPROVED', decidedBy: `channel:${channel.id}` })
    const transactions = await admin.transactions.list()
    expect(transactions.items.map((item) => item.paymentRequestId)).toContain(payment.requestId)
  })

  test('error: INVALID_APPROVAL_TOKEN for a reused or unknown token', async () => {
    const { admin, tokens } = await pendingWithChannel()
    await admin.approvals.action({ token: tokens.reject, decision: 'REJECTED' })
    for (const token of [tokens.reject, tokens.approve, 'ab'.repeat(32)]) {
      const error = await failureOf(admin.approvals.action({ token, decision: 'REJECTED' }))
      expect(error).toBeInstanceOf(ContoApiError)
      expect(error).toMatchObject({ status: 400, code: 'INVALID_APPROVAL_TOKEN' })
    }
  })

  test('error: FORBIDDEN for a token used for the other decision', async () => {
    const { admin, tokens } = await pendingWithChannel()
    const error = await failureOf(
      admin.approvals.action({ token: tokens.reject, decision: 'APPROVED' }),
    )
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })
})
