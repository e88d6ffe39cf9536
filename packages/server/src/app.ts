import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { type Clock, createClock } from './clock.js'
import type { ServerMode } from './config.js'
import type { Database } from './db/open-database.js'
import type { ServiceDeps } from './deps.js'
import { createLogger, type Logger } from './logger.js'
import { createErrorHandler, notFoundHandler } from './middleware/handle-errors.js'
import { rateLimitHeaders } from './middleware/rate-limit-headers.js'
import { requestId } from './middleware/request-id.js'
import { mountSwaggerUi } from './openapi/swagger-ui.js'
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js'
import type { Handlers } from './routes/define-handlers.js'
import { handlers as allHandlers } from './routes/index.js'
import { mountEndpoints } from './routes/mount-endpoints.js'

export interface AppOptions {
  readonly database: Database
  readonly mode?: ServerMode
  readonly clock?: Clock
  readonly logger?: Logger
  readonly rateLimiter?: RateLimiter
  /** Encrypts managed wallets' keys; a random one when omitted (tests). */
  readonly secret?: Uint8Array
  /** Check every response against its schema: `throw` (default, tests), `log` (servers) or `off`. */
  readonly validateResponses?: 'throw' | 'log' | 'off'
  /** Take the client address from `X-Forwarded-For` (only behind a trusted proxy; default false). */
  readonly trustProxy?: boolean
  /** Replace handlers (tests of the HTTP layer). */
  readonly handlers?: Handlers
}

export type ContoApp = Hono<{ Variables: { requestId: string } }> & { readonly deps: ServiceDeps }

/**
 * Builds the Conto API as a Hono app from its dependencies, without listening: tests call
 * `app.request()`, `main.ts` serves it. No global state.
 */
export function createApp(options: AppOptions): ContoApp {
  const deps: ServiceDeps = {
    db: options.database.db,
    clock: options.clock ?? createClock(),
    mode: options.mode ?? 'test',
    logger: options.logger ?? createLogger('warn'),
    secret: options.secret ?? new Uint8Array(randomBytes(32)),
  }
  const app = new Hono<{ Variables: { requestId: string } }>()
  app.use(requestId())
  const rateLimiter = options.rateLimiter ?? createMemoryRateLimiter()
  const trustProxy = options.trustProxy ?? false
  app.use(rateLimitHeaders({ limiter: rateLimiter, clock: deps.clock, trustProxy }))
  app.onError(createErrorHandler(deps.logger))
  app.notFound(notFoundHandler)
  mountSwaggerUi(app)
  mountEndpoints(app, {
    deps,
    handlers: options.handlers ?? allHandlers,
    rateLimiter,
    validateResponses: options.validateResponses ?? 'throw',
    trustProxy,
  })
  return Object.assign(app, { deps })
}
