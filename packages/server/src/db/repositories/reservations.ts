import { and, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm'
import { insertRow, preparedQuery } from '../prepared.js'
import { agentWalletLinks, reservations } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `reservations` table: budget held by an APPROVED payment request or external approval. A
 * reservation is live while `releasedAt` is null and `expiresAt` is in the future; every read
 * here counts live rows only, so an expired hold is released without any write.
 */

export type ReservationRow = typeof reservations.$inferSelect
export type NewReservationRow = typeof reservations.$inferInsert
export type ReservationSource = ReservationRow['sourceType']

export function insertReservation(db: DbLike, row: NewReservationRow): void {
  insertRow(db, reservations, row)
}

export function findReservation(
  db: DbLike,
  sourceType: ReservationSource,
  sourceId: string,
): ReservationRow | undefined {
  return db
    .select()
    .from(reservations)
    .where(and(eq(reservations.sourceType, sourceType), eq(reservations.sourceId, sourceId)))
    .get()
}

/** Releases the hold of a source (spent, expired, denied or rejected); false when none was live. */
export function releaseReservation(
  db: DbLike,
  sourceType: ReservationSource,
  sourceId: string,
  now: number,
): boolean {
  const result = db
    .update(reservations)
    .set({ releasedAt: now })
    .where(
      and(
        eq(reservations.sourceType, sourceType),
        eq(reservations.sourceId, sourceId),
        isNull(reservations.releasedAt),
      ),
    )
    .run()
  return result.changes > 0
}

/**
 * Live reservations on `walletId` by the agents linked to it, in micro-units; reads only the
 * live range of the covering `reservations_agent_live` index, once per linked agent.
 */
export function reservedOnWallet(db: DbLike, walletId: string, now: number): number {
  const row = preparedQuery(db, 'reservations.onWallet', (db) => {
    const linkedAgents = db
      .select({ agentId: agentWalletLinks.agentId })
      .from(agentWalletLinks)
      .where(eq(agentWalletLinks.walletId, sql.placeholder('walletId')))
    return db
      .select({ total: sql<number>`coalesce(sum(${reservations.amountMicros}), 0)` })
      .from(reservations)
      .where(
        and(
          inArray(reservations.agentId, linkedAgents),
          isNull(reservations.releasedAt),
          gt(reservations.expiresAt, sql.placeholder('now')),
          eq(reservations.walletId, sql.placeholder('walletId')),
        ),
      )
      .prepare()
  }).get({ walletId, now })
  return Number(row?.total ?? 0)
}

/** Live reservations of the agent created at or after `since`, in micro-units. */
export function reservedByAgentSince(
  db: DbLike,
  agentId: string,
  since: number,
  now: number,
): number {
  const row = db
    .select({ total: sql<number>`coalesce(sum(${reservations.amountMicros}), 0)` })
    .from(reservations)
    .where(
      and(
        eq(reservations.agentId, agentId),
        isNull(reservations.releasedAt),
        gt(reservations.expiresAt, now),
        gte(reservations.createdAt, since),
      ),
    )
    .get()
  return Number(row?.total ?? 0)
}

/**
 * Holds `sourceId`'s amount again from `createdAt` until `expiresAt` (a human approval gives the
 * payment a fresh expiry): revives the source's row, or inserts it when there is none.
 */
export function renewReservation(db: DbLike, row: NewReservationRow): void {
  db.insert(reservations)
    .values({ ...row, releasedAt: null })
    .onConflictDoUpdate({
      target: [reservations.sourceType, reservations.sourceId],
      set: {
        agentId: row.agentId,
        walletId: row.walletId,
        recipientKey: row.recipientKey ?? null,
        amountMicros: row.amountMicros,
        expiresAt: row.expiresAt,
        createdAt: row.createdAt,
        releasedAt: null,
      },
    })
    .run()
}
