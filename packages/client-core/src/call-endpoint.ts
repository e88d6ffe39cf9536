import type { EndpointDefinition } from '@conto/schemas'
import { APIPromise } from './api-promise.js'
import type { RequestOptions, ResponseSchema, Transport } from './create-transport.js'
import { ContoError } from './errors.js'
import { createPage, type PagePromise } from './pagination.js'

/**
 * The one place a client turns an `@conto/schemas` registry entry into an HTTP call: the method,
 * the path template, the query and body, and the response schema all come from the entry, so a
 * method can never drift from the server. Types come from the entry's schemas through their
 * Standard Schema types (`~standard.types`), which for zod are exactly `z.input` and `z.output`,
 * without this package importing zod.
 */

/** Any entry of the endpoint registry. */
export type AnyEndpoint = EndpointDefinition

type StandardTypes<TSchema> = TSchema extends { readonly '~standard': { readonly types?: infer T } }
  ? NonNullable<T>
  : never

type InputOf<TSchema> = StandardTypes<TSchema> extends { readonly input: infer I } ? I : unknown
type OutputOf<TSchema> = StandardTypes<TSchema> extends { readonly output: infer O } ? O : unknown

/** The path parameters an endpoint takes (`z.input` of its `params` schema). */
export type ParamsOf<TEndpoint extends AnyEndpoint> = InputOf<NonNullable<TEndpoint['params']>>
/** The query an endpoint takes (`z.input` of its `query` schema). */
export type QueryOf<TEndpoint extends AnyEndpoint> = InputOf<NonNullable<TEndpoint['query']>>
/** The body an endpoint takes (`z.input` of its `body` schema). */
export type BodyOf<TEndpoint extends AnyEndpoint> = InputOf<NonNullable<TEndpoint['body']>>
/** What an endpoint returns (`z.infer` of its `response` schema). */
export type ResultOf<TEndpoint extends AnyEndpoint> = OutputOf<TEndpoint['response']>

/**
 * Options every method takes as its last argument; each overrides the client's setting for this
 * one call.
 *
 * @example
 * ```ts
 * const controller = new AbortController()
 * await client.wallets.list({}, { timeoutMs: 5_000, signal: controller.signal })
 * ```
 */
export interface CallOptions {
  /** Per-attempt timeout in milliseconds (client default 30 000). */
  timeoutMs?: number | undefined
  /** Retries after the first attempt (client default 3). `payments.execute()` ignores it. */
  maxRetries?: number | undefined
  /** Aborts the call, including a retry wait; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** The `Idempotency-Key` of a POST or DELETE (a UUID v4 by default), reused across its retries. */
  idempotencyKey?: string | undefined
  /** Extra headers for this call; `null` removes a default header. */
  headers?: Record<string, string | null | undefined> | undefined
}

/** What one call sends, typed by the endpoint it goes to. */
export interface EndpointInput<TEndpoint extends AnyEndpoint> {
  params?: ParamsOf<TEndpoint> | undefined
  query?: QueryOf<TEndpoint> | undefined
  body?: BodyOf<TEndpoint> | undefined
}

/**
 * Calls one endpoint: fills the path template, sends the query and JSON body (`{}` when the
 * endpoint takes a body and none was given), and parses the response with the entry's schema.
 * Public endpoints (no key kinds) are called without the `Authorization` header, so the key is
 * never sent where it is not needed. A missing or blank path parameter rejects the returned
 * promise with a `VALIDATION_ERROR` before any request.
 */
export function callEndpoint<TEndpoint extends AnyEndpoint>(
  transport: Transport,
  endpoint: TEndpoint,
  input: EndpointInput<TEndpoint> = {},
  options: CallOptions = {},
): APIPromise<ResultOf<TEndpoint>> {
  let path: string
  try {
    path = buildPath(endpoint, input.params as Record<string, unknown> | undefined)
  } catch (error) {
    const failed = Promise.reject(error)
    return new APIPromise<ResultOf<TEndpoint>>(failed, () => failed)
  }
  const isPublic = endpoint.keyKinds.length === 0
  return transport.request<ResultOf<TEndpoint>>({
    method: endpoint.method,
    path,
    query: input.query as RequestOptions['query'],
    body: endpoint.body ? (input.body ?? {}) : undefined,
    schema: endpoint.response as ResponseSchema<ResultOf<TEndpoint>>,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    signal: options.signal,
    idempotencyKey: options.idempotencyKey,
    headers: isPublic ? { authorization: null, ...options.headers } : options.headers,
  })
}

/**
 * Calls a `limit`/`offset` list endpoint and returns a page you can await, walk with `for await`
 * (the next pages are fetched from the offset after the last item, keeping the other filters), or
 * collect with `toArray({ limit })`.
 */
export function listEndpoint<TEndpoint extends AnyEndpoint, TItem>(
  transport: Transport,
  endpoint: TEndpoint,
  input: EndpointInput<TEndpoint>,
  items: (response: ResultOf<TEndpoint>) => readonly TItem[],
  options: CallOptions = {},
): PagePromise<TItem, ResultOf<TEndpoint>> {
  const filters = (input.query ?? {}) as Record<string, unknown>
  return createPage<TItem, ResultOf<TEndpoint>>({
    params: { limit: toCount(filters['limit']), offset: toCount(filters['offset']) },
    fetchPage: (page) =>
      callEndpoint(
        transport,
        endpoint,
        {
          ...input,
          query: {
            ...filters,
            ...(page.limit === undefined ? {} : { limit: page.limit }),
            offset: page.offset,
          } as QueryOf<TEndpoint>,
        },
        options,
      ),
    items,
  })
}

/**
 * Fills a path template (`/api/sdk/payments/{requestId}/execute`) with URI-encoded parameters.
 * Throws a `VALIDATION_ERROR` (status 400) for a missing or blank parameter: an empty id would
 * silently call another route (`GET /api/agents/` is the list).
 */
export function buildPath(
  endpoint: AnyEndpoint,
  params: Record<string, unknown> | undefined = {},
): string {
  return endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name]
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ContoError(
        `${name} must be a non-empty string, got ${describe(value)} (${endpoint.method} ${endpoint.path}).`,
        { code: 'VALIDATION_ERROR', status: 400 },
      )
    }
    return encodeURIComponent(value)
  })
}

function toCount(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  return Number(value)
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a blank string'
  return value === null ? 'null' : typeof value
}
