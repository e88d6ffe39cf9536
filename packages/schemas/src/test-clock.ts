import * as z from 'zod/mini'
import { isoTimestampSchema } from './common.js'

/**
 * The test clock (project contract §4): in test mode every time-dependent rule reads one server
 * clock that an org key can freeze, move, and return to real time.
 */

/** `GET /api/test/clock`: the server's current time and whether it is frozen. */
export const testClockSchema = z.object({
  now: isoTimestampSchema,
  frozen: z.boolean(),
})
export type TestClock = z.infer<typeof testClockSchema>

/**
 * Body of `POST /api/test/clock`: exactly one of `now` (freeze at that instant) or
 * `advanceSeconds` (freeze at the current clock time plus that many seconds; negative moves back).
 */
export const advanceTestClockParamsSchema = z
  .object({
    now: z.optional(isoTimestampSchema),
    advanceSeconds: z.optional(
      z
        .number({ error: 'advanceSeconds must be a number' })
        .check(z.int('advanceSeconds must be a whole number of seconds')),
    ),
  })
  .check(
    z.superRefine((params, ctx) => {
      const given =
        (params.now === undefined ? 0 : 1) + (params.advanceSeconds === undefined ? 0 : 1)
      if (given !== 1) {
        ctx.addIssue({
          code: 'custom',
          message:
            given === 0
              ? 'provide one of now (an ISO-8601 timestamp) or advanceSeconds (an integer)'
              : 'provide only one of now or advanceSeconds, not both',
          input: params,
        })
      }
    }),
  )
export type AdvanceTestClockParams = z.input<typeof advanceTestClockParamsSchema>

/** Response of `POST /api/test/clock`: the clock is now frozen at `now`. */
export const frozenTestClockSchema = z.object({
  now: isoTimestampSchema,
  frozen: z.literal(true),
})
export type FrozenTestClock = z.infer<typeof frozenTestClockSchema>

/** Response of `DELETE /api/test/clock`: back on real time. */
export const resetTestClockResponseSchema = z.object({
  now: isoTimestampSchema,
  frozen: z.literal(false),
})
export type ResetTestClockResponse = z.infer<typeof resetTestClockResponseSchema>
