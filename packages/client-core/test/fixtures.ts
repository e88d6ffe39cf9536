import { setupServer } from 'msw/node'
import { vi } from 'vitest'
import type { Logger } from '../src/logger.js'

/** Synthetic keys: the shape of real ones, never a real one. */
export const agentKey = `conto_agent_${'a1'.repeat(32)}`
export const orgKey = `conto_${'b2'.repeat(32)}`

export const baseUrl = 'https://conto.finance'

/** One msw server for a test file; `onUnhandledRequest: 'error'` so no request leaks out. */
export function createMswServer() {
  return setupServer()
}

/** The error envelope the Conto API sends. */
export function envelope(code: string, error: string, extra: Record<string, unknown> = {}) {
  return { error, code, requestId: 'req_body0000000000', ...extra }
}

/**
 * Lets a promise run to completion under fake timers (retry waits and timeouts pass instantly)
 * and reports the outcome instead of throwing.
 */
export async function settle<T>(
  promise: PromiseLike<T>,
): Promise<{ value?: T; error?: unknown; elapsedMs: number }> {
  const startedAt = Date.now()
  const outcome = Promise.resolve(promise).then(
    (value) => ({ value, elapsedMs: Date.now() - startedAt }),
    (error: unknown) => ({ error, elapsedMs: Date.now() - startedAt }),
  )
  await vi.runAllTimersAsync()
  return outcome
}

/** A logger that records every line, for assertions. */
export function createMemoryLogger() {
  const lines: { level: string; message: string; args: unknown[] }[] = []
  const at =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      lines.push({ level, message, args })
  const logger: Logger = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  }
  return { logger, lines }
}
