import * as z from 'zod/mini'
import {
  type DayOfWeek,
  dayOfWeekValues,
  enumSchema,
  functionSelectorSchema,
  hasAtMostSixDecimals,
  isEvmAddress,
  isoDateSchema,
  isoTimestampSchema,
  isSolanaAddress,
  isValidTimeZone,
} from './common.js'
import { addIssue } from './internal/add-issue.js'
import type { ViolationType } from './policy-decision.js'

/**
 * Policy rules (§4.6–4.9): policy types, rule actions, operators with their aliases, and every
 * rule type with its metadata and value format. A rule's `value` is always a string on the wire
 * (numbers as plain strings, lists and objects JSON-encoded); `parseRuleValue` turns it into a
 * typed value and `formatRuleValue` turns a typed value back into the canonical wire string.
 */

// ---------------------------------------------------------------------------------------------
// Policy types, actions, operators
// ---------------------------------------------------------------------------------------------

/** Policy types (§4.6): a grouping label; evaluation is driven by the rules, not by the type. */
export const policyTypes = [
  'SPEND_LIMIT',
  'TIME_WINDOW',
  'MERCHANT',
  'CATEGORY',
  'VELOCITY',
  'GEOGRAPHIC',
  'APPROVAL_THRESHOLD',
  'COUNTERPARTY',
  'BUDGET_ALLOCATION',
  'WHITELIST',
  'EXPIRATION',
  'COMPOSITE',
  'CONTRACT_ALLOWLIST',
  'BLACKOUT_PERIOD',
  'X402_CONTROLS',
  'MPP_CONTROLS',
  'CARD_CONTROLS',
  'AGENTSCORE',
] as const
export type PolicyType = (typeof policyTypes)[number]
export const policyTypeSchema = enumSchema(policyTypes, 'policyType')

/**
 * What a rule does (§4.9, §5.2): `ALLOW` = the rule is a requirement (deny when its predicate is
 * false), `DENY` = a prohibition (deny when true), `REQUIRE_APPROVAL` = escalate when true.
 */
export const ruleActions = ['ALLOW', 'DENY', 'REQUIRE_APPROVAL'] as const
export type RuleAction = (typeof ruleActions)[number]
export const ruleActionSchema = enumSchema(ruleActions, 'action')
/** The action of a rule sent without one. */
export const DEFAULT_RULE_ACTION: RuleAction = 'ALLOW'

/** Canonical operator names (§4.8). */
export const ruleOperators = [
  'EQUALS',
  'NOT_EQUALS',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'IN_LIST',
  'NOT_IN_LIST',
  'BETWEEN',
  'NOT_BETWEEN',
] as const
export type RuleOperator = (typeof ruleOperators)[number]

/**
 * Accepted spellings of each operator (matched case-insensitively, spaces and hyphens read as
 * underscores, so the CLI's `in list` and `<=` work too). Strict `LESS_THAN`/`GREATER_THAN` stay
 * distinct from their inclusive forms (§7 #12).
 */
export const ruleOperatorAliases = {
  EQ: 'EQUALS',
  EQUAL: 'EQUALS',
  '=': 'EQUALS',
  '==': 'EQUALS',
  NEQ: 'NOT_EQUALS',
  NE: 'NOT_EQUALS',
  NOT_EQUAL: 'NOT_EQUALS',
  '!=': 'NOT_EQUALS',
  '<>': 'NOT_EQUALS',
  GT: 'GREATER_THAN',
  '>': 'GREATER_THAN',
  GTE: 'GREATER_THAN_OR_EQUAL',
  GE: 'GREATER_THAN_OR_EQUAL',
  GREATER_THAN_OR_EQUALS: 'GREATER_THAN_OR_EQUAL',
  '>=': 'GREATER_THAN_OR_EQUAL',
  LT: 'LESS_THAN',
  '<': 'LESS_THAN',
  LTE: 'LESS_THAN_OR_EQUAL',
  LE: 'LESS_THAN_OR_EQUAL',
  LESS_THAN_OR_EQUALS: 'LESS_THAN_OR_EQUAL',
  '<=': 'LESS_THAN_OR_EQUAL',
  IN: 'IN_LIST',
  NOT_IN: 'NOT_IN_LIST',
} as const satisfies Record<string, RuleOperator>

/**
 * The canonical name of an operator or alias (`lte`, `LESS_THAN_OR_EQUALS`, `<=` →
 * `LESS_THAN_OR_EQUAL`), or `undefined` when `op` is no known operator.
 */
export function normalizeOperator(op: string): RuleOperator | undefined {
  const key = op
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
  if ((ruleOperators as readonly string[]).includes(key)) return key as RuleOperator
  if (Object.hasOwn(ruleOperatorAliases, key)) {
    return ruleOperatorAliases[key as keyof typeof ruleOperatorAliases]
  }
  return undefined
}

/** A request-side operator: any canonical name or alias, normalised to the canonical name. */
export const ruleOperatorSchema = z.pipe(
  z.string({
    error: (issue) =>
      issue.input === undefined ? 'operator is required' : 'operator must be a string',
  }),
  z.transform((op, ctx) => {
    const canonical = normalizeOperator(op)
    if (canonical !== undefined) return canonical
    addIssue(ctx, {
      input: op,
      message: `Invalid operator ${JSON.stringify(op)}: expected one of ${ruleOperators.join(', ')} (aliases: ${Object.keys(ruleOperatorAliases).join(', ')})`,
    })
    return z.NEVER
  }),
)

// ---------------------------------------------------------------------------------------------
// Value formats
// ---------------------------------------------------------------------------------------------

/** Payment kinds a rule can apply to; a rule that does not apply to a payment is skipped. */
export const rulePaymentKinds = ['standard', 'x402', 'mpp', 'card'] as const
export type RulePaymentKind = (typeof rulePaymentKinds)[number]

/** Periods of `VELOCITY_LIMIT` and the per-endpoint velocity rules (rolling windows). */
export const velocityPeriods = ['MINUTE', 'HOUR', 'DAY', 'WEEK'] as const
export type VelocityPeriod = (typeof velocityPeriods)[number]

/** Periods of `BUDGET_CAP` and `X402_MAX_PER_SERVICE`/`MPP_MAX_PER_SERVICE` (calendar UTC windows). */
export const budgetPeriods = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const
export type BudgetPeriod = (typeof budgetPeriods)[number]

/** Values of `COUNTERPARTY_STATUS` rules: the trust levels (§4.18), plus the manual `SUSPICIOUS` flag. */
export const ruleCounterpartyStatuses = [
  'TRUSTED',
  'VERIFIED',
  'UNKNOWN',
  'SUSPICIOUS',
  'BLOCKED',
] as const
export type RuleCounterpartyStatus = (typeof ruleCounterpartyStatuses)[number]

/** HTTP methods of `MPP_ALLOWED_METHODS`. */
export const ruleHttpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
export type RuleHttpMethod = (typeof ruleHttpMethods)[number]

/** An error map for a field: `is required` when absent, else `message`. */
const requiredOr =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message

const NUMERIC_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const MAX_LIST_ENTRIES = 1000

/** Numbers may arrive as JSON numbers or as numeric strings (a JSON-encoded `"200"`). */
const toNumber = (value: unknown): unknown =>
  typeof value === 'string' && NUMERIC_STRING.test(value.trim()) ? Number(value.trim()) : value

const upper = (value: unknown): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value

const numberValue = z
  .number({ error: requiredOr('must be a number') })
  .check(z.refine(Number.isFinite, 'must be finite'))

/** A non-negative amount with at most 6 decimals. */
const amountRuleValue = z.pipe(
  z.transform(toNumber),
  numberValue.check(
    z.refine((n) => n >= 0, 'must not be negative'),
    z.refine(hasAtMostSixDecimals, 'may have at most 6 decimal places'),
  ),
)

/** A whole number ≥ 0 (counts, seconds). */
const countRuleValue = z.pipe(
  z.transform(toNumber),
  numberValue.check(
    z.refine((n) => Number.isInteger(n), 'must be a whole number'),
    z.refine((n) => n >= 0, 'must not be negative'),
  ),
)

const rangeValue = (min: number, max: number) =>
  z.pipe(
    z.transform(toNumber),
    numberValue.check(z.refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`)),
  )

const periodValue = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.transform(upper),
    z.enum(values, {
      error: (issue) =>
        issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`,
    }),
  )

const listOf = <T extends z.ZodMiniType>(item: T) =>
  z
    .array(item, { error: 'must be a JSON list' })
    .check(
      z.minLength(1, 'must not be empty'),
      z.maxLength(MAX_LIST_ENTRIES, `may hold at most ${MAX_LIST_ENTRIES} entries`),
    )

const textItem = z
  .string({ error: 'must be a string' })
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(200, 'must be at most 200 characters'),
  )

const addressItem = z.string({ error: 'must be a string' }).check(
  z.trim(),
  z.refine((value) => isEvmAddress(value) || isSolanaAddress(value), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an EVM address (0x + 40 hex characters) or a Solana address`,
  }),
)

const SERVICE_DOMAIN =
  /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/
const serviceItem = z.string({ error: 'must be a string' }).check(
  z.trim(),
  z.toLowerCase(),
  z.maxLength(253, 'must be at most 253 characters'),
  z.refine((value) => SERVICE_DOMAIN.test(value), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a service domain such as api.openai.com`,
  }),
)

const mccItem = z
  .string({ error: 'must be a 4-digit string such as "5411"' })
  .check(z.trim(), z.regex(/^\d{4}$/, 'must be a 4-digit string such as "5411"'))

const countryItem = z.pipe(
  z.transform(upper),
  z
    .string({ error: 'must be a string' })
    .check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "US"')),
)

const dayByName: Record<string, DayOfWeek> = Object.fromEntries(
  dayOfWeekValues.flatMap((day, index) => {
    const full = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'][
      index
    ]
    return [
      [day.toUpperCase(), day],
      [full, day],
    ]
  }),
)

/** Day names, case-insensitive, full names accepted, normalised to `Mon`…`Sun`. */
const dayItem = z.pipe(
  z.string({ error: 'must be a day such as "Mon"' }),
  z.transform((value, ctx) => {
    const day = dayByName[value.trim().toUpperCase()]
    if (day !== undefined) return day
    addIssue(ctx, {
      input: value,
      message: `${JSON.stringify(value)} is not a day: use ${dayOfWeekValues.join(', ')}`,
    })
    return z.NEVER
  }),
)

const methodItem = z.pipe(
  z.transform(upper),
  z.enum(ruleHttpMethods, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an HTTP method: use ${ruleHttpMethods.join(', ')}`,
  }),
)

const statusItem = z.pipe(
  z.transform(upper),
  z.enum(ruleCounterpartyStatuses, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a counterparty status: use ${ruleCounterpartyStatuses.join(', ')}`,
  }),
)

/** `HH:MM` (24-hour, `24:00` allowed as an end), single-digit hours padded. */
const clockTime = z.pipe(
  z.string({ error: requiredOr('must be a time such as "09:00"') }),
  z.transform((value, ctx) => {
    const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim())
    const hours = Number(match?.[1])
    const minutes = Number(match?.[2])
    if (match && minutes < 60 && (hours < 24 || (hours === 24 && minutes === 0))) {
      return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
    }
    addIssue(ctx, {
      input: value,
      message: `${JSON.stringify(value)} is not a time: use HH:MM such as "09:00"`,
    })
    return z.NEVER
  }),
)

const timezoneField = z.string({ error: 'must be a string' }).check(
  z.refine(isValidTimeZone, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an IANA time zone such as UTC or America/New_York`,
  }),
)

const dateOrTimestamp = z.union([isoDateSchema, isoTimestampSchema], {
  error: (issue) =>
    issue.input === undefined
      ? 'is required'
      : `${JSON.stringify(issue.input)} is not an ISO date (2026-01-01) or timestamp (2026-01-01T00:00:00Z)`,
})

const isClockTime = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{1,2}:\d{2}$/.test(value.trim())

/** Start of the day or instant an ISO date/timestamp names, for ordering checks. */
const instantOf = (value: string): number =>
  Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)

const startNotAfterEnd = (range: { start: string; end: string }) =>
  instantOf(range.start) <= instantOf(range.end)

const amountObject = z.object({ amount: amountRuleValue })

const budgetCapValue = z.object(
  { amount: amountRuleValue, period: periodValue(budgetPeriods) },
  { error: 'must be a JSON object' },
)

/** `"50"` or `{"amount":50,"period":"DAILY"}`; a bare number carries no period. */
const serviceBudgetValue = z.pipe(
  z.transform((value) => {
    const number = toNumber(value)
    return typeof number === 'number' ? { amount: number } : value
  }),
  z.object(
    { amount: amountRuleValue, period: z.optional(periodValue(budgetPeriods)) },
    { error: 'must be a number or a JSON object' },
  ),
)

/** `{"amount":500}` or a bare number. */
const singleAmountValue = z.pipe(
  z.transform((value) => {
    const number = toNumber(value)
    return typeof number === 'number' ? { amount: number } : value
  }),
  z.object(amountObject.shape, { error: 'must be a number or a JSON object' }),
)

const velocityValue = z.object(
  { maxCount: countRuleValue, period: periodValue(velocityPeriods) },
  { error: 'must be a JSON object' },
)

const timeWindowValue = z.object(
  { start: clockTime, end: clockTime, timezone: z.optional(timezoneField) },
  { error: 'must be a JSON object' },
)

const dateRangeValue = z
  .object(
    { start: dateOrTimestamp, end: dateOrTimestamp, timezone: z.optional(timezoneField) },
    { error: 'must be a JSON object' },
  )
  .check(z.refine(startNotAfterEnd, { message: 'start must not be after end', path: ['end'] }))

/**
 * One blackout window: daily `HH:MM` times when `recurring` (inferred when both ends are
 * times), else ISO dates/timestamps, inclusive.
 */
const blackoutWindow = z.pipe(
  z.object(
    {
      start: z.string({ error: requiredOr('must be a string') }),
      end: z.string({ error: requiredOr('must be a string') }),
      reason: z.optional(
        z
          .string({ error: 'must be a string' })
          .check(z.trim(), z.maxLength(500, 'must be at most 500 characters')),
      ),
      recurring: z.optional(z.boolean({ error: 'must be true or false' })),
    },
    { error: 'must be a JSON object' },
  ),
  z.transform((window, ctx) => {
    const recurring = window.recurring ?? (isClockTime(window.start) && isClockTime(window.end))
    const schema = recurring ? clockTime : dateOrTimestamp
    const start = schema.safeParse(window.start)
    const end = schema.safeParse(window.end)
    for (const [key, result] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!result.success) {
        addIssue(ctx, {
          path: [key],
          input: window[key],
          message: recurring
            ? `${JSON.stringify(window[key])} is not a time: recurring windows use HH:MM such as "02:00"`
            : `${JSON.stringify(window[key])} is not an ISO date or timestamp (use "recurring": true for daily HH:MM windows)`,
        })
      }
    }
    if (!start.success || !end.success) return z.NEVER
    if (!recurring && !startNotAfterEnd({ start: start.data, end: end.data })) {
      addIssue(ctx, {
        path: ['end'],
        input: window.end,
        message: 'end must not be before start',
      })
      return z.NEVER
    }
    return {
      start: start.data,
      end: end.data,
      ...(window.reason === undefined ? {} : { reason: window.reason }),
      recurring,
    }
  }),
)

/** `{"windows":[…]}`, or the single-window `{"start","end"}` form (normalised into `windows`). */
const blackoutPeriodValue = z.pipe(
  z.transform((value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && !('windows' in value)
      ? (() => {
          const { timezone, ...window } = value as Record<string, unknown>
          return { windows: [window], ...(timezone === undefined ? {} : { timezone }) }
        })()
      : value,
  ),
  z.object(
    {
      windows: z
        .array(blackoutWindow, { error: 'must be a JSON list' })
        .check(
          z.minLength(1, 'must not be empty'),
          z.maxLength(100, 'may hold at most 100 entries'),
        ),
      timezone: z.optional(timezoneField),
    },
    { error: 'must be a JSON object' },
  ),
)

/** A list of statuses, or `{"status":"TRUSTED"}` (normalised to a one-entry list). */
const counterpartyStatusValue = z.pipe(
  z.transform((value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'status' in value
      ? [(value as { status: unknown }).status]
      : value,
  ),
  listOf(statusItem),
)

/** A list of contract addresses, or `{"contracts","protocols","functionSelectors"?}`. */
const contractAllowlistValue = z.pipe(
  z.transform((value) => (Array.isArray(value) ? { contracts: value } : value)),
  z
    .object(
      {
        contracts: z._default(
          z
            .array(addressItem, { error: 'must be a JSON list' })
            .check(z.maxLength(MAX_LIST_ENTRIES)),
          [],
        ),
        protocols: z._default(
          z.array(textItem, { error: 'must be a JSON list' }).check(z.maxLength(MAX_LIST_ENTRIES)),
          [],
        ),
        functionSelectors: z.optional(
          z
            .array(functionSelectorSchema, { error: 'must be a JSON list' })
            .check(z.maxLength(MAX_LIST_ENTRIES)),
        ),
      },
      { error: 'must be a JSON list or a JSON object' },
    )
    .check(
      z.refine((value) => value.contracts.length + value.protocols.length > 0, {
        message: 'must name at least one contract or protocol',
      }),
    ),
)

// ---------------------------------------------------------------------------------------------
// Rule types
// ---------------------------------------------------------------------------------------------

/** Every rule type of §4.7, in the table's order (47). */
export const ruleTypes = [
  'MAX_AMOUNT',
  'DAILY_LIMIT',
  'WEEKLY_LIMIT',
  'MONTHLY_LIMIT',
  'BUDGET_CAP',
  'SINGLE_AMOUNT',
  'REQUIRE_APPROVAL_ABOVE',
  'ALLOWED_CATEGORIES',
  'BLOCKED_CATEGORIES',
  'ALLOWED_COUNTERPARTIES',
  'BLOCKED_COUNTERPARTIES',
  'TIME_WINDOW',
  'DAY_OF_WEEK',
  'DATE_RANGE',
  'BLACKOUT_PERIOD',
  'VELOCITY_LIMIT',
  'GEOGRAPHIC_RESTRICTION',
  'TRUST_SCORE',
  'COUNTERPARTY_STATUS',
  'CONTRACT_ALLOWLIST',
  'FAIRSCALE_MIN_SCORE',
  'X402_PRICE_CEILING',
  'X402_MAX_PER_REQUEST',
  'X402_MAX_PER_SERVICE',
  'X402_ALLOWED_SERVICES',
  'X402_BLOCKED_SERVICES',
  'X402_MAX_PER_ENDPOINT',
  'X402_VELOCITY_PER_ENDPOINT',
  'X402_SESSION_BUDGET',
  'MPP_PRICE_CEILING',
  'MPP_MAX_PER_REQUEST',
  'MPP_ALLOWED_SERVICES',
  'MPP_BLOCKED_SERVICES',
  'MPP_MAX_PER_SERVICE',
  'MPP_MAX_PER_ENDPOINT',
  'MPP_VELOCITY_PER_ENDPOINT',
  'MPP_SESSION_BUDGET',
  'MPP_MAX_SESSION_DEPOSIT',
  'MPP_MAX_CONCURRENT_SESSIONS',
  'MPP_MAX_SESSION_DURATION',
  'MPP_BLOCK_SESSION_INTENT',
  'MPP_ALLOWED_METHODS',
  'CARD_ALLOWED_MCCS',
  'CARD_BLOCKED_MCCS',
  'CARD_ALLOWED_MERCHANTS',
  'CARD_BLOCKED_MERCHANTS',
  'CARD_MAX_AMOUNT',
] as const
export type RuleType = (typeof ruleTypes)[number]
export const ruleTypeSchema = enumSchema(ruleTypes, 'ruleType')

/** What the API knows about one rule type. */
export interface RuleTypeInfo<TSchema extends z.ZodMiniType = z.ZodMiniType> {
  /** Canonical operators the rule accepts. */
  readonly operators: readonly [RuleOperator, ...RuleOperator[]]
  /** The operator the docs use with this rule. */
  readonly typicalOperator: RuleOperator
  /** The action the docs use with this rule. */
  readonly typicalAction: RuleAction
  /** Payment kinds the rule applies to; it is skipped for the others. */
  readonly paymentKinds: readonly [RulePaymentKind, ...RulePaymentKind[]]
  /** The violation a failing rule reports. */
  readonly violationType: ViolationType
  /** Validates and normalises the decoded (JSON-parsed) value. */
  readonly value: TSchema
  /** What the value must look like, for error messages (`…: expected <expected>, got …`). */
  readonly expected: string
  /** A valid wire value. */
  readonly example: string
  /** Serialises a typed value; default: numbers as plain strings, anything else as JSON. */
  format?(value: z.output<TSchema>): string
}

const ALL_KINDS = ['standard', 'x402', 'mpp', 'card'] as const
const CRYPTO_KINDS = ['standard', 'x402', 'mpp'] as const
const COMPARISON = [
  'LESS_THAN_OR_EQUAL',
  'LESS_THAN',
  'GREATER_THAN_OR_EQUAL',
  'GREATER_THAN',
] as const
const ABOVE = ['GREATER_THAN', 'GREATER_THAN_OR_EQUAL'] as const
const LIST = ['IN_LIST', 'NOT_IN_LIST'] as const
const RANGE = ['BETWEEN', 'NOT_BETWEEN'] as const

const defineRuleType = <TSchema extends z.ZodMiniType>(info: RuleTypeInfo<TSchema>) => info

/** A non-negative amount rule (`"200"`). */
const amountRule = (
  example: string,
  violationType: ViolationType,
  paymentKinds: RuleTypeInfo['paymentKinds'],
) =>
  defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'LESS_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds,
    violationType,
    value: amountRuleValue,
    expected: `a non-negative number such as ${JSON.stringify(example)}`,
    example,
  })

/** A whole-number rule (`"3"`, seconds). */
const countRule = (example: string, violationType: ViolationType, what: string) =>
  defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'LESS_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds: ['mpp'],
    violationType,
    value: countRuleValue,
    expected: `a non-negative whole number of ${what} such as ${JSON.stringify(example)}`,
    example,
  })

/** A JSON list of strings (`["a","b"]`). */
const listRule = <TSchema extends z.ZodMiniType>(
  item: TSchema,
  example: string,
  what: string,
  violationType: ViolationType,
  paymentKinds: RuleTypeInfo['paymentKinds'],
  typicalAction: RuleAction,
) =>
  defineRuleType({
    operators: LIST,
    typicalOperator: 'IN_LIST',
    typicalAction,
    paymentKinds,
    violationType,
    value: listOf(item),
    expected: `a JSON list of ${what} such as ${example}`,
    example,
  })

/** A velocity rule (`{"maxCount":10,"period":"HOUR"}`). */
const velocityRule = (
  example: string,
  violationType: ViolationType,
  paymentKinds: RuleTypeInfo['paymentKinds'],
) =>
  defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'LESS_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds,
    violationType,
    value: velocityValue,
    expected: `a JSON object such as ${example} (maxCount a whole number, period ${velocityPeriods.join(', ')})`,
    example,
  })

/** A per-service budget (`"50"` or `{"amount":50,"period":"DAILY"}`). */
const serviceBudgetRule = (
  violationType: ViolationType,
  paymentKinds: RuleTypeInfo['paymentKinds'],
) =>
  defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'LESS_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds,
    violationType,
    value: serviceBudgetValue,
    expected: `a non-negative number such as "50" or a JSON object such as {"amount":50,"period":"DAILY"} (period ${budgetPeriods.join(', ')})`,
    example: '{"amount":50,"period":"DAILY"}',
    format: (value) =>
      value.period === undefined ? formatNumber(value.amount) : JSON.stringify(value),
  })

/**
 * Every rule type with its operators, payment kinds, violation type and value format. The
 * evaluator skips a rule whose `paymentKinds` do not include the payment's kind (§5.2).
 */
export const ruleTypeInfo = {
  MAX_AMOUNT: amountRule('200', 'PER_TX_LIMIT', ALL_KINDS),
  DAILY_LIMIT: amountRule('1000', 'DAILY_LIMIT', ALL_KINDS),
  WEEKLY_LIMIT: amountRule('5000', 'WEEKLY_LIMIT', ALL_KINDS),
  MONTHLY_LIMIT: amountRule('20000', 'MONTHLY_LIMIT', ALL_KINDS),
  BUDGET_CAP: defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'LESS_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds: ALL_KINDS,
    violationType: 'BUDGET_EXCEEDED',
    value: budgetCapValue,
    expected: `a JSON object such as {"amount":10000,"period":"MONTHLY"} (period ${budgetPeriods.join(', ')})`,
    example: '{"amount":10000,"period":"MONTHLY"}',
  }),
  SINGLE_AMOUNT: defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'GREATER_THAN',
    typicalAction: 'DENY',
    paymentKinds: ALL_KINDS,
    violationType: 'PER_TX_LIMIT',
    value: singleAmountValue,
    expected: 'a JSON object such as {"amount":500} or a non-negative number such as "500"',
    example: '{"amount":500}',
  }),
  REQUIRE_APPROVAL_ABOVE: defineRuleType({
    operators: ABOVE,
    typicalOperator: 'GREATER_THAN',
    typicalAction: 'REQUIRE_APPROVAL',
    paymentKinds: ALL_KINDS,
    // Only reported when the rule is used with DENY/ALLOW; with REQUIRE_APPROVAL it escalates.
    violationType: 'PER_TX_LIMIT',
    value: amountRuleValue,
    expected: 'a non-negative number such as "500"',
    example: '500',
  }),
  ALLOWED_CATEGORIES: listRule(
    textItem,
    '["API_PROVIDER","CLOUD"]',
    'categories',
    'CATEGORY_RESTRICTION',
    ALL_KINDS,
    'ALLOW',
  ),
  BLOCKED_CATEGORIES: listRule(
    textItem,
    '["GAMBLING"]',
    'categories',
    'CATEGORY_RESTRICTION',
    ALL_KINDS,
    'DENY',
  ),
  ALLOWED_COUNTERPARTIES: listRule(
    addressItem,
    '["0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1"]',
    'addresses',
    'WHITELIST_VIOLATION',
    CRYPTO_KINDS,
    'ALLOW',
  ),
  BLOCKED_COUNTERPARTIES: listRule(
    addressItem,
    '["0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1"]',
    'addresses',
    'BLOCKED_COUNTERPARTY',
    CRYPTO_KINDS,
    'DENY',
  ),
  TIME_WINDOW: defineRuleType({
    operators: RANGE,
    typicalOperator: 'BETWEEN',
    typicalAction: 'ALLOW',
    paymentKinds: ALL_KINDS,
    violationType: 'TIME_WINDOW',
    value: timeWindowValue,
    expected:
      'a JSON object such as {"start":"09:00","end":"18:00"} (HH:MM times, optional IANA "timezone")',
    example: '{"start":"09:00","end":"18:00"}',
  }),
  DAY_OF_WEEK: listRule(
    dayItem,
    '["Mon","Tue","Wed","Thu","Fri"]',
    `days (${dayOfWeekValues.join(', ')})`,
    'TIME_WINDOW',
    ALL_KINDS,
    'ALLOW',
  ),
  DATE_RANGE: defineRuleType({
    operators: RANGE,
    typicalOperator: 'BETWEEN',
    typicalAction: 'ALLOW',
    paymentKinds: ALL_KINDS,
    violationType: 'EXPIRED_PERMISSION',
    value: dateRangeValue,
    expected:
      'a JSON object such as {"start":"2026-01-01","end":"2026-12-31"} (ISO dates, start ≤ end)',
    example: '{"start":"2026-01-01","end":"2026-12-31"}',
  }),
  BLACKOUT_PERIOD: defineRuleType({
    operators: RANGE,
    typicalOperator: 'BETWEEN',
    typicalAction: 'DENY',
    paymentKinds: ALL_KINDS,
    violationType: 'BLACKOUT_PERIOD',
    value: blackoutPeriodValue,
    expected:
      'a JSON object such as {"windows":[{"start":"02:00","end":"06:00","reason":"Maintenance","recurring":true}]} or {"start":"2026-04-01","end":"2026-04-02"}',
    example:
      '{"windows":[{"start":"02:00","end":"06:00","reason":"Maintenance","recurring":true}]}',
  }),
  VELOCITY_LIMIT: velocityRule('{"maxCount":10,"period":"HOUR"}', 'VELOCITY_LIMIT', ALL_KINDS),
  GEOGRAPHIC_RESTRICTION: listRule(
    countryItem,
    '["US","CA","GB"]',
    'ISO 3166-1 alpha-2 country codes',
    'GEOGRAPHIC_RESTRICTION',
    ALL_KINDS,
    'ALLOW',
  ),
  TRUST_SCORE: defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'GREATER_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds: ALL_KINDS,
    violationType: 'TRUST_SCORE',
    value: rangeValue(0, 1),
    expected: 'a trust score between 0.0 and 1.0 such as "0.7"',
    example: '0.7',
  }),
  COUNTERPARTY_STATUS: defineRuleType({
    operators: ['IN_LIST', 'NOT_IN_LIST', 'EQUALS', 'NOT_EQUALS'],
    typicalOperator: 'IN_LIST',
    typicalAction: 'ALLOW',
    paymentKinds: ALL_KINDS,
    violationType: 'COUNTERPARTY_STATUS',
    value: counterpartyStatusValue,
    expected: `a JSON list such as ["TRUSTED","VERIFIED"] or a JSON object such as {"status":"TRUSTED"} (statuses ${ruleCounterpartyStatuses.join(', ')})`,
    example: '["TRUSTED","VERIFIED"]',
  }),
  CONTRACT_ALLOWLIST: defineRuleType({
    operators: LIST,
    typicalOperator: 'IN_LIST',
    typicalAction: 'ALLOW',
    paymentKinds: ['standard'],
    violationType: 'CONTRACT_NOT_ALLOWED',
    value: contractAllowlistValue,
    expected:
      'a JSON list of contract addresses such as ["0x…"] or a JSON object such as {"contracts":["0x…"],"protocols":["uniswap"],"functionSelectors":["0xa9059cbb"]}',
    example: '{"contracts":["0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1"],"protocols":["uniswap"]}',
    format: (value) =>
      value.protocols.length === 0 && value.functionSelectors === undefined
        ? JSON.stringify(value.contracts)
        : JSON.stringify(value),
  }),
  FAIRSCALE_MIN_SCORE: defineRuleType({
    operators: COMPARISON,
    typicalOperator: 'GREATER_THAN_OR_EQUAL',
    typicalAction: 'ALLOW',
    paymentKinds: CRYPTO_KINDS,
    violationType: 'FAIRSCALE_LOW_SCORE',
    value: rangeValue(0, 100),
    expected: 'a Fairscale score between 0 and 100 such as "50"',
    example: '50',
  }),
  X402_PRICE_CEILING: amountRule('1', 'X402_PRICE_CEILING', ['x402']),
  X402_MAX_PER_REQUEST: amountRule('0.50', 'X402_PRICE_CEILING', ['x402']),
  X402_MAX_PER_SERVICE: serviceBudgetRule('X402_ENDPOINT_LIMIT', ['x402']),
  X402_ALLOWED_SERVICES: listRule(
    serviceItem,
    '["api.openai.com"]',
    'service domains',
    'X402_SERVICE_NOT_ALLOWED',
    ['x402'],
    'ALLOW',
  ),
  X402_BLOCKED_SERVICES: listRule(
    serviceItem,
    '["untrusted.api"]',
    'service domains',
    'X402_SERVICE_BLOCKED',
    ['x402'],
    'DENY',
  ),
  X402_MAX_PER_ENDPOINT: amountRule('10', 'X402_ENDPOINT_LIMIT', ['x402']),
  X402_VELOCITY_PER_ENDPOINT: velocityRule('{"maxCount":5,"period":"MINUTE"}', 'X402_VELOCITY', [
    'x402',
  ]),
  X402_SESSION_BUDGET: amountRule('100', 'X402_SESSION_BUDGET', ['x402']),
  MPP_PRICE_CEILING: amountRule('1', 'MPP_PRICE_CEILING', ['mpp']),
  MPP_MAX_PER_REQUEST: amountRule('1.00', 'MPP_PRICE_CEILING', ['mpp']),
  MPP_ALLOWED_SERVICES: listRule(
    serviceItem,
    '["api.example.com"]',
    'service domains',
    'MPP_SERVICE_NOT_ALLOWED',
    ['mpp'],
    'ALLOW',
  ),
  MPP_BLOCKED_SERVICES: listRule(
    serviceItem,
    '["untrusted.api"]',
    'service domains',
    'MPP_SERVICE_BLOCKED',
    ['mpp'],
    'DENY',
  ),
  MPP_MAX_PER_SERVICE: serviceBudgetRule('MPP_ENDPOINT_LIMIT', ['mpp']),
  MPP_MAX_PER_ENDPOINT: amountRule('10', 'MPP_ENDPOINT_LIMIT', ['mpp']),
  MPP_VELOCITY_PER_ENDPOINT: velocityRule('{"maxCount":5,"period":"MINUTE"}', 'MPP_VELOCITY', [
    'mpp',
  ]),
  MPP_SESSION_BUDGET: amountRule('100', 'MPP_SESSION_BUDGET', ['mpp']),
  MPP_MAX_SESSION_DEPOSIT: amountRule('50', 'MPP_MAX_SESSION_DEPOSIT', ['mpp']),
  MPP_MAX_CONCURRENT_SESSIONS: countRule('3', 'MPP_MAX_CONCURRENT_SESSIONS', 'sessions'),
  MPP_MAX_SESSION_DURATION: countRule('3600', 'MPP_MAX_SESSION_DURATION', 'seconds'),
  MPP_BLOCK_SESSION_INTENT: listRule(
    textItem,
    '["streaming"]',
    'session intents',
    'MPP_SESSION_INTENT_BLOCKED',
    ['mpp'],
    'DENY',
  ),
  MPP_ALLOWED_METHODS: listRule(
    methodItem,
    '["GET","POST"]',
    `HTTP methods (${ruleHttpMethods.join(', ')})`,
    'MPP_METHOD_NOT_ALLOWED',
    ['mpp'],
    'ALLOW',
  ),
  CARD_ALLOWED_MCCS: listRule(
    mccItem,
    '["5411","5812"]',
    '4-digit merchant category codes',
    'CARD_MCC_RESTRICTION',
    ['card'],
    'ALLOW',
  ),
  CARD_BLOCKED_MCCS: listRule(
    mccItem,
    '["7995"]',
    '4-digit merchant category codes',
    'CARD_MCC_RESTRICTION',
    ['card'],
    'DENY',
  ),
  CARD_ALLOWED_MERCHANTS: listRule(
    textItem,
    '["Amazon","Stripe"]',
    'merchant names',
    'CARD_MERCHANT_RESTRICTION',
    ['card'],
    'ALLOW',
  ),
  CARD_BLOCKED_MERCHANTS: listRule(
    textItem,
    '["Casino.com"]',
    'merchant names',
    'CARD_MERCHANT_RESTRICTION',
    ['card'],
    'DENY',
  ),
  CARD_MAX_AMOUNT: amountRule('500', 'CARD_AMOUNT_LIMIT', ['card']),
} as const satisfies { readonly [K in RuleType]: RuleTypeInfo }

/** The typed (parsed and normalised) value of each rule type. */
export type RuleValueByType = {
  [K in RuleType]: z.output<(typeof ruleTypeInfo)[K]['value']>
}

/** The typed value of rule type `T` (any rule type when omitted). */
export type RuleValue<T extends RuleType = RuleType> = RuleValueByType[T]

/** A rule type with its typed value, discriminated on `ruleType`. */
export type TypedRuleValue = {
  [K in RuleType]: { ruleType: K; value: RuleValueByType[K] }
}[RuleType]

export type BudgetCapRuleValue = RuleValueByType['BUDGET_CAP']
export type ServiceBudgetRuleValue = RuleValueByType['X402_MAX_PER_SERVICE']
export type SingleAmountRuleValue = RuleValueByType['SINGLE_AMOUNT']
export type VelocityRuleValue = RuleValueByType['VELOCITY_LIMIT']
export type TimeWindowRuleValue = RuleValueByType['TIME_WINDOW']
export type DateRangeRuleValue = RuleValueByType['DATE_RANGE']
export type BlackoutPeriodRuleValue = RuleValueByType['BLACKOUT_PERIOD']
export type BlackoutWindow = BlackoutPeriodRuleValue['windows'][number]
export type ContractAllowlistRuleValue = RuleValueByType['CONTRACT_ALLOWLIST']

export const isRuleType = (value: unknown): value is RuleType =>
  typeof value === 'string' && (ruleTypes as readonly string[]).includes(value)

/** True when `ruleType` accepts `operator` (canonical name). */
export function isOperatorAllowed(ruleType: RuleType, operator: RuleOperator): boolean {
  return (ruleTypeInfo[ruleType].operators as readonly RuleOperator[]).includes(operator)
}

/** The error message for an operator a rule type does not accept. */
export function operatorNotAllowedMessage(ruleType: RuleType, operator: string): string {
  return `Operator ${operator} is not allowed for ${ruleType}: expected one of ${ruleTypeInfo[ruleType].operators.join(', ')}`
}

/** True when a rule of `ruleType` is evaluated for a payment of kind `kind`. */
export function ruleAppliesTo(ruleType: RuleType, kind: RulePaymentKind): boolean {
  return (ruleTypeInfo[ruleType].paymentKinds as readonly RulePaymentKind[]).includes(kind)
}

// ---------------------------------------------------------------------------------------------
// Parsing and formatting
// ---------------------------------------------------------------------------------------------

/** A rule value that does not match its rule type's format (or names an unknown rule type). */
export class RuleValueError extends Error {
  override readonly name = 'RuleValueError'
  /** The rule type whose format was violated (as given). */
  readonly ruleType: string
  /** The value as given. */
  readonly value: unknown
  /** What the value should look like. */
  readonly expected: string
  /** The underlying validation issues, if any. */
  readonly issues: readonly z.core.$ZodIssue[]

  constructor(
    ruleType: string,
    value: unknown,
    expected: string,
    issues: readonly z.core.$ZodIssue[] = [],
    message: string = ruleValueErrorMessage(ruleType, value, expected, issues),
  ) {
    super(message)
    this.ruleType = ruleType
    this.value = value
    this.expected = expected
    this.issues = issues
  }
}

/** The offending value for a message: JSON lists/objects as they are, other strings quoted. */
const describeInput = (value: unknown): string => {
  const text = typeof value === 'string' ? value.trim() : (JSON.stringify(value) ?? String(value))
  const short = text.length > 100 ? `${text.slice(0, 97)}...` : text
  return typeof value === 'string' && !/^[[{]/.test(text) ? JSON.stringify(short) : short
}

const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('')

function ruleValueErrorMessage(
  ruleType: string,
  value: unknown,
  expected: string,
  issues: readonly z.core.$ZodIssue[],
): string {
  const base = `Invalid value for ${ruleType}: expected ${expected}, got ${describeInput(value)}`
  const issue = issues[0]
  // A plain type mismatch at the top level says nothing the base message does not.
  if (issue === undefined || (issue.path.length === 0 && issue.code === 'invalid_type')) return base
  const where = formatPath(issue.path)
  return `${base} (${where === '' ? '' : `${where}: `}${issue.message})`
}

/**
 * Decodes a wire value: JSON when it parses as JSON (`"200"` → 200, `'["US"]'` → ["US"]), else
 * the trimmed string itself (so `"abc"` reaches the format check and is reported as such).
 */
function decodeWireValue(value: string): unknown {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return trimmed
  }
}

type SafeRuleValueResult<T extends RuleType> =
  | { success: true; value: RuleValueByType[T]; error?: undefined }
  | { success: false; value?: undefined; error: RuleValueError }

function validateDecoded<T extends RuleType>(
  ruleType: T,
  decoded: unknown,
  original: unknown,
): SafeRuleValueResult<T> {
  if (!isRuleType(ruleType)) {
    return {
      success: false,
      error: new RuleValueError(
        String(ruleType),
        original,
        'a known rule type',
        [],
        `Unknown ruleType ${JSON.stringify(ruleType)}: expected one of ${ruleTypes.join(', ')}`,
      ),
    }
  }
  const info: RuleTypeInfo = ruleTypeInfo[ruleType]
  const result = info.value.safeParse(decoded)
  if (result.success) return { success: true, value: result.data as RuleValueByType[T] }
  return {
    success: false,
    error: new RuleValueError(ruleType, original, info.expected, result.error.issues),
  }
}

/**
 * Parses a rule's wire value (`"1000"`, `'{"maxCount":10,"period":"HOUR"}'`, …) into its typed,
 * normalised form. Throws `RuleValueError` naming the rule type and the expected format.
 */
export function parseRuleValue<T extends RuleType>(ruleType: T, value: string): RuleValueByType[T] {
  const result = safeParseRuleValue(ruleType, value)
  if (!result.success) throw result.error
  return result.value
}

/** Like `parseRuleValue`, but returns `{ success, value }` / `{ success, error }` instead of throwing. */
export function safeParseRuleValue<T extends RuleType>(
  ruleType: T,
  value: string,
): SafeRuleValueResult<T> {
  if (typeof value !== 'string') {
    return validateDecoded(ruleType, Symbol('not a string'), value)
  }
  return validateDecoded(ruleType, decodeWireValue(value), value)
}

/** A number as a plain decimal string (`200`, `0.5`). */
function formatNumber(value: number): string {
  return String(value)
}

/**
 * The canonical wire string of a typed value: numbers as plain strings (`"200"`), lists and
 * objects as JSON. `parseRuleValue(t, formatRuleValue(t, v))` equals `v`. Throws
 * `RuleValueError` when `value` is not a valid value of `ruleType`.
 */
export function formatRuleValue<T extends RuleType>(
  ruleType: T,
  value: RuleValueByType[T],
): string {
  const result = validateDecoded(ruleType, value, value)
  if (!result.success) throw result.error
  const info = ruleTypeInfo[ruleType] as RuleTypeInfo
  const normalised: unknown = result.value
  if (info.format !== undefined) return info.format(normalised)
  return typeof normalised === 'number' ? formatNumber(normalised) : JSON.stringify(normalised)
}

/** What the API accepts as a rule `value`: the wire string, or native JSON (§7 #29). */
export type RuleValueInput =
  | string
  | number
  | readonly unknown[]
  | { readonly [key: string]: unknown }

/** A request-side rule `value`: a string, a number, a JSON list or a JSON object. */
export const ruleValueInputSchema = z.union(
  [z.string(), z.number(), z.array(z.unknown()), z.record(z.string(), z.unknown())],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'value is required'
        : 'value must be a string, a number, a JSON list or a JSON object',
  },
)

/**
 * Validates a request's `value` against `ruleType` and returns the string to store: a string
 * as sent (trimmed), a number as a plain string, a list/object JSON-encoded. Throws
 * `RuleValueError` when the value does not match the rule type's format.
 */
export function normalizeRuleValueInput(ruleType: RuleType, value: unknown): string {
  if (typeof value === 'string') {
    parseRuleValue(ruleType, value)
    return value.trim()
  }
  const isJson =
    (typeof value === 'number' && Number.isFinite(value)) ||
    Array.isArray(value) ||
    (typeof value === 'object' && value !== null)
  const result = validateDecoded(ruleType, isJson ? value : Symbol('not JSON'), value)
  if (!result.success) throw result.error
  return typeof value === 'number' ? formatNumber(value) : JSON.stringify(value)
}

/** A rule as the request schemas see it before normalisation. */
interface RuleInputFields {
  ruleType: RuleType
  operator: RuleOperator
  value: RuleValueInput
}

/**
 * The transform behind the rule input schema: rejects an operator the rule type does not
 * accept (listing the allowed ones) and a value that does not match the rule type's format
 * (with the `RuleValueError` message), and returns the rule with `value` as its stored string.
 */
export function normalizeRuleInput<T extends RuleInputFields>(
  rule: T,
  ctx: z.core.ParsePayload,
): Omit<T, 'value'> & { value: string } {
  let failed = false
  if (!isOperatorAllowed(rule.ruleType, rule.operator)) {
    failed = true
    addIssue(ctx, {
      path: ['operator'],
      input: rule.operator,
      message: operatorNotAllowedMessage(rule.ruleType, rule.operator),
    })
  }
  let value = ''
  try {
    value = normalizeRuleValueInput(rule.ruleType, rule.value)
  } catch (error) {
    if (!(error instanceof RuleValueError)) throw error
    failed = true
    addIssue(ctx, { path: ['value'], input: rule.value, message: error.message })
  }
  if (failed) return z.NEVER
  return { ...rule, value }
}
