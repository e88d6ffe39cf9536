import { approvalChannelEvents, WEBHOOK_SECRET_PATTERN } from '@conto/schemas'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  channelBodies,
  channelRow,
  createChannel,
  messagesOf,
  PUBLIC_URL,
  SLACK_TOKEN,
  TELEGRAM_SECRET_TOKEN,
  TELEGRAM_TOKEN,
  WHATSAPP_TOKEN,
} from '../../../test/channel-fixtures.js'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  startWebhookReceiver,
  verifyReceivedSignatures,
  type WebhookReceiver,
} from '../../../test/webhook-receiver.js'
import type { ServerMode } from '../../config.js'
import { auditLogs } from '../../db/schema.js'
import { openChannelConfig } from '../../services/channel-config.js'
import {
  type ChannelWorker,
  type ChannelWorkerOptions,
  createChannelWorker,
} from '../../services/channel-delivery.js'
import { issueOrgApiKey } from '../../services/organizations.js'

const PUBLIC_IP = '93.184.216.34'
const UNKNOWN_ID = 'cunknown000000000000000'
const SECRETS = [SLACK_TOKEN, TELEGRAM_TOKEN, TELEGRAM_SECRET_TOKEN, WHATSAPP_TOKEN]

let h: Harness
let worker: ChannelWorker | undefined
const receivers: WebhookReceiver[] = []
/** What the stub resolver answers, by host name (no real DNS in these tests). */
let dns: Record<string, readonly string[]>
const resolve = vi.fn(async (hostname: string) => {
  const addresses = dns[hostname]
  if (!addresses) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
  }
  return addresses
})

/**
 * WEBHOOK channel URLs must be https:// (the channel config schema); the loopback receiver
 * speaks plain HTTP, so sends to `https://127.0.0.1:<port>` go to `http://` instead.
 */
const loopbackFetch: typeof fetch = (input, init) =>
  fetch(String(input).replace(/^https:\/\/127\.0\.0\.1:/, 'http://127.0.0.1:'), init)

function setUp(mode: ServerMode = 'test', options: ChannelWorkerOptions = {}) {
  h = createHarness({ mode })
  worker = createChannelWorker(h.app.deps, { resolve, fetch: loopbackFetch, ...options })
}

beforeEach(() => {
  dns = { 'hooks.example.com': [PUBLIC_IP] }
  resolve.mockClear()
  setUp()
})

afterEach(async () => {
  await worker?.stop()
  worker = undefined
  for (const receiver of receivers.splice(0)) await receiver.close()
})

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]) {
  const started = await startWebhookReceiver(respond)
  receivers.push(started)
  return {
    ...started,
    received: started.received,
    httpsUrl: started.url.replace('http://', 'https://'),
  }
}

function readOnlyKey(): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key
}

function auditEntries(resourceId: string) {
  return h.db
    .select()
    .from(auditLogs)
    .where(
      and(eq(auditLogs.organizationId, h.organization.id), eq(auditLogs.resourceId, resourceId)),
    )
    .all()
}

function expectError(
  res: { status: number; body: { code?: string } },
  status: number,
  code: string,
) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code })
}

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe('channels.create', () => {
  test('default', async () => {
    const res = await h.call('POST', '/api/channels', {
      body: { ...channelBodies.SLACK, name: 'Approvals' },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      type: 'SLACK',
      name: 'Approvals',
      config: { botToken: 'xoxb-…f3Qa', channelId: 'C0123456789' },
      events: [...approvalChannelEvents],
      isActive: true,
      lastUsedAt: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test.each([
    ['EMAIL', { recipients: ['approvals@acme.test'] }],
    ['SLACK', { botToken: 'xoxb-…f3Qa', channelId: 'C0123456789' }],
    [
      'TELEGRAM',
      {
        botToken: '123456789:…wxyz',
        chatId: '-1001234567890',
        webhookSecretToken: '…9876',
      },
    ],
    [
      'WHATSAPP',
      { phoneNumberId: '106540352242922', accessToken: '…ZZ99', recipients: ['+14155550123'] },
    ],
  ] as const)('behavior: a %s channel shows its secrets masked', async (type, masked) => {
    const body = await createChannel(h, channelBodies[type])
    expect(body.config).toEqual(masked)
    const retrieved = await h.call('GET', `/api/channels/${body.id}`)
    expect(retrieved.body.config).toEqual(masked)
    const listed = await h.call('GET', '/api/channels')
    expect(listed.body.channels[0].config).toEqual(masked)
    expectNoSecrets(retrieved.text)
    expectNoSecrets(listed.text)
  })

  test('behavior: secrets are encrypted at rest with the server secret', async () => {
    for (const type of ['SLACK', 'TELEGRAM', 'WHATSAPP'] as const) {
      const body = await createChannel(h, channelBodies[type])
      const row = channelRow(h, body.id)
      expectNoSecrets(JSON.stringify(row))
      expect(JSON.stringify(row)).toContain('"$sealed":"v1.')
      const opened = openChannelConfig(type, body.id, row?.config ?? {}, h.app.deps.secret)
      expect(opened).toMatchObject(channelBodies[type].config)
      // Bound to its channel: the same sealed value does not open as another channel's.
      expect(() =>
        openChannelConfig(type, 'cotherchannel00000000000', row?.config ?? {}, h.app.deps.secret),
      ).toThrow(/failed authentication/)
    }
  })

  test('behavior: a WEBHOOK channel shows its signing secret once, at creation', async () => {
    const body = await createChannel(h, channelBodies.WEBHOOK)
    expect(body.config).toEqual({
      url: PUBLIC_URL,
      signingSecret: expect.stringMatching(WEBHOOK_SECRET_PATTERN),
    })
    expect(resolve).toHaveBeenCalledWith('hooks.example.com')
    const retrieved = await h.call('GET', `/api/channels/${body.id}`)
    expect(retrieved.body.config).toEqual({
      url: PUBLIC_URL,
      signingSecret: `whsec_…${body.config.signingSecret.slice(-4)}`,
    })
    expect(retrieved.text).not.toContain(body.config.signingSecret)
    expect(JSON.stringify(channelRow(h, body.id))).not.toContain(body.config.signingSecret)
  })

  test('args: name, events (deduplicated), isActive', async () => {
    const body = await createChannel(h, {
      ...channelBodies.WEBHOOK,
      name: 'Ops hook',
      events: ['payment.executed', 'approval.decided', 'payment.executed'],
      isActive: false,
    })
    expect(body).toMatchObject({
      name: 'Ops hook',
      events: ['payment.executed', 'approval.decided'],
      isActive: false,
    })
  })

  test('behavior: audit entry with masked secrets', async () => {
    const body = await createChannel(h, channelBodies.TELEGRAM)
    const [entry] = auditEntries(body.id)
    expect(entry).toMatchObject({
      action: 'CREATE',
      resource: 'settings',
      actorType: 'API',
      metadata: expect.objectContaining({ setting: 'notification_channel' }),
    })
    expect(entry?.newState).toMatchObject({ id: body.id, type: 'TELEGRAM' })
    expectNoSecrets(JSON.stringify(entry))
  })

  test('behavior: test mode allows a loopback HTTPS webhook URL', async () => {
    const res = await h.call('POST', '/api/channels', {
      body: { type: 'WEBHOOK', config: { url: 'https://127.0.0.1:4010/hooks' } },
    })
    expect(res.status, res.text).toBe(201)
  })

  test('behavior: test mode accepts a loopback receiver over plain HTTP, like webhooks (contract §3)', async () => {
    const res = await h.call('POST', '/api/channels', {
      body: { type: 'WEBHOOK', config: { url: 'http://127.0.0.1:9/conto' } },
    })
    expect(res.status, res.text).toBe(201)
    const publicHttp = await h.call('POST', '/api/channels', {
      body: { type: 'WEBHOOK', config: { url: 'http://hooks.example.com/conto' } },
    })
    expectError(publicHttp, 400, 'INVALID_WEBHOOK_URL')
  })

  test('behavior: live mode accepts a public HTTPS host', async () => {
    setUp('live')
    await createChannel(h, channelBodies.WEBHOOK)
    expect(resolve).toHaveBeenCalledWith('hooks.example.com')
  })

  test.each([
    ['plain HTTP', 'http://hooks.example.com/x', {}],
    ['loopback', 'https://127.0.0.1/x', {}],
    ['localhost', 'https://localhost/x', {}],
    ['10/8', 'https://10.0.0.1/x', {}],
    ['192.168/16', 'https://192.168.0.1/x', {}],
    ['metadata', 'https://169.254.169.254/x', {}],
    ['IPv6 unique-local', 'https://[fd00::1]/x', {}],
    ['a host resolving privately', 'https://a.example.com/x', { 'a.example.com': ['10.1.2.3'] }],
    ['an unresolvable host', 'https://nowhere.example.com/x', {}],
  ])('error: INVALID_WEBHOOK_URL in live mode for %s', async (_, url, records) => {
    setUp('live')
    Object.assign(dns, records)
    const res = await h.call('POST', '/api/channels', {
      body: { type: 'WEBHOOK', config: { url } },
    })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
    expect(res.body.requestId).toEqual(expect.any(String))
  })

  test.each([
    ['a private address', 'https://192.168.1.10/x'],
    ['plain HTTP to a public host', 'http://hooks.example.com/x'],
    ['not a URL', 'not a url'],
  ])('error: INVALID_WEBHOOK_URL in test mode for %s', async (_, url) => {
    const res = await h.call('POST', '/api/channels', {
      body: { type: 'WEBHOOK', config: { url } },
    })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
  })

  test.each([
    ['type missing', { config: { recipients: ['a@acme.test'] } }],
    ['unknown type', { type: 'PIGEON', config: {} }],
    ['config missing', { type: 'SLACK' }],
    ['config of another type', { type: 'SLACK', config: channelBodies.TELEGRAM.config }],
    ['a bad Slack token', { type: 'SLACK', config: { botToken: 'abc', channelId: 'C0123456789' } }],
    ['a bad email', { type: 'EMAIL', config: { recipients: ['not-an-email'] } }],
    [
      'payment.executed on a Slack channel',
      { ...channelBodies.SLACK, events: ['payment.executed'] },
    ],
    ['empty events', { ...channelBodies.SLACK, events: [] }],
    ['unknown event', { ...channelBodies.SLACK, events: ['payment.unknown'] }],
    ['isActive not a boolean', { ...channelBodies.SLACK, isActive: 'yes' }],
    ['name too long', { ...channelBodies.SLACK, name: 'x'.repeat(101) }],
  ])('error: VALIDATION_ERROR for %s', async (_, body) => {
    const res = await h.call('POST', '/api/channels', { body })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues).toEqual(expect.any(Array))
    expect(h.db.select().from(auditLogs).all()).toHaveLength(0)
  })

  test('error: AUTH_FAILED without a key', async () => {
    const res = await h.call('POST', '/api/channels', { key: null, body: channelBodies.SLACK })
    expectError(res, 401, 'AUTH_FAILED')
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const res = await h.call('POST', '/api/channels', {
      key: readOnlyKey(),
      body: channelBodies.SLACK,
    })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
    expect(res.body.requiredScopes).toEqual(['policies:write'])
  })
})

describe('channels.list', () => {
  test('default', async () => {
    const a = await createChannel(h, channelBodies.SLACK)
    h.clock.freeze(h.clock.now() + 1000)
    const b = await createChannel(h, channelBodies.EMAIL)
    const res = await h.call('GET', '/api/channels')
    expect(res.status).toBe(200)
    expect(res.body.channels.map((c: { id: string }) => c.id)).toEqual([b.id, a.id])
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: type, isActive, limit and offset', async () => {
    const slack = await createChannel(h, channelBodies.SLACK)
    h.clock.freeze(h.clock.now() + 1000)
    const inactive = await createChannel(h, { ...channelBodies.EMAIL, isActive: false })
    h.clock.freeze(h.clock.now() + 1000)
    const hook = await createChannel(h, channelBodies.WEBHOOK)
    const ids = async (query: string) =>
      (await h.call('GET', `/api/channels?${query}`)).body.channels.map((c: { id: string }) => c.id)
    expect(await ids('type=SLACK')).toEqual([slack.id])
    expect(await ids('isActive=false')).toEqual([inactive.id])
    expect(await ids('isActive=true')).toEqual([hook.id, slack.id])
    const paged = await h.call('GET', '/api/channels?limit=1&offset=1')
    expect(paged.body.channels.map((c: { id: string }) => c.id)).toEqual([inactive.id])
    expect(paged.body.pagination).toEqual({ total: 3, limit: 1, offset: 1, hasMore: true })
  })

  test('behavior: lastUsedAt is the last message the channel delivered', async () => {
    const slack = await createChannel(h, channelBodies.SLACK)
    h.clock.freeze(h.clock.now() + 60_000)
    expect((await h.call('POST', `/api/channels/${slack.id}/test`)).body.success).toBe(true)
    const res = await h.call('GET', '/api/channels')
    expect(res.body.channels[0].lastUsedAt).toBe('2026-04-08T12:01:00.000Z')
  })

  test("behavior: never another organization's channels", async () => {
    await createChannel(h, channelBodies.SLACK)
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/channels', { key: other.key })
    expect(res.body.channels).toEqual([])
  })

  test('behavior: a READ_ONLY key may list', async () => {
    expect((await h.call('GET', '/api/channels', { key: readOnlyKey() })).status).toBe(200)
  })

  test('error: VALIDATION_ERROR for bad filters', async () => {
    expectError(await h.call('GET', '/api/channels?type=PIGEON'), 400, 'VALIDATION_ERROR')
    expectError(await h.call('GET', '/api/channels?isActive=maybe'), 400, 'VALIDATION_ERROR')
    expectError(await h.call('GET', '/api/channels?limit=0'), 400, 'VALIDATION_ERROR')
  })

  test('error: AUTH_FAILED without a key', async () => {
    expectError(await h.call('GET', '/api/channels', { key: null }), 401, 'AUTH_FAILED')
  })
})

describe('channels.retrieve', () => {
  test('default', async () => {
    const created = await createChannel(h, channelBodies.WHATSAPP)
    const res = await h.call('GET', `/api/channels/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(created)
  })

  test("error: NOT_FOUND for another organization's channel", async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/channels/${created.id}`, { key: other.key })
    expectError(res, 404, 'NOT_FOUND')
    expectNoSecrets(res.text)
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    expectError(await h.call('GET', `/api/channels/${UNKNOWN_ID}`), 404, 'NOT_FOUND')
  })
})

describe('channels.update', () => {
  test('default: name, events and isActive', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    h.clock.freeze(h.clock.now() + 1000)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { name: 'Renamed', events: ['approval.decided'], isActive: false },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({
      name: 'Renamed',
      events: ['approval.decided'],
      isActive: false,
      config: created.config,
      updatedAt: '2026-04-08T12:00:01.000Z',
    })
    const cleared = await h.call('PATCH', `/api/channels/${created.id}`, { body: { name: null } })
    expect(cleared.body.name).toBeNull()
  })

  test('behavior: a new config replaces the stored one, sealed and masked', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const token = 'xoxb-9999999999-8888888888888-AnotherSyntheticZZ11'
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { config: { botToken: token, channelId: 'C0999999999' } },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.config).toEqual({ botToken: 'xoxb-…ZZ11', channelId: 'C0999999999' })
    const row = channelRow(h, created.id)
    expect(JSON.stringify(row)).not.toContain(token)
    expect(openChannelConfig('SLACK', created.id, row?.config ?? {}, h.app.deps.secret)).toEqual({
      botToken: token,
      channelId: 'C0999999999',
    })
  })

  test('behavior: a secret sent back as its mask keeps the stored secret', async () => {
    const created = await createChannel(h, channelBodies.WHATSAPP)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { config: { ...created.config, recipients: ['+14155550199'] } },
    })
    expect(res.status, res.text).toBe(200)
    const opened = openChannelConfig(
      'WHATSAPP',
      created.id,
      channelRow(h, created.id)?.config ?? {},
      h.app.deps.secret,
    )
    expect(opened).toMatchObject({ accessToken: WHATSAPP_TOKEN, recipients: ['+14155550199'] })
  })

  test('behavior: a WEBHOOK channel keeps its signing secret when its URL changes', async () => {
    const created = await createChannel(h, channelBodies.WEBHOOK)
    dns['other.example.com'] = [PUBLIC_IP]
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { config: { url: 'https://other.example.com/hook' } },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.config).toEqual({
      url: 'https://other.example.com/hook',
      signingSecret: `whsec_…${created.config.signingSecret.slice(-4)}`,
    })
    const opened = openChannelConfig(
      'WEBHOOK',
      created.id,
      channelRow(h, created.id)?.config ?? {},
      h.app.deps.secret,
    )
    expect(opened['signingSecret']).toBe(created.config.signingSecret)
  })

  test('behavior: audit entry with the changes and masked secrets', async () => {
    const created = await createChannel(h, channelBodies.TELEGRAM)
    await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { config: { ...channelBodies.TELEGRAM.config, chatId: '@conto_ops' }, isActive: false },
    })
    const update = auditEntries(created.id).find((entry) => entry.action === 'UPDATE')
    expect(update?.metadata).toMatchObject({
      setting: 'notification_channel',
      changes: ['isActive', 'config'],
    })
    expect(update?.previousState).toMatchObject({ isActive: true })
    expect(update?.newState).toMatchObject({ isActive: false, config: { chatId: '@conto_ops' } })
    expectNoSecrets(JSON.stringify(update))
  })

  test('behavior: an empty patch changes nothing and records nothing', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, { body: {} })
    expect(res.body).toEqual(created)
    expect(auditEntries(created.id)).toHaveLength(1)
  })

  test.each([
    ['Slack config on a Telegram channel', 'TELEGRAM', channelBodies.SLACK.config],
    ['Telegram config on a Slack channel', 'SLACK', channelBodies.TELEGRAM.config],
    ['webhook config on an email channel', 'EMAIL', { url: PUBLIC_URL }],
    ['email config on a WhatsApp channel', 'WHATSAPP', channelBodies.EMAIL.config],
  ] as const)('error: VALIDATION_ERROR for %s', async (_, type, config) => {
    const created = await createChannel(h, channelBodies[type])
    const before = channelRow(h, created.id)?.config
    const res = await h.call('PATCH', `/api/channels/${created.id}`, { body: { config } })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues[0].path[0]).toBe('config')
    expect(channelRow(h, created.id)?.config).toEqual(before)
    expect(auditEntries(created.id)).toHaveLength(1)
  })

  test('error: VALIDATION_ERROR for payment.executed on a non-WEBHOOK channel', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { events: ['approval.requested', 'payment.executed'] },
    })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues).toEqual([
      { path: ['events', 1], message: 'payment.executed is only available on WEBHOOK channels' },
    ])
  })

  test('behavior: payment.executed on a WEBHOOK channel', async () => {
    const created = await createChannel(h, channelBodies.WEBHOOK)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { events: ['payment.executed'] },
    })
    expect(res.body.events).toEqual(['payment.executed'])
  })

  test('error: INVALID_WEBHOOK_URL for a new private URL in live mode', async () => {
    setUp('live')
    const created = await createChannel(h, channelBodies.WEBHOOK)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      body: { config: { url: 'https://10.0.0.8/hook' } },
    })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
  })

  test("error: NOT_FOUND for another organization's channel", async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const other = h.createOtherOrganization()
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      key: other.key,
      body: { isActive: false },
    })
    expectError(res, 404, 'NOT_FOUND')
    expect(channelRow(h, created.id)?.isActive).toBe(true)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const res = await h.call('PATCH', `/api/channels/${created.id}`, {
      key: readOnlyKey(),
      body: { isActive: false },
    })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('channels.delete', () => {
  test('default', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const res = await h.call('DELETE', `/api/channels/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ success: true, message: 'Notification channel deleted' })
    expectError(await h.call('GET', `/api/channels/${created.id}`), 404, 'NOT_FOUND')
    const entry = auditEntries(created.id).find((row) => row.action === 'DELETE')
    expect(entry?.previousState).toMatchObject({ id: created.id, type: 'SLACK' })
    expectNoSecrets(JSON.stringify(entry))
  })

  test('behavior: its outbox goes with it', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    await h.call('POST', `/api/channels/${created.id}/test`)
    expect(messagesOf(h, created.id)).toHaveLength(1)
    await h.call('DELETE', `/api/channels/${created.id}`)
    expect(messagesOf(h, created.id)).toHaveLength(0)
  })

  test("error: NOT_FOUND for another organization's channel", async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const other = h.createOtherOrganization()
    expectError(
      await h.call('DELETE', `/api/channels/${created.id}`, { key: other.key }),
      404,
      'NOT_FOUND',
    )
    expect(channelRow(h, created.id)).toBeDefined()
  })
})

describe('channels.test', () => {
  test.each(['EMAIL', 'SLACK', 'TELEGRAM', 'WHATSAPP'] as const)(
    'default: a %s channel is simulated in test mode',
    async (type) => {
      const fetch = vi.fn(async () => new Response('{}'))
      setUp('test', { fetch })
      const created = await createChannel(h, channelBodies[type])
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.status, res.text).toBe(200)
      expect(res.body).toEqual({ success: true, message: expect.stringContaining('Simulated') })
      expect(fetch).not.toHaveBeenCalled()
      expect(messagesOf(h, created.id)).toMatchObject([
        { event: 'channel.test', status: 'SIMULATED', attempts: 1, lastError: null },
      ])
    },
  )

  test('behavior: a WEBHOOK channel really receives a signed test message', async () => {
    const target = await receiver()
    const created = await createChannel(h, {
      type: 'WEBHOOK',
      config: { url: `${target.httpsUrl}` },
    })
    const res = await h.call('POST', `/api/channels/${created.id}/test`)
    expect(res.body).toEqual({ success: true, message: 'The endpoint answered HTTP 200' })
    expect(target.received).toHaveLength(1)
    const [request] = target.received
    expect(request && verifyReceivedSignatures(created.config.signingSecret, request)).toBe(true)
    expect(request?.headers['x-conto-event']).toBe('channel.test')
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      event: 'channel.test',
      channelId: created.id,
      data: { channelId: created.id, organizationId: h.organization.id },
    })
    expect(messagesOf(h, created.id)).toMatchObject([{ status: 'SENT' }])
  })

  test('behavior: a refusing WEBHOOK endpoint is reported as a failure', async () => {
    const target = await receiver(() => ({ status: 500 }))
    const created = await createChannel(h, { type: 'WEBHOOK', config: { url: target.httpsUrl } })
    const res = await h.call('POST', `/api/channels/${created.id}/test`)
    expect(res.body).toEqual({ success: false, message: 'The endpoint answered HTTP 500' })
    expect(messagesOf(h, created.id)).toMatchObject([
      { status: 'FAILED', lastError: 'The endpoint answered HTTP 500', sentAt: null },
    ])
  })

  test('behavior: an unreachable WEBHOOK endpoint is reported as a failure', async () => {
    const target = await receiver()
    const created = await createChannel(h, { type: 'WEBHOOK', config: { url: target.httpsUrl } })
    await target.close()
    const res = await h.call('POST', `/api/channels/${created.id}/test`)
    expect(res.body.success).toBe(false)
    expect(res.body.message).toMatch(/ECONNREFUSED|fetch failed/)
  })

  test('behavior: a WEBHOOK host that now resolves privately is refused in live mode', async () => {
    setUp('live')
    const created = await createChannel(h, channelBodies.WEBHOOK)
    dns['hooks.example.com'] = ['10.0.0.5']
    const res = await h.call('POST', `/api/channels/${created.id}/test`)
    expect(res.body.success).toBe(false)
    expect(res.body.message).toContain('private')
  })

  test('behavior: an inactive channel can still be tested', async () => {
    const created = await createChannel(h, { ...channelBodies.SLACK, isActive: false })
    expect((await h.call('POST', `/api/channels/${created.id}/test`)).body.success).toBe(true)
  })

  describe('live mode', () => {
    const answer = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      })

    test('default: Slack chat.postMessage with the bot token', async () => {
      const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
        answer(200, { ok: true, ts: '1775649600.000100' }),
      )
      setUp('live', { fetch: fetch as unknown as typeof globalThis.fetch })
      const created = await createChannel(h, channelBodies.SLACK)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: true,
        message: 'Slack accepted the message (ts 1775649600.000100)',
      })
      const [url, init] = fetch.mock.calls[0] ?? []
      expect(url).toBe('https://slack.com/api/chat.postMessage')
      expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${SLACK_TOKEN}`)
      expect(JSON.parse(String(init?.body))).toMatchObject({ channel: 'C0123456789' })
      expect(messagesOf(h, created.id)).toMatchObject([{ status: 'SENT' }])
    })

    test("behavior: Slack's refusal is reported as it answered", async () => {
      const fetch = vi.fn(async () => answer(200, { ok: false, error: 'invalid_auth' }))
      setUp('live', { fetch })
      const created = await createChannel(h, channelBodies.SLACK)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: false,
        message: 'Slack refused the message: invalid_auth',
      })
      expectNoSecrets(res.text)
    })

    test('default: Telegram sendMessage', async () => {
      const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
        answer(200, { ok: true, result: { message_id: 42 } }),
      )
      setUp('live', { fetch: fetch as unknown as typeof globalThis.fetch })
      const created = await createChannel(h, channelBodies.TELEGRAM)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: true,
        message: 'Telegram accepted the message (message_id 42)',
      })
      const [url, init] = fetch.mock.calls[0] ?? []
      expect(url).toBe(`https://api.telegram.org/bot${TELEGRAM_TOKEN}/sendMessage`)
      expect(JSON.parse(String(init?.body))).toMatchObject({ chat_id: '-1001234567890' })
    })

    test("behavior: Telegram's refusal is reported", async () => {
      const fetch = vi.fn(async () =>
        answer(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }),
      )
      setUp('live', { fetch })
      const created = await createChannel(h, channelBodies.TELEGRAM)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: false,
        message: 'Telegram refused the message: Bad Request: chat not found',
      })
      expectNoSecrets(res.text)
    })

    test('default: WhatsApp Cloud API, one message per recipient', async () => {
      const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
        answer(200, { messages: [{ id: 'wamid.1' }] }),
      )
      setUp('live', { fetch: fetch as unknown as typeof globalThis.fetch })
      const created = await createChannel(h, {
        ...channelBodies.WHATSAPP,
        config: { ...channelBodies.WHATSAPP.config, recipients: ['+14155550123', '+14155550124'] },
      })
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: true,
        message: 'WhatsApp accepted the message for 2 recipient(s)',
      })
      expect(fetch).toHaveBeenCalledTimes(2)
      const [url, init] = fetch.mock.calls[0] ?? []
      expect(url).toBe('https://graph.facebook.com/v21.0/106540352242922/messages')
      expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${WHATSAPP_TOKEN}`)
      expect(JSON.parse(String(init?.body))).toMatchObject({
        messaging_product: 'whatsapp',
        to: '+14155550123',
        type: 'text',
      })
    })

    test("behavior: WhatsApp's refusal is reported", async () => {
      const fetch = vi.fn(async () =>
        answer(401, { error: { message: 'Invalid OAuth access token', code: 190 } }),
      )
      setUp('live', { fetch })
      const created = await createChannel(h, channelBodies.WHATSAPP)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: false,
        message:
          'WhatsApp refused the message for 1 of 1 recipient(s): +14155550123: Invalid OAuth access token',
      })
    })

    test('behavior: EMAIL has no provider in this server', async () => {
      const fetch = vi.fn(async () => answer(200, {}))
      setUp('live', { fetch })
      const created = await createChannel(h, channelBodies.EMAIL)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: false,
        message:
          'No email provider is configured on this server: EMAIL channels cannot send messages',
      })
      expect(fetch).not.toHaveBeenCalled()
    })

    test('behavior: a network error never quotes a token', async () => {
      const fetch = vi.fn(async (url: string | URL | Request) => {
        throw new TypeError(`fetch failed for ${String(url)}`)
      })
      setUp('live', { fetch })
      const created = await createChannel(h, channelBodies.TELEGRAM)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({
        success: false,
        message: 'fetch failed for https://api.telegram.org/bot[secret]/sendMessage',
      })
    })

    test('behavior: a provider that cannot be reached is reported', async () => {
      const fetch = vi.fn(async () => {
        throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND slack.com') })
      })
      setUp('live', { fetch })
      const created = await createChannel(h, channelBodies.SLACK)
      const res = await h.call('POST', `/api/channels/${created.id}/test`)
      expect(res.body).toEqual({ success: false, message: 'getaddrinfo ENOTFOUND slack.com' })
    })
  })

  test("error: NOT_FOUND for another organization's channel", async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    const other = h.createOtherOrganization()
    expectError(
      await h.call('POST', `/api/channels/${created.id}/test`, { key: other.key }),
      404,
      'NOT_FOUND',
    )
    expect(messagesOf(h, created.id)).toHaveLength(0)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const created = await createChannel(h, channelBodies.SLACK)
    expectError(
      await h.call('POST', `/api/channels/${created.id}/test`, { key: readOnlyKey() }),
      403,
      'INSUFFICIENT_SCOPE',
    )
  })
})
