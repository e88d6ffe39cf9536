/**
 * @module @conto/server
 *
 * The Conto reference server: the whole Conto API on Hono, drizzle and SQLite. `createApp` builds
 * the app without listening (tests call `app.request()` or pass `app.fetch` to a client);
 * `startServer` serves it over HTTP; `seedDatabase` creates the demo organization and returns
 * its credentials.
 *
 * @example
 * ```ts
 * import { startServer } from '@conto/server'
 *
 * const server = await startServer({ port: 0, database: ':memory:' }, { seed: true })
 * console.log(server.url, server.credentials?.agentSdkKey)
 * await server.close()
 * ```
 */
export { type AppOptions, type ContoApp, createApp } from './app.js'
export { type Clock, createClock } from './clock.js'
export type { ServerConfig, ServerMode } from './config.js'
export { type Database, openDatabase } from './db/open-database.js'
export type { Logger, LogLevel } from './logger.js'
export {
  type RunningServer,
  type StartServerConfig,
  type StartServerOptions,
  startServer,
} from './main.js'
export type { RateLimiter, RateLimitResult } from './rate-limiter.js'
export { type SeedCredentials, type SeedOptions, seedDatabase } from './services/seed.js'
