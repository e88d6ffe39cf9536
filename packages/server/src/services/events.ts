import type { WebhookEventType } from '@conto/schemas'
import { toIso } from '../clock.js'
import { insertWebhookDelivery } from '../db/repositories/webhook-deliveries.js'
import { listEventTargets } from '../db/repositories/webhooks.js'
import type { DbLike } from '../db/transaction.js'
import { createId } from '../ids.js'

/**
 * Announces an event to the organization's webhooks: one PENDING delivery row per active,
 * subscribed endpoint, written in the caller's transaction — so an event exists exactly when the
 * change it announces was committed, and a restart finds undelivered events in the table (the
 * delivery worker sends them off the request path).
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
  return eventId
}
