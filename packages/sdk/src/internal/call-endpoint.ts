import {
  type APIPromise,
  ContoError,
  createPage,
  type PagePromise,
  type QueryValue,
  type ResponseSchema,
  type Transport,
} from '@conto/client-core'
import type { EndpointDefinition } from '@conto/schemas'
import type { z } from 'zod'
import type { CallOptions } from '../call-options.js'

/**
 * Every method of `Conto` is built from its entry in the `@conto/schemas` endpoint registry:
 * the method and path template come from the entry, and the result is parsed with its response
 * schema, so the client cannot drift from the server. Bodies and queries are typed with the
 * entry's `z.input` and are validated by the server, whose `VALIDATION_ERROR` lists every issue.
 */

// biome-ignore lint/suspicious/noExplicitAny: any registry entry, whatever its schemas.
export type AnyEndpoint = EndpointDefinition<any, any, any, any, string>

/** What a successful call of the endpoint resolves to. */
export type ResultOf<TEndpoint extends AnyEndpoint> = z.output<TEndpoint['response']>

/** The JSON body the endpoint takes, as the caller writes it. */
export type BodyOf<TEndpoint extends AnyEndpoint> = z.input<NonNullable<TEndpoint['body']>>

/** The query the endpoint takes, as the caller writes it. */
export type QueryOf<TEndpoint extends AnyEndpoint> = z.input<NonNullable<TEndpoint['query']>>

/** One call: path parameters by placeholder name, the query and the body. */
export interface EndpointCall<TEndpoint extends AnyEndpoint> {
  params?: Record<string, string>
  query?: QueryOf<TEndpoint> | undefined
  body?: BodyOf<TEndpoint> | undefined
}

/** Sends one call of a registry endpoint through the transport and parses its response. */
export function callEndpoint<TEndpoint extends AnyEndpoint>(
  transport: Transport,
  endpoint: TEndpoint,
  call: EndpointCall<TEndpoint> = {},
  options: CallOptions = {},
): APIPromise<ResultOf<TEndpoint>> {
  return transport.request<ResultOf<TEndpoint>>({
    method: endpoint.method,
    path: buildPath(endpoint, call.params),
    query: call.query as Record<string, QueryValue> | undefined,
    body: call.body,
    schema: endpoint.response as ResponseSchema<ResultOf<TEndpoint>>,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    signal: options.signal,
    idempotencyKey: options.idempotencyKey,
    headers: options.headers,
  })
}

/**
 * Lists a `limit`/`offset` endpoint: the returned page can be awaited, walked with `for await`
 * across every page, or collected with `toArray({ limit })`.
 */
export function listEndpoint<TEndpoint extends AnyEndpoint, TItem>(
  transport: Transport,
  endpoint: TEndpoint,
  query: QueryOf<TEndpoint> | undefined,
  items: (body: ResultOf<TEndpoint>) => readonly TItem[],
  options: CallOptions = {},
): PagePromise<TItem, ResultOf<TEndpoint>> {
  const filters = (query ?? {}) as Record<string, unknown>
  return createPage({
    params: { limit: toCount(filters['limit']), offset: toCount(filters['offset']) },
    fetchPage: (page) =>
      callEndpoint(
        transport,
        endpoint,
        { query: { ...filters, ...definedOnly(page) } as QueryOf<TEndpoint> },
        options,
      ),
    items,
  })
}

/** Fills a path template (`/api/sdk/payments/{requestId}/execute`) with encoded parameters. */
export function buildPath(endpoint: AnyEndpoint, params: Record<string, string> = {}): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value: unknown = params[name]
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

function definedOnly(page: { limit: number | undefined; offset: number }) {
  return page.limit === undefined ? { offset: page.offset } : page
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a blank string'
  return value === null ? 'null' : typeof value
}
