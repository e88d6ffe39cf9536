import { and, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm'
import { agents, transactions } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * Reads of the `transactions` table for the transaction endpoints (settlement writes the rows),
 * always scoped to one organization and, for the agent surface, to one agent. Each row comes
 * with its agent's name (null when the agent was deleted).
 */

export type TransactionRow = typeof transactions.$inferSelect

export interface TransactionWithAgent {
  readonly transaction: TransactionRow
  readonly agentName: string | null
}

export interface TransactionFilters {
  readonly agentId?: string | undefined
  readonly walletId?: string | undefined
  readonly status?: string | undefined
  /** Created at or after (epoch ms). */
  readonly createdFrom?: number | undefined
  /** Created at or before (epoch ms). */
  readonly createdTo?: number | undefined
  readonly minAmountMicros?: number | undefined
  readonly maxAmountMicros?: number | undefined
}

function conditions(organizationId: string, filters: TransactionFilters): SQL | undefined {
  return and(
    eq(transactions.organizationId, organizationId),
    filters.agentId === undefined ? undefined : eq(transactions.agentId, filters.agentId),
    filters.walletId === undefined ? undefined : eq(transactions.walletId, filters.walletId),
    filters.status === undefined ? undefined : eq(transactions.status, filters.status),
    filters.createdFrom === undefined
      ? undefined
      : gte(transactions.createdAt, filters.createdFrom),
    filters.createdTo === undefined ? undefined : lte(transactions.createdAt, filters.createdTo),
    filters.minAmountMicros === undefined
      ? undefined
      : gte(transactions.amountMicros, filters.minAmountMicros),
    filters.maxAmountMicros === undefined
      ? undefined
      : lte(transactions.amountMicros, filters.maxAmountMicros),
  )
}

const withAgent = {
  transaction: transactions,
  agentName: agents.name,
}

/** A page of the organization's transactions, newest first, and the total matching. */
export function listTransactions(
  db: DbLike,
  organizationId: string,
  filters: TransactionFilters,
  page: { readonly limit: number; readonly offset: number },
): { rows: TransactionWithAgent[]; total: number } {
  const where = conditions(organizationId, filters)
  const rows = db
    .select(withAgent)
    .from(transactions)
    .leftJoin(agents, eq(agents.id, transactions.agentId))
    .where(where)
    .orderBy(desc(transactions.createdAt), desc(sql`${transactions}.rowid`))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(transactions).where(where).get()?.total ?? 0
  return { rows, total }
}

/** A transaction of the organization (and of `agentId`, when given). */
export function findTransaction(
  db: DbLike,
  organizationId: string,
  transactionId: string,
  agentId?: string,
): TransactionWithAgent | undefined {
  return db
    .select(withAgent)
    .from(transactions)
    .leftJoin(agents, eq(agents.id, transactions.agentId))
    .where(
      and(
        eq(transactions.organizationId, organizationId),
        eq(transactions.id, transactionId),
        agentId === undefined ? undefined : eq(transactions.agentId, agentId),
      ),
    )
    .get()
}
