import type { Violation, WebhookEventType } from '@conto/schemas'
import { toIso } from '../clock.js'
import { insertWebhookDelivery } from '../db/repositories/webhook-deliveries.js'
import { listEventTargets } from '../db/repositories/webhooks.js'
import type { DbLike } from '../db/transaction.js'
import { createId } from '../ids.js'
import { enqueueChannelMessages, isChannelEvent } from './channel-outbox.js'

/**
 * Announces an event to the organization's webhooks and notification channels: one PENDING
 * delivery row per active, subscribed webhook endpoint and one PENDING outbox message per active,
 * subscribed channel (approval events, and `payment.executed` on WEBHOOK channels), written in the
 * caller's transaction — so an event exists exactly when the change it announces was committed,
 * and a restart finds unsent events in the tables (the delivery and channel workers send them off
 * the request path).
 */
export function emitEvent(
  db: DbLike,
  now: number,
  organizationId: string,
  event: WebhookEventType | 'webhook.test',
  data: Record<string, unknown>,
  options: { readonly onlyWebhookId?: string } = {},
): string {
  const eventId = `evt_${createId()}`
  const endpoints = listEventTargets(db, organizationId, options.onlyWebhookId)
  const payload = JSON.stringify({ id: eventId, event, timestamp: toIso(now), data })
  for (const endpoint of endpoints) {
    const subscribed =
      options.onlyWebhookId !== undefined ||
      endpoint.events.length === 0 ||
      endpoint.events.includes(event)
    if (!subscribed) continue
    insertWebhookDelivery(db, {
      id: createId(),
      organizationId,
      webhookId: endpoint.id,
      eventId,
      event,
      payload,
      attempt: 1,
      status: 'PENDING',
      nextAttemptAt: now,
      createdAt: now,
    })
  }
  if (options.onlyWebhookId === undefined && isChannelEvent(event)) {
    enqueueChannelMessages(db, now, { organizationId, eventId, event, data })
  }
  return eventId
}

/**
 * Announces a denied payment request: `payment.denied` with its reasons and violations, and —
 * naming the rule that stopped it — the older event list's `policy.violated` (§4.15, §5.4).
 * `data` is the request's event data (`requestId`, `agentId`, `amount`, `currency`, …).
 */
export function emitPaymentDenied(
  db: DbLike,
  now: number,
  organizationId: string,
  data: Record<string, unknown>,
  decision: { readonly reasons: readonly string[]; readonly violations: readonly Violation[] },
): void {
  emitEvent(db, now, organizationId, 'payment.denied', {
    ...data,
    reasons: decision.reasons,
    violations: decision.violations,
  })
  const violation = decision.violations[0]
  if (violation === undefined) return
  emitEvent(db, now, organizationId, 'policy.violated', {
    ...data,
    violation,
    policyId: violation.policyId ?? null,
    ruleId: violation.ruleId ?? null,
    violationType: violation.type,
  })
}
