import * as z from 'zod/mini'
import { chainIdSchema, chainSummarySchema } from './chain.js'
import {
  addressSchema,
  amountSchema,
  amountValueSchema,
  enumSchema,
  evmAddressSchema,
  functionSelectorSchema,
  idSchema,
  isoTimestampSchema,
  metadataSchema,
  openEnumSchema,
} from './common.js'
import { defaults } from './defaults.js'
import {
  bodyIdempotencyKeySchema,
  categorySchema,
  purposeSchema,
  recipientNameSchema,
} from './payment-fields.js'
import { evaluationTraceSchema, violationSchema } from './policy-decision.js'
import { transactionStatuses } from './transaction.js'
import { custodyTypes } from './wallet.js'

/**
 * Payment requests (§2.16, §4.11, §5.3, §6.3): an agent asks to pay, Conto evaluates its policies
 * and answers APPROVED / DENIED / REQUIRES_APPROVAL (always HTTP 200); an APPROVED request is
 * executed through the wallet's custody provider within 5 minutes. `dryRun` evaluates without
 * persisting anything; every decision carries the explain trace (`evaluation`).
 */

export const paymentUrgencies = ['LOW', 'NORMAL', 'HIGH', 'CRITICAL'] as const
export type PaymentUrgency = (typeof paymentUrgencies)[number]
export const paymentUrgencySchema = enumSchema(paymentUrgencies, 'urgency')

/** The kinds of payment the policy engine distinguishes (protocol-specific rules apply per kind). */
export const paymentKinds = ['standard', 'x402', 'mpp', 'card'] as const
export type PaymentKind = (typeof paymentKinds)[number]

/**
 * Every status a payment request passes through (§4.11): `PENDING_EVALUATION → APPROVED | DENIED |
 * PENDING_APPROVAL (→ APPROVED | DENIED | EXPIRED) | VERIFICATION_REQUIRED → EXECUTING →
 * EXECUTED / COMPLETED | FAILED | EXPIRED`. `REQUIRES_APPROVAL` is the decision the request
 * endpoint returns while a human approval is pending.
 */
export const paymentRequestStatuses = [
  'PENDING_EVALUATION',
  'APPROVED',
  'DENIED',
  'PENDING_APPROVAL',
  'REQUIRES_APPROVAL',
  'VERIFICATION_REQUIRED',
  'EXECUTING',
  'EXECUTED',
  'COMPLETED',
  'FAILED',
  'EXPIRED',
] as const
export type PaymentRequestStatus = (typeof paymentRequestStatuses)[number]

/** The decisions `POST /api/sdk/payments/request` answers with. */
export const paymentRequestDecisionStatuses = [
  'APPROVED',
  'DENIED',
  'REQUIRES_APPROVAL',
  'VERIFICATION_REQUIRED',
] as const
export type PaymentRequestDecisionStatus = (typeof paymentRequestDecisionStatuses)[number]

/** Body of `POST /api/sdk/payments/request`. */
export const requestPaymentParamsSchema = z.object({
  amount: amountSchema(),
  recipientAddress: addressSchema,
  recipientName: z.optional(recipientNameSchema),
  purpose: z.optional(purposeSchema),
  /** A spend category (§4.5), free text compared case-insensitively, e.g. `API_PROVIDER`. */
  category: z.optional(categorySchema),
  /** Free metadata, e.g. `{ department, project }` (used by BUDGET_ALLOCATION and `country`). */
  context: z.optional(metadataSchema),
  /** Force this wallet; otherwise one is chosen by custody priority. */
  walletId: z.optional(idSchema),
  /** Chain to pay on; when omitted the server resolves it (wallet's chain, else 42431). */
  chainId: z.optional(chainIdSchema),
  urgency: z._default(paymentUrgencySchema, defaults.paymentRequest.urgency),
  /** Execute right away when approved (needs the `payments:execute` scope). */
  autoExecute: z._default(z.boolean(), defaults.paymentRequest.autoExecute),
  /** Contract the payment calls, checked by CONTRACT_ALLOWLIST rules. */
  targetContractAddress: z.optional(evmAddressSchema),
  functionSelector: z.optional(functionSelectorSchema),
  /**
   * Same key + same body returns the original request; same key + another body answers 409
   * `IDEMPOTENCY_CONFLICT`. Remembered per agent indefinitely (seed Defaults page).
   */
  idempotencyKey: z.optional(bodyIdempotencyKeySchema),
  /** Correlation id, e.g. the MCP session. */
  sessionId: z.optional(
    z.string().check(z.minLength(1), z.maxLength(200, 'sessionId must be at most 200 characters')),
  ),
  /** Evaluate and return the decision, persisting nothing (no request, reservation, audit or webhook). */
  dryRun: z._default(z.boolean(), false),
  /** Merchant compliance data (AgentScore gating); shape defined by the merchant. */
  compliance: z.optional(metadataSchema),
})
export type RequestPaymentParams = z.input<typeof requestPaymentParamsSchema>

/** The wallet a payment request was evaluated against. */
export const paymentWalletSummarySchema = z.object({
  id: z.string(),
  address: z.string(),
  chainId: z.string(),
  custodyType: openEnumSchema(custodyTypes),
  /** Balance minus live reservations, in stablecoin units. */
  availableBalance: amountValueSchema,
})
export type PaymentWalletSummary = z.infer<typeof paymentWalletSummarySchema>

/** The transfer an execution produced (auto-execute, `/execute`, or the request record). */
export const paymentExecutionSchema = z.object({
  transactionId: z.string(),
  txHash: z.string(),
  explorerUrl: z.string(),
  /** `CONFIRMING` for a live transfer; `COMPLETED` for simulated (test-mode) settlement. */
  status: openEnumSchema(transactionStatuses),
  simulated: z.optional(z.boolean()),
})
export type PaymentExecution = z.infer<typeof paymentExecutionSchema>

/** A wallet the denial context points at (other linked wallets, eligible alternatives). */
const denialContextWalletSchema = z.extend(paymentWalletSummarySchema, {
  address: z.nullable(z.string()),
  name: z.optional(z.string()),
  /** Why this wallet is listed, e.g. "sufficient balance on Base". */
  reason: z.optional(z.string()),
})

/** Enriched denial context (`POLICY_DENIED` semantics): what the agent can do next. */
export const paymentDenialContextSchema = z.object({
  wallets: z.optional(z.array(denialContextWalletSchema)),
  nextSteps: z.optional(z.array(z.string())),
  alternatives: z.optional(z.array(denialContextWalletSchema)),
})
export type PaymentDenialContext = z.infer<typeof paymentDenialContextSchema>

/** Fields every payment decision carries. */
export const paymentRequestResultBaseSchema = z.object({
  /** The stored request's id (on a dry run, an id that was never stored). */
  requestId: z.string(),
  amount: amountValueSchema,
  /** The chain's stablecoin symbol, e.g. `pathUSD`, `USDC`, `USDC.e`. */
  currency: z.string(),
  recipientAddress: z.string(),
  /** Human-readable reasons; always present, exactly one on a denial. */
  reasons: z.array(z.string()),
  /** Why the payment was denied (first failing rule only); empty otherwise. */
  violations: z.array(violationSchema),
  evaluation: evaluationTraceSchema,
  wallet: z.optional(paymentWalletSummarySchema),
  walletSelectionReason: z.optional(z.string()),
  chain: z.optional(chainSummarySchema),
  expiresAt: z.optional(isoTimestampSchema),
  /** `true` when the request was a dry run: nothing was persisted. */
  dryRun: z.optional(z.boolean()),
  createdAt: isoTimestampSchema,
})

/** APPROVED: execute before `expiresAt` (5 minutes); the amount is reserved until then. */
export const approvedPaymentRequestResultSchema = z.extend(paymentRequestResultBaseSchema, {
  status: z.literal('APPROVED'),
  expiresAt: isoTimestampSchema,
  /** Present when `autoExecute` succeeded. */
  execution: z.optional(paymentExecutionSchema),
  /** Approved, but auto-execution failed: call `/execute`. */
  autoExecuteError: z.optional(z.string()),
})
export type ApprovedPaymentRequestResult = z.infer<typeof approvedPaymentRequestResultSchema>

/** DENIED (still HTTP 200): see `reasons`, `violations` and `context.nextSteps`. */
export const deniedPaymentRequestResultSchema = z.extend(paymentRequestResultBaseSchema, {
  status: z.literal('DENIED'),
  context: z.optional(paymentDenialContextSchema),
})
export type DeniedPaymentRequestResult = z.infer<typeof deniedPaymentRequestResultSchema>

/** REQUIRES_APPROVAL: a human must approve; the approval request's id (absent on a dry run). */
export const requiresApprovalPaymentRequestResultSchema = z.extend(paymentRequestResultBaseSchema, {
  status: z.literal('REQUIRES_APPROVAL'),
  approvalRequestId: z.optional(z.string()),
})
export type RequiresApprovalPaymentRequestResult = z.infer<
  typeof requiresApprovalPaymentRequestResultSchema
>

/** VERIFICATION_REQUIRED (AgentScore merchant gating): complete the step-up at `verifyUrl`. */
export const verificationRequiredPaymentRequestResultSchema = z.extend(
  paymentRequestResultBaseSchema,
  {
    status: z.literal('VERIFICATION_REQUIRED'),
    verification: z.looseObject({ verifyUrl: z.string() }),
  },
)
export type VerificationRequiredPaymentRequestResult = z.infer<
  typeof verificationRequiredPaymentRequestResultSchema
>

/** Response of `POST /api/sdk/payments/request`, discriminated on `status`. */
export const paymentRequestResultSchema = z.discriminatedUnion('status', [
  approvedPaymentRequestResultSchema,
  deniedPaymentRequestResultSchema,
  requiresApprovalPaymentRequestResultSchema,
  verificationRequiredPaymentRequestResultSchema,
])
export type PaymentRequestResult = z.infer<typeof paymentRequestResultSchema>

/** Response of `POST /api/sdk/payments/{requestId}/execute`. */
export const executePaymentResultSchema = z.object({
  transactionId: z.string(),
  requestId: z.string(),
  txHash: z.string(),
  explorerUrl: z.string(),
  /** `CONFIRMING` for a live transfer; `COMPLETED` with `simulated: true` in test mode. */
  status: openEnumSchema(transactionStatuses),
  simulated: z.optional(z.boolean()),
  amount: amountValueSchema,
  currency: z.string(),
  chainId: z.string(),
  walletId: z.string(),
  recipientAddress: z.string(),
})
export type ExecutePaymentResult = z.infer<typeof executePaymentResultSchema>

/** Response of `GET /api/sdk/payments/{requestId}`: the request record at any lifecycle stage. */
export const paymentStatusResultSchema = z.object({
  requestId: z.string(),
  status: openEnumSchema(paymentRequestStatuses),
  amount: amountValueSchema,
  currency: z.string(),
  recipientAddress: z.string(),
  recipientName: z.nullable(z.string()),
  purpose: z.nullable(z.string()),
  category: z.nullable(z.string()),
  urgency: z.optional(openEnumSchema(paymentUrgencies)),
  wallet: z.optional(paymentWalletSummarySchema),
  chain: z.optional(chainSummarySchema),
  /** When an APPROVED request stops being executable; `null` when it never was. */
  expiresAt: z.nullable(isoTimestampSchema),
  reasons: z.array(z.string()),
  violations: z.array(violationSchema),
  evaluation: z.optional(evaluationTraceSchema),
  approvalRequestId: z.optional(z.string()),
  /** The transfer, once executed. */
  execution: z.optional(paymentExecutionSchema),
  failureReason: z.optional(z.nullable(z.string())),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type PaymentStatusResult = z.infer<typeof paymentStatusResultSchema>

/** Path parameters `{requestId}`. */
export const paymentRequestIdParamsSchema = z.object({ requestId: idSchema })
