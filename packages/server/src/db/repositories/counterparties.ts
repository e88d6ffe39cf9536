import {
  and,
  count,
  countDistinct,
  desc,
  eq,
  inArray,
  max,
  ne,
  type SQL,
  sql,
  sum,
} from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { counterparties, transactions } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * SQL for the `counterparties` table, plus the read-only aggregates over `transactions` that
 * counterparty stats and network trust need (payments to the counterparty's address).
 */

export type CounterpartyRow = typeof counterparties.$inferSelect
export type NewCounterpartyRow = typeof counterparties.$inferInsert

/** Transaction statuses that count as money sent to a counterparty. */
export const SETTLED_TRANSACTION_STATUSES = ['COMPLETED', 'CONFIRMED', 'CONFIRMING'] as const

export interface CounterpartyFilters {
  readonly trustLevel?: string | undefined
  readonly type?: string | undefined
  readonly approvalStatus?: string | undefined
  /** Case-insensitive substring of the name or the address. */
  readonly search?: string | undefined
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (char) => `\\${char}`)

function filterConditions(organizationId: string, filters: CounterpartyFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(counterparties.organizationId, organizationId)]
  if (filters.trustLevel !== undefined) {
    conditions.push(eq(counterparties.trustLevel, filters.trustLevel))
  }
  if (filters.type !== undefined) conditions.push(eq(counterparties.type, filters.type))
  if (filters.approvalStatus !== undefined) {
    conditions.push(eq(counterparties.approvalStatus, filters.approvalStatus))
  }
  const search = filters.search?.trim()
  if (search) {
    const pattern = `%${escapeLike(search.toLowerCase())}%`
    conditions.push(
      sql`(lower(${counterparties.name}) like ${pattern} escape '\\' or ${counterparties.addressKey} like ${pattern} escape '\\')`,
    )
  }
  return and(...conditions)
}

/** One page of the organization's counterparties, newest first, and the total matching. */
export function listCounterparties(
  db: DbLike,
  organizationId: string,
  filters: CounterpartyFilters,
  page: { limit: number; offset: number },
): { rows: CounterpartyRow[]; total: number } {
  const where = filterConditions(organizationId, filters)
  const rows = db
    .select()
    .from(counterparties)
    .where(where)
    .orderBy(desc(counterparties.createdAt), desc(counterparties.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(counterparties).where(where).get()?.total ?? 0
  return { rows, total }
}

export function findCounterparty(
  db: DbLike,
  organizationId: string,
  counterpartyId: string,
): CounterpartyRow | undefined {
  return db
    .select()
    .from(counterparties)
    .where(
      and(eq(counterparties.organizationId, organizationId), eq(counterparties.id, counterpartyId)),
    )
    .get()
}

/** The organization's counterparty at `addressKey` (the lower-cased address). */
export function findCounterpartyByAddress(
  db: DbLike,
  organizationId: string,
  addressKey: string,
  exceptId?: string,
): CounterpartyRow | undefined {
  if (exceptId === undefined) {
    return preparedQuery(db, 'counterparties.byAddress', (db) =>
      db
        .select()
        .from(counterparties)
        .where(
          and(
            eq(counterparties.organizationId, sql.placeholder('organizationId')),
            eq(counterparties.addressKey, sql.placeholder('addressKey')),
          ),
        )
        .prepare(),
    ).get({ organizationId, addressKey })
  }
  return db
    .select()
    .from(counterparties)
    .where(
      and(
        eq(counterparties.organizationId, organizationId),
        eq(counterparties.addressKey, addressKey),
        ne(counterparties.id, exceptId),
      ),
    )
    .get()
}

export function insertCounterparty(db: DbLike, row: NewCounterpartyRow): CounterpartyRow {
  return db.insert(counterparties).values(row).returning().get()
}

export function updateCounterparty(
  db: DbLike,
  organizationId: string,
  counterpartyId: string,
  changes: Partial<Omit<NewCounterpartyRow, 'id' | 'organizationId' | 'createdAt'>>,
): CounterpartyRow | undefined {
  return db
    .update(counterparties)
    .set(changes)
    .where(
      and(eq(counterparties.organizationId, organizationId), eq(counterparties.id, counterpartyId)),
    )
    .returning()
    .get()
}

/** Deletes the counterparty; its agent relationships go with it (`ON DELETE CASCADE`). */
export function deleteCounterparty(
  db: DbLike,
  organizationId: string,
  counterpartyId: string,
): void {
  db.delete(counterparties)
    .where(
      and(eq(counterparties.organizationId, organizationId), eq(counterparties.id, counterpartyId)),
    )
    .run()
}

export interface PaymentStats {
  readonly transactionCount: number
  readonly volumeMicros: number
  readonly lastTransactionAt: number | null
}

/** Settled payments of the organization to each of `addressKeys`, by address key. */
export function paymentStatsByAddress(
  db: DbLike,
  organizationId: string,
  addressKeys: readonly string[],
): Map<string, PaymentStats> {
  const stats = new Map<string, PaymentStats>()
  if (addressKeys.length === 0) return stats
  const rows = db
    .select({
      toKey: transactions.toKey,
      transactionCount: count(),
      volumeMicros: sum(transactions.amountMicros),
      lastTransactionAt: max(transactions.createdAt),
    })
    .from(transactions)
    .where(
      and(
        eq(transactions.organizationId, organizationId),
        inArray(transactions.toKey, [...new Set(addressKeys)]),
        inArray(transactions.status, [...SETTLED_TRANSACTION_STATUSES]),
      ),
    )
    .groupBy(transactions.toKey)
    .all()
  for (const row of rows) {
    if (row.toKey === null) continue
    stats.set(row.toKey, {
      transactionCount: row.transactionCount,
      volumeMicros: Number(row.volumeMicros ?? 0),
      lastTransactionAt: row.lastTransactionAt,
    })
  }
  return stats
}

export interface NetworkAggregate {
  /** Organizations that registered the address as a counterparty. */
  readonly organizationCount: number
  /** Mean trust score over those registrations; null when there are none. */
  readonly averageTrustScore: number | null
  /** Latest change to any of those registrations. */
  readonly lastUpdatedAt: number | null
  /** Settled payments to the address, across every organization. */
  readonly transactionCount: number
  readonly lastTransactionAt: number | null
}

/** Anonymised aggregates over every organization for one address key (no per-org rows). */
export function networkAggregate(db: DbLike, addressKey: string): NetworkAggregate {
  const registrations = db
    .select({
      organizationCount: countDistinct(counterparties.organizationId),
      averageTrustScore: sql<number | null>`avg(${counterparties.trustScore})`,
      lastUpdatedAt: max(counterparties.updatedAt),
    })
    .from(counterparties)
    .where(eq(counterparties.addressKey, addressKey))
    .get()
  const payments = db
    .select({ transactionCount: count(), lastTransactionAt: max(transactions.createdAt) })
    .from(transactions)
    .where(
      and(
        eq(transactions.toKey, addressKey),
        inArray(transactions.status, [...SETTLED_TRANSACTION_STATUSES]),
      ),
    )
    .get()
  return {
    organizationCount: registrations?.organizationCount ?? 0,
    averageTrustScore: registrations?.averageTrustScore ?? null,
    lastUpdatedAt: registrations?.lastUpdatedAt ?? null,
    transactionCount: payments?.transactionCount ?? 0,
    lastTransactionAt: payments?.lastTransactionAt ?? null,
  }
}
