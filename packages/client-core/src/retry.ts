/**
 * When a failed attempt is retried, and how long to wait first (OpenAI's and Anthropic's rule,
 * which `sdk-conventions.md` adopts): connection errors, timeouts, 408, 409, 429 and 5xx are
 * retried unless the server says `x-should-retry: false` — except 501 Not Implemented, which no
 * retry can change; the wait is `retry-after-ms`, else
 * `Retry-After`, when within 0–60 s, else `min(0.5 s · 2^n, 8 s)` less up to 25 % jitter.
 */

/** The first backoff step. */
export const INITIAL_RETRY_DELAY_MS = 500
/** The backoff cap. */
export const MAX_RETRY_DELAY_MS = 8_000
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
 * `Retry-After` when it lies within 0–60 s, else exponential backoff with jitter.
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
  return backoff * (1 - random() * 0.25)
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
