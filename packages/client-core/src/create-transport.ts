import { defaults } from '@conto/schemas'
import { APIPromise, type RawResponse } from './api-promise.js'
import {
  ConnectionError,
  createContoApiError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js'
import { readEnv } from './internal/read-env.js'
import { containsSecret, redactHeaders, redactText, redactValue } from './internal/redact.js'
import {
  consoleLogger,
  createLevelLogger,
  type Logger,
  type LogLevel,
  resolveLogLevel,
} from './logger.js'
import { DEFAULT_MAX_RETRIES, retryDelayMs, shouldRetry, sleep } from './retry.js'
import { PACKAGE_ID } from './version.js'

/** The HTTP methods the Conto API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A query parameter value; `undefined` and `null` are left out, arrays repeat the key. */
export type QueryValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly (string | number | boolean)[]

/**
 * The `fetch` the transport calls: the global `fetch`, a wrapped one, or an in-process server's
 * handler such as Hono's `app.fetch` (the seam the msw and contract tests use).
 */
export type FetchFunction = (request: Request, init?: RequestInit) => Promise<Response> | Response

/** Extra `fetch` options for every request (for example undici's `dispatcher`, or `keepalive`). */
export type FetchOptions = Omit<
  RequestInit,
  'method' | 'headers' | 'body' | 'signal' | 'window'
> & {
  [option: string]: unknown
}

/**
 * Anything with zod's `safeParse`: a zod 3 or 4 schema, or a hand-written parser.
 * The parsed `data` becomes the call's result type.
 */
export interface ResponseSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } }
}

/** Passed to `onRequest` before every attempt. The `authorization` header is redacted. */
export interface RequestEvent {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number
  idempotencyKey: string | undefined
}

/** Passed to `onResponse` when an attempt receives a response (any status). */
export interface ResponseEvent {
  method: HttpMethod
  url: string
  status: number
  headers: Headers
  requestId: string | undefined
  attempt: number
  /** Milliseconds from sending the attempt to receiving the response headers. */
  elapsedMs: number
  /** `true` when this response will be retried. */
  willRetry: boolean
}

/** Options of {@link createTransport}; every one is optional. */
export interface TransportOptions {
  /** Sent as `Authorization: Bearer <apiKey>`; never logged and never put in an error. */
  apiKey?: string | undefined
  /** Default `CONTO_BASE_URL`, else `CONTO_API_URL`, else `https://conto.finance`. */
  baseUrl?: string | undefined
  /** Per-attempt timeout in milliseconds; default 30 000. Can be overridden per call. */
  timeoutMs?: number | undefined
  /**
   * Retries after the first attempt; default 3. Can be overridden per call. Waits 1 s, 2 s, 4 s, …
   * (capped at 10 s, less up to 25 % jitter) unless the server asks for a wait within 0–60 s.
   */
  maxRetries?: number | undefined
  /** The `fetch` to call; default the global `fetch`, looked up at call time. */
  fetch?: FetchFunction | undefined
  /** Extra `fetch` options for every request. */
  fetchOptions?: FetchOptions | undefined
  /** Headers sent with every request; `null` removes a default header. */
  defaultHeaders?: Record<string, string | null | undefined> | undefined
  /** Where log lines go; default `console`. */
  logger?: Logger | undefined
  /** Default `CONTO_LOG`, else `warn`. Requests and responses are logged at `debug`, retries at `info`. */
  logLevel?: LogLevel | undefined
  /** Called before every attempt (errors thrown by the hook are logged and ignored). */
  onRequest?: ((event: RequestEvent) => void) | undefined
  /** Called when an attempt receives a response (errors thrown by the hook are logged and ignored). */
  onResponse?: ((event: ResponseEvent) => void) | undefined
  /** Identifies the client package in `x-conto-client`, e.g. `@conto/sdk@1.0.0`. */
  clientInfo?: string | undefined
}

/** One call: what to send, and per-call overrides of the transport options. */
export interface RequestOptions<T = unknown> {
  method: HttpMethod
  /** Path under the base URL, e.g. `/api/sdk/payments/request`. */
  path: string
  query?: Record<string, QueryValue> | undefined
  /** Sent as JSON. */
  body?: unknown
  /** Extra headers for this call; `null` removes a default header. */
  headers?: Record<string, string | null | undefined> | undefined
  /** The `Idempotency-Key`; POST and DELETE get a UUID v4 when it is omitted. */
  idempotencyKey?: string | undefined
  timeoutMs?: number | undefined
  maxRetries?: number | undefined
  /** Aborts the call, including a retry wait; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** Parses the JSON body; a mismatch throws {@link ResponseValidationError}. */
  schema?: ResponseSchema<T> | undefined
}

/** What {@link createTransport} returns. */
export interface Transport {
  /**
   * Sends one call with retries, timeout and idempotency key, and returns its parsed body.
   *
   * @throws {ContoApiError} (or a subclass) on a non-2xx response, after the retries.
   * @throws {ConnectionError} when no response arrived; {@link TimeoutError} on timeout.
   * @throws {ResponseValidationError} when the body is not JSON or does not match `schema`.
   */
  request<T = unknown>(options: RequestOptions<T>): APIPromise<T>
  /** The base URL every path is appended to, without a trailing slash. */
  readonly baseUrl: string
  readonly timeoutMs: number
  readonly maxRetries: number
}

const IDEMPOTENT_KEYED_METHODS = new Set<HttpMethod>(['POST', 'DELETE'])

/**
 * Creates the HTTP transport the Conto clients share: base URL, Bearer auth, per-attempt timeout,
 * up to 3 retries by default with backoff 1 s, 2 s, 4 s, … capped at 10 s (connection errors,
 * timeouts, 408, 409, 429, 5xx; `x-should-retry`; `retry-after-ms` / `Retry-After` within
 * 0–60 s), an `Idempotency-Key` on every POST and DELETE reused across its retries, request ids,
 * logging and hooks.
 *
 * @example
 * ```ts
 * const transport = createTransport({ apiKey: process.env.CONTO_API_KEY })
 * const agent = await transport.request({ method: 'GET', path: '/api/sdk/agent' })
 * ```
 * @throws {RangeError} when `timeoutMs` or `maxRetries` is not a valid number.
 * @throws {TypeError} when `baseUrl` is not an absolute http(s) URL.
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const apiKey = options.apiKey
  const baseUrl = normaliseBaseUrl(
    options.baseUrl ?? readEnv('CONTO_BASE_URL') ?? readEnv('CONTO_API_URL') ?? defaults.baseUrl,
  )
  const timeoutMs = checkTimeout(options.timeoutMs ?? defaults.requestTimeoutMs)
  const maxRetries = checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES)
  const scrub = <T>(value: T): T => redactValue(value, apiKey)
  const baseLogger = options.logger ?? consoleLogger
  const logLevel = resolveLogLevel(options.logLevel, baseLogger)
  const log = createLevelLogger(baseLogger, logLevel, scrub)
  const userFetch = options.fetch
  const { onRequest, onResponse } = options

  const baseHeaders = mergeHeaders(
    {
      accept: 'application/json',
      'x-conto-client': options.clientInfo ? `${options.clientInfo} ${PACKAGE_ID}` : PACKAGE_ID,
    },
    options.defaultHeaders,
  )
  if (apiKey) baseHeaders['authorization'] = `Bearer ${apiKey}`

  const { requestInit, fetchExtras } = splitFetchOptions(options.fetchOptions)
  const fetchImpl: FetchFunction =
    userFetch ?? ((request, extra) => globalThis.fetch(request, extra))

  const callHook = <E>(name: string, hook: ((event: E) => void) | undefined, event: E) => {
    if (!hook) return
    try {
      hook(event)
    } catch (error) {
      log.error(`[conto] the ${name} hook threw; the request goes on`, error)
    }
  }

  async function execute(call: RequestOptions<unknown>): Promise<RawResponse> {
    const method = call.method.toUpperCase() as HttpMethod
    const url = buildUrl(baseUrl, call.path, call.query)
    const attemptTimeoutMs = checkTimeout(call.timeoutMs ?? timeoutMs)
    const retries = checkMaxRetries(call.maxRetries ?? maxRetries)
    const { signal } = call
    const idempotencyKey =
      call.idempotencyKey ??
      (IDEMPOTENT_KEYED_METHODS.has(method) ? globalThis.crypto.randomUUID() : undefined)
    const body = call.body === undefined ? undefined : JSON.stringify(call.body)
    const headers = mergeHeaders({ ...baseHeaders }, call.headers)
    if (body !== undefined) headers['content-type'] ??= 'application/json'
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey
    // Only hooks and debug logs show headers; skip the copy on the hot path otherwise.
    const safeHeaders = onRequest || logLevel === 'debug' ? redactHeaders(headers, apiKey) : {}

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted()
      const canRetry = attempt <= retries
      callHook('onRequest', onRequest, {
        method,
        url,
        headers: safeHeaders,
        attempt,
        idempotencyKey,
      })
      if (logLevel === 'debug') {
        log.debug(`[conto] → ${method} ${url} (attempt ${attempt} of ${retries + 1})`, {
          headers: safeHeaders,
        })
      }

      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, attemptTimeoutMs)
      const onUserAbort = () => controller.abort(signal?.reason)
      signal?.addEventListener('abort', onUserAbort, { once: true })
      const settle = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onUserAbort)
      }
      const startedAt = Date.now()

      let response: Response
      try {
        const request = new Request(url, {
          ...requestInit,
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: controller.signal,
        })
        response = await raceAbort(
          Promise.resolve(fetchExtras ? fetchImpl(request, fetchExtras) : fetchImpl(request)),
          controller.signal,
        )
      } catch (error) {
        settle()
        if (signal?.aborted) throw signal.reason
        const failure = timedOut
          ? new TimeoutError({ method, url, timeoutMs: attemptTimeoutMs })
          : new ConnectionError({ method, url, cause: error })
        if (!canRetry) throw failure
        const delay = retryDelayMs(attempt - 1)
        log.info(
          `[conto] retrying ${method} ${url} in ${Math.round(delay)} ms after ${
            timedOut ? 'a timeout' : 'a connection error'
          } (retry ${attempt} of ${retries})`,
        )
        await sleep(delay, signal)
        continue
      }

      const elapsedMs = Date.now() - startedAt
      const requestId = requestIdOf(response.headers)
      const willRetry = !response.ok && canRetry && shouldRetry(response)
      log.debug(
        `[conto] ← ${response.status} ${method} ${url} in ${elapsedMs} ms${
          requestId ? ` (request-id ${requestId})` : ''
        }`,
      )
      callHook('onResponse', onResponse, {
        method,
        url,
        status: response.status,
        headers: response.headers,
        requestId,
        attempt,
        elapsedMs,
        willRetry,
      })

      if (response.ok) {
        settle()
        return { response, requestId }
      }
      if (willRetry) {
        settle()
        response.body?.cancel().catch(() => {})
        const delay = retryDelayMs(attempt - 1, response.headers)
        log.info(
          `[conto] retrying ${method} ${url} in ${Math.round(delay)} ms after ${response.status} (retry ${attempt} of ${retries})`,
        )
        await sleep(delay, signal)
        continue
      }

      let bodyText = ''
      try {
        bodyText = await raceAbort(response.text(), controller.signal)
      } catch {
        if (signal?.aborted) {
          settle()
          throw signal.reason
        }
      }
      settle()
      if (containsSecret(bodyText, apiKey)) bodyText = redactText(bodyText, apiKey)
      throw createContoApiError({
        status: response.status,
        headers: response.headers,
        bodyText,
        method,
        url,
      })
    }
  }

  return {
    baseUrl,
    timeoutMs,
    maxRetries,
    request<T = unknown>(call: RequestOptions<T>): APIPromise<T> {
      return new APIPromise<T>(execute(call as RequestOptions<unknown>), (result) =>
        parseBody(result, call.method, call.schema, apiKey),
      )
    },
  }
}

async function parseBody<T>(
  raw: RawResponse,
  method: HttpMethod,
  schema: ResponseSchema<T> | undefined,
  apiKey: string | undefined,
): Promise<T> {
  const { response, requestId } = raw
  if (response.status === 204 || response.status === 205) return undefined as T
  const text = await response.text()
  if (text === '' && !schema) return undefined as T
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch (cause) {
    const excerpt = redactText(text.slice(0, 120).replace(/\s+/g, ' ').trim(), apiKey)
    throw new ResponseValidationError('The Conto API returned a body that is not valid JSON.', {
      status: response.status,
      requestId,
      details: [
        `Request: ${method} ${response.url || '(in-process)'} → ${response.status}`,
        `Content-Type: ${response.headers.get('content-type') ?? '(none)'}`,
        ...(excerpt ? [`Excerpt: ${excerpt}`] : []),
      ],
      cause,
    })
  }
  if (!schema) return json as T
  const result = schema.safeParse(json)
  if (result.success) return result.data
  throw new ResponseValidationError(
    'The Conto API returned a body this client does not understand.',
    {
      status: response.status,
      requestId,
      details: [`Request: ${method} ${response.url || '(in-process)'} → ${response.status}`],
      issues: result.error.issues,
      cause: result.error,
    },
  )
}

/** The `RequestInit` options the `Request` constructor applies itself. */
const REQUEST_INIT_OPTIONS = new Set([
  'mode',
  'credentials',
  'cache',
  'redirect',
  'referrer',
  'referrerPolicy',
  'integrity',
  'keepalive',
  'duplex',
])

/**
 * Splits `fetchOptions` into what goes into the `Request` (`keepalive`, `credentials`, …) and
 * what only `fetch` itself understands (undici's `dispatcher`, `priority`, Next.js's `next`),
 * passed as its second argument; `undefined` when there is none, so `fetch(request)` is called
 * with the request alone.
 */
function splitFetchOptions(fetchOptions: FetchOptions | undefined): {
  requestInit: RequestInit
  fetchExtras: RequestInit | undefined
} {
  const requestInit: Record<string, unknown> = {}
  const extras: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fetchOptions ?? {})) {
    if (REQUEST_INIT_OPTIONS.has(name)) requestInit[name] = value
    else extras[name] = value
  }
  return {
    requestInit: requestInit as RequestInit,
    fetchExtras: Object.keys(extras).length > 0 ? (extras as RequestInit) : undefined,
  }
}

/** Rejects as soon as the signal aborts, even when the `fetch` in use ignores the signal. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => {})
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      promise.catch(() => {})
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('request-id') ?? headers.get('x-request-id') ?? undefined
}

function mergeHeaders(
  target: Record<string, string>,
  extra: Record<string, string | null | undefined> | undefined,
): Record<string, string> {
  for (const [name, value] of Object.entries(extra ?? {})) {
    const key = name.toLowerCase()
    if (value === null) delete target[key]
    else if (value !== undefined) target[key] = value
  }
  return target
}

function normaliseBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch (cause) {
    throw new TypeError(`baseUrl must be an absolute URL such as ${defaults.baseUrl}`, { cause })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an http(s) URL such as ${defaults.baseUrl}`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const url = new URL(baseUrl + (path.startsWith('/') ? path : `/${path}`))
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) {
      url.searchParams.append(name, item instanceof Date ? item.toISOString() : String(item))
    }
  }
  return url.toString()
}

function checkTimeout(value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${value}`)
  }
  return value
}

function checkMaxRetries(value: number): number {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new RangeError(`maxRetries must be a whole number ≥ 0, got ${value}`)
  }
  return value
}
