import type {
  advanceTestClockParamsSchema,
  FrozenTestClock,
  ResetTestClockResponse,
  TestClock,
} from '@conto/schemas'
import type { z } from 'zod'
import { type Clock, toIso } from '../clock.js'
import { deleteSetting, readSetting, writeSetting } from '../db/repositories/settings.js'
import type { DbLike } from '../db/transaction.js'
import { inTransaction } from '../db/transaction.js'
import { type Auth, actorOf, type RequestInfo, type ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { expireAllOverdueApprovalRequests } from './approval-requests.js'
import { recordAudit } from './audit-log.js'

/**
 * The test clock (project contract §4): one server clock that every time-dependent rule reads.
 * In test mode an org key can freeze it at an instant or move it, and return it to real time.
 * The frozen instant is kept in `settings`, so a restarted server can resume it
 * (`restoreTestClock`). Moving it expires the approval requests whose timeout it passed, as the
 * expiry sweeper would on a real clock.
 */

type AdvanceTestClockInput = z.output<typeof advanceTestClockParamsSchema>

/** The `settings` key holding the frozen instant (epoch ms) while the clock is frozen. */
export const TEST_CLOCK_SETTING = 'testClock.frozenAt'

/** Latest instant the clock may be set to (ISO-8601 has 4-digit years). */
const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z')

export function retrieveTestClock(deps: ServiceDeps): TestClock {
  return { now: toIso(deps.clock.now()), frozen: deps.clock.frozen }
}

/** Freezes the clock at `now`, or at the current clock time plus `advanceSeconds`. */
export function advanceTestClock(
  deps: ServiceDeps,
  auth: Auth,
  input: AdvanceTestClockInput,
  request?: RequestInfo,
): FrozenTestClock {
  const before = deps.clock.now()
  const target =
    input.now !== undefined ? Date.parse(input.now) : before + (input.advanceSeconds ?? 0) * 1000
  if (!Number.isFinite(target) || target < 0 || target > MAX_INSTANT) {
    const field = input.now !== undefined ? 'now' : 'advanceSeconds'
    const message = `${field} must put the clock between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z`
    throw new ApiError('VALIDATION_ERROR', message, { issues: [{ path: [field], message }] })
  }
  inTransaction(deps.db, (tx) => {
    writeSetting(tx, TEST_CLOCK_SETTING, String(target))
    audit(
      tx,
      before,
      auth,
      request,
      { now: toIso(before), frozen: deps.clock.frozen },
      { now: toIso(target), frozen: true },
    )
  })
  deps.clock.freeze(target)
  // Timeouts the move passed fire now, as they would have on a real clock.
  expireAllOverdueApprovalRequests(deps)
  return { now: toIso(target), frozen: true }
}

/** Returns the clock to real time. */
export function resetTestClock(
  deps: ServiceDeps,
  auth: Auth,
  request?: RequestInfo,
): ResetTestClockResponse {
  const before = retrieveTestClock(deps)
  deps.clock.reset()
  const now = deps.clock.now()
  inTransaction(deps.db, (tx) => {
    deleteSetting(tx, TEST_CLOCK_SETTING)
    audit(tx, now, auth, request, before, { now: toIso(now), frozen: false })
  })
  expireAllOverdueApprovalRequests(deps)
  return { now: toIso(now), frozen: false }
}

/** Freezes `clock` at the instant a previous run left it frozen at, if any (test mode). */
export function restoreTestClock(db: DbLike, clock: Clock): void {
  const stored = readSetting(db, TEST_CLOCK_SETTING)
  const frozenAt = stored === undefined ? Number.NaN : Number(stored)
  if (Number.isFinite(frozenAt)) clock.freeze(frozenAt)
}

function audit(
  db: DbLike,
  now: number,
  auth: Auth,
  request: RequestInfo | undefined,
  previousState: TestClock,
  newState: TestClock,
): void {
  if (auth.kind === 'public') return
  recordAudit(db, now, {
    organizationId: auth.organizationId,
    action: 'SETTINGS_CHANGED',
    resource: 'settings',
    resourceId: TEST_CLOCK_SETTING,
    previousState,
    newState,
    actor: actorOf(auth),
    request,
  })
}
