/**
 * Sliding-window rate limiting (a log of hit times per key). In-memory by default; the
 * interface lets a shared store replace it.
 */
export interface RateLimitResult {
  readonly allowed: boolean
  readonly limit: number
  readonly remaining: number
  /** When the oldest counted hit leaves the window (epoch ms). */
  readonly resetAt: number
  /** How long until a hit would be allowed again (0 when allowed). */
  readonly retryAfterMs: number
}

export interface RateLimiter {
  /** Counts a hit against `key` (when allowed) and reports the window after it. */
  hit(key: string, limit: number, windowMs: number, now: number): RateLimitResult
  /**
   * Reports `key`'s window without counting anything — for the headers of responses that are not
   * rate limited themselves (health, the OpenAPI document, unknown routes). Optional: without it
   * those responses carry no rate-limit headers.
   */
  peek?(key: string, limit: number, windowMs: number, now: number): RateLimitResult
}

export function createMemoryRateLimiter(): RateLimiter {
  const hits = new Map<string, number[]>()
  const windowOf = (key: string, windowMs: number, now: number) =>
    (hits.get(key) ?? []).filter((time) => time > now - windowMs && time <= now)
  const resultOf = (
    log: readonly number[],
    limit: number,
    windowMs: number,
    now: number,
    allowed: boolean,
  ): RateLimitResult => {
    const resetAt = (log[0] ?? now) + windowMs
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - log.length),
      resetAt,
      retryAfterMs: allowed ? 0 : Math.max(1, resetAt - now),
    }
  }
  return {
    hit(key, limit, windowMs, now) {
      const log = windowOf(key, windowMs, now)
      const allowed = log.length < limit
      if (allowed) log.push(now)
      hits.set(key, log)
      return resultOf(log, limit, windowMs, now, allowed)
    },
    peek(key, limit, windowMs, now) {
      const log = windowOf(key, windowMs, now)
      return resultOf(log, limit, windowMs, now, log.length < limit)
    },
  }
}

/** `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (ISO-8601) of a window. */
export function setRateLimitHeaders(
  set: (name: string, value: string) => void,
  result: RateLimitResult,
): void {
  set('X-RateLimit-Limit', String(result.limit))
  set('X-RateLimit-Remaining', String(result.remaining))
  set('X-RateLimit-Reset', new Date(result.resetAt).toISOString())
}
