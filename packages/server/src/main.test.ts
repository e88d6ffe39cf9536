import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { START } from '../test/harness.js'
import { createClock } from './clock.js'
import { openDatabase } from './db/open-database.js'
import { writeSetting } from './db/repositories/settings.js'
import { silentLogger } from './logger.js'
import { baseUrlOf, type RunningServer, startServer } from './main.js'
import { TEST_CLOCK_SETTING } from './services/test-clock.js'

const secret = new Uint8Array(32).fill(7)
const running: RunningServer[] = []
const dirs: string[] = []

afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function start(config: Parameters<typeof startServer>[0], seed = false) {
  const server = await startServer(config, {
    seed,
    secret,
    logger: silentLogger,
    handleSignals: false,
  })
  running.push(server)
  return server
}

describe('startServer', () => {
  test('default: serves the API on a free port', async () => {
    const server = await start({ port: 0, database: ':memory:' })
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const response = await fetch(`${server.url}/health`)
    expect(response.status).toBe(200)
    expect(response.headers.get('request-id')).toMatch(/^req_/)
    expect(await response.json()).toEqual({ status: 'ok', mode: 'test' })
    expect(server.credentials).toBeUndefined()
  })

  test('args: seed returns working credentials with the real base URL', async () => {
    const server = await start({ port: 0, database: ':memory:' }, true)
    const credentials = server.credentials
    expect(credentials?.baseUrl).toBe(server.url)
    const response = await fetch(`${server.url}/api/sdk/setup`, {
      headers: { authorization: `Bearer ${credentials?.agentSdkKey}` },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ agent: { id: credentials?.agentId } })
  })

  test('args: mode live', async () => {
    const server = await start({ port: 0, database: ':memory:', mode: 'live' })
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({
      status: 'ok',
      mode: 'live',
    })
  })

  test('behavior: close stops listening and closes the database, once', async () => {
    const server = await startServer(
      { port: 0, database: ':memory:' },
      { secret, logger: silentLogger, handleSignals: false },
    )
    await server.close()
    await server.close()
    await expect(fetch(`${server.url}/health`)).rejects.toThrow()
    expect(server.database.sqlite.open).toBe(false)
  })

  test('behavior: close waits for idle keep-alive connections without hanging', async () => {
    const server = await startServer(
      { port: 0, database: ':memory:' },
      { secret, logger: silentLogger, handleSignals: false },
    )
    await fetch(`${server.url}/health`, { headers: { connection: 'keep-alive' } })
    const started = Date.now()
    await server.close()
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  test('behavior: a test clock frozen by a previous run stays frozen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conto-main-'))
    dirs.push(dir)
    const database = join(dir, 'conto.db')
    const previous = openDatabase(database)
    writeSetting(previous.db, TEST_CLOCK_SETTING, String(START))
    previous.close()
    const clock = createClock()
    const server = await startServer(
      { port: 0, database },
      { secret, clock, logger: silentLogger, handleSignals: false },
    )
    running.push(server)
    expect(clock.frozen).toBe(true)
    expect(clock.now()).toBe(START)
  })

  test('error: a port in use rejects and leaves nothing open', async () => {
    const first = await start({ port: 0, database: ':memory:' })
    await expect(
      startServer(
        { port: first.port, database: ':memory:' },
        { secret, logger: silentLogger, handleSignals: false },
      ),
    ).rejects.toThrow(/EADDRINUSE/)
  })
})

describe('baseUrlOf', () => {
  test('default', () => {
    expect(baseUrlOf('127.0.0.1', 3006)).toBe('http://127.0.0.1:3006')
    expect(baseUrlOf('localhost', 80)).toBe('http://localhost:80')
  })

  test('behavior: wildcard addresses are reached through loopback; IPv6 is bracketed', () => {
    expect(baseUrlOf('0.0.0.0', 3006)).toBe('http://127.0.0.1:3006')
    expect(baseUrlOf('::', 3006)).toBe('http://[::1]:3006')
    expect(baseUrlOf('::1', 3006)).toBe('http://[::1]:3006')
  })
})
