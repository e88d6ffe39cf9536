import {
  type Agent,
  type AgentDetail,
  type AgentFreezeWebhookData,
  type BulkImportAgentsResponse,
  type bulkImportAgentsParamsSchema,
  type createAgentParamsSchema,
  defaultFreezeConfig,
  type FreezeAgentResponse,
  type FreezeConfigResponse,
  type freezeAgentParamsSchema,
  fromMicros,
  type ListAgentsResponse,
  type listAgentsQuerySchema,
  type ResolvedFreezeConfig,
  type unfreezeAgentParamsSchema,
  type updateAgentParamsSchema,
  type updateFreezeConfigParamsSchema,
} from '@conto/schemas'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { z } from 'zod'
import { canonicalJson } from '../canonical-json.js'
import { toIso, toIsoOrNull } from '../clock.js'
import * as assignments from '../db/repositories/agent-policies.js'
import * as links from '../db/repositories/agent-wallet-links.js'
import * as repo from '../db/repositories/agents.js'
import { findWallet, updateWallet } from '../db/repositories/wallets.js'
import type { DbLike } from '../db/transaction.js'
import { inTransaction } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { emitEvent } from './events.js'
import { paginationOf } from './pagination.js'

export type AgentRow = repo.AgentRow

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** The effective freeze configuration: the agent's overrides over the Defaults-page values. */
export function resolveFreezeConfig(row: AgentRow): ResolvedFreezeConfig {
  return {
    ...defaultFreezeConfig,
    ...(row.freezeConfig ?? {}),
    autoFreezeEnabled: row.autoFreezeEnabled,
  }
}

/** An agent row as the API returns it. */
export function toAgentResponse(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    agentType: row.agentType as Agent['agentType'],
    status: row.status as Agent['status'],
    description: row.description,
    publicKey: row.publicKey,
    externalId: row.externalId,
    purpose: row.purpose,
    environment: row.environment,
    riskTier: row.riskTier,
    ownerMembershipId: row.ownerMembershipId,
    allowedContexts: row.allowedContexts ?? [],
    identityTags: row.identityTags ?? [],
    metadata: row.metadata,
    callbackUrl: row.callbackUrl,
    autoFreezeEnabled: row.autoFreezeEnabled,
    freezeConfig: resolveFreezeConfig(row),
    frozenAt: toIsoOrNull(row.frozenAt),
    frozenReason: row.frozenReason,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

const microsOrNull = (micros: number | null): number | null =>
  micros === null ? null : fromMicros(micros)

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by the link, policy-assignment and SDK-key services)
// ---------------------------------------------------------------------------------------------

/** The organization's agent, or 404 (another organization's agent looks unknown too). */
export function requireAgent(db: DbLike, organizationId: string, agentId: string): AgentRow {
  const row = repo.findAgent(db, organizationId, agentId)
  if (!row) throw notFound('Agent', agentId)
  return row
}

/** A fresh EVM address; its private key is discarded (the agent's identity is only an address). */
export function generateAgentPublicKey(): string {
  return privateKeyToAccount(generatePrivateKey()).address
}

function assertNameFree(db: DbLike, organizationId: string, name: string, exceptId?: string): void {
  const existing = repo.findAgentByName(db, organizationId, name)
  if (existing && existing.id !== exceptId) {
    throw new ApiError('CONFLICT', `An agent named "${name}" already exists in this organization`, {
      field: 'name',
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Webhook events
// ---------------------------------------------------------------------------------------------

/*
 * Agent events (§4.15), written in the transaction that makes the change (next to its audit
 * entry), so an event exists exactly when its change was committed and a failed call emits none.
 *
 * - `agent.created`: once per agent created — POST /api/agents, each agent a bulk import creates
 *   (skipped and failed items emit nothing), and the sandbox signup (which calls createAgent).
 * - A status transition (before ≠ after), whichever endpoint makes it (PATCH, freeze, unfreeze),
 *   gets exactly one specific event:
 *     → PAUSED                  `agent.paused`   (from ACTIVE or SUSPENDED)
 *     PAUSED → ACTIVE           `agent.resumed`
 *     → SUSPENDED               `agent.frozen`   (from ACTIVE or PAUSED)
 *     SUSPENDED → ACTIVE        `agent.unfrozen`
 *     → REVOKED                 none: announced by `agent.updated` (below)
 *   `agent.frozen` / `agent.unfrozen` carry the auto-freeze shape `{ agentId, reason, trigger }`
 *   with trigger MANUAL (auto-freeze in auto-freeze.ts emits its own); the others carry
 *   `{ agentId, name, status, agentType }`.
 * - `agent.updated` (`{ agentId, name, status, agentType, changes }`) only when the call changed
 *   something no status event announces: a field other than status (PATCH, or the freeze-config
 *   endpoint), or a status change with no event of its own (→ REVOKED). `changes` lists the
 *   agent fields (as the API names them) whose value the call changed — for PATCH, among the
 *   fields sent; for freeze-config, `autoFreezeEnabled` / `freezeConfig` — status included when
 *   it changed, so the event is self-contained; side effects of a status change (frozenAt,
 *   frozenReason) are not listed.
 * - Nothing when nothing changed: a PATCH whose values equal the current ones, freezing an agent
 *   that is already SUSPENDED, unfreezing one that is not SUSPENDED or PAUSED.
 */

type AgentStatusEvent = 'agent.paused' | 'agent.resumed' | 'agent.frozen' | 'agent.unfrozen'

/** The specific event of a status transition, or null (no change, or → REVOKED). */
function statusEventOf(before: string, after: string): AgentStatusEvent | null {
  if (before === after) return null
  if (after === 'PAUSED') return 'agent.paused'
  if (after === 'SUSPENDED') return 'agent.frozen'
  if (after === 'ACTIVE' && before === 'PAUSED') return 'agent.resumed'
  if (after === 'ACTIVE' && before === 'SUSPENDED') return 'agent.unfrozen'
  return null
}

/** The compact `data` of `agent.created`, `agent.updated`, `agent.paused` and `agent.resumed`. */
function agentEventData(agent: Agent): Record<string, unknown> {
  return { agentId: agent.id, name: agent.name, status: agent.status, agentType: agent.agentType }
}

/** The fields (of `fields`) whose response value differs between `before` and `after`. */
function changedFields(before: Agent, after: Agent, fields: readonly string[]): string[] {
  const was = before as unknown as Record<string, unknown>
  const is = after as unknown as Record<string, unknown>
  return fields.filter((field) => canonicalJson(was[field]) !== canonicalJson(is[field]))
}

/**
 * Emits the events of one agent change by the rule above. `changes` are the changed request
 * fields; `reason` is the freeze/unfreeze reason carried by `agent.frozen` / `agent.unfrozen`.
 */
function emitAgentChangeEvents(
  db: DbLike,
  now: number,
  organizationId: string,
  before: Agent,
  after: Agent,
  changes: readonly string[],
  reason: string | null = null,
): void {
  const statusEvent = statusEventOf(before.status, after.status)
  if (statusEvent === 'agent.frozen' || statusEvent === 'agent.unfrozen') {
    const data: AgentFreezeWebhookData = { agentId: after.id, reason, trigger: 'MANUAL' }
    emitEvent(db, now, organizationId, statusEvent, data)
  } else if (statusEvent !== null) {
    emitEvent(db, now, organizationId, statusEvent, agentEventData(after))
  }
  const announced = statusEvent === null ? [] : ['status']
  if (changes.some((field) => !announced.includes(field))) {
    emitEvent(db, now, organizationId, 'agent.updated', {
      ...agentEventData(after),
      changes: [...changes],
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

export function listAgents(
  { deps, auth }: ServiceCall,
  query: z.output<typeof listAgentsQuerySchema>,
): ListAgentsResponse {
  const { rows, total } = repo.listAgents(deps.db, organizationIdOf(auth), {
    status: query.status,
    search: query.search?.trim() || undefined,
    limit: query.limit,
    offset: query.offset,
  })
  return {
    agents: rows.map(toAgentResponse),
    total,
    limit: query.limit,
    offset: query.offset,
    pagination: paginationOf(total, query, rows.length),
  }
}

export function createAgent(
  { deps, auth, request }: ServiceCall,
  body: z.output<typeof createAgentParamsSchema>,
): Agent {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    assertNameFree(tx, organizationId, body.name)
    const row = repo.insertAgent(tx, {
      id: createId(),
      organizationId,
      name: body.name,
      agentType: body.agentType,
      status: 'ACTIVE',
      description: body.description ?? null,
      publicKey: body.publicKey ?? generateAgentPublicKey(),
      externalId: body.externalId ?? null,
      purpose: body.purpose ?? null,
      environment: body.environment ?? null,
      riskTier: body.riskTier ?? null,
      ownerMembershipId: body.ownerMembershipId ?? null,
      allowedContexts: body.allowedContexts ?? null,
      identityTags: body.identityTags ?? null,
      metadata: body.metadata ?? null,
      callbackUrl: body.callbackUrl ?? null,
      autoFreezeEnabled: defaultFreezeConfig.autoFreezeEnabled,
      freezeConfig: null,
      createdAt: now,
      updatedAt: now,
    })
    const agent = toAgentResponse(row)
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'agent',
      resourceId: row.id,
      newState: agent,
      actor: actorOf(auth),
      request,
    })
    emitEvent(tx, now, organizationId, 'agent.created', agentEventData(agent))
    return agent
  })
}

/**
 * Registers up to 100 agents in one transaction. With `skipExisting`, an agent whose publicKey
 * the organization already has (case-insensitively, including one created earlier in the same
 * batch) is skipped; a name the organization already has is reported in `errors`.
 */
export function bulkImportAgents(
  { deps, auth, request }: ServiceCall,
  body: z.output<typeof bulkImportAgentsParamsSchema>,
): BulkImportAgentsResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const knownKeys = new Set(
      repo
        .findAgentsByPublicKeys(
          tx,
          organizationId,
          body.agents.map((agent) => agent.publicKey),
        )
        .map((row) => (row.publicKey ?? '').toLowerCase()),
    )
    const created: Agent[] = []
    const skipped: BulkImportAgentsResponse['skipped'] = []
    const errors: BulkImportAgentsResponse['errors'] = []
    body.agents.forEach((item, index) => {
      const keyLower = item.publicKey.toLowerCase()
      if (body.skipExisting && knownKeys.has(keyLower)) {
        skipped.push({
          name: item.name,
          publicKey: item.publicKey,
          reason: 'An agent with this publicKey already exists in this organization',
        })
        return
      }
      if (repo.findAgentByName(tx, organizationId, item.name)) {
        errors.push({
          index,
          name: item.name,
          error: `An agent named "${item.name}" already exists in this organization`,
        })
        return
      }
      const row = repo.insertAgent(tx, {
        id: createId(),
        organizationId,
        name: item.name,
        agentType: item.agentType,
        status: 'ACTIVE',
        description: item.description ?? null,
        publicKey: item.publicKey,
        externalId: item.externalId ?? null,
        autoFreezeEnabled: defaultFreezeConfig.autoFreezeEnabled,
        createdAt: now,
        updatedAt: now,
      })
      knownKeys.add(keyLower)
      const agent = toAgentResponse(row)
      created.push(agent)
      recordAudit(tx, now, {
        organizationId,
        action: 'CREATE',
        resource: 'agent',
        resourceId: row.id,
        newState: agent,
        actor: actorOf(auth),
        request,
        metadata: { bulkImport: true },
      })
      emitEvent(tx, now, organizationId, 'agent.created', agentEventData(agent))
    })
    return {
      created,
      skipped,
      errors,
      summary: {
        total: body.agents.length,
        created: created.length,
        skipped: skipped.length,
        failed: errors.length,
      },
    }
  })
}

export function retrieveAgent({ deps, auth }: ServiceCall, agentId: string): AgentDetail {
  const organizationId = organizationIdOf(auth)
  const row = requireAgent(deps.db, organizationId, agentId)
  const linked = links.listLinks(deps.db, organizationId, agentId).rows
  const assigned = assignments.listAssignments(deps.db, organizationId, agentId).rows
  return {
    ...toAgentResponse(row),
    wallets: linked.map(({ link, wallet }) => ({
      id: link.id,
      walletId: link.walletId,
      delegationType: link.delegationType,
      spendLimitPerTx: microsOrNull(link.spendLimitPerTxMicros),
      spendLimitDaily: microsOrNull(link.spendLimitDailyMicros),
      spendLimitWeekly: microsOrNull(link.spendLimitWeeklyMicros),
      spendLimitMonthly: microsOrNull(link.spendLimitMonthlyMicros),
      allowedHoursStart: link.allowedHoursStart,
      allowedHoursEnd: link.allowedHoursEnd,
      allowedDays: link.allowedDays,
      timezone: link.timezone,
      wallet: {
        id: wallet.id,
        name: wallet.name,
        address: wallet.address,
        chainId: wallet.chainId,
        custodyType: wallet.custodyType,
        status: wallet.status,
      },
    })),
    policies: assigned.map(({ policy }) => ({
      id: policy.id,
      name: policy.name,
      policyType: policy.policyType,
      priority: policy.priority,
      isActive: policy.isActive,
    })),
    _count: { sentTransactions: repo.countSentTransactions(deps.db, organizationId, agentId) },
  }
}

/** The audit action of a status change (§4.16 vocabulary). */
function auditActionOf(before: string, after: string): 'UPDATE' | 'SUSPEND' | 'ACTIVATE' {
  if (before === after) return 'UPDATE'
  if (after === 'SUSPENDED') return 'SUSPEND'
  if (after === 'ACTIVE') return 'ACTIVATE'
  return 'UPDATE'
}

type DefinedOnly<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

/** The fields of a PATCH body that were sent (`undefined` = not sent; `null` clears). */
export function definedOnly<T extends object>(value: T): DefinedOnly<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as DefinedOnly<T>
}

/** REVOKED is terminal: an agent can never leave it. */
function assertNotLeavingRevoked(row: AgentRow, nextStatus: string | undefined): void {
  if (row.status === 'REVOKED' && nextStatus !== undefined && nextStatus !== 'REVOKED') {
    throw new ApiError(
      'INVALID_STATUS',
      'This agent is REVOKED, which is permanent: create a new agent instead',
      { currentStatus: row.status, requestedStatus: nextStatus },
    )
  }
}

export function updateAgent(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  body: z.output<typeof updateAgentParamsSchema>,
): Agent {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = requireAgent(tx, organizationId, agentId)
    if (Object.keys(definedOnly(body)).length === 0) return toAgentResponse(before)
    assertNotLeavingRevoked(before, body.status)
    if (body.name !== undefined) assertNameFree(tx, organizationId, body.name, agentId)
    const { freezeConfig, ...fields } = body
    const patch: repo.AgentPatch = { ...definedOnly(fields), updatedAt: now }
    if (freezeConfig !== undefined) {
      patch.freezeConfig = {
        ...(before.freezeConfig ?? {}),
        ...definedOnly(freezeConfig),
      } as Record<string, number>
    }
    if (body.status !== undefined && body.status !== 'SUSPENDED' && before.status === 'SUSPENDED') {
      patch.frozenAt = null
      patch.frozenReason = null
    }
    const after = repo.updateAgent(tx, organizationId, agentId, patch) ?? before
    const previous = toAgentResponse(before)
    const response = toAgentResponse(after)
    recordAudit(tx, now, {
      organizationId,
      action: auditActionOf(before.status, after.status),
      resource: 'agent',
      resourceId: agentId,
      previousState: previous,
      newState: response,
      actor: actorOf(auth),
      request,
    })
    const changes = changedFields(previous, response, Object.keys(definedOnly(body)))
    emitAgentChangeEvents(tx, now, organizationId, previous, response, changes)
    return response
  })
}

export function deleteAgent(
  { deps, auth, request }: ServiceCall,
  agentId: string,
): { success: true; message: string } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = requireAgent(tx, organizationId, agentId)
    repo.deleteAgent(tx, organizationId, agentId)
    recordAudit(tx, now, {
      organizationId,
      action: 'DELETE',
      resource: 'agent',
      resourceId: agentId,
      previousState: toAgentResponse(before),
      actor: actorOf(auth),
      request,
    })
    return { success: true, message: `Agent ${agentId} deleted` }
  })
}

/**
 * Manual freeze: the agent becomes SUSPENDED and every ACTIVE wallet linked to it FROZEN. The
 * wallets frozen here are remembered so that unfreeze restores exactly those.
 */
export function freezeAgent(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  body: z.output<typeof freezeAgentParamsSchema>,
): FreezeAgentResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = requireAgent(tx, organizationId, agentId)
    if (before.status === 'REVOKED') {
      throw new ApiError('INVALID_STATUS', 'A REVOKED agent cannot be frozen', {
        currentStatus: before.status,
      })
    }
    const frozenWalletIds = links
      .listLinks(tx, organizationId, agentId)
      .rows.filter(({ wallet }) => wallet.status === 'ACTIVE')
      .map(({ wallet }) => wallet.id)
    for (const walletId of frozenWalletIds) {
      updateWallet(tx, organizationId, walletId, { status: 'FROZEN', updatedAt: now })
    }
    const remembered = [...new Set([...(before.frozenWalletIds ?? []), ...frozenWalletIds])]
    const after =
      repo.updateAgent(tx, organizationId, agentId, {
        status: 'SUSPENDED',
        frozenAt: before.status === 'SUSPENDED' && before.frozenAt !== null ? before.frozenAt : now,
        frozenReason: body.reason ?? 'MANUAL',
        frozenWalletIds: remembered,
        updatedAt: now,
      }) ?? before
    const previous = toAgentResponse(before)
    const agent = toAgentResponse(after)
    recordAudit(tx, now, {
      organizationId,
      action: 'SUSPEND',
      resource: 'agent',
      resourceId: agentId,
      previousState: previous,
      newState: agent,
      actor: actorOf(auth),
      request,
      metadata: { trigger: 'MANUAL', reason: body.reason ?? null, frozenWalletIds },
    })
    emitAgentChangeEvents(tx, now, organizationId, previous, agent, [], body.reason ?? null)
    for (const walletId of frozenWalletIds) {
      recordAudit(tx, now, {
        organizationId,
        action: 'UPDATE',
        resource: 'wallet',
        resourceId: walletId,
        previousState: { status: 'ACTIVE' },
        newState: { status: 'FROZEN' },
        actor: actorOf(auth),
        request,
        metadata: { reason: 'agent_frozen', agentId },
      })
    }
    return { agent, frozenWalletIds, unfrozenWalletIds: [] }
  })
}

/**
 * Unfreeze: the agent is ACTIVE again (its violation and failure streaks reset); with
 * `unfreezeWallets` the wallets its freeze froze that are still FROZEN become ACTIVE.
 */
export function unfreezeAgent(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  body: z.output<typeof unfreezeAgentParamsSchema>,
): FreezeAgentResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = requireAgent(tx, organizationId, agentId)
    if (before.status === 'REVOKED') {
      throw new ApiError('INVALID_STATUS', 'A REVOKED agent cannot be unfrozen', {
        currentStatus: before.status,
      })
    }
    const remembered = before.frozenWalletIds ?? []
    const unfrozenWalletIds = body.unfreezeWallets
      ? remembered.filter(
          (walletId) => findWallet(tx, organizationId, walletId)?.status === 'FROZEN',
        )
      : []
    for (const walletId of unfrozenWalletIds) {
      updateWallet(tx, organizationId, walletId, { status: 'ACTIVE', updatedAt: now })
    }
    const after =
      repo.updateAgent(tx, organizationId, agentId, {
        status: 'ACTIVE',
        frozenAt: null,
        frozenReason: null,
        frozenWalletIds: body.unfreezeWallets || remembered.length === 0 ? null : remembered,
        consecutiveViolations: 0,
        consecutiveFailures: 0,
        updatedAt: now,
      }) ?? before
    const previous = toAgentResponse(before)
    const agent = toAgentResponse(after)
    recordAudit(tx, now, {
      organizationId,
      action: 'ACTIVATE',
      resource: 'agent',
      resourceId: agentId,
      previousState: previous,
      newState: agent,
      actor: actorOf(auth),
      request,
      metadata: { reason: body.reason ?? null, unfrozenWalletIds },
    })
    emitAgentChangeEvents(tx, now, organizationId, previous, agent, [], body.reason ?? null)
    for (const walletId of unfrozenWalletIds) {
      recordAudit(tx, now, {
        organizationId,
        action: 'UPDATE',
        resource: 'wallet',
        resourceId: walletId,
        previousState: { status: 'FROZEN' },
        newState: { status: 'ACTIVE' },
        actor: actorOf(auth),
        request,
        metadata: { reason: 'agent_unfrozen', agentId },
      })
    }
    return { agent, frozenWalletIds: [], unfrozenWalletIds }
  })
}

export function retrieveFreezeConfig(
  { deps, auth }: ServiceCall,
  agentId: string,
): FreezeConfigResponse {
  const row = requireAgent(deps.db, organizationIdOf(auth), agentId)
  return { agentId: row.id, freezeConfig: resolveFreezeConfig(row) }
}

export function updateFreezeConfig(
  { deps, auth, request }: ServiceCall,
  agentId: string,
  body: z.output<typeof updateFreezeConfigParamsSchema>,
): FreezeConfigResponse {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = requireAgent(tx, organizationId, agentId)
    const { autoFreezeEnabled, ...thresholds } = body
    const after =
      repo.updateAgent(tx, organizationId, agentId, {
        freezeConfig: { ...(before.freezeConfig ?? {}), ...definedOnly(thresholds) } as Record<
          string,
          number
        >,
        ...(autoFreezeEnabled === undefined ? {} : { autoFreezeEnabled }),
        updatedAt: now,
      }) ?? before
    const freezeConfig = resolveFreezeConfig(after)
    const previous = toAgentResponse(before)
    const current = toAgentResponse(after)
    const changes = changedFields(previous, current, ['autoFreezeEnabled', 'freezeConfig'])
    recordAudit(tx, now, {
      organizationId,
      action: 'UPDATE',
      resource: 'agent',
      resourceId: agentId,
      previousState: { freezeConfig: resolveFreezeConfig(before) },
      newState: { freezeConfig },
      actor: actorOf(auth),
      request,
      metadata: { change: 'freeze_config' },
    })
    emitAgentChangeEvents(tx, now, organizationId, previous, current, changes)
    return { agentId, freezeConfig }
  })
}
