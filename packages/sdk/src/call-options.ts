/**
 * Options every method takes as its last argument; each overrides the client's setting for this
 * one call.
 *
 * @example
 * ```ts
 * const controller = new AbortController()
 * await conto.wallets.list({}, { timeoutMs: 5_000, signal: controller.signal })
 * ```
 */
export interface CallOptions {
  /** Per-attempt timeout in milliseconds (client default 30 000). */
  timeoutMs?: number | undefined
  /** Retries after the first attempt (client default 2). `payments.execute()` ignores it. */
  maxRetries?: number | undefined
  /** Aborts the call, including a retry wait; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** The `Idempotency-Key` of a POST (a UUID v4 by default), reused across its retries. */
  idempotencyKey?: string | undefined
  /** Extra headers for this call; `null` removes a default header. */
  headers?: Record<string, string | null | undefined> | undefined
}
