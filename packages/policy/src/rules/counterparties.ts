import type { RuleOperator } from '@conto/schemas'
import type { EvaluationContext } from '../evaluation-context.js'
import {
  compare,
  defineRuleEvaluators,
  operatorSymbol,
  type RuleExplanation,
} from '../rule-evaluator.js'
import { type ListPhrases, listRule } from './list.js'

/**
 * Rules on who is paid: ALLOWED_COUNTERPARTIES and BLOCKED_COUNTERPARTIES (the lower-cased
 * recipient address against the list; the allow-list is strict), TRUST_SCORE (the counterparty's
 * trust score, 0.0–1.0, unknown = 0.5), COUNTERPARTY_STATUS (its trust level, unknown = UNKNOWN)
 * and FAIRSCALE_MIN_SCORE (the Fairscale reputation of a Solana recipient, 0–100).
 *
 * Card payments have no recipient address and no tracked counterparty: the address lists do
 * not apply to them (their payment kinds are the crypto ones), and the trust rules are skipped
 * unless the input carries a counterparty.
 */

const lowerCase = (value: string): string => value.trim().toLowerCase()

const counterpartyPhrases: ListPhrases = {
  listed: (recipient) => `Recipient ${recipient} is blocked`,
  unlisted: (recipient) => `Recipient ${recipient} is not on the allow-list`,
  missing: (summary) =>
    `Payment has no recipient address; only listed counterparties are allowed (${summary})`,
}

const counterpartyListRule = (prohibition: boolean) =>
  listRule({
    subject: (context) => context.recipient,
    // The recipient as the payment wrote it, else the lower-cased one.
    shown: (context) =>
      context.input.payment.recipientAddress?.trim() || context.recipient || undefined,
    normalize: lowerCase,
    phrases: counterpartyPhrases,
    prohibition,
  })

/** Trust rules judge card payments only when the input carries their counterparty. */
const hasCounterparty = (context: EvaluationContext): boolean =>
  context.kind !== 'card' || context.input.counterparty !== undefined

const formatScore = (score: number): string =>
  Number.isInteger(score * 100) ? score.toFixed(2) : String(score)

const formatFairscale = (score: number): string => String(score)

/** How a score that misses a minimum or passes a maximum (ALLOW) is described. */
const failedPhrase: Partial<Record<RuleOperator, string>> = {
  GREATER_THAN_OR_EQUAL: 'is below the required',
  GREATER_THAN: 'is not above the required',
  LESS_THAN_OR_EQUAL: 'is above the allowed',
  LESS_THAN: 'is not below the allowed',
}

/** How a score that matched a DENY or approval threshold is described. */
const matchedPhrase: Partial<Record<RuleOperator, string>> = {
  GREATER_THAN_OR_EQUAL: 'is at or above',
  GREATER_THAN: 'is above',
  LESS_THAN_OR_EQUAL: 'is at or below',
  LESS_THAN: 'is below',
}

/**
 * "Counterparty trust score 0.40 is below the required 0.70" when a minimum is not met, "… is
 * above the allowed 0.30" when a maximum is passed, "… is below 0.30" when a DENY or approval
 * threshold matched.
 */
export function explainThreshold(
  label: string,
  score: number,
  operator: RuleOperator,
  limit: number,
  held: boolean,
  format: (value: number) => string,
): RuleExplanation {
  const phrase =
    (held ? matchedPhrase : failedPhrase)[operator] ??
    `is ${held ? '' : 'not '}${operatorSymbol[operator]}`
  return { current: score, limit, message: `${label} ${format(score)} ${phrase} ${format(limit)}` }
}

/** The Fairscale score of a Solana recipient (none counts as 0), or undefined for others. */
const fairscaleOf = (context: EvaluationContext): number | undefined =>
  context.isSolanaRecipient ? (context.input.counterparty?.fairscaleScore ?? 0) : undefined

export const counterpartyRules = defineRuleEvaluators({
  ALLOWED_COUNTERPARTIES: counterpartyListRule(false),
  BLOCKED_COUNTERPARTIES: counterpartyListRule(true),
  TRUST_SCORE: {
    prepare: (value) => value,
    test: (context, limit, operator) =>
      hasCounterparty(context) ? compare(context.trustScore, operator, limit) : undefined,
    explain: (context, limit, operator, held) =>
      explainThreshold(
        'Counterparty trust score',
        context.trustScore,
        operator,
        limit,
        held,
        formatScore,
      ),
  },
  COUNTERPARTY_STATUS: listRule({
    subject: (context) => context.trustLevel,
    normalize: (status) => status.toUpperCase(),
    applies: hasCounterparty,
    phrases: {
      listed: (level, summary) =>
        `Counterparty status ${level} is restricted by policy (listed: ${summary})`,
      unlisted: (level, summary) =>
        `Counterparty status ${level} is not allowed (required: ${summary})`,
    },
  }),
  FAIRSCALE_MIN_SCORE: {
    prepare: (value) => value,
    test: (context, limit, operator) => {
      const score = fairscaleOf(context)
      return score === undefined ? undefined : compare(score, operator, limit)
    },
    explain: (context, limit, operator, held) => {
      const explanation = explainThreshold(
        'Recipient Fairscale score',
        fairscaleOf(context) ?? 0,
        operator,
        limit,
        held,
        formatFairscale,
      )
      return context.input.counterparty?.fairscaleScore === undefined
        ? {
            ...explanation,
            message: `${explanation.message} (the recipient has no Fairscale score)`,
          }
        : explanation
    },
  },
})
