import { listLinks } from '../db/repositories/agent-wallet-links.js'
import { type AgentRow, findAgent, updateAgent } from '../db/repositories/agents.js'
import { updateWallet } from '../db/repositories/wallets.js'
import type { DbLike } from '../db/transaction.js'
import type { Actor } from '../deps.js'
import { resolveFreezeConfig, toAgentResponse } from './agents.js'
import { raiseAlert } from './alerts-raise.js'
import { recordAudit } from './audit-log.js'
import { emitEvent } from './events.js'

/**
 * Auto-freeze (§4.12): streak counters on the agent — consecutive policy violations (denied
 * payment requests) and consecutive payment failures (settlement). When a streak reaches its
 * threshold (`maxConsecutiveViolations` / `maxConsecutiveFailures`, 5 by default) the agent
 * trips once per streak: with `autoFreezeEnabled` false only a CRITICAL `AUTO_FREEZE` alert is
 * raised; with true the agent is also SUSPENDED, its ACTIVE wallets FROZEN (remembered in
 * `frozenWalletIds` so unfreeze restores them) and `agent.frozen` is announced. An approval
 * (or a successful execution) resets the streak. Call these inside the transaction that
 * records the outcome.
 */

export type AutoFreezeTrigger = 'CONSECUTIVE_VIOLATIONS' | 'CONSECUTIVE_FAILURES'

export interface AutoFreezeOutcome {
  /** The streak after this outcome. */
  readonly count: number
  /** The threshold was reached by this outcome (an alert was raised). */
  readonly tripped: boolean
  /** The agent was suspended by this outcome. */
  readonly frozen: boolean
  readonly frozenWalletIds: readonly string[]
}

const SYSTEM: Actor = { type: 'SYSTEM', id: 'system' }

const NOTHING: AutoFreezeOutcome = { count: 0, tripped: false, frozen: false, frozenWalletIds: [] }

interface StreakEvent {
  readonly organizationId: string
  readonly agentId: string
  /** The payment request (or approval) whose outcome this is, for the alert's metadata. */
  readonly sourceId?: string | undefined
  /** Why it failed or was denied. */
  readonly reason?: string | undefined
}

/** Counts a denied payment toward `maxConsecutiveViolations`. */
export function recordPolicyViolation(
  db: DbLike,
  now: number,
  event: StreakEvent,
): AutoFreezeOutcome {
  return recordStreak(db, now, event, 'CONSECUTIVE_VIOLATIONS')
}

/** Counts a failed payment (settlement) toward `maxConsecutiveFailures`. */
export function recordPaymentFailure(
  db: DbLike,
  now: number,
  event: StreakEvent,
): AutoFreezeOutcome {
  return recordStreak(db, now, event, 'CONSECUTIVE_FAILURES')
}

/** An approved payment ends the violation streak (no write when there is none). */
export function resetPolicyViolations(
  db: DbLike,
  now: number,
  agent: Pick<AgentRow, 'organizationId' | 'id' | 'consecutiveViolations'>,
): void {
  if (agent.consecutiveViolations === 0) return
  updateAgent(db, agent.organizationId, agent.id, { consecutiveViolations: 0, updatedAt: now })
}

/** A successful execution ends the failure streak (no write when there is none). */
export function resetPaymentFailures(
  db: DbLike,
  now: number,
  event: Pick<StreakEvent, 'organizationId' | 'agentId'>,
): void {
  const agent = findAgent(db, event.organizationId, event.agentId)
  if (!agent || agent.consecutiveFailures === 0) return
  updateAgent(db, agent.organizationId, agent.id, { consecutiveFailures: 0, updatedAt: now })
}

function recordStreak(
  db: DbLike,
  now: number,
  event: StreakEvent,
  trigger: AutoFreezeTrigger,
): AutoFreezeOutcome {
  const agent = findAgent(db, event.organizationId, event.agentId)
  if (!agent) return NOTHING
  const violations = trigger === 'CONSECUTIVE_VIOLATIONS'
  const count = (violations ? agent.consecutiveViolations : agent.consecutiveFailures) + 1
  const after =
    updateAgent(
      db,
      agent.organizationId,
      agent.id,
      violations ? { consecutiveViolations: count } : { consecutiveFailures: count },
    ) ?? agent
  const config = resolveFreezeConfig(after)
  const threshold = violations ? config.maxConsecutiveViolations : config.maxConsecutiveFailures
  // Alerts once per streak, when it reaches the threshold; freezes at or past it whenever
  // auto-freeze is on (it may have been switched on, or the threshold lowered, mid-streak).
  const freezable =
    after.autoFreezeEnabled && after.status !== 'SUSPENDED' && after.status !== 'REVOKED'
  if (count < threshold || (count > threshold && !freezable)) {
    return { count, tripped: false, frozen: false, frozenWalletIds: [] }
  }
  return trip(db, now, after, event, trigger, count)
}

function trip(
  db: DbLike,
  now: number,
  agent: AgentRow,
  event: StreakEvent,
  trigger: AutoFreezeTrigger,
  count: number,
): AutoFreezeOutcome {
  const what = trigger === 'CONSECUTIVE_VIOLATIONS' ? 'policy violations' : 'payment failures'
  const reason = `${count} consecutive ${what}`
  const canFreeze =
    agent.autoFreezeEnabled && agent.status !== 'SUSPENDED' && agent.status !== 'REVOKED'
  let frozenWalletIds: string[] = []
  if (canFreeze) {
    frozenWalletIds = listLinks(db, agent.organizationId, agent.id)
      .rows.filter(({ wallet }) => wallet.status === 'ACTIVE')
      .map(({ wallet }) => wallet.id)
    for (const walletId of frozenWalletIds) {
      updateWallet(db, agent.organizationId, walletId, { status: 'FROZEN', updatedAt: now })
    }
    const frozen =
      updateAgent(db, agent.organizationId, agent.id, {
        status: 'SUSPENDED',
        frozenAt: now,
        frozenReason: trigger,
        frozenWalletIds: [...new Set([...(agent.frozenWalletIds ?? []), ...frozenWalletIds])],
        updatedAt: now,
      }) ?? agent
    recordAudit(db, now, {
      organizationId: agent.organizationId,
      action: 'SUSPEND',
      resource: 'agent',
      resourceId: agent.id,
      previousState: toAgentResponse(agent),
      newState: toAgentResponse(frozen),
      actor: SYSTEM,
      metadata: { trigger, reason, frozenWalletIds },
    })
    for (const walletId of frozenWalletIds) {
      recordAudit(db, now, {
        organizationId: agent.organizationId,
        action: 'UPDATE',
        resource: 'wallet',
        resourceId: walletId,
        previousState: { status: 'ACTIVE' },
        newState: { status: 'FROZEN' },
        actor: SYSTEM,
        metadata: { reason: 'agent_auto_frozen', agentId: agent.id, trigger },
      })
    }
  }
  raiseAlert(db, now, {
    organizationId: agent.organizationId,
    type: 'AUTO_FREEZE',
    severity: 'CRITICAL',
    title: canFreeze
      ? `Agent ${agent.name} was frozen`
      : `Agent ${agent.name} reached an auto-freeze threshold`,
    message: canFreeze
      ? `${agent.name} was suspended and ${frozenWalletIds.length} wallet(s) frozen after ${reason}.`
      : `${agent.name} reached ${reason}. Auto-freeze is disabled for this agent, so it keeps running: review it, or enable autoFreezeEnabled.`,
    agentId: agent.id,
    metadata: {
      trigger,
      count,
      reason,
      autoFreezeEnabled: agent.autoFreezeEnabled,
      frozen: canFreeze,
      frozenWalletIds,
      ...(event.sourceId === undefined ? {} : { sourceId: event.sourceId }),
      ...(event.reason === undefined ? {} : { lastReason: event.reason }),
    },
  })
  if (canFreeze) {
    emitEvent(db, now, agent.organizationId, 'agent.frozen', {
      agentId: agent.id,
      reason,
      trigger,
    })
  }
  return { count, tripped: true, frozen: canFreeze, frozenWalletIds }
}
