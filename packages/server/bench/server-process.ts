/**
 * The server side of `pnpm bench` (`payments.bench.ts`), run in a child process so the load
 * generator (autocannon) does not share the server's event loop: starts the reference server on
 * a temporary file database (seeded, test mode), mounts the baseline route, and answers the
 * parent's setup commands over IPC (create agents, insert history, insert live reservations).
 * With `BENCH_CPU_PROF=<dir>` the parent starts this process with `--cpu-prof` into that folder.
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
import { auditLogs } from '../src/db/schema.js'
import type { Auth, ServiceDeps } from '../src/deps.js'
import { ApiError } from '../src/errors.js'
import { createId } from '../src/ids.js'
import { createLogger } from '../src/logger.js'
import { type RunningServer, startServer } from '../src/main.js'
import { authenticate } from '../src/middleware/authenticate.js'
import { linkWallet } from '../src/services/agent-wallet-links.js'
import { createAgent } from '../src/services/agents.js'
import { agentPaymentScopes } from '../src/services/sandbox.js'
import { createSdkKey } from '../src/services/sdk-keys.js'
import { createWallet, fundWallet } from '../src/services/wallets.js'
import {
  type BenchCommand,
  type BenchReply,
  DAY_MS,
  HISTORY_ROWS,
  NO_LIMITS,
  RECIPIENT,
} from './protocol.js'

const dir = mkdtempSync(join(tmpdir(), 'conto-bench-'))
let running: RunningServer | undefined

async function start(): Promise<BenchReply> {
  running = await startServer(
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
  const credentials = running.credentials
  if (!credentials) throw new Error('the server was not seeded')
  mountBaseline(running)
  return { kind: 'started', url: running.url, credentials }
}

/** The baseline route: agent-key auth + one insert — the ceiling of this stack. */
function mountBaseline({ app }: RunningServer): void {
  const deps = app.deps
  let sequence = 0
  app.post('/bench/baseline', (c) => {
    const auth = authenticate(deps, sdkPaymentEndpoints.request, c.req.header('authorization'))
    if (auth.kind !== 'agent') throw new ApiError('INSUFFICIENT_SCOPE', 'agent key required')
    const id = createId()
    deps.db
      .insert(auditLogs)
      .values({
        id,
        // A chain of its own, so the organization's audit chain stays intact.
        organizationId: `bench:${auth.organizationId}`,
        sequence: ++sequence,
        action: 'BENCH',
        resource: 'bench',
        resourceId: auth.agentId,
        actorType: 'AGENT',
        actorId: auth.agentId,
        previousHash: '0'.repeat(64),
        hash: '0'.repeat(64),
        createdAt: deps.clock.now(),
      })
      .run()
    return c.json({ id })
  })
}

function server(): RunningServer {
  if (!running) throw new Error('the server is not started')
  return running
}

async function handle(command: BenchCommand): Promise<BenchReply> {
  switch (command.kind) {
    case 'start':
      return start()
    case 'createAgents': {
      const started = performance.now()
      const { app, credentials } = server()
      const keys = createPaymentAgents(app.deps, credentials?.organizationId ?? '', command.count)
      return { kind: 'agents', keys, seconds: (performance.now() - started) / 1000 }
    }
    case 'insertHistory': {
      const started = performance.now()
      const { database, credentials, app } = server()
      insertHistory(database.sqlite, targetOf(credentials, app.deps.clock.now()))
      return { kind: 'done', seconds: (performance.now() - started) / 1000 }
    }
    case 'insertLiveReservations': {
      const { database, credentials, app } = server()
      insertLiveReservations(database.sqlite, {
        ...targetOf(credentials, app.deps.clock.now()),
        count: command.count,
      })
      return { kind: 'done', seconds: 0 }
    }
    case 'deleteLiveReservations':
      server()
        .database.sqlite.prepare("delete from reservations where source_id like 'bench_res_%'")
        .run()
      return { kind: 'done', seconds: 0 }
    case 'cpuUsage': {
      const usage = process.cpuUsage()
      return { kind: 'cpuUsage', micros: usage.user + usage.system }
    }
    case 'close':
      await running?.close()
      running = undefined
      rmSync(dir, { recursive: true, force: true })
      setImmediate(() => process.exit(0))
      return { kind: 'done', seconds: 0 }
  }
}

function targetOf(credentials: RunningServer['credentials'], now: number): HistoryTarget {
  if (!credentials) throw new Error('the server was not seeded')
  return {
    organizationId: credentials.organizationId,
    agentId: credentials.agentId,
    walletId: credentials.managedWalletId,
    now,
  }
}

process.on('message', (command: BenchCommand) => {
  handle(command).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({
        kind: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  )
})
process.on('disconnect', () => {
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
})

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

type Sqlite = RunningServer['database']['sqlite']

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
