import { eq } from 'drizzle-orm'
import { organizations } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** Reads of the `organizations` table (they are created by `services/organizations.ts`). */

export type OrganizationRow = typeof organizations.$inferSelect

export function findOrganization(db: DbLike, organizationId: string): OrganizationRow | undefined {
  return db.select().from(organizations).where(eq(organizations.id, organizationId)).get()
}
