import { and, eq, gte, sql } from 'drizzle-orm'
import { spendDays, transactions, wallets } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The writes that move money: ledger debits, transaction rows and the `spend_days` rollup. Every
 * function takes a `DbLike` so settlement runs them in one transaction with the status change
 * and the reservation release (`payment-requests.ts`, `reservations.ts`).
 */

export type TransactionRow = typeof transactions.$inferSelect
export type NewTransactionRow = typeof transactions.$inferInsert

/**
 * Debits the wallet's ledger balance by `amountMicros`, only if the balance covers it; `false`
 * when it does not (nothing changed).
 */
export function debitWallet(
  db: DbLike,
  organizationId: string,
  walletId: string,
  amountMicros: number,
  now: number,
): boolean {
  const debited = db
    .update(wallets)
    .set({
      balanceMicros: sql`${wallets.balanceMicros} - ${amountMicros}`,
      // Each settled transfer uses one nonce.
      nextNonce: sql`${wallets.nextNonce} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(wallets.organizationId, organizationId),
        eq(wallets.id, walletId),
        gte(wallets.balanceMicros, amountMicros),
      ),
    )
    .returning({ id: wallets.id })
    .all()
  return debited.length > 0
}

export function insertTransaction(db: DbLike, row: NewTransactionRow): TransactionRow {
  return db.insert(transactions).values(row).returning().get()
}

/**
 * The wallet's transaction with this hash, if one was recorded (a hash is unique per sender, and
 * the `(wallet_id, …)` index keeps this lookup off the organization's whole history).
 */
export function findTransactionByHash(
  db: DbLike,
  walletId: string,
  txHash: string,
): TransactionRow | undefined {
  return db
    .select()
    .from(transactions)
    .where(and(eq(transactions.walletId, walletId), eq(transactions.txHash, txHash)))
    .get()
}

/** The nonce of the wallet's next simulated transfer (kept on the wallet: O(1) at any history). */
export function walletNonce(db: DbLike, walletId: string): number {
  return (
    db.select({ nonce: wallets.nextNonce }).from(wallets).where(eq(wallets.id, walletId)).get()
      ?.nonce ?? 0
  )
}

/** Adds one payment of `amountMicros` to the agent's and wallet's rollup for the UTC `day`. */
export function addSpend(
  db: DbLike,
  entry: { agentId: string; walletId: string; day: number; amountMicros: number },
): void {
  db.insert(spendDays)
    .values({ ...entry, count: 1 })
    .onConflictDoUpdate({
      target: [spendDays.agentId, spendDays.walletId, spendDays.day],
      set: {
        amountMicros: sql`${spendDays.amountMicros} + ${entry.amountMicros}`,
        count: sql`${spendDays.count} + 1`,
      },
    })
    .run()
}
