import type { Clock } from './clock.js'
import type { ServerMode } from './config.js'
import type { Db } from './db/open-database.js'
import { ApiError } from './errors.js'
import type { Logger } from './logger.js'

/**
 * What services need: the database, the clock, the mode and a logger. Services are plain
 * functions of these (no Hono types); routes pass them in.
 */
export interface ServiceDeps {
  readonly db: Db
  readonly clock: Clock
  readonly mode: ServerMode
  readonly logger: Logger
  /** 32-byte secret that encrypts managed wallets' keys at rest. */
  readonly secret: Uint8Array
}

/** One service call: the dependencies, the caller, and the request facts it may record. */
export interface ServiceCall {
  readonly deps: ServiceDeps
  readonly auth: Auth
  readonly request?: RequestInfo | undefined
}

/** Who is calling, resolved from the bearer key. */
export type Auth =
  | {
      readonly kind: 'org'
      readonly organizationId: string
      readonly keyId: string
      readonly scopes: ReadonlySet<string>
    }
  | {
      readonly kind: 'agent'
      readonly organizationId: string
      readonly agentId: string
      readonly keyId: string
      readonly keyType: 'standard' | 'admin'
      readonly scopes: ReadonlySet<string>
    }
  | { readonly kind: 'public' }

/** An authenticated caller: an organization API key or an agent SDK key. */
export type CallerAuth = Extract<Auth, { kind: 'org' | 'agent' }>

/** A caller with an agent SDK key. */
export type AgentAuth = Extract<Auth, { kind: 'agent' }>

/** The authenticated caller; 401 AUTH_FAILED for a public (keyless) call. */
export function callerOf(auth: Auth): CallerAuth {
  if (auth.kind === 'public') throw new ApiError('AUTH_FAILED', 'Authentication required')
  return auth
}

/** The organization of the caller; 401 AUTH_FAILED for a public (keyless) call. */
export function organizationIdOf(auth: Auth): string {
  return callerOf(auth).organizationId
}

/** The caller as an agent; 403 INSUFFICIENT_SCOPE unless it holds an agent SDK key. */
export function agentOf(auth: Auth): AgentAuth {
  if (auth.kind !== 'agent') {
    throw new ApiError('INSUFFICIENT_SCOPE', 'This route needs an agent SDK key (conto_agent_…)')
  }
  return auth
}

/** The audit actor of an authenticated caller. */
export interface Actor {
  readonly type: 'USER' | 'API' | 'AGENT' | 'SYSTEM'
  readonly id: string
}

export function actorOf(auth: Auth): Actor {
  switch (auth.kind) {
    case 'org':
      return { type: 'API', id: auth.keyId }
    case 'agent':
      return { type: 'AGENT', id: auth.agentId }
    case 'public':
      return { type: 'SYSTEM', id: 'system' }
  }
}

/** Request facts services may record (audit trail). */
export interface RequestInfo {
  readonly requestId: string
  readonly ip: string | undefined
  readonly userAgent: string | undefined
  readonly idempotencyKey: string | undefined
  /** The full request URL. */
  readonly url: string
}
