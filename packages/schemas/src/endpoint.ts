import type { z } from 'zod'
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
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
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

/** Declares an endpoint while keeping its schema types precise for clients and servers. */
export function defineEndpoint<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
  const TId extends string = string,
>(
  definition: EndpointDefinition<TParams, TQuery, TBody, TResponse, TId>,
): EndpointDefinition<TParams, TQuery, TBody, TResponse, TId> {
  return definition
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
