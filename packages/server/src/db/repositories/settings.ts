import { eq } from 'drizzle-orm'
import { settings } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `settings` table: server-wide key/value pairs (e.g. the test clock's frozen instant). */

export function readSetting(db: DbLike, key: string): string | undefined {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()
    ?.value
}

export function writeSetting(db: DbLike, key: string, value: string): void {
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run()
}

export function deleteSetting(db: DbLike, key: string): void {
  db.delete(settings).where(eq(settings.key, key)).run()
}
