import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'

/**
 * The `conto-server` bin, run for real: `tsx src/cli.ts …` in a child process. Every wait is
 * bounded, and every child is killed (by its pid) when a test ends, so nothing can hang.
 */

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsx = join(packageDir, 'node_modules', '.bin', 'tsx')
const cli = join(packageDir, 'src', 'cli.ts')
const WAIT_MS = 20_000
const TEST_TIMEOUT = 90_000

const credentialKeys = [
  'baseUrl',
  'organizationId',
  'orgApiKey',
  'agentId',
  'agentSdkKey',
  'managedWalletId',
  'externalWalletId',
  'externalWalletAddress',
]

interface Credentials {
  baseUrl: string
  organizationId: string
  orgApiKey: string
  agentId: string
  agentSdkKey: string
  managedWalletId: string
  externalWalletId: string
  externalWalletAddress: string
}

let dir: string
const children: ChildProcess[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conto-cli-'))
})

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGKILL')
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

/** The environment without CONTO_* variables, so flags alone decide. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CONTO_')),
  )
}

function launch(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(tsx, ['--conditions=@conto/source', cli, ...args], {
    cwd: dir,
    env: { ...cleanEnv(), CONTO_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
  }
}

/** Runs a command to completion (killed after WAIT_MS). */
async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const launched = launch(args, env)
  const { code } = await within(
    launched.exited,
    WAIT_MS,
    () => `cli ${args.join(' ')} did not exit`,
  )
  return { code, ...launched.output() }
}

function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message()} within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Polls `check` every 100 ms until it returns a value, for at most WAIT_MS. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS
  while (Date.now() < deadline) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function healthy(baseUrl: string): Promise<true | undefined> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) })
    return response.ok ? true : undefined
  } catch {
    return undefined
  }
}

async function get(baseUrl: string, path: string, key: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(5000),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Starts `start` on a free port and waits until it answers /health. */
async function startServer(database: string, extra: string[] = []) {
  const port = await freePort()
  const launched = launch(['start', '--port', String(port), '--database', database, ...extra])
  const baseUrl = `http://127.0.0.1:${port}`
  await waitFor('the server to answer /health', async () => {
    if (launched.child.exitCode !== null) {
      throw new Error(`server exited early:\n${launched.output().stderr}`)
    }
    return healthy(baseUrl)
  })
  return { ...launched, baseUrl, port }
}

async function stop(server: { child: ChildProcess; exited: ReturnType<typeof launch>['exited'] }) {
  server.child.kill('SIGTERM')
  return within(server.exited, 10_000, () => 'the server did not stop on SIGTERM')
}

describe('conto-server start', () => {
  test(
    'default: --seed serves the API, writes the credentials, stops cleanly on SIGTERM',
    async () => {
      const database = join(dir, 'data', 'conto.db')
      const credentialsFile = join(dir, 'out', 'credentials.json')
      const server = await startServer(database, ['--seed', '--credentials-out', credentialsFile])
      const credentials = await waitFor('the credentials file', () =>
        existsSync(credentialsFile)
          ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials)
          : undefined,
      )
      expect(Object.keys(credentials)).toEqual(credentialKeys)
      expect(credentials.baseUrl).toBe(server.baseUrl)
      expect(credentials.orgApiKey).toMatch(/^conto_[0-9a-f]{64}$/)
      expect(credentials.agentSdkKey).toMatch(/^conto_agent_[0-9a-f]{64}$/)

      const health = await fetch(`${server.baseUrl}/health`)
      expect(await health.json()).toMatchObject({ status: 'ok' })

      const agents = await get(server.baseUrl, '/api/agents', credentials.orgApiKey)
      expect(agents.status).toBe(200)
      expect(agents.body['agents']).toEqual([expect.objectContaining({ id: credentials.agentId })])

      const setup = await get(server.baseUrl, '/api/sdk/setup', credentials.agentSdkKey)
      expect(setup.status).toBe(200)
      expect(setup.body['agent']).toMatchObject({ id: credentials.agentId })
      expect((setup.body['wallets'] as Array<{ id: string }>).map((wallet) => wallet.id)).toEqual([
        credentials.managedWalletId,
        credentials.externalWalletId,
      ])

      const { code, signal } = await stop(server)
      expect(signal).toBeNull()
      expect(code).toBe(0)
      // stdout holds exactly the credentials JSON; logs went to stderr.
      const { stdout, stderr } = server.output()
      expect(JSON.parse(stdout)).toEqual(credentials)
      expect(stderr).toContain('listening')
      // The secret that encrypts wallet keys lives beside the database.
      expect(existsSync(join(dir, 'data', 'secret'))).toBe(true)
    },
    TEST_TIMEOUT,
  )

  test(
    'behavior: data persists across restarts of a file database',
    async () => {
      const database = join(dir, 'conto.db')
      const first = await startServer(database, ['--seed'])
      const credentials = JSON.parse(
        await waitFor('credentials on stdout', () => {
          const { stdout } = first.output()
          return stdout.trim().endsWith('}') ? stdout : undefined
        }),
      ) as Credentials
      expect((await stop(first)).code).toBe(0)

      const second = await startServer(database)
      const setup = await get(second.baseUrl, '/api/sdk/setup', credentials.agentSdkKey)
      expect(setup.status).toBe(200)
      expect(second.output().stdout).toBe('')
      expect((await stop(second)).code).toBe(0)
    },
    TEST_TIMEOUT,
  )

  test(
    'behavior: --database :memory: and --mode live',
    async () => {
      const server = await startServer(':memory:', ['--mode', 'live'])
      const health = await fetch(`${server.baseUrl}/health`)
      expect(await health.json()).toEqual({ status: 'ok', mode: 'live' })
      // Test-only routes are gone in live mode.
      const clock = await fetch(`${server.baseUrl}/api/test/clock`)
      expect(clock.status).toBe(404)
      expect((await stop(server)).code).toBe(0)
      expect(existsSync(join(dir, '.conto'))).toBe(false)
    },
    TEST_TIMEOUT,
  )

  test(
    'behavior: environment variables configure the server',
    async () => {
      const port = await freePort()
      const launched = launch(['start'], {
        CONTO_PORT: String(port),
        CONTO_HOST: '127.0.0.1',
        CONTO_DATABASE_PATH: join(dir, 'env.db'),
        CONTO_MODE: 'live',
      })
      const baseUrl = `http://127.0.0.1:${port}`
      await waitFor('the server', () => healthy(baseUrl))
      expect(await (await fetch(`${baseUrl}/health`)).json()).toMatchObject({ mode: 'live' })
      expect(existsSync(join(dir, 'env.db'))).toBe(true)
      expect((await stop(launched)).code).toBe(0)
    },
    TEST_TIMEOUT,
  )

  test(
    'error: a port in use exits with code 1',
    async () => {
      const server = await startServer(':memory:')
      const clash = await run(['start', '--port', String(server.port), '--database', ':memory:'])
      expect(clash.code).toBe(1)
      expect(clash.stderr).toMatch(/EADDRINUSE/)
      expect((await stop(server)).code).toBe(0)
    },
    TEST_TIMEOUT,
  )
})

describe('conto-server seed', () => {
  test(
    'default: twice on one database, same organization and agent, fresh keys, all keys work',
    async () => {
      const database = join(dir, 'conto.db')
      const credentialsFile = join(dir, 'credentials.json')
      const first = await run([
        'seed',
        '--database',
        database,
        '--credentials-out',
        credentialsFile,
      ])
      expect(first.code).toBe(0)
      const firstCredentials = JSON.parse(first.stdout) as Credentials
      expect(Object.keys(firstCredentials)).toEqual(credentialKeys)
      expect(JSON.parse(readFileSync(credentialsFile, 'utf8'))).toEqual(firstCredentials)

      const second = await run([
        'seed',
        '--database',
        database,
        '--credentials-out',
        credentialsFile,
      ])
      expect(second.code).toBe(0)
      const secondCredentials = JSON.parse(second.stdout) as Credentials
      expect(JSON.parse(readFileSync(credentialsFile, 'utf8'))).toEqual(secondCredentials)
      expect(secondCredentials.organizationId).toBe(firstCredentials.organizationId)
      expect(secondCredentials.agentId).toBe(firstCredentials.agentId)
      expect(secondCredentials.managedWalletId).toBe(firstCredentials.managedWalletId)
      expect(secondCredentials.externalWalletId).toBe(firstCredentials.externalWalletId)
      expect(secondCredentials.orgApiKey).not.toBe(firstCredentials.orgApiKey)
      expect(secondCredentials.agentSdkKey).not.toBe(firstCredentials.agentSdkKey)

      const server = await startServer(database)
      for (const credentials of [firstCredentials, secondCredentials]) {
        const agents = await get(server.baseUrl, '/api/agents', credentials.orgApiKey)
        expect(agents.status).toBe(200)
        expect(agents.body['agents']).toHaveLength(1)
        const setup = await get(server.baseUrl, '/api/sdk/setup', credentials.agentSdkKey)
        expect(setup.status).toBe(200)
        expect(setup.body['agent']).toMatchObject({ id: firstCredentials.agentId })
      }
      expect((await stop(server)).code).toBe(0)
    },
    TEST_TIMEOUT,
  )
})

describe('conto-server usage', () => {
  test(
    'default: --help prints the usage and exits 0',
    async () => {
      const help = await run(['--help'])
      expect(help.code).toBe(0)
      expect(help.stdout).toContain('Usage: conto-server <command>')
      expect(help.stdout).toContain('--credentials-out')
      const startHelp = await run(['start', '--help'])
      expect(startHelp.code).toBe(0)
      expect(startHelp.stdout).toContain('--port')
    },
    TEST_TIMEOUT,
  )

  test(
    'error: unknown flags, commands and values exit 2 with a clear message',
    async () => {
      // One at a time: each run compiles the CLI, and CI has two cores.
      const results = []
      for (const args of [
        ['start', '--prot', '3006'],
        ['seed', '--port', '3006'],
        ['serve'],
        [],
        ['start', '--mode', 'production'],
        ['start', '--port', 'abc'],
        ['start', 'extra-positional'],
        ['start', '--credentials-out', join(dir, 'c.json')],
      ]) {
        results.push(await run(args))
      }
      for (const result of results) {
        expect(result.code, result.stderr).toBe(2)
        expect(result.stderr).toMatch(/^conto-server: /)
        expect(result.stdout).toBe('')
      }
      expect(results[0]?.stderr).toContain("'--prot'")
      expect(results[2]?.stderr).toContain('unknown command "serve"')
      expect(results[3]?.stderr).toContain('missing command')
      expect(results[4]?.stderr).toContain('mode')
    },
    TEST_TIMEOUT,
  )
})
