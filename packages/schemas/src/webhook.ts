import * as z from 'zod/mini'
import { freezeTriggers } from './agent.js'
import {
  amountValueSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  issueParams,
  listEnvelopeSchema,
  metadataSchema,
  openEnumSchema,
  paginationQuerySchema,
  queryBooleanSchema,
  successResponseSchema,
} from './common.js'
import { defaults } from './defaults.js'
import { violationSchema } from './policy-decision.js'

/**
 * Webhooks (§2.11, §4.15, §6.1, contract §5): endpoints an organization registers to receive
 * signed event deliveries, the delivery log, and the envelope and payloads receivers parse.
 */

/** Event types of the current docs (the primary list). */
export const currentWebhookEventTypes = [
  'payment.requested',
  'payment.approved',
  'payment.denied',
  'payment.executed',
  'payment.confirmed',
  'payment.failed',
  'payment_request.created',
  'service_payment.recorded',
  'service_payment.failed',
  'agent.frozen',
  'agent.unfrozen',
] as const

/** Event types only the older docs list; still emitted and subscribable. */
export const legacyWebhookEventTypes = [
  'agent.created',
  'agent.updated',
  'agent.paused',
  'agent.resumed',
  'wallet.funded',
  'wallet.low_balance',
  'alert.created',
  'policy.violated',
] as const

/** Approval-workflow events (also what notification channels subscribe to). */
export const approvalWebhookEventTypes = [
  'approval.requested',
  'approval.decided',
  'approval.escalated',
  'approval.expired',
] as const

/** Every event a webhook endpoint can subscribe to: the union of the three lists (§4.15). */
export const webhookEventTypes = [
  ...currentWebhookEventTypes,
  ...legacyWebhookEventTypes,
  ...approvalWebhookEventTypes,
] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]
export const webhookEventTypeSchema = enumSchema(webhookEventTypes, 'event')

/** The event name of the synthetic delivery sent by `POST /api/webhooks/{webhookId}/test`. */
export const WEBHOOK_TEST_EVENT = 'webhook.test'

/** Signing secrets are `whsec_` + base64 of 32 random bytes; shown once. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_'
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{43}=$/
export const webhookSecretSchema = z
  .string()
  .check(
    z.regex(WEBHOOK_SECRET_PATTERN, 'expected whsec_ followed by the base64 of 32 bytes'),
    z.meta({ description: 'Signing secret, shown only once' }),
  )

/** Request headers of every delivery (Conto's own and the Standard Webhooks ones). */
export const webhookHeaders = {
  event: 'X-Conto-Event',
  timestamp: 'X-Conto-Timestamp',
  signature: 'X-Conto-Signature',
  attempt: 'X-Conto-Delivery-Attempt',
  deliveryId: 'X-Conto-Delivery-Id',
  standardId: 'webhook-id',
  standardTimestamp: 'webhook-timestamp',
  standardSignature: 'webhook-signature',
} as const
export type WebhookHeaderName = (typeof webhookHeaders)[keyof typeof webhookHeaders]

export const webhookDeliveryStatuses = ['PENDING', 'SUCCEEDED', 'FAILED'] as const
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number]

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * A webhook target: an absolute http(s) URL. Whether plain HTTP, loopback or private hosts are
 * allowed depends on the server's mode (test: loopback HTTP allowed; live: public HTTPS only),
 * so the server adds that check and answers `INVALID_WEBHOOK_URL`.
 */
export const webhookUrlSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'url is required' : 'url must be a string'),
  })
  .check(
    z.maxLength(2048, {
      message: 'url must be at most 2048 characters',
      ...issueParams('INVALID_WEBHOOK_URL'),
    }),
    z.refine(isHttpUrl, {
      message: 'url must be an absolute https:// (or, in test mode, http://) URL',
      ...issueParams('INVALID_WEBHOOK_URL'),
    }),
    z.meta({ format: 'uri', examples: ['https://example.com/conto/webhooks'] }),
  )

/** Events to subscribe to; empty (as the API shows "every event") or omitted means every event. */
const webhookEventsParamSchema = z.array(webhookEventTypeSchema)

const webhookDescriptionSchema = z
  .string()
  .check(z.maxLength(500, 'description must be at most 500 characters'))

/** A webhook endpoint as the API returns it (the secret is never returned after creation). */
export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(openEnumSchema(webhookEventTypes)),
  isActive: z.boolean(),
  description: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  lastDeliveryAt: z.optional(z.nullable(isoTimestampSchema)),
})
export type Webhook = z.infer<typeof webhookSchema>

/** Body of `POST /api/webhooks`; `events` omitted = every event type. */
export const createWebhookParamsSchema = z.object({
  url: webhookUrlSchema,
  events: z.optional(webhookEventsParamSchema),
  description: z.optional(webhookDescriptionSchema),
  isActive: z._default(z.boolean(), true),
})
export type CreateWebhookParams = z.input<typeof createWebhookParamsSchema>

/** `POST /api/webhooks`: the endpoint plus its signing secret (the only time it is shown). */
export const createWebhookResponseSchema = z.extend(webhookSchema, { secret: webhookSecretSchema })
export type CreateWebhookResponse = z.infer<typeof createWebhookResponseSchema>

/** Body of `PATCH /api/webhooks/{webhookId}`. */
export const updateWebhookParamsSchema = z.object({
  url: z.optional(webhookUrlSchema),
  events: z.optional(webhookEventsParamSchema),
  description: z.optional(z.nullable(webhookDescriptionSchema)),
  isActive: z.optional(z.boolean()),
})
export type UpdateWebhookParams = z.input<typeof updateWebhookParamsSchema>

/** `POST /api/webhooks/{webhookId}/rotate-secret`: the old secret stops working at once. */
export const rotateWebhookSecretResponseSchema = z.object({
  webhook: webhookSchema,
  secret: webhookSecretSchema,
})
export type RotateWebhookSecretResponse = z.infer<typeof rotateWebhookSecretResponseSchema>

/** Query of `GET /api/webhooks`. */
export const listWebhooksQuerySchema = z.extend(paginationQuerySchema, {
  isActive: z.optional(queryBooleanSchema),
})
export type ListWebhooksQuery = z.input<typeof listWebhooksQuerySchema>

export const listWebhooksResponseSchema = listEnvelopeSchema('webhooks', webhookSchema)
export type ListWebhooksResponse = z.infer<typeof listWebhooksResponseSchema>

export const deleteWebhookResponseSchema = successResponseSchema

/** One delivery attempt of one event to one endpoint. */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  event: openEnumSchema(webhookEventTypes),
  attempt: z.number().check(z.int(), z.gte(1), z.lte(defaults.webhook.maxAttempts)),
  status: openEnumSchema(webhookDeliveryStatuses),
  /** HTTP status the receiver answered; null when no response arrived (network error, timeout). */
  responseStatus: z.nullable(z.number().check(z.int())),
  /** The receiver's response body, truncated (first 1,024 characters). */
  responseBody: z.nullable(z.string()),
  error: z.nullable(z.string()),
  /** Null while the attempt has not run yet. */
  durationMs: z.nullable(z.number().check(z.int(), z.gte(0))),
  /** When the next attempt is scheduled; null once delivered or out of attempts. */
  nextAttemptAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
  deliveredAt: z.nullable(isoTimestampSchema),
})
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>

/** `POST /api/webhooks/{webhookId}/test`: the delivery of a synthetic `webhook.test` event. */
export const testWebhookResponseSchema = z.object({ delivery: webhookDeliverySchema })
export type TestWebhookResponse = z.infer<typeof testWebhookResponseSchema>

/** Query of `GET /api/webhooks/{webhookId}/deliveries`. */
export const listWebhookDeliveriesQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(enumSchema(webhookDeliveryStatuses, 'status')),
  event: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  eventId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
})
export type ListWebhookDeliveriesQuery = z.input<typeof listWebhookDeliveriesQuerySchema>

export const listWebhookDeliveriesResponseSchema = listEnvelopeSchema(
  'deliveries',
  webhookDeliverySchema,
)
export type ListWebhookDeliveriesResponse = z.infer<typeof listWebhookDeliveriesResponseSchema>

/** Path parameters `{webhookId}`. */
export const webhookIdParamsSchema = z.object({ webhookId: idSchema })

// ---------------------------------------------------------------------------------------------
// Delivery envelope and payloads
// ---------------------------------------------------------------------------------------------

/** The body of every delivery: `{ id, event, timestamp, data }` (contract §5). */
export const webhookEventSchema = z.object({
  id: z
    .string()
    .check(
      z.regex(/^evt_[A-Za-z0-9_-]+$/, 'expected an event id such as evt_…'),
      z.meta({ description: 'Event id, the same on every attempt; use it to dedupe' }),
    ),
  event: openEnumSchema([...webhookEventTypes, WEBHOOK_TEST_EVENT]),
  timestamp: isoTimestampSchema,
  data: metadataSchema,
})
export type WebhookEvent = z.infer<typeof webhookEventSchema>

/** `data` of `payment.confirmed` (§6.1). */
export const paymentConfirmedWebhookDataSchema = z.object({
  paymentId: z.string(),
  amount: amountValueSchema,
  transactionHash: z.string(),
  transactionId: z.string(),
  organizationId: z.string(),
  agentId: z.string(),
})
export type PaymentConfirmedWebhookData = z.infer<typeof paymentConfirmedWebhookDataSchema>

/** `data` of `payment_request.created`, sent to the paying agent's webhook/callback URL (§6.1). */
export const paymentRequestCreatedWebhookDataSchema = z.object({
  paymentRequestId: z.string(),
  requestingAgentId: z.string(),
  requestingAgentName: z.string(),
  amount: amountValueSchema,
  currency: z.string(),
  purpose: z.nullable(z.string()),
  invoiceId: z.nullable(z.string()),
  approveUrl: z.string(),
  rejectUrl: z.string(),
})
export type PaymentRequestCreatedWebhookData = z.infer<
  typeof paymentRequestCreatedWebhookDataSchema
>

/**
 * `data` of the payment lifecycle events other than `payment.confirmed`
 * (`payment.requested`, `.approved`, `.denied`, `.executed`, `.failed`).
 */
export const paymentWebhookDataSchema = z.object({
  requestId: z.string(),
  agentId: z.string(),
  amount: amountValueSchema,
  currency: z.string(),
  recipientAddress: z.string(),
  status: z.string(),
  reasons: z.optional(z.array(z.string())),
  violations: z.optional(z.array(violationSchema)),
  transactionId: z.optional(z.nullable(z.string())),
  txHash: z.optional(z.nullable(z.string())),
})
export type PaymentWebhookData = z.infer<typeof paymentWebhookDataSchema>

/** `data` of `agent.frozen` and `agent.unfrozen`. */
export const agentFreezeWebhookDataSchema = z.object({
  agentId: z.string(),
  reason: z.nullable(z.string()),
  trigger: openEnumSchema(freezeTriggers),
})
export type AgentFreezeWebhookData = z.infer<typeof agentFreezeWebhookDataSchema>

/** The typed `data` schema of each event that has a documented payload. */
export const webhookEventDataSchemas = {
  'payment.requested': paymentWebhookDataSchema,
  'payment.approved': paymentWebhookDataSchema,
  'payment.denied': paymentWebhookDataSchema,
  'payment.executed': paymentWebhookDataSchema,
  'payment.failed': paymentWebhookDataSchema,
  'payment.confirmed': paymentConfirmedWebhookDataSchema,
  'payment_request.created': paymentRequestCreatedWebhookDataSchema,
  'agent.frozen': agentFreezeWebhookDataSchema,
  'agent.unfrozen': agentFreezeWebhookDataSchema,
} as const satisfies Partial<Record<WebhookEventType, z.ZodMiniType>>
