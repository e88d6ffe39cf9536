import { toValidationIssues } from '@conto/schemas'
import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors.js'
import type { Logger } from '../logger.js'

type Env = { Variables: { requestId: string } }

/**
 * The one error renderer (`app.onError`): coded errors become `{ error, code, requestId,
 * ...extra }` with the code's status; anything else is logged with the request id and answered
 * as 500 INTERNAL_ERROR — never a stack trace or SQL.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context<Env>): Response => {
    const requestId = c.get('requestId')
    if (error instanceof ApiError) {
      return c.json(
        // The envelope's own fields win over any detail of the same name.
        { ...error.extra, error: error.message, code: error.code, requestId },
        error.status as 400,
      )
    }
    if (error instanceof z.core.$ZodError) {
      return c.json(
        {
          error: 'Invalid request',
          code: 'VALIDATION_ERROR',
          requestId,
          issues: toValidationIssues(error.issues),
        },
        400,
      )
    }
    logger.error('unexpected error', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    })
    return c.json({ error: 'Internal server error', code: 'INTERNAL_ERROR', requestId }, 500)
  }
}

/** Unknown routes: 404 NOT_FOUND in the error envelope. */
export function notFoundHandler(c: Context<Env>): Response {
  return c.json(
    {
      error: `No route for ${c.req.method} ${c.req.path}`,
      code: 'NOT_FOUND',
      requestId: c.get('requestId'),
    },
    404,
  )
}
