import {
  APIPromise,
  ContoError,
  createPage,
  type PageParams,
  type PagePromise,
  type RequestOptions,
  type ResponseSchema,
  type Transport,
} from '@conto/client-core'
import type { EndpointDefinition } from '@conto/schemas'

/**
 * The one place the admin client turns a registry entry into an HTTP call: the method, the path
 * template, the query and body, and the response schema all come from the entry, so a method can
 * never drift from the server. Types come from the entry's schemas through their Standard Schema
 * types (`~standard.types`), which for zod are exactly `z.input` and `z.output`, without this
 * package importing zod.
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
 * await admin.agents.retrieve(agentId, { timeoutMs: 5_000, signal: controller.signal })
 * ```
 */
export interface CallOptions {
  /** Per-attempt timeout in milliseconds (client default 30 000). */
  timeoutMs?: number | undefined
  /** Retries after the first attempt (client default 2). */
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
 * Public endpoints (no key kinds) are called without the `Authorization` header, so the
 * organization key is never sent where it is not needed.
 */
export function callEndpoint<TEndpoint extends AnyEndpoint>(
  transport: Transport,
  endpoint: TEndpoint,
  input: EndpointInput<TEndpoint>,
  options?: CallOptions,
): APIPromise<ResultOf<TEndpoint>> {
  let path: string
  try {
    path = fillPath(endpoint, input.params as Record<string, unknown> | undefined)
  } catch (error) {
    const failed = Promise.reject(error)
    return new APIPromise<ResultOf<TEndpoint>>(failed, () => failed)
  }
  const isPublic = endpoint.keyKinds.length === 0
  return transport.request<ResultOf<TEndpoint>>({
    ...options,
    method: endpoint.method,
    path,
    query: input.query as RequestOptions['query'],
    body: endpoint.body ? (input.body ?? {}) : undefined,
    headers: isPublic ? { authorization: null, ...options?.headers } : options?.headers,
    schema: endpoint.response as ResponseSchema<ResultOf<TEndpoint>>,
  })
}

/**
 * Calls a list endpoint and returns a page you can await, walk with `for await` (the next pages
 * are fetched from the offset after the last item), or collect with `toArray({ limit })`.
 */
export function listEndpoint<TEndpoint extends AnyEndpoint, TItem>(
  transport: Transport,
  endpoint: TEndpoint,
  input: EndpointInput<TEndpoint> & { query?: PageParams | undefined },
  items: (response: ResultOf<TEndpoint>) => readonly TItem[],
  options?: CallOptions,
): PagePromise<TItem, ResultOf<TEndpoint>> {
  const query = (input.query ?? {}) as PageParams & Record<string, unknown>
  return createPage<TItem, ResultOf<TEndpoint>>({
    params: { limit: query.limit, offset: query.offset },
    fetchPage: (page) =>
      callEndpoint(
        transport,
        endpoint,
        {
          ...input,
          query: {
            ...query,
            ...(page.limit === undefined ? {} : { limit: page.limit }),
            offset: page.offset,
          } as QueryOf<TEndpoint>,
        },
        options,
      ),
    items,
  })
}

function fillPath(endpoint: AnyEndpoint, params: Record<string, unknown> | undefined): string {
  return endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name]
    if (typeof value !== 'string' || value.trim() === '') {
      // An empty id would silently call another route (`GET /api/agents/` is the list).
      throw new ContoError(`${name} must be a non-empty string (got ${describe(value)}).`, {
        code: 'VALIDATION_ERROR',
        status: 0,
        details: [`Request: ${endpoint.method} ${endpoint.path}`],
      })
    }
    return encodeURIComponent(value)
  })
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null) return 'null'
  return typeof value
}
