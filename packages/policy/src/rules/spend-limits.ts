import type { RuleOperator } from '@conto/schemas'
import { type SpendWindow, spendWindowOfPeriod } from '../calendar.js'
import { formatUsd, type Micros, micros, units } from '../money.js'
import {
  compare,
  defineRuleEvaluators,
  operatorSymbol,
  type RuleEvaluator,
  type RuleExplanation,
} from '../rule-evaluator.js'

/**
 * Cumulative limits: DAILY_LIMIT, WEEKLY_LIMIT, MONTHLY_LIMIT and BUDGET_CAP compare the agent's
 * spend in the calendar window (spent + live reservations) plus this payment with the limit:
 * inclusive for ≤, strict for <.
 */

/** "Would exceed daily limit: $250.00 remaining of $1,000.00". */
export function explainCumulative(
  label: string,
  spent: Micros,
  amount: Micros,
  operator: RuleOperator,
  limit: Micros,
  held: boolean,
): RuleExplanation {
  const ceiling = operator === 'LESS_THAN_OR_EQUAL' || operator === 'LESS_THAN'
  const message =
    ceiling && !held
      ? limit === 0
        ? `The ${label} is $0.00: no payments are allowed`
        : `Would exceed ${label}: ${formatUsd(Math.max(0, limit - spent))} remaining of ${formatUsd(limit)}`
      : `Spend ${formatUsd(spent + amount)} including this payment is ${held ? '' : 'not '}${operatorSymbol[operator]} ${formatUsd(limit)} (${label})`
  return { current: units(spent), limit: units(limit), message }
}

function windowLimitRule<T extends 'DAILY_LIMIT' | 'WEEKLY_LIMIT' | 'MONTHLY_LIMIT'>(
  window: SpendWindow,
): RuleEvaluator<T, Micros> {
  const label = `${window} limit`
  return {
    prepare: (value) => micros(value as number),
    test: (context, limit, operator) =>
      compare(context.agentSpend(window) + context.amount, operator, limit),
    explain: (context, limit, operator, held) =>
      explainCumulative(label, context.agentSpend(window), context.amount, operator, limit, held),
  }
}

export interface PreparedBudgetCap {
  readonly limit: Micros
  readonly window: SpendWindow
}

export const spendLimitRules = defineRuleEvaluators({
  DAILY_LIMIT: windowLimitRule('daily'),
  WEEKLY_LIMIT: windowLimitRule('weekly'),
  MONTHLY_LIMIT: windowLimitRule('monthly'),
  BUDGET_CAP: {
    prepare: (value): PreparedBudgetCap => ({
      limit: micros(value.amount),
      window: spendWindowOfPeriod[value.period],
    }),
    test: (context, cap: PreparedBudgetCap, operator) =>
      compare(context.agentSpend(cap.window) + context.amount, operator, cap.limit),
    explain: (context, cap: PreparedBudgetCap, operator, held) =>
      explainCumulative(
        `${cap.window} budget cap`,
        context.agentSpend(cap.window),
        context.amount,
        operator,
        cap.limit,
        held,
      ),
  },
})
