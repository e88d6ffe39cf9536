import * as z from 'zod/mini'
import {
  addressSchema,
  amountSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  metadataSchema,
  openEnumSchema,
  paginationQuerySchema,
} from './common.js'
import { defaults } from './defaults.js'
import { decisionStatuses, evaluationTraceSchema, violationSchema } from './policy-decision.js'
import { transactionStatuses } from './transaction.js'

/**
 * Agent-to-agent payment requests inside one organization (§2.18): the requesting agent asks,
 * the paying agent approves or rejects, then executes (full policy evaluation applies).
 */

/** PENDING → APPROVED | REJECTED → EXECUTED | FAILED; PENDING/APPROVED may also EXPIRE. */
export const a2aRequestStatuses = [
  'PENDING',
  'APPROVED',
  'REJECTED',
  'EXECUTED',
  'FAILED',
  'EXPIRED',
] as const
export type A2aRequestStatus = (typeof a2aRequestStatuses)[number]
export const a2aRequestStatusSchema = enumSchema(a2aRequestStatuses, 'status')

/** Which side of a request the calling agent is on: `incoming` = it is asked to pay. */
export const a2aDirections = ['incoming', 'outgoing'] as const
export type A2aDirection = (typeof a2aDirections)[number]
export const a2aDirectionSchema = enumSchema(a2aDirections, 'direction')

const purposeSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'purpose is required' : undefined) })
  .check(
    z.trim(),
    z.minLength(1, 'purpose must be 1-500 characters'),
    z.maxLength(500, 'purpose must be 1-500 characters'),
  )

/** Free metadata; `invoiceId` is forwarded in the `payment_request.created` webhook. */
export const a2aRequestMetadataSchema = z.looseObject({
  invoiceId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})

/**
 * Body of `POST /api/sdk/a2a/request`. Exactly one of `targetAgentId` or `targetWalletAddress`
 * names the paying agent; a wallet address must belong to an agent of the same organization.
 */
export const createA2aRequestParamsSchema = z
  .object({
    targetAgentId: z.optional(idSchema),
    targetWalletAddress: z.optional(addressSchema),
    amount: amountSchema(),
    currency: z._default(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1, 'currency must be 1-16 characters'),
          z.maxLength(16, 'currency must be 1-16 characters'),
        ),
      defaults.paymentRequest.currency,
    ),
    purpose: purposeSchema,
    metadata: z.optional(a2aRequestMetadataSchema),
  })
  .check(
    z.superRefine((value, ctx) => {
      const given = [value.targetAgentId, value.targetWalletAddress].filter((v) => v !== undefined)
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['targetAgentId'],
          message:
            given.length === 0
              ? 'Provide targetAgentId or targetWalletAddress'
              : 'Provide exactly one of targetAgentId or targetWalletAddress, not both',
        })
      }
    }),
  )
export type CreateA2aRequestParams = z.input<typeof createA2aRequestParamsSchema>

/** An A2A payment request as the API returns it. */
export const a2aRequestSchema = z.object({
  id: z.string(),
  status: openEnumSchema(a2aRequestStatuses),
  /** The agent asking to be paid. */
  requestingAgentId: z.string(),
  /** The agent asked to pay. */
  requestedFromAgentId: z.string(),
  amount: z.number(),
  currency: z.string(),
  purpose: z.string(),
  metadata: z.nullable(metadataSchema),
  /** The payer's note on approve or reject. */
  reason: z.nullable(z.string()),
  /** Set once executed. */
  transactionId: z.nullable(z.string()),
  expiresAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type A2aRequest = z.infer<typeof a2aRequestSchema>

/** `POST /api/sdk/a2a/request` → `{ success: true, paymentRequest, message }`. */
export const createA2aRequestResponseSchema = z.object({
  success: z.literal(true),
  paymentRequest: a2aRequestSchema,
  message: z.string(),
})
export type CreateA2aRequestResponse = z.infer<typeof createA2aRequestResponseSchema>

/** Query of `GET /api/sdk/a2a/requests` (both directions when `direction` is omitted). */
export const listA2aRequestsQuerySchema = z.extend(paginationQuerySchema, {
  direction: z.optional(a2aDirectionSchema),
  status: z.optional(a2aRequestStatusSchema),
})
export type ListA2aRequestsQuery = z.input<typeof listA2aRequestsQuerySchema>

/** `GET /api/sdk/a2a/requests` → `{ requests, pagination }`. */
export const listA2aRequestsResponseSchema = listEnvelopeSchema('requests', a2aRequestSchema)
export type ListA2aRequestsResponse = z.infer<typeof listA2aRequestsResponseSchema>

/** `{ paymentRequest }`: the response of retrieve, approve and reject. */
export const a2aRequestResponseSchema = z.object({ paymentRequest: a2aRequestSchema })
export type A2aRequestResponse = z.infer<typeof a2aRequestResponseSchema>

/** Body of `POST /api/sdk/a2a/requests/{requestId}/approve`. */
export const approveA2aRequestParamsSchema = z.object({
  reason: z.optional(
    z.string().check(z.trim(), z.maxLength(500, 'reason must be at most 500 characters')),
  ),
})
export type ApproveA2aRequestParams = z.input<typeof approveA2aRequestParamsSchema>

/** Body of `POST /api/sdk/a2a/requests/{requestId}/reject`; the reason is stored. */
export const rejectA2aRequestParamsSchema = z.object({
  reason: z
    .string({ error: (issue) => (issue.input === undefined ? 'reason is required' : undefined) })
    .check(
      z.trim(),
      z.minLength(1, 'reason must be 1-500 characters'),
      z.maxLength(500, 'reason must be 1-500 characters'),
    ),
})
export type RejectA2aRequestParams = z.input<typeof rejectA2aRequestParamsSchema>

/** The on-chain transfer an execute produced. */
export const a2aTransactionSchema = z.object({
  transactionId: z.string(),
  txHash: z.nullable(z.string()),
  explorerUrl: z.nullable(z.string()),
  status: openEnumSchema(transactionStatuses),
  /** True when settlement was simulated (test mode). */
  simulated: z.optional(z.boolean()),
})
export type A2aTransaction = z.infer<typeof a2aTransactionSchema>

/** The policy decision that let the execution through. */
export const a2aExecutionDecisionSchema = z.object({
  status: openEnumSchema(decisionStatuses),
  reasons: z.array(z.string()),
  violations: z.array(violationSchema),
  evaluation: z.optional(evaluationTraceSchema),
})
export type A2aExecutionDecision = z.infer<typeof a2aExecutionDecisionSchema>

/** `POST /api/sdk/a2a/requests/{requestId}/execute`. A policy denial answers 400 POLICY_DENIED. */
export const executeA2aRequestResponseSchema = z.object({
  paymentRequest: a2aRequestSchema,
  transaction: a2aTransactionSchema,
  decision: z.optional(a2aExecutionDecisionSchema),
})
export type ExecuteA2aRequestResponse = z.infer<typeof executeA2aRequestResponseSchema>

/** Body of `POST /api/sdk/a2a/resolve`. */
export const resolveA2aAgentParamsSchema = z.object({
  walletAddress: addressSchema,
})
export type ResolveA2aAgentParams = z.input<typeof resolveA2aAgentParamsSchema>

/** `POST /api/sdk/a2a/resolve`: the agent in the caller's organization that owns the address. */
export const resolveA2aAgentResponseSchema = z.object({
  agentId: z.string(),
  agentName: z.string(),
  agentType: z.string(),
  walletId: z.string(),
  walletAddress: z.string(),
})
export type ResolveA2aAgentResponse = z.infer<typeof resolveA2aAgentResponseSchema>

/** Counts and executed volume for one direction. */
export const a2aDirectionStatsSchema = z.object({
  total: z.number().check(z.int()),
  pending: z.number().check(z.int()),
  approved: z.number().check(z.int()),
  executed: z.number().check(z.int()),
  rejected: z.number().check(z.int()),
  /** Sum of the amounts of EXECUTED requests. */
  volume: z.number(),
})
export type A2aDirectionStats = z.infer<typeof a2aDirectionStatsSchema>

/** `GET /api/sdk/a2a/stats`. */
export const a2aStatsResponseSchema = z.object({
  incoming: a2aDirectionStatsSchema,
  outgoing: a2aDirectionStatsSchema,
})
export type A2aStatsResponse = z.infer<typeof a2aStatsResponseSchema>

/** Path parameters `{requestId}`. */
export const a2aRequestIdParamsSchema = z.object({ requestId: idSchema })
