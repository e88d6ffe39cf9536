/**
 * A small leveled logger writing one JSON line per entry to stderr (stdout stays free for the
 * CLI's credentials output). Levels: debug < info < warn < error < silent.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const log =
    (entryLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields?: Record<string, unknown>) => {
      if (rank[entryLevel] < rank[level]) return
      write(
        JSON.stringify({ time: new Date().toISOString(), level: entryLevel, message, ...fields }),
      )
    }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent')
