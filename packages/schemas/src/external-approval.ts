import * as z from 'zod/mini'
import { chainIdSchema } from './chain.js'
import {
  addressSchema,
  amountSchema,
  amountValueSchema,
  approvalTokenSchema,
  evmAddressSchema,
  functionSelectorSchema,
  idSchema,
  isoTimestampSchema,
  metadataSchema,
  openEnumSchema,
  txHashSchema,
} from './common.js'
import {
  bodyIdempotencyKeySchema,
  categorySchema,
  purposeSchema,
  recipientNameSchema,
} from './payment-fields.js'
import { evaluationTraceSchema, violationSchema } from './policy-decision.js'
import { transactionStatuses } from './transaction.js'

/**
 * External-wallet approvals (§2.16, Defaults page): for EXTERNAL custody the agent signs the
 * transfer itself, so the flow is approve → transfer → confirm. An approval returns a single-use
 * 64-hex `approvalToken`, valid for 10 minutes and bound to the approved amount, recipient and
 * chain; confirm reports the on-chain `txHash` with that token and turns the reservation into spend.
 */

export const externalApprovalStatuses = [
  'PENDING',
  'APPROVED',
  'DENIED',
  'REQUIRES_APPROVAL',
  'CONFIRMED',
  'EXPIRED',
] as const
export type ExternalApprovalStatus = (typeof externalApprovalStatuses)[number]

/** Body of `POST /api/sdk/payments/approve`. */
export const approveExternalPaymentParamsSchema = z.object({
  /** USD-equivalent amount of the transfer. */
  amount: amountSchema(),
  recipientAddress: addressSchema,
  /** The agent's EXTERNAL wallet; an unknown address auto-creates one with the Defaults-page limits. */
  senderAddress: addressSchema,
  /** Chain of the transfer; when omitted the server uses 42431 (Solana when the sender is base58). */
  chainId: z.optional(chainIdSchema),
  recipientName: z.optional(recipientNameSchema),
  purpose: z.optional(purposeSchema),
  category: z.optional(categorySchema),
  context: z.optional(metadataSchema),
  targetContractAddress: z.optional(evmAddressSchema),
  functionSelector: z.optional(functionSelectorSchema),
  idempotencyKey: z.optional(bodyIdempotencyKeySchema),
})
export type ApproveExternalPaymentParams = z.input<typeof approveExternalPaymentParamsSchema>

/** Daily headroom of the sender wallet after this approval; `null` = unlimited. */
export const externalApprovalLimitsSchema = z.object({
  dailyUsed: amountValueSchema,
  dailyLimit: z.nullable(amountValueSchema),
  dailyRemaining: z.nullable(amountValueSchema),
})
export type ExternalApprovalLimits = z.infer<typeof externalApprovalLimitsSchema>

/** Approved: transfer, then confirm with the token before `expiresAt` (+10 minutes). */
export const approvedExternalPaymentResultSchema = z.object({
  approved: z.literal(true),
  approvalId: z.string(),
  approvalToken: approvalTokenSchema,
  expiresAt: isoTimestampSchema,
  /** `/api/sdk/payments/{approvalId}/confirm`. */
  confirmUrl: z.string(),
  limits: externalApprovalLimitsSchema,
  walletId: z.string(),
  /** `true` when the sender address was unknown and an EXTERNAL wallet was created for it. */
  walletCreated: z.optional(z.boolean()),
  approvalRequestId: z.optional(z.string()),
  reasons: z.array(z.string()),
  evaluation: evaluationTraceSchema,
})
export type ApprovedExternalPaymentResult = z.infer<typeof approvedExternalPaymentResultSchema>

/** Not approved (HTTP 200): denied, or waiting for a human when `requiresHumanApproval`. */
export const deniedExternalPaymentResultSchema = z.object({
  approved: z.literal(false),
  reasons: z.array(z.string()),
  violations: z.array(violationSchema),
  requiresHumanApproval: z.boolean(),
  approvalId: z.optional(z.string()),
  approvalRequestId: z.optional(z.string()),
  evaluation: evaluationTraceSchema,
})
export type DeniedExternalPaymentResult = z.infer<typeof deniedExternalPaymentResultSchema>

/** Response of `POST /api/sdk/payments/approve`, discriminated on `approved`. */
export const approveExternalPaymentResultSchema = z.discriminatedUnion('approved', [
  approvedExternalPaymentResultSchema,
  deniedExternalPaymentResultSchema,
])
export type ApproveExternalPaymentResult = z.infer<typeof approveExternalPaymentResultSchema>

/** Body of `POST /api/sdk/payments/{approvalId}/confirm`. */
export const confirmExternalPaymentParamsSchema = z.object({
  txHash: txHashSchema,
  approvalToken: approvalTokenSchema,
})
export type ConfirmExternalPaymentParams = z.input<typeof confirmExternalPaymentParamsSchema>

/** Response of `POST /api/sdk/payments/{approvalId}/confirm`. */
export const confirmExternalPaymentResultSchema = z.object({
  confirmed: z.literal(true),
  transactionId: z.string(),
  /** `CONFIRMING` until the chain confirms the transfer. */
  status: openEnumSchema(transactionStatuses),
  amount: amountValueSchema,
  currency: z.string(),
  /** The recipient address. */
  recipient: z.string(),
  txHash: z.string(),
  explorerUrl: z.string(),
  approvalId: z.string(),
})
export type ConfirmExternalPaymentResult = z.infer<typeof confirmExternalPaymentResultSchema>

/** An external approval as stored (the record behind approve/confirm). */
export const externalApprovalSchema = z.object({
  id: z.string(),
  status: openEnumSchema(externalApprovalStatuses),
  amount: amountValueSchema,
  currency: z.string(),
  recipientAddress: z.string(),
  recipientName: z.nullable(z.string()),
  purpose: z.nullable(z.string()),
  category: z.nullable(z.string()),
  senderAddress: z.string(),
  chainId: z.string(),
  walletId: z.nullable(z.string()),
  agentId: z.string(),
  approvalRequestId: z.nullable(z.string()),
  expiresAt: isoTimestampSchema,
  confirmedAt: z.nullable(isoTimestampSchema),
  transactionId: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
})
export type ExternalApproval = z.infer<typeof externalApprovalSchema>

/** Path parameters `{approvalId}`. */
export const externalApprovalIdParamsSchema = z.object({ approvalId: idSchema })
