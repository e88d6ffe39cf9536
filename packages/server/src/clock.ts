/**
 * The server clock. In test mode an org key can freeze it at any instant (`/api/test/clock`);
 * every time-dependent rule reads it: approval expiry, spend windows, time windows, key expiry,
 * rate-limit windows and velocity.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
  /** Freezes the clock at `ms`. */
  freeze(ms: number): void
  /** Back to real time. */
  reset(): void
  readonly frozen: boolean
}

/** A clock on real time that can be frozen (test mode). */
export function createClock(realNow: () => number = Date.now): Clock {
  let frozenAt: number | undefined
  return {
    now: () => frozenAt ?? realNow(),
    freeze: (ms) => {
      frozenAt = ms
    },
    reset: () => {
      frozenAt = undefined
    },
    get frozen() {
      return frozenAt !== undefined
    },
  }
}

export const toIso = (ms: number): string => new Date(ms).toISOString()
export const toIsoOrNull = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : toIso(ms)
