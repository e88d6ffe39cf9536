import type { PolicyDecision } from '@conto/schemas'
import { evaluatePolicy } from '../src/evaluate-policy.js'
import type { EvaluationInput, PolicyInput, RuleInput } from '../src/evaluation-input.js'

/** Test fixtures for evaluator tests: synthetic ids and addresses only. */

export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const OTHER_ADDRESS = '0x1234567890abcdef1234567890abcdef12345678'
export const SOLANA_RECIPIENT = '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'
/** A Wednesday, 12:00 UTC. */
export const NOW = '2026-04-08T12:00:00.000Z'

let ruleCounter = 0

/** A rule with a generated id; `value` may be given as native JSON for readability. */
export function rule(
  ruleType: string,
  operator: string,
  value: string | number | readonly unknown[] | Record<string, unknown>,
  action: RuleInput['action'] = 'ALLOW',
): RuleInput {
  ruleCounter++
  return {
    id: `rule_${ruleCounter}`,
    ruleType,
    operator,
    value: typeof value === 'string' ? value : JSON.stringify(value),
    ...(action === undefined ? {} : { action }),
  }
}

/** A policy holding `rules` (priority 50, active). */
export function policy(
  rules: readonly RuleInput[],
  overrides: Partial<PolicyInput> = {},
): PolicyInput {
  ruleCounter++
  return {
    id: `pol_${ruleCounter}`,
    name: `Policy ${ruleCounter}`,
    priority: 50,
    isActive: true,
    rules,
    ...overrides,
  }
}

/** A complete evaluation input with an ACTIVE agent, no wallet, no spend; override any part. */
export function input(overrides: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    payment: { amount: 50, recipientAddress: RECIPIENT },
    agent: { id: 'agt_test', status: 'ACTIVE', agentType: 'CUSTOM' },
    policies: [],
    now: NOW,
    ...overrides,
  }
}

/** Evaluates one rule in its own policy against a payment (and optional extra input). */
export function evaluateRule(
  ruleInput: RuleInput,
  overrides: Partial<EvaluationInput> = {},
): PolicyDecision {
  return evaluatePolicy(input({ ...overrides, policies: [policy([ruleInput])] }))
}

/** The outcome of the single rule of `evaluateRule` as the trace records it. */
export function outcomeOf(decision: PolicyDecision): string | undefined {
  return decision.evaluation.matched[0]?.outcome
}
