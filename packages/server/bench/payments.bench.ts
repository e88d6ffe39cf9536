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
 * Setup: the server runs in this process on 127.0.0.1 (`startServer`, a temporary file database,
 * seeded), the test clock frozen on a Wednesday. The per-agent payment rate limit (60 a minute)
 * holds on a frozen clock, so the load is spread round-robin over enough agents, each with its own
 * wallet and no link limits; the seeded agent and wallet get their limits lifted through the org
 * API for the sequential measurements, which move the clock 6 minutes between batches (their
 * reservations expire and the rate-limit window slides). Everything is bounded in time.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  createAgentParamsSchema,
  createAgentWalletLinkParamsSchema,
  createSdkKeyParamsSchema,
  createWalletParamsSchema,
  orgKeyScopePresets,
  sdkPaymentEndpoints,
} from '@conto/schemas'
import autocannon from 'autocannon'
import { auditLogs } from '../src/db/schema.js'
import type { Auth, ServiceDeps } from '../src/deps.js'
import { ApiError } from '../src/errors.js'
import { createId } from '../src/ids.js'
import { createLogger } from '../src/logger.js'
import { startServer } from '../src/main.js'
import { authenticate } from '../src/middleware/authenticate.js'
import { linkWallet } from '../src/services/agent-wallet-links.js'
import { createAgent } from '../src/services/agents.js'
import { agentPaymentScopes } from '../src/services/sandbox.js'
import { createSdkKey } from '../src/services/sdk-keys.js'
import { createWallet, fundWallet } from '../src/services/wallets.js'

const CONNECTIONS = 32
const DURATION_S = 10
const WARMUP_S = 2
const HISTORY_ROWS = 1_000_000
const BATCH = 50
const BATCHES = 8
const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
const ALL_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const NO_LIMITS = {
  spendLimitPerTx: null,
  spendLimitDaily: null,
  spendLimitWeekly: null,
  spendLimitMonthly: null,
  allowedDays: ALL_DAYS,
}
const DAY_MS = 86_400_000
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
  const dir = mkdtempSync(join(tmpdir(), 'conto-bench-'))
  const running = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      database: join(dir, 'conto.db'),
      mode: 'test',
      logLevel: 'warn',
      dataDir: dir,
    },
    {
      seed: true,
      logger: createLogger('warn'),
      secret: new Uint8Array(randomBytes(32)),
      handleSignals: false,
    },
  )
  try {
    await bench(running)
  } finally {
    await running.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

type Running = Awaited<ReturnType<typeof startServer>>

async function bench(running: Running): Promise<void> {
  const { app, url, database } = running
  const credentials = running.credentials
  if (!credentials) throw new Error('the server was not seeded')
  const deps = app.deps

  // --- the baseline route: agent-key auth + one insert -------------------------------------
  let baselineSequence = 0
  app.post('/bench/baseline', (c) => {
    const auth = authenticate(deps, sdkPaymentEndpoints.request, c.req.header('authorization'))
    if (auth.kind !== 'agent') throw new ApiError('INSUFFICIENT_SCOPE', 'agent key required')
    const id = createId()
    const now = deps.clock.now()
    deps.db
      .insert(auditLogs)
      .values({
        id,
        // A chain of its own, so the organization's audit chain stays intact.
        organizationId: `bench:${auth.organizationId}`,
        sequence: ++baselineSequence,
        action: 'BENCH',
        resource: 'bench',
        resourceId: auth.agentId,
        actorType: 'AGENT',
        actorId: auth.agentId,
        previousHash: '0'.repeat(64),
        hash: '0'.repeat(64),
        createdAt: now,
      })
      .run()
    return c.json({ id })
  })

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
  console.log(`server ${url}, clock frozen at ${new Date(deps.clock.now()).toISOString()}`)

  // --- (a) baseline ---------------------------------------------------------------------------
  const baselineOptions = {
    url: `${url}/bench/baseline`,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${credentials.agentSdkKey}` },
  }
  await load({ ...baselineOptions, duration: WARMUP_S })
  const baseline = await load({ ...baselineOptions, duration: DURATION_S })

  // --- (b) payments.request, round-robin over enough agents for the per-agent rate limit ----
  const expected = Math.max(baseline.requests.average, 500) * (DURATION_S + WARMUP_S) * 1.25
  const agentCount = Math.min(3_000, Math.ceil(expected / (AGENT_RATE_LIMIT - 5)))
  const setupStart = performance.now()
  const keys = createPaymentAgents(deps, credentials.organizationId, agentCount)
  console.log(
    `created ${agentCount} agents with their own wallets in ${fmt((performance.now() - setupStart) / 1000, 1)} s`,
  )
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
  const payments = await load(paymentOptions(DURATION_S))

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
  const insertStart = performance.now()
  insertHistory(database.sqlite, {
    organizationId: credentials.organizationId,
    agentId: credentials.agentId,
    walletId: credentials.managedWalletId,
    now: deps.clock.now(),
  })
  const insertSeconds = (performance.now() - insertStart) / 1000
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
    insertLiveReservations(database.sqlite, {
      organizationId: credentials.organizationId,
      agentId: credentials.agentId,
      walletId: credentials.managedWalletId,
      now: deps.clock.now(),
      count: live,
    })
    await settle(url)
    const measured = await sequential(`${live} live reservations`)
    reservationRows[`${live.toLocaleString('en')} live`] = {
      'p50 (ms)': fmt(measured.p50),
      'p99 (ms)': fmt(measured.p99),
    }
    database.sqlite.prepare("delete from reservations where source_id like 'bench_res_%'").run()
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

function row(result: autocannon.Result) {
  return {
    'req/s': fmt(result.requests.average, 0),
    'p50 (ms)': result.latency.p50,
    'p99 (ms)': result.latency.p99,
    requests: result.requests.total,
    'non-2xx': result.non2xx,
  }
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (error, result) => {
      if (error) reject(error)
      else resolve(result)
    })
  })
}

/** `count` agents, each with a funded PRIVY wallet linked without limits, and an SDK key. */
function createPaymentAgents(deps: ServiceDeps, organizationId: string, count: number): string[] {
  const auth: Auth = {
    kind: 'org',
    organizationId,
    keyId: 'bench',
    scopes: new Set(orgKeyScopePresets.ADMIN),
  }
  const call = { deps, auth }
  const keys: string[] = []
  for (let i = 0; i < count; i++) {
    const agent = createAgent(
      call,
      createAgentParamsSchema.parse({ name: `Bench agent ${i}`, agentType: 'CUSTOM' }),
    )
    const { wallet } = createWallet(
      call,
      createWalletParamsSchema.parse({ name: `Bench wallet ${i}`, custodyType: 'PRIVY' }),
    )
    fundWallet(call, wallet.id, { amount: 10_000 })
    linkWallet(
      call,
      agent.id,
      createAgentWalletLinkParamsSchema.parse({ walletId: wallet.id, ...NO_LIMITS }),
    )
    keys.push(
      createSdkKey(
        call,
        agent.id,
        createSdkKeyParamsSchema.parse({ name: 'Bench key', scopes: [...agentPaymentScopes] }),
      ).key,
    )
  }
  return keys
}

interface HistoryTarget {
  readonly organizationId: string
  readonly agentId: string
  readonly walletId: string
  readonly now: number
}

type Sqlite = Running['database']['sqlite']

/**
 * 1,000,000 COMPLETED transactions of 0.001 spread over the year before `now`, and the matching
 * `spend_days` rows (sum and count per UTC day), in one SQLite transaction.
 */
function insertHistory(sqlite: Sqlite, target: HistoryTarget): void {
  const start = target.now - 365 * DAY_MS
  const span = 365 * DAY_MS - 3_600_000
  const amount = 1_000
  const insertTransaction = sqlite.prepare(
    `insert into transactions (id, organization_id, agent_id, wallet_id, kind, status,
       amount_micros, currency, chain_id, tx_hash, from_address, to_address, to_key, simulated,
       confirmed_at, created_at)
     values (?, ?, ?, ?, 'standard', 'COMPLETED', ?, 'pathUSD', '42431', ?, NULL, ?, ?, 1, ?, ?)`,
  )
  const upsertDay = sqlite.prepare(
    `insert into spend_days (agent_id, wallet_id, day, amount_micros, count) values (?, ?, ?, ?, ?)
     on conflict (agent_id, wallet_id, day) do update set
       amount_micros = amount_micros + excluded.amount_micros, count = count + excluded.count`,
  )
  const recipientKey = RECIPIENT.toLowerCase()
  sqlite.transaction(() => {
    const days = new Map<number, number>()
    for (let i = 0; i < HISTORY_ROWS; i++) {
      const createdAt = start + Math.floor((i * span) / HISTORY_ROWS)
      insertTransaction.run(
        `bench_tx_${i}`,
        target.organizationId,
        target.agentId,
        target.walletId,
        amount,
        `0x${i.toString(16).padStart(64, '0')}`,
        RECIPIENT,
        recipientKey,
        createdAt,
        createdAt,
      )
      const day = createdAt - (createdAt % DAY_MS)
      days.set(day, (days.get(day) ?? 0) + 1)
    }
    for (const [day, count] of days) {
      upsertDay.run(target.agentId, target.walletId, day, count * amount, count)
    }
  })()
  const check = sqlite
    .prepare(
      `select (select count(*) from transactions where agent_id = ?) as transactions,
              (select sum(count) from spend_days where agent_id = ?) as rolled`,
    )
    .get(target.agentId, target.agentId) as { transactions: number; rolled: number }
  if (check.transactions !== check.rolled) {
    throw new Error(`spend_days out of step: ${JSON.stringify(check)}`)
  }
}

/** `count` live reservations of 1 micro-unit for the agent and wallet, created at `now`. */
function insertLiveReservations(
  sqlite: Sqlite,
  target: HistoryTarget & { readonly count: number },
): void {
  const insert = sqlite.prepare(
    `insert into reservations (id, organization_id, agent_id, wallet_id, recipient_key,
       source_type, source_id, amount_micros, expires_at, released_at, created_at)
     values (?, ?, ?, ?, ?, 'payment_request', ?, 1, ?, NULL, ?)`,
  )
  sqlite.transaction(() => {
    for (let i = 0; i < target.count; i++) {
      insert.run(
        `bench_res_${i}`,
        target.organizationId,
        target.agentId,
        target.walletId,
        RECIPIENT.toLowerCase(),
        `bench_res_${i}`,
        // Live through every batch of the measurement (the clock moves 6 minutes per batch).
        target.now + DAY_MS,
        target.now,
      )
    }
  })()
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
