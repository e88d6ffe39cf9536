import { and, asc, count, eq, sql } from 'drizzle-orm'
import { preparedQuery } from '../prepared.js'
import { agentWalletLinks, wallets } from '../schema.js'
import type { DbLike } from '../transaction.js'

/**
 * The `agent_wallet_links` table (reads join the linked wallet, which a link embeds). Always
 * scoped to one organization.
 */

export type AgentWalletLinkRow = typeof agentWalletLinks.$inferSelect
export type NewAgentWalletLinkRow = typeof agentWalletLinks.$inferInsert
export type AgentWalletLinkPatch = Partial<
  Omit<AgentWalletLinkRow, 'id' | 'organizationId' | 'agentId' | 'walletId' | 'createdAt'>
>
export type LinkedWalletRow = typeof wallets.$inferSelect

export interface LinkWithWallet {
  readonly link: AgentWalletLinkRow
  readonly wallet: LinkedWalletRow
}

export function findLink(
  db: DbLike,
  organizationId: string,
  agentId: string,
  walletId: string,
): LinkWithWallet | undefined {
  return db
    .select({ link: agentWalletLinks, wallet: wallets })
    .from(agentWalletLinks)
    .innerJoin(wallets, eq(wallets.id, agentWalletLinks.walletId))
    .where(
      and(
        eq(agentWalletLinks.organizationId, organizationId),
        eq(agentWalletLinks.agentId, agentId),
        eq(agentWalletLinks.walletId, walletId),
      ),
    )
    .get()
}

/** The agent's links with their wallets, oldest link first; a page when `page` is given. */
export function listLinks(
  db: DbLike,
  organizationId: string,
  agentId: string,
  page?: { readonly limit: number; readonly offset: number },
): { rows: LinkWithWallet[]; total: number } {
  if (!page) {
    // Every link (the payment path): one prepared query, no count.
    const rows = preparedQuery(db, 'agentWalletLinks.listAll', (db) =>
      db
        .select({ link: agentWalletLinks, wallet: wallets })
        .from(agentWalletLinks)
        .innerJoin(wallets, eq(wallets.id, agentWalletLinks.walletId))
        .where(
          and(
            eq(agentWalletLinks.organizationId, sql.placeholder('organizationId')),
            eq(agentWalletLinks.agentId, sql.placeholder('agentId')),
          ),
        )
        .orderBy(asc(agentWalletLinks.createdAt), asc(agentWalletLinks.id))
        .prepare(),
    ).all({ organizationId, agentId })
    return { rows, total: rows.length }
  }
  const where = and(
    eq(agentWalletLinks.organizationId, organizationId),
    eq(agentWalletLinks.agentId, agentId),
  )
  const query = db
    .select({ link: agentWalletLinks, wallet: wallets })
    .from(agentWalletLinks)
    .innerJoin(wallets, eq(wallets.id, agentWalletLinks.walletId))
    .where(where)
    .orderBy(asc(agentWalletLinks.createdAt), asc(agentWalletLinks.id))
  const rows = query.limit(page.limit).offset(page.offset).all()
  const total = db.select({ total: count() }).from(agentWalletLinks).where(where).get()?.total ?? 0
  return { rows, total }
}

export function insertLink(db: DbLike, row: NewAgentWalletLinkRow): AgentWalletLinkRow {
  return db.insert(agentWalletLinks).values(row).returning().get()
}

export function updateLink(
  db: DbLike,
  organizationId: string,
  linkId: string,
  patch: AgentWalletLinkPatch,
): AgentWalletLinkRow | undefined {
  return db
    .update(agentWalletLinks)
    .set(patch)
    .where(
      and(eq(agentWalletLinks.organizationId, organizationId), eq(agentWalletLinks.id, linkId)),
    )
    .returning()
    .get()
}

export function deleteLink(db: DbLike, organizationId: string, linkId: string): boolean {
  const deleted = db
    .delete(agentWalletLinks)
    .where(
      and(eq(agentWalletLinks.organizationId, organizationId), eq(agentWalletLinks.id, linkId)),
    )
    .returning({ id: agentWalletLinks.id })
    .all()
  return deleted.length > 0
}
