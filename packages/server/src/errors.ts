import { type ErrorCode, statusByErrorCode } from '@conto/schemas'

/**
 * A coded API error. Services throw it; the error handler renders `{ error, code, requestId,
 * ...extra }` with the one HTTP status the code has in `statusByErrorCode`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  get status(): number {
    return statusByErrorCode[this.code]
  }
}

/** `NOT_FOUND` for a resource of the caller's organization that does not exist. */
export const notFound = (resource: string, id?: string): ApiError =>
  new ApiError(
    'NOT_FOUND',
    id === undefined ? `${resource} not found` : `${resource} ${id} not found`,
  )
