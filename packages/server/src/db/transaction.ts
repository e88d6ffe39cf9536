import type { Db } from './open-database.js'

/** A drizzle transaction on the server database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** The database or a transaction on it: repositories accept either. */
export type DbLike = Db | Tx

type Runner = (work: (tx: Tx) => unknown) => unknown

/** One better-sqlite3 transaction function per database, made once and reused. */
const runners = new WeakMap<Db, Runner>()

/**
 * Runs `work` in one SQLite write transaction (`BEGIN IMMEDIATE`), so reads and writes inside it
 * see no interleaving writer; a throw rolls it back. Called inside another transaction it runs in
 * a savepoint. better-sqlite3 is synchronous, so `work` must be too.
 *
 * The transaction is better-sqlite3's own (drizzle's wrapper builds a new transaction object per
 * call); `work` gets the database itself, whose queries run on the one connection — inside the
 * open transaction.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  let run = runners.get(db)
  if (run === undefined) {
    const transaction = db.$client.transaction((body: (tx: Tx) => unknown) =>
      body(db as unknown as Tx),
    )
    run = transaction.immediate as Runner
    runners.set(db, run)
  }
  return run(work) as T
}
