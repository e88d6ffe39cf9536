import {
  fromMicros,
  type ListSdkWalletsResponse,
  type listSdkWalletsQuerySchema,
  type RemainingBudget,
  type SdkAgentProfile,
  type SdkSetupResponse,
  type SdkWallet,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIsoOrNull } from '../clock.js'
import { type LinkWithWallet, listLinks } from '../db/repositories/agent-wallet-links.js'
import { type AgentRow, findAgent } from '../db/repositories/agents.js'
import { findOrganization, type OrganizationRow } from '../db/repositories/organizations.js'
import { listEffectivePolicies } from '../db/repositories/policies.js'
import { findSdkKey } from '../db/repositories/sdk-keys.js'
import { spendTotals } from '../db/repositories/spend.js'
import type { DbLike } from '../db/transaction.js'
import { type AgentAuth, type Auth, agentOf, type ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { toAgentResponse } from './agents.js'
import { paginationOf } from './pagination.js'

/**
 * What an agent reads about itself with its SDK key (§2.15, §2.17): the setup summary, its
 * profile, and its wallets with the link's limits, spend and remaining headroom.
 */

type ListSdkWalletsQuery = z.output<typeof listSdkWalletsQuerySchema>

/** Limits and spend of one link, in micro-units (`null` limit = unlimited). */
export interface LinkBudget {
  readonly perTransaction: number | null
  readonly daily: number | null
  readonly weekly: number | null
  readonly monthly: number | null
  readonly spentDaily: number
  readonly spentWeekly: number
  readonly spentMonthly: number
}

/**
 * What a link still allows, in units: each window's limit minus its spend (never below 0;
 * `null` when unlimited). A single payment is also capped by every window's headroom, so
 * `perTransaction` is the smallest of the per-transaction limit and the windows' remainders
 * (`null` only when all four are unlimited).
 */
export function remainingOf(budget: LinkBudget): RemainingBudget {
  const headroom = (limit: number | null, spent: number) =>
    limit === null ? null : Math.max(0, limit - spent)
  const daily = headroom(budget.daily, budget.spentDaily)
  const weekly = headroom(budget.weekly, budget.spentWeekly)
  const monthly = headroom(budget.monthly, budget.spentMonthly)
  const caps = [budget.perTransaction, daily, weekly, monthly].filter(
    (value): value is number => value !== null,
  )
  const perTransaction = caps.length === 0 ? null : Math.max(0, Math.min(...caps))
  const units = (micros: number | null) => (micros === null ? null : fromMicros(micros))
  return {
    perTransaction: units(perTransaction),
    daily: units(daily),
    weekly: units(weekly),
    monthly: units(monthly),
  }
}

/** A linked wallet as the agent sees it: the link's limits, spend and remaining headroom. */
export function toSdkWalletResponse(
  db: DbLike,
  { link, wallet }: LinkWithWallet,
  now: number,
): SdkWallet {
  const spent = spendTotals(db, { agentId: link.agentId, walletId: link.walletId }, now)
  const budget: LinkBudget = {
    perTransaction: link.spendLimitPerTxMicros,
    daily: link.spendLimitDailyMicros,
    weekly: link.spendLimitWeeklyMicros,
    monthly: link.spendLimitMonthlyMicros,
    spentDaily: spent.daily,
    spentWeekly: spent.weekly,
    spentMonthly: spent.monthly,
  }
  const units = (micros: number | null) => (micros === null ? null : fromMicros(micros))
  return {
    id: wallet.id,
    name: wallet.name,
    address: wallet.address,
    chainId: wallet.chainId,
    chainType: wallet.chainType,
    custodyType: wallet.custodyType,
    status: wallet.status,
    balance: fromMicros(wallet.balanceMicros),
    currency: wallet.currency,
    limits: {
      perTransaction: units(budget.perTransaction),
      daily: units(budget.daily),
      weekly: units(budget.weekly),
      monthly: units(budget.monthly),
    },
    spent: {
      today: fromMicros(spent.daily),
      thisWeek: fromMicros(spent.weekly),
      thisMonth: fromMicros(spent.monthly),
    },
    remaining: remainingOf(budget),
    allowedHoursStart: link.allowedHoursStart,
    allowedHoursEnd: link.allowedHoursEnd,
    allowedDays: link.allowedDays,
    timezone: link.timezone,
    delegationType: link.delegationType,
  }
}

/** The calling agent and its organization (a key always belongs to both; 404 if they vanished). */
function callerOf(db: DbLike, auth: AgentAuth): { agent: AgentRow; organization: OrganizationRow } {
  const agent = findAgent(db, auth.organizationId, auth.agentId)
  const organization = findOrganization(db, auth.organizationId)
  if (!agent || !organization)
    throw new ApiError('NOT_FOUND', 'The agent of this key no longer exists')
  return { agent, organization }
}

/** `GET /api/sdk/setup`: everything an agent needs to check that its setup works. */
export function retrieveSetup(deps: ServiceDeps, auth: Auth): SdkSetupResponse {
  const caller = agentOf(auth)
  const { agent, organization } = callerOf(deps.db, caller)
  const now = deps.clock.now()
  const key = findSdkKey(deps.db, caller.organizationId, caller.agentId, caller.keyId)
  // The key stops working at its own expiry or its organization's (sandboxes), whichever is first.
  const expiries = [key?.expiresAt ?? null, organization.expiresAt].filter(
    (value): value is number => value !== null,
  )
  return {
    agent: { id: agent.id, name: agent.name, status: agent.status, agentType: agent.agentType },
    organization: { id: organization.id, name: organization.name },
    wallets: listLinks(deps.db, caller.organizationId, caller.agentId).rows.map((linked) =>
      toSdkWalletResponse(deps.db, linked, now),
    ),
    policies: listEffectivePolicies(deps.db, caller.organizationId, caller.agentId).rows.map(
      (policy) => ({
        id: policy.id,
        name: policy.name,
        policyType: policy.policyType,
        priority: policy.priority,
        isActive: policy.isActive,
      }),
    ),
    scopes: [...caller.scopes] as SdkSetupResponse['scopes'],
    keyType: caller.keyType,
    expiresAt: toIsoOrNull(expiries.length === 0 ? null : Math.min(...expiries)),
  }
}

/** `GET /api/sdk/agent`: the calling agent's profile and its organization. */
export function retrieveAgentProfile(deps: ServiceDeps, auth: Auth): SdkAgentProfile {
  const { agent, organization } = callerOf(deps.db, agentOf(auth))
  return {
    ...toAgentResponse(agent),
    organization: { id: organization.id, name: organization.name },
  }
}

/**
 * `GET /api/sdk/wallets`: the wallets linked to the calling agent, oldest link first, frozen
 * and archived ones included (with their status).
 */
export function listAgentWallets(
  deps: ServiceDeps,
  auth: Auth,
  query: ListSdkWalletsQuery,
): ListSdkWalletsResponse {
  const caller = agentOf(auth)
  callerOf(deps.db, caller)
  const now = deps.clock.now()
  const { rows, total } = listLinks(deps.db, caller.organizationId, caller.agentId, {
    limit: query.limit,
    offset: query.offset,
  })
  return {
    wallets: rows.map((linked) => toSdkWalletResponse(deps.db, linked, now)),
    pagination: paginationOf(total, query, rows.length),
  }
}
