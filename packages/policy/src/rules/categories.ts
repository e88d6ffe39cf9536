import { defineRuleEvaluators } from '../rule-evaluator.js'
import { type ListPhrases, listRule } from './list.js'

/**
 * Category lists: ALLOWED_CATEGORIES and BLOCKED_CATEGORIES. The subject is the payment's
 * category, compared case-insensitively (upper-cased on both sides, §7 #28). A payment without a
 * category is in no list: it fails an allow-list and never matches a block-list (§5.2).
 */

const upperCase = (value: string): string => value.trim().toUpperCase()

function categoryPhrases(listMeaning: 'allowed' | 'blocked'): ListPhrases {
  return {
    listed: (category, summary) =>
      listMeaning === 'blocked'
        ? `Category ${category} is blocked`
        : `Category ${category} is restricted by policy (listed: ${summary})`,
    unlisted: (category, summary) =>
      `Category ${category} is not an allowed category (allowed: ${summary})`,
    missing: (summary) => `Payment has no category; only these categories are allowed: ${summary}`,
  }
}

const categoryRule = (listMeaning: 'allowed' | 'blocked') =>
  listRule({
    // Blank counts as none.
    subject: (context) => context.category || undefined,
    normalize: upperCase,
    phrases: categoryPhrases(listMeaning),
    prohibition: listMeaning === 'blocked',
  })

export const categoryRules = defineRuleEvaluators({
  ALLOWED_CATEGORIES: categoryRule('allowed'),
  BLOCKED_CATEGORIES: categoryRule('blocked'),
})
