import { defineRuleEvaluators } from '../rule-evaluator.js'
import { labelledListPhrases, listRule } from './list.js'

/**
 * Card rules on the merchant: CARD_ALLOWED_MCCS / CARD_BLOCKED_MCCS compare the payment's
 * merchant category code (4 digits, trimmed), CARD_ALLOWED_MERCHANTS / CARD_BLOCKED_MERCHANTS
 * its merchant name (case-insensitive, trimmed). A payment without an MCC or merchant name is in
 * no list: it fails an allow-list and never matches a block-list under IN_LIST, and NOT_IN_LIST
 * holds for it. They apply to card payments only.
 */

const trimmed = (value: string): string => value.trim()
const folded = (value: string): string => value.trim().toLowerCase()

const mccRule = (blockList: boolean) =>
  listRule({
    subject: (context) => context.mcc,
    normalize: trimmed,
    phrases: labelledListPhrases('MCC', 'The card payment has no MCC', blockList),
    prohibition: blockList,
  })

const merchantRule = (blockList: boolean) =>
  listRule({
    subject: (context) => context.merchantName,
    // The merchant as the payment gives it (the context's `merchantName` is folded).
    shown: (context) => context.input.payment.merchantName?.trim() || undefined,
    normalize: folded,
    phrases: labelledListPhrases('Merchant', 'The card payment has no merchant name', blockList),
    prohibition: blockList,
  })

export const cardRules = defineRuleEvaluators({
  CARD_ALLOWED_MCCS: mccRule(false),
  CARD_BLOCKED_MCCS: mccRule(true),
  CARD_ALLOWED_MERCHANTS: merchantRule(false),
  CARD_BLOCKED_MERCHANTS: merchantRule(true),
})
