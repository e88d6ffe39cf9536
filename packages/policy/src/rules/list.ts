import type { RuleOperator, RuleType } from '@conto/schemas'
import type { EvaluationContext } from '../evaluation-context.js'
import { member, type RuleEvaluator, type RuleExplanation } from '../rule-evaluator.js'

/**
 * What the list rule families share: a prepared list, the "is the subject listed" reading of a
 * rule that fired, the summary of a list in messages, and the explanation of a list match.
 * Membership itself is the core `member()`: a payment without the subject is in no list, so it
 * fails an allow-list (IN_LIST) and never matches a block-list, while NOT_IN_LIST holds for it.
 */

/** A list rule's value as `test` reads it: normalised entries in a set, and the list as written. */
export interface PreparedList {
  readonly entries: ReadonlySet<string>
  readonly display: readonly string[]
}

/** Prepares a list value: `normalize` must be the one the subject goes through. */
export function prepareList(
  values: readonly string[],
  normalize: (value: string) => string,
): PreparedList {
  return { entries: new Set(values.map(normalize)), display: values }
}

/** The list operators' predicate once `listed` is known (NOT_IN_LIST / NOT_EQUALS negate it). */
export const listPredicate = (listed: boolean, operator: RuleOperator): boolean =>
  operator === 'NOT_IN_LIST' || operator === 'NOT_EQUALS' ? !listed : listed

/** Whether the subject of a rule that fired is on its list (`held` is the predicate's value). */
export const isListed = (operator: RuleOperator, held: boolean): boolean =>
  listPredicate(held, operator)

const SUMMARY_ENTRIES = 10

/** A list for messages: `A, B, C`, or the first ten and `and 190 more`. */
export function summarizeList(list: readonly string[]): string {
  if (list.length <= SUMMARY_ENTRIES) return list.join(', ')
  return `${list.slice(0, SUMMARY_ENTRIES).join(', ')} and ${list.length - SUMMARY_ENTRIES} more`
}

/** The sentences of a list rule's explanation; `summary` is `summarizeList` of the list. */
export interface ListPhrases {
  /** The subject is on the list: "Category GAMBLING is blocked". */
  readonly listed: (subject: string, summary: string) => string
  /** The subject is not on the list: "Recipient 0x… is not on the allow-list". */
  readonly unlisted: (subject: string, summary: string) => string
  /** The payment lacks the subject: "Payment has no category; …" (omit when it cannot). */
  readonly missing?: (summary: string) => string
}

/**
 * Explains a list rule that fired: `current` is the subject (null when the payment lacks it),
 * `limit` the whole list as written, the message the phrase for the case.
 */
export function explainListMatch(
  subject: string | undefined,
  display: readonly string[],
  listed: boolean,
  phrases: ListPhrases,
): RuleExplanation {
  const summary = summarizeList(display)
  const limit = [...display]
  if (subject === undefined) {
    const message =
      phrases.missing?.(summary) ?? `The payment has nothing to match against the list (${summary})`
    return { current: null, limit, message }
  }
  const message = listed ? phrases.listed(subject, summary) : phrases.unlisted(subject, summary)
  return { current: subject, limit, message }
}

/**
 * The phrases of a labelled allow- or block-list ("MCC 7995 is blocked", "HTTP method DELETE is
 * not in the allowed list (GET, POST)"); `missing` says what the payment lacks ("The card
 * payment has no MCC").
 */
export function labelledListPhrases(
  label: string,
  missing: string,
  blockList: boolean,
): ListPhrases {
  return blockList
    ? {
        listed: (subject) => `${label} ${subject} is blocked`,
        unlisted: (subject, summary) =>
          `${label} ${subject} is blocked: it is not in the list (${summary})`,
        missing: (summary) => `${missing}, so it is blocked: it is not in the list (${summary})`,
      }
    : {
        listed: (subject, summary) => `${label} ${subject} is in the list (${summary})`,
        unlisted: (subject, summary) =>
          `${label} ${subject} is not in the allowed list (${summary})`,
        missing: (summary) => `${missing}, so it cannot match the allowed list (${summary})`,
      }
}

/** A list rule type whose value is a list of strings judged against one subject. */
export interface ListRuleOptions {
  /** The payment's subject, normalised as `normalize` normalises entries; undefined if absent. */
  readonly subject: (context: EvaluationContext) => string | undefined
  /** The subject as messages and violations show it; default `subject`. */
  readonly shown?: (context: EvaluationContext) => string | undefined
  readonly normalize: (value: string) => string
  readonly phrases: ListPhrases
  /** A block-list rule type: it fails when the predicate holds whatever the action. */
  readonly prohibition?: boolean
  /** When the rule can judge the payment at all; otherwise it is skipped. Default: always. */
  readonly applies?: (context: EvaluationContext) => boolean
}

/** The evaluator of a list rule type: `member()` of the subject in the prepared list. */
export function listRule<T extends RuleType>(
  options: ListRuleOptions,
): RuleEvaluator<T, PreparedList> {
  const { subject, shown = subject, normalize, phrases, prohibition = false, applies } = options
  const test = (context: EvaluationContext, list: PreparedList, operator: RuleOperator) =>
    member(subject(context), operator, list.entries)
  return {
    prohibition,
    prepare: (value) => prepareList(value as readonly string[], normalize),
    test:
      applies === undefined
        ? test
        : (context, list, operator) =>
            applies(context) ? test(context, list, operator) : undefined,
    explain: (context, list, operator, held) =>
      explainListMatch(shown(context), list.display, isListed(operator, held), phrases),
  }
}
