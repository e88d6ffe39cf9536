import {
  defaults,
  isOperatorAllowed,
  isRuleType,
  normalizeOperator,
  operatorNotAllowedMessage,
  type RuleAction,
  type RuleOperator,
  type RulePaymentKind,
  type RuleType,
  ruleActions,
  ruleTypeInfo,
  safeParseRuleValue,
  type ViolationType,
} from '@conto/schemas'
import { toEpochMs } from './evaluation-context.js'
import type { PolicyInput, RuleInput } from './evaluation-input.js'
import type { RuleEvaluator } from './rule-evaluator.js'
import { ruleEvaluators } from './rules/index.js'

const noKinds: ReadonlySet<RulePaymentKind> = new Set()

/**
 * Policies parsed once: rule values decoded and validated with `@conto/schemas`, operators
 * normalised, and each value prepared by its evaluator (sets, micro-units). Compiled policies
 * are cached per input object, so evaluating the same policies again costs no parsing.
 */

export interface CompiledRule {
  readonly id: string
  readonly ruleType: RuleType | string
  readonly operator: RuleOperator
  readonly action: RuleAction
  /** The evaluator's prepared value; absent when `invalid`. */
  readonly prepared?: unknown
  /** Why the rule cannot be evaluated (unknown type, operator or malformed value): it fails closed. */
  readonly invalid?: string
  /** Payment kinds the rule applies to (empty when invalid). */
  readonly kinds: ReadonlySet<RulePaymentKind>
  /** Its evaluator (absent when invalid). */
  // biome-ignore lint/suspicious/noExplicitAny: each evaluator has its own prepared-value type.
  readonly evaluator?: RuleEvaluator<RuleType, any>
  /** The violation a failure reports. */
  readonly violationType: ViolationType
}

export interface CompiledPolicy {
  readonly id: string
  readonly name: string
  readonly priority: number
  readonly isActive: boolean
  /** Creation time for tie-breaks; NaN when unknown (input order decides). */
  readonly createdAtMs: number
  readonly rules: readonly CompiledRule[]
}

const compiledPolicies = new WeakMap<PolicyInput, CompiledPolicy>()
const sortedPolicyLists = new WeakMap<readonly PolicyInput[], readonly CompiledPolicy[]>()

/** Compiles one rule; never throws — a rule that cannot be understood is marked `invalid`. */
export function compileRule(rule: RuleInput): CompiledRule {
  const action = (rule.action ?? defaults.policy.ruleAction).toUpperCase() as RuleAction
  const operator = normalizeOperator(rule.operator)
  const base = {
    id: rule.id,
    ruleType: rule.ruleType,
    action,
    operator: operator ?? 'EQUALS',
    kinds: noKinds,
    violationType: 'INVALID_RULE' as const,
  }
  if (!isRuleType(rule.ruleType)) {
    return { ...base, invalid: `Unknown rule type ${JSON.stringify(rule.ruleType)}` }
  }
  if (!(ruleActions as readonly string[]).includes(action)) {
    return {
      ...base,
      invalid: `Unknown action ${JSON.stringify(rule.action)}: expected one of ${ruleActions.join(', ')}`,
    }
  }
  if (operator === undefined) {
    return { ...base, invalid: `Unknown operator ${JSON.stringify(rule.operator)}` }
  }
  if (!isOperatorAllowed(rule.ruleType, operator)) {
    return { ...base, invalid: operatorNotAllowedMessage(rule.ruleType, operator) }
  }
  const parsed = safeParseRuleValue(rule.ruleType, rule.value)
  if (!parsed.success) return { ...base, invalid: parsed.error.message }
  // biome-ignore lint/suspicious/noExplicitAny: see CompiledRule.evaluator.
  const evaluator = ruleEvaluators[rule.ruleType] as RuleEvaluator<RuleType, any>
  const info = ruleTypeInfo[rule.ruleType]
  return {
    ...base,
    prepared: evaluator.prepare(parsed.value),
    evaluator,
    kinds: new Set(info.paymentKinds),
    violationType: info.violationType,
  }
}

/** Compiles a policy (cached per input object). */
export function compilePolicy(policy: PolicyInput): CompiledPolicy {
  let compiled = compiledPolicies.get(policy)
  if (!compiled) {
    compiled = {
      id: policy.id,
      name: policy.name,
      priority: policy.priority ?? defaults.policy.priority,
      isActive: policy.isActive ?? defaults.policy.isActive,
      createdAtMs: policy.createdAt === undefined ? Number.NaN : toEpochMs(policy.createdAt),
      rules: policy.rules.map(compileRule),
    }
    compiledPolicies.set(policy, compiled)
  }
  return compiled
}

/**
 * The active policies in evaluation order: priority descending, then creation time ascending,
 * then input order (cached per input array).
 */
export function compilePolicies(policies: readonly PolicyInput[]): readonly CompiledPolicy[] {
  let sorted = sortedPolicyLists.get(policies)
  if (!sorted) {
    sorted = policies
      .map((policy, index) => ({ compiled: compilePolicy(policy), index }))
      .filter(({ compiled }) => compiled.isActive)
      .sort((a, b) => {
        if (a.compiled.priority !== b.compiled.priority)
          return b.compiled.priority - a.compiled.priority
        const aTime = a.compiled.createdAtMs
        const bTime = b.compiled.createdAtMs
        if (!Number.isNaN(aTime) && !Number.isNaN(bTime) && aTime !== bTime) return aTime - bTime
        return a.index - b.index
      })
      .map(({ compiled }) => compiled)
    sortedPolicyLists.set(policies, sorted)
  }
  return sorted
}
