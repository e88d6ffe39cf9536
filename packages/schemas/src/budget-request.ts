import * as z from 'zod/mini'
import {
  amountSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  metadataSchema,
  openEnumSchema,
  paginationQuerySchema,
  paginationSchema,
} from './common.js'

/**
 * Budget requests (§2.23): an agent asks a human for a spending budget. While one is APPROVED,
 * every payment (standard, x402, MPP, card) must fit in `approvedAmount - currentSpend` and
 * pass policies. One PENDING or APPROVED request per agent at a time (409 BUDGET_REQUEST_EXISTS).
 */

/**
 * PENDING (expires 24 h after creation) → APPROVED (window, default 24 h) | REJECTED | EXPIRED;
 * APPROVED → EXHAUSTED (`currentSpend >= approvedAmount`) | EXPIRED (window elapsed).
 */
export const budgetRequestStatuses = [
  'PENDING',
  'APPROVED',
  'REJECTED',
  'EXPIRED',
  'EXHAUSTED',
] as const
export type BudgetRequestStatus = (typeof budgetRequestStatuses)[number]
export const budgetRequestStatusSchema = enumSchema(budgetRequestStatuses, 'status')

/** Body of `POST /api/sdk/budget-request`. */
export const createBudgetRequestParamsSchema = z.object({
  amount: amountSchema({ description: 'Requested budget in stablecoin units (USDC)' }),
  purpose: z
    .string({ error: (issue) => (issue.input === undefined ? 'purpose is required' : undefined) })
    .check(
      z.trim(),
      z.minLength(1, 'purpose must be 1-500 characters'),
      z.maxLength(500, 'purpose must be 1-500 characters'),
    ),
  category: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'category must be 1-100 characters'),
        z.maxLength(100, 'category must be 1-100 characters'),
      ),
  ),
  metadata: z.optional(metadataSchema),
})
export type CreateBudgetRequestParams = z.input<typeof createBudgetRequestParamsSchema>

/** A budget request as the API returns it. */
export const budgetRequestSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  /** The amount the agent asked for. */
  amount: z.number(),
  /** The amount granted (may differ from `amount`); `null` until approved. */
  approvedAmount: z.nullable(z.number()),
  /** Spend counted against the budget so far. */
  currentSpend: z.number(),
  /** `approvedAmount - currentSpend` (never negative); `null` until approved. */
  remaining: z.nullable(z.number()),
  purpose: z.string(),
  category: z.nullable(z.string()),
  metadata: z.nullable(metadataSchema),
  status: openEnumSchema(budgetRequestStatuses),
  /** The reviewer's note on rejection. */
  reason: z.nullable(z.string()),
  /** When a PENDING request expires if nobody decides (24 h after creation). */
  expiresAt: isoTimestampSchema,
  /** When an APPROVED budget's window ends; `null` until approved. */
  windowEndsAt: z.nullable(isoTimestampSchema),
  decidedAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
})
export type BudgetRequest = z.infer<typeof budgetRequestSchema>

/** `{ budgetRequest }`: the response of create (SDK), approve and reject (org). */
export const budgetRequestResponseSchema = z.object({ budgetRequest: budgetRequestSchema })
export type BudgetRequestResponse = z.infer<typeof budgetRequestResponseSchema>

/** Query of `GET /api/sdk/budget-request`. */
export const getBudgetRequestsQuerySchema = z.extend(paginationQuerySchema, {
  id: z.optional(idSchema),
  status: z.optional(budgetRequestStatusSchema),
})
export type GetBudgetRequestsQuery = z.input<typeof getBudgetRequestsQuerySchema>

/**
 * `GET /api/sdk/budget-request`: the calling agent's budget requests, newest first.
 * - `budgetRequests` + `pagination`: always, filtered by `status` (and `id`).
 * - `budgetRequest`: only when `id` is given, the request with that id (it is also the single
 *   element of `budgetRequests`); an unknown `id` answers 404 NOT_FOUND.
 */
export const getBudgetRequestsResponseSchema = z.object({
  budgetRequests: z.array(budgetRequestSchema),
  pagination: paginationSchema,
  budgetRequest: z.optional(budgetRequestSchema),
})
export type GetBudgetRequestsResponse = z.infer<typeof getBudgetRequestsResponseSchema>

/** Query of `GET /api/budget-requests` (organization). */
export const listBudgetRequestsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(budgetRequestStatusSchema),
  agentId: z.optional(idSchema),
})
export type ListBudgetRequestsQuery = z.input<typeof listBudgetRequestsQuerySchema>

/** `GET /api/budget-requests` → `{ budgetRequests, pagination }`. */
export const listBudgetRequestsResponseSchema = listEnvelopeSchema(
  'budgetRequests',
  budgetRequestSchema,
)
export type ListBudgetRequestsResponse = z.infer<typeof listBudgetRequestsResponseSchema>

/**
 * Body of `POST /api/budget-requests/{budgetRequestId}/approve`. `approvedAmount` defaults to the
 * requested amount; `expiresAt` sets the end of the budget window (default 24 h after approval).
 */
export const approveBudgetRequestParamsSchema = z.object({
  approvedAmount: z.optional(amountSchema({ description: 'Granted budget in stablecoin units' })),
  expiresAt: z.optional(isoTimestampSchema),
})
export type ApproveBudgetRequestParams = z.input<typeof approveBudgetRequestParamsSchema>

/** Body of `POST /api/budget-requests/{budgetRequestId}/reject`. */
export const rejectBudgetRequestParamsSchema = z.object({
  reason: z.optional(
    z.string().check(z.trim(), z.maxLength(500, 'reason must be at most 500 characters')),
  ),
})
export type RejectBudgetRequestParams = z.input<typeof rejectBudgetRequestParamsSchema>

/** Path parameters `{budgetRequestId}`. */
export const budgetRequestIdParamsSchema = z.object({ budgetRequestId: idSchema })
