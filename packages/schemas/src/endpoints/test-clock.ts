import { defineEndpoint } from '../endpoint.js'
import {
  advanceTestClockParamsSchema,
  frozenTestClockSchema,
  resetTestClockResponseSchema,
  testClockSchema,
} from '../test-clock.js'

/** The test clock (project contract §4): test mode only; 404 NOT_FOUND in live mode. */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  scopes: [],
  rateLimit: 'dashboard',
  testModeOnly: true,
  tag: 'Test Clock',
} as const

export const testClockEndpoints = {
  retrieve: defineEndpoint(org, {
    id: 'testClock.retrieve',
    method: 'GET',
    path: '/api/test/clock',
    response: testClockSchema,
    successStatus: 200,
    errors: [],
    summary: 'Get the server clock and whether it is frozen',
  }),
  advance: defineEndpoint(org, {
    id: 'testClock.advance',
    method: 'POST',
    path: '/api/test/clock',
    body: advanceTestClockParamsSchema,
    response: frozenTestClockSchema,
    successStatus: 200,
    errors: [],
    summary: 'Freeze the clock at an instant, or move it by a number of seconds',
  }),
  reset: defineEndpoint(org, {
    id: 'testClock.reset',
    method: 'DELETE',
    path: '/api/test/clock',
    response: resetTestClockResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Return the clock to real time',
  }),
}
