/**
 * When a failed attempt is retried, and how long to wait first. Which failures retry is OpenAI's
 * and Anthropic's rule (`sdk-conventions.md`): connection errors, timeouts, 408, 409, 429 and 5xx
 * unless the server says `x-should-retry: false` — except 501 Not Implemented, which no retry can
 * change. The wait is `retry-after-ms`, else `Retry-After`, when within 0–60 s, else the backoff
 * the Conto docs fix (spec §3.4): 1 s, 2 s, 4 s, … capped at 10 s, less up to 25 % jitter so that
 * many clients rate-limited at once do not retry in lockstep.
 */

/** The first backoff step (1 s, as documented). */
export const INITIAL_RETRY_DELAY_MS = 1_000
/** The backoff cap (10 s, as documented). */
export const MAX_RETRY_DELAY_MS = 10_000
/** The largest fraction the jitter takes off a backoff step; it never lengthens one. */
export const MAX_RETRY_JITTER = 0.25
/** Retries after the first attempt when neither the client nor the call says otherwise (3, as documented). */
export const DEFAULT_MAX_RETRIES = 3
/** A server-requested wait longer than this is ignored in favour of the backoff. */
export const MAX_RETRY_AFTER_MS = 60_000

/** `true` when a response with this status and these headers may be retried. */
export function shouldRetry(response: { status: number; headers: Headers }): boolean {
  const override = response.headers.get('x-should-retry')
  if (override === 'true') return true
  if (override === 'false') return false
  const { status } = response
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501)
}

/**
 * The wait the server asked for in `retry-after-ms` (milliseconds) or else `Retry-After` (seconds
 * or an HTTP date), whatever its size; `undefined` when neither header is usable.
 */
export function retryAfterMsFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms)
    if (Number.isFinite(value)) return value
  }
  const after = headers.get('retry-after')
  if (after === null || after.trim() === '') return undefined
  const seconds = Number(after)
  if (Number.isFinite(seconds)) return seconds * 1000
  const date = Date.parse(after)
  return Number.isNaN(date) ? undefined : date - now
}

/**
 * How long to wait before retry number `retriesSoFar + 1`: the server's `retry-after-ms` /
 * `Retry-After` when it lies within 0–60 s, else `min(1 s · 2^n, 10 s)` less up to 25 % jitter.
 */
export function retryDelayMs(
  retriesSoFar: number,
  headers?: Headers,
  random: () => number = Math.random,
): number {
  const requested = headers ? retryAfterMsFromHeaders(headers) : undefined
  if (requested !== undefined && requested >= 0 && requested <= MAX_RETRY_AFTER_MS) {
    return requested
  }
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retriesSoFar, MAX_RETRY_DELAY_MS)
  return backoff * (1 - random() * MAX_RETRY_JITTER)
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
