import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema.js'
import { cacheStatements } from './statement-cache.js'

export type Db = BetterSQLite3Database<typeof schema> & { readonly $client: BetterSqlite3.Database }

export interface Database {
  readonly db: Db
  readonly sqlite: BetterSqlite3.Database
  close(): void
}

/** The committed drizzle-kit migrations (`packages/server/drizzle`), from src/ or dist/. */
function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  return join(here, here.endsWith('db') ? '../..' : '..', 'drizzle')
}

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests), applies the
 * migrations, and sets WAL mode, foreign keys and a busy timeout.
 */
export function openDatabase(path = ':memory:'): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new BetterSqlite3(path)
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  // Reads from memory: a 64 MiB page cache, and the file memory-mapped (no read syscalls).
  sqlite.pragma('cache_size = -65536')
  if (path !== ':memory:') sqlite.pragma('mmap_size = 268435456')
  const db = drizzle(cacheStatements(sqlite), { schema })
  migrate(db, { migrationsFolder: migrationsFolder() })
  return { db, sqlite, close: () => sqlite.close() }
}
