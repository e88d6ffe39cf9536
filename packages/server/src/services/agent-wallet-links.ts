import {
  type AgentRelationship,
  type AgentWalletLink,
  type createAgentWalletLinkParamsSchema,
  fromMicros,
  type ListAgentRelationshipsResponse,
  type ListAgentWalletLinksResponse,
  type paginationQuerySchema,
  toMicros,
  type updateAgentRelationshipParamsSchema,
  type updateAgentWalletLinkParamsSchema,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import * as relationships from '../db/repositories/agent-relationships.js'
import * as links from '../db/repositories/agent-wallet-links.js'
import { findCounterparty } from '../db/repositories/counterparties.js'
import { spendTotals } from '../db/repositories/spend.js'
import { findWallet } from '../db/repositories/wallets.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { requireAgent } from './agents.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'
import { toWalletResponse } from './wallets.js'

/**
 * Agent ↔ wallet links (which wallets an agent may spend from, with per-link limits and time
 * windows) and agent relationships (an agent's limits towards one counterparty).
 */

export type AgentWalletLinkRow = links.AgentWalletLinkRow
export type AgentRelationshipRow = relationships.AgentRelationshipRow

type Page = z.output<typeof paginationQuerySchema>

const microsOrNull = (amount: number | null): number | null =>
  amount === null ? null : toMicros(amount)
const amountOrNull = (micros: number | null): number | null =>
  micros === null ? null : fromMicros(micros)

/** A link with its wallet and this link's spend (agent + wallet) in the current UTC windows. */
export function toAgentWalletLinkResponse(
  db: DbLike,
  { link, wallet }: links.LinkWithWallet,
  now: number,
): AgentWalletLink {
  const spent = spendTotals(db, { agentId: link.agentId, walletId: link.walletId }, now)
  return {
    id: link.id,
    agentId: link.agentId,
    walletId: link.walletId,
    wallet: toWalletResponse(wallet),
    delegationType: link.delegationType,
    spendLimitPerTx: amountOrNull(link.spendLimitPerTxMicros),
    spendLimitDaily: amountOrNull(link.spendLimitDailyMicros),
    spendLimitWeekly: amountOrNull(link.spendLimitWeeklyMicros),
    spendLimitMonthly: amountOrNull(link.spendLimitMonthlyMicros),
    spentToday: fromMicros(spent.daily),
    spentThisWeek: fromMicros(spent.weekly),
    spentThisMonth: fromMicros(spent.monthly),
    allowedHoursStart: link.allowedHoursStart,
    allowedHoursEnd: link.allowedHoursEnd,
    allowedDays: link.allowedDays,
    timezone: link.timezone,
    createdAt: toIso(link.createdAt),
    updatedAt: toIso(link.updatedAt),
  }
}

/** The link's limits and windows as an audit snapshot. */
function linkState(link: AgentWalletLinkRow) {
  return {
    walletId: link.walletId,
    delegationType: link.delegationType,
    spendLimitPerTx: amountOrNull(link.spendLimitPerTxMicros),
    spendLimitDaily: amountOrNull(link.spendLimitDailyMicros),
    spendLimitWeekly: amountOrNull(link.spendLimitWeeklyMicros),
    spendLimitMonthly: amountOrNull(link.spendLimitMonthlyMicros),
    allowedHoursStart: link.allowedHoursStart,
    allowedHoursEnd: link.allowedHoursEnd,
    allowedDays: link.allowedDays,
    timezone: link.timezone,
  }
}

function requireLink(db: DbLike, organizationId: string, agentId: string, walletId: string) {
  const found = links.findLink(db, organizationId, agentId, walletId)
  if (!found) throw notFound('Wallet link', `${agentId}/${walletId}`)
  return found
}

export function listWalletLinks(
  { deps, auth }: ServiceCall,
  agentId: string,
  query: Page,
): ListAgentWalletLinksResponse {
  const organizationId = organizationIdOf(auth)
  requireAgent(deps.db, organizationId, agentId)
  const now = deps.clock.now()
  const { rows, total } = links.listLinks(deps.db, organizationId, agentId, query)
  return {
    wallets: rows.map((row) => toAgentWalletLinkResponse(deps.db, row, now)),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function linkWallet(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  body: z.output<typeof createAgentWalletLinkParamsSchema>,
): AgentWalletLink {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const agent = requireAgent(tx, organizationId, agentId)
    if (agent.status === 'REVOKED') {
      throw new ApiError('INVALID_STATUS', 'A REVOKED agent cannot be linked to a wallet', {
        currentStatus: agent.status,
      })
    }
    const wallet = findWallet(tx, organizationId, body.walletId)
    if (!wallet) throw notFound('Wallet', body.walletId)
    if (wallet.status === 'ARCHIVED' || wallet.archivedAt !== null) {
      throw new ApiError('INVALID_STATUS', 'An ARCHIVED wallet cannot be linked to an agent', {
        currentStatus: wallet.status,
      })
    }
    if (links.findLink(tx, organizationId, agentId, body.walletId)) {
      throw new ApiError('CONFLICT', 'This wallet is already linked to this agent', {
        walletId: body.walletId,
      })
    }
    const link = links.insertLink(tx, {
      id: createId(),
      organizationId,
      agentId,
      walletId: body.walletId,
      delegationType: body.delegationType,
      spendLimitPerTxMicros: microsOrNull(body.spendLimitPerTx),
      spendLimitDailyMicros: microsOrNull(body.spendLimitDaily),
      spendLimitWeeklyMicros: microsOrNull(body.spendLimitWeekly),
      spendLimitMonthlyMicros: microsOrNull(body.spendLimitMonthly),
      allowedHoursStart: body.allowedHoursStart,
      allowedHoursEnd: body.allowedHoursEnd,
      allowedDays: [...body.allowedDays],
      timezone: body.timezone,
      createdAt: now,
      updatedAt: now,
    })
    recordAudit(tx, now, {
      organizationId,
      action: 'PERMISSION_GRANTED',
      resource: 'agent',
      resourceId: agentId,
      newState: linkState(link),
      actor: actorOf(auth),
      request,
      metadata: { change: 'wallet_linked', walletId: body.walletId, linkId: link.id },
    })
    return toAgentWalletLinkResponse(tx, { link, wallet }, now)
  })
}

export function updateWalletLink(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  walletId: string,
  body: z.output<typeof updateAgentWalletLinkParamsSchema>,
): AgentWalletLink {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    requireAgent(tx, organizationId, agentId)
    const { link, wallet } = requireLink(tx, organizationId, agentId, walletId)
    const start = body.allowedHoursStart ?? link.allowedHoursStart
    const end = body.allowedHoursEnd ?? link.allowedHoursEnd
    if (start === end) {
      const message = `allowedHoursEnd (${end}) must differ from allowedHoursStart (${start}): the window would be empty`
      throw new ApiError('VALIDATION_ERROR', `Invalid body: allowedHoursEnd: ${message}`, {
        issues: [{ path: ['allowedHoursEnd'], message, code: 'custom' }],
      })
    }
    const updated =
      links.updateLink(tx, organizationId, link.id, {
        ...(body.delegationType === undefined ? {} : { delegationType: body.delegationType }),
        ...(body.spendLimitPerTx === undefined
          ? {}
          : { spendLimitPerTxMicros: microsOrNull(body.spendLimitPerTx) }),
        ...(body.spendLimitDaily === undefined
          ? {}
          : { spendLimitDailyMicros: microsOrNull(body.spendLimitDaily) }),
        ...(body.spendLimitWeekly === undefined
          ? {}
          : { spendLimitWeeklyMicros: microsOrNull(body.spendLimitWeekly) }),
        ...(body.spendLimitMonthly === undefined
          ? {}
          : { spendLimitMonthlyMicros: microsOrNull(body.spendLimitMonthly) }),
        allowedHoursStart: start,
        allowedHoursEnd: end,
        ...(body.allowedDays === undefined ? {} : { allowedDays: [...body.allowedDays] }),
        ...(body.timezone === undefined ? {} : { timezone: body.timezone }),
        updatedAt: now,
      }) ?? link
    recordAudit(tx, now, {
      organizationId,
      action: 'UPDATE',
      resource: 'agent',
      resourceId: agentId,
      previousState: linkState(link),
      newState: linkState(updated),
      actor: actorOf(auth),
      request,
      metadata: { change: 'wallet_link_updated', walletId, linkId: link.id },
    })
    return toAgentWalletLinkResponse(tx, { link: updated, wallet }, now)
  })
}

export function unlinkWallet(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  walletId: string,
): { success: true; message: string } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    requireAgent(tx, organizationId, agentId)
    const { link } = requireLink(tx, organizationId, agentId, walletId)
    links.deleteLink(tx, organizationId, link.id)
    recordAudit(tx, now, {
      organizationId,
      action: 'PERMISSION_REVOKED',
      resource: 'agent',
      resourceId: agentId,
      previousState: linkState(link),
      actor: actorOf(auth),
      request,
      metadata: { change: 'wallet_unlinked', walletId, linkId: link.id },
    })
    return { success: true, message: `Wallet ${walletId} unlinked from agent ${agentId}` }
  })
}

// ---------------------------------------------------------------------------------------------
// Relationships
// ---------------------------------------------------------------------------------------------

export function toAgentRelationshipResponse(row: AgentRelationshipRow): AgentRelationship {
  return {
    id: row.id,
    agentId: row.agentId,
    counterpartyId: row.counterpartyId,
    spendLimitPerTx: amountOrNull(row.spendLimitPerTxMicros),
    spendLimitDaily: amountOrNull(row.spendLimitDailyMicros),
    spendLimitMonthly: amountOrNull(row.spendLimitMonthlyMicros),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

export function listAgentRelationships(
  { deps, auth }: ServiceCall,
  agentId: string,
  query: Page,
): ListAgentRelationshipsResponse {
  const organizationId = organizationIdOf(auth)
  requireAgent(deps.db, organizationId, agentId)
  const { rows, total } = relationships.listRelationships(deps.db, organizationId, agentId, query)
  return {
    relationships: rows.map(toAgentRelationshipResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

/** Sets the agent's limits towards one counterparty; the relationship is created on first use. */
export function updateAgentRelationship(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  counterpartyId: string,
  body: z.output<typeof updateAgentRelationshipParamsSchema>,
): AgentRelationship {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    requireAgent(tx, organizationId, agentId)
    if (!findCounterparty(tx, organizationId, counterpartyId)) {
      throw notFound('Counterparty', counterpartyId)
    }
    const patch = {
      ...(body.spendLimitPerTx === undefined
        ? {}
        : { spendLimitPerTxMicros: microsOrNull(body.spendLimitPerTx) }),
      ...(body.spendLimitDaily === undefined
        ? {}
        : { spendLimitDailyMicros: microsOrNull(body.spendLimitDaily) }),
      ...(body.spendLimitMonthly === undefined
        ? {}
        : { spendLimitMonthlyMicros: microsOrNull(body.spendLimitMonthly) }),
    }
    const existing = relationships.findRelationship(tx, organizationId, agentId, counterpartyId)
    const row = existing
      ? (relationships.updateRelationship(tx, organizationId, existing.id, {
          ...patch,
          updatedAt: now,
        }) ?? existing)
      : relationships.insertRelationship(tx, {
          id: createId(),
          organizationId,
          agentId,
          counterpartyId,
          spendLimitPerTxMicros: null,
          spendLimitDailyMicros: null,
          spendLimitMonthlyMicros: null,
          ...patch,
          createdAt: now,
          updatedAt: now,
        })
    const response = toAgentRelationshipResponse(row)
    recordAudit(tx, now, {
      organizationId,
      action: existing ? 'UPDATE' : 'CREATE',
      resource: 'relationship',
      resourceId: row.id,
      previousState: existing ? toAgentRelationshipResponse(existing) : null,
      newState: response,
      actor: actorOf(auth),
      request,
      metadata: { agentId, counterpartyId },
    })
    return response
  })
}
