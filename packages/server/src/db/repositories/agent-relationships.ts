import { and, asc, count, eq } from 'drizzle-orm'
import { agentRelationships } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `agent_relationships` table (per-counterparty limits of one agent), scoped to one organization. */

export type AgentRelationshipRow = typeof agentRelationships.$inferSelect
export type NewAgentRelationshipRow = typeof agentRelationships.$inferInsert
export type AgentRelationshipPatch = Partial<
  Pick<
    AgentRelationshipRow,
    'spendLimitPerTxMicros' | 'spendLimitDailyMicros' | 'spendLimitMonthlyMicros' | 'updatedAt'
  >
>

export function findRelationship(
  db: DbLike,
  organizationId: string,
  agentId: string,
  counterpartyId: string,
): AgentRelationshipRow | undefined {
  return db
    .select()
    .from(agentRelationships)
    .where(
      and(
        eq(agentRelationships.organizationId, organizationId),
        eq(agentRelationships.agentId, agentId),
        eq(agentRelationships.counterpartyId, counterpartyId),
      ),
    )
    .get()
}

/** A page of the agent's relationships, oldest first. */
export function listRelationships(
  db: DbLike,
  organizationId: string,
  agentId: string,
  page: { readonly limit: number; readonly offset: number },
): { rows: AgentRelationshipRow[]; total: number } {
  const where = and(
    eq(agentRelationships.organizationId, organizationId),
    eq(agentRelationships.agentId, agentId),
  )
  const rows = db
    .select()
    .from(agentRelationships)
    .where(where)
    .orderBy(asc(agentRelationships.createdAt), asc(agentRelationships.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total =
    db.select({ total: count() }).from(agentRelationships).where(where).get()?.total ?? 0
  return { rows, total }
}

export function insertRelationship(db: DbLike, row: NewAgentRelationshipRow): AgentRelationshipRow {
  return db.insert(agentRelationships).values(row).returning().get()
}

export function updateRelationship(
  db: DbLike,
  organizationId: string,
  relationshipId: string,
  patch: AgentRelationshipPatch,
): AgentRelationshipRow | undefined {
  return db
    .update(agentRelationships)
    .set(patch)
    .where(
      and(
        eq(agentRelationships.organizationId, organizationId),
        eq(agentRelationships.id, relationshipId),
      ),
    )
    .returning()
    .get()
}
