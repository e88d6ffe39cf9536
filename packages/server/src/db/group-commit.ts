import type { Db } from './open-database.js'
import { inTransaction, type Tx } from './transaction.js'

/**
 * Group commit for hot write paths. Work queued during one turn of the event loop runs in one
 * SQLite write transaction (`BEGIN IMMEDIATE` … `COMMIT`), each piece of work in its own savepoint,
 * in arrival order; every caller's promise settles only after that commit. A throw rolls back only
 * its own savepoint, so the others still commit and that caller sees its error.
 *
 * Why: in WAL mode a commit appends every page the transaction dirtied to the log, and the pages a
 * payment request dirties (the tails of the payment, reservation and audit tables and their
 * indexes) are the same from one request to the next — so N requests committed together write
 * those pages once instead of N times. Each piece still sees everything committed or queued before
 * it, exactly as if the transactions had run one after another, so budgets stay exact.
 *
 * If the shared transaction itself fails (the commit, or an error that makes SQLite abandon the
 * whole transaction), nothing of the batch was committed and nobody was answered yet: every piece
 * is run again alone, in its own transaction, and answers for itself.
 */
export function inGroupTransaction<T>(db: Db, work: (tx: Tx) => T): Promise<T> {
  let group = groups.get(db)
  if (group === undefined) {
    group = { queued: [], scheduled: false }
    groups.set(db, group)
  }
  const queued = group
  return new Promise<T>((resolve, reject) => {
    queued.queued.push({ work, resolve, reject } as Queued)
    if (!queued.scheduled) {
      queued.scheduled = true
      setImmediate(() => flush(db, queued))
    }
  })
}

/** At most this many pieces share one transaction (keeps one commit's latency bounded). */
const MAX_GROUP = 64

interface Queued {
  readonly work: (tx: Tx) => unknown
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}

interface Group {
  queued: Queued[]
  scheduled: boolean
}

const groups = new WeakMap<Db, Group>()

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown }

function flush(db: Db, group: Group): void {
  const batch = group.queued.splice(0, MAX_GROUP)
  if (group.queued.length > 0) setImmediate(() => flush(db, group))
  else group.scheduled = false
  if (batch.length === 1) {
    settle(batch[0] as Queued, runAlone(db, (batch[0] as Queued).work))
    return
  }
  let outcomes: Outcome[]
  try {
    outcomes = inTransaction(db, () =>
      batch.map((queued): Outcome => {
        try {
          return { ok: true, value: inTransaction(db, queued.work) }
        } catch (error) {
          // SQLite abandoned the whole transaction (disk full, I/O error): the batch is void.
          if (!db.$client.inTransaction) throw error
          return { ok: false, error }
        }
      }),
    )
  } catch {
    // Nothing was committed and nobody answered yet: each piece runs again on its own.
    outcomes = batch.map((queued) => runAlone(db, queued.work))
  }
  for (const [index, queued] of batch.entries()) settle(queued, outcomes[index] as Outcome)
}

function runAlone(db: Db, work: (tx: Tx) => unknown): Outcome {
  try {
    return { ok: true, value: inTransaction(db, work) }
  } catch (error) {
    return { ok: false, error }
  }
}

function settle(queued: Queued, outcome: Outcome): void {
  if (outcome.ok) queued.resolve(outcome.value)
  else queued.reject(outcome.error)
}
