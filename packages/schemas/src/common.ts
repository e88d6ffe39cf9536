import * as z from 'zod/mini'
import { addIssue } from './internal/add-issue.js'
import { ensureEnglishMessages } from './internal/ensure-english-messages.js'

ensureEnglishMessages()

/**
 * Shared primitives of the Conto wire contract: ids, timestamps, addresses, hashes, amounts,
 * enums with helpful messages, and `limit`/`offset` pagination.
 */

/** Number of decimal places an amount may carry on the wire (stablecoin micro-units). */
export const AMOUNT_DECIMALS = 6
/** One whole stablecoin unit in micro-units. */
export const MICROS_PER_UNIT = 1_000_000

/**
 * Puts a wire error code on a zod issue, so the server can answer with e.g. `INVALID_AMOUNT`
 * instead of the generic `VALIDATION_ERROR`. Read back with `wireErrorCodeOf` in `errors.ts`.
 */
export const issueParams = (errorCode: string) => ({ params: { errorCode } })

/** An opaque resource id (cuid-like on this server; clients must not parse it). */
export const idSchema = z
  .string()
  .check(
    z.minLength(1, 'id must not be empty'),
    z.maxLength(128, 'id must be at most 128 characters'),
    z.regex(/^[A-Za-z0-9_-]+$/, 'id may contain only letters, digits, "_" and "-"'),
    z.meta({ description: 'Opaque resource id', examples: ['cmm59z8fj000l49h7bjqza11p'] }),
  )
export type Id = z.infer<typeof idSchema>

/** An ISO-8601 timestamp with a time zone offset, as every Conto response emits (UTC, `Z`). */
export const isoTimestampSchema = z.iso
  .datetime({
    offset: true,
    message: 'expected an ISO-8601 timestamp such as 2026-04-07T12:00:00.000Z',
  })
  .check(z.meta({ examples: ['2026-04-07T12:00:00.000Z'] }))
export type IsoTimestamp = z.infer<typeof isoTimestampSchema>

/** An ISO-8601 calendar date (`YYYY-MM-DD`). */
export const isoDateSchema = z.iso.date({ message: 'expected a date in YYYY-MM-DD form' })

/** A timestamp or a date, as accepted by `startDate`/`endDate` filters. */
export const dateOrTimestampSchema = z.union([isoTimestampSchema, isoDateSchema])

export const EVM_ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/
export const SOLANA_ADDRESS_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/
export const EVM_TX_HASH_PATTERN = /^0x[0-9a-fA-F]{64}$/
export const SOLANA_SIGNATURE_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{64,88}$/

export const isEvmAddress = (value: string): boolean => EVM_ADDRESS_PATTERN.test(value)
export const isSolanaAddress = (value: string): boolean => SOLANA_ADDRESS_PATTERN.test(value)

/**
 * A string matching `pattern`, whose failure carries a wire error code (zod keeps `params` only
 * on refinements, not on `.regex()`); the pattern is still published in the JSON Schema.
 */
function codedPatternSchema(pattern: RegExp, message: string, errorCode: string) {
  return z.string().check(
    z.refine((value) => pattern.test(value), { message, ...issueParams(errorCode) }),
    z.meta({ pattern: pattern.source }),
  )
}

/** An EVM address: `0x` followed by 40 hex characters (any case; matching is case-insensitive). */
export const evmAddressSchema = codedPatternSchema(
  EVM_ADDRESS_PATTERN,
  'expected an EVM address: 0x followed by 40 hex characters',
  'INVALID_ADDRESS',
).check(z.meta({ examples: ['0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'] }))

/** A Solana address: 32–44 base58 characters. */
export const solanaAddressSchema = codedPatternSchema(
  SOLANA_ADDRESS_PATTERN,
  'expected a Solana address: 32-44 base58 characters',
  'INVALID_ADDRESS',
)

/** An EVM or Solana address. */
export const addressSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'address is required' : undefined) })
  .check(
    z.refine((value) => isEvmAddress(value) || isSolanaAddress(value), {
      message:
        'expected an EVM address (0x + 40 hex characters) or a Solana address (32-44 base58 characters)',
      ...issueParams('INVALID_ADDRESS'),
    }),
    z.meta({ examples: ['0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'] }),
  )
export type Address = z.infer<typeof addressSchema>

/** A transaction hash: EVM `0x` + 64 hex, or a base58 Solana signature. */
export const txHashSchema = z.string().check(
  z.refine(
    (value) => EVM_TX_HASH_PATTERN.test(value) || SOLANA_SIGNATURE_PATTERN.test(value),
    'expected a transaction hash: 0x followed by 64 hex characters, or a base58 Solana signature',
  ),
  z.meta({ examples: ['0x5e1d3a76fbf824220eafc8c79ad578ad2b67d01b0c2425eb1f1347e8f50882ab'] }),
)

/** A 64-hex-character single-use approval token. */
export const approvalTokenSchema = codedPatternSchema(
  /^[0-9a-fA-F]{64}$/,
  'expected a 64-character hex approval token',
  'INVALID_APPROVAL_TOKEN',
)

/** A 4-byte EVM function selector such as `0xa9059cbb`. */
export const functionSelectorSchema = z
  .string()
  .check(
    z.regex(
      /^0x[0-9a-fA-F]{8}$/,
      'expected a 4-byte function selector: 0x followed by 8 hex characters',
    ),
  )

/**
 * True when `value` has at most `AMOUNT_DECIMALS` decimal places. Binary floating-point noise
 * (0.1 + 0.2 = 0.30000000000000004) is tolerated: only a real 7th decimal is rejected.
 */
export function hasAtMostSixDecimals(value: number): boolean {
  if (!Number.isFinite(value)) return false
  const scaled = value * MICROS_PER_UNIT
  const micros = Math.round(scaled)
  // A non-zero amount below half a micro-unit (1e-7, 5e-324) is not float noise: it would round
  // to 0 micro-units.
  if (micros === 0 && value !== 0) return false
  return Math.abs(scaled - micros) < 1e-6
}

interface AmountOptions {
  /** `true` (default): the amount must be greater than 0. `false`: 0 is allowed. */
  positive?: boolean
  description?: string
}

/**
 * An amount in stablecoin units (USD-equivalent) as a JSON number: finite, at most 6 decimal
 * places, and > 0 unless `positive: false`. Every failure carries the wire code `INVALID_AMOUNT`.
 */
export function amountSchema(options: AmountOptions = {}) {
  const positive = options.positive ?? true
  return z
    .pipe(
      // Typed as taking a number, what callers send; at run time any input arrives and is checked.
      z.transform<number, unknown>((value: unknown, ctx) => {
        if (value === undefined) return value
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          addIssue(ctx, {
            message: 'amount must be a finite number',
            input: value,
            ...issueParams('INVALID_AMOUNT'),
          })
          return z.NEVER
        }
        return value
      }),
      z
        .number({
          error: (issue) => (issue.input === undefined ? 'amount is required' : undefined),
        })
        .check(
          z.refine((value) => (positive ? value > 0 : value >= 0), {
            message: positive ? 'amount must be greater than 0' : 'amount must not be negative',
            ...issueParams('INVALID_AMOUNT'),
          }),
          z.refine(hasAtMostSixDecimals, {
            message: 'amount may have at most 6 decimal places',
            ...issueParams('INVALID_AMOUNT'),
          }),
        ),
    )
    .check(
      z.meta({
        description: options.description ?? 'Amount in stablecoin units (at most 6 decimals)',
        ...(positive ? { exclusiveMinimum: 0 } : { minimum: 0 }),
        examples: [50],
      }),
    )
}

/** A spend limit: a non-negative amount; `null` means unlimited and `0` blocks every payment. */
export const spendLimitSchema = z.nullable(
  amountSchema({
    positive: false,
    description: 'Spend limit in stablecoin units; null = unlimited, 0 = blocks every payment',
  }),
)

/** An amount in a response: a plain JSON number (servers never send invalid amounts). */
export const amountValueSchema = z
  .number()
  .check(z.meta({ description: 'Amount in stablecoin units' }))

/** Converts a wire amount to integer micro-units (6 decimals), rounding the float noise away. */
export function toMicros(amount: number): number {
  return Math.round(amount * MICROS_PER_UNIT)
}

/** Converts integer micro-units back to a wire amount. */
export function fromMicros(micros: number): number {
  return micros / MICROS_PER_UNIT
}

/**
 * A request-side enum whose error names the field and lists the allowed values, e.g.
 * `Invalid agentType "BOT": expected one of OPENAI_ASSISTANT, ANTHROPIC_CLAUDE, …`.
 */
export function enumSchema<const T extends readonly [string, ...string[]]>(
  values: T,
  label: string,
) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `${label} is required`
        : `Invalid ${label} ${JSON.stringify(issue.input)}: expected one of ${values.join(', ')}`,
  })
}

/**
 * A response-side enum that also accepts values added to the API later, so an older client does
 * not break when the server grows. The type keeps the known values for autocompletion.
 */
export function openEnumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]) as unknown as z.ZodMiniType<
    T[number] | (string & {}),
    T[number] | (string & {})
  >
}

/** Query-string booleans: `true`/`false`/`1`/`0` (a plain `z.coerce.boolean()` reads "false" as true). */
export const queryBooleanSchema = z.pipe(
  z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]),
  z.transform((value) => value === true || value === 'true' || value === '1'),
)

/** Free-form JSON metadata attached to a resource. */
export const metadataSchema = z.record(z.string(), z.unknown())
export type Metadata = z.infer<typeof metadataSchema>

export const PAGINATION_DEFAULT_LIMIT = 50
export const PAGINATION_MAX_LIMIT = 100

/**
 * `limit` (≥ 1, default 50, capped at 100: a larger value reads as 100, conto-api §6.4 "accept
 * limit/offset everywhere, cap 100") and `offset` (≥ 0, default 0) query parameters.
 */
export const paginationQuerySchema = z.object({
  limit: z._default(
    z.pipe(
      z.coerce
        .number<number | string>({ error: 'limit must be a number' })
        .check(
          z.int('limit must be a whole number'),
          z.gte(1, 'limit must be at least 1'),
          z.meta({ description: `Page size; values above ${PAGINATION_MAX_LIMIT} are capped` }),
        ),
      z.transform((value: number) => Math.min(value, PAGINATION_MAX_LIMIT)),
    ),
    PAGINATION_DEFAULT_LIMIT,
  ),
  offset: z._default(
    z.coerce
      .number<number | string>({ error: 'offset must be a number' })
      .check(z.int('offset must be a whole number'), z.gte(0, 'offset must not be negative')),
    0,
  ),
})
export type PaginationQuery = z.input<typeof paginationQuerySchema>

/** The `pagination` object every list response carries. */
export const paginationSchema = z.object({
  total: z.number().check(z.int()),
  limit: z.number().check(z.int()),
  offset: z.number().check(z.int()),
  hasMore: z.boolean(),
})
export type Pagination = z.infer<typeof paginationSchema>

/**
 * A list envelope `{ [key]: items[], pagination }`, the shape the contract gives every list.
 * (Agents additionally repeat `total`, `limit`, `offset` at the top level; see `agent.ts`.)
 */
export function listEnvelopeSchema<const TKey extends string, TItem extends z.ZodMiniType>(
  key: TKey,
  item: TItem,
) {
  return z.object({ [key]: z.array(item), pagination: paginationSchema } as {
    [K in TKey]: z.ZodMiniArray<TItem>
  } & { pagination: typeof paginationSchema })
}

/** `{ success: true }`-style acknowledgement bodies (DELETE and similar actions). */
export const successResponseSchema = z.object({
  success: z.literal(true),
  message: z.optional(z.string()),
})
export type SuccessResponse = z.infer<typeof successResponseSchema>

/** Days of the week exactly as the API spells them. */
export const dayOfWeekValues = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
export const dayOfWeekSchema = enumSchema(dayOfWeekValues, 'day')
export type DayOfWeek = (typeof dayOfWeekValues)[number]

/** An IANA time zone name such as `UTC` or `America/New_York`, checked against the runtime's data. */
export const timezoneSchema = z.string().check(
  z.minLength(1),
  z.refine(isValidTimeZone, {
    error: (issue) =>
      `Invalid timezone ${JSON.stringify(issue.input)}: expected an IANA name such as UTC or America/New_York`,
  }),
)

/** True when the runtime's Intl data knows the IANA zone `name`. */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}
