import { readEnv } from './internal/read-env.js'

/** How much the transport logs: `off`, or the lowest level that is written. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug'

/** The log levels, quietest first. */
export const logLevels = ['off', 'error', 'warn', 'info', 'debug'] as const satisfies LogLevel[]

/** Anything with console-style methods: `console`, pino, winston, consola. */
export interface Logger {
  error(message: string, ...args: unknown[]): void
  warn(message: string, ...args: unknown[]): void
  info(message: string, ...args: unknown[]): void
  debug(message: string, ...args: unknown[]): void
}

const isLogLevel = (value: unknown): value is LogLevel =>
  typeof value === 'string' && (logLevels as readonly string[]).includes(value)

/**
 * The level in effect: the option, else `CONTO_LOG`, else `warn`. An unknown `CONTO_LOG` value is
 * reported once through the logger and ignored.
 */
export function resolveLogLevel(option: LogLevel | undefined, logger: Logger): LogLevel {
  if (option !== undefined) return option
  const fromEnv = readEnv('CONTO_LOG')?.toLowerCase()
  if (fromEnv === undefined) return 'warn'
  if (isLogLevel(fromEnv)) return fromEnv
  logger.warn(`[conto] CONTO_LOG=${fromEnv} is not a log level; use one of ${logLevels.join(', ')}`)
  return 'warn'
}

const noop = () => {}

/** A logger that drops everything below `level`; every message and argument goes through `scrub`. */
export function createLevelLogger(
  logger: Logger,
  level: LogLevel,
  scrub: <T>(value: T) => T = (value) => value,
): Logger {
  const rank = logLevels.indexOf(level)
  const at = (method: Exclude<LogLevel, 'off'>) =>
    logLevels.indexOf(method) <= rank
      ? (message: string, ...args: unknown[]) =>
          logger[method](scrub(message), ...args.map((arg) => scrub(arg)))
      : noop
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }
}

/** The default logger: the global `console`. */
export const consoleLogger: Logger = {
  error: (message, ...args) => console.error(message, ...args),
  warn: (message, ...args) => console.warn(message, ...args),
  info: (message, ...args) => console.info(message, ...args),
  debug: (message, ...args) => console.debug(message, ...args),
}
