import type { RuleOperator, RuleType, RuleValue } from '@conto/schemas'
import type { EvaluationContext } from './evaluation-context.js'

/**
 * What each rule type contributes to a decision. The evaluator loop owns the semantics of
 * actions (§5.2): with `ALLOW` the rule is a requirement and fails when its predicate does not
 * hold; with `DENY` it is a prohibition and fails when its predicate holds; `REQUIRE_APPROVAL`
 * routes the payment to humans when its predicate holds. A rule type only says what its
 * predicate is and how to explain it.
 */

/** A measured value or threshold as violations carry it. */
export type CheckValue = number | string | string[] | null

/** Why a rule fired: its `current` value, its `limit`, and a sentence a person can act on. */
export interface RuleExplanation {
  readonly current: CheckValue
  readonly limit: CheckValue
  readonly message: string
}

export interface RuleEvaluator<TRuleType extends RuleType, TPrepared = RuleValue<TRuleType>> {
  /**
   * Lists of prohibited things (`BLOCKED_*`): the rule fails when its predicate holds whatever
   * the action (`ALLOW` on a block list cannot mean "allow only the blocked ones").
   */
  readonly prohibition?: boolean
  /** Turns the parsed value into what `test` reads fast (sets, micro-units); once per policy. */
  prepare(value: RuleValue<TRuleType>): TPrepared
  /**
   * The rule's predicate for `operator` (`subject <= limit`, `category in list`, …), or
   * `undefined` when this payment carries nothing the rule can judge (the rule is skipped).
   */
  test(context: EvaluationContext, value: TPrepared, operator: RuleOperator): boolean | undefined
  /**
   * Explains a rule that fired; `held` is the predicate's value (false when a requirement failed,
   * true when a prohibition or approval trigger matched). Called only when the rule fires.
   */
  explain(
    context: EvaluationContext,
    value: TPrepared,
    operator: RuleOperator,
    held: boolean,
  ): RuleExplanation
}

/** One evaluator per rule type; the type-check fails when a rule type has none. */
export type RuleEvaluatorRegistry = {
  // biome-ignore lint/suspicious/noExplicitAny: each entry keeps its own prepared-value type.
  readonly [TRuleType in RuleType]: RuleEvaluator<TRuleType, any>
}

/** Declares the evaluators of one rule family, keeping each entry's types. */
export function defineRuleEvaluators<
  // biome-ignore lint/suspicious/noExplicitAny: see RuleEvaluatorRegistry.
  const TEvaluators extends { readonly [TRuleType in RuleType]?: RuleEvaluator<TRuleType, any> },
>(evaluators: TEvaluators): TEvaluators {
  return evaluators
}

/** Numeric comparison for the comparison operators; other operators never hold. */
export function compare(subject: number, operator: RuleOperator, limit: number): boolean {
  switch (operator) {
    case 'LESS_THAN_OR_EQUAL':
      return subject <= limit
    case 'LESS_THAN':
      return subject < limit
    case 'GREATER_THAN_OR_EQUAL':
      return subject >= limit
    case 'GREATER_THAN':
      return subject > limit
    case 'EQUALS':
      return subject === limit
    case 'NOT_EQUALS':
      return subject !== limit
    default:
      return false
  }
}

/** List membership for IN_LIST / NOT_IN_LIST (EQUALS / NOT_EQUALS treat the list as one value). */
export function member(
  subject: string | undefined,
  operator: RuleOperator,
  list: ReadonlySet<string>,
): boolean {
  const inList = subject !== undefined && list.has(subject)
  return operator === 'NOT_IN_LIST' || operator === 'NOT_EQUALS' ? !inList : inList
}

/** `BETWEEN` holds inside the range, `NOT_BETWEEN` outside. */
export const between = (inside: boolean, operator: RuleOperator): boolean =>
  operator === 'NOT_BETWEEN' ? !inside : inside

/** Operators as people write them in messages. */
export const operatorSymbol: Record<RuleOperator, string> = {
  EQUALS: '=',
  NOT_EQUALS: '≠',
  GREATER_THAN: '>',
  GREATER_THAN_OR_EQUAL: '≥',
  LESS_THAN: '<',
  LESS_THAN_OR_EQUAL: '≤',
  IN_LIST: 'in',
  NOT_IN_LIST: 'not in',
  BETWEEN: 'between',
  NOT_BETWEEN: 'not between',
}
