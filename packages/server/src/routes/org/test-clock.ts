import { advanceTestClock, resetTestClock, retrieveTestClock } from '../../services/test-clock.js'
import { defineHandlers } from '../define-handlers.js'

/** The test clock (project contract §4); the registry serves it in test mode only. */
export const testClockHandlers = defineHandlers({
  'testClock.retrieve': ({ deps }) => retrieveTestClock(deps),
  'testClock.advance': ({ body, auth, deps, request }) =>
    advanceTestClock(deps, auth, body, request),
  'testClock.reset': ({ auth, deps, request }) => resetTestClock(deps, auth, request),
})
