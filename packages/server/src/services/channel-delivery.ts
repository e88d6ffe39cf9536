import { defaults } from '@conto/schemas'
import {
  type ChannelMessageRow,
  findChannelMessage,
  listDueChannelMessages,
  recordChannelMessageAttempt,
} from '../db/repositories/channel-messages.js'
import {
  findNotificationChannel,
  type NotificationChannelRow,
} from '../db/repositories/notification-channels.js'
import type { ServiceDeps } from '../deps.js'
import { openChannelConfig, secretValuesOf } from './channel-config.js'
import { renderChannelText } from './channel-message-text.js'
import { type ChannelEnvelope, REDACTED_TOKEN } from './channel-outbox.js'
import {
  type ChannelProviderUrls,
  defaultChannelProviderUrls,
  providerNameOf,
  sendThroughProvider,
} from './channel-providers.js'
import { createOutboxWorker } from './outbox-worker.js'
import { describeNetworkError, signedWebhookHeaders } from './webhook-delivery.js'
import { assertWebhookUrlAllowed, type HostResolver, resolveHost } from './webhook-url-policy.js'

/**
 * Notification-channel delivery: a worker that takes due PENDING rows of `channel_messages` (the
 * outbox `emitEvent` fills) off the request path and sends each through its channel —
 * WEBHOOK channels get the JSON envelope as a signed POST (the webhook signatures and headers,
 * keyed with the channel's signing secret, after the webhook URL policy); Slack, Telegram and
 * WhatsApp get a text message, simulated in test mode (SIMULATED, nothing leaves the server) and
 * sent through the provider's API in live mode; EMAIL has no provider here and fails.
 *
 * Up to 3 attempts on a transient failure (network, timeout, HTTP 429/5xx, a refused webhook),
 * after 1 s and 4 s of REAL time like webhook retries (a frozen test clock never stalls them).
 * Once a message is finished (SENT, SIMULATED or FAILED) its action tokens are redacted from the
 * stored payload, so the outbox keeps no usable token after it has done its job.
 */

export interface ChannelWorkerOptions {
  /** The HTTP client (default the global `fetch`). */
  readonly fetch?: typeof fetch
  /** How often the worker looks for due messages, in ms (default 250). */
  readonly intervalMs?: number
  /** Host resolution for the webhook URL policy (default node:dns `lookup`); tests stub it. */
  readonly resolve?: HostResolver
  /** Most messages in flight at once (default 20). */
  readonly concurrency?: number
  /** The server's public base URL; action URLs in messages are made absolute against it. */
  readonly baseUrl?: string
  /** The chat providers' API base URLs (tests point them at a stub). */
  readonly providerUrls?: Partial<ChannelProviderUrls>
  /** Delay before each attempt in ms (default the webhook schedule: 0, 1 s, 4 s). */
  readonly retryDelaysMs?: readonly number[]
}

/** The outcome of one send; `retryable` failures are attempted again (up to 3 attempts). */
export interface ChannelSendOutcome {
  readonly status: 'SENT' | 'SIMULATED' | 'FAILED'
  readonly message: string
  readonly retryable: boolean
}

export interface ChannelWorker {
  /** Polls for due messages every `intervalMs` until `stop()`. */
  start(): void
  /** Stops polling, aborts in-flight sends (their rows stay PENDING) and waits for them. */
  stop(): Promise<void>
  /** Makes one attempt at everything due now and waits until nothing is in flight. */
  drain(): Promise<void>
  /** Makes one attempt at a PENDING message now; joins it when already in flight. */
  send(message: ChannelMessageRow): Promise<void>
  /** Sends `envelope` through `channel` once and reports the outcome, recording nothing. */
  transmit(
    channel: NotificationChannelRow,
    envelope: ChannelEnvelope,
    attempt: number,
  ): Promise<ChannelSendOutcome>
  /** The host resolver the URL policy uses with this worker's deps. */
  readonly resolve: HostResolver
}

const workersByDeps = new WeakMap<ServiceDeps, ChannelWorker>()

/** The channel worker of `deps`: the one `createChannelWorker` made, else an unstarted default. */
export function channelWorkerOf(deps: ServiceDeps): ChannelWorker {
  return workersByDeps.get(deps) ?? createChannelWorker(deps)
}

const MAX_ATTEMPTS = defaults.webhook.maxAttempts
const TIMEOUT_MS = defaults.webhook.timeoutMs

/** Creates the channel worker of `deps` (and makes it the one services use). */
export function createChannelWorker(
  deps: ServiceDeps,
  options: ChannelWorkerOptions = {},
): ChannelWorker {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))
  const resolve = options.resolve ?? resolveHost
  const intervalMs = options.intervalMs ?? 250
  const concurrency = options.concurrency ?? 20
  const urls: ChannelProviderUrls = { ...defaultChannelProviderUrls, ...options.providerUrls }
  const retryDelaysMs = options.retryDelaysMs ?? defaults.webhook.retryDelaysMs
  const queue = createOutboxWorker<ChannelMessageRow>({
    name: 'channel message',
    logger: deps.logger,
    intervalMs,
    concurrency,
    listDue: (now, limit) => listDueChannelMessages(deps.db, now, limit),
    attempt: attemptMessage,
    giveUp: (row) =>
      finish(row, { status: 'FAILED', message: 'Internal error while sending', retryable: false }),
  })

  async function attemptMessage(queued: ChannelMessageRow): Promise<void> {
    // The row may have been sent meanwhile (a poll racing `send`): never send twice.
    const row = findChannelMessage(deps.db, queued.organizationId, queued.id)
    if (row?.status !== 'PENDING') return
    const channel = findNotificationChannel(deps.db, row.organizationId, row.channelId)
    if (!channel) return
    if (!channel.isActive) {
      finish(row, { status: 'FAILED', message: 'The channel is disabled', retryable: false })
      return
    }
    let envelope: ChannelEnvelope
    try {
      envelope = JSON.parse(row.payload) as ChannelEnvelope
    } catch {
      finish(row, { status: 'FAILED', message: 'The stored message is not JSON', retryable: false })
      return
    }
    const outcome = await transmit(channel, envelope, row.attempts + 1)
    if (queue.signal.aborted && outcome.status === 'FAILED') return
    finish(row, outcome)
  }

  /** Records an attempt: finished (redacted) or scheduled again on real time. */
  function finish(row: ChannelMessageRow, outcome: ChannelSendOutcome): void {
    const attempts = row.attempts + 1
    const now = deps.clock.now()
    const retry = outcome.status === 'FAILED' && outcome.retryable && attempts < MAX_ATTEMPTS
    recordChannelMessageAttempt(deps.db, row.organizationId, row.id, row.attempts, {
      attempts,
      lastError: outcome.status === 'FAILED' ? outcome.message : null,
      updatedAt: now,
      ...(retry
        ? {
            nextAttemptAt: Date.now() + (retryDelaysMs[attempts] ?? 0),
          }
        : {
            status: outcome.status,
            sentAt: outcome.status === 'FAILED' ? null : now,
            payload: redactTokens(row.payload),
          }),
    })
  }

  async function transmit(
    channel: NotificationChannelRow,
    envelope: ChannelEnvelope,
    attempt: number,
  ): Promise<ChannelSendOutcome> {
    const signal = AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), queue.signal])
    let config: Record<string, unknown>
    try {
      config = openChannelConfig(channel.type, channel.id, channel.config, deps.secret)
    } catch {
      return {
        status: 'FAILED',
        message: "The channel's secrets cannot be decrypted with this server's secret",
        retryable: false,
      }
    }
    const sent = withActionUrl(envelope, options.baseUrl)
    try {
      if (channel.type === 'WEBHOOK') return await postWebhook(config, sent, attempt, signal)
      if (deps.mode === 'test') {
        return {
          status: 'SIMULATED',
          message: `Simulated in test mode: nothing was sent to ${providerNameOf(channel.type)}`,
          retryable: false,
        }
      }
      const outcome = await sendThroughProvider(channel.type, config, renderChannelText(sent), {
        fetch: fetchImpl,
        urls,
        signal,
      })
      return { status: outcome.ok ? 'SENT' : 'FAILED', ...outcome }
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      // A network error may quote the request URL, which holds a Telegram bot token.
      let message = timedOut
        ? `No response within ${TIMEOUT_MS / 1000} s`
        : describeNetworkError(error)
      for (const value of secretValuesOf(channel.type, config)) {
        message = message.split(value).join('[secret]')
      }
      return { status: 'FAILED', message, retryable: !queue.signal.aborted }
    }
  }

  async function postWebhook(
    config: Record<string, unknown>,
    envelope: ChannelEnvelope,
    attempt: number,
    signal: AbortSignal,
  ): Promise<ChannelSendOutcome> {
    const url = typeof config['url'] === 'string' ? config['url'] : ''
    const secret = typeof config['signingSecret'] === 'string' ? config['signingSecret'] : ''
    if (secret === '') {
      return {
        status: 'FAILED',
        message: 'The channel has no signing secret: delete it and create it again',
        retryable: false,
      }
    }
    try {
      await assertWebhookUrlAllowed(url, { mode: deps.mode, resolve })
    } catch (error) {
      return { status: 'FAILED', message: describeNetworkError(error), retryable: false }
    }
    const body = JSON.stringify(envelope)
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: signedWebhookHeaders({
        userAgent: 'Conto-Channels/1.0',
        secret,
        eventId: envelope.id,
        event: envelope.event,
        eventTime: envelope.timestamp,
        attempt,
        now: deps.clock.now(),
        body,
      }),
      body,
      // A redirect could point anywhere (SSRF): it counts as a failed attempt.
      redirect: 'manual',
      signal,
    })
    await response.body?.cancel().catch(() => {})
    const ok = response.status >= 200 && response.status < 300
    return ok
      ? {
          status: 'SENT',
          message: `The endpoint answered HTTP ${response.status}`,
          retryable: false,
        }
      : {
          status: 'FAILED',
          message: `The endpoint answered HTTP ${response.status}`,
          retryable: true,
        }
  }

  const worker: ChannelWorker = {
    resolve,
    start: queue.start,
    stop: queue.stop,
    drain: queue.drain,
    send: queue.run,
    transmit,
  }
  workersByDeps.set(deps, worker)
  return worker
}

/** The envelope as sent: its action URL made absolute against the server's base URL. */
function withActionUrl(envelope: ChannelEnvelope, baseUrl: string | undefined): ChannelEnvelope {
  if (!envelope.actions || baseUrl === undefined) return envelope
  let url: string
  try {
    url = new URL(envelope.actions.url, baseUrl).toString()
  } catch {
    return envelope
  }
  return { ...envelope, actions: { ...envelope.actions, url } }
}

/** The stored payload with its action tokens replaced (a finished message keeps no token). */
export function redactTokens(payload: string): string {
  let envelope: ChannelEnvelope
  try {
    envelope = JSON.parse(payload) as ChannelEnvelope
  } catch {
    return payload
  }
  if (!envelope.actions) return payload
  return JSON.stringify({
    ...envelope,
    actions: {
      ...envelope.actions,
      approve: { ...envelope.actions.approve, token: REDACTED_TOKEN },
      reject: { ...envelope.actions.reject, token: REDACTED_TOKEN },
    },
  })
}
