import { and, eq, lt, sql } from 'drizzle-orm'
import { insertRow, preparedQuery } from '../prepared.js'
import { idempotencyKeys } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** Stored responses of idempotent requests, per credential and key (`idempotency_keys`). */

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect
export type NewIdempotencyKeyRow = typeof idempotencyKeys.$inferInsert

export function findIdempotencyKey(
  db: DbLike,
  credentialId: string,
  key: string,
): IdempotencyKeyRow | undefined {
  return preparedQuery(db, 'idempotencyKeys.find', (db) =>
    db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.credentialId, sql.placeholder('credentialId')),
          eq(idempotencyKeys.key, sql.placeholder('key')),
        ),
      )
      .prepare(),
  ).get({ credentialId, key })
}

export function insertIdempotencyKey(db: DbLike, row: NewIdempotencyKeyRow): void {
  insertRow(db, idempotencyKeys, row)
}

/** Replaces the stored response (e.g. once an auto-execution finished). */
export function updateIdempotencyResponse(
  db: DbLike,
  credentialId: string,
  key: string,
  response: { readonly status: number; readonly responseBody: string },
): void {
  db.update(idempotencyKeys)
    .set(response)
    .where(and(eq(idempotencyKeys.credentialId, credentialId), eq(idempotencyKeys.key, key)))
    .run()
}

export function deleteIdempotencyKey(db: DbLike, credentialId: string, key: string): void {
  db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.credentialId, credentialId), eq(idempotencyKeys.key, key)))
    .run()
}

/** Stores a response unless the key already has one (a concurrent process won the race). */
export function insertIdempotencyKeyIfAbsent(db: DbLike, row: NewIdempotencyKeyRow): void {
  db.insert(idempotencyKeys).values(row).onConflictDoNothing().run()
}

/**
 * Forgets keys stored before `cutoff` (the retention window has passed) — except the body
 * `idempotencyKey`s of payment requests, which are remembered indefinitely (seed Defaults:
 * "Idempotency window: Indefinite"; stored under `agent:<agentId>` for that path).
 */
export function deleteIdempotencyKeysBefore(db: DbLike, cutoff: number): void {
  db.delete(idempotencyKeys)
    .where(
      and(
        lt(idempotencyKeys.createdAt, cutoff),
        sql`not (${idempotencyKeys.credentialId} like 'agent:%' and ${idempotencyKeys.path} = ${PAYMENT_REQUEST_PATH})`,
      ),
    )
    .run()
}

/** The path payment-request body keys are stored under. */
export const PAYMENT_REQUEST_PATH = '/api/sdk/payments/request'
