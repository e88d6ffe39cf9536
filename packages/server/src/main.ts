import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type ContoApp, createApp } from './app.js'
import { type Clock, createClock } from './clock.js'
import { configSchema, type ServerConfig } from './config.js'
import { type Database, openDatabase } from './db/open-database.js'
import { createLogger, type Logger } from './logger.js'
import { loadOrCreateSecret } from './secret.js'
import { createChannelWorker } from './services/channel-delivery.js'
import { createExpirySweeper } from './services/expiry-sweeper.js'
import { type SeedCredentials, seedDatabase } from './services/seed.js'
import { restoreTestClock } from './services/test-clock.js'
import { createWebhookWorker } from './services/webhook-delivery.js'

/**
 * Serving the Conto API over HTTP: open (and migrate) the database, load the server secret,
 * build the app, listen, and shut down cleanly on SIGTERM/SIGINT. Importing this module does
 * nothing; `startServer` does it all.
 */

export interface StartServerOptions {
  /** Seed the demo organization after listening and return its credentials (default false). */
  readonly seed?: boolean
  readonly logger?: Logger
  readonly clock?: Clock
  /** The 32-byte server secret; default `loadOrCreateSecret(config.dataDir)`. */
  readonly secret?: Uint8Array
  /** Close the server and exit on SIGTERM/SIGINT (default true). */
  readonly handleSignals?: boolean
}

export interface RunningServer {
  readonly app: ContoApp
  readonly database: Database
  readonly server: Server
  /** The base URL clients use, e.g. `http://127.0.0.1:3006` (the real port when `port` is 0). */
  readonly url: string
  readonly port: number
  /** The seeded credentials, when `seed` was asked for. */
  readonly credentials: SeedCredentials | undefined
  /** Stops accepting requests, waits for in-flight ones (at most a few seconds), closes the database. */
  close(): Promise<void>
}

const FORCE_CLOSE_AFTER_MS = 5_000

/** A server configuration; omitted fields take their defaults (`configSchema`). */
export type StartServerConfig = Partial<ServerConfig>

export async function startServer(
  input: StartServerConfig = {},
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const config = configSchema.parse(input)
  const logger = options.logger ?? createLogger(config.logLevel)
  const database = openDatabase(config.database)
  let server: Server
  let app: ContoApp
  try {
    const secret = options.secret ?? loadOrCreateSecret(config.dataDir)
    const clock = options.clock ?? createClock()
    // A test clock frozen by a previous run stays frozen (test mode only).
    if (config.mode === 'test') restoreTestClock(database.db, clock)
    app = createApp({
      database,
      mode: config.mode,
      logger,
      secret,
      clock,
      validateResponses: 'log',
    })
    server = await listen(app, config)
  } catch (error) {
    database.close()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  const url = baseUrlOf(config.host, port)
  logger.info('listening', { url, mode: config.mode, database: config.database })
  // Delivers queued webhooks and channel messages off the request path; pending rows of a
  // previous run resume.
  const webhookWorker = createWebhookWorker(app.deps)
  webhookWorker.start()
  const channelWorker = createChannelWorker(app.deps, { baseUrl: url })
  channelWorker.start()
  // Expires approval requests when their timeout passes (and announces it).
  const expirySweeper = createExpirySweeper(app.deps)
  expirySweeper.start()

  let credentials: SeedCredentials | undefined
  if (options.seed) {
    try {
      credentials = seedDatabase(app.deps, { baseUrl: url })
    } catch (error) {
      await new Promise((resolve) => server.close(resolve))
      expirySweeper.stop()
      await Promise.all([webhookWorker.stop(), channelWorker.stop()])
      database.close()
      throw error
    }
    logger.info('seeded', { organizationId: credentials.organizationId })
  }

  let closing: Promise<void> | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info('shutting down', { signal })
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: String(error) })
        process.exit(1)
      },
    )
  }
  const handleSignals = options.handleSignals ?? true
  if (handleSignals) {
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      if (handleSignals) {
        process.off('SIGTERM', onSignal)
        process.off('SIGINT', onSignal)
      }
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), FORCE_CLOSE_AFTER_MS)
        force.unref()
        server.close(() => {
          clearTimeout(force)
          resolve()
        })
        server.closeIdleConnections()
      })
      expirySweeper.stop()
      await Promise.all([webhookWorker.stop(), channelWorker.stop()])
      database.close()
      logger.info('stopped')
    })()
    return closing
  }

  return { app, database, server, url, port, credentials, close }
}

function listen(app: ContoApp, config: ServerConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

/** The URL clients reach a server listening on `host`:`port` at (wildcards → loopback). */
export function baseUrlOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}
