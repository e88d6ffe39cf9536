import { randomBytes } from 'node:crypto'
import {
  type CreateWebhookResponse,
  type createWebhookParamsSchema,
  type ListWebhookDeliveriesResponse,
  type ListWebhooksResponse,
  type listWebhookDeliveriesQuerySchema,
  type listWebhooksQuerySchema,
  type RotateWebhookSecretResponse,
  type SuccessResponse,
  type TestWebhookResponse,
  type updateWebhookParamsSchema,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_TEST_EVENT,
  type Webhook,
  type WebhookDelivery,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import {
  findWebhookDelivery,
  findWebhookDeliveryAttempt,
  listWebhookDeliveries as listDeliveryRows,
  type WebhookDeliveryRow,
} from '../db/repositories/webhook-deliveries.js'
import {
  deleteWebhook as deleteWebhookRow,
  findWebhook,
  insertWebhook,
  listWebhooks as listWebhookRows,
  updateWebhook as updateWebhookRow,
  type WebhookPatch,
  type WebhookRow,
} from '../db/repositories/webhooks.js'
import { inTransaction, type Tx } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall, type ServiceDeps } from '../deps.js'
import { notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { emitEvent } from './events.js'
import { paginationOf } from './pagination.js'
import { webhookWorkerOf } from './webhook-delivery.js'
import { assertWebhookUrlAllowed } from './webhook-url-policy.js'

/**
 * Webhook endpoints (§2.11, contract §5): configuration with the URL policy (checked at create
 * and update; the delivery worker checks again before every attempt), signing secrets shown
 * once (at create and rotate), test sends, and the delivery log. Changes are audited as
 * `settings` changes of the endpoint (the secret never enters the audit trail).
 */

type ListQuery = z.output<typeof listWebhooksQuerySchema>
type CreateInput = z.output<typeof createWebhookParamsSchema>
type UpdateInput = z.output<typeof updateWebhookParamsSchema>
type DeliveriesQuery = z.output<typeof listWebhookDeliveriesQuerySchema>

/** A fresh signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

/** A webhook row as the API returns it (never the secret); `events: []` means every event. */
export function toWebhookResponse(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: [...row.events],
    isActive: row.isActive,
    description: row.description,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    lastDeliveryAt: toIsoOrNull(row.lastDeliveryAt),
  }
}

export function toWebhookDeliveryResponse(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    event: row.event,
    attempt: row.attempt,
    status: row.status,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
    durationMs: row.durationMs,
    nextAttemptAt: toIsoOrNull(row.nextAttemptAt),
    createdAt: toIso(row.createdAt),
    deliveredAt: toIsoOrNull(row.deliveredAt),
  }
}

function requireWebhook(call: ServiceCall, db: ServiceDeps['db'] | Tx, webhookId: string) {
  const row = findWebhook(db, organizationIdOf(call.auth), webhookId)
  if (!row) throw notFound('Webhook', webhookId)
  return row
}

/** The URL policy at configuration: an unresolvable host is accepted in test mode only. */
async function checkUrl(deps: ServiceDeps, url: string): Promise<void> {
  await assertWebhookUrlAllowed(url, {
    mode: deps.mode,
    resolve: webhookWorkerOf(deps).resolve,
    allowUnresolvable: deps.mode === 'test',
  })
}

function audit(
  call: ServiceCall,
  tx: Tx,
  action: string,
  webhookId: string,
  before: WebhookRow | undefined,
  after: WebhookRow | undefined,
  metadata: Record<string, unknown> = {},
): void {
  recordAudit(tx, call.deps.clock.now(), {
    organizationId: organizationIdOf(call.auth),
    action,
    resource: 'settings',
    resourceId: webhookId,
    previousState: before ? toWebhookResponse(before) : null,
    newState: after ? toWebhookResponse(after) : null,
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { setting: 'webhook', ...metadata },
  })
}

export function listWebhooks(call: ServiceCall, query: ListQuery): ListWebhooksResponse {
  const { rows, total } = listWebhookRows(
    call.deps.db,
    organizationIdOf(call.auth),
    { isActive: query.isActive },
    query,
  )
  return {
    webhooks: rows.map(toWebhookResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function retrieveWebhook(call: ServiceCall, webhookId: string): Webhook {
  return toWebhookResponse(requireWebhook(call, call.deps.db, webhookId))
}

export async function createWebhook(
  call: ServiceCall,
  input: CreateInput,
): Promise<CreateWebhookResponse> {
  const organizationId = organizationIdOf(call.auth)
  await checkUrl(call.deps, input.url)
  const now = call.deps.clock.now()
  const secret = generateWebhookSecret()
  const row = inTransaction(call.deps.db, (tx) => {
    const created = insertWebhook(tx, {
      id: createId(),
      organizationId,
      url: input.url,
      description: input.description ?? null,
      events: input.events ? [...new Set(input.events)] : [],
      isActive: input.isActive,
      secret,
      lastDeliveryAt: null,
      createdAt: now,
      updatedAt: now,
    })
    audit(call, tx, 'CREATE', created.id, undefined, created)
    return created
  })
  return { ...toWebhookResponse(row), secret }
}

export async function updateWebhook(
  call: ServiceCall,
  webhookId: string,
  input: UpdateInput,
): Promise<Webhook> {
  const organizationId = organizationIdOf(call.auth)
  requireWebhook(call, call.deps.db, webhookId)
  if (input.url !== undefined) await checkUrl(call.deps, input.url)
  const changes: WebhookPatch = {}
  if (input.url !== undefined) changes.url = input.url
  if (input.events !== undefined) changes.events = [...new Set(input.events)]
  if (input.description !== undefined) changes.description = input.description
  if (input.isActive !== undefined) changes.isActive = input.isActive
  return inTransaction(call.deps.db, (tx) => {
    const before = requireWebhook(call, tx, webhookId)
    if (Object.keys(changes).length === 0) return toWebhookResponse(before)
    const after = updateWebhookRow(tx, organizationId, webhookId, {
      ...changes,
      updatedAt: call.deps.clock.now(),
    })
    if (!after) throw notFound('Webhook', webhookId)
    audit(call, tx, 'UPDATE', webhookId, before, after, { changes: Object.keys(changes) })
    return toWebhookResponse(after)
  })
}

export function deleteWebhook(call: ServiceCall, webhookId: string): SuccessResponse {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = requireWebhook(call, tx, webhookId)
    deleteWebhookRow(tx, organizationId, webhookId)
    audit(call, tx, 'DELETE', webhookId, before, undefined)
    return { success: true as const, message: 'Webhook deleted' }
  })
}

/** A new signing secret; the old one stops signing at once (pending retries use the new one). */
export function rotateWebhookSecret(
  call: ServiceCall,
  webhookId: string,
): RotateWebhookSecretResponse {
  const organizationId = organizationIdOf(call.auth)
  const secret = generateWebhookSecret()
  return inTransaction(call.deps.db, (tx) => {
    const before = requireWebhook(call, tx, webhookId)
    const after = updateWebhookRow(tx, organizationId, webhookId, {
      secret,
      updatedAt: call.deps.clock.now(),
    })
    if (!after) throw notFound('Webhook', webhookId)
    audit(call, tx, 'SETTINGS_CHANGED', webhookId, before, after, {
      changes: ['secret'],
      change: 'webhook_secret_rotated',
    })
    return { webhook: toWebhookResponse(after), secret }
  })
}

/**
 * Enqueues a `webhook.test` event for this endpoint only (even when inactive), delivers its
 * first attempt right away and returns that attempt. A failed attempt is retried by the worker
 * like any other delivery.
 */
export async function testWebhook(
  call: ServiceCall,
  webhookId: string,
): Promise<TestWebhookResponse> {
  const organizationId = organizationIdOf(call.auth)
  const now = call.deps.clock.now()
  const { webhook, eventId } = inTransaction(call.deps.db, (tx) => {
    const row = requireWebhook(call, tx, webhookId)
    const id = emitEvent(
      tx,
      now,
      organizationId,
      WEBHOOK_TEST_EVENT,
      {
        webhookId: row.id,
        organizationId,
        message: 'This is a test event from Conto.',
      },
      { onlyWebhookId: row.id },
    )
    return { webhook: row, eventId: id }
  })
  const first = findWebhookDeliveryAttempt(call.deps.db, organizationId, webhook.id, eventId, 1)
  if (!first) throw notFound('Webhook', webhookId)
  await webhookWorkerOf(call.deps).deliver(first)
  const delivered = findWebhookDelivery(call.deps.db, organizationId, first.id) ?? first
  return { delivery: toWebhookDeliveryResponse(delivered) }
}

export function listWebhookDeliveries(
  call: ServiceCall,
  webhookId: string,
  query: DeliveriesQuery,
): ListWebhookDeliveriesResponse {
  const organizationId = organizationIdOf(call.auth)
  requireWebhook(call, call.deps.db, webhookId)
  const { rows, total } = listDeliveryRows(
    call.deps.db,
    organizationId,
    webhookId,
    { status: query.status, event: query.event, eventId: query.eventId },
    query,
  )
  return {
    deliveries: rows.map(toWebhookDeliveryResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}
