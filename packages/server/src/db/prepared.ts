import { getTableName, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { DbLike } from './transaction.js'

/**
 * Hot-path queries built once per database and reused: `build` returns a drizzle query made with
 * `sql.placeholder(...)` parameters and `.prepare()`d, so later calls skip drizzle's query
 * building (most of a simple query's cost) and SQLite's compilation.
 *
 * Keyed by the drizzle session, which a database and every transaction opened on it share, so a
 * query prepared through either runs inside the current transaction (better-sqlite3 has one
 * connection and is synchronous).
 */
const queriesBySession = new WeakMap<object, Map<string, unknown>>()

export function preparedQuery<T>(db: DbLike, name: string, build: (db: DbLike) => T): T {
  const session = (db as unknown as { readonly session: object }).session
  let queries = queriesBySession.get(session)
  if (queries === undefined) {
    queries = new Map()
    queriesBySession.set(session, queries)
  }
  let query = queries.get(name) as T | undefined
  if (query === undefined) {
    query = build(db)
    queries.set(name, query)
  }
  return query
}

/**
 * Inserts `row` into `table` through a prepared statement made for the row's shape (which
 * columns it sets, and which of them are null), returning the stored row when `returning`.
 * Columns the row leaves out take their database defaults, exactly as `db.insert(...).values(row)`.
 */
export function insertRow<T extends SQLiteTable>(
  db: DbLike,
  table: T,
  row: T['$inferInsert'],
): void {
  preparedInsert(db, table, row, false).run(row)
}

export function insertRowReturning<T extends SQLiteTable>(
  db: DbLike,
  table: T,
  row: T['$inferInsert'],
): T['$inferSelect'] {
  return preparedInsert(db, table, row, true).get(row) as T['$inferSelect']
}

interface PreparedInsert {
  run(values: Record<string, unknown>): unknown
  get(values: Record<string, unknown>): unknown
}

/** Nulls are written as SQL `null`: a placeholder would pass null through the column's encoder. */
function preparedInsert(
  db: DbLike,
  table: SQLiteTable,
  row: Record<string, unknown>,
  returning: boolean,
): PreparedInsert {
  let shape = `${getTableName(table)}:${returning ? 'r' : 'n'}`
  for (const key in row) {
    const value = row[key]
    if (value !== undefined) shape += value === null ? `,${key}=0` : `,${key}`
  }
  return preparedQuery(db, `insert:${shape}`, (db) => {
    const values: Record<string, unknown> = {}
    for (const key in row) {
      const value = row[key]
      if (value !== undefined) values[key] = value === null ? sql`null` : sql.placeholder(key)
    }
    const insert = db.insert(table).values(values as never)
    return (returning
      ? insert.returning().prepare()
      : insert.prepare()) as unknown as PreparedInsert
  })
}
