import type { z } from 'zod/mini'
import { wireErrorCodeOf } from '../src/errors.js'

/** What a test reads from `safeParse`. */
type ParseResult = { error?: z.core.$ZodError | undefined }

/** The wire error code of a failed parse; `undefined` when it succeeded. */
export const errorCodeOf = (result: ParseResult) =>
  result.error ? wireErrorCodeOf(result.error.issues) : undefined

/** Every issue message of a failed parse, joined with `; `; empty when it succeeded. */
export const messagesOf = (result: ParseResult) =>
  result.error?.issues.map((issue) => issue.message).join('; ') ?? ''
