import * as z from 'zod/mini'
import { alertSeverities, alertStatuses } from './alert.js'
import { chainIdSchema } from './chain.js'
import {
  addressSchema,
  amountSchema,
  idSchema,
  isoTimestampSchema,
  openEnumSchema,
  txHashSchema,
} from './common.js'
import { evaluationTraceSchema, violationSchema } from './policy-decision.js'

/**
 * x402 (§2.20): pay-per-request HTTP 402 payments. Conto pre-authorizes against policies, the
 * agent pays the facilitator itself, then records the payment (no confirm step). The result,
 * record-response, services and budget shapes here are shared with MPP (`mpp.ts`).
 */

export const X402_DEFAULT_SCHEME = 'exact'
export const X402_DEFAULT_CATEGORY = 'API_PROVIDER'

/** The paid resource: an absolute `http(s)` URL. */
export const serviceResourceUrlSchema = z
  .url({
    protocol: /^https?$/,
    error: (issue) =>
      issue.input === undefined
        ? 'resourceUrl is required'
        : 'resourceUrl must be an absolute http(s) URL',
  })
  .check(
    z.maxLength(2048, 'resourceUrl must be at most 2048 characters'),
    z.meta({ examples: ['https://api.example.com/data'] }),
  )

const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

/** A service domain: the host name of the resource URL (`api.example.com`), lower-cased. */
export const serviceDomainSchema = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(HOSTNAME_PATTERN, 'serviceDomain must be a host name such as api.example.com'),
    z.meta({ examples: ['api.example.com'] }),
  )

/** The service domain the server derives when `serviceDomain` is omitted: the URL's host name. */
export function serviceDomainFromUrl(resourceUrl: string): string {
  return new URL(resourceUrl).hostname.toLowerCase()
}

const shortText = (field: string, max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, `${field} must be 1-${max} characters`),
      z.maxLength(max, `${field} must be 1-${max} characters`),
    )

/** A caller-chosen id that groups payments into one session (session budgets, MPP sessions). */
export const servicePaymentSessionIdSchema = shortText('sessionId', 200)

/** Body of `POST /api/sdk/x402/pre-authorize`. */
export const x402PreAuthorizeParamsSchema = z.object({
  amount: amountSchema(),
  /** Who the x402 payment goes to (the `payTo` of the 402 challenge). */
  recipientAddress: addressSchema,
  resourceUrl: serviceResourceUrlSchema,
  /** Derived from `resourceUrl` by the server when omitted. */
  serviceDomain: z.optional(serviceDomainSchema),
  facilitator: z.optional(shortText('facilitator', 500)),
  scheme: z._default(shortText('scheme', 50), X402_DEFAULT_SCHEME),
  category: z._default(shortText('category', 100), X402_DEFAULT_CATEGORY),
  sessionId: z.optional(servicePaymentSessionIdSchema),
  walletId: z.optional(idSchema),
  chainId: z.optional(chainIdSchema),
})
export type X402PreAuthorizeParams = z.input<typeof x402PreAuthorizeParamsSchema>

/** The wallet a pre-authorized payment should come from. */
export const preAuthorizedWalletSchema = z.object({
  id: z.string(),
  address: z.string(),
  chainId: z.string(),
  availableBalance: z.number(),
})
export type PreAuthorizedWallet = z.infer<typeof preAuthorizedWalletSchema>

/**
 * Response of a pre-authorize call (x402 and MPP; HTTP 200 for both outcomes), discriminated on
 * `authorized`. `serviceDomain` is the domain the policies were evaluated against.
 */
export const x402PreAuthorizeResultSchema = z.discriminatedUnion('authorized', [
  z.object({
    authorized: z.literal(true),
    wallet: preAuthorizedWalletSchema,
    reasons: z.array(z.string()),
    evaluation: z.optional(evaluationTraceSchema),
    serviceDomain: z.string(),
  }),
  z.object({
    authorized: z.literal(false),
    reasons: z.array(z.string()),
    violations: z.array(violationSchema),
    evaluation: z.optional(evaluationTraceSchema),
    serviceDomain: z.string(),
  }),
])
export type X402PreAuthorizeResult = z.infer<typeof x402PreAuthorizeResultSchema>

/**
 * Requires `txHash` or `transactionHash` (aliases; either is accepted) and, when both are sent,
 * that they agree. The server reads `txHash ?? transactionHash` (see `recordedTxHash`).
 */
export function refineTxHashAliases(
  value: { txHash?: string | undefined; transactionHash?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (value.txHash === undefined && value.transactionHash === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['txHash'],
      message: 'txHash (or transactionHash) is required',
    })
  } else if (
    value.txHash !== undefined &&
    value.transactionHash !== undefined &&
    value.txHash.toLowerCase() !== value.transactionHash.toLowerCase()
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['transactionHash'],
      message: 'txHash and transactionHash are the same field; when both are sent they must match',
    })
  }
}

/** The transaction hash of a parsed record body (`txHash` wins; both are validated to agree). */
export function recordedTxHash(value: {
  txHash?: string | undefined
  transactionHash?: string | undefined
}): string {
  const hash = value.txHash ?? value.transactionHash
  if (hash === undefined) throw new TypeError('record has neither txHash nor transactionHash')
  return hash
}

/** One settled x402 payment to record. */
export const x402RecordPaymentParamsSchema = z
  .object({
    amount: amountSchema(),
    recipientAddress: addressSchema,
    transactionHash: z.optional(txHashSchema),
    txHash: z.optional(txHashSchema),
    resourceUrl: serviceResourceUrlSchema,
    serviceDomain: z.optional(serviceDomainSchema),
    /** The facilitator's payment id, when it gives one. */
    paymentId: z.optional(shortText('paymentId', 200)),
    /** The HTTP status the paid resource answered with after payment. */
    responseCode: z.optional(
      z
        .number()
        .check(
          z.int('responseCode must be an HTTP status code'),
          z.gte(100, 'responseCode must be an HTTP status code (100-599)'),
          z.lte(599, 'responseCode must be an HTTP status code (100-599)'),
        ),
    ),
    facilitator: z.optional(shortText('facilitator', 500)),
    scheme: z.optional(shortText('scheme', 50)),
    sessionId: z.optional(servicePaymentSessionIdSchema),
    walletId: z.optional(idSchema),
    chainId: z.optional(chainIdSchema),
  })
  .check(z.superRefine(refineTxHashAliases))
export type X402RecordPaymentParams = z.input<typeof x402RecordPaymentParamsSchema>

export const X402_RECORD_BATCH_MAX = 100

/** Batch body of `POST /api/sdk/x402/record`: 1–100 payments. */
export const x402RecordBatchParamsSchema = z.object({
  payments: z
    .array(x402RecordPaymentParamsSchema)
    .check(
      z.minLength(1, `payments must contain 1-${X402_RECORD_BATCH_MAX} payments`),
      z.maxLength(
        X402_RECORD_BATCH_MAX,
        `payments must contain 1-${X402_RECORD_BATCH_MAX} payments`,
      ),
    ),
})
export type X402RecordBatchParams = z.input<typeof x402RecordBatchParamsSchema>

/** Body of `POST /api/sdk/x402/record`: one payment, or `{ payments: [...] }`. */
export const x402RecordParamsSchema = z.union([
  x402RecordBatchParamsSchema,
  x402RecordPaymentParamsSchema,
])
export type X402RecordParams = z.input<typeof x402RecordParamsSchema>

/** True when a parsed record body is the batch form. */
export function isX402RecordBatch(
  value: z.output<typeof x402RecordParamsSchema>,
): value is z.output<typeof x402RecordBatchParamsSchema> {
  return 'payments' in value
}

/** Anomaly alerts raised on service payments (x402 and MPP, §4.14); a subset of `alertTypes`. */
export const servicePaymentAlertTypes = [
  'X402_PRICE_SPIKE',
  'X402_HIGH_FREQUENCY',
  'X402_NEW_SERVICE',
  'X402_BUDGET_BURN',
  'X402_DUPLICATE_PAYMENT',
  'X402_FAILED_STREAK',
  'MPP_PRICE_SPIKE',
  'MPP_HIGH_FREQUENCY',
  'MPP_NEW_SERVICE',
  'MPP_BUDGET_BURN',
  'MPP_DUPLICATE_PAYMENT',
  'MPP_FAILED_STREAK',
] as const
export type ServicePaymentAlertType = (typeof servicePaymentAlertTypes)[number]

export const servicePaymentProtocols = ['x402', 'mpp'] as const
export type ServicePaymentProtocol = (typeof servicePaymentProtocols)[number]

/** A service-payment anomaly alert, as record responses and the service-spend summary embed it. */
export const servicePaymentAlertSchema = z.object({
  id: z.string(),
  type: openEnumSchema(servicePaymentAlertTypes),
  severity: openEnumSchema(alertSeverities),
  status: openEnumSchema(alertStatuses),
  title: z.string(),
  message: z.string(),
  protocol: z.nullable(openEnumSchema(servicePaymentProtocols)),
  serviceDomain: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
})
export type ServicePaymentAlert = z.infer<typeof servicePaymentAlertSchema>

/** One payment a record call stored. */
export const recordedServicePaymentSchema = z.object({
  transactionId: z.string(),
  txHash: z.string(),
  serviceDomain: z.string(),
  amount: z.number(),
})
export type RecordedServicePayment = z.infer<typeof recordedServicePaymentSchema>

/** Response of a record call (x402 and MPP): how many were recorded, and any alerts raised. */
export const x402RecordResponseSchema = z.object({
  recorded: z.number().check(z.int()),
  transactions: z.array(recordedServicePaymentSchema),
  alerts: z.optional(z.array(servicePaymentAlertSchema)),
})
export type X402RecordResponse = z.infer<typeof x402RecordResponseSchema>

/** Spend on one endpoint (resource URL) of a service. */
export const serviceEndpointUsageSchema = z.object({
  resourceUrl: z.string(),
  totalSpend: z.number(),
  callCount: z.number().check(z.int()),
})
export type ServiceEndpointUsage = z.infer<typeof serviceEndpointUsageSchema>

/** Spend on one service domain. */
export const serviceUsageSchema = z.object({
  serviceDomain: z.string(),
  totalSpend: z.number(),
  callCount: z.number().check(z.int()),
  lastUsedAt: z.nullable(isoTimestampSchema),
  endpoints: z.optional(z.array(serviceEndpointUsageSchema)),
})
export type ServiceUsage = z.infer<typeof serviceUsageSchema>

/** `GET /api/sdk/x402/services`: the services the agent has paid, highest spend first. */
export const x402ServicesResponseSchema = z.object({
  services: z.array(serviceUsageSchema),
})
export type X402ServicesResponse = z.infer<typeof x402ServicesResponseSchema>

/** Query of `GET /api/sdk/x402/budget`: `sessionId` adds the session budget view. */
export const x402BudgetQuerySchema = z.object({
  sessionId: z.optional(servicePaymentSessionIdSchema),
})
export type X402BudgetQuery = z.input<typeof x402BudgetQuerySchema>

/** One policy limit that applies to service payments, and where the agent stands against it. */
export const serviceBudgetLimitSchema = z.object({
  ruleType: z.string(),
  limit: z.number(),
  spent: z.number(),
  remaining: z.number(),
  /** `DAILY`, `WEEKLY`, `MONTHLY`, `SESSION`…; `null` for per-request limits. */
  period: z.nullable(z.string()),
  policyId: z.optional(z.string()),
})
export type ServiceBudgetLimit = z.infer<typeof serviceBudgetLimitSchema>

/**
 * `GET /api/sdk/x402/budget`. Every `remaining` value is `null` when nothing limits it.
 * `remaining.perService` maps each service domain the agent has paid to what is left under its
 * per-service limit (empty when no per-service limit applies).
 */
export const x402BudgetResponseSchema = z.object({
  sessionId: z.nullable(z.string()),
  spentToday: z.number(),
  remaining: z.object({
    daily: z.nullable(z.number()),
    session: z.nullable(z.number()),
    perService: z.record(z.string(), z.number()),
  }),
  /** Recent spend rate in stablecoin units per hour (spend over the trailing 24 h / 24). */
  burnRatePerHour: z.number(),
  limits: z.array(serviceBudgetLimitSchema),
})
export type X402BudgetResponse = z.infer<typeof x402BudgetResponseSchema>
