import {
  type createNotificationChannelParamsSchema,
  type ListNotificationChannelsResponse,
  type listNotificationChannelsQuerySchema,
  type NotificationChannel,
  type NotificationChannelType,
  notificationChannelConfigSchemas,
  type SuccessResponse,
  type TestNotificationChannelResponse,
  toValidationIssues,
  type updateNotificationChannelParamsSchema,
  wireErrorCodeOf,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import { insertChannelMessage } from '../db/repositories/channel-messages.js'
import {
  deleteNotificationChannel,
  findNotificationChannel,
  insertNotificationChannel,
  lastUsedAtOf,
  listNotificationChannels,
  type NotificationChannelPatch,
  type NotificationChannelRow,
  updateNotificationChannel,
} from '../db/repositories/notification-channels.js'
import { type DbLike, inTransaction, type Tx } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall, type ServiceDeps } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { maskChannelConfig, sealChannelConfig } from './channel-config.js'
import { channelWorkerOf } from './channel-delivery.js'
import type { ChannelEnvelope } from './channel-outbox.js'
import { paginationOf } from './pagination.js'
import { assertWebhookUrlAllowed } from './webhook-url-policy.js'
import { generateWebhookSecret } from './webhooks.js'

/**
 * Notification channels (§2.10): where approval requests (with one-time approve/reject tokens)
 * and approval outcomes are sent — email, Slack, Telegram, WhatsApp or a webhook. Secrets in a
 * channel's `config` are sealed at rest and masked in every response (`channel-config.ts`); a
 * WEBHOOK channel gets a generated signing secret, shown once at creation. WEBHOOK URLs follow the
 * webhook URL policy at configuration and again before every send. Changes are audited as
 * `settings` changes with masked configs.
 */

type ListQuery = z.output<typeof listNotificationChannelsQuerySchema>
type CreateInput = z.output<typeof createNotificationChannelParamsSchema>
type UpdateInput = z.output<typeof updateNotificationChannelParamsSchema>

/** The event only WEBHOOK channels may carry. */
const WEBHOOK_ONLY_EVENT = 'payment.executed'
/** The event name of the message `POST /api/channels/{id}/test` sends. */
export const CHANNEL_TEST_EVENT = 'channel.test'

/** A channel row as the API returns it: secrets masked. */
export function toChannelResponse(
  row: NotificationChannelRow,
  lastUsedAt: number | null = null,
): NotificationChannel {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    config: maskChannelConfig(row.type, row.config),
    events: [...row.events],
    isActive: row.isActive,
    lastUsedAt: toIsoOrNull(lastUsedAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

function requireChannel(call: ServiceCall, db: DbLike, channelId: string): NotificationChannelRow {
  const row = findNotificationChannel(db, organizationIdOf(call.auth), channelId)
  if (!row) throw notFound('Notification channel', channelId)
  return row
}

function responseOf(db: DbLike, row: NotificationChannelRow): NotificationChannel {
  return toChannelResponse(row, lastUsedAtOf(db, [row.id]).get(row.id) ?? null)
}

/** The webhook URL policy at configuration: an unresolvable host is accepted in test mode only. */
async function checkUrl(deps: ServiceDeps, url: string): Promise<void> {
  await assertWebhookUrlAllowed(url, {
    mode: deps.mode,
    resolve: channelWorkerOf(deps).resolve,
    allowUnresolvable: deps.mode === 'test',
  })
}

function audit(
  call: ServiceCall,
  tx: Tx,
  action: string,
  channelId: string,
  before: NotificationChannelRow | undefined,
  after: NotificationChannelRow | undefined,
  metadata: Record<string, unknown> = {},
): void {
  recordAudit(tx, call.deps.clock.now(), {
    organizationId: organizationIdOf(call.auth),
    action,
    resource: 'settings',
    resourceId: channelId,
    previousState: before ? toChannelResponse(before) : null,
    newState: after ? toChannelResponse(after) : null,
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { setting: 'notification_channel', ...metadata },
  })
}

/** 400 VALIDATION_ERROR with one issue at `path`. */
function invalid(path: (string | number)[], message: string): ApiError {
  return new ApiError('VALIDATION_ERROR', `${path.join('.')}: ${message}`, {
    issues: [{ path, message }],
  })
}

function assertEventsAllowed(type: string, events: readonly string[]): void {
  const index = events.indexOf(WEBHOOK_ONLY_EVENT)
  if (type !== 'WEBHOOK' && index >= 0) {
    throw invalid(['events', index], `${WEBHOOK_ONLY_EVENT} is only available on WEBHOOK channels`)
  }
}

/** A new `config` checked against the channel's stored type (the PATCH body cannot know it). */
function parseConfigFor(type: string, config: unknown): Record<string, unknown> {
  const schema = notificationChannelConfigSchemas[type as NotificationChannelType]
  if (!schema) throw invalid(['config'], `channels of type ${type} cannot be reconfigured`)
  const parsed = schema.safeParse(config)
  if (parsed.success) return parsed.data as Record<string, unknown>
  const issues = toValidationIssues(parsed.error.issues).map((issue) => ({
    ...issue,
    path: ['config', ...issue.path],
  }))
  const first = issues[0]
  throw new ApiError(
    wireErrorCodeOf(parsed.error.issues),
    `config does not fit a ${type} channel: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid value'}`,
    { issues },
  )
}

export function listChannels(
  call: ServiceCall,
  query: ListQuery,
): ListNotificationChannelsResponse {
  const { rows, total } = listNotificationChannels(
    call.deps.db,
    organizationIdOf(call.auth),
    { type: query.type, isActive: query.isActive },
    query,
  )
  const lastUsed = lastUsedAtOf(
    call.deps.db,
    rows.map((row) => row.id),
  )
  return {
    channels: rows.map((row) => toChannelResponse(row, lastUsed.get(row.id) ?? null)),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function retrieveChannel(call: ServiceCall, channelId: string): NotificationChannel {
  return responseOf(call.deps.db, requireChannel(call, call.deps.db, channelId))
}

/**
 * `POST /api/channels`. A WEBHOOK channel's URL must pass the webhook URL policy, and the
 * response (only this one) carries its generated `config.signingSecret`, which signs every
 * message it receives as webhook secrets do.
 */
export async function createChannel(
  call: ServiceCall,
  input: CreateInput,
): Promise<NotificationChannel> {
  const organizationId = organizationIdOf(call.auth)
  const { deps } = call
  assertEventsAllowed(input.type, input.events)
  if (input.type === 'WEBHOOK') await checkUrl(deps, input.config.url)
  const now = deps.clock.now()
  const id = createId()
  const signingSecret = input.type === 'WEBHOOK' ? generateWebhookSecret() : undefined
  const config = sealChannelConfig(
    input.type,
    id,
    { ...input.config, ...(signingSecret === undefined ? {} : { signingSecret }) },
    deps.secret,
  )
  const row = inTransaction(deps.db, (tx) => {
    const created = insertNotificationChannel(tx, {
      id,
      organizationId,
      name: input.name ?? null,
      type: input.type,
      config,
      events: [...new Set(input.events)],
      isActive: input.isActive,
      createdAt: now,
      updatedAt: now,
    })
    audit(call, tx, 'CREATE', created.id, undefined, created)
    return created
  })
  const response = toChannelResponse(row)
  return signingSecret === undefined
    ? response
    : { ...response, config: { ...response.config, signingSecret } }
}

/**
 * `PATCH /api/channels/{id}`: a new `config` replaces the stored one after it is checked against
 * the channel's type (a secret sent back as its mask keeps the stored secret; a WEBHOOK channel
 * keeps its signing secret); `payment.executed` only on WEBHOOK channels.
 */
export async function updateChannel(
  call: ServiceCall,
  channelId: string,
  input: UpdateInput,
): Promise<NotificationChannel> {
  const organizationId = organizationIdOf(call.auth)
  const { deps } = call
  const current = requireChannel(call, deps.db, channelId)
  const config = input.config === undefined ? undefined : parseConfigFor(current.type, input.config)
  if (input.events !== undefined) assertEventsAllowed(current.type, input.events)
  if (config !== undefined && current.type === 'WEBHOOK')
    await checkUrl(deps, String(config['url']))
  return inTransaction(deps.db, (tx) => {
    const before = requireChannel(call, tx, channelId)
    const changes: NotificationChannelPatch = {}
    if (input.name !== undefined) changes.name = input.name
    if (input.events !== undefined) changes.events = [...new Set(input.events)]
    if (input.isActive !== undefined) changes.isActive = input.isActive
    if (config !== undefined) {
      changes.config = sealChannelConfig(
        before.type,
        before.id,
        config,
        deps.secret,
        before.config,
        ['signingSecret'],
      )
    }
    if (Object.keys(changes).length === 0) return responseOf(tx, before)
    const after = updateNotificationChannel(tx, organizationId, channelId, {
      ...changes,
      updatedAt: deps.clock.now(),
    })
    if (!after) throw notFound('Notification channel', channelId)
    audit(call, tx, 'UPDATE', channelId, before, after, { changes: Object.keys(changes) })
    return responseOf(tx, after)
  })
}

/** `DELETE /api/channels/{id}`: its queued messages and unused action tokens go with it. */
export function deleteChannel(call: ServiceCall, channelId: string): SuccessResponse {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = requireChannel(call, tx, channelId)
    deleteNotificationChannel(tx, organizationId, channelId)
    audit(call, tx, 'DELETE', channelId, before, undefined)
    return { success: true as const, message: 'Notification channel deleted' }
  })
}

/**
 * `POST /api/channels/{id}/test`: sends one test message through the channel now (even when it
 * is inactive) and reports honestly whether it went out — a WEBHOOK channel gets a signed POST
 * (10 s timeout); other channels are simulated in test mode and use the provider's API in live
 * mode (EMAIL has no provider in this server). The send is recorded in the channel's outbox.
 */
export async function testChannel(
  call: ServiceCall,
  channelId: string,
): Promise<TestNotificationChannelResponse> {
  const organizationId = organizationIdOf(call.auth)
  const { deps } = call
  const channel = requireChannel(call, deps.db, channelId)
  const now = deps.clock.now()
  const envelope: ChannelEnvelope = {
    id: `evt_${createId()}`,
    event: CHANNEL_TEST_EVENT,
    timestamp: toIso(now),
    channelId: channel.id,
    data: {
      channelId: channel.id,
      organizationId,
      message: 'Conto: this is a test message from your notification channel.',
    },
  }
  const outcome = await channelWorkerOf(deps).transmit(channel, envelope, 1)
  const finishedAt = deps.clock.now()
  // The channel may have been deleted while the message was in flight.
  if (findNotificationChannel(deps.db, organizationId, channel.id)) {
    insertChannelMessage(deps.db, {
      id: createId(),
      organizationId,
      channelId: channel.id,
      eventId: envelope.id,
      event: CHANNEL_TEST_EVENT,
      payload: JSON.stringify(envelope),
      status: outcome.status,
      attempts: 1,
      lastError: outcome.status === 'FAILED' ? outcome.message : null,
      nextAttemptAt: Date.now(),
      sentAt: outcome.status === 'FAILED' ? null : finishedAt,
      createdAt: now,
      updatedAt: finishedAt,
    })
  }
  return { success: outcome.status !== 'FAILED', message: outcome.message }
}
