import {
  type ApprovalWorkflowInput,
  type ApprovalWorkflowTriggers,
  compilePolicy,
  type EvaluationInput,
  evaluatePolicy,
  type PaymentInput,
  type PolicyInput,
  type SpendSnapshot,
  windowStart,
} from '@conto/policy'
import { fromMicros, type Policy, type PolicyDecision, type RulePaymentKind } from '@conto/schemas'
import { findRelationship } from '../db/repositories/agent-relationships.js'
import type { AgentWalletLinkRow } from '../db/repositories/agent-wallet-links.js'
import type { AgentRow } from '../db/repositories/agents.js'
import {
  type ApprovalWorkflowRow,
  listActiveApprovalWorkflows,
} from '../db/repositories/approval-workflows.js'
import { findActiveBudgetRequest } from '../db/repositories/budget-requests.js'
import { findCounterpartyByAddress } from '../db/repositories/counterparties.js'
import { hasPaidRecipient, spendToRecipient } from '../db/repositories/counterparty-spend.js'
import { recentPaymentRequestTimes } from '../db/repositories/payment-requests.js'
import { reservedByAgentSince, reservedOnWallet } from '../db/repositories/reservations.js'
import { agentAndLinkSpend, type WindowTotals } from '../db/repositories/spend.js'
import type { WalletRow } from '../db/repositories/wallets.js'
import type { DbLike } from '../db/transaction.js'
import type { ServiceDeps } from '../deps.js'
import { effectivePoliciesOf } from './policies.js'

/**
 * The decision half of the payment engine: assembles `@conto/policy`'s `EvaluationInput` from
 * the database — the agent, the chosen wallet and its link, the effective policies, the spend
 * snapshot (spent + live reservations per calendar window, for the agent, the link and the
 * recipient), recent approved requests for velocity, the counterparty and the agent's
 * relationship limits with it, an approved budget request, and the organization's active
 * approval workflows — and evaluates it. Reads only; call it inside the write transaction that
 * persists the outcome, so no concurrent decision can see the same headroom.
 */

export interface DecidePaymentInput {
  readonly organizationId: string
  readonly agent: AgentRow
  readonly wallet: WalletRow
  readonly link: AgentWalletLinkRow
  readonly amountMicros: number
  readonly recipientAddress: string
  /** The payment's chain (the wallet's). */
  readonly chainId: string
  /** `standard` (default), `x402`, `mpp` or `card`. */
  readonly kind?: RulePaymentKind | undefined
  readonly category?: string | undefined
  readonly context?: Readonly<Record<string, unknown>> | undefined
  readonly targetContractAddress?: string | undefined
  readonly functionSelector?: string | undefined
  /** Further payment facts (x402/MPP fields) passed to the evaluator as they are. */
  readonly payment?: Partial<PaymentInput> | undefined
  /** The wallet's balance less live reservations, when the caller already computed it. */
  readonly availableBalanceMicros?: number | undefined
  /** The decision instant; the server clock when omitted. */
  readonly now?: number | undefined
  /** A stored request being re-checked: left out of the velocity count. */
  readonly recheckOf?: string | undefined
}

/** What the decision was based on, for the caller's side effects (alerts, responses). */
export interface PaymentSnapshot {
  readonly now: number
  /** The agent's spend across its wallets (policy limits), micro-units per window. */
  readonly agentSpend: WindowTotals
  /** This agent's spend through this wallet (link limits), micro-units per window. */
  readonly linkSpend: WindowTotals
  /** Balance less live reservations, before this payment, micro-units. */
  readonly availableBalanceMicros: number
  /** Whether the balance was checked (EXTERNAL custody balances are not known to Conto). */
  readonly balanceChecked: boolean
  /** Daily policy limits (`DAILY_LIMIT`, ALLOW, ≤/<) in effect, micro-units. */
  readonly dailyPolicyLimits: readonly DailyPolicyLimit[]
  /** The active workflows evaluated (`decision.approvalWorkflowId` names one of them). */
  readonly approvalWorkflows: readonly ApprovalWorkflowRow[]
  /** The policies evaluated, in the order they were loaded. */
  readonly policies: readonly Policy[]
}

export interface DailyPolicyLimit {
  readonly policyId: string
  readonly policyName: string
  readonly limitMicros: number
}

export interface PaymentDecision {
  readonly decision: PolicyDecision
  readonly snapshot: PaymentSnapshot
  /** The exact input the evaluator saw. */
  readonly input: EvaluationInput
}

/** Custody types whose balance Conto does not hold, so it is not checked. */
const UNTRACKED_BALANCE_CUSTODY = new Set(['EXTERNAL'])

/**
 * Decides a payment for `input.agent` through `input.wallet`. Never writes. Throws only for
 * programmer errors (the evaluator rejects a non-positive amount).
 */
export function decidePayment(
  tx: DbLike,
  deps: Pick<ServiceDeps, 'clock'>,
  input: DecidePaymentInput,
): PaymentDecision {
  const now = input.now ?? deps.clock.now()
  const { organizationId, agent, wallet, link } = input
  const recipientKey = input.recipientAddress.toLowerCase()

  const policies = effectivePoliciesOf(tx, organizationId, agent.id)
  const prepared = policies.map(preparedPolicy)
  const velocityMs = Math.max(0, ...prepared.map((entry) => entry.velocityMs))
  const dailyPolicyLimits = prepared.flatMap((entry) => entry.dailyLimits)

  const { agent: agentSpend, link: linkSpend } = agentAndLinkSpend(tx, agent.id, wallet.id, now)
  const availableBalanceMicros = input.availableBalanceMicros ?? availableBalanceOf(tx, wallet, now)
  const balanceChecked = !UNTRACKED_BALANCE_CUSTODY.has(wallet.custodyType)

  const workflows = listActiveApprovalWorkflows(tx, organizationId)
  const workflowInputs = workflows.map(toWorkflowInput)

  const counterpartyRow = findCounterpartyByAddress(tx, organizationId, recipientKey)
  const relationship = counterpartyRow
    ? findRelationship(tx, organizationId, agent.id, counterpartyRow.id)
    : undefined
  const needsRecipientSpend =
    relationship !== undefined &&
    (relationship.spendLimitDailyMicros !== null || relationship.spendLimitMonthlyMicros !== null)
  const recipientSpend = needsRecipientSpend
    ? spendToRecipient(
        tx,
        agent.id,
        recipientKey,
        { daily: windowStart('daily', now), monthly: windowStart('monthly', now) },
        now,
      )
    : undefined
  const needsIsNew = workflowInputs.some((workflow) => workflow.triggerConditions.newRecipients)
  const isNew = needsIsNew ? !hasPaidRecipient(tx, agent.id, recipientKey) : undefined

  const budget = findActiveBudgetRequest(tx, organizationId, agent.id, now)
  const recentPaymentTimes =
    velocityMs > 0
      ? recentPaymentRequestTimes(tx, agent.id, now - velocityMs, now, input.recheckOf)
      : []

  const spend: SpendSnapshot = {
    ...unitsOf(agentSpend),
    link: unitsOf(linkSpend),
    ...(recipientSpend
      ? {
          counterparty: {
            daily: fromMicros(recipientSpend.daily),
            monthly: fromMicros(recipientSpend.monthly),
          },
        }
      : {}),
  }

  const payment: PaymentInput = {
    kind: input.kind ?? 'standard',
    amount: fromMicros(input.amountMicros),
    recipientAddress: input.recipientAddress,
    chainId: input.chainId,
    ...(input.category === undefined ? {} : { category: input.category }),
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.targetContractAddress === undefined
      ? {}
      : { targetContractAddress: input.targetContractAddress }),
    ...(input.functionSelector === undefined ? {} : { functionSelector: input.functionSelector }),
    ...input.payment,
  }

  const evaluationInput: EvaluationInput = {
    payment,
    agent: { id: agent.id, status: agent.status, agentType: agent.agentType },
    wallet: {
      id: wallet.id,
      custodyType: wallet.custodyType,
      balance: balanceChecked ? fromMicros(availableBalanceMicros) : null,
      link: {
        spendLimitPerTx: unitsOrNull(link.spendLimitPerTxMicros),
        spendLimitDaily: unitsOrNull(link.spendLimitDailyMicros),
        spendLimitWeekly: unitsOrNull(link.spendLimitWeeklyMicros),
        spendLimitMonthly: unitsOrNull(link.spendLimitMonthlyMicros),
        allowedHoursStart: link.allowedHoursStart,
        allowedHoursEnd: link.allowedHoursEnd,
        allowedDays: link.allowedDays,
        timezone: link.timezone,
      },
    },
    policies: prepared.map((entry) => entry.input),
    spend,
    recentPaymentTimes,
    ...(counterpartyRow || isNew !== undefined
      ? {
          counterparty: {
            ...(counterpartyRow
              ? {
                  trustScore: counterpartyRow.trustScore,
                  trustLevel: counterpartyRow.trustLevel,
                  ...(counterpartyRow.country ? { country: counterpartyRow.country } : {}),
                }
              : {}),
            ...(isNew === undefined ? {} : { isNew }),
            ...(relationship
              ? {
                  relationship: {
                    spendLimitPerTx: unitsOrNull(relationship.spendLimitPerTxMicros),
                    spendLimitDaily: unitsOrNull(relationship.spendLimitDailyMicros),
                    spendLimitMonthly: unitsOrNull(relationship.spendLimitMonthlyMicros),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(budget
      ? {
          budgetRequest: {
            id: budget.id,
            approvedAmount: fromMicros(budget.approvedAmountMicros ?? budget.amountMicros),
            // Payments approved since the budget was granted hold their amount until settled.
            currentSpend: fromMicros(
              budget.currentSpendMicros +
                reservedByAgentSince(tx, agent.id, budget.decidedAt ?? budget.createdAt, now),
            ),
          },
        }
      : {}),
    approvalWorkflows: workflowInputs,
    now,
  }

  return {
    decision: evaluatePolicy(evaluationInput),
    snapshot: {
      now,
      agentSpend,
      linkSpend,
      availableBalanceMicros,
      balanceChecked,
      dailyPolicyLimits,
      approvalWorkflows: workflows,
      policies,
    },
    input: evaluationInput,
  }
}

/** The wallet's balance less every live reservation on it (any linked agent), micro-units. */
export function availableBalanceOf(
  db: DbLike,
  wallet: Pick<WalletRow, 'id' | 'balanceMicros'>,
  now: number,
): number {
  return wallet.balanceMicros - reservedOnWallet(db, wallet.id, now)
}

// --- policy cache -----------------------------------------------------------------------------

interface PreparedPolicy {
  readonly fingerprint: string
  /** Reused across requests, so `@conto/policy` compiles it once (its cache is per object). */
  readonly input: PolicyInput
  /** Longest VELOCITY_LIMIT period among its rules (0 when none). */
  readonly velocityMs: number
  readonly dailyLimits: readonly DailyPolicyLimit[]
}

const POLICY_CACHE_LIMIT = 10_000
const policyCache = new Map<string, PreparedPolicy>()

/**
 * The policy as the evaluator takes it, cached by id and validated by a fingerprint of
 * `updatedAt` and the rules (a frozen test clock can give two edits the same `updatedAt`).
 */
function preparedPolicy(policy: Policy): PreparedPolicy {
  const fingerprint = fingerprintOf(policy)
  const cached = policyCache.get(policy.id)
  if (cached && cached.fingerprint === fingerprint) return cached
  const input: PolicyInput = {
    id: policy.id,
    name: policy.name,
    priority: policy.priority,
    isActive: policy.isActive,
    createdAt: policy.createdAt,
    rules: policy.rules.map((rule) => ({
      id: rule.id,
      ruleType: rule.ruleType,
      operator: rule.operator,
      value: rule.value,
      action: rule.action,
    })),
  }
  const compiled = compilePolicy(input)
  let velocityMs = 0
  const dailyLimits: DailyPolicyLimit[] = []
  for (const rule of compiled.rules) {
    if (rule.invalid !== undefined) continue
    if (rule.ruleType === 'VELOCITY_LIMIT') {
      const periodMs = (rule.prepared as { periodMs?: number } | undefined)?.periodMs ?? 0
      velocityMs = Math.max(velocityMs, periodMs)
    }
    if (
      rule.ruleType === 'DAILY_LIMIT' &&
      rule.action === 'ALLOW' &&
      (rule.operator === 'LESS_THAN_OR_EQUAL' || rule.operator === 'LESS_THAN') &&
      typeof rule.prepared === 'number'
    ) {
      dailyLimits.push({ policyId: policy.id, policyName: policy.name, limitMicros: rule.prepared })
    }
  }
  const prepared: PreparedPolicy = {
    fingerprint,
    input,
    velocityMs,
    dailyLimits: policy.isActive ? dailyLimits : [],
  }
  if (policyCache.size >= POLICY_CACHE_LIMIT) policyCache.clear()
  policyCache.set(policy.id, prepared)
  return prepared
}

function fingerprintOf(policy: Policy): string {
  let fingerprint = `${policy.updatedAt}\u0000${policy.priority}\u0000${policy.isActive}\u0000${policy.name}`
  for (const rule of policy.rules) {
    fingerprint += `\u0001${rule.id}\u0000${rule.ruleType}\u0000${rule.operator}\u0000${rule.action}\u0000${rule.value}`
  }
  return fingerprint
}

// --- helpers ----------------------------------------------------------------------------------

const unitsOrNull = (micros: number | null): number | null =>
  micros === null ? null : fromMicros(micros)

function unitsOf(totals: WindowTotals) {
  return {
    daily: fromMicros(totals.daily),
    weekly: fromMicros(totals.weekly),
    monthly: fromMicros(totals.monthly),
    quarterly: fromMicros(totals.quarterly),
    yearly: fromMicros(totals.yearly),
  }
}

/** A stored workflow's trigger conditions (normalised or raw; null/empty = no condition). */
function toWorkflowInput(row: ApprovalWorkflowRow): ApprovalWorkflowInput {
  const raw = (row.triggerConditions ?? {}) as Record<string, unknown>
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.length > 0
      ? value.filter((entry): entry is string => typeof entry === 'string')
      : undefined
  const triggers: {
    -readonly [K in keyof ApprovalWorkflowTriggers]: ApprovalWorkflowTriggers[K]
  } = {}
  if (typeof raw['amountThreshold'] === 'number') triggers.amountThreshold = raw['amountThreshold']
  if (typeof raw['currency'] === 'string' && raw['currency'] !== '')
    triggers.currency = raw['currency']
  const categories = strings(raw['categories'])
  if (categories) triggers.categories = categories
  const agentIds = strings(raw['agentIds'])
  if (agentIds) triggers.agentIds = agentIds
  const agentTypes = strings(raw['agentTypes'])
  if (agentTypes) triggers.agentTypes = agentTypes
  if (raw['newRecipients'] === true) triggers.newRecipients = true
  if (typeof raw['counterpartyTrustLevel'] === 'string')
    triggers.counterpartyTrustLevel = raw['counterpartyTrustLevel']
  return {
    id: row.id,
    name: row.name,
    priority: row.priority,
    isActive: row.isActive,
    createdAt: row.createdAt,
    triggerConditions: triggers,
  }
}
