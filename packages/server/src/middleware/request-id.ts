import { randomBytes } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

/**
 * Gives every request an id (`req_` + 16 hex), sent back in the `request-id` header of every
 * response and repeated as `requestId` in error bodies. A well-formed incoming `x-request-id`
 * is kept so callers can correlate.
 */
export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id')
    const id =
      incoming && /^[A-Za-z0-9_.:-]{1,128}$/.test(incoming)
        ? incoming
        : `req_${randomBytes(8).toString('hex')}`
    c.set('requestId', id)
    c.header('request-id', id)
    await next()
  }
}
