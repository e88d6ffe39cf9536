import * as z from 'zod/mini'
import { openEnumSchema } from './common.js'

/**
 * The decision shape shared by `@conto/policy` and the API (§5.3 and the contract's explain
 * trace): `status`, `reasons`, `violations` and `evaluation`.
 */

export const decisionStatuses = ['APPROVED', 'DENIED', 'REQUIRES_APPROVAL'] as const
export type DecisionStatus = (typeof decisionStatuses)[number]

/** Violation types an agent can see (§5.3, with the recommended additions). */
export const violationTypes = [
  'INSUFFICIENT_BALANCE',
  'PER_TX_LIMIT',
  'DAILY_LIMIT',
  'WEEKLY_LIMIT',
  'MONTHLY_LIMIT',
  'BUDGET_EXCEEDED',
  'TIME_WINDOW',
  'BLACKOUT_PERIOD',
  'EXPIRED_PERMISSION',
  'BLOCKED_COUNTERPARTY',
  'WHITELIST_VIOLATION',
  'CATEGORY_RESTRICTION',
  'VELOCITY_LIMIT',
  'GEOGRAPHIC_RESTRICTION',
  'CONTRACT_NOT_ALLOWED',
  'FAIRSCALE_LOW_SCORE',
  'X402_PRICE_CEILING',
  'X402_SERVICE_BLOCKED',
  'X402_SERVICE_NOT_ALLOWED',
  'X402_ENDPOINT_LIMIT',
  'X402_SESSION_BUDGET',
  'X402_VELOCITY',
  'MPP_PRICE_CEILING',
  'MPP_SERVICE_BLOCKED',
  'MPP_SERVICE_NOT_ALLOWED',
  'MPP_ENDPOINT_LIMIT',
  'MPP_SESSION_BUDGET',
  'MPP_VELOCITY',
  'MPP_MAX_SESSION_DEPOSIT',
  'MPP_MAX_CONCURRENT_SESSIONS',
  'MPP_MAX_SESSION_DURATION',
  'MPP_SESSION_INTENT_BLOCKED',
  'MPP_METHOD_NOT_ALLOWED',
  'CARD_MCC_RESTRICTION',
  'CARD_MERCHANT_RESTRICTION',
  'CARD_AMOUNT_LIMIT',
  'TRUST_SCORE',
  'COUNTERPARTY_STATUS',
  'AGENT_NOT_ACTIVE',
  'RELATIONSHIP_LIMIT',
  'BUDGET_REQUEST_EXHAUSTED',
  'SANCTIONED_ADDRESS',
  'INVALID_RULE',
] as const
export type ViolationType = (typeof violationTypes)[number]

/** A threshold or measured value: a number, or a list/label for non-numeric rules. */
export const violationValueSchema = z.union([z.number(), z.string(), z.array(z.string()), z.null()])

/**
 * Why a payment was denied. `limit` is the configured threshold; `current` the measured value
 * before this payment (spend so far for cumulative rules, the amount for per-request rules).
 */
export const violationSchema = z.object({
  type: openEnumSchema(violationTypes),
  limit: violationValueSchema,
  current: violationValueSchema,
  message: z.string(),
  policyId: z.optional(z.string()),
  policyName: z.optional(z.string()),
  ruleId: z.optional(z.string()),
  ruleType: z.optional(z.string()),
})
export type Violation = z.infer<typeof violationSchema>

export const ruleOutcomes = ['PASSED', 'DENIED', 'REQUIRES_APPROVAL', 'SKIPPED'] as const
export type RuleOutcome = (typeof ruleOutcomes)[number]

/** One rule the evaluator looked at, and what it decided. */
export const matchedRuleSchema = z.object({
  policyId: z.string(),
  ruleId: z.string(),
  ruleType: z.string(),
  outcome: openEnumSchema(ruleOutcomes),
})
export type MatchedRule = z.infer<typeof matchedRuleSchema>

/** Remaining headroom per window after this payment would settle; `null` = unlimited. */
export const remainingBudgetSchema = z.object({
  perTransaction: z.nullable(z.number()),
  daily: z.nullable(z.number()),
  weekly: z.nullable(z.number()),
  monthly: z.nullable(z.number()),
})
export type RemainingBudget = z.infer<typeof remainingBudgetSchema>

/** The explain trace every decision carries (contract §4). */
export const evaluationTraceSchema = z.object({
  policiesEvaluated: z.number().check(z.int()),
  rulesEvaluated: z.number().check(z.int()),
  matched: z.array(matchedRuleSchema),
  remaining: remainingBudgetSchema,
})
export type EvaluationTrace = z.infer<typeof evaluationTraceSchema>

/** A complete policy decision, as `@conto/policy` returns it and the API embeds it. */
export const policyDecisionSchema = z.object({
  status: z.enum(decisionStatuses),
  reasons: z.array(z.string()),
  violations: z.array(violationSchema),
  evaluation: evaluationTraceSchema,
  /** The approval workflow that routed the payment to humans, when one matched. */
  approvalWorkflowId: z.optional(z.string()),
})
export type PolicyDecision = z.infer<typeof policyDecisionSchema>
