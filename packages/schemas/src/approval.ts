import * as z from 'zod/mini'
import { agentTypeSchema } from './agent.js'
import {
  amountSchema,
  amountValueSchema,
  approvalTokenSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
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
import { approvalWebhookEventTypes, webhookUrlSchema } from './webhook.js'

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

const approvalReasonSchema = z
  .string()
  .check(z.maxLength(500, 'reason must be at most 500 characters'))

/** One recorded approve/reject vote on an approval request. */
export const approvalVoteSchema = z.object({
  id: z.string(),
  approverId: z.string(),
  decision: openEnumSchema(approvalDecisions),
  reason: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
})
export type ApprovalVote = z.infer<typeof approvalVoteSchema>

/** An approval request as the org API returns it. */
export const approvalRequestSchema = z.object({
  id: z.string(),
  type: openEnumSchema(approvalRequestTypes),
  status: openEnumSchema(approvalRequestStatuses),
  paymentRequestId: z.nullable(z.string()),
  externalApprovalId: z.nullable(z.string()),
  agentId: z.string(),
  agent: z.optional(z.object({ id: z.string(), name: z.string() })),
  amount: amountValueSchema,
  currency: z.string(),
  /** Null for budget requests, which have no recipient. */
  recipientAddress: z.nullable(z.string()),
  purpose: z.nullable(z.string()),
  /** The workflow that matched; null when a REQUIRE_APPROVAL policy rule escalated without one. */
  workflowId: z.nullable(z.string()),
  requiredApprovals: z.number().check(z.int(), z.gte(1)),
  approvals: z.array(approvalVoteSchema),
  /** The reason given with the final decision (or why it expired/was cancelled). */
  reason: z.nullable(z.string()),
  expiresAt: isoTimestampSchema,
  decidedAt: z.nullable(isoTimestampSchema),
  decidedBy: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
})
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>

/** Query of `GET /api/approval-requests`. */
export const listApprovalRequestsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(approvalRequestStatusSchema),
  type: z.optional(approvalRequestTypeSchema),
  agentId: z.optional(idSchema),
})
export type ListApprovalRequestsQuery = z.input<typeof listApprovalRequestsQuerySchema>

export const listApprovalRequestsResponseSchema = listEnvelopeSchema(
  'requests',
  approvalRequestSchema,
)
export type ListApprovalRequestsResponse = z.infer<typeof listApprovalRequestsResponseSchema>

/** Body of `POST /api/approval-requests/{approvalRequestId}/approve`. */
export const approveApprovalRequestParamsSchema = z.object({
  reason: z.optional(approvalReasonSchema),
})
export type ApproveApprovalRequestParams = z.input<typeof approveApprovalRequestParamsSchema>

/** Body of `POST /api/approval-requests/{approvalRequestId}/reject`. */
export const rejectApprovalRequestParamsSchema = z.object({
  reason: z.optional(approvalReasonSchema),
})
export type RejectApprovalRequestParams = z.input<typeof rejectApprovalRequestParamsSchema>

/**
 * Response of approve/reject: the request after the vote; once it is decided, the payment
 * request it unblocked (APPROVED with a fresh expiry, or DENIED) and, when that payment asked for
 * `autoExecute`, its execution.
 */
export const decideApprovalRequestResponseSchema = z.object({
  approvalRequest: approvalRequestSchema,
  paymentRequest: z.optional(
    z.object({
      requestId: z.string(),
      status: openEnumSchema(paymentRequestStatuses),
      expiresAt: z.nullable(isoTimestampSchema),
    }),
  ),
  execution: z.optional(paymentExecutionSchema),
})
export type DecideApprovalRequestResponse = z.infer<typeof decideApprovalRequestResponseSchema>

/** Path parameters `{approvalRequestId}`. */
export const approvalRequestIdParamsSchema = z.object({ approvalRequestId: idSchema })

/** `type` filter of the agent's own list: lower-case, `all` by default. */
export const sdkApprovalRequestTypeFilters = ['payment', 'external', 'all'] as const
export type SdkApprovalRequestTypeFilter = (typeof sdkApprovalRequestTypeFilters)[number]

/** Query of `GET /api/sdk/approval-requests` (e.g. `?type=payment&limit=100`). */
export const listSdkApprovalRequestsQuerySchema = z.extend(paginationQuerySchema, {
  type: z._default(enumSchema(sdkApprovalRequestTypeFilters, 'type'), 'all'),
  status: z.optional(approvalRequestStatusSchema),
})
export type ListSdkApprovalRequestsQuery = z.input<typeof listSdkApprovalRequestsQuerySchema>

/** One approval request as the agent sees it. */
export const sdkApprovalRequestSchema = z.object({
  approvalRequestId: z.string(),
  /** Null for external-wallet approvals (see `externalApprovalId`). */
  paymentRequestId: z.nullable(z.string()),
  externalApprovalId: z.optional(z.nullable(z.string())),
  status: openEnumSchema(approvalRequestStatuses),
  type: openEnumSchema(approvalRequestTypes),
  amount: amountValueSchema,
  recipientAddress: z.nullable(z.string()),
  reason: z.optional(z.nullable(z.string())),
  createdAt: isoTimestampSchema,
  expiresAt: isoTimestampSchema,
  decidedAt: z.nullable(isoTimestampSchema),
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
    .array(
      z
        .string()
        .check(z.trim(), z.minLength(1, `${label} entries must not be empty`), z.maxLength(100)),
    )
    .check(z.maxLength(max, `${label} may list at most ${max} entries`))

/**
 * When a workflow applies. Every condition present must match (AND); an empty object matches
 * every payment that reaches the approval stage.
 */
export const approvalTriggerConditionsParamsSchema = z.object({
  /** Matches amounts at or above this threshold. */
  amountThreshold: z.optional(
    amountSchema({
      positive: false,
      description: 'Matches payments whose amount is at or above this threshold',
    }),
  ),
  currency: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
  categories: z.optional(stringList('categories', 100)),
  agentIds: z.optional(
    z.array(idSchema).check(z.maxLength(1000, 'agentIds may list at most 1000 agents')),
  ),
  agentTypes: z.optional(z.array(agentTypeSchema)),
  /** Only payments to recipients the agent has never paid before. */
  newRecipients: z.optional(z.boolean()),
  /** Matches counterparties at this trust level or a lower one (TRUSTED > VERIFIED > UNKNOWN > SUSPICIOUS > BLOCKED). */
  counterpartyTrustLevel: z.optional(enumSchema(trustLevels, 'counterpartyTrustLevel')),
})
export type ApprovalTriggerConditionsParams = z.input<typeof approvalTriggerConditionsParamsSchema>

/** Trigger conditions as returned (normalised: every key present). */
export const approvalTriggerConditionsSchema = z.object({
  amountThreshold: z.nullable(z.number()),
  currency: z.nullable(z.string()),
  categories: z.array(z.string()),
  agentIds: z.array(z.string()),
  agentTypes: z.array(z.string()),
  newRecipients: z.boolean(),
  counterpartyTrustLevel: z.nullable(openEnumSchema(trustLevels)),
})
export type ApprovalTriggerConditions = z.infer<typeof approvalTriggerConditionsSchema>

const workflowNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )
const workflowDescriptionSchema = z
  .string()
  .check(z.maxLength(500, 'description must be at most 500 characters'))
const workflowPrioritySchema = z
  .number()
  .check(
    z.int('priority must be a whole number'),
    z.gte(defaults.policy.minPriority, 'priority must be 0-100'),
    z.lte(defaults.policy.maxPriority, 'priority must be 0-100'),
  )
const requiredApprovalsSchema = z
  .number()
  .check(
    z.int('requiredApprovals must be a whole number'),
    z.gte(1, 'requiredApprovals must be at least 1'),
    z.lte(20, 'requiredApprovals must be at most 20'),
  )
const timeoutHoursSchema = z
  .number()
  .check(
    z.int('timeoutHours must be a whole number'),
    z.gte(1, 'timeoutHours must be at least 1'),
    z.lte(720, 'timeoutHours must be at most 720 (30 days)'),
  )
const approverRolesParamSchema = z.array(approverRoleSchema).check(z.maxLength(orgRoles.length))
const specificApproversSchema = z
  .array(idSchema)
  .check(z.maxLength(100, 'specificApprovers may list at most 100 users'))

/** An approval workflow as the API returns it. */
export const approvalWorkflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  priority: z.number().check(z.int()),
  isActive: z.boolean(),
  triggerConditions: approvalTriggerConditionsSchema,
  requiredApprovals: z.number().check(z.int()),
  timeoutHours: z.number().check(z.int()),
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
  description: z.optional(workflowDescriptionSchema),
  priority: z._default(workflowPrioritySchema, approvalWorkflowDefaults.priority),
  isActive: z._default(z.boolean(), approvalWorkflowDefaults.isActive),
  triggerConditions: z._default(approvalTriggerConditionsParamsSchema, {}),
  requiredApprovals: z._default(
    requiredApprovalsSchema,
    approvalWorkflowDefaults.requiredApprovals,
  ),
  timeoutHours: z._default(timeoutHoursSchema, approvalWorkflowDefaults.timeoutHours),
  allowSelfApproval: z._default(z.boolean(), approvalWorkflowDefaults.allowSelfApproval),
  approverRoles: z._default(approverRolesParamSchema, [...approvalWorkflowDefaults.approverRoles]),
  specificApprovers: z._default(specificApproversSchema, []),
  sequentialApproval: z._default(z.boolean(), approvalWorkflowDefaults.sequentialApproval),
})
export type CreateApprovalWorkflowParams = z.input<typeof createApprovalWorkflowParamsSchema>

/** Body of `PATCH /api/approval-workflows/{workflowId}`; `triggerConditions` replaces the stored set. */
export const updateApprovalWorkflowParamsSchema = z.object({
  name: z.optional(workflowNameSchema),
  description: z.optional(z.nullable(workflowDescriptionSchema)),
  priority: z.optional(workflowPrioritySchema),
  isActive: z.optional(z.boolean()),
  triggerConditions: z.optional(approvalTriggerConditionsParamsSchema),
  requiredApprovals: z.optional(requiredApprovalsSchema),
  timeoutHours: z.optional(timeoutHoursSchema),
  allowSelfApproval: z.optional(z.boolean()),
  approverRoles: z.optional(approverRolesParamSchema),
  specificApprovers: z.optional(specificApproversSchema),
  sequentialApproval: z.optional(z.boolean()),
})
export type UpdateApprovalWorkflowParams = z.input<typeof updateApprovalWorkflowParamsSchema>

/** Query of `GET /api/approval-workflows`. */
export const listApprovalWorkflowsQuerySchema = z.extend(paginationQuerySchema, {
  isActive: z.optional(queryBooleanSchema),
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
  .check(
    z.regex(/^\+[1-9]\d{6,14}$/, 'recipients must be E.164 phone numbers such as +14155550123'),
  )

export const emailChannelConfigSchema = z.object({
  recipients: z
    .array(emailRecipientSchema)
    .check(
      z.minLength(1, 'recipients must list at least one email address'),
      z.maxLength(50, 'recipients may list at most 50 addresses'),
    ),
})

export const slackChannelConfigSchema = z.object({
  botToken: z
    .string({ error: (issue) => (issue.input === undefined ? 'botToken is required' : undefined) })
    .check(
      z.regex(/^xoxb-[A-Za-z0-9-]+$/, 'botToken must be a Slack bot token starting with xoxb-'),
    ),
  channelId: z
    .string({ error: (issue) => (issue.input === undefined ? 'channelId is required' : undefined) })
    .check(z.regex(/^[A-Z0-9]{6,32}$/, 'channelId must be a Slack channel id such as C0123456789')),
})

export const telegramChannelConfigSchema = z.object({
  botToken: z
    .string({ error: (issue) => (issue.input === undefined ? 'botToken is required' : undefined) })
    .check(
      z.regex(
        /^\d+:[A-Za-z0-9_-]+$/,
        'botToken must be a Telegram bot token such as 123456:ABC-DEF',
      ),
    ),
  /** A numeric chat id (groups are negative) or an `@channelusername`. */
  chatId: z
    .string({ error: (issue) => (issue.input === undefined ? 'chatId is required' : undefined) })
    .check(
      z.regex(/^(-?\d+|@[A-Za-z0-9_]{5,32})$/, 'chatId must be a numeric chat id or @channelname'),
    ),
  /** Telegram's `secret_token`, checked on the callback webhook. */
  webhookSecretToken: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^[A-Za-z0-9_-]{1,256}$/,
          'webhookSecretToken must be 1-256 of A-Z, a-z, 0-9, _ and -',
        ),
      ),
  ),
})

export const whatsappChannelConfigSchema = z.object({
  phoneNumberId: z
    .string({
      error: (issue) => (issue.input === undefined ? 'phoneNumberId is required' : undefined),
    })
    .check(
      z.regex(/^\d{5,32}$/, 'phoneNumberId must be the numeric WhatsApp Business phone number id'),
    ),
  accessToken: z
    .string({
      error: (issue) => (issue.input === undefined ? 'accessToken is required' : undefined),
    })
    .check(z.minLength(1, 'accessToken must not be empty'), z.maxLength(1024)),
  recipients: z
    .array(phoneNumberSchema)
    .check(
      z.minLength(1, 'recipients must list at least one phone number'),
      z.maxLength(50, 'recipients may list at most 50 phone numbers'),
    ),
})

/**
 * A WEBHOOK channel's target: the same rule as webhook endpoints (`webhookUrlSchema`) — an
 * absolute http(s) URL here, and the server applies its mode's policy (live: public HTTPS only;
 * test: loopback over plain HTTP too), answering INVALID_WEBHOOK_URL.
 */
export const webhookChannelConfigSchema = z.object({ url: webhookUrlSchema })

/** The config schema of each channel type (for validating a PATCHed `config` against the stored type). */
export const notificationChannelConfigSchemas = {
  EMAIL: emailChannelConfigSchema,
  SLACK: slackChannelConfigSchema,
  TELEGRAM: telegramChannelConfigSchema,
  WHATSAPP: whatsappChannelConfigSchema,
  WEBHOOK: webhookChannelConfigSchema,
} as const satisfies Record<NotificationChannelType, z.ZodMiniType>

const channelNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )
const approvalChannelEventsSchema = z
  .array(enumSchema(approvalChannelEvents, 'event'))
  .check(z.minLength(1, 'events must list at least one event'))
const webhookChannelEventsSchema = z
  .array(enumSchema(notificationChannelEvents, 'event'))
  .check(z.minLength(1, 'events must list at least one event'))

const channelCommon = {
  name: z.optional(channelNameSchema),
  isActive: z._default(z.boolean(), true),
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
      events: z._default(approvalChannelEventsSchema, [...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('SLACK'),
      config: slackChannelConfigSchema,
      events: z._default(approvalChannelEventsSchema, [...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('TELEGRAM'),
      config: telegramChannelConfigSchema,
      events: z._default(approvalChannelEventsSchema, [...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('WHATSAPP'),
      config: whatsappChannelConfigSchema,
      events: z._default(approvalChannelEventsSchema, [...approvalChannelEvents]),
      ...channelCommon,
    }),
    z.object({
      type: z.literal('WEBHOOK'),
      config: webhookChannelConfigSchema,
      events: z._default(webhookChannelEventsSchema, [...approvalChannelEvents]),
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
  name: z.optional(z.nullable(channelNameSchema)),
  config: z.optional(
    z.union([
      whatsappChannelConfigSchema,
      telegramChannelConfigSchema,
      slackChannelConfigSchema,
      webhookChannelConfigSchema,
      emailChannelConfigSchema,
    ]),
  ),
  events: z.optional(webhookChannelEventsSchema),
  isActive: z.optional(z.boolean()),
})
export type UpdateNotificationChannelParams = z.input<typeof updateNotificationChannelParamsSchema>

/** A notification channel as returned; secrets in `config` (tokens) are masked, e.g. `xoxb-…f3Qa`. */
export const notificationChannelSchema = z.object({
  id: z.string(),
  type: openEnumSchema(notificationChannelTypes),
  name: z.nullable(z.string()),
  config: metadataSchema,
  events: z.array(openEnumSchema(notificationChannelEvents)),
  isActive: z.boolean(),
  lastUsedAt: z.optional(z.nullable(isoTimestampSchema)),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type NotificationChannel = z.infer<typeof notificationChannelSchema>

/** Query of `GET /api/channels`. */
export const listNotificationChannelsQuerySchema = z.extend(paginationQuerySchema, {
  type: z.optional(notificationChannelTypeSchema),
  isActive: z.optional(queryBooleanSchema),
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
  reason: z.optional(approvalReasonSchema),
})
export type ApprovalActionParams = z.input<typeof approvalActionParamsSchema>

export const approvalActionResponseSchema = z.object({
  approvalRequestId: z.string(),
  status: openEnumSchema(approvalRequestStatuses),
})
export type ApprovalActionResponse = z.infer<typeof approvalActionResponseSchema>
