import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'

/**
 * Crash safety (issue 5): the real `conto-server start` in a child process takes a burst of
 * payment requests and is killed with SIGKILL in the middle of it; restarted on the same
 * database, it still knows every payment it acknowledged, in the state it acknowledged, and the
 * SQLite file passes `PRAGMA integrity_check`. Every wait is bounded; every child is killed.
 */

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsx = join(packageDir, 'node_modules', '.bin', 'tsx')
const cli = join(packageDir, 'src', 'cli.ts')
const WAIT_MS = 20_000
const TEST_TIMEOUT = 120_000
const BURST = 40
/** SIGKILL once this many requests of the burst were acknowledged. */
const KILL_AFTER = 20
/** Requests in flight at once, so several are mid-transaction when the kill lands. */
const IN_FLIGHT = 6
const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'

interface Credentials {
  baseUrl: string
  orgApiKey: string
  agentSdkKey: string
}

interface Server {
  readonly child: ChildProcess
  readonly baseUrl: string
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  readonly stderr: () => string
}

let dir: string
const children: ChildProcess[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'conto-crash-'))
})

afterEach(() => {
  for (const child of children.splice(0)) killGroup(child, 'SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Signals the child's whole process group: `tsx` runs the CLI in a node child of its own, and a
 * SIGKILL of the tsx process alone would leave that server running.
 */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/** Polls `check` every 100 ms until it returns a value, for at most WAIT_MS. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + WAIT_MS
  while (Date.now() < deadline) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
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

/** `conto-server start` on a free port, in its own process group; resolves once /health answers. */
async function start(database: string, extra: string[] = []): Promise<Server> {
  const port = await freePort()
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CONTO_')),
  )
  const child = spawn(
    tsx,
    [
      '--conditions=@conto/source',
      cli,
      'start',
      '--port',
      String(port),
      '--database',
      database,
      ...extra,
    ],
    {
      cwd: dir,
      env: { ...env, CONTO_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    },
  )
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const baseUrl = `http://127.0.0.1:${port}`
  await waitFor('the server to answer /health', async () => {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${stderr}`)
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) })
      return response.ok ? true : undefined
    } catch {
      return undefined
    }
  })
  return { child, baseUrl, exited, stderr: () => stderr }
}

async function call(baseUrl: string, method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  })
  // biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary JSON bodies.
  return { status: response.status, body: (await response.json()) as any }
}

/** The instant to freeze the clock at: now on a weekday, else the next Wednesday at noon UTC. */
function weekdayInstant(now = new Date()): string {
  const day = now.getUTCDay()
  if (day >= 1 && day <= 5) return now.toISOString()
  const wednesday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((3 - day + 7) % 7), 12),
  )
  return wednesday.toISOString()
}

interface Acknowledged {
  readonly requestId: string
  /** The state the server answered with: EXECUTED for an auto-executed payment. */
  readonly status: string
  readonly txHash: string | undefined
}

describe('crash safety', () => {
  test(
    'behavior: after SIGKILL mid-burst, a restart finds every acknowledged payment and an intact database',
    async () => {
      const database = join(dir, 'data', 'conto.db')
      const credentialsFile = join(dir, 'credentials.json')
      const first = await start(database, ['--seed', '--credentials-out', credentialsFile])
      const credentials = await waitFor('the credentials file', () =>
        existsSync(credentialsFile)
          ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials)
          : undefined,
      )
      // Frozen, so acknowledged APPROVED requests cannot expire while the test runs, and on a
      // weekday, so the seeded Mon–Fri link allows payments.
      const clock = await call(first.baseUrl, 'POST', '/api/test/clock', credentials.orgApiKey, {
        now: weekdayInstant(),
      })
      expect(clock.status, JSON.stringify(clock.body)).toBe(200)

      const acknowledged: Acknowledged[] = []
      const failures: string[] = []
      let next = 0
      let killed = false
      const sendOne = async (index: number) => {
        try {
          const response = await call(
            first.baseUrl,
            'POST',
            '/api/sdk/payments/request',
            credentials.agentSdkKey,
            {
              amount: 1 + (index % 5) / 100,
              recipientAddress: RECIPIENT,
              purpose: `burst ${index}`,
              // Every third payment settles in the same request: its ledger writes are at stake too.
              ...(index % 3 === 0 ? { autoExecute: true } : {}),
            },
          )
          if (response.status !== 200) {
            failures.push(`${index}: ${response.status} ${JSON.stringify(response.body)}`)
            return
          }
          acknowledged.push({
            requestId: response.body.requestId,
            status: response.body.execution ? 'EXECUTED' : response.body.status,
            txHash: response.body.execution?.txHash,
          })
          if (acknowledged.length >= KILL_AFTER && !killed) {
            killed = true
            killGroup(first.child, 'SIGKILL')
          }
        } catch {
          // The connection died with the server: not acknowledged.
        }
      }
      const worker = async () => {
        while (next < BURST && !killed) await sendOne(next++)
      }
      await within(
        Promise.all(Array.from({ length: IN_FLIGHT }, worker)),
        WAIT_MS,
        'the burst to finish',
      )
      expect(failures).toEqual([])
      expect(killed).toBe(true)
      expect(next).toBeLessThan(BURST)
      const exit = await within(first.exited, WAIT_MS, 'the killed server to exit')
      expect(exit.signal).toBe('SIGKILL')
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER)
      expect(
        acknowledged.every((entry) => entry.status === 'APPROVED' || entry.status === 'EXECUTED'),
      ).toBe(true)
      expect(acknowledged.some((entry) => entry.status === 'EXECUTED')).toBe(true)

      const second = await start(database)
      for (const entry of acknowledged) {
        const found = await call(
          second.baseUrl,
          'GET',
          `/api/sdk/payments/${entry.requestId}`,
          credentials.agentSdkKey,
        )
        expect(found.status, `${entry.requestId}: ${JSON.stringify(found.body)}`).toBe(200)
        expect(found.body.status, entry.requestId).toBe(entry.status)
        if (entry.txHash !== undefined) expect(found.body.execution?.txHash).toBe(entry.txHash)
      }
      // Every executed payment left exactly one transaction behind.
      const executed = acknowledged.filter((entry) => entry.status === 'EXECUTED')
      const transactions = await call(
        second.baseUrl,
        'GET',
        '/api/sdk/transactions?limit=100',
        credentials.agentSdkKey,
      )
      expect(transactions.status).toBe(200)
      const hashes = (transactions.body.transactions as Array<{ txHash: string | null }>).map(
        (transaction) => transaction.txHash,
      )
      for (const entry of executed) {
        expect(hashes.filter((hash) => hash === entry.txHash)).toHaveLength(1)
      }

      killGroup(second.child, 'SIGTERM')
      const stopped = await within(second.exited, WAIT_MS, 'the restarted server to stop')
      expect(stopped.code, second.stderr()).toBe(0)

      const sqlite = new BetterSqlite3(database)
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        const ids = acknowledged.map((entry) => entry.requestId)
        const stored = sqlite
          .prepare(
            `select count(*) as n from payment_requests where id in (${ids.map(() => '?').join(',')})`,
          )
          .get(...ids) as { n: number }
        expect(stored.n).toBe(ids.length)
      } finally {
        sqlite.close()
      }
    },
    TEST_TIMEOUT,
  )
})
