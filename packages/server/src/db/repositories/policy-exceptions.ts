import { and, count, desc, eq, type SQL } from 'drizzle-orm'
import { policyExceptions } from '../schema.js'
import type { DbLike } from '../transaction.js'

export type PolicyExceptionRow = typeof policyExceptions.$inferSelect

export function insertPolicyException(db: DbLike, row: PolicyExceptionRow): void {
  db.insert(policyExceptions).values(row).run()
}

export function listPolicyExceptionsOfAgent(
  db: DbLike,
  organizationId: string,
  agentId: string,
  filter: {
    status?: string | undefined
    policyId?: string | undefined
    limit: number
    offset: number
  },
): { rows: PolicyExceptionRow[]; total: number } {
  const conditions: SQL[] = [
    eq(policyExceptions.organizationId, organizationId),
    eq(policyExceptions.agentId, agentId),
  ]
  if (filter.status !== undefined) conditions.push(eq(policyExceptions.status, filter.status))
  if (filter.policyId !== undefined) conditions.push(eq(policyExceptions.policyId, filter.policyId))
  const where = and(...conditions)
  const rows = db
    .select()
    .from(policyExceptions)
    .where(where)
    .orderBy(desc(policyExceptions.createdAt), desc(policyExceptions.id))
    .limit(filter.limit)
    .offset(filter.offset)
    .all()
  const total = db.select({ total: count() }).from(policyExceptions).where(where).get()?.total ?? 0
  return { rows, total }
}
