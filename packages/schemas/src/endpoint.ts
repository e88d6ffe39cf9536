import type { z } from 'zod/mini'
import type { defaults } from './defaults.js'
import type { ErrorCode } from './errors.js'
import type { Scope } from './scope.js'

/**
 * One entry of the endpoint registry: everything the server needs to mount and guard a route,
 * the OpenAPI generator needs to document it, and the clients need to call it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** `org` = `/api/*` (organization keys); `sdk` = `/api/sdk/*` (agent SDK keys). */
export type Surface = 'org' | 'sdk'

/**
 * Which credentials a route accepts:
 * - `org`: organization API keys (`conto_…`);
 * - `agent`: any agent SDK key (`conto_agent_…`);
 * - `adminAgent`: agent SDK keys of `keyType: "admin"` (on the org routes the spec allows).
 * An empty list means the route is public (no credential).
 */
export type KeyKind = 'org' | 'agent' | 'adminAgent'

/** The sliding-window class a route counts against (see `defaults.rateLimits`), or `none`. */
export type RateLimitClass = keyof typeof defaults.rateLimits | 'none'

export interface EndpointDefinition<
  TParams extends z.ZodMiniType = z.ZodMiniType,
  TQuery extends z.ZodMiniType = z.ZodMiniType,
  TBody extends z.ZodMiniType = z.ZodMiniType,
  TResponse extends z.ZodMiniType = z.ZodMiniType,
  TId extends string = string,
> {
  /** Stable operation id, `<group>.<action>`, e.g. `agents.list`. Also the OpenAPI operationId. */
  readonly id: TId
  readonly method: HttpMethod
  /** OpenAPI-style path with `{param}` placeholders, e.g. `/api/agents/{agentId}`. */
  readonly path: string
  readonly surface: Surface
  readonly keyKinds: readonly KeyKind[]
  /** The caller needs at least one of these scopes; empty = any valid key of an accepted kind. */
  readonly scopes: readonly Scope[]
  readonly rateLimit: RateLimitClass
  /** Path parameters. */
  readonly params?: TParams
  /** Query parameters (values arrive as strings; schemas coerce). */
  readonly query?: TQuery
  /** JSON request body. */
  readonly body?: TBody
  /** The success response body. */
  readonly response: TResponse
  /** HTTP status of the success response. */
  readonly successStatus: 200 | 201 | 202
  /** Error codes this endpoint produces beyond the common ones (auth, scope, validation, 404, 429, 500). */
  readonly errors: readonly ErrorCode[]
  /** Only served in test mode (test clock, funding). */
  readonly testModeOnly?: boolean
  /** OpenAPI tag (§7 #33 names). */
  readonly tag: string
  /** One-line OpenAPI summary. */
  readonly summary: string
  readonly description?: string
}

/** The fields of an endpoint that do not depend on its schemas, so a group can share them. */
export type EndpointFields = Omit<
  EndpointDefinition,
  'id' | 'params' | 'query' | 'body' | 'response'
>

/** The fields of an endpoint that carry its id and schema types. */
interface EndpointSchemas<TParams, TQuery, TBody, TResponse, TId> {
  readonly id: TId
  readonly params?: TParams
  readonly query?: TQuery
  readonly body?: TBody
  readonly response: TResponse
}

/**
 * Declares an endpoint while keeping its schema types precise for clients and servers. The
 * two-argument form takes the fields a group shares first (`defineEndpoint(sdk, { … })`); the
 * endpoint's own fields win. Passing them as an argument, rather than spreading them into the
 * definition, keeps the call free of side effects, so a bundler can drop the endpoints a client
 * never calls.
 */
export function defineEndpoint<
  TParams extends z.ZodMiniType = z.ZodMiniType,
  TQuery extends z.ZodMiniType = z.ZodMiniType,
  TBody extends z.ZodMiniType = z.ZodMiniType,
  TResponse extends z.ZodMiniType = z.ZodMiniType,
  const TId extends string = string,
>(
  definition: EndpointDefinition<TParams, TQuery, TBody, TResponse, TId>,
): EndpointDefinition<TParams, TQuery, TBody, TResponse, TId>
export function defineEndpoint<
  const TShared extends Partial<EndpointFields>,
  TParams extends z.ZodMiniType = z.ZodMiniType,
  TQuery extends z.ZodMiniType = z.ZodMiniType,
  TBody extends z.ZodMiniType = z.ZodMiniType,
  TResponse extends z.ZodMiniType = z.ZodMiniType,
  const TId extends string = string,
>(
  shared: TShared,
  definition: EndpointSchemas<TParams, TQuery, TBody, TResponse, TId> &
    Omit<EndpointFields, keyof TShared> &
    Partial<EndpointFields>,
): EndpointDefinition<TParams, TQuery, TBody, TResponse, TId>
// @__NO_SIDE_EFFECTS__
export function defineEndpoint(
  sharedOrDefinition: Partial<EndpointDefinition>,
  definition?: Partial<EndpointDefinition>,
): EndpointDefinition {
  return (
    definition === undefined ? sharedOrDefinition : { ...sharedOrDefinition, ...definition }
  ) as EndpointDefinition
}

/** Error codes every authenticated endpoint may answer with. */
export const commonErrorCodes = [
  'VALIDATION_ERROR',
  'AUTH_FAILED',
  'EXPIRED_KEY',
  'INSUFFICIENT_SCOPE',
  'NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const satisfies readonly ErrorCode[]
