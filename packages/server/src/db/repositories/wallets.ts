import { and, count, desc, eq, type SQL } from 'drizzle-orm'
import { externalApprovals, paymentRequests, transactions, wallets } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** SQL for the `wallets` table (and the wallet-history checks a deletion needs). */

export type WalletRow = typeof wallets.$inferSelect
export type NewWalletRow = typeof wallets.$inferInsert

export interface WalletFilters {
  readonly status?: string | undefined
  readonly chainType?: string | undefined
  readonly chainId?: string | undefined
  readonly custodyType?: string | undefined
}

function filterConditions(organizationId: string, filters: WalletFilters): SQL | undefined {
  const conditions: SQL[] = [eq(wallets.organizationId, organizationId)]
  if (filters.status !== undefined) conditions.push(eq(wallets.status, filters.status))
  if (filters.chainType !== undefined) conditions.push(eq(wallets.chainType, filters.chainType))
  if (filters.chainId !== undefined) conditions.push(eq(wallets.chainId, filters.chainId))
  if (filters.custodyType !== undefined)
    conditions.push(eq(wallets.custodyType, filters.custodyType))
  return and(...conditions)
}

/** One page of the organization's wallets, newest first, and the total matching `filters`. */
export function listWallets(
  db: DbLike,
  organizationId: string,
  filters: WalletFilters,
  page: { limit: number; offset: number },
): { rows: WalletRow[]; total: number } {
  const where = filterConditions(organizationId, filters)
  const rows = db
    .select()
    .from(wallets)
    .where(where)
    .orderBy(desc(wallets.createdAt), desc(wallets.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(wallets).where(where).get()?.total ?? 0
  return { rows, total }
}

export function findWallet(
  db: DbLike,
  organizationId: string,
  walletId: string,
): WalletRow | undefined {
  return db
    .select()
    .from(wallets)
    .where(and(eq(wallets.organizationId, organizationId), eq(wallets.id, walletId)))
    .get()
}

/** The organization's wallet at `addressKey` (lower-cased address) on `chainId`. */
export function findWalletByAddress(
  db: DbLike,
  organizationId: string,
  addressKey: string,
  chainId: string,
): WalletRow | undefined {
  return db
    .select()
    .from(wallets)
    .where(
      and(
        eq(wallets.organizationId, organizationId),
        eq(wallets.addressKey, addressKey),
        eq(wallets.chainId, chainId),
      ),
    )
    .get()
}

/** The organization's wallet registered with provider id `externalWalletId` on `chainId`. */
export function findWalletByExternalId(
  db: DbLike,
  organizationId: string,
  externalWalletId: string,
  chainId: string,
): WalletRow | undefined {
  return db
    .select()
    .from(wallets)
    .where(
      and(
        eq(wallets.organizationId, organizationId),
        eq(wallets.externalWalletId, externalWalletId),
        eq(wallets.chainId, chainId),
      ),
    )
    .get()
}

export function insertWallet(db: DbLike, row: NewWalletRow): WalletRow {
  return db.insert(wallets).values(row).returning().get()
}

export function updateWallet(
  db: DbLike,
  organizationId: string,
  walletId: string,
  changes: Partial<Omit<NewWalletRow, 'id' | 'organizationId' | 'createdAt'>>,
): WalletRow | undefined {
  return db
    .update(wallets)
    .set(changes)
    .where(and(eq(wallets.organizationId, organizationId), eq(wallets.id, walletId)))
    .returning()
    .get()
}

/** Deletes the wallet; its agent links go with it (foreign key `ON DELETE CASCADE`). */
export function deleteWallet(db: DbLike, organizationId: string, walletId: string): void {
  db.delete(wallets)
    .where(and(eq(wallets.organizationId, organizationId), eq(wallets.id, walletId)))
    .run()
}

/** How much payment history references the wallet (transactions, payment requests, approvals). */
export function countWalletHistory(
  db: DbLike,
  organizationId: string,
  walletId: string,
): { transactions: number; paymentRequests: number; externalApprovals: number } {
  const countOf = (
    table: typeof transactions | typeof paymentRequests | typeof externalApprovals,
  ) =>
    db
      .select({ total: count() })
      .from(table)
      .where(and(eq(table.organizationId, organizationId), eq(table.walletId, walletId)))
      .get()?.total ?? 0
  return {
    transactions: countOf(transactions),
    paymentRequests: countOf(paymentRequests),
    externalApprovals: countOf(externalApprovals),
  }
}
