import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { externalApprovals } from '../schema.js'
import type { DbLike } from '../transaction.js'

/** The `external_approvals` table (approve → transfer → confirm), scoped to one organization. */

export type ExternalApprovalRow = typeof externalApprovals.$inferSelect
export type NewExternalApprovalRow = typeof externalApprovals.$inferInsert

export function insertExternalApproval(
  db: DbLike,
  row: NewExternalApprovalRow,
): ExternalApprovalRow {
  return db.insert(externalApprovals).values(row).returning().get()
}

/** An approval of the organization (and of `agentId`, when given). */
export function findExternalApproval(
  db: DbLike,
  organizationId: string,
  approvalId: string,
  agentId?: string,
): ExternalApprovalRow | undefined {
  return db
    .select()
    .from(externalApprovals)
    .where(
      and(
        eq(externalApprovals.organizationId, organizationId),
        eq(externalApprovals.id, approvalId),
        agentId === undefined ? undefined : eq(externalApprovals.agentId, agentId),
      ),
    )
    .get()
}

/**
 * Moves an approval from `fromStatus`; `undefined` when it was no longer in `fromStatus` (a
 * concurrent confirm got there first).
 */
export function transitionExternalApproval(
  db: DbLike,
  organizationId: string,
  approvalId: string,
  fromStatus: string,
  changes: Partial<
    Pick<
      ExternalApprovalRow,
      | 'status'
      | 'transactionId'
      | 'confirmedAt'
      | 'approvalRequestId'
      | 'tokenHash'
      | 'expiresAt'
      | 'updatedAt'
    >
  >,
): ExternalApprovalRow | undefined {
  return db
    .update(externalApprovals)
    .set(changes)
    .where(
      and(
        eq(externalApprovals.organizationId, organizationId),
        eq(externalApprovals.id, approvalId),
        eq(externalApprovals.status, fromStatus),
      ),
    )
    .returning()
    .get()
}

/**
 * The agent's oldest human-approved approval for exactly this transfer that has no token yet
 * (approved after REQUIRES_APPROVAL): approving the same transfer again issues its token.
 */
export function findHumanApprovedExternalApproval(
  db: DbLike,
  organizationId: string,
  agentId: string,
  transfer: {
    readonly walletId: string
    readonly chainId: string
    readonly amountMicros: number
    readonly recipientAddress: string
  },
): ExternalApprovalRow | undefined {
  return db
    .select()
    .from(externalApprovals)
    .where(
      and(
        eq(externalApprovals.organizationId, organizationId),
        eq(externalApprovals.agentId, agentId),
        eq(externalApprovals.status, 'APPROVED'),
        isNull(externalApprovals.tokenHash),
        isNotNull(externalApprovals.approvalRequestId),
        eq(externalApprovals.walletId, transfer.walletId),
        eq(externalApprovals.chainId, transfer.chainId),
        eq(externalApprovals.amountMicros, transfer.amountMicros),
        eq(
          sql`lower(${externalApprovals.recipientAddress})`,
          transfer.recipientAddress.toLowerCase(),
        ),
      ),
    )
    .orderBy(asc(externalApprovals.createdAt))
    .limit(1)
    .get()
}
