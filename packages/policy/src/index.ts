/**
 * @module @conto/policy
 * The Conto policy evaluator: `evaluatePolicy(input)` decides a payment — APPROVED, DENIED or
 * REQUIRES_APPROVAL — from data alone, exactly as the Conto API does. No I/O, no clock, no
 * randomness: run it on a server, offline, in the browser or at the edge.
 */
export type { PolicyDecision, Violation } from '@conto/schemas'
export {
  isWithinDailyWindow,
  minutesOfClockTime,
  type SpendWindow,
  spendWindowOfPeriod,
  startOfUtcDay,
  startOfUtcMonth,
  startOfUtcQuarter,
  startOfUtcWeek,
  startOfUtcYear,
  velocityPeriodMs,
  windowEnd,
  windowStart,
  type ZonedTime,
  zonedTime,
} from './calendar.js'
export {
  type CompiledPolicy,
  type CompiledRule,
  compilePolicies,
  compilePolicy,
  compileRule,
} from './compile-policies.js'
export { evaluatePolicy } from './evaluate-policy.js'
export type {
  AgentInput,
  ApprovalWorkflowInput,
  ApprovalWorkflowTriggers,
  BudgetRequestInput,
  CounterpartyInput,
  EvaluationInput,
  LinkInput,
  MppSessionInput,
  PaymentInput,
  PolicyInput,
  RelationshipLimitsInput,
  RuleInput,
  SpendSnapshot,
  Timestamp,
  WalletInput,
  WindowSpend,
} from './evaluation-input.js'
export { formatUsd, type Micros, micros, units } from './money.js'
