import {
  type ErrorCode,
  errorResponseSchema,
  isErrorCode,
  statusByErrorCode,
  type ValidationIssue,
  type Violation,
} from '@conto/schemas'
import { retryAfterMsFromHeaders } from './retry.js'
import { PACKAGE_ID } from './version.js'

/** Where each error code is documented. */
export const ERROR_DOCS_BASE_URL = 'https://conto.finance/docs/errors'

// A registered symbol, so `isContoError` also recognises errors from a second copy of this package.
const contoErrorBrand = Symbol.for('@conto/client-core/ContoError')

/** The docs page of an error code, or `undefined` for a code this version does not know. */
export function docsUrlOf(code: string): string | undefined {
  return isErrorCode(code) ? `${ERROR_DOCS_BASE_URL}/${code}` : undefined
}

/** What every {@link ContoError} is built from. */
export interface ContoErrorOptions {
  /** Machine-readable code, e.g. `RATE_LIMITED`; one of `errorCodes` or a code added later. */
  code: ErrorCode | (string & {})
  /** HTTP status of the response; `0` when no response was received. */
  status: number
  /** Lines shown between the short message and the `Docs:` line. */
  details?: readonly string[] | undefined
  /** Overrides the docs link derived from `code`. */
  docsUrl?: string | undefined
  requestId?: string | undefined
  cause?: unknown
}

/**
 * The base class of every error the Conto clients throw. Structurally it is also the documented
 * `{ code, status, message }` shape, so both `err instanceof ContoError` and `'code' in err` work.
 *
 * The message uses labelled lines: a short message, a blank line, details, then `Docs:`,
 * `Request ID:` and `Version:`.
 *
 * @example
 * ```ts
 * try {
 *   await conto.payments.request(params)
 * } catch (error) {
 *   if (isContoError(error) && error.code === 'NO_WALLET') linkAWallet()
 *   else throw error
 * }
 * ```
 * @see https://conto.finance/docs/errors
 */
export class ContoError extends Error {
  override name = 'ContoError'
  /** Machine-readable code; branch on this. */
  readonly code: ErrorCode | (string & {})
  /** HTTP status of the response; `0` when no response was received. */
  readonly status: number
  /** The first line of `message`, without details and labels. */
  readonly shortMessage: string
  /** The docs page of `code`. */
  readonly docsUrl: string | undefined
  /** The `request-id` the server gave the failed request; quote it to support. */
  readonly requestId: string | undefined
  /** `@conto/client-core@<version>`. */
  readonly version: string = PACKAGE_ID

  constructor(shortMessage: string, options: ContoErrorOptions) {
    const docsUrl = options.docsUrl ?? docsUrlOf(options.code)
    super(
      formatMessage(shortMessage, options.details, docsUrl, options.requestId),
      'cause' in options ? { cause: options.cause } : undefined,
    )
    this.code = options.code
    this.status = options.status
    this.shortMessage = shortMessage
    this.docsUrl = docsUrl
    this.requestId = options.requestId
    Object.defineProperty(this, contoErrorBrand, { value: true })
  }
}

function formatMessage(
  shortMessage: string,
  details: readonly string[] | undefined,
  docsUrl: string | undefined,
  requestId: string | undefined,
): string {
  const lines = [shortMessage]
  if (details && details.length > 0) lines.push('', ...details)
  lines.push('')
  if (docsUrl) lines.push(`Docs: ${docsUrl}`)
  if (requestId) lines.push(`Request ID: ${requestId}`)
  lines.push(`Version: ${PACKAGE_ID}`)
  return lines.join('\n')
}

/** What a {@link ContoApiError} is built from: the response the server sent. */
export interface ContoApiErrorOptions {
  status: number
  code: ErrorCode | (string & {})
  /** The human message (the envelope's `error`). */
  message: string
  requestId?: string | undefined
  headers: Headers
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown
  details?: readonly string[] | undefined
  cause?: unknown
}

/**
 * The server answered with a non-2xx status. Covers every code without a class of its own (for
 * example `NO_WALLET`): branch on `code`. The envelope's common extras are lifted onto the error
 * whatever its class: `issues` (e.g. `INVALID_AMOUNT`, `INVALID_ADDRESS`, `VALIDATION_ERROR`),
 * `violations` and `reasons` (e.g. `POLICY_DENIED`).
 *
 * @example
 * ```ts
 * if (isContoApiError(error) && error.issues) for (const issue of error.issues) console.log(issue.path, issue.message)
 * ```
 * @see https://conto.finance/docs/errors
 */
export class ContoApiError extends ContoError {
  override name = 'ContoApiError'
  /** The response headers. */
  readonly headers: Headers
  /** The parsed error body (`{ error, code, requestId, …extra }`), or its raw text. */
  readonly body: unknown
  /** The body's `issues` (field path and problem), when it has them; else `undefined`. */
  readonly issues: ValidationIssue[] | undefined
  /** The body's policy `violations` (rule type, limit, current value), when it has them. */
  readonly violations: Violation[] | undefined
  /** The body's human-readable `reasons`, when it has them. */
  readonly reasons: string[] | undefined

  constructor(options: ContoApiErrorOptions) {
    super(options.message, {
      code: options.code,
      status: options.status,
      details: options.details,
      requestId: options.requestId,
      ...('cause' in options ? { cause: options.cause } : {}),
    })
    this.headers = options.headers
    this.body = options.body
    this.issues = arrayField<ValidationIssue>(options.body, 'issues')
    this.violations = arrayField<Violation>(options.body, 'violations')
    this.reasons = arrayField<string>(options.body, 'reasons')
  }
}

/** 400 `VALIDATION_ERROR`: the request did not match the schema; `issues` lists each problem. */
export class ValidationError extends ContoApiError {
  override name = 'ValidationError'
  /** One entry per problem: the field path and what is wrong with it (empty when none were sent). */
  override readonly issues: ValidationIssue[]

  constructor(options: ContoApiErrorOptions) {
    super(options)
    this.issues = issuesOf(options.body)
  }
}

/** 401 `AUTH_FAILED` / `EXPIRED_KEY`: the key is missing, unknown, revoked, expired or the wrong kind. */
export class AuthenticationError extends ContoApiError {
  override name = 'AuthenticationError'
}

/** 403: the key lacks a scope (`INSUFFICIENT_SCOPE`) or the action is not allowed. */
export class PermissionDeniedError extends ContoApiError {
  override name = 'PermissionDeniedError'
}

/** 404 `NOT_FOUND`: the resource does not exist in the caller's organization. */
export class NotFoundError extends ContoApiError {
  override name = 'NotFoundError'
}

/** 409: a conflict, for example an idempotency key reused with a different body. */
export class ConflictError extends ContoApiError {
  override name = 'ConflictError'
}

/**
 * 429 `RATE_LIMITED`: too many requests; wait `retryAfter` seconds (or `retryAfterMs`) before the
 * next one.
 *
 * @example
 * ```ts
 * if (error instanceof RateLimitError) await sleep((error.retryAfter ?? 1) * 1000)
 * ```
 */
export class RateLimitError extends ContoApiError {
  override name = 'RateLimitError'
  /** How long the server asked to wait, from `retry-after-ms`, `Retry-After` or the body. */
  readonly retryAfterMs: number | undefined
  /**
   * How long the server asked to wait, in seconds (the documented field): the body's
   * `retryAfter`, else the `Retry-After` header (or `retry-after-ms`, rounded up); never negative.
   */
  readonly retryAfter: number | undefined

  constructor(options: ContoApiErrorOptions) {
    super(options)
    this.retryAfterMs = retryAfterMsOf(options.headers, options.body)
    this.retryAfter = retryAfterSecondsOf(options.headers, options.body)
  }
}

/** 5xx: the server failed; the request id is in its logs. */
export class InternalServerError extends ContoApiError {
  override name = 'InternalServerError'
}

/** What a {@link ConnectionError} is built from. */
export interface ConnectionErrorOptions {
  method: string
  url: string
  cause?: unknown
}

/** No response was received: DNS, refused or reset connections, TLS failures (`NETWORK_ERROR`). */
export class ConnectionError extends ContoError {
  override name = 'ConnectionError'

  constructor(options: ConnectionErrorOptions, shortMessage?: string, code = 'NETWORK_ERROR') {
    super(shortMessage ?? 'Could not reach the Conto API.', {
      code,
      status: 0,
      details: [
        `Request: ${options.method} ${options.url}`,
        ...(options.cause instanceof Error ? [`Cause: ${options.cause.message}`] : []),
      ],
      ...('cause' in options ? { cause: options.cause } : {}),
    })
  }
}

/** The client gave up waiting for a response (`TIMEOUT`). Raise `timeoutMs` for slow calls. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError'
  /** The per-attempt timeout that expired. */
  readonly timeoutMs: number

  constructor(options: ConnectionErrorOptions & { timeoutMs: number }) {
    super(
      { method: options.method, url: options.url },
      `The Conto API did not answer within ${options.timeoutMs} ms.`,
      'TIMEOUT',
    )
    this.timeoutMs = options.timeoutMs
  }
}

/** What a {@link ResponseValidationError} is built from. */
export interface ResponseValidationErrorOptions {
  status: number
  requestId?: string | undefined
  details?: readonly string[] | undefined
  issues?: readonly { path: readonly PropertyKey[]; message: string }[] | undefined
  cause?: unknown
}

/**
 * A 2xx response whose body is not valid JSON or does not match the expected schema (code
 * `INVALID_RESPONSE`). Usually a proxy in the way, or a server newer than this client that changed
 * a field in a breaking way; `cause` holds the parse error.
 */
export class ResponseValidationError extends ContoError {
  override name = 'ResponseValidationError'
  /** The schema problems, when the body was JSON of the wrong shape. */
  readonly issues: ValidationIssue[]

  constructor(shortMessage: string, options: ResponseValidationErrorOptions) {
    const issues = (options.issues ?? []).map((issue) => ({
      path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
      message: issue.message,
    }))
    super(shortMessage, {
      code: 'INVALID_RESPONSE',
      status: options.status,
      requestId: options.requestId,
      details: [
        ...(options.details ?? []),
        ...issues.map((issue) => `- ${formatPath(issue.path)}: ${issue.message}`),
      ],
      ...('cause' in options ? { cause: options.cause } : {}),
    })
    this.issues = issues
  }
}

/** Why a webhook delivery was rejected. */
export type WebhookVerificationFailure =
  | 'INVALID_BODY'
  | 'INVALID_SECRET'
  | 'MISSING_SIGNATURE'
  | 'INVALID_SIGNATURE'
  | 'TIMESTAMP_OUT_OF_TOLERANCE'
  | 'INVALID_PAYLOAD'

/**
 * `verifyWebhook()` rejected a delivery (code `WEBHOOK_VERIFICATION_FAILED`); `reason` says why.
 * Answer such a request with 400 and do not act on it.
 */
export class WebhookVerificationError extends ContoError {
  override name = 'WebhookVerificationError'
  readonly reason: WebhookVerificationFailure

  constructor(
    reason: WebhookVerificationFailure,
    shortMessage: string,
    options: { details?: readonly string[]; cause?: unknown } = {},
  ) {
    super(shortMessage, {
      code: 'WEBHOOK_VERIFICATION_FAILED',
      status: 0,
      details: options.details,
      ...('cause' in options ? { cause: options.cause } : {}),
    })
    this.reason = reason
  }
}

/**
 * `true` for every error the Conto clients throw, including errors from another copy of this
 * package in the same app.
 *
 * @example
 * ```ts
 * if (isContoError(error)) console.log(error.code, error.status, error.requestId)
 * ```
 */
export function isContoError(error: unknown): error is ContoError {
  return (
    error instanceof ContoError ||
    (typeof error === 'object' && error !== null && contoErrorBrand in error)
  )
}

/**
 * `true` when the server answered with an error response (a {@link ContoApiError} or subclass).
 *
 * @example
 * ```ts
 * if (isContoApiError(error) && error.status === 404) return undefined
 * ```
 */
export function isContoApiError(error: unknown): error is ContoApiError {
  return isContoError(error) && 'headers' in error && 'body' in error && error.status > 0
}

/** The class for a status: the table users branch on with `instanceof`. */
function classForStatus(status: number, code: string): typeof ContoApiError {
  if (status === 400) return code === 'VALIDATION_ERROR' ? ValidationError : ContoApiError
  if (status === 401) return AuthenticationError
  if (status === 403) return PermissionDeniedError
  if (status === 404) return NotFoundError
  if (status === 409) return ConflictError
  if (status === 429) return RateLimitError
  if (status >= 500) return InternalServerError
  return ContoApiError
}

// The code of an error response that is not the JSON envelope (an HTML page from a proxy, say).
function fallbackCodeFor(status: number): string {
  if (status === 401) return 'AUTH_FAILED'
  if (status === 403) return 'FORBIDDEN'
  if (status === 404) return 'NOT_FOUND'
  if (status === 409) return 'CONFLICT'
  if (status === 429) return 'RATE_LIMITED'
  if (status === 501) return 'NOT_IMPLEMENTED'
  if (status >= 500) return 'INTERNAL_ERROR'
  return 'HTTP_ERROR'
}

/** What {@link createContoApiError} needs from an error response. */
export interface CreateContoApiErrorParams {
  status: number
  headers: Headers
  /** The response body as text (it may be JSON, HTML or empty). */
  bodyText: string
  method?: string | undefined
  /** Path or URL of the request, shown in the message. */
  url?: string | undefined
}

/**
 * Builds the error for a non-2xx response. The class is chosen by the body's `code` first (through
 * `statusByErrorCode`) and by the HTTP status second, so a code added to the server later still
 * lands in the right class; an HTML or malformed body still yields a {@link ContoApiError} with the
 * status and a clear message.
 *
 * @example
 * ```ts
 * const error = createContoApiError({ status: 429, headers: response.headers, bodyText: await response.text() })
 * error instanceof RateLimitError // true
 * ```
 */
export function createContoApiError(params: CreateContoApiErrorParams): ContoApiError {
  const { status, headers, bodyText } = params
  const headerRequestId = headers.get('request-id') ?? headers.get('x-request-id') ?? undefined
  const request = params.method && params.url ? `${params.method} ${params.url}` : undefined

  let json: unknown
  let jsonError: unknown
  try {
    json = bodyText === '' ? undefined : JSON.parse(bodyText)
  } catch (error) {
    jsonError = error
  }
  const envelope = errorResponseSchema.safeParse(json)

  if (envelope.success) {
    const body = envelope.data
    const { code } = body
    const requestId = headerRequestId ?? body.requestId
    const knownStatus = isErrorCode(code) ? statusByErrorCode[code] : 0
    const ErrorClass = classForStatus(knownStatus > 0 ? knownStatus : status, code)
    const details: string[] = []
    if (request) details.push(`Request: ${request} → ${status} ${code}`)
    for (const issue of body.issues ?? []) {
      details.push(`- ${formatPath(issue.path)}: ${issue.message}`)
    }
    const retryAfterMs = retryAfterMsOf(headers, body)
    if (status === 429 && retryAfterMs !== undefined) {
      details.push(`Retry after: ${Math.ceil(retryAfterMs / 1000)} s`)
    }
    return new ErrorClass({
      status,
      code,
      message: body.error,
      requestId,
      headers,
      body: json,
      details,
    })
  }

  const code = fallbackCodeFor(status)
  const ErrorClass = classForStatus(isErrorCode(code) ? statusByErrorCode[code] : status, code)
  const kind = describeBody(bodyText, headers, jsonError)
  const details: string[] = []
  if (request) details.push(`Request: ${request} → ${status}`)
  details.push(`Body: ${kind}`)
  const excerpt = excerptOf(bodyText)
  if (excerpt) details.push(`Excerpt: ${excerpt}`)
  return new ErrorClass({
    status,
    code,
    message: `The Conto API answered ${status} without a JSON error body.`,
    requestId: headerRequestId,
    headers,
    body: json ?? bodyText,
    details,
    ...(jsonError === undefined ? {} : { cause: jsonError }),
  })
}

function formatPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(body)' : path.join('.')
}

function issuesOf(body: unknown): ValidationIssue[] {
  return arrayField<ValidationIssue>(body, 'issues') ?? []
}

/** `body[name]` when the body is an object and that field is an array; else `undefined`. */
function arrayField<T>(body: unknown, name: string): T[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const value = (body as Record<string, unknown>)[name]
  return Array.isArray(value) ? (value as T[]) : undefined
}

/** The documented `retryAfter` in seconds: the body's field first, then the headers. */
function retryAfterSecondsOf(headers: Headers, body: unknown): number | undefined {
  const seconds = (body as { retryAfter?: unknown } | undefined)?.retryAfter
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return Math.max(0, seconds)
  const fromHeaders = retryAfterMsFromHeaders(headers)
  return fromHeaders === undefined ? undefined : Math.max(0, Math.ceil(fromHeaders / 1000))
}

/** The wait the server asked for, unbounded (the retry loop applies its own 0–60 s window). */
function retryAfterMsOf(headers: Headers, body: unknown): number | undefined {
  const fromHeaders = retryAfterMsFromHeaders(headers)
  if (fromHeaders !== undefined) return fromHeaders
  const seconds = (body as { retryAfter?: unknown } | undefined)?.retryAfter
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined
}

function describeBody(text: string, headers: Headers, jsonError: unknown): string {
  if (text.trim() === '') return 'empty'
  const contentType = headers.get('content-type') ?? ''
  if (contentType.includes('html') || /^\s*</.test(text)) {
    return 'an HTML page, not JSON (often a proxy, gateway or load balancer in front of the API)'
  }
  if (jsonError !== undefined) return `not valid JSON (${contentType || 'no content-type'})`
  return 'JSON without the { error, code } envelope'
}

function excerptOf(text: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
  const source = title ? title : text.replace(/<[^>]*>/g, ' ')
  const collapsed = source.replace(/\s+/g, ' ').trim()
  if (collapsed === '') return undefined
  return collapsed.length > 120 ? `${collapsed.slice(0, 120)}…` : collapsed
}
