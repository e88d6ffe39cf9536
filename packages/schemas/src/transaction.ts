import * as z from 'zod/mini'
import {
  amountValueSchema,
  dateOrTimestampSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
} from './common.js'

/**
 * Transactions (§2.8, §4.11): the money that actually moved (or tried to), whether executed by
 * Conto (`/execute`), confirmed by an agent after an external transfer (`/confirm`), or recorded
 * by a protocol flow (x402, MPP, card, A2A).
 */

/**
 * Execution / transaction statuses: `CONFIRMING` while a live transfer waits for the chain,
 * `COMPLETED` for simulated (test-mode) settlement and card confirms.
 */
export const transactionStatuses = [
  'PENDING',
  'CONFIRMING',
  'CONFIRMED',
  'COMPLETED',
  'FAILED',
  'REJECTED',
] as const
export type TransactionStatus = (typeof transactionStatuses)[number]
export const transactionStatusSchema = enumSchema(transactionStatuses, 'status')

/** How a transaction came about: the payment kinds of `payment-request.ts` plus agent-to-agent. */
export const transactionKinds = ['standard', 'x402', 'mpp', 'card', 'a2a'] as const
export type TransactionKind = (typeof transactionKinds)[number]

/** A transaction as the API returns it. */
export const transactionSchema = z.object({
  id: z.string(),
  /** `null` until the transfer has been signed/broadcast (or for card payments). */
  txHash: z.nullable(z.string()),
  amount: amountValueSchema,
  currency: z.string(),
  status: openEnumSchema(transactionStatuses),
  fromAddress: z.nullable(z.string()),
  toAddress: z.string(),
  recipientName: z.nullable(z.string()),
  purpose: z.nullable(z.string()),
  category: z.nullable(z.string()),
  agentId: z.nullable(z.string()),
  agent: z.optional(z.nullable(z.object({ id: z.string(), name: z.string() }))),
  walletId: z.nullable(z.string()),
  chainId: z.string(),
  explorerUrl: z.nullable(z.string()),
  /** The managed-wallet payment request this transaction executed, if any. */
  paymentRequestId: z.nullable(z.string()),
  /** The external-wallet approval this transaction confirmed, if any. */
  externalApprovalId: z.nullable(z.string()),
  /** `true` when settlement was simulated (test mode): signed but never broadcast. */
  simulated: z.boolean(),
  kind: openEnumSchema(transactionKinds),
  failureReason: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
  confirmedAt: z.nullable(isoTimestampSchema),
})
export type Transaction = z.infer<typeof transactionSchema>

/** An amount filter from the query string (finite, ≥ 0). */
const queryAmountSchema = z.coerce
  .number<number | string>({ error: 'amount filters must be finite numbers' })
  .check(z.gte(0, 'amount filters must not be negative'))

const dateRangeFilters = {
  /** Only transactions created at or after this date/time. */
  startDate: z.optional(dateOrTimestampSchema),
  /** Only transactions created at or before this date/time (a bare date includes that whole day). */
  endDate: z.optional(dateOrTimestampSchema),
}

/** Query of `GET /api/transactions`. */
export const listTransactionsQuerySchema = z.extend(paginationQuerySchema, {
  agentId: z.optional(idSchema),
  walletId: z.optional(idSchema),
  status: z.optional(transactionStatusSchema),
  ...dateRangeFilters,
  minAmount: z.optional(queryAmountSchema),
  maxAmount: z.optional(queryAmountSchema),
})
export type ListTransactionsQuery = z.input<typeof listTransactionsQuerySchema>

/** `GET /api/transactions` and `GET /api/sdk/transactions`: `{ transactions, pagination }`. */
export const listTransactionsResponseSchema = listEnvelopeSchema('transactions', transactionSchema)
export type ListTransactionsResponse = z.infer<typeof listTransactionsResponseSchema>

/** Query of `GET /api/sdk/transactions` (the calling agent's transactions only). */
export const listSdkTransactionsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(transactionStatusSchema),
  ...dateRangeFilters,
})
export type ListSdkTransactionsQuery = z.input<typeof listSdkTransactionsQuerySchema>

/**
 * `POST /api/transactions/{transactionId}/retry`: the transaction after the retry; `retried` is
 * `false` when nothing was re-sent (e.g. the original had meanwhile confirmed).
 */
export const retryTransactionResponseSchema = z.object({
  transaction: transactionSchema,
  retried: z.boolean(),
})
export type RetryTransactionResponse = z.infer<typeof retryTransactionResponseSchema>

/** Path parameters `{transactionId}`. */
export const transactionIdParamsSchema = z.object({ transactionId: idSchema })
