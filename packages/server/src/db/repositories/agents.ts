import { and, count, desc, eq, inArray, like, or, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { agents, transactions } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `agents` table (and the agent's transaction count), always scoped to one organization. */

export type AgentRow = typeof agents.$inferSelect
export type NewAgentRow = typeof agents.$inferInsert
export type AgentPatch = Partial<Omit<AgentRow, 'id' | 'organizationId' | 'createdAt'>>

export function findAgent(
  db: DbLike,
  organizationId: string,
  agentId: string,
): AgentRow | undefined {
  return preparedQuery(db, 'agents.find', (db) =>
    db
      .select()
      .from(agents)
      .where(
        and(
          eq(agents.organizationId, sql.placeholder('organizationId')),
          eq(agents.id, sql.placeholder('agentId')),
        ),
      )
      .prepare(),
  ).get({ organizationId, agentId })
}

export function findAgentByName(
  db: DbLike,
  organizationId: string,
  name: string,
): AgentRow | undefined {
  return db
    .select()
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.name, name)))
    .get()
}

/** The organization's agents whose publicKey matches one of `publicKeys`, case-insensitively. */
export function findAgentsByPublicKeys(
  db: DbLike,
  organizationId: string,
  publicKeys: readonly string[],
): AgentRow[] {
  if (publicKeys.length === 0) return []
  const lowered = [...new Set(publicKeys.map((key) => key.toLowerCase()))]
  return db
    .select()
    .from(agents)
    .where(
      and(
        eq(agents.organizationId, organizationId),
        inArray(sql`lower(${agents.publicKey})`, lowered),
      ),
    )
    .all()
}

export interface AgentListFilter {
  readonly status?: string | undefined
  readonly search?: string | undefined
  readonly limit: number
  readonly offset: number
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (char) => `\\${char}`)

/** A page of agents, newest first, with the total matching the filter. */
export function listAgents(
  db: DbLike,
  organizationId: string,
  filter: AgentListFilter,
): { rows: AgentRow[]; total: number } {
  const pattern = filter.search ? `%${escapeLike(filter.search.toLowerCase())}%` : undefined
  const where = and(
    eq(agents.organizationId, organizationId),
    filter.status === undefined ? undefined : eq(agents.status, filter.status),
    pattern === undefined
      ? undefined
      : or(
          like(sql`lower(${agents.name})`, sql`${pattern} escape '\\'`),
          like(sql`lower(coalesce(${agents.description}, ''))`, sql`${pattern} escape '\\'`),
        ),
  )
  const rows = db
    .select()
    .from(agents)
    .where(where)
    .orderBy(desc(agents.createdAt), desc(agents.id))
    .limit(filter.limit)
    .offset(filter.offset)
    .all()
  const total = db.select({ total: count() }).from(agents).where(where).get()?.total ?? 0
  return { rows, total }
}

export function insertAgent(db: DbLike, row: NewAgentRow): AgentRow {
  return db.insert(agents).values(row).returning().get()
}

export function updateAgent(
  db: DbLike,
  organizationId: string,
  agentId: string,
  patch: AgentPatch,
): AgentRow | undefined {
  return db
    .update(agents)
    .set(patch)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.id, agentId)))
    .returning()
    .get()
}

export function deleteAgent(db: DbLike, organizationId: string, agentId: string): boolean {
  const deleted = db
    .delete(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.id, agentId)))
    .returning({ id: agents.id })
    .all()
  return deleted.length > 0
}

/** How many transactions the agent has sent (`_count.sentTransactions`). */
export function countSentTransactions(db: DbLike, organizationId: string, agentId: string): number {
  return (
    db
      .select({ total: count() })
      .from(transactions)
      .where(
        and(eq(transactions.organizationId, organizationId), eq(transactions.agentId, agentId)),
      )
      .get()?.total ?? 0
  )
}
