import type { RuleOperator } from '@conto/schemas'
import type { EvaluationContext } from '../evaluation-context.js'
import { formatUsd, type Micros, micros, units } from '../money.js'
import { compare, defineRuleEvaluators, operatorSymbol } from '../rule-evaluator.js'
import { labelledListPhrases, listRule } from './list.js'

/**
 * MPP session rules (MPP payments only): the deposit that opens a session, how many sessions
 * the agent holds at once, how long the payment's session has been open, the session intent
 * and the HTTP method of the paid call.
 */

const isCeiling = (operator: RuleOperator): boolean =>
  operator === 'LESS_THAN_OR_EQUAL' || operator === 'LESS_THAN'

/** The most a whole-number subject may be under a ceiling: `< 3` allows at most 2. */
const wholeMaximum = (operator: RuleOperator, limit: number): number =>
  operator === 'LESS_THAN' ? limit - 1 : limit

/** True when this payment opens a new session: intent `session` without a session start. */
const opensSession = (context: EvaluationContext): boolean =>
  context.intent === 'session' && context.sessionStartedMs === undefined

/** Sessions open once this payment is made: the open ones, plus one if it opens another. */
const concurrentSessions = (context: EvaluationContext): number =>
  (context.input.mpp?.openSessions ?? 0) + (opensSession(context) ? 1 : 0)

/**
 * Seconds since the payment's session was opened (never negative); undefined without a session
 * start; infinite for a start that cannot be read, so that a ceiling fails closed.
 */
function sessionSeconds(context: EvaluationContext): number | undefined {
  const startedMs = context.sessionStartedMs
  if (startedMs === undefined) return undefined
  if (Number.isNaN(startedMs)) return Number.POSITIVE_INFINITY
  return Math.max(0, context.nowMs - startedMs) / 1000
}

/** "4000" or "3600.5" (milliseconds kept when there are any). */
const showSeconds = (seconds: number): string =>
  Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3).replace(/0+$/, '')

const folded = (value: string): string => value.trim().toLowerCase()
const upperCased = (value: string): string => value.trim().toUpperCase()

export const mppSessionRules = defineRuleEvaluators({
  MPP_MAX_SESSION_DEPOSIT: {
    prepare: (value): Micros => micros(value),
    test: (context, limit: Micros, operator) => {
      const deposit = context.deposit
      return deposit === undefined ? undefined : compare(deposit, operator, limit)
    },
    explain: (context, limit: Micros, operator, held) => {
      const deposit = context.deposit ?? 0
      const message =
        isCeiling(operator) && !held
          ? `Session deposit ${formatUsd(deposit)} exceeds the maximum session deposit of ${formatUsd(limit)}`
          : `Session deposit ${formatUsd(deposit)} is ${held ? '' : 'not '}${operatorSymbol[operator]} ${formatUsd(limit)}`
      return { current: units(deposit), limit: units(limit), message }
    },
  },
  MPP_MAX_CONCURRENT_SESSIONS: {
    prepare: (value) => value,
    test: (context, limit, operator) => compare(concurrentSessions(context), operator, limit),
    explain: (context, limit, operator, held) => {
      const open = context.input.mpp?.openSessions ?? 0
      const opening = opensSession(context)
      const sessions = open + (opening ? 1 : 0)
      let message: string
      if (isCeiling(operator) && !held) {
        const max = wholeMaximum(operator, limit)
        message = opening
          ? `Opening this session would make ${sessions} concurrent sessions (max ${max})`
          : `${sessions} concurrent sessions are open (max ${max})`
      } else {
        message = `${sessions} concurrent sessions${opening ? ' including this one' : ''} is ${held ? '' : 'not '}${operatorSymbol[operator]} ${limit}`
      }
      return { current: open, limit, message }
    },
  },
  MPP_MAX_SESSION_DURATION: {
    prepare: (value) => value,
    test: (context, limit, operator) => {
      const seconds = sessionSeconds(context)
      return seconds === undefined ? undefined : compare(seconds, operator, limit)
    },
    explain: (context, limit, operator, held) => {
      const seconds = sessionSeconds(context) ?? 0
      if (!Number.isFinite(seconds)) {
        return {
          current: null,
          limit,
          message: `The session's start time cannot be read, so its duration cannot be checked (limit ${limit} seconds)`,
        }
      }
      const message =
        isCeiling(operator) && !held
          ? `Session has been open for ${showSeconds(seconds)} seconds (max ${limit})`
          : `Session has been open for ${showSeconds(seconds)} seconds, which is ${held ? '' : 'not '}${operatorSymbol[operator]} ${limit}`
      return { current: seconds, limit, message }
    },
  },
  MPP_BLOCK_SESSION_INTENT: listRule({
    subject: (context) => context.intent,
    // The intent as the payment gives it (the context's `intent` is folded).
    shown: (context) => context.input.payment.intent?.trim() || undefined,
    normalize: folded,
    phrases: labelledListPhrases('Session intent', 'The MPP payment has no session intent', true),
    prohibition: true,
  }),
  MPP_ALLOWED_METHODS: listRule({
    subject: (context) => context.method,
    normalize: upperCased,
    phrases: labelledListPhrases('HTTP method', 'The MPP payment has no HTTP method', false),
  }),
})
