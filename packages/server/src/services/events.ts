import type { WebhookEventType } from '@conto/schemas'
import { and, eq } from 'drizzle-orm'
import { toIso } from '../clock.js'
import { webhookDeliveries, webhooks } from '../db/schema.js'
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
  const endpoints = db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.organizationId, organizationId),
        options.onlyWebhookId === undefined
          ? eq(webhooks.isActive, true)
          : eq(webhooks.id, options.onlyWebhookId),
      ),
    )
    .all()
  const payload = JSON.stringify({ id: eventId, event, timestamp: toIso(now), data })
  for (const endpoint of endpoints) {
    const subscribed =
      options.onlyWebhookId !== undefined ||
      endpoint.events.length === 0 ||
      endpoint.events.includes(event)
    if (!subscribed) continue
    db.insert(webhookDeliveries)
      .values({
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
      .run()
  }
  return eventId
}
