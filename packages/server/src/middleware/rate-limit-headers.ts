import { defaults } from '@conto/schemas'
import type { Context, MiddlewareHandler } from 'hono'
import type { Clock } from '../clock.js'
import { type RateLimiter, setRateLimitHeaders } from '../rate-limiter.js'

/** The peer address of the connection, or the first `X-Forwarded-For` hop behind a trusted proxy. */
export function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming
  return incoming?.socket?.remoteAddress
}

/** The rate-limit principal of an unauthenticated caller: its address. */
export const addressPrincipal = (c: Context, trustProxy: boolean): string =>
  `ip:${clientIp(c, trustProxy) ?? 'unknown'}`

/**
 * Rate-limit headers on every response (contract §5: "every response sends X-RateLimit-*").
 * Endpoints with a rate-limit class set them when they count the hit; the rest — health, the
 * OpenAPI document, the sandbox description, unknown routes — get the caller address's
 * dashboard-class window as it stands, without counting anything.
 */
export function rateLimitHeaders(options: {
  readonly limiter: RateLimiter
  readonly clock: Clock
  readonly trustProxy: boolean
}): MiddlewareHandler {
  const rule = defaults.rateLimits.dashboard
  return async (c, next) => {
    await next()
    const peek = options.limiter.peek
    if (peek === undefined || c.res.headers.has('X-RateLimit-Limit')) return
    const result = peek.call(
      options.limiter,
      `dashboard:${addressPrincipal(c, options.trustProxy)}`,
      rule.limit,
      rule.windowSeconds * 1000,
      options.clock.now(),
    )
    try {
      setRateLimitHeaders((name, value) => c.res.headers.set(name, value), result)
    } catch {
      // A response with immutable headers (none of ours) goes out as it is.
    }
  }
}
