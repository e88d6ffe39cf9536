import * as z from 'zod/mini'
import { ensureEnglishMessages } from './internal/ensure-english-messages.js'

ensureEnglishMessages()

/**
 * Every machine-readable error code the Conto API and its clients use, each with exactly one HTTP
 * status. The server renders errors from this table and the clients pick their error classes from
 * it, so a code means the same thing everywhere. `0` marks client-side codes (no HTTP response).
 */
export const statusByErrorCode = {
  // Generic
  VALIDATION_ERROR: 400,
  AUTH_FAILED: 401,
  EXPIRED_KEY: 401,
  INSUFFICIENT_SCOPE: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  // Payments
  INVALID_AMOUNT: 400,
  INVALID_ADDRESS: 400,
  INSUFFICIENT_BALANCE: 400,
  DAILY_LIMIT_EXCEEDED: 400,
  PER_TX_LIMIT_EXCEEDED: 400,
  EXPIRED: 400,
  INVALID_STATUS: 400,
  NO_WALLET: 400,
  EXTERNAL_WALLET: 400,
  EXTERNAL_WALLET_ERROR: 400,
  WALLET_CONFIG_ERROR: 400,
  POLICY_DENIED: 400,
  INVALID_APPROVAL_TOKEN: 400,
  ALREADY_CONFIRMED: 409,
  PAYMENT_DENIED: 403,
  REQUIRES_APPROVAL: 202,
  VERIFICATION_REQUIRED: 403,
  AGENT_NOT_ACTIVE: 403,
  WALLET_FROZEN: 403,
  BUDGET_REQUEST_EXISTS: 409,
  CUSTODY_NOT_CONFIGURED: 500,
  // Configuration
  INVALID_WEBHOOK_URL: 400,
  // Client-side only
  TIMEOUT: 0,
  NETWORK_ERROR: 0,
  INVALID_RESPONSE: 0,
  HTTP_ERROR: 0,
  WEBHOOK_VERIFICATION_FAILED: 0,
} as const satisfies Record<string, 0 | 202 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 501>

export type ErrorCode = keyof typeof statusByErrorCode

/** The closed list of error codes, in table order. */
export const errorCodes = Object.keys(statusByErrorCode) as [ErrorCode, ...ErrorCode[]]

export const errorCodeSchema = z.enum(errorCodes)

/** What each code means, one sentence; the docs pages in `docs/errors/` expand on these. */
export const errorCodeDescriptions: Record<ErrorCode, string> = {
  VALIDATION_ERROR:
    'The request body, query or path did not match the schema; `issues` lists each problem.',
  AUTH_FAILED:
    'The API key is missing, malformed, unknown or revoked, or the wrong kind for this route.',
  EXPIRED_KEY: 'The API key has passed its expiry date.',
  INSUFFICIENT_SCOPE: 'The API key lacks the scope this endpoint requires.',
  FORBIDDEN: 'The caller is authenticated but not allowed to perform this action.',
  NOT_FOUND: 'The resource does not exist in the caller’s organization, or the route is unknown.',
  CONFLICT: 'The request conflicts with the current state, e.g. a duplicate name.',
  IDEMPOTENCY_CONFLICT: 'The idempotency key was already used with a different request body.',
  RATE_LIMITED: 'Too many requests in the sliding window; retry after `retryAfter` seconds.',
  INTERNAL_ERROR: 'An unexpected server error; it was logged with the request id.',
  NOT_IMPLEMENTED: 'The endpoint is documented but this server does not implement it yet.',
  INVALID_AMOUNT:
    'The amount is missing, not a finite number, not positive, or has more than 6 decimals.',
  INVALID_ADDRESS: 'The address is not a valid EVM or Solana address.',
  INSUFFICIENT_BALANCE: 'The wallet balance is too low for this payment.',
  DAILY_LIMIT_EXCEEDED: 'The payment would exceed a daily spend limit.',
  PER_TX_LIMIT_EXCEEDED: 'The payment exceeds a per-transaction limit.',
  EXPIRED: 'The payment request, approval or token has expired.',
  INVALID_STATUS: 'The resource is not in a status that allows this action.',
  NO_WALLET: 'The agent has no linked wallet that can make this payment.',
  EXTERNAL_WALLET:
    'The wallet has EXTERNAL custody: use approve → transfer → confirm instead of execute.',
  EXTERNAL_WALLET_ERROR: 'No eligible funded wallet is available; the body lists alternatives.',
  WALLET_CONFIG_ERROR: 'The wallet is misconfigured for this payment.',
  POLICY_DENIED: 'The payment was denied by policy; `context.nextSteps` says what to do.',
  INVALID_APPROVAL_TOKEN:
    'The approval token is wrong, already used, or bound to other payment details.',
  ALREADY_CONFIRMED: 'The external approval has already been confirmed.',
  PAYMENT_DENIED: 'Thrown by `pay()` when the payment is denied by policy.',
  REQUIRES_APPROVAL: 'Thrown by `pay()` when the payment needs human approval first.',
  VERIFICATION_REQUIRED: 'Thrown by `pay()` when the merchant requires an identity step-up first.',
  AGENT_NOT_ACTIVE: 'The agent is paused, suspended or revoked and cannot pay.',
  WALLET_FROZEN: 'The wallet is frozen.',
  BUDGET_REQUEST_EXISTS: 'The agent already has a pending or approved budget request.',
  CUSTODY_NOT_CONFIGURED: 'The custody provider for this wallet is not configured on the server.',
  INVALID_WEBHOOK_URL: 'The webhook URL is not allowed (live mode needs a public HTTPS URL).',
  TIMEOUT: 'The client gave up waiting for a response.',
  NETWORK_ERROR: 'The client could not reach the server.',
  INVALID_RESPONSE: 'The server answered, but the body was not the JSON the endpoint documents.',
  HTTP_ERROR:
    'The server answered with an error status and no Conto error body (e.g. an HTML page from a proxy).',
  WEBHOOK_VERIFICATION_FAILED: 'A webhook delivery failed signature or timestamp verification.',
}

/** One problem found while validating a request. */
export const validationIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.optional(z.string()),
})
export type ValidationIssue = z.infer<typeof validationIssueSchema>

/**
 * The error body every non-2xx response carries: `{ error, code, requestId, ...extra }`.
 * Extra fields (`issues`, `retryAfter`, `violations`, …) pass through untouched.
 */
export const errorResponseSchema = z.looseObject({
  error: z.string(),
  code: z.string(),
  requestId: z.optional(z.string()),
  issues: z.optional(z.array(validationIssueSchema)),
  retryAfter: z.optional(z.number()),
})
export type ErrorResponse = z.infer<typeof errorResponseSchema>

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(statusByErrorCode, value)

/**
 * The wire code for a failed validation: the first issue that carries its own code (set by the
 * amount, address and token schemas), else `VALIDATION_ERROR`.
 */
export function wireErrorCodeOf(issues: readonly z.core.$ZodIssue[]): ErrorCode {
  for (const issue of issues) {
    const code = (issue as { params?: { errorCode?: unknown } }).params?.errorCode
    if (isErrorCode(code)) return code
  }
  return 'VALIDATION_ERROR'
}

/** Turns zod issues into the wire `issues` list (path and message per problem). */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    message: issue.message,
    code: issue.code,
  }))
}
