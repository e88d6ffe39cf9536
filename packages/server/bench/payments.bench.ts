/**
 * `pnpm bench` in @conto/server (issue 5, "Performance"): `POST /api/sdk/payments/request` over
 * loopback with autocannon at 32 connections (throughput, p50, p99), next to a baseline endpoint
 * mounted only here that does auth + one insert — the ceiling of this stack (Hono + node-server +
 * better-sqlite3). Then p50 of one payment request with 1,000,000 past transactions vs none, and
 * p50 with many live reservations (APPROVED, not executed) vs none.
 *
 * Targets on a 2-core machine: payments ≥ 40 % of the baseline's throughput, p99 ≤ 15 ms, and p50
 * with 1M past transactions ≤ 1.2 × p50 with none.
 *
 * Setup: the server runs in a child process (`server-process.ts`: `startServer` on 127.0.0.1, a
 * temporary file database, seeded), so autocannon — in this process — does not compete with it
 * for one event loop; the test clock is frozen on a Wednesday. The per-agent payment rate limit (60 a minute)
 * holds on a frozen clock, so the load is spread round-robin over enough agents, each with its own
 * wallet and no link limits; the seeded agent and wallet get their limits lifted through the org
 * API for the sequential measurements, which move the clock 6 minutes between batches (their
 * reservations expire and the rate-limit window slides). Everything is bounded in time.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import {
  type BenchCommand,
  type BenchReply,
  HISTORY_ROWS,
  NO_LIMITS,
  RECIPIENT,
} from './protocol.js'

const CONNECTIONS = 32
const DURATION_S = 10
const WARMUP_S = 2
const BATCH = 50
const BATCHES = 8
/** Payment requests one agent may send per minute (`defaults.rateLimits.sdkPayment`). */
const AGENT_RATE_LIMIT = 60
const HARD_TIMEOUT_MS = 15 * 60_000

const watchdog = setTimeout(() => {
  console.error('bench: timed out')
  process.exit(1)
}, HARD_TIMEOUT_MS)
watchdog.unref()

/** 08:00 UTC on the first Wednesday after today (real time), as ISO. */
function nextWednesday(): string {
  const now = new Date()
  const days = ((3 - now.getUTCDay() + 7) % 7) + 7
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 8),
  ).toISOString()
}

const fmt = (value: number, digits = 2) => value.toFixed(digits)
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

async function main(): Promise<void> {
  const child = new ServerProcess()
  try {
    await bench(child)
  } finally {
    await child.close()
  }
}

/** The server in a child process (`server-process.ts`), driven over IPC. */
class ServerProcess {
  readonly #child: ChildProcess
  #pending: ((reply: BenchReply) => void) | undefined

  constructor() {
    const profileDir = process.env['BENCH_CPU_PROF']
    this.#child = fork(new URL('./server-process.ts', import.meta.url), [], {
      execArgv: [
        '--import',
        'tsx',
        '--conditions=@conto/source',
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.#child.on('message', (reply: BenchReply) => {
      const pending = this.#pending
      this.#pending = undefined
      pending?.(reply)
    })
    this.#child.on('exit', (code) => {
      if (this.#pending) {
        console.error(`bench: the server process exited (${code})`)
        process.exit(1)
      }
    })
  }

  get pid(): number | undefined {
    return this.#child.pid
  }

  send(command: BenchCommand): Promise<BenchReply> {
    if (this.#pending) throw new Error('one command at a time')
    return new Promise((resolve, reject) => {
      this.#pending = (reply) =>
        reply.kind === 'error' ? reject(new Error(reply.message)) : resolve(reply)
      this.#child.send(command)
    })
  }

  async close(): Promise<void> {
    if (!this.#child.connected) return
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    await this.send({ kind: 'close' }).catch(() => undefined)
    await exited
  }
}

async function bench(child: ServerProcess): Promise<void> {
  const started = await child.send({ kind: 'start' })
  if (started.kind !== 'started') throw new Error(`unexpected reply ${started.kind}`)
  const { url, credentials } = started

  // --- org API: freeze the clock on a Wednesday, lift the seeded link's limits --------------
  const org = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${credentials.orgApiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    })
    const json = (await response.json()) as Record<string, unknown>
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
    return json
  }
  await org('POST', '/api/test/clock', { now: nextWednesday() })
  await org(
    'PATCH',
    `/api/agents/${credentials.agentId}/wallets/${credentials.managedWalletId}`,
    NO_LIMITS,
  )
  await org('POST', `/api/wallets/${credentials.managedWalletId}/fund`, { amount: 1_000_000 })
  console.log(`server ${url} (child process ${child.pid}), clock frozen on a Wednesday 08:00 UTC`)

  // BENCH_ONLY_SEQUENTIAL=1: skip the load test (for the history and reservation figures).
  if (!process.env['BENCH_ONLY_SEQUENTIAL']) await loadTest(child, url, credentials)
  // BENCH_ONLY_LOAD=1: stop after the load test (for profiling the hot path).
  if (process.env['BENCH_ONLY_LOAD']) return

  // --- p50 with 1,000,000 past transactions vs none ----------------------------------------
  /**
   * Sequential requests of the seeded agent in BATCHES batches of BATCH, the clock moved 6
   * minutes before each batch (the previous batch's reservations expire, the rate-limit window
   * slides). Times the request, or with `execute` the execution of each approved request.
   */
  const sequential = async (label: string, options: { execute?: boolean } = {}) => {
    const times: number[] = []
    const sdk = async (path: string, body?: unknown) => {
      const started = performance.now()
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credentials.agentSdkKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      })
      const json = (await response.json()) as { status?: string; requestId?: string }
      return { json, ms: performance.now() - started }
    }
    for (let batch = 0; batch < BATCHES; batch++) {
      await org('POST', '/api/test/clock', { advanceSeconds: 360 })
      // request + execute count twice against the per-agent payment rate limit.
      for (let i = 0; i < (options.execute ? BATCH / 2 : BATCH); i++) {
        const requested = await sdk('/api/sdk/payments/request', {
          amount: 0.01,
          recipientAddress: RECIPIENT,
          walletId: credentials.managedWalletId,
        })
        if (requested.json.status !== 'APPROVED') {
          throw new Error(`${label}: ${JSON.stringify(requested.json)}`)
        }
        if (!options.execute) {
          times.push(requested.ms)
          continue
        }
        const executed = await sdk(`/api/sdk/payments/${requested.json.requestId}/execute`)
        if (executed.json.status !== 'COMPLETED') {
          throw new Error(`${label}: ${JSON.stringify(executed.json)}`)
        }
        times.push(executed.ms)
      }
    }
    times.sort((a, b) => a - b)
    return { p50: percentile(times, 50), p99: percentile(times, 99), n: times.length }
  }

  const none = await sequential('no history')
  const noneExecute = await sequential('no history, execute', { execute: true })
  const inserted = await child.send({ kind: 'insertHistory' })
  const insertSeconds = inserted.kind === 'done' ? inserted.seconds : Number.NaN
  await settle(url)
  const history = await sequential('1M history')
  const historyExecute = await sequential('1M history, execute', { execute: true })
  console.log('')
  console.log(
    `sequential payments.request, seeded agent (${none.n} requests each; ${HISTORY_ROWS.toLocaleString('en')} transactions + spend_days inserted in ${fmt(insertSeconds, 1)} s)`,
  )
  console.table({
    'no history': { 'p50 (ms)': fmt(none.p50), 'p99 (ms)': fmt(none.p99) },
    '1M transactions': { 'p50 (ms)': fmt(history.p50), 'p99 (ms)': fmt(history.p99) },
  })
  console.log(`p50 ratio 1M/none: ${fmt(history.p50 / none.p50)} (target ≤ 1.2)`)
  console.log('payments.execute of the same agent and wallet (not a target; for comparison)')
  console.table({
    'no history': { 'p50 (ms)': fmt(noneExecute.p50), 'p99 (ms)': fmt(noneExecute.p99) },
    '1M transactions': {
      'p50 (ms)': fmt(historyExecute.p50),
      'p99 (ms)': fmt(historyExecute.p99),
    },
  })

  // --- live reservations (APPROVED, never executed) -----------------------------------------
  const reservationRows: Record<string, { 'p50 (ms)': string; 'p99 (ms)': string }> = {}
  for (const live of [0, 1_000, 10_000, 100_000]) {
    await child.send({ kind: 'insertLiveReservations', count: live })
    await settle(url)
    const measured = await sequential(`${live} live reservations`)
    reservationRows[`${live.toLocaleString('en')} live`] = {
      'p50 (ms)': fmt(measured.p50),
      'p99 (ms)': fmt(measured.p99),
    }
    await child.send({ kind: 'deleteLiveReservations' })
    await settle(url)
  }
  console.log('')
  console.log('sequential payments.request with live reservations of the same agent and wallet')
  console.table(reservationRows)
}

/**
 * After a long synchronous insert the server's keep-alive timers fire at once and close idle
 * client sockets; let that happen and make sure a fresh request gets through before measuring.
 */
async function settle(url: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })
      await response.text()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error('the server does not answer /health')
}

function row(result: autocannon.Result & { serverCpuMicros?: number }) {
  return {
    'req/s': fmt(result.requests.average, 0),
    'server CPU (µs/req)':
      result.serverCpuMicros === undefined
        ? '-'
        : fmt(result.serverCpuMicros / Math.max(1, result.requests.total), 0),
    'p50 (ms)': result.latency.p50,
    'p99 (ms)': result.latency.p99,
    requests: result.requests.total,
    'non-2xx': result.non2xx,
  }
}

/** `load`, with the CPU time the server process spent meanwhile. */
async function measured(
  child: ServerProcess,
  options: autocannon.Options,
): Promise<autocannon.Result & { serverCpuMicros: number }> {
  const before = await child.send({ kind: 'cpuUsage' })
  const result = await load(options)
  const after = await child.send({ kind: 'cpuUsage' })
  const micros =
    before.kind === 'cpuUsage' && after.kind === 'cpuUsage'
      ? after.micros - before.micros
      : Number.NaN
  return { ...result, serverCpuMicros: micros }
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (error, result) => {
      if (error) reject(error)
      else resolve(result)
    })
  })
}

main().then(
  () => {
    clearTimeout(watchdog)
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)

/** (a) the baseline and (b) payments.request under autocannon, side by side. */
async function loadTest(
  child: ServerProcess,
  url: string,
  credentials: Extract<BenchReply, { kind: 'started' }>['credentials'],
): Promise<void> {
  // --- (a) baseline ---------------------------------------------------------------------------
  const baselineOptions = {
    url: `${url}/bench/baseline`,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${credentials.agentSdkKey}` },
  }
  await load({ ...baselineOptions, duration: WARMUP_S })
  const baseline = await measured(child, { ...baselineOptions, duration: DURATION_S })

  // --- (b) payments.request, round-robin over enough agents for the per-agent rate limit ----
  const expected = Math.max(baseline.requests.average, 500) * (DURATION_S + WARMUP_S) * 1.25
  const agentCount = Math.min(3_000, Math.ceil(expected / (AGENT_RATE_LIMIT - 5)))
  const created = await child.send({ kind: 'createAgents', count: agentCount })
  if (created.kind !== 'agents') throw new Error(`unexpected reply ${created.kind}`)
  const keys = created.keys
  console.log(`created ${agentCount} agents with their own wallets in ${fmt(created.seconds, 1)} s`)
  let next = 0
  const statuses = new Map<string, number>()
  let sampled = 0
  const paymentOptions = (duration: number): autocannon.Options => ({
    url: `${url}/api/sdk/payments/request`,
    method: 'POST',
    duration,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 0.01, recipientAddress: RECIPIENT, purpose: 'bench' }),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            authorization: `Bearer ${keys[next++ % keys.length]}`,
          },
        }),
        onResponse: (status, body) => {
          if (++sampled % 20 !== 0) return
          const decision =
            status === 200
              ? String((JSON.parse(body) as { status: string }).status)
              : `HTTP ${status}`
          statuses.set(decision, (statuses.get(decision) ?? 0) + 1)
        },
      },
    ],
  })
  await load(paymentOptions(WARMUP_S))
  statuses.clear()
  const payments = await measured(child, paymentOptions(DURATION_S))

  console.log('')
  console.log(
    `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each (after ${WARMUP_S} s warm-up)`,
  )
  console.table({
    baseline: row(baseline),
    'payments.request': row(payments),
  })
  const ratio = payments.requests.average / baseline.requests.average
  console.log(
    `throughput ratio payments/baseline: ${fmt(ratio * 100, 1)} % (target ≥ 40 %); payments p99 ${payments.latency.p99} ms (target ≤ 15 ms)`,
  )
  console.log(
    `sampled payment decisions (1 in 20): ${JSON.stringify(Object.fromEntries(statuses))}; non-2xx: ${payments.non2xx}, errors: ${payments.errors}, timeouts: ${payments.timeouts}`,
  )
  if (payments.non2xx > 0 || [...statuses.keys()].some((status) => status !== 'APPROVED')) {
    console.log('WARNING: not every payment request was APPROVED')
  }
}
