import { z } from 'zod'
import { agentTypeSchema } from './agent.js'
import {
  amountSchema,
  amountValueSchema,
  approvalTokenSchema,
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
import { trustLevels } from './counterparty.js'
import { defaults } from './defaults.js'
import { orgRoles } from './member.js'
import { paymentExecutionSchema, paymentRequestStatuses } from './payment-request.js'
import { approvalWebhookEventTypes } from './webhook.js'

/**
 * Human approval (§2.10, §4.17, §5.1): approval requests created when a payment matches an
 * approval workflow, the workflows themselves, the notification channels that carry approve/reject
 * buttons, and the unauthenticated channel callback that consumes their one-time tokens.
 */

// ---------------------------------------------------------------------------------------------
// Approval requests
// ---------------------------------------------------------------------------------------------

export const approvalRequestStatuses = [
  'PENDING',
  'APPROVED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
] as const
export type ApprovalRequestStatus = (typeof approvalRequestStatuses)[number]
export const approvalRequestStatusSchema = enumSchema(approvalRequestStatuses, 'status')

/** What is waiting for approval: a managed payment, an external-wallet approval, a budget, a card spend. */
export const approvalRequestTypes = ['PAYMENT', 'EXTERNAL_APPROVAL', 'BUDGET', 'CARD'] as const
export type ApprovalRequestType = (typeof approvalRequestTypes)[number]
export const approvalRequestTypeSchema = enumSchema(approvalRequestTypes, 'type')

/** One approver's vote. */
export const approvalDecisions = ['APPROVED', 'REJECTED'] as const
export type ApprovalDecision = (typeof approvalDecisions)[number]
export const approvalDecisionSchema = enumSchema(approvalDecisions, 'decision')

const approvalReasonSchema = z.string().max(500, 'reason must be at most 500 characters')

/** One recorded approve/reject vote on an approval request. */
export const approvalVoteSchema = z.object({
  id: z.string(),
  approverId: z.string(),
  decision: openEnumSchema(approvalDecisions),
  reason: z.string().nullable(),
  createdAt: isoTimestampSchema,
})
export type ApprovalVote = z.infer<typeof approvalVoteSchema>

/** An approval request as the org API returns it. */
export const approvalRequestSchema = z.object({
  id: z.string(),
  type: openEnumSchema(approvalRequestTypes),
  status: openEnumSchema(approvalRequestStatuses),
  paymentRequestId: z.string().nullable(),
  externalApprovalId: z.string().nullable(),
  agentId: z.string(),
  agent: z.object({ id: z.string(), name: z.string() }).optional(),
  amount: amountValueSchema,
  currency: z.string(),
  /** Null for budget requests, which have no recipient. */
  recipientAddress: z.string().nullable(),
  purpose: z.string().nullable(),
  /** The workflow that matched; null when a REQUIRE_APPROVAL policy rule escalated without one. */
  workflowId: z.string().nullable(),
  requiredApprovals: z.number().int().min(1),
  approvals: z.array(approvalVoteSchema),
  /** The reason given with the final decision (or why it expired/was cancelled). */
  reason: z.string().nullable(),
  expiresAt: isoTimestampSchema,
  decidedAt: isoTimestampSchema.nullable(),
  decidedBy: z.string().nullable(),
  createdAt: isoTimestampSchema,
})
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>

/** Query of `GET /api/approval-requests`. */
export const listApprovalRequestsQuerySchema = paginationQuerySchema.extend({
  status: approvalRequestStatusSchema.optional(),
  type: approvalRequestTypeSchema.optional(),
  agentId: idSchema.optional(),
})
export type ListApprovalRequestsQuery = z.input<typeof listApprovalRequestsQuerySchema>

export const listApprovalRequestsResponseSchema = listEnvelopeSchema(
  'requests',
  approvalRequestSchema,
)
export type ListApprovalRequestsResponse = z.infer<typeof listApprovalRequestsResponseSchema>

/** Body of `POST /api/approval-requests/{approvalRequestId}/approve`. */
export const approveApprovalRequestParamsSchema = z.object({
  reason: approvalReasonSchema.optional(),
})
export type ApproveApprovalRequestParams = z.input<typeof approveApprovalRequestParamsSchema>

/** Body of `POST /api/approval-requests/{approvalRequestId}/reject`. */
export const rejectApprovalRequestParamsSchema = z.object({
  reason: approvalReasonSchema.optional(),
})
export type RejectApprovalRequestParams = z.input<typeof rejectApprovalRequestParamsSchema>

/**
 * Response of approve/reject: the request after the vote; once it is decided, the payment
 * request it unblocked (APPROVED with a fresh expiry, or DENIED) and, when that payment asked for
 * `autoExecute`, its execution.
 */
export const decideApprovalRequestResponseSchema = z.object({
  approvalRequest: approvalRequestSchema,
  paymentRequest: z
    .object({
      requestId: z.string(),
      status: openEnumSchema(paymentRequestStatuses),
      expiresAt: isoTimestampSchema.nullable(),
    })
    .optional(),
  execution: paymentExecutionSchema.optional(),
})
export type DecideApprovalRequestResponse = z.infer<typeof decideApprovalRequestResponseSchema>

/** Path parameters `{approvalRequestId}`. */
export const approvalRequestIdParamsSchema = z.object({ approvalRequestId: idSchema })

/** `type` filter of the agent's own list: lower-case, `all` by default. */
export const sdkApprovalRequestTypeFilters = ['payment', 'external', 'all'] as const
export type SdkApprovalRequestTypeFilter = (typeof sdkApprovalRequestTypeFilters)[number]

/** Query of `GET /api/sdk/approval-requests` (e.g. `?type=payment&limit=100`). */
export const listSdkApprovalRequestsQuerySchema = paginationQuerySchema.extend({
  type: enumSchema(sdkApprovalRequestTypeFilters, 'type').default('all'),
  status: approvalRequestStatusSchema.optional(),
})
export type ListSdkApprovalRequestsQuery = z.input<typeof listSdkApprovalRequestsQuerySchema>

/** One approval request as the agent sees it. */
export const sdkApprovalRequestSchema = z.object({
  approvalRequestId: z.string(),
  /** Null for external-wallet approvals (see `externalApprovalId`). */
  paymentRequestId: z.string().nullable(),
  externalApprovalId: z.string().nullable().optional(),
  status: openEnumSchema(approvalRequestStatuses),
  type: openEnumSchema(approvalRequestTypes),
  amount: amountValueSchema,
  recipientAddress: z.string().nullable(),
  reason: z.string().nullable().optional(),
  createdAt: isoTimestampSchema,
  expiresAt: isoTimestampSchema,
  decidedAt: isoTimestampSchema.nullable(),
})
export type SdkApprovalRequest = z.infer<typeof sdkApprovalRequestSchema>

export const listSdkApprovalRequestsResponseSchema = listEnvelopeSchema(
  'requests',
  sdkApprovalRequestSchema,
)
export type ListSdkApprovalRequestsResponse = z.infer<typeof listSdkApprovalRequestsResponseSchema>

// ---------------------------------------------------------------------------------------------
// Approval workflows
// ---------------------------------------------------------------------------------------------

/** Org roles that may be named as approvers (§4.17). */
export const approverRoleSchema = enumSchema(orgRoles, 'approverRoles')

/** Defaults of a new approval workflow. */
export const approvalWorkflowDefaults = {
  priority: defaults.policy.priority,
  isActive: true,
  requiredApprovals: 1,
  timeoutHours: 24,
  allowSelfApproval: false,
  /** The roles the permission matrix lets approve transactions (§4.17). */
  approverRoles: ['OWNER', 'ADMIN'],
  sequentialApproval: false,
} as const

const stringList = (label: string, max: number) =>
  z
    .array(z.string().trim().min(1, `${label} entries must not be empty`).max(100))
    .max(max, `${label} may list at most ${max} entries`)

/**
 * When a workflow applies. Every condition present must match (AND); an empty object matches
 * every payment that reaches the approval stage.
 */
export const approvalTriggerConditionsParamsSchema = z.object({
  /** Matches amounts at or above this threshold. */
  amountThreshold: amountSchema({
    positive: false,
    description: 'Matches payments whose amount is at or above this threshold',
  }).optional(),
  currency: z.string().trim().min(1).max(20).optional(),
  categories: stringList('categories', 100).optional(),
  agentIds: z.array(idSchema).max(1000, 'agentIds may list at most 1000 agents').optional(),
  agentTypes: z.array(agentTypeSchema).optional(),
  /** Only payments to recipients the agent has never paid before. */
  newRecipients: z.boolean().optional(),
  /** Matches counterparties at this trust level or a lower one (TRUSTED > VERIFIED > UNKNOWN > SUSPICIOUS > BLOCKED). */
  counterpartyTrustLevel: enumSchema(trustLevels, 'counterpartyTrustLevel').optional(),
})
export type ApprovalTriggerConditionsParams = z.input<typeof approvalTriggerConditionsParamsSchema>

/** Trigger conditions as returned (normalised: every key present). */
export const approvalTriggerConditionsSchema = z.object({
  amountThreshold: z.number().nullable(),
  currency: z.string().nullable(),
  categories: z.array(z.string()),
  agentIds: z.array(z.string()),
  agentTypes: z.array(z.string()),
  newRecipients: z.boolean(),
  counterpartyTrustLevel: openEnumSchema(trustLevels).nullable(),
})
export type ApprovalTriggerConditions = z.infer<typeof approvalTriggerConditionsSchema>

const workflowNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .trim()
  .min(1, 'name must be 1-100 characters')
  .max(100, 'name must be 1-100 characters')
const workflowDescriptionSchema = z.string().max(500, 'description must be at most 500 characters')
const workflowPrioritySchema = z
  .number()
  .int('priority must be a whole number')
  .min(defaults.policy.minPriority, 'priority must be 0-100')
  .max(defaults.policy.maxPriority, 'priority must be 0-100')
const requiredApprovalsSchema = z
  .number()
  .int('requiredApprovals must be a whole number')
  .min(1, 'requiredApprovals must be at least 1')
  .max(20, 'requiredApprovals must be at most 20')
const timeoutHoursSchema = z
  .number()
  .int('timeoutHours must be a whole number')
  .min(1, 'timeoutHours must be at least 1')
  .max(720, 'timeoutHours must be at most 720 (30 days)')
const approverRolesParamSchema = z.array(approverRoleSchema).max(orgRoles.length)
const specificApproversSchema = z
  .array(idSchema)
  .max(100, 'specificApprovers may list at most 100 users')

/** An approval workflow as the API returns it. */
export const approvalWorkflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  priority: z.number().int(),
  isActive: z.boolean(),
  triggerConditions: approvalTriggerConditionsSchema,
  requiredApprovals: z.number().int(),
  timeoutHours: z.number().int(),
  allowSelfApproval: z.boolean(),
  approverRoles: z.array(openEnumSchema(orgRoles)),
  /** User ids; in the order they must approve when `sequentialApproval` is true. */
  specificApprovers: z.array(z.string()),
  sequentialApproval: z.boolean(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type ApprovalWorkflow = z.infer<typeof approvalWorkflowSchema>

/** Body of `POST /api/approval-workflows`. */
export const createApprovalWorkflowParamsSchema = z.object({
  name: workflowNameSchema,
  description: workflowDescriptionSchema.optional(),
  priority: workflowPrioritySchema.default(approvalWorkflowDefaults.priority),
  isActive: z.boolean().default(approvalWorkflowDefaults.isActive),
  triggerConditions: approvalTriggerConditionsParamsSchema.default({}),
  requiredApprovals: requiredApprovalsSchema.default(approvalWorkflowDefaults.requiredApprovals),
  timeoutHours: timeoutHoursSchema.default(approvalWorkflowDefaults.timeoutHours),
  allowSelfApproval: z.boolean().default(approvalWorkflowDefaults.allowSelfApproval),
  approverRoles: approverRolesParamSchema.default([...approvalWorkflowDefaults.approverRoles]),
  specificApprovers: specificApproversSchema.default([]),
  sequentialApproval: z.boolean().default(approvalWorkflowDefaults.sequentialApproval),
})
export type CreateApprovalWorkflowParams = z.input<typeof createApprovalWorkflowParamsSchema>

/** Body of `PATCH /api/approval-workflows/{workflowId}`; `triggerConditions` replaces the stored set. */
export const updateApprovalWorkflowParamsSchema = z.object({
  name: workflowNameSchema.optional(),
  description: workflowDescriptionSchema.nullable().optional(),
  priority: workflowPrioritySchema.optional(),
  isActive: z.boolean().optional(),
  triggerConditions: approvalTriggerConditionsParamsSchema.optional(),
  requiredApprovals: requiredApprovalsSchema.optional(),
  timeoutHours: timeoutHoursSchema.optional(),
  allowSelfApproval: z.boolean().optional(),
  approverRoles: approverRolesParamSchema.optional(),
  specificApprovers: specificApproversSchema.optional(),
  sequentialApproval: z.boolean().optional(),
})
export type UpdateApprovalWorkflowParams = z.input<typeof updateApprovalWorkflowParamsSchema>

/** Query of `GET /api/approval-workflows`. */
export const listApprovalWorkflowsQuerySchema = paginationQuerySchema.extend({
  isActive: queryBooleanSchema.optional(),
})
export type ListApprovalWorkflowsQuery = z.input<typeof listApprovalWorkflowsQuerySchema>

export const listApprovalWorkflowsResponseSchema = listEnvelopeSchema(
  'workflows',
  approvalWorkflowSchema,
)
export type ListApprovalWorkflowsResponse = z.infer<typeof listApprovalWorkflowsResponseSchema>

export const deleteApprovalWorkflowResponseSchema = successResponseSchema

/** Path parameters `{workflowId}`. */
export const approvalWorkflowIdParamsSchema = z.object({ workflowId: idSchema })

// ---------------------------------------------------------------------------------------------
// Notification channels
// ---------------------------------------------------------------------------------------------

export const notificationChannelTypes = [
  'EMAIL',
  'SLACK',
  'TELEGRAM',
  'WHATSAPP',
  'WEBHOOK',
] as const
export type NotificationChannelType = (typeof notificationChannelTypes)[number]
export const notificationChannelTypeSchema = enumSchema(notificationChannelTypes, 'type')

/** Events every channel type can carry: the approval events. */
export const approvalChannelEvents = approvalWebhookEventTypes
/** Events of WEBHOOK channels: the approval events plus `payment.executed`. */
export const notificationChannelEvents = [...approvalWebhookEventTypes, 'payment.executed'] as const
export type NotificationChannelEvent = (typeof notificationChannelEvents)[number]

const emailRecipientSchema = z.email({ message: 'recipients must be email addresses' })
/** An E.164 phone number such as `+14155550123`. */
const phoneNumberSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'recipients must be E.164 phone numbers such as +14155550123')

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

export const emailChannelConfigSchema = z.object({
  recipients: z
    .array(emailRecipientSchema)
    .min(1, 'recipients must list at least one email address')
    .max(50, 'recipients may list at most 50 addresses'),
})

export const slackChannelConfigSchema = z.object({
  botToken: z
    .string({ error: (issue) => (issue.input === undefined ? 'botToken is required' : undefined) })
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'botToken must be a Slack bot token starting with xoxb-'),
  channelId: z
    .string({ error: (issue) => (issue.input === undefined ? 'channelId is required' : undefined) })
    .regex(/^[A-Z0-9]{6,32}$/, 'channelId must be a Slack channel id such as C0123456789'),
})

export const telegramChannelConfigSchema = z.object({
  botToken: z
    .string({ error: (issue) => (issue.input === undefined ? 'botToken is required' : undefined) })
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'botToken must be a Telegram bot token such as 123456:ABC-DEF'),
  /** A numeric chat id (groups are negative) or an `@channelusername`. */
  chatId: z
    .string({ error: (issue) => (issue.input === undefined ? 'chatId is required' : undefined) })
    .regex(/^(-?\d+|@[A-Za-z0-9_]{5,32})$/, 'chatId must be a numeric chat id or @channelname'),
  /** Telegram's `secret_token`, checked on the callback webhook. */
  webhookSecretToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'webhookSecretToken must be 1-256 of A-Z, a-z, 0-9, _ and -')
    .optional(),
})

export const whatsappChannelConfigSchema = z.object({
  phoneNumberId: z
    .string({
      error: (issue) => (issue.input === undefined ? 'phoneNumberId is required' : undefined),
    })
    .regex(/^\d{5,32}$/, 'phoneNumberId must be the numeric WhatsApp Business phone number id'),
  accessToken: z
    .string({
      error: (issue) => (issue.input === undefined ? 'accessToken is required' : undefined),
    })
    .min(1, 'accessToken must not be empty')
    .max(1024),
  recipients: z
    .array(phoneNumberSchema)
    .min(1, 'recipients must list at least one phone number')
    .max(50, 'recipients may list at most 50 phone numbers'),
})

/** A public HTTPS URL (the server also rejects localhost and private ranges: INVALID_WEBHOOK_URL). */
export const webhookChannelConfigSchema = z.object({
  url: z
    .string({
      error: (issue) => (issue.input === undefined ? 'url is required' : 'url must be a string'),
    })
    .max(2048, {
      message: 'url must be at most 2048 characters',
      ...issueParams('INVALID_WEBHOOK_URL'),
    })
    .refine(isHttpsUrl, {
      message: 'url must be an absolute https:// URL',
      ...issueParams('INVALID_WEBHOOK_URL'),
    })
    .meta({ format: 'uri' }),
})

/** The config schema of each channel type (for validating a PATCHed `config` against the stored type). */
export const notificationChannelConfigSchemas = {
  EMAIL: emailChannelConfigSchema,
  SLACK: slackChannelConfigSchema,
  TELEGRAM: telegramChannelConfigSchema,
  WHATSAPP: whatsappChannelConfigSchema,
  WEBHOOK: webhookChannelConfigSchema,
} as const satisfies Record<NotificationChannelType, z.ZodType>

const channelNameSchema = z
  .string()
  .trim()
  .min(1, 'name must be 1-100 characters')
  .max(100, 'name must be 1-100 characters')
const approvalChannelEventsSchema = z
  .array(enumSchema(approvalChannelEvents, 'event'))
  .min(1, 'events must list at least one event')
const webhookChannelEventsSchema = z
  .array(enumSchema(notificationChannelEvents, 'event'))
  .min(1, 'events must list at least one event')

const channelCommon = {
  name: channelNameSchema.optional(),
  isActive: z.boolean().default(true),
}

/**
 * Body of `POST /api/channels`: `config` is checked against `type`; `events` defaults to every
 * approval event; `payment.executed` is only available on WEBHOOK channels.
 */
export const createNotificationChannelParamsSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('EMAIL'),
      config: emailChannelConfigSchema,
      events: approvalChannelEventsSchema.default([...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('SLACK'),
      config: slackChannelConfigSchema,
      events: approvalChannelEventsSchema.default([...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('TELEGRAM'),
      config: telegramChannelConfigSchema,
      events: approvalChannelEventsSchema.default([...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('WHATSAPP'),
      config: whatsappChannelConfigSchema,
      events: approvalChannelEventsSchema.default([...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('WEBHOOK'),
      config: webhookChannelConfigSchema,
      events: webhookChannelEventsSchema.default([...approvalChannelEvents]),
      ...channelCommon,
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? (issue.input as { type?: unknown } | undefined)?.type === undefined
          ? 'type is required'
          : `Invalid type ${JSON.stringify((issue.input as { type?: unknown }).type)}: expected one of ${notificationChannelTypes.join(', ')}`
        : undefined,
  },
)
export type CreateNotificationChannelParams = z.input<typeof createNotificationChannelParamsSchema>

/**
 * Body of `PATCH /api/channels/{channelId}`. The type cannot change; a new `config` replaces the
 * old one and the server validates it with `notificationChannelConfigSchemas[channel.type]`.
 */
export const updateNotificationChannelParamsSchema = z.object({
  name: channelNameSchema.nullable().optional(),
  config: z
    .union([
      whatsappChannelConfigSchema,
      telegramChannelConfigSchema,
      slackChannelConfigSchema,
      webhookChannelConfigSchema,
      emailChannelConfigSchema,
    ])
    .optional(),
  events: webhookChannelEventsSchema.optional(),
  isActive: z.boolean().optional(),
})
export type UpdateNotificationChannelParams = z.input<typeof updateNotificationChannelParamsSchema>

/** A notification channel as returned; secrets in `config` (tokens) are masked, e.g. `xoxb-…f3Qa`. */
export const notificationChannelSchema = z.object({
  id: z.string(),
  type: openEnumSchema(notificationChannelTypes),
  name: z.string().nullable(),
  config: metadataSchema,
  events: z.array(openEnumSchema(notificationChannelEvents)),
  isActive: z.boolean(),
  lastUsedAt: isoTimestampSchema.nullable().optional(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type NotificationChannel = z.infer<typeof notificationChannelSchema>

/** Query of `GET /api/channels`. */
export const listNotificationChannelsQuerySchema = paginationQuerySchema.extend({
  type: notificationChannelTypeSchema.optional(),
  isActive: queryBooleanSchema.optional(),
})
export type ListNotificationChannelsQuery = z.input<typeof listNotificationChannelsQuerySchema>

export const listNotificationChannelsResponseSchema = listEnvelopeSchema(
  'channels',
  notificationChannelSchema,
)
export type ListNotificationChannelsResponse = z.infer<
  typeof listNotificationChannelsResponseSchema
>

/** `POST /api/channels/{channelId}/test`: whether the test message was accepted by the provider. */
export const testNotificationChannelResponseSchema = z.object({
  success: z.boolean(),
  message: z.string(),
})
export type TestNotificationChannelResponse = z.infer<typeof testNotificationChannelResponseSchema>

export const deleteNotificationChannelResponseSchema = successResponseSchema

/** Path parameters `{channelId}`. */
export const notificationChannelIdParamsSchema = z.object({ channelId: idSchema })

// ---------------------------------------------------------------------------------------------
// Channel callback
// ---------------------------------------------------------------------------------------------

/** Body of `POST /api/approvals/action` (unauthenticated; the one-time token is the credential). */
export const approvalActionParamsSchema = z.object({
  token: approvalTokenSchema,
  decision: approvalDecisionSchema,
  reason: approvalReasonSchema.optional(),
})
export type ApprovalActionParams = z.input<typeof approvalActionParamsSchema>

export const approvalActionResponseSchema = z.object({
  approvalRequestId: z.string(),
  status: openEnumSchema(approvalRequestStatuses),
})
export type ApprovalActionResponse = z.infer<typeof approvalActionResponseSchema>
