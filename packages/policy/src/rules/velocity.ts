import type { RuleOperator, VelocityPeriod, VelocityRuleValue } from '@conto/schemas'
import { velocityPeriodMs } from '../calendar.js'
import type { EvaluationContext } from '../evaluation-context.js'
import {
  compare,
  defineRuleEvaluators,
  operatorSymbol,
  type RuleEvaluator,
  type RuleExplanation,
} from '../rule-evaluator.js'
import { countInWindow, type TimeIndex } from '../time-index.js'

/**
 * Velocity rules count payments in a ROLLING window that ends now (§7 #18): VELOCITY_LIMIT
 * counts the agent's recent approved payments, X402_/MPP_VELOCITY_PER_ENDPOINT those to this
 * endpoint. A time t is inside the window when `now - period < t <= now` (a payment exactly one
 * period ago has left it; future and unparseable times never count). The subject is that count
 * plus one — this payment — so `LTE` allows while `count + 1 <= maxCount`.
 */

type VelocityRuleType =
  | 'VELOCITY_LIMIT'
  | 'X402_VELOCITY_PER_ENDPOINT'
  | 'MPP_VELOCITY_PER_ENDPOINT'

export interface PreparedVelocity {
  readonly maxCount: number
  readonly period: VelocityPeriod
  readonly periodMs: number
}

/** Rolling windows as messages say them: "in the last hour". */
const periodText: Record<VelocityPeriod, string> = {
  MINUTE: 'minute',
  HOUR: 'hour',
  DAY: '24 hours',
  WEEK: '7 days',
}

const plural = (count: number) => (count === 1 ? '1 payment' : `${count} payments`)

/**
 * "Velocity limit: 10 payments in the last hour (max 10)" when a ceiling is reached; for the
 * other operators "Velocity limit: 6 payments in the last hour including this one (≥ 5)".
 */
export function explainVelocity(
  label: string,
  scope: string,
  count: number,
  operator: RuleOperator,
  velocity: PreparedVelocity,
  held: boolean,
): RuleExplanation {
  const window = `in the last ${periodText[velocity.period]}`
  const ceiling = operator === 'LESS_THAN_OR_EQUAL' || operator === 'LESS_THAN'
  let message: string
  if (ceiling && !held) {
    // LESS_THAN allows one payment fewer than the number it names.
    const max = operator === 'LESS_THAN' ? velocity.maxCount - 1 : velocity.maxCount
    message =
      max <= 0
        ? `${label} is 0 payments per ${periodText[velocity.period]}: no payments are allowed`
        : `${label}: ${plural(count)}${scope} ${window} (max ${max})`
  } else {
    message = `${label}: ${plural(count + 1)}${scope} ${window} including this one (${held ? '' : 'not '}${operatorSymbol[operator]} ${velocity.maxCount})`
  }
  return { current: count, limit: velocity.maxCount, message }
}

function velocityRule<T extends VelocityRuleType>(
  label: string,
  scope: string,
  recentTimes: (context: EvaluationContext) => TimeIndex,
): RuleEvaluator<T, PreparedVelocity> {
  const count = (context: EvaluationContext, velocity: PreparedVelocity) =>
    countInWindow(recentTimes(context), context.nowMs - velocity.periodMs, context.nowMs)
  return {
    prepare: (value) => {
      const { maxCount, period } = value as VelocityRuleValue
      return { maxCount, period, periodMs: velocityPeriodMs[period] }
    },
    test: (context, velocity, operator) =>
      compare(count(context, velocity) + 1, operator, velocity.maxCount),
    explain: (context, velocity, operator, held) =>
      explainVelocity(label, scope, count(context, velocity), operator, velocity, held),
  }
}

export const velocityRules = defineRuleEvaluators({
  VELOCITY_LIMIT: velocityRule('Velocity limit', '', (context) => context.recentPaymentTimes()),
  X402_VELOCITY_PER_ENDPOINT: velocityRule('X402 velocity limit', ' to this endpoint', (context) =>
    context.recentEndpointPaymentTimes(),
  ),
  MPP_VELOCITY_PER_ENDPOINT: velocityRule('MPP velocity limit', ' to this endpoint', (context) =>
    context.recentEndpointPaymentTimes(),
  ),
})
