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
  hit(key: string, limit: number, windowMs: number, now: number): RateLimitResult
}

export function createMemoryRateLimiter(): RateLimiter {
  const hits = new Map<string, number[]>()
  return {
    hit(key, limit, windowMs, now) {
      const log = (hits.get(key) ?? []).filter((time) => time > now - windowMs && time <= now)
      const allowed = log.length < limit
      if (allowed) log.push(now)
      hits.set(key, log)
      const oldest = log[0] ?? now
      const resetAt = oldest + windowMs
      return {
        allowed,
        limit,
        remaining: Math.max(0, limit - log.length),
        resetAt,
        retryAfterMs: allowed ? 0 : Math.max(1, resetAt - now),
      }
    },
  }
}
