import { createHmac } from 'node:crypto'
import { WEBHOOK_SECRET_PATTERN } from '@conto/schemas'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  startWebhookReceiver,
  verifyReceivedSignatures,
  type WebhookReceiver,
} from '../../../test/webhook-receiver.js'
import type { ServerMode } from '../../config.js'
import { auditLogs, webhookDeliveries, webhooks } from '../../db/schema.js'
import { createId } from '../../ids.js'
import { startServer } from '../../main.js'
import { emitEvent } from '../../services/events.js'
import { createOrganization, issueOrgApiKey } from '../../services/organizations.js'
import {
  createWebhookWorker,
  signWebhookPayload,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from '../../services/webhook-delivery.js'

const PUBLIC_IP = '93.184.216.34'
const PUBLIC_URL = 'https://hooks.example.com/conto'

let h: Harness
let worker: WebhookWorker | undefined
let receivers: WebhookReceiver[] = []
/** What the stub resolver answers, by host name (no real DNS in these tests). */
let dns: Record<string, readonly string[]>
const resolve = vi.fn(async (hostname: string) => {
  const addresses = dns[hostname]
  if (!addresses)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
    })
  return addresses
})

function setUp(mode: ServerMode = 'test', options: WebhookWorkerOptions = {}) {
  h = createHarness({ mode })
  worker = createWebhookWorker(h.app.deps, { resolve, intervalMs: 20, ...options })
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
  return started
}

function readOnlyKey(): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key
}

async function create(body: Record<string, unknown> = {}, key?: string) {
  const res = await h.call('POST', '/api/webhooks', {
    body: { url: PUBLIC_URL, ...body },
    ...(key === undefined ? {} : { key }),
  })
  expect(res.status, res.text).toBe(201)
  return res.body
}

function deliveriesOf(webhookId: string) {
  return h.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .all()
    .sort((a, b) => a.attempt - b.attempt)
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

describe('signWebhookPayload', () => {
  test('default', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`
    const body = '{"id":"evt_1","event":"webhook.test"}'
    const signatures = signWebhookPayload(secret, 'evt_1', 1_775_649_600, body)
    expect(signatures.contoSignature).toBe(
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    )
    expect(signatures.standardSignature).toBe(
      `v1,${createHmac('sha256', Buffer.alloc(32, 7)).update(`evt_1.1775649600.${body}`).digest('base64')}`,
    )
  })
})

describe('webhooks.create', () => {
  test('default', async () => {
    const res = await h.call('POST', '/api/webhooks', { body: { url: PUBLIC_URL } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      url: PUBLIC_URL,
      events: [],
      isActive: true,
      description: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
      lastDeliveryAt: null,
      secret: expect.stringMatching(WEBHOOK_SECRET_PATTERN),
    })
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32)
    expect(resolve).toHaveBeenCalledWith('hooks.example.com')
  })

  test('args: events, description, isActive', async () => {
    const body = await create({
      events: ['payment.denied', 'agent.frozen', 'payment.denied'],
      description: 'Ops',
      isActive: false,
    })
    expect(body).toMatchObject({
      events: ['payment.denied', 'agent.frozen'],
      description: 'Ops',
      isActive: false,
    })
  })

  test('behavior: secrets differ and are shown only at creation', async () => {
    const a = await create()
    const b = await create()
    expect(a.secret).not.toBe(b.secret)
    const retrieved = await h.call('GET', `/api/webhooks/${a.id}`)
    expect(retrieved.body.secret).toBeUndefined()
    expect(retrieved.text).not.toContain(a.secret)
  })

  test('behavior: audit entry without the secret', async () => {
    const body = await create()
    const [entry] = auditEntries(body.id)
    expect(entry).toMatchObject({ action: 'CREATE', resource: 'settings', actorType: 'API' })
    expect(entry?.newState).toMatchObject({ id: body.id, url: PUBLIC_URL })
    expect(JSON.stringify(entry)).not.toContain(body.secret)
  })

  test('behavior: test mode allows loopback over plain HTTP', async () => {
    for (const url of [
      'http://127.0.0.1:4010/hooks',
      'http://localhost:4010/hooks',
      'http://[::1]:4010/hooks',
      'https://127.0.0.1:4010/hooks',
    ]) {
      const res = await h.call('POST', '/api/webhooks', { body: { url } })
      expect(res.status, url).toBe(201)
    }
  })

  test.each([
    ['plain HTTP to a public host', 'http://hooks.example.com/x'],
    ['a private address', 'http://10.0.0.1/x'],
    ['a private address over HTTPS', 'https://192.168.1.10/x'],
    ['the metadata address', 'https://169.254.169.254/latest/meta-data'],
    ['a CGNAT address', 'https://100.64.0.1/x'],
    ['an IPv6 unique-local address', 'https://[fd00::1]/x'],
  ])('error: INVALID_WEBHOOK_URL in test mode for %s', async (_, url) => {
    const res = await h.call('POST', '/api/webhooks', { body: { url } })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
  })

  test('error: INVALID_WEBHOOK_URL in test mode for a host resolving to a private address', async () => {
    dns['internal.example.com'] = ['10.1.2.3']
    const res = await h.call('POST', '/api/webhooks', {
      body: { url: 'https://internal.example.com/x' },
    })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
    expect(res.body.error).toContain('private')
  })

  test('behavior: live mode accepts a public HTTPS host', async () => {
    setUp('live')
    const res = await h.call('POST', '/api/webhooks', { body: { url: PUBLIC_URL } })
    expect(res.status).toBe(201)
    expect(resolve).toHaveBeenCalledWith('hooks.example.com')
  })

  test.each([
    ['plain HTTP', 'http://hooks.example.com/x', {}],
    ['loopback over HTTP', 'http://127.0.0.1:4010/x', {}],
    ['loopback over HTTPS', 'https://127.0.0.1/x', {}],
    ['localhost', 'https://localhost/x', {}],
    ['IPv6 loopback', 'https://[::1]/x', {}],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/x', {}],
    ['10/8', 'https://10.0.0.1/x', {}],
    ['172.16/12', 'https://172.20.1.1/x', {}],
    ['192.168/16', 'https://192.168.0.1/x', {}],
    ['link-local', 'https://169.254.10.1/x', {}],
    ['metadata', 'https://169.254.169.254/x', {}],
    ['CGNAT', 'https://100.100.1.1/x', {}],
    ['unspecified', 'https://0.0.0.0/x', {}],
    ['multicast', 'https://224.0.0.1/x', {}],
    ['IPv6 fc00::/7', 'https://[fc00::5]/x', {}],
    ['IPv6 link-local', 'https://[fe80::1]/x', {}],
    ['IPv6 unspecified', 'https://[::]/x', {}],
    ['IPv6 multicast', 'https://[ff02::1]/x', {}],
    [
      'a host resolving to a private address',
      'https://a.example.com/x',
      { 'a.example.com': ['192.168.7.7'] },
    ],
    [
      'a host with one loopback address',
      'https://b.example.com/x',
      { 'b.example.com': [PUBLIC_IP, '127.0.0.1'] },
    ],
    [
      'a host resolving to the metadata address',
      'https://c.example.com/x',
      { 'c.example.com': ['169.254.169.254'] },
    ],
    [
      'a host resolving to IPv6 link-local',
      'https://d.example.com/x',
      { 'd.example.com': ['fe80::abcd'] },
    ],
    ['an unresolvable host', 'https://nowhere.example.com/x', {}],
  ])('error: INVALID_WEBHOOK_URL in live mode for %s', async (_, url, records) => {
    setUp('live')
    Object.assign(dns, records)
    const res = await h.call('POST', '/api/webhooks', { body: { url } })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
    expect(h.db.select().from(webhooks).all()).toHaveLength(0)
  })

  test.each([
    ['url missing', {}, 'VALIDATION_ERROR'],
    ['url not a URL', { url: 'not a url' }, 'INVALID_WEBHOOK_URL'],
    ['url with another scheme', { url: 'ftp://hooks.example.com/x' }, 'INVALID_WEBHOOK_URL'],
    ['unknown event', { url: PUBLIC_URL, events: ['payment.unknown'] }, 'VALIDATION_ERROR'],
    ['description too long', { url: PUBLIC_URL, description: 'x'.repeat(501) }, 'VALIDATION_ERROR'],
    ['isActive not a boolean', { url: PUBLIC_URL, isActive: 'yes' }, 'VALIDATION_ERROR'],
  ])('error: %s', async (_, body, code) => {
    const res = await h.call('POST', '/api/webhooks', { body })
    expectError(res, 400, code)
    expect(res.body.issues).toEqual(expect.any(Array))
  })

  test('error: 400 for a url longer than 2,048 characters', async () => {
    const res = await h.call('POST', '/api/webhooks', {
      body: { url: `https://hooks.example.com/${'a'.repeat(2048)}` },
    })
    expect(res.status).toBe(400)
    expect(res.body.issues[0].path).toEqual(['url'])
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const res = await h.call('POST', '/api/webhooks', {
      key: readOnlyKey(),
      body: { url: PUBLIC_URL },
    })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('webhooks.list', () => {
  test('default', async () => {
    const a = await create()
    const b = await create({ isActive: false })
    const res = await h.call('GET', '/api/webhooks')
    expect(res.status).toBe(200)
    expect(res.body.webhooks.map((w: { id: string }) => w.id).sort()).toEqual([a.id, b.id].sort())
    expect(res.body.webhooks[0].secret).toBeUndefined()
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: isActive, limit and offset', async () => {
    await create()
    const inactive = await create({ isActive: false })
    await create()
    const filtered = await h.call('GET', '/api/webhooks?isActive=false')
    expect(filtered.body.webhooks.map((w: { id: string }) => w.id)).toEqual([inactive.id])
    const paged = await h.call('GET', '/api/webhooks?limit=2&offset=1')
    expect(paged.body.webhooks).toHaveLength(2)
    expect(paged.body.pagination).toEqual({ total: 3, limit: 2, offset: 1, hasMore: false })
    const first = await h.call('GET', '/api/webhooks?limit=1')
    expect(first.body.pagination.hasMore).toBe(true)
  })

  test("behavior: never another organization's endpoints", async () => {
    await create()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', '/api/webhooks', { key: other.key })
    expect(res.body.webhooks).toEqual([])
  })

  test('behavior: a READ_ONLY key may list', async () => {
    await create()
    const res = await h.call('GET', '/api/webhooks', { key: readOnlyKey() })
    expect(res.status).toBe(200)
  })

  test('error: VALIDATION_ERROR for a bad limit', async () => {
    expectError(await h.call('GET', '/api/webhooks?limit=0'), 400, 'VALIDATION_ERROR')
    expectError(await h.call('GET', '/api/webhooks?isActive=maybe'), 400, 'VALIDATION_ERROR')
  })
})

describe('webhooks.retrieve', () => {
  test('default', async () => {
    const created = await create({ description: 'Ops' })
    const res = await h.call('GET', `/api/webhooks/${created.id}`)
    expect(res.status).toBe(200)
    const { secret: _, ...expected } = created
    expect(res.body).toEqual(expected)
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    expectError(await h.call('GET', '/api/webhooks/unknown'), 404, 'NOT_FOUND')
  })

  test("error: NOT_FOUND for another organization's webhook", async () => {
    const created = await create()
    const other = h.createOtherOrganization()
    const res = await h.call('GET', `/api/webhooks/${created.id}`, { key: other.key })
    expectError(res, 404, 'NOT_FOUND')
    expect(res.text).not.toContain(PUBLIC_URL)
  })
})

describe('webhooks.update', () => {
  test('default', async () => {
    const created = await create({ description: 'Ops' })
    h.clock.freeze(h.clock.now() + 60_000)
    const res = await h.call('PATCH', `/api/webhooks/${created.id}`, {
      body: {
        url: 'https://hooks.example.com/v2',
        events: ['payment.confirmed'],
        description: null,
        isActive: false,
      },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: created.id,
      url: 'https://hooks.example.com/v2',
      events: ['payment.confirmed'],
      description: null,
      isActive: false,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:01:00.000Z',
    })
    expect(res.body.secret).toBeUndefined()
  })

  test('behavior: audit entry with before and after', async () => {
    const created = await create()
    await h.call('PATCH', `/api/webhooks/${created.id}`, { body: { isActive: false } })
    const entry = auditEntries(created.id).find((e) => e.action === 'UPDATE')
    expect(entry?.previousState).toMatchObject({ isActive: true })
    expect(entry?.newState).toMatchObject({ isActive: false })
    expect(entry?.metadata).toMatchObject({ changes: ['isActive'] })
  })

  test('behavior: an empty body changes nothing', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/webhooks/${created.id}`, { body: {} })
    expect(res.status).toBe(200)
    expect(res.body.updatedAt).toBe(created.updatedAt)
  })

  test('error: INVALID_WEBHOOK_URL when the new URL is not allowed (live mode)', async () => {
    setUp('live')
    const created = await create()
    dns['evil.example.com'] = ['127.0.0.1']
    const res = await h.call('PATCH', `/api/webhooks/${created.id}`, {
      body: { url: 'https://evil.example.com/x' },
    })
    expectError(res, 400, 'INVALID_WEBHOOK_URL')
    const after = await h.call('GET', `/api/webhooks/${created.id}`)
    expect(after.body.url).toBe(PUBLIC_URL)
  })

  test('error: VALIDATION_ERROR', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/webhooks/${created.id}`, {
      body: { events: ['payment.unknown'] },
    })
    expectError(res, 400, 'VALIDATION_ERROR')
    expect(res.body.issues[0].path).toEqual(['events', 0])
  })

  test('behavior: events [] — what the API shows for "every event" — is accepted back', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/webhooks/${created.id}`, { body: { events: [] } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.events).toEqual([])
    const again = await h.call('POST', '/api/webhooks', { body: { url: PUBLIC_URL, events: [] } })
    expect(again.status, again.text).toBe(201)
    expect(again.body.events).toEqual([])
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const created = await create()
    expectError(
      await h.call('PATCH', '/api/webhooks/unknown', { body: { isActive: false } }),
      404,
      'NOT_FOUND',
    )
    const other = h.createOtherOrganization()
    expectError(
      await h.call('PATCH', `/api/webhooks/${created.id}`, {
        key: other.key,
        body: { isActive: false },
      }),
      404,
      'NOT_FOUND',
    )
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('PATCH', `/api/webhooks/${created.id}`, {
      key: readOnlyKey(),
      body: { isActive: false },
    })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('webhooks.delete', () => {
  test('default', async () => {
    const created = await create()
    const res = await h.call('DELETE', `/api/webhooks/${created.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ success: true })
    expectError(await h.call('GET', `/api/webhooks/${created.id}`), 404, 'NOT_FOUND')
  })

  test('behavior: the delivery log goes with it, and the deletion is audited', async () => {
    const created = await create()
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', { alertId: 'a' })
    expect(deliveriesOf(created.id)).toHaveLength(1)
    await h.call('DELETE', `/api/webhooks/${created.id}`)
    expect(deliveriesOf(created.id)).toHaveLength(0)
    const entry = auditEntries(created.id).find((e) => e.action === 'DELETE')
    expect(entry?.previousState).toMatchObject({ id: created.id })
    expect(entry?.newState).toBeNull()
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const created = await create()
    expectError(await h.call('DELETE', '/api/webhooks/unknown'), 404, 'NOT_FOUND')
    const other = h.createOtherOrganization()
    expectError(
      await h.call('DELETE', `/api/webhooks/${created.id}`, { key: other.key }),
      404,
      'NOT_FOUND',
    )
    expect((await h.call('GET', `/api/webhooks/${created.id}`)).status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('DELETE', `/api/webhooks/${created.id}`, { key: readOnlyKey() })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('webhooks.rotateSecret', () => {
  test('default', async () => {
    const target = await receiver()
    const created = await create({ url: target.url })
    const res = await h.call('POST', `/api/webhooks/${created.id}/rotate-secret`)
    expect(res.status).toBe(200)
    expect(res.body.secret).toMatch(WEBHOOK_SECRET_PATTERN)
    expect(res.body.secret).not.toBe(created.secret)
    expect(res.body.webhook).toMatchObject({ id: created.id, url: target.url })
    expect(res.body.webhook.secret).toBeUndefined()
    // Deliveries are signed with the new secret from now on.
    await h.call('POST', `/api/webhooks/${created.id}/test`)
    const [request] = target.received
    expect(request && verifyReceivedSignatures(res.body.secret, request)).toBe(true)
    expect(request && verifyReceivedSignatures(created.secret, request)).toBe(false)
  })

  test('behavior: audited as SETTINGS_CHANGED, without either secret', async () => {
    const created = await create()
    const res = await h.call('POST', `/api/webhooks/${created.id}/rotate-secret`)
    const entry = auditEntries(created.id).find((e) => e.action === 'SETTINGS_CHANGED')
    expect(entry?.metadata).toMatchObject({ changes: ['secret'] })
    expect(JSON.stringify(entry)).not.toContain(res.body.secret)
    expect(JSON.stringify(entry)).not.toContain(created.secret)
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const created = await create()
    expectError(await h.call('POST', '/api/webhooks/unknown/rotate-secret'), 404, 'NOT_FOUND')
    const other = h.createOtherOrganization()
    expectError(
      await h.call('POST', `/api/webhooks/${created.id}/rotate-secret`, { key: other.key }),
      404,
      'NOT_FOUND',
    )
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('POST', `/api/webhooks/${created.id}/rotate-secret`, {
      key: readOnlyKey(),
    })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('webhooks.test', () => {
  test('default', async () => {
    const target = await receiver()
    const created = await create({ url: target.url, events: ['payment.denied'] })
    const res = await h.call('POST', `/api/webhooks/${created.id}/test`)
    expect(res.status).toBe(200)
    expect(res.body.delivery).toEqual({
      id: expect.any(String),
      webhookId: created.id,
      eventId: expect.stringMatching(/^evt_/),
      event: 'webhook.test',
      attempt: 1,
      status: 'SUCCEEDED',
      responseStatus: 200,
      responseBody: 'ok',
      error: null,
      durationMs: expect.any(Number),
      nextAttemptAt: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      deliveredAt: '2026-04-08T12:00:00.000Z',
    })
    expect(target.received).toHaveLength(1)
    const [request] = target.received
    if (!request) throw new Error('no request')
    const envelope = JSON.parse(request.body)
    expect(envelope).toEqual({
      id: res.body.delivery.eventId,
      event: 'webhook.test',
      timestamp: '2026-04-08T12:00:00.000Z',
      data: expect.objectContaining({ webhookId: created.id }),
    })
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-conto-event': 'webhook.test',
      'x-conto-timestamp': '2026-04-08T12:00:00.000Z',
      'x-conto-delivery-attempt': '1',
      'x-conto-delivery-id': envelope.id,
      'webhook-id': envelope.id,
      'webhook-timestamp': String(Date.parse('2026-04-08T12:00:00.000Z') / 1000),
    })
    expect(request.headers['x-conto-signature']).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(verifyReceivedSignatures(created.secret, request)).toBe(true)
    const webhook = await h.call('GET', `/api/webhooks/${created.id}`)
    expect(webhook.body.lastDeliveryAt).toBe('2026-04-08T12:00:00.000Z')
  })

  test('behavior: a failed first attempt is recorded and the second is scheduled', async () => {
    const target = await receiver(() => ({ status: 500, body: 'x'.repeat(5_000) }))
    const created = await create({ url: target.url })
    const before = Date.now()
    const res = await h.call('POST', `/api/webhooks/${created.id}/test`)
    expect(res.status).toBe(200)
    expect(res.body.delivery).toMatchObject({
      attempt: 1,
      status: 'FAILED',
      responseStatus: 500,
      responseBody: 'x'.repeat(1024),
      error: expect.stringContaining('500'),
      deliveredAt: null,
    })
    // Retries run on real time: 1 s after the failure, whatever the test clock says.
    const retryAt = Date.parse(res.body.delivery.nextAttemptAt)
    expect(retryAt).toBeGreaterThanOrEqual(before + 1_000)
    expect(retryAt).toBeLessThan(Date.now() + 1_000 + 50)
    const rows = deliveriesOf(created.id)
    expect(rows.map((row) => [row.attempt, row.status])).toEqual([
      [1, 'FAILED'],
      [2, 'PENDING'],
    ])
    expect(rows[1]?.nextAttemptAt).toBe(retryAt)
  })

  test('behavior: only this endpoint, even when inactive', async () => {
    const target = await receiver()
    const bystander = await receiver()
    const created = await create({ url: target.url, isActive: false })
    await create({ url: bystander.url })
    const res = await h.call('POST', `/api/webhooks/${created.id}/test`)
    expect(res.body.delivery.status).toBe('SUCCEEDED')
    await worker?.drain()
    expect(target.received).toHaveLength(1)
    expect(bystander.received).toHaveLength(0)
  })

  test('behavior: a receiver that cannot be reached', async () => {
    const target = await receiver()
    const url = target.url
    await target.close()
    receivers = receivers.filter((r) => r !== target)
    const created = await create({ url })
    const res = await h.call('POST', `/api/webhooks/${created.id}/test`)
    expect(res.body.delivery).toMatchObject({
      status: 'FAILED',
      responseStatus: null,
      responseBody: null,
      error: expect.stringContaining('ECONNREFUSED'),
    })
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const created = await create()
    expectError(await h.call('POST', '/api/webhooks/unknown/test'), 404, 'NOT_FOUND')
    const other = h.createOtherOrganization()
    expectError(
      await h.call('POST', `/api/webhooks/${created.id}/test`, { key: other.key }),
      404,
      'NOT_FOUND',
    )
    expect(deliveriesOf(created.id)).toHaveLength(0)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const created = await create()
    const res = await h.call('POST', `/api/webhooks/${created.id}/test`, { key: readOnlyKey() })
    expectError(res, 403, 'INSUFFICIENT_SCOPE')
  })
})

describe('webhooks.listDeliveries', () => {
  test('default', async () => {
    const target = await receiver()
    const created = await create({ url: target.url })
    const tested = await h.call('POST', `/api/webhooks/${created.id}/test`)
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', { alertId: 'a1' })
    const res = await h.call('GET', `/api/webhooks/${created.id}/deliveries`)
    expect(res.status).toBe(200)
    expect(res.body.deliveries).toHaveLength(2)
    expect(res.body.deliveries[0]).toMatchObject({
      event: 'alert.created',
      status: 'PENDING',
      attempt: 1,
      responseStatus: null,
      durationMs: null,
      nextAttemptAt: '2026-04-08T12:00:00.000Z',
    })
    expect(res.body.deliveries[1]).toEqual(tested.body.delivery)
    expect(res.body.pagination).toEqual({ total: 2, limit: 50, offset: 0, hasMore: false })
  })

  test('args: status, event, eventId, limit', async () => {
    const target = await receiver()
    const created = await create({ url: target.url })
    const tested = await h.call('POST', `/api/webhooks/${created.id}/test`)
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', { alertId: 'a1' })
    const ids = async (query: string) =>
      (await h.call('GET', `/api/webhooks/${created.id}/deliveries?${query}`)).body.deliveries.map(
        (d: { event: string }) => d.event,
      )
    expect(await ids('status=SUCCEEDED')).toEqual(['webhook.test'])
    expect(await ids('status=PENDING')).toEqual(['alert.created'])
    expect(await ids('event=alert.created')).toEqual(['alert.created'])
    expect(await ids(`eventId=${tested.body.delivery.eventId}`)).toEqual(['webhook.test'])
    const paged = await h.call('GET', `/api/webhooks/${created.id}/deliveries?limit=1`)
    expect(paged.body.pagination).toEqual({ total: 2, limit: 1, offset: 0, hasMore: true })
  })

  test('error: VALIDATION_ERROR for an unknown status', async () => {
    const created = await create()
    const res = await h.call('GET', `/api/webhooks/${created.id}/deliveries?status=LOST`)
    expectError(res, 400, 'VALIDATION_ERROR')
  })

  test('error: NOT_FOUND for an unknown id and another organization', async () => {
    const created = await create()
    expectError(await h.call('GET', '/api/webhooks/unknown/deliveries'), 404, 'NOT_FOUND')
    const other = h.createOtherOrganization()
    expectError(
      await h.call('GET', `/api/webhooks/${created.id}/deliveries`, { key: other.key }),
      404,
      'NOT_FOUND',
    )
  })

  test('behavior: a READ_ONLY key may list', async () => {
    const created = await create()
    const res = await h.call('GET', `/api/webhooks/${created.id}/deliveries`, {
      key: readOnlyKey(),
    })
    expect(res.status).toBe(200)
  })
})

describe('createWebhookWorker', () => {
  test('default: delivers queued events to subscribed endpoints only', async () => {
    const all = await receiver()
    const denials = await receiver()
    const everything = await create({ url: all.url })
    await create({ url: denials.url, events: ['payment.denied'] })
    await create({ url: all.url, isActive: false })
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', { alertId: 'a1' })
    expect(all.received).toHaveLength(0)
    await worker?.drain()
    expect(all.received).toHaveLength(1)
    expect(denials.received).toHaveLength(0)
    const [request] = all.received
    expect(request && verifyReceivedSignatures(everything.secret, request)).toBe(true)
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      event: 'alert.created',
      data: { alertId: 'a1' },
    })
    expect(deliveriesOf(everything.id).map((row) => row.status)).toEqual(['SUCCEEDED'])
  })

  test('behavior: a receiver failing twice sees attempts 1, 2 and 3 with valid signatures', async () => {
    const target = await receiver((index) => (index < 2 ? { status: 503 } : { status: 200 }))
    const created = await create({ url: target.url })
    worker?.start()
    emitEvent(h.db, h.clock.now(), h.organization.id, 'agent.frozen', {
      agentId: 'a1',
      reason: 'test',
      trigger: 'MANUAL',
    })
    await target.waitFor(3, 15_000)
    const [first, second, third] = target.received
    if (!first || !second || !third) throw new Error('missing attempts')
    expect(target.received.map((r) => r.headers['x-conto-delivery-attempt'])).toEqual([
      '1',
      '2',
      '3',
    ])
    for (const request of target.received) {
      expect(verifyReceivedSignatures(created.secret, request)).toBe(true)
      expect(request.body).toBe(first.body)
      expect(request.headers['x-conto-delivery-id']).toBe(first.headers['x-conto-delivery-id'])
    }
    // Backoff on real time: about 1 s, then about 4 s.
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950)
    expect(second.receivedAt - first.receivedAt).toBeLessThan(2_500)
    expect(third.receivedAt - second.receivedAt).toBeGreaterThanOrEqual(3_950)
    expect(third.receivedAt - second.receivedAt).toBeLessThan(5_500)
    await worker?.drain()
    const listed = await h.call('GET', `/api/webhooks/${created.id}/deliveries`)
    expect(
      listed.body.deliveries.map(
        (d: { attempt: number; status: string; responseStatus: number }) => [
          d.attempt,
          d.status,
          d.responseStatus,
        ],
      ),
    ).toEqual([
      [3, 'SUCCEEDED', 200],
      [2, 'FAILED', 503],
      [1, 'FAILED', 503],
    ])
  }, 20_000)

  test('behavior: the third failed attempt is the last', async () => {
    const fetch = vi.fn(async () => new Response('nope', { status: 500 }))
    setUp('test', { fetch })
    const created = await create()
    const eventId = emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', {})
    h.db
      .update(webhookDeliveries)
      .set({ attempt: 3 })
      .where(eq(webhookDeliveries.eventId, eventId))
      .run()
    await worker?.drain()
    expect(fetch).toHaveBeenCalledTimes(1)
    const rows = deliveriesOf(created.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ attempt: 3, status: 'FAILED', nextAttemptAt: null })
  })

  test('behavior: the URL is checked again before each delivery (DNS rebinding)', async () => {
    const fetch = vi.fn(async () => new Response('ok'))
    setUp('live', { fetch })
    const created = await create()
    dns['hooks.example.com'] = ['127.0.0.1']
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', {})
    await worker?.drain()
    expect(fetch).not.toHaveBeenCalled()
    const [first, second] = deliveriesOf(created.id)
    expect(first).toMatchObject({ status: 'FAILED', responseStatus: null })
    expect(first?.error).toContain('loopback')
    expect(second).toMatchObject({ attempt: 2, status: 'PENDING' })
  })

  test('behavior: timeouts, network errors and redirects are failed attempts', async () => {
    const answers = [
      () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')),
      () => Promise.reject(new TypeError('fetch failed')),
      () =>
        Promise.resolve(
          new Response(null, { status: 302, headers: { location: 'http://10.0.0.1' } }),
        ),
    ]
    const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      expect(init?.redirect).toBe('manual')
      expect(init?.signal).toBeInstanceOf(AbortSignal)
      const answer = answers.shift()
      if (!answer) throw new Error('unexpected call')
      return answer()
    })
    setUp('test', { fetch: fetch as unknown as typeof globalThis.fetch })
    const created = await create()
    for (let i = 0; i < 3; i += 1) {
      emitEvent(h.db, h.clock.now() + i, h.organization.id, 'alert.created', { i })
      await worker?.drain()
    }
    const failed = deliveriesOf(created.id)
      .filter((row) => row.attempt === 1)
      .sort((a, b) => a.createdAt - b.createdAt)
    expect(failed.map((row) => [row.status, row.responseStatus, row.error])).toEqual([
      ['FAILED', null, 'No response within 10 s'],
      ['FAILED', null, 'fetch failed'],
      ['FAILED', 302, 'The endpoint answered HTTP 302'],
    ])
  })

  test('behavior: a disabled endpoint gets no queued delivery', async () => {
    const fetch = vi.fn(async () => new Response('ok'))
    setUp('test', { fetch })
    const created = await create()
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', {})
    await h.call('PATCH', `/api/webhooks/${created.id}`, { body: { isActive: false } })
    await worker?.drain()
    expect(fetch).not.toHaveBeenCalled()
    expect(deliveriesOf(created.id)).toMatchObject([
      { status: 'FAILED', error: 'The webhook endpoint is disabled', nextAttemptAt: null },
    ])
  })

  test('behavior: stop leaves in-flight deliveries pending, and a restart resumes them', async () => {
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
    const target = await receiver()
    const created = await create({ url: target.url })
    emitEvent(h.db, h.clock.now(), h.organization.id, 'alert.created', {})
    worker?.start()
    await inFlight
    await worker?.stop()
    expect(deliveriesOf(created.id)).toMatchObject([{ attempt: 1, status: 'PENDING' }])
    // A new worker on the same database (a restart) finds the pending row.
    worker = createWebhookWorker(h.app.deps, { resolve })
    await worker.drain()
    expect(target.received).toHaveLength(1)
    expect(deliveriesOf(created.id)).toMatchObject([{ attempt: 1, status: 'SUCCEEDED' }])
  })

  test('behavior: the worker ignores rows of a deleted endpoint', async () => {
    const fetch = vi.fn(async () => new Response('ok'))
    setUp('test', { fetch })
    const created = await create()
    h.db
      .insert(webhookDeliveries)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        webhookId: created.id,
        eventId: 'evt_x',
        event: 'alert.created',
        payload: '{}',
        attempt: 1,
        status: 'PENDING',
        nextAttemptAt: h.clock.now(),
        createdAt: h.clock.now(),
      })
      .run()
    await h.call('DELETE', `/api/webhooks/${created.id}`)
    await worker?.drain()
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('startServer', () => {
  test('behavior: the server runs the delivery worker', async () => {
    const target = await receiver()
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
      const created = await fetch(`${server.url}/api/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: target.url }),
      })
      expect(created.status).toBe(201)
      const { secret } = (await created.json()) as { secret: string }
      emitEvent(db, now, organization.id, 'agent.unfrozen', { agentId: 'a1' })
      await target.waitFor(1, 5_000)
      const [request] = target.received
      expect(request && verifyReceivedSignatures(secret, request)).toBe(true)
    } finally {
      await server.close()
    }
  })
})
