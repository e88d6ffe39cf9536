import { defineRuleEvaluators } from '../rule-evaluator.js'
import { listRule } from './list.js'

/**
 * GEOGRAPHIC_RESTRICTION: the recipient's country (ISO 3166-1 alpha-2: the payment's, else
 * `context.country`, else the counterparty's) against the list. IN_LIST holds when the country is
 * listed, so the action gives the list its meaning (§7 #15): an allow-list under ALLOW, a
 * block-list under DENY. It is not a prohibition. An unknown country is skipped: it never
 * triggers a geographic denial (§7 #39). The built-in sanctions screen runs before policies.
 */

export const geographyRules = defineRuleEvaluators({
  GEOGRAPHIC_RESTRICTION: listRule({
    subject: (context) => context.country,
    normalize: (value) => value.trim().toUpperCase(),
    applies: (context) => context.country !== undefined,
    phrases: {
      listed: (country, summary) =>
        `Payments to country ${country} are restricted by policy (restricted: ${summary})`,
      unlisted: (country, summary) =>
        `Payments to country ${country} are not allowed (allowed: ${summary})`,
    },
  }),
})
