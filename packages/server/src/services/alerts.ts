import type {
  Alert,
  AlertStatus,
  acknowledgeAlertParamsSchema,
  ListAlertsResponse,
  listAlertsQuerySchema,
  listSdkAlertsQuerySchema,
  resolveAlertParamsSchema,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import { findAgent } from '../db/repositories/agents.js'
import {
  type AlertFilters,
  type AlertRow,
  findAlert,
  listAlerts as listAlertRows,
  transitionAlert,
} from '../db/repositories/alerts.js'
import { findWallet } from '../db/repositories/wallets.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import { actorOf, callerOf, type ServiceCall, type ServiceDeps } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/**
 * Alerts (§2.9, §2.17, §4.14): the organization's list (severity filter aliases normalised by
 * the schema), acknowledge (ACTIVE → ACKNOWLEDGED) and resolve (→ RESOLVED, audited as
 * ALERT_RESOLVED); an agent sees and acknowledges only its own alerts. Alerts are raised by
 * `raiseAlert` (alerts-raise.ts).
 */

type ListQuery = z.output<typeof listAlertsQuerySchema>
type SdkListQuery = z.output<typeof listSdkAlertsQuerySchema>
type AcknowledgeInput = z.output<typeof acknowledgeAlertParamsSchema>
type ResolveInput = z.output<typeof resolveAlertParamsSchema>

/** Caches agent and wallet names while a page of alerts is rendered. */
type NameCache = Map<string, { id: string; name: string } | null>

function namedRef(
  cache: NameCache,
  key: string,
  load: () => { id: string; name: string } | undefined,
): { id: string; name: string } | null {
  if (!cache.has(key)) {
    const found = load()
    cache.set(key, found ? { id: found.id, name: found.name } : null)
  }
  return cache.get(key) ?? null
}

/** An alert row as the API returns it, with its agent's and wallet's names. */
export function toAlertResponse(db: DbLike, row: AlertRow, cache: NameCache = new Map()): Alert {
  const { organizationId, agentId, walletId } = row
  return {
    id: row.id,
    type: row.type,
    severity: row.severity,
    status: row.status,
    title: row.title,
    message: row.message,
    agent:
      agentId === null
        ? null
        : namedRef(cache, `agent:${agentId}`, () => findAgent(db, organizationId, agentId)),
    wallet:
      walletId === null
        ? null
        : namedRef(cache, `wallet:${walletId}`, () => findWallet(db, organizationId, walletId)),
    metadata: row.metadata ?? {},
    note: row.note,
    acknowledgedAt: toIsoOrNull(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    resolvedAt: toIsoOrNull(row.resolvedAt),
    resolvedBy: row.resolvedBy,
    createdAt: toIso(row.createdAt),
  }
}

function page(
  deps: ServiceDeps,
  organizationId: string,
  filters: AlertFilters,
  query: { limit: number; offset: number },
): ListAlertsResponse {
  const { rows, total } = listAlertRows(deps.db, organizationId, filters, query)
  const cache: NameCache = new Map()
  return {
    alerts: rows.map((row) => toAlertResponse(deps.db, row, cache)),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function listAlerts(call: ServiceCall, query: ListQuery): ListAlertsResponse {
  return page(
    call.deps,
    callerOf(call.auth).organizationId,
    {
      statuses: query.status === undefined ? undefined : [query.status],
      severity: query.severity,
      type: query.type,
      agentId: query.agentId,
    },
    query,
  )
}

/** The calling agent's alerts; `unread=true` = still ACTIVE, `unread=false` = acknowledged or resolved. */
export function listAgentAlerts(call: ServiceCall, query: SdkListQuery): ListAlertsResponse {
  const caller = callerOf(call.auth)
  if (caller.kind !== 'agent') throw new ApiError('FORBIDDEN', 'An agent key is required')
  let statuses: readonly AlertStatus[] | undefined =
    query.unread === undefined
      ? undefined
      : query.unread
        ? ['ACTIVE']
        : ['ACKNOWLEDGED', 'RESOLVED']
  if (query.status !== undefined) {
    statuses = statuses === undefined || statuses.includes(query.status) ? [query.status] : []
  }
  return page(
    call.deps,
    caller.organizationId,
    { statuses, severity: query.severity, type: query.type, agentId: caller.agentId },
    query,
  )
}

export function retrieveAlert(call: ServiceCall, alertId: string): Alert {
  const caller = callerOf(call.auth)
  const row = findAlert(call.deps.db, caller.organizationId, alertId)
  if (!row) throw notFound('Alert', alertId)
  return toAlertResponse(call.deps.db, row)
}

/** ACTIVE → ACKNOWLEDGED, by the calling key (an agent may acknowledge only its own alerts). */
export function acknowledgeAlert(
  call: ServiceCall,
  alertId: string,
  input: AcknowledgeInput,
): Alert {
  return transition(call, alertId, {
    action: 'UPDATE',
    from: ['ACTIVE'],
    verb: 'acknowledged',
    changes: (row, now, keyId) => ({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: now,
      acknowledgedBy: keyId,
      note: input.note ?? row.note,
    }),
  })
}

/** ACTIVE or ACKNOWLEDGED → RESOLVED (audited as ALERT_RESOLVED). */
export function resolveAlert(call: ServiceCall, alertId: string, input: ResolveInput): Alert {
  return transition(call, alertId, {
    action: 'ALERT_RESOLVED',
    from: ['ACTIVE', 'ACKNOWLEDGED'],
    verb: 'resolved',
    changes: (row, now, keyId) => ({
      status: 'RESOLVED',
      resolvedAt: now,
      resolvedBy: keyId,
      note: input.note ?? row.note,
    }),
  })
}

function transition(
  call: ServiceCall,
  alertId: string,
  step: {
    readonly action: 'UPDATE' | 'ALERT_RESOLVED'
    readonly from: readonly AlertStatus[]
    readonly verb: string
    readonly changes: (
      row: AlertRow,
      now: number,
      keyId: string,
    ) => Parameters<typeof transitionAlert>[4]
  },
): Alert {
  const caller = callerOf(call.auth)
  const agentId = caller.kind === 'agent' ? caller.agentId : undefined
  const now = call.deps.clock.now()
  return inTransaction(call.deps.db, (tx) => {
    const before = findAlert(tx, caller.organizationId, alertId, agentId)
    if (!before) throw notFound('Alert', alertId)
    if (!(step.from as readonly string[]).includes(before.status)) {
      throw new ApiError(
        'INVALID_STATUS',
        `Alert ${alertId} is ${before.status} and cannot be ${step.verb}`,
        { status: before.status },
      )
    }
    const after = transitionAlert(
      tx,
      caller.organizationId,
      alertId,
      step.from,
      step.changes(before, now, caller.keyId),
    )
    if (!after) throw notFound('Alert', alertId)
    const previousState = toAlertResponse(tx, before)
    const newState = toAlertResponse(tx, after)
    recordAudit(tx, now, {
      organizationId: caller.organizationId,
      action: step.action,
      resource: 'alert',
      resourceId: alertId,
      previousState,
      newState,
      actor: actorOf(call.auth),
      request: call.request,
      metadata: { changes: changedKeys(before, after) },
    })
    return newState
  })
}

function changedKeys(before: AlertRow, after: AlertRow): string[] {
  return (Object.keys(after) as (keyof AlertRow)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  )
}
