import { and, asc, count, eq, sql } from 'drizzle-orm'
import { members } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `members` table (memberships of the organization's team), scoped to one organization. */

export type MemberRow = typeof members.$inferSelect
export type NewMemberRow = typeof members.$inferInsert

export function findMember(
  db: DbLike,
  organizationId: string,
  memberId: string,
): MemberRow | undefined {
  return db
    .select()
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.id, memberId)))
    .get()
}

/** The member with `email`, compared case-insensitively. */
export function findMemberByEmail(
  db: DbLike,
  organizationId: string,
  email: string,
): MemberRow | undefined {
  return db
    .select()
    .from(members)
    .where(
      and(
        eq(members.organizationId, organizationId),
        eq(sql`lower(${members.email})`, email.toLowerCase()),
      ),
    )
    .get()
}

export interface MemberListFilter {
  readonly role?: string | undefined
  readonly limit: number
  readonly offset: number
}

/** A page of members, oldest first (the OWNER who created the organization leads). */
export function listMembers(
  db: DbLike,
  organizationId: string,
  filter: MemberListFilter,
): { rows: MemberRow[]; total: number } {
  const where = and(
    eq(members.organizationId, organizationId),
    filter.role === undefined ? undefined : eq(members.role, filter.role),
  )
  const rows = db
    .select()
    .from(members)
    .where(where)
    .orderBy(asc(members.createdAt), asc(sql`${members}.rowid`))
    .limit(filter.limit)
    .offset(filter.offset)
    .all()
  const total = db.select({ total: count() }).from(members).where(where).get()?.total ?? 0
  return { rows, total }
}

export function insertMember(db: DbLike, row: NewMemberRow): MemberRow {
  return db.insert(members).values(row).returning().get()
}

export function updateMemberRole(
  db: DbLike,
  organizationId: string,
  memberId: string,
  role: string,
  now: number,
): MemberRow | undefined {
  return db
    .update(members)
    .set({ role, updatedAt: now })
    .where(and(eq(members.organizationId, organizationId), eq(members.id, memberId)))
    .returning()
    .get()
}

export function deleteMember(db: DbLike, organizationId: string, memberId: string): boolean {
  const deleted = db
    .delete(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.id, memberId)))
    .returning({ id: members.id })
    .all()
  return deleted.length > 0
}
