import { createApp, createClock, openDatabase, seedDatabase } from '@conto/server'

/**
 * A fresh reference server in-process for one contract test: `createApp()` on an in-memory
 * database, seeded with the demo organization, reached through the clients' `fetch` option —
 * no port, no mock. The clock is frozen on a Wednesday so the default Mon–Fri links allow
 * payments.
 */
export const START = Date.parse('2026-04-08T12:00:00.000Z')

export function startContractServer() {
  const database = openDatabase(':memory:')
  const clock = createClock()
  clock.freeze(START)
  const app = createApp({ database, clock, mode: 'test' })
  const credentials = seedDatabase(app.deps, { baseUrl: 'http://conto.test' })
  const fetch: typeof globalThis.fetch = async (input, init) => app.fetch(new Request(input, init))
  return { app, clock, credentials, fetch, baseUrl: 'http://conto.test' }
}
