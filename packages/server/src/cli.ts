import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { ZodError } from 'zod'
import { createClock } from './clock.js'
import { configFromEnv, type ServerConfig } from './config.js'
import { openDatabase } from './db/open-database.js'
import { createLogger } from './logger.js'
import { baseUrlOf, startServer } from './main.js'
import { loadOrCreateSecret } from './secret.js'
import { type SeedCredentials, seedDatabase } from './services/seed.js'
import { restoreTestClock } from './services/test-clock.js'

/**
 * The `conto-server` bin:
 *
 *   conto-server start [--port 3006] [--host 127.0.0.1] [--database <file>|:memory:]
 *                      [--mode test|live] [--seed] [--credentials-out <file>]
 *   conto-server seed  [--database <file>] [--credentials-out <file>]
 *
 * Flags win over `CONTO_PORT`, `CONTO_HOST`, `CONTO_DATABASE_PATH`, `CONTO_MODE`. Credentials go
 * to stdout as JSON, logs to stderr. Exit codes: 0 success, 1 failure, 2 usage error.
 */

const usage = `Usage: conto-server <command> [options]

Commands:
  start    Run the Conto API server (migrations run at start)
  seed     Create the demo organization (idempotent) and print its credentials

Options of start:
  --port <n>                 Port to listen on (env CONTO_PORT, default 3006)
  --host <host>              Address to bind (env CONTO_HOST, default 127.0.0.1)
  --database <file>          SQLite file or :memory: (env CONTO_DATABASE_PATH, default .conto/conto.db)
  --mode <test|live>         Server mode (env CONTO_MODE, default test)
  --seed                     Seed the demo organization and print its credentials
  --credentials-out <file>   Also write the credentials JSON to <file> (with --seed)

Options of seed:
  --database <file>          SQLite file (env CONTO_DATABASE_PATH, default .conto/conto.db)
  --credentials-out <file>   Also write the credentials JSON to <file>

Common options:
  --data-dir <dir>           Where the server secret is kept (env CONTO_DATA_DIR; default: the
                             database file's folder)
  --log-level <level>        debug | info | warn | error | silent (env CONTO_LOG_LEVEL, default info)
  -h, --help                 Show this help
  -v, --version              Show the version
`

const common = {
  database: { type: 'string' },
  'credentials-out': { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

const startOptions = {
  ...common,
  port: { type: 'string' },
  host: { type: 'string' },
  mode: { type: 'string' },
  seed: { type: 'boolean' },
} as const

class UsageError extends Error {
  override readonly name = 'UsageError'
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined) throw new UsageError('missing command')
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage)
    return 0
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version()}\n`)
    return 0
  }
  if (command === 'start') return start(rest)
  if (command === 'seed') return seed(rest)
  throw new UsageError(`unknown command "${command}"`)
}

async function start(args: readonly string[]): Promise<number> {
  const { values } = parse(args, startOptions)
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  if (values['credentials-out'] !== undefined && !values.seed) {
    throw new UsageError('--credentials-out needs --seed')
  }
  const config = configOf(values)
  const logger = createLogger(config.logLevel)
  const running = await startServer(config, {
    seed: values.seed ?? false,
    logger,
    secret: secretOf(config, values['data-dir']),
  })
  if (running.credentials) outputCredentials(running.credentials, values['credentials-out'])
  return -1
}

async function seed(args: readonly string[]): Promise<number> {
  const { values } = parse(args, common)
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  const config = configOf(values)
  const logger = createLogger(config.logLevel)
  const database = openDatabase(config.database)
  try {
    // Seed on the server's clock: a test clock left frozen stays the reference for key expiry.
    const clock = createClock()
    if (config.mode === 'test') restoreTestClock(database.db, clock)
    const credentials = seedDatabase(
      {
        db: database.db,
        clock,
        mode: config.mode,
        logger,
        secret: secretOf(config, values['data-dir']),
      },
      { baseUrl: baseUrlOf(config.host, config.port) },
    )
    outputCredentials(credentials, values['credentials-out'])
  } finally {
    database.close()
  }
  return 0
}

function parse<const TOptions extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: TOptions,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

function configOf(values: Record<string, string | boolean | undefined>): ServerConfig {
  const flags: Record<string, string | undefined> = {}
  for (const name of ['port', 'host', 'database', 'mode', 'log-level', 'data-dir']) {
    const value = values[name]
    if (typeof value === 'string') flags[name] = value
  }
  try {
    return configFromEnv(process.env, flags)
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      throw new UsageError(`invalid configuration: ${problems.join('; ')}`)
    }
    throw error
  }
}

/**
 * The server secret encrypts managed wallets' keys stored in the database, so it lives next to
 * that database unless a data dir is given; a `:memory:` database gets a throwaway one.
 */
function secretOf(config: ServerConfig, dataDirFlag: string | undefined): Uint8Array {
  const explicit = dataDirFlag ?? process.env['CONTO_DATA_DIR']
  if (explicit !== undefined) return loadOrCreateSecret(config.dataDir)
  if (config.database === ':memory:') return new Uint8Array(randomBytes(32))
  return loadOrCreateSecret(dirname(config.database))
}

function outputCredentials(credentials: SeedCredentials, file: string | undefined): void {
  const json = `${JSON.stringify(credentials, null, 2)}\n`
  process.stdout.write(json)
  if (file === undefined) return
  mkdirSync(dirname(file), { recursive: true })
  // Written whole and then renamed, so a reader polling for the file never sees half of it.
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, json, { mode: 0o600 })
  renameSync(temporary, file)
}

function version(): string {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string }
  return pkg.version
}

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a server is running; it exits on SIGTERM/SIGINT.
    if (code >= 0) process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`conto-server: ${error.message}\n\n${usage}`)
      process.exitCode = 2
      return
    }
    process.stderr.write(
      `conto-server: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
