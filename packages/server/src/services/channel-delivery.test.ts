import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { insertApprovalRequest, requestNeedingApproval } from '../../test/approval-fixtures.js'
import {
  channelBodies,
  createChannel,
  envelopeOf,
  messagesOf,
  SLACK_TOKEN,
} from '../../test/channel-fixtures.js'
import { createHarness, type Harness } from '../../test/harness.js'
import {
  startWebhookReceiver,
  verifyReceivedSignatures,
  type WebhookReceiver,
} from '../../test/webhook-receiver.js'
import type { ServerMode } from '../config.js'
import { channelMessages, notificationChannels } from '../db/schema.js'
import { createId } from '../ids.js'
import { startServer } from '../main.js'
import {
  type ChannelWorker,
  type ChannelWorkerOptions,
  createChannelWorker,
  redactTokens,
} from './channel-delivery.js'
import { type ChannelEnvelope, REDACTED_TOKEN } from './channel-outbox.js'
import { emitEvent } from './events.js'
import { createOrganization, issueOrgApiKey } from './organizations.js'

const BASE_URL = 'https://conto.example.com'

let h: Harness
let worker: ChannelWorker | undefined
const receivers: WebhookReceiver[] = []

/** Loopback receivers speak plain HTTP; WEBHOOK channel URLs must be https:// (see channels.test). */
const loopbackFetch: typeof fetch = (input, init) =>
  fetch(String(input).replace(/^https:\/\/127\.0\.0\.1:/, 'http://127.0.0.1:'), init)

function setUp(mode: ServerMode = 'test', options: ChannelWorkerOptions = {}) {
  h = createHarness({ mode })
  worker = createChannelWorker(h.app.deps, {
    fetch: loopbackFetch,
    baseUrl: BASE_URL,
    retryDelaysMs: [0, 0, 0],
    intervalMs: 20,
    resolve: async () => ['93.184.216.34'],
    ...options,
  })
}

beforeEach(() => setUp())

afterEach(async () => {
  await worker?.stop()
  worker = undefined
  for (const receiver of receivers.splice(0)) await receiver.close()
})

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]) {
  const started = await startWebhookReceiver(respond)
  receivers.push(started)
  return { receiver: started, url: started.url.replace('http://', 'https://') }
}

/** Drains the outbox `times` times (retries with no delay are due at once). */
async function drain(times = 1) {
  for (let i = 0; i < times; i++) await worker?.drain()
}

/**
 * An approval request announced as the payment path does (live mode cannot fund a wallet, so
 * the live tests skip the payment): its id.
 */
function emitApprovalRequested(): string {
  const agentId = h.createAgentWithKey().agentId
  const { approvalRequestId } = insertApprovalRequest(h, { agentId })
  emitEvent(h.db, h.clock.now(), h.organization.id, 'approval.requested', {
    approvalRequestId,
    agentId,
    amount: 75,
    currency: 'pathUSD',
  })
  return approvalRequestId
}

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('createChannelWorker', () => {
  test('default: a loopback WEBHOOK channel receives the signed approval request', async () => {
    const { receiver: target, url } = await receiver()
    const channel = await createChannel(h, { type: 'WEBHOOK', config: { url } })
    const flow = await requestNeedingApproval(h)
    const stored = envelopeOf(h, channel.id)
    await drain()
    expect(target.received).toHaveLength(1)
    const [request] = target.received
    if (!request) throw new Error('nothing received')
    expect(verifyReceivedSignatures(channel.config.signingSecret, request)).toBe(true)
    expect(request.headers).toMatchObject({
      'x-conto-event': 'approval.requested',
      'x-conto-delivery-attempt': '1',
      'x-conto-delivery-id': stored.id,
      'webhook-id': stored.id,
    })
    const body = JSON.parse(request.body) as ChannelEnvelope
    expect(body).toEqual({
      ...stored,
      actions: { ...stored.actions, url: `${BASE_URL}/api/approvals/action` },
    })
    expect(body.data).toMatchObject({ approvalRequestId: flow.approvalRequestId })
    expect(body.actions?.approve.token).toMatch(/^[0-9a-f]{64}$/)
    // Finished: SENT, and the stored copy keeps no usable token.
    const [row] = messagesOf(h, channel.id)
    expect(row).toMatchObject({
      status: 'SENT',
      attempts: 1,
      lastError: null,
      sentAt: h.clock.now(),
    })
    expect(row?.payload).not.toContain(body.actions?.approve.token)
    expect(envelopeOf(h, channel.id).actions?.reject.token).toBe(REDACTED_TOKEN)
  })

  test('behavior: a receiver failing twice sees attempts 1, 2 and 3, all signed', async () => {
    const { receiver: target, url } = await receiver((index) => ({ status: index < 2 ? 503 : 200 }))
    const channel = await createChannel(h, { type: 'WEBHOOK', config: { url } })
    await requestNeedingApproval(h)
    await drain(3)
    expect(target.received.map((request) => request.headers['x-conto-delivery-attempt'])).toEqual([
      '1',
      '2',
      '3',
    ])
    for (const request of target.received) {
      expect(verifyReceivedSignatures(channel.config.signingSecret, request)).toBe(true)
    }
    expect(messagesOf(h, channel.id)).toMatchObject([{ status: 'SENT', attempts: 3 }])
  })

  test('behavior: a receiver that keeps failing ends FAILED after 3 attempts', async () => {
    const { receiver: target, url } = await receiver(() => ({ status: 500 }))
    const channel = await createChannel(h, { type: 'WEBHOOK', config: { url } })
    await requestNeedingApproval(h)
    await drain(5)
    expect(target.received).toHaveLength(3)
    const [row] = messagesOf(h, channel.id)
    expect(row).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      lastError: 'The endpoint answered HTTP 500',
      sentAt: null,
    })
    expect(envelopeOf(h, channel.id).actions?.approve.token).toBe(REDACTED_TOKEN)
  })

  test('behavior: retries wait on real time (1 s, then 4 s by default)', async () => {
    // The default schedule, not the instant retries of the other tests.
    worker = createChannelWorker(h.app.deps, { fetch: loopbackFetch })
    const { receiver: target, url } = await receiver(() => ({ status: 500 }))
    const channel = await createChannel(h, { type: 'WEBHOOK', config: { url } })
    await requestNeedingApproval(h)
    const before = Date.now()
    await drain()
    const [row] = messagesOf(h, channel.id)
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1 })
    expect(row?.nextAttemptAt).toBeGreaterThanOrEqual(before + 1000)
    await drain()
    expect(target.received).toHaveLength(1)
  })

  test('behavior: chat channels are simulated in test mode', async () => {
    const fetch = vi.fn(async () => answer(200, {}))
    setUp('test', { fetch })
    const channels = await Promise.all(
      (['EMAIL', 'SLACK', 'TELEGRAM', 'WHATSAPP'] as const).map((type) =>
        createChannel(h, channelBodies[type]),
      ),
    )
    await requestNeedingApproval(h)
    await drain()
    expect(fetch).not.toHaveBeenCalled()
    for (const channel of channels) {
      expect(messagesOf(h, channel.id)).toMatchObject([
        { status: 'SIMULATED', attempts: 1, lastError: null, sentAt: h.clock.now() },
      ])
    }
  })

  test('behavior: live mode sends the approval request through Slack with its action URL and tokens', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      answer(200, { ok: true, ts: '1.2' }),
    )
    setUp('live', {
      fetch: fetch as unknown as typeof globalThis.fetch,
      providerUrls: { slack: 'https://slack.test/api' },
    })
    const channel = await createChannel(h, channelBodies.SLACK)
    const approvalRequestId = emitApprovalRequested()
    const stored = envelopeOf(h, channel.id)
    await drain()
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('https://slack.test/api/chat.postMessage')
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${SLACK_TOKEN}`)
    const text = String(JSON.parse(String(init?.body)).text)
    expect(text).toContain(approvalRequestId)
    expect(text).toContain(`POST ${BASE_URL}/api/approvals/action`)
    expect(text).toContain(`{"token":"${stored.actions?.approve.token}","decision":"APPROVED"}`)
    expect(text).toContain(`{"token":"${stored.actions?.reject.token}","decision":"REJECTED"}`)
    expect(messagesOf(h, channel.id)).toMatchObject([{ status: 'SENT', attempts: 1 }])
  })

  test("behavior: a provider's permanent refusal fails at once; a transient one is retried", async () => {
    let status = 200
    let body: unknown = { ok: false, error: 'invalid_auth' }
    const fetch = vi.fn(async () => answer(status, body))
    setUp('live', { fetch })
    const channel = await createChannel(h, channelBodies.SLACK)
    emitApprovalRequested()
    await drain(3)
    expect(messagesOf(h, channel.id)).toMatchObject([
      { status: 'FAILED', attempts: 1, lastError: 'Slack refused the message: invalid_auth' },
    ])
    status = 503
    body = { ok: false, error: 'service_unavailable' }
    emitEvent(h.db, h.clock.now(), h.organization.id, 'approval.decided', {
      approvalRequestId: 'a1',
    })
    await drain(3)
    expect(messagesOf(h, channel.id)[1]).toMatchObject({
      event: 'approval.decided',
      status: 'FAILED',
      attempts: 3,
      lastError: 'Slack refused the message: service_unavailable',
    })
  })

  test('behavior: EMAIL fails in live mode (no provider)', async () => {
    setUp('live')
    const channel = await createChannel(h, channelBodies.EMAIL)
    emitApprovalRequested()
    await drain()
    expect(messagesOf(h, channel.id)).toMatchObject([
      { status: 'FAILED', attempts: 1, lastError: expect.stringContaining('No email provider') },
    ])
  })

  test('behavior: a channel disabled after the event fails its message without sending', async () => {
    const fetch = vi.fn(async () => answer(200, {}))
    setUp('test', { fetch })
    const { url } = await receiver()
    const channel = await createChannel(h, { type: 'WEBHOOK', config: { url } })
    await requestNeedingApproval(h)
    await h.call('PATCH', `/api/channels/${channel.id}`, { body: { isActive: false } })
    await drain()
    expect(fetch).not.toHaveBeenCalled()
    expect(messagesOf(h, channel.id)).toMatchObject([
      { status: 'FAILED', attempts: 1, lastError: 'The channel is disabled' },
    ])
  })

  test("behavior: secrets sealed under another server's secret fail the message", async () => {
    const channel = await createChannel(h, channelBodies.SLACK)
    const row = h.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.id, channel.id))
      .get()
    const other = createHarness({ mode: 'live' })
    other.db
      .insert(notificationChannels)
      .values({ ...row, organizationId: other.organization.id } as never)
      .run()
    emitEvent(other.db, other.clock.now(), other.organization.id, 'approval.decided', {
      approvalRequestId: 'a1',
    })
    const otherWorker = createChannelWorker(other.app.deps, { fetch: vi.fn() })
    await otherWorker.drain()
    expect(messagesOf(other, channel.id)).toMatchObject([
      {
        status: 'FAILED',
        lastError: "The channel's secrets cannot be decrypted with this server's secret",
      },
    ])
  })

  test('behavior: a WEBHOOK channel row without a signing secret is never sent unsigned', async () => {
    const fetch = vi.fn(async () => answer(200, {}))
    setUp('test', { fetch })
    const now = h.clock.now()
    const channelId = createId()
    h.db
      .insert(notificationChannels)
      .values({
        id: channelId,
        organizationId: h.organization.id,
        name: null,
        type: 'WEBHOOK',
        config: { url: 'https://127.0.0.1:9/hook' },
        events: ['approval.decided'],
        isActive: true,
        createdAt: now,
        updatedAt: now,
      })
      .run()
    emitEvent(h.db, now, h.organization.id, 'approval.decided', { approvalRequestId: 'a1' })
    await drain()
    expect(fetch).not.toHaveBeenCalled()
    expect(messagesOf(h, channelId)).toMatchObject([
      { status: 'FAILED', lastError: expect.stringContaining('no signing secret') },
    ])
  })

  test('behavior: stop leaves an in-flight message pending, and a restart resumes it', async () => {
    let started: () => void = () => {}
    const inFlight = new Promise<void>((resolve) => {
      started = resolve
    })
    const hanging = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_, reject) => {
          started()
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        }),
    )
    setUp('test', { fetch: hanging as unknown as typeof globalThis.fetch })
    const { receiver: target, url } = await receiver()
    const channel = await createChannel(h, { type: 'WEBHOOK', config: { url } })
    await requestNeedingApproval(h)
    worker?.start()
    await inFlight
    await worker?.stop()
    expect(messagesOf(h, channel.id)).toMatchObject([{ status: 'PENDING', attempts: 0 }])
    // A new worker on the same database (a restart) finds the pending row.
    worker = createChannelWorker(h.app.deps, { fetch: loopbackFetch, resolve: async () => [] })
    await worker.drain()
    expect(target.received).toHaveLength(1)
    expect(messagesOf(h, channel.id)).toMatchObject([{ status: 'SENT', attempts: 1 }])
  })

  test('behavior: a running worker sends new messages by itself', async () => {
    const channel = await createChannel(h, channelBodies.SLACK)
    worker?.start()
    await requestNeedingApproval(h)
    await vi.waitFor(() => expect(messagesOf(h, channel.id)[0]?.status).toBe('SIMULATED'), {
      timeout: 5_000,
    })
  })
})

describe('redactTokens', () => {
  test('default', () => {
    const payload = JSON.stringify({
      id: 'evt_1',
      event: 'approval.requested',
      actions: { approve: { token: 'a'.repeat(64) }, reject: { token: 'b'.repeat(64) } },
    })
    expect(JSON.parse(redactTokens(payload)).actions).toEqual({
      approve: { token: REDACTED_TOKEN },
      reject: { token: REDACTED_TOKEN },
    })
  })

  test('behavior: payloads without actions are unchanged', () => {
    expect(redactTokens('{"id":"evt_1"}')).toBe('{"id":"evt_1"}')
    expect(redactTokens('not json')).toBe('not json')
  })
})

describe('startServer', () => {
  test('behavior: the server runs the channel worker', async () => {
    const server = await startServer(
      { port: 0, database: ':memory:', logLevel: 'silent' },
      { handleSignals: false, secret: new Uint8Array(32) },
    )
    try {
      const db = server.app.deps.db
      const now = server.app.deps.clock.now()
      const { organization } = createOrganization(db, now, {
        name: 'Served',
        mode: 'test',
        ownerEmail: 'owner@served.test',
      })
      const { key } = issueOrgApiKey(db, now, {
        organizationId: organization.id,
        name: 'Admin',
        scopePreset: 'ADMIN',
      })
      const created = await fetch(`${server.url}/api/channels`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(channelBodies.SLACK),
      })
      expect(created.status).toBe(201)
      const { id } = (await created.json()) as { id: string }
      emitEvent(db, now, organization.id, 'approval.decided', { approvalRequestId: 'a1' })
      await vi.waitFor(
        () => {
          const row = db
            .select()
            .from(channelMessages)
            .where(eq(channelMessages.channelId, id))
            .get()
          expect(row?.status).toBe('SIMULATED')
        },
        { timeout: 5_000 },
      )
    } finally {
      await server.close()
    }
  })
})
