import type { Db } from './open-database.js'

/** A drizzle transaction on the server database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** The database or a transaction on it: repositories accept either. */
export type DbLike = Db | Tx

/**
 * Runs `work` in one SQLite write transaction (`BEGIN IMMEDIATE`), so reads and writes inside it
 * see no interleaving writer. better-sqlite3 is synchronous, so `work` must be too.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return db.transaction(work, { behavior: 'immediate' })
}
