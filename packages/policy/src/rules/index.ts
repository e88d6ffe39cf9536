import type { RuleEvaluatorRegistry } from '../rule-evaluator.js'
import { amountRules } from './amount.js'
import { cardRules } from './cards.js'
import { categoryRules } from './categories.js'
import { contractRules } from './contracts.js'
import { counterpartyRules } from './counterparties.js'
import { geographyRules } from './geography.js'
import { mppSessionRules } from './mpp-sessions.js'
import { scheduleRules } from './schedule.js'
import { serviceRules } from './services.js'
import { spendLimitRules } from './spend-limits.js'
import { velocityRules } from './velocity.js'

/**
 * Every rule type's evaluator, one family per file. `satisfies` makes a rule type without an
 * evaluator a type error, so `@conto/schemas` cannot grow a rule type this package ignores.
 */
export const ruleEvaluators = {
  ...amountRules,
  ...spendLimitRules,
  ...scheduleRules,
  ...categoryRules,
  ...counterpartyRules,
  ...geographyRules,
  ...contractRules,
  ...velocityRules,
  ...serviceRules,
  ...mppSessionRules,
  ...cardRules,
} satisfies RuleEvaluatorRegistry
