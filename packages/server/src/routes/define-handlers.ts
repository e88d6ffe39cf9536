import type { RegisteredEndpoint } from '@conto/schemas'
import type { z } from 'zod'
import type { Auth, RequestInfo, ServiceDeps } from '../deps.js'

/**
 * Route handlers, keyed by endpoint id. A handler gets the validated params, query and body of
 * its endpoint (typed from the registry's schemas), the caller, and the service deps; it
 * returns the response body (or `respond(status, body)` for a non-default status).
 */
export type EndpointId = RegisteredEndpoint['id']
export type EndpointById<TId extends EndpointId> = Extract<RegisteredEndpoint, { id: TId }>

/** The parsed value of a declared part; `undefined` when the endpoint has no such part. */
type OutputOf<TSchema> = [NonNullable<TSchema>] extends [z.core.$ZodType]
  ? z.output<NonNullable<TSchema>>
  : undefined

export interface HandlerArgs<TEndpoint extends RegisteredEndpoint> {
  readonly params: OutputOf<TEndpoint['params']>
  readonly query: OutputOf<TEndpoint['query']>
  readonly body: OutputOf<TEndpoint['body']>
  readonly auth: Auth
  readonly deps: ServiceDeps
  readonly request: RequestInfo
}

/** A body with an explicit status (e.g. 200 for an idempotent create that found the resource). */
export interface Responded<TBody> {
  readonly [respondedBrand]: true
  readonly status: 200 | 201 | 202
  readonly body: TBody
}
declare const respondedBrand: unique symbol

type BodyOf<TEndpoint extends RegisteredEndpoint> = z.input<TEndpoint['response']>

export type Handler<TEndpoint extends RegisteredEndpoint> = (
  args: HandlerArgs<TEndpoint>,
) =>
  | BodyOf<TEndpoint>
  | Responded<BodyOf<TEndpoint>>
  | Promise<BodyOf<TEndpoint> | Responded<BodyOf<TEndpoint>>>

export type Handlers = { readonly [TId in EndpointId]?: Handler<EndpointById<TId>> }

/** Declares a group of handlers, checked against their endpoints' schemas. */
export function defineHandlers<const THandlers extends Handlers>(handlers: THandlers): THandlers {
  return handlers
}

export function respond<TBody>(status: 200 | 201 | 202, body: TBody): Responded<TBody> {
  return { status, body, responded: true } as unknown as Responded<TBody>
}

export function isResponded(value: unknown): value is Responded<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { responded?: unknown }).responded === true &&
    'status' in value &&
    'body' in value
  )
}
