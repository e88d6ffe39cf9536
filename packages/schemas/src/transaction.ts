import { z } from 'zod'
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
  txHash: z.string().nullable(),
  amount: amountValueSchema,
  currency: z.string(),
  status: openEnumSchema(transactionStatuses),
  fromAddress: z.string().nullable(),
  toAddress: z.string(),
  recipientName: z.string().nullable(),
  purpose: z.string().nullable(),
  category: z.string().nullable(),
  agentId: z.string().nullable(),
  agent: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  walletId: z.string().nullable(),
  chainId: z.string(),
  explorerUrl: z.string().nullable(),
  /** The managed-wallet payment request this transaction executed, if any. */
  paymentRequestId: z.string().nullable(),
  /** The external-wallet approval this transaction confirmed, if any. */
  externalApprovalId: z.string().nullable(),
  /** `true` when settlement was simulated (test mode): signed but never broadcast. */
  simulated: z.boolean(),
  kind: openEnumSchema(transactionKinds),
  failureReason: z.string().nullable(),
  createdAt: isoTimestampSchema,
  confirmedAt: isoTimestampSchema.nullable(),
})
export type Transaction = z.infer<typeof transactionSchema>

/** An amount filter from the query string (finite, ≥ 0). */
const queryAmountSchema = z.coerce
  .number({ error: 'amount filters must be finite numbers' })
  .min(0, 'amount filters must not be negative')

const dateRangeFilters = {
  /** Only transactions created at or after this date/time. */
  startDate: dateOrTimestampSchema.optional(),
  /** Only transactions created at or before this date/time (a bare date includes that whole day). */
  endDate: dateOrTimestampSchema.optional(),
}

/** Query of `GET /api/transactions`. */
export const listTransactionsQuerySchema = paginationQuerySchema.extend({
  agentId: idSchema.optional(),
  walletId: idSchema.optional(),
  status: transactionStatusSchema.optional(),
  ...dateRangeFilters,
  minAmount: queryAmountSchema.optional(),
  maxAmount: queryAmountSchema.optional(),
})
export type ListTransactionsQuery = z.input<typeof listTransactionsQuerySchema>

/** `GET /api/transactions` and `GET /api/sdk/transactions`: `{ transactions, pagination }`. */
export const listTransactionsResponseSchema = listEnvelopeSchema('transactions', transactionSchema)
export type ListTransactionsResponse = z.infer<typeof listTransactionsResponseSchema>

/** Query of `GET /api/sdk/transactions` (the calling agent's transactions only). */
export const listSdkTransactionsQuerySchema = paginationQuerySchema.extend({
  status: transactionStatusSchema.optional(),
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
