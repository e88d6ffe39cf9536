import { createHmac } from 'node:crypto'
import { defaults, WEBHOOK_SECRET_PREFIX, WEBHOOK_TEST_EVENT, webhookHeaders } from '@conto/schemas'
import {
  completeWebhookDelivery,
  findWebhookDelivery,
  insertWebhookDelivery,
  listDueDeliveries,
  type WebhookDeliveryRow,
} from '../db/repositories/webhook-deliveries.js'
import { findWebhook, updateWebhook, type WebhookRow } from '../db/repositories/webhooks.js'
import { inTransaction } from '../db/transaction.js'
import type { ServiceDeps } from '../deps.js'
import { createId } from '../ids.js'
import { createOutboxWorker } from './outbox-worker.js'
import { assertWebhookUrlAllowed, type HostResolver, resolveHost } from './webhook-url-policy.js'

/**
 * Webhook delivery (contract §5): a worker that takes due PENDING rows of `webhook_deliveries`
 * (the persisted queue `emitEvent` fills) off the request path, re-checks the target URL (DNS
 * rebinding), POSTs the stored envelope signed with `X-Conto-Signature` and the Standard Webhooks
 * headers, and records every attempt as a row. A failed attempt schedules the next one as a new
 * PENDING row (attempt 2 after 1 s, attempt 3 after 4 s), up to 3 attempts.
 *
 * Retry delays run on REAL time (`Date.now()`), never on the test clock, so a frozen or advanced
 * test clock neither stalls nor skips the backoff; `nextAttemptAt` of a retry is therefore a
 * real-time instant. Every other timestamp (`createdAt`, `deliveredAt`, the event time) reads
 * the server clock.
 */

export interface WebhookWorkerOptions {
  /** The HTTP client (default the global `fetch`). */
  readonly fetch?: typeof fetch
  /** How often the worker looks for due deliveries, in ms (default 250). */
  readonly intervalMs?: number
  /** Host resolution for the URL policy (default node:dns `lookup`); tests stub it. */
  readonly resolve?: HostResolver
  /** Most deliveries in flight at once (default 50). */
  readonly concurrency?: number
}

export interface WebhookWorker {
  /** Polls for due deliveries every `intervalMs` until `stop()`. */
  start(): void
  /** Stops polling, aborts in-flight requests (their rows stay PENDING) and waits for them. */
  stop(): Promise<void>
  /** Delivers everything due now and waits until nothing is in flight. */
  drain(): Promise<void>
  /** Sends one PENDING delivery now (the `webhooks.test` endpoint); joins it when in flight. */
  deliver(delivery: WebhookDeliveryRow): Promise<void>
  /** The host resolver the URL policy uses with this worker's deps. */
  readonly resolve: HostResolver
}

/** The worker (or on-demand deliverer) of each app's deps, so routes reach the same transport. */
const workersByDeps = new WeakMap<ServiceDeps, WebhookWorker>()

/** The webhook worker of `deps`: the one `createWebhookWorker` made, else an unstarted default. */
export function webhookWorkerOf(deps: ServiceDeps): WebhookWorker {
  return workersByDeps.get(deps) ?? createWebhookWorker(deps)
}

const RESPONSE_BODY_LIMIT = 1_024
/** Bytes read from a receiver's response before giving up on the rest. */
const RESPONSE_READ_LIMIT = 4 * RESPONSE_BODY_LIMIT

export interface WebhookSignatures {
  /** `X-Conto-Signature`: `sha256=` + hex HMAC-SHA256 keyed with the whole secret as UTF-8. */
  readonly contoSignature: string
  /** `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the decoded secret. */
  readonly standardSignature: string
}

/** Both signatures of a delivery body (`timestamp` in unix seconds). */
export function signWebhookPayload(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): WebhookSignatures {
  const conto = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')
  const key = Buffer.from(
    secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret,
    'base64',
  )
  const standard = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
  return { contoSignature: `sha256=${conto}`, standardSignature: `v1,${standard}` }
}

/**
 * The headers of a signed delivery POST: the Conto headers (`X-Conto-Signature`, event, time,
 * attempt, delivery id) and the Standard Webhooks ones, signed at `now` (ms) over `body`.
 */
export function signedWebhookHeaders(input: {
  readonly userAgent: string
  readonly secret: string
  readonly eventId: string
  readonly event: string
  /** The event's time, ISO-8601 (`X-Conto-Timestamp`). */
  readonly eventTime: string
  readonly attempt: number
  readonly now: number
  readonly body: string
}): Record<string, string> {
  const timestamp = Math.floor(input.now / 1000)
  const signatures = signWebhookPayload(input.secret, input.eventId, timestamp, input.body)
  return {
    'content-type': 'application/json',
    'user-agent': input.userAgent,
    [webhookHeaders.event]: input.event,
    [webhookHeaders.timestamp]: input.eventTime,
    [webhookHeaders.attempt]: String(input.attempt),
    [webhookHeaders.deliveryId]: input.eventId,
    [webhookHeaders.signature]: signatures.contoSignature,
    [webhookHeaders.standardId]: input.eventId,
    [webhookHeaders.standardTimestamp]: String(timestamp),
    [webhookHeaders.standardSignature]: signatures.standardSignature,
  }
}

/** Creates the delivery worker of `deps` (and makes it the one routes use). */
export function createWebhookWorker(
  deps: ServiceDeps,
  options: WebhookWorkerOptions = {},
): WebhookWorker {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))
  const resolve = options.resolve ?? resolveHost
  const intervalMs = options.intervalMs ?? 250
  const concurrency = options.concurrency ?? 50
  const queue = createOutboxWorker<WebhookDeliveryRow>({
    name: 'webhook delivery',
    logger: deps.logger,
    intervalMs,
    concurrency,
    listDue: (now, limit) => listDueDeliveries(deps.db, now, limit),
    attempt: attemptDelivery,
    giveUp: (row) =>
      completeWebhookDelivery(deps.db, row.organizationId, row.id, {
        status: 'FAILED',
        error: 'Internal error while delivering',
        nextAttemptAt: null,
      }),
  })

  async function attemptDelivery(queued: WebhookDeliveryRow): Promise<void> {
    // The row may have been sent meanwhile (a poll racing `webhooks.test`): never send twice.
    const row = findWebhookDelivery(deps.db, queued.organizationId, queued.id)
    if (row?.status !== 'PENDING') return
    const webhook = findWebhook(deps.db, row.organizationId, row.webhookId)
    if (!webhook) return
    if (!webhook.isActive && row.event !== WEBHOOK_TEST_EVENT) {
      record(row, webhook, {
        ok: false,
        responseStatus: null,
        responseBody: null,
        error: 'The webhook endpoint is disabled',
        durationMs: 0,
        retry: false,
      })
      return
    }
    const started = performance.now()
    const outcome = await post(row, webhook)
    if (outcome === 'aborted') return
    record(row, webhook, {
      ...outcome,
      durationMs: Math.max(0, Math.round(performance.now() - started)),
      retry: true,
    })
  }

  async function post(
    row: WebhookDeliveryRow,
    webhook: WebhookRow,
  ): Promise<
    | 'aborted'
    | {
        ok: boolean
        responseStatus: number | null
        responseBody: string | null
        error: string | null
      }
  > {
    try {
      await assertWebhookUrlAllowed(webhook.url, { mode: deps.mode, resolve })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return { ok: false, responseStatus: null, responseBody: null, error: message }
    }
    const signal = AbortSignal.any([AbortSignal.timeout(defaults.webhook.timeoutMs), queue.signal])
    try {
      const response = await fetchImpl(webhook.url, {
        method: 'POST',
        headers: signedWebhookHeaders({
          userAgent: 'Conto-Webhooks/1.0',
          secret: webhook.secret,
          eventId: row.eventId,
          event: row.event,
          eventTime: eventTimeOf(row),
          attempt: row.attempt,
          now: deps.clock.now(),
          body: row.payload,
        }),
        body: row.payload,
        // A redirect could point anywhere (SSRF): it counts as a failed attempt.
        redirect: 'manual',
        signal,
      })
      const responseBody = await readLimited(response)
      return {
        ok: response.status >= 200 && response.status < 300,
        responseStatus: response.status,
        responseBody,
        error:
          response.status >= 200 && response.status < 300
            ? null
            : `The endpoint answered HTTP ${response.status}`,
      }
    } catch (error) {
      if (queue.signal.aborted) return 'aborted'
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      return {
        ok: false,
        responseStatus: null,
        responseBody: null,
        error: timedOut
          ? `No response within ${defaults.webhook.timeoutMs / 1000} s`
          : describeNetworkError(error),
      }
    }
  }

  function record(
    row: WebhookDeliveryRow,
    webhook: WebhookRow,
    outcome: {
      ok: boolean
      responseStatus: number | null
      responseBody: string | null
      error: string | null
      durationMs: number
      retry: boolean
    },
  ): void {
    const now = deps.clock.now()
    const maxAttempts = defaults.webhook.maxAttempts
    const retryAt =
      !outcome.ok && outcome.retry && row.attempt < maxAttempts
        ? Date.now() + (defaults.webhook.retryDelaysMs[row.attempt] ?? 0)
        : null
    inTransaction(deps.db, (tx) => {
      const completed = completeWebhookDelivery(tx, row.organizationId, row.id, {
        status: outcome.ok ? 'SUCCEEDED' : 'FAILED',
        responseStatus: outcome.responseStatus,
        responseBody: outcome.responseBody,
        error: outcome.error,
        durationMs: outcome.durationMs,
        nextAttemptAt: retryAt,
        deliveredAt: outcome.ok ? now : null,
      })
      // Deleted meanwhile (the row went with the endpoint) or recorded by another attempt.
      if (!completed || !findWebhook(tx, webhook.organizationId, webhook.id)) return
      updateWebhook(tx, webhook.organizationId, webhook.id, { lastDeliveryAt: now })
      if (retryAt === null) return
      insertWebhookDelivery(tx, {
        id: createId(),
        organizationId: row.organizationId,
        webhookId: row.webhookId,
        eventId: row.eventId,
        event: row.event,
        payload: row.payload,
        attempt: row.attempt + 1,
        status: 'PENDING',
        nextAttemptAt: retryAt,
        createdAt: now,
      })
    })
  }

  const worker: WebhookWorker = {
    resolve,
    start: queue.start,
    stop: queue.stop,
    drain: queue.drain,
    deliver: queue.run,
  }
  workersByDeps.set(deps, worker)
  return worker
}

/** The envelope's event time (`X-Conto-Timestamp`), ISO-8601. */
function eventTimeOf(row: WebhookDeliveryRow): string {
  try {
    const envelope = JSON.parse(row.payload) as { timestamp?: unknown }
    if (typeof envelope.timestamp === 'string') return envelope.timestamp
  } catch {
    // A payload is always the JSON envelope; fall back to the row's time.
  }
  return new Date(row.createdAt).toISOString()
}

/** The first 1,024 characters of a response body, reading at most a few KB of it. */
async function readLimited(response: Response): Promise<string | null> {
  if (!response.body) return null
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < RESPONSE_READ_LIMIT) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } catch {
    // A body cut short still yields what arrived.
  } finally {
    reader.cancel().catch(() => {})
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks))
  return text.slice(0, RESPONSE_BODY_LIMIT)
}

/** A network error as one line: the system error code (e.g. ECONNREFUSED) and its message. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause
    const code =
      cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined
    const detail = cause instanceof Error ? cause.message : error.message
    return code ? `${code}: ${detail}` : detail
  }
  return String(error)
}
