import type { AppOptions } from '../src/app.js'
import { createHarness } from './harness.js'

/**
 * An app for tests of the HTTP layer (request ids, body parsing, rate limits, idempotency): the
 * harness with `createApp` options such as `handlers`, `rateLimiter` or `validateResponses`
 * replaced, and agent keys that hold every scope of the admin preset unless told otherwise.
 */
export function createTestApp(options: Partial<Omit<AppOptions, 'database'>> = {}) {
  const harness = createHarness(options)
  return {
    ...harness,
    createAgentWithKey: (input: { scopes?: readonly string[] } = {}) =>
      harness.createAgentWithKey({ keyType: 'admin', ...input }),
  }
}
