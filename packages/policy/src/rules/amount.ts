import type { RuleOperator } from '@conto/schemas'
import type { EvaluationContext } from '../evaluation-context.js'
import { formatUsd, type Micros, micros, units } from '../money.js'
import {
  compare,
  defineRuleEvaluators,
  operatorSymbol,
  type RuleEvaluator,
  type RuleExplanation,
} from '../rule-evaluator.js'

/**
 * Rules on the amount of this one payment: MAX_AMOUNT, SINGLE_AMOUNT, REQUIRE_APPROVAL_ABOVE,
 * CARD_MAX_AMOUNT and the x402/MPP per-request price ceilings. The subject is the amount; the
 * limit is the rule's value in micro-units.
 */

type AmountRuleType =
  | 'MAX_AMOUNT'
  | 'REQUIRE_APPROVAL_ABOVE'
  | 'CARD_MAX_AMOUNT'
  | 'X402_PRICE_CEILING'
  | 'X402_MAX_PER_REQUEST'
  | 'MPP_PRICE_CEILING'
  | 'MPP_MAX_PER_REQUEST'

/**
 * "Amount $300.00 exceeds the per-transaction limit of $200.00" when a ceiling is passed,
 * "Amount $750.00 is above the approval threshold of $500.00" when a threshold is reached.
 */
export function explainAmount(
  label: string,
  amount: Micros,
  operator: RuleOperator,
  limit: Micros,
  held: boolean,
): RuleExplanation {
  const ceiling = operator === 'LESS_THAN_OR_EQUAL' || operator === 'LESS_THAN'
  const floor = operator === 'GREATER_THAN' || operator === 'GREATER_THAN_OR_EQUAL'
  let message: string
  if (ceiling && !held)
    message = `Amount ${formatUsd(amount)} exceeds the ${label} of ${formatUsd(limit)}`
  else if (floor && held)
    message = `Amount ${formatUsd(amount)} is above the ${label} of ${formatUsd(limit)}`
  else if (floor && !held)
    message = `Amount ${formatUsd(amount)} is below the ${label} of ${formatUsd(limit)}`
  else
    message = `Amount ${formatUsd(amount)} is ${held ? '' : 'not '}${operatorSymbol[operator]} ${formatUsd(limit)} (${label})`
  return { current: units(amount), limit: units(limit), message }
}

function amountRule<T extends AmountRuleType>(label: string): RuleEvaluator<T, Micros> {
  return {
    prepare: (value) => micros(value as number),
    test: (context: EvaluationContext, limit, operator) => compare(context.amount, operator, limit),
    explain: (context, limit, operator, held) =>
      explainAmount(label, context.amount, operator, limit, held),
  }
}

/** "X402 price ceiling exceeded: $0.05 > $0.01 max" (the wording of Conto's docs). */
function priceCeilingRule<T extends AmountRuleType>(protocol: string): RuleEvaluator<T, Micros> {
  const rule = amountRule<T>(`${protocol} price ceiling`)
  return {
    ...rule,
    explain: (context, limit, operator, held) =>
      (operator === 'LESS_THAN_OR_EQUAL' || operator === 'LESS_THAN') && !held
        ? {
            current: units(context.amount),
            limit: units(limit),
            message: `${protocol} price ceiling exceeded: ${formatUsd(context.amount)} > ${formatUsd(limit)} max`,
          }
        : rule.explain(context, limit, operator, held),
  }
}

export const amountRules = defineRuleEvaluators({
  MAX_AMOUNT: amountRule('per-transaction limit'),
  SINGLE_AMOUNT: {
    prepare: (value) => micros(value.amount),
    test: (context, limit, operator) => compare(context.amount, operator, limit),
    explain: (context, limit, operator, held) =>
      explainAmount('single-payment limit', context.amount, operator, limit, held),
  },
  REQUIRE_APPROVAL_ABOVE: amountRule('approval threshold'),
  CARD_MAX_AMOUNT: amountRule('card payment limit'),
  X402_PRICE_CEILING: priceCeilingRule('X402'),
  X402_MAX_PER_REQUEST: priceCeilingRule('X402'),
  MPP_PRICE_CEILING: priceCeilingRule('MPP'),
  MPP_MAX_PER_REQUEST: priceCeilingRule('MPP'),
})
