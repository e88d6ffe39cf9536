import { describe, expect, test } from 'vitest'
import { wireErrorCodeOf } from './errors.js'
import {
  agentFreezeWebhookDataSchema,
  createWebhookParamsSchema,
  createWebhookResponseSchema,
  listWebhookDeliveriesQuerySchema,
  listWebhookDeliveriesResponseSchema,
  listWebhooksResponseSchema,
  paymentConfirmedWebhookDataSchema,
  paymentRequestCreatedWebhookDataSchema,
  paymentWebhookDataSchema,
  rotateWebhookSecretResponseSchema,
  testWebhookResponseSchema,
  updateWebhookParamsSchema,
  WEBHOOK_SECRET_PATTERN,
  WEBHOOK_SECRET_PREFIX,
  webhookDeliverySchema,
  webhookEventDataSchemas,
  webhookEventSchema,
  webhookEventTypes,
  webhookHeaders,
  webhookSchema,
} from './webhook.js'

const webhook = {
  id: 'wh_cmm59z8fj000l49h7bjqza11p',
  url: 'https://example.com/conto/webhooks',
  events: ['payment.confirmed', 'agent.frozen'],
  isActive: true,
  description: 'Ledger sync',
  createdAt: '2026-04-07T12:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}
const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`

const delivery = {
  id: 'dlv_1',
  webhookId: webhook.id,
  eventId: 'evt_1',
  event: 'payment.confirmed',
  attempt: 1,
  status: 'SUCCEEDED',
  responseStatus: 200,
  responseBody: 'ok',
  error: null,
  durationMs: 42,
  nextAttemptAt: null,
  createdAt: '2026-04-07T12:00:00.000Z',
  deliveredAt: '2026-04-07T12:00:00.042Z',
}

const pagination = { total: 1, limit: 50, offset: 0, hasMore: false }

describe('webhookEventTypes', () => {
  test('default: the union of the new, old and approval lists (§4.15)', () => {
    expect(webhookEventTypes).toHaveLength(23)
    expect(new Set(webhookEventTypes).size).toBe(webhookEventTypes.length)
    for (const event of [
      'payment.requested',
      'payment_request.created',
      'service_payment.failed',
      'agent.unfrozen',
      'wallet.low_balance',
      'policy.violated',
      'approval.escalated',
    ])
      expect(webhookEventTypes).toContain(event)
  })
})

describe('webhookHeaders', () => {
  test('default: header names of the contract', () => {
    expect(webhookHeaders).toEqual({
      event: 'X-Conto-Event',
      timestamp: 'X-Conto-Timestamp',
      signature: 'X-Conto-Signature',
      attempt: 'X-Conto-Delivery-Attempt',
      deliveryId: 'X-Conto-Delivery-Id',
      standardId: 'webhook-id',
      standardTimestamp: 'webhook-timestamp',
      standardSignature: 'webhook-signature',
    })
    expect(WEBHOOK_SECRET_PREFIX).toBe('whsec_')
  })
})

describe('createWebhookParamsSchema', () => {
  test('default: events omitted (= all), isActive true', () => {
    expect(createWebhookParamsSchema.parse({ url: webhook.url })).toEqual({
      url: webhook.url,
      isActive: true,
    })
  })

  test('args: events is a subset of webhookEventTypes; empty means every event', () => {
    expect(
      createWebhookParamsSchema.parse({ url: webhook.url, events: ['payment.confirmed'] }).events,
    ).toEqual(['payment.confirmed'])
    expect(
      createWebhookParamsSchema.safeParse({ url: webhook.url, events: [...webhookEventTypes] })
        .success,
    ).toBe(true)
    // What the API shows for "every event" is accepted back.
    expect(createWebhookParamsSchema.parse({ url: webhook.url, events: [] }).events).toEqual([])
    expect(
      createWebhookParamsSchema.safeParse({ url: webhook.url, events: ['nope'] }).success,
    ).toBe(false)
  })

  test('error: an unknown event lists the allowed ones', () => {
    const result = createWebhookParamsSchema.safeParse({
      url: webhook.url,
      events: ['payment.confirmed', 'payment.refunded'],
    })
    expect(result.success).toBe(false)
    const issue = result.error?.issues[0]
    expect(issue?.path).toEqual(['events', 1])
    expect(issue?.message).toContain('Invalid event "payment.refunded"')
    expect(issue?.message).toContain('payment.confirmed')
    expect(issue?.message).toContain('approval.expired')
  })

  test('args: url is an absolute http(s) URL (the mode check is the server’s)', () => {
    expect(createWebhookParamsSchema.safeParse({ url: 'http://127.0.0.1:4000/hook' }).success).toBe(
      true,
    )
    for (const url of ['ftp://example.com/hook', 'example.com/hook', '/hook', '']) {
      const result = createWebhookParamsSchema.safeParse({ url })
      expect(result.success, url).toBe(false)
      expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_WEBHOOK_URL')
    }
    expect(
      createWebhookParamsSchema.safeParse({ url: `https://e.com/${'a'.repeat(2100)}` }).success,
    ).toBe(false)
    expect(createWebhookParamsSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'url is required',
    )
  })

  test('args: description is at most 500 characters', () => {
    const base = { url: webhook.url }
    expect(
      createWebhookParamsSchema.safeParse({ ...base, description: 'd'.repeat(500) }).success,
    ).toBe(true)
    expect(
      createWebhookParamsSchema.safeParse({ ...base, description: 'd'.repeat(501) }).success,
    ).toBe(false)
  })
})

describe('updateWebhookParamsSchema', () => {
  test('default: every field optional, no defaults applied', () => {
    expect(updateWebhookParamsSchema.parse({})).toEqual({})
    expect(updateWebhookParamsSchema.parse({ isActive: false, description: null })).toEqual({
      isActive: false,
      description: null,
    })
  })

  test('error: unknown events and bad urls are rejected; empty events means every event', () => {
    expect(updateWebhookParamsSchema.parse({ events: [] }).events).toEqual([])
    expect(updateWebhookParamsSchema.safeParse({ events: ['nope'] }).success).toBe(false)
    expect(updateWebhookParamsSchema.safeParse({ url: 'not a url' }).success).toBe(false)
  })
})

describe('webhookSchema', () => {
  test('default: parses a webhook, with and without lastDeliveryAt', () => {
    expect(webhookSchema.parse(webhook)).toEqual(webhook)
    const withDelivery = { ...webhook, lastDeliveryAt: '2026-04-07T13:00:00.000Z' }
    expect(webhookSchema.parse(withDelivery)).toEqual(withDelivery)
  })

  test('behavior: events added later still parse', () => {
    expect(webhookSchema.safeParse({ ...webhook, events: ['payment.refunded'] }).success).toBe(true)
  })

  test('behavior: list envelope', () => {
    expect(listWebhooksResponseSchema.parse({ webhooks: [webhook], pagination })).toEqual({
      webhooks: [webhook],
      pagination,
    })
  })
})

describe('createWebhookResponseSchema', () => {
  test('default: the webhook plus its whsec_ secret', () => {
    expect(createWebhookResponseSchema.parse({ ...webhook, secret }).secret).toBe(secret)
    expect(WEBHOOK_SECRET_PATTERN.test(secret)).toBe(true)
  })

  test('error: a secret that is not whsec_ + base64(32 bytes)', () => {
    for (const bad of ['whsec_abc', 'sk_123', `whsec_${'a'.repeat(64)}`])
      expect(createWebhookResponseSchema.safeParse({ ...webhook, secret: bad }).success).toBe(false)
  })

  test('behavior: rotate-secret response', () => {
    expect(rotateWebhookSecretResponseSchema.parse({ webhook, secret })).toEqual({
      webhook,
      secret,
    })
  })
})

describe('webhookDeliverySchema', () => {
  test('default: a succeeded delivery', () => {
    expect(webhookDeliverySchema.parse(delivery)).toEqual(delivery)
    expect(testWebhookResponseSchema.parse({ delivery })).toEqual({ delivery })
  })

  test('args: a failed attempt with no response and a pending retry', () => {
    const failed = {
      ...delivery,
      status: 'FAILED',
      responseStatus: null,
      responseBody: null,
      error: 'timeout after 10000 ms',
      durationMs: 10000,
      nextAttemptAt: '2026-04-07T12:00:11.000Z',
      deliveredAt: null,
    }
    expect(webhookDeliverySchema.parse(failed)).toEqual(failed)
  })

  test('error: attempt is 1..3', () => {
    expect(webhookDeliverySchema.safeParse({ ...delivery, attempt: 3 }).success).toBe(true)
    expect(webhookDeliverySchema.safeParse({ ...delivery, attempt: 0 }).success).toBe(false)
    expect(webhookDeliverySchema.safeParse({ ...delivery, attempt: 4 }).success).toBe(false)
  })

  test('behavior: deliveries list query and envelope', () => {
    expect(listWebhookDeliveriesQuerySchema.parse({ status: 'FAILED', limit: '10' })).toEqual({
      status: 'FAILED',
      limit: 10,
      offset: 0,
    })
    expect(
      listWebhookDeliveriesQuerySchema.safeParse({ status: 'DONE' }).error?.issues[0]?.message,
    ).toContain('PENDING, SUCCEEDED, FAILED')
    expect(
      listWebhookDeliveriesResponseSchema.parse({ deliveries: [delivery], pagination }).deliveries,
    ).toHaveLength(1)
  })
})

describe('webhookEventSchema', () => {
  // The §6.1 envelope `{ event, timestamp, data }` with the documented `payment.confirmed` data,
  // plus the `id` the contract adds (§5 Webhooks).
  const confirmed = {
    id: 'evt_cmm59z8fj000l49h7bjqza11p',
    event: 'payment.confirmed',
    timestamp: '2026-04-07T12:00:00.000Z',
    data: {
      paymentId: 'cmm5a0b1c000m49h7abcd1234',
      amount: 50,
      transactionHash: '0x5e1d3a76fbf824220eafc8c79ad578ad2b67d01b0c2425eb1f1347e8f50882ab',
      transactionId: 'tx_cmm5a0b1c000n49h7abcd5678',
      organizationId: 'org_cmm59z8fj000a49h7bjqza11p',
      agentId: 'cmm59z8fj000l49h7bjqza11p',
    },
  }

  test('default: parses the §6.1 payment.confirmed example', () => {
    const parsed = webhookEventSchema.parse(confirmed)
    expect(parsed).toEqual(confirmed)
    expect(paymentConfirmedWebhookDataSchema.parse(parsed.data)).toEqual(confirmed.data)
    expect(webhookEventDataSchemas['payment.confirmed'].parse(parsed.data)).toEqual(confirmed.data)
  })

  test('default: parses a payment_request.created example (§6.1)', () => {
    const data = {
      paymentRequestId: 'a2a_req_cmm5a0b1c000m49h7',
      requestingAgentId: 'cmm59z8fj000l49h7bjqza11p',
      requestingAgentName: 'Research Agent',
      amount: 12.5,
      currency: 'USDC',
      purpose: 'Dataset purchase',
      invoiceId: 'INV-2026-0042',
      approveUrl: 'https://conto.finance/api/sdk/a2a/requests/a2a_req_cmm5a0b1c000m49h7/approve',
      rejectUrl: 'https://conto.finance/api/sdk/a2a/requests/a2a_req_cmm5a0b1c000m49h7/reject',
    }
    const event = webhookEventSchema.parse({
      id: 'evt_2',
      event: 'payment_request.created',
      timestamp: '2026-04-07T12:00:00.000Z',
      data,
    })
    expect(paymentRequestCreatedWebhookDataSchema.parse(event.data)).toEqual(data)
  })

  test('args: payment lifecycle and freeze data', () => {
    const denied = {
      requestId: 'req_1',
      agentId: 'agent_1',
      amount: 300,
      currency: 'USDC',
      recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
      status: 'DENIED',
      reasons: ['Would exceed daily limit: $250 remaining'],
      violations: [
        { type: 'DAILY_LIMIT', limit: 1000, current: 750, message: 'Daily limit exceeded' },
      ],
    }
    expect(paymentWebhookDataSchema.parse(denied)).toEqual(denied)
    const frozen = {
      agentId: 'agent_1',
      reason: '5 consecutive violations',
      trigger: 'CONSECUTIVE_VIOLATIONS',
    }
    expect(agentFreezeWebhookDataSchema.parse(frozen)).toEqual(frozen)
    expect(
      agentFreezeWebhookDataSchema.parse({ agentId: 'agent_1', reason: null, trigger: 'MANUAL' })
        .trigger,
    ).toBe('MANUAL')
  })

  test('behavior: the test event and events added later parse', () => {
    const base = { id: 'evt_3', timestamp: confirmed.timestamp, data: {} }
    expect(webhookEventSchema.safeParse({ ...base, event: 'webhook.test' }).success).toBe(true)
    expect(webhookEventSchema.safeParse({ ...base, event: 'payment.refunded' }).success).toBe(true)
  })

  test('error: id must be evt_…, timestamp ISO, data an object', () => {
    const { id: _id, ...withoutId } = confirmed
    expect(webhookEventSchema.safeParse(withoutId).success).toBe(false)
    expect(webhookEventSchema.safeParse({ ...confirmed, id: 'abc' }).success).toBe(false)
    expect(webhookEventSchema.safeParse({ ...confirmed, timestamp: 'yesterday' }).success).toBe(
      false,
    )
    expect(webhookEventSchema.safeParse({ ...confirmed, data: 'x' }).success).toBe(false)
  })
})
