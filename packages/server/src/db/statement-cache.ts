import type BetterSqlite3 from 'better-sqlite3'

/**
 * Reuses compiled SQLite statements: drizzle asks better-sqlite3 to `prepare` the SQL of every
 * query it runs, and compiling the same text again costs more than running it. This wraps the
 * connection's `prepare` with a least-recently-used cache keyed by the SQL text.
 *
 * Safe because better-sqlite3 is synchronous (a statement is never in use when it is handed out
 * again) and drizzle switches raw mode on right before each raw read; the cache switches it off on
 * every hit, so a statement comes back in the state a fresh `prepare` would give.
 */
export const STATEMENT_CACHE_SIZE = 512

export function cacheStatements(
  sqlite: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): BetterSqlite3.Database {
  const prepare = sqlite.prepare.bind(sqlite)
  const cache = new Map<string, BetterSqlite3.Statement>()
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source)
    if (cached !== undefined) {
      // Most recently used last, so the first key is the one to evict.
      cache.delete(source)
      cache.set(source, cached)
      if (cached.reader) cached.raw(false)
      return cached
    }
    const statement = prepare(source)
    if (cache.size >= size) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    cache.set(source, statement)
    return statement
  }) as typeof sqlite.prepare
  return sqlite
}
