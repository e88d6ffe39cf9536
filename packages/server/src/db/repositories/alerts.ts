import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm'
import { alerts } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `alerts` table, always scoped to one organization (and to one agent for its own view). */

export type AlertRow = typeof alerts.$inferSelect
export type AlertPatch = Partial<
  Pick<
    AlertRow,
    'status' | 'note' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy'
  >
>

export interface AlertFilters {
  readonly statuses?: readonly string[] | undefined
  readonly severity?: string | undefined
  readonly type?: string | undefined
  readonly agentId?: string | undefined
}

/** One page of the organization's alerts, newest first, and the total matching. */
export function listAlerts(
  db: DbLike,
  organizationId: string,
  filters: AlertFilters,
  page: { limit: number; offset: number },
): { rows: AlertRow[]; total: number } {
  const conditions: SQL[] = [eq(alerts.organizationId, organizationId)]
  if (filters.statuses !== undefined) conditions.push(inArray(alerts.status, [...filters.statuses]))
  if (filters.severity !== undefined) conditions.push(eq(alerts.severity, filters.severity))
  if (filters.type !== undefined) conditions.push(eq(alerts.type, filters.type))
  if (filters.agentId !== undefined) conditions.push(eq(alerts.agentId, filters.agentId))
  const where = and(...conditions)
  const rows = db
    .select()
    .from(alerts)
    .where(where)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
  const total = db.select({ total: count() }).from(alerts).where(where).get()?.total ?? 0
  return { rows, total }
}

/** The organization's alert `alertId`; with `agentId`, only when it is that agent's. */
export function findAlert(
  db: DbLike,
  organizationId: string,
  alertId: string,
  agentId?: string,
): AlertRow | undefined {
  return db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.organizationId, organizationId),
        eq(alerts.id, alertId),
        agentId === undefined ? undefined : eq(alerts.agentId, agentId),
      ),
    )
    .get()
}

/** Applies `changes` when the alert is still in one of `fromStatuses`; undefined otherwise. */
export function transitionAlert(
  db: DbLike,
  organizationId: string,
  alertId: string,
  fromStatuses: readonly string[],
  changes: AlertPatch,
): AlertRow | undefined {
  return db
    .update(alerts)
    .set(changes)
    .where(
      and(
        eq(alerts.organizationId, organizationId),
        eq(alerts.id, alertId),
        inArray(alerts.status, [...fromStatuses]),
      ),
    )
    .returning()
    .get()
}
