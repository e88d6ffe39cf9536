import { z } from 'zod'

/**
 * Server configuration from flags and environment variables (`CONTO_PORT`, `CONTO_HOST`,
 * `CONTO_DATABASE_PATH`, `CONTO_MODE`, `CONTO_LOG_LEVEL`, `CONTO_DATA_DIR`). Flags win.
 */
export const serverModes = ['test', 'live'] as const
export type ServerMode = (typeof serverModes)[number]

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(3006),
  host: z.string().min(1).default('127.0.0.1'),
  /** A file path or `:memory:`; default `.conto/conto.db` in the working directory. */
  database: z.string().min(1).default('.conto/conto.db'),
  mode: z.enum(serverModes).default('test'),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Where the server secret (wallet key encryption) is generated on first start. */
  dataDir: z.string().min(1).default('.conto'),
})
export type ServerConfig = z.infer<typeof configSchema>

export function configFromEnv(
  env: NodeJS.ProcessEnv,
  flags: Record<string, string | undefined> = {},
): ServerConfig {
  const pick = (flag: string, variable: string) => flags[flag] ?? env[variable]
  const raw = Object.fromEntries(
    Object.entries({
      port: pick('port', 'CONTO_PORT'),
      host: pick('host', 'CONTO_HOST'),
      database: pick('database', 'CONTO_DATABASE_PATH'),
      mode: pick('mode', 'CONTO_MODE'),
      logLevel: pick('log-level', 'CONTO_LOG_LEVEL'),
      dataDir: pick('data-dir', 'CONTO_DATA_DIR'),
    }).filter(([, value]) => value !== undefined),
  )
  return configSchema.parse(raw)
}
