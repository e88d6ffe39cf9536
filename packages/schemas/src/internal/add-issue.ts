import type * as z from 'zod/mini'

/** A custom issue reported from inside a `z.transform()`. */
export interface TransformIssue {
  message: string
  input?: unknown
  path?: PropertyKey[]
  params?: Record<string, unknown>
}

/**
 * Reports a custom issue from inside a `z.transform()`, as zod classic's `ctx.addIssue()` does
 * there: zod/mini hands a transform the bare parse payload, which has no `addIssue`.
 */
export function addIssue(ctx: z.core.ParsePayload, issue: TransformIssue): void {
  ctx.issues.push({ code: 'custom', input: ctx.value, ...issue })
}
