import {
  defaults,
  type MatchedRule,
  type PolicyDecision,
  type RemainingBudget,
  type RuleType,
  type Violation,
  type ViolationType,
} from '@conto/schemas'
import { formatClock, isWithinDailyWindow, type SpendWindow } from './calendar.js'
import { type CompiledPolicy, type CompiledRule, compilePolicies } from './compile-policies.js'
import { EvaluationContext, toEpochMs } from './evaluation-context.js'
import type { ApprovalWorkflowInput, EvaluationInput } from './evaluation-input.js'
import { formatUsd, type Micros, micros, microsOrNull, units } from './money.js'

/**
 * Decides a payment: `APPROVED`, `DENIED` or `REQUIRES_APPROVAL`, with the reasons, the
 * violation that denied it, and an explain trace. Pure: the same input gives the same decision
 * everywhere (no I/O, no clock, no randomness).
 *
 * Stages, in order (§5.1/5.2): the agent must be ACTIVE; built-in sanctions (countries,
 * screened addresses); the agent–wallet link's limits (per transaction, daily, weekly, monthly)
 * and its hours and days in the link's zone; the wallet balance; then the policies by priority
 * (higher first, ties by creation order) and their rules in order — the first denial stops,
 * approval triggers accumulate and lose to a later denial; then per-counterparty relationship
 * limits, an approved budget request, and approval workflows.
 *
 * @example
 * const decision = evaluatePolicy({ payment: { amount: 25, recipientAddress: '0x…' },
 *   agent: { id: 'agt_1', status: 'ACTIVE' }, policies, spend: { daily: 100 }, now: new Date() })
 * if (decision.status === 'DENIED') console.log(decision.reasons[0])
 */
export function evaluatePolicy(input: EvaluationInput): PolicyDecision {
  return new Evaluation(input).run()
}

type Denial = Omit<Violation, 'policyId' | 'policyName' | 'ruleId' | 'ruleType'> &
  Partial<Pick<Violation, 'policyId' | 'policyName' | 'ruleId' | 'ruleType'>>

const windowLabel: Record<SpendWindow, string> = {
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  quarterly: 'quarterly',
  yearly: 'yearly',
}

const cumulativeRuleWindow: Partial<Record<RuleType, 'daily' | 'weekly' | 'monthly'>> = {
  DAILY_LIMIT: 'daily',
  WEEKLY_LIMIT: 'weekly',
  MONTHLY_LIMIT: 'monthly',
}

class Evaluation {
  private readonly context: EvaluationContext
  private readonly matched: MatchedRule[] = []
  private readonly approvalReasons: string[] = []
  private policiesEvaluated = 0
  private rulesEvaluated = 0
  private approvalWorkflowId: string | undefined
  /** Smallest headroom per window after this payment (micro-units); undefined = unlimited. */
  private readonly remaining: Record<keyof RemainingBudget, Micros | undefined> = {
    perTransaction: undefined,
    daily: undefined,
    weekly: undefined,
    monthly: undefined,
  }

  constructor(private readonly input: EvaluationInput) {
    this.context = new EvaluationContext(input)
    if (!Number.isFinite(input.payment.amount) || input.payment.amount <= 0) {
      throw new RangeError(
        `payment.amount must be a finite number > 0, got ${input.payment.amount}`,
      )
    }
    if (Number.isNaN(this.context.nowMs)) throw new RangeError('now must be a valid time')
  }

  run(): PolicyDecision {
    const denial =
      this.checkAgent() ??
      this.checkSanctions() ??
      this.checkLinkLimits() ??
      this.checkLinkSchedule() ??
      this.checkBalance() ??
      this.checkPolicies() ??
      this.checkRelationship() ??
      this.checkBudgetRequest()
    if (denial) {
      // The trace's headroom covers every limit, not only those checked before the denial.
      this.narrowAllLimits()
      return this.decide('DENIED', [denial.message], [denial as Violation])
    }
    this.checkWorkflows()
    if (this.approvalReasons.length > 0)
      return this.decide('REQUIRES_APPROVAL', this.approvalReasons, [])
    return this.decide('APPROVED', this.approvedReasons(), [])
  }

  private decide(
    status: PolicyDecision['status'],
    reasons: string[],
    violations: Violation[],
  ): PolicyDecision {
    const remaining: RemainingBudget = {
      perTransaction: toUnitsOrNull(this.remaining.perTransaction),
      daily: toUnitsOrNull(this.remaining.daily),
      weekly: toUnitsOrNull(this.remaining.weekly),
      monthly: toUnitsOrNull(this.remaining.monthly),
    }
    const decision: PolicyDecision = {
      status,
      reasons,
      violations,
      evaluation: {
        policiesEvaluated: this.policiesEvaluated,
        rulesEvaluated: this.rulesEvaluated,
        matched: this.matched,
        remaining,
      },
    }
    if (this.approvalWorkflowId !== undefined && status === 'REQUIRES_APPROVAL') {
      decision.approvalWorkflowId = this.approvalWorkflowId
    }
    return decision
  }

  // --- Stage 1: pre-checks ------------------------------------------------------------------

  private checkAgent(): Denial | undefined {
    const { status } = this.input.agent
    if (status === 'ACTIVE') return undefined
    return {
      type: 'AGENT_NOT_ACTIVE',
      limit: 'ACTIVE',
      current: status,
      message: `Agent is ${status}: only ACTIVE agents can make payments`,
    }
  }

  // --- Stage 2: built-in sanctions ----------------------------------------------------------

  private checkSanctions(): Denial | undefined {
    const country = this.context.country
    const sanctioned = this.input.sanctionedCountries ?? defaults.sanctionedCountries
    if (country !== undefined && sanctioned.some((code) => code.toUpperCase() === country)) {
      return {
        type: 'GEOGRAPHIC_RESTRICTION',
        limit: [...sanctioned],
        current: country,
        message: `Payments to ${country} are blocked by sanctions screening`,
      }
    }
    const recipient = this.context.recipient
    const screened = this.input.sanctionedAddresses
    if (recipient !== undefined && screened !== undefined && isScreened(screened, recipient)) {
      return {
        type: 'SANCTIONED_ADDRESS',
        limit: null,
        current: this.input.payment.recipientAddress ?? recipient,
        message: 'Recipient address is on the sanctions screening list',
      }
    }
    return undefined
  }

  // --- Stage 3: agent–wallet link limits ----------------------------------------------------

  /**
   * After a denial, narrows the trace's headroom by every limit the evaluation did not reach:
   * the link's, and each applicable amount rule of the policies (`narrow` keeps the smallest, so
   * limits already tracked are unaffected). Decides nothing.
   */
  private narrowAllLimits(): void {
    this.narrowLinkLimits()
    for (const policy of compilePolicies(this.input.policies)) {
      for (const rule of policy.rules) {
        if (rule.invalid === undefined && rule.evaluator && rule.kinds.has(this.context.kind)) {
          this.trackRemaining(rule)
        }
      }
    }
  }

  /** The link limits' headroom after this payment, per window. */
  private narrowLinkLimits(): void {
    const link = this.input.wallet?.link
    if (!link) return
    const amount = this.context.amount
    const perTx = microsOrNull(link.spendLimitPerTx)
    if (perTx !== null) this.narrow('perTransaction', perTx - amount)
    for (const [window, limitAmount] of [
      ['daily', link.spendLimitDaily],
      ['weekly', link.spendLimitWeekly],
      ['monthly', link.spendLimitMonthly],
    ] as const) {
      const limit = microsOrNull(limitAmount)
      if (limit !== null) this.narrow(window, limit - this.context.linkSpend(window) - amount)
    }
  }

  private checkLinkLimits(): Denial | undefined {
    const link = this.input.wallet?.link
    if (!link) return undefined
    this.narrowLinkLimits()
    const amount = this.context.amount
    const perTx = microsOrNull(link.spendLimitPerTx)
    if (perTx !== null) {
      if (amount > perTx) {
        return {
          type: 'PER_TX_LIMIT',
          limit: units(perTx),
          current: units(amount),
          message:
            perTx === 0
              ? 'Wallet per-transaction limit is $0.00: this wallet blocks every payment'
              : `Amount ${formatUsd(amount)} exceeds the wallet per-transaction limit of ${formatUsd(perTx)}`,
        }
      }
    }
    const windows = [
      ['daily', link.spendLimitDaily, 'DAILY_LIMIT'],
      ['weekly', link.spendLimitWeekly, 'WEEKLY_LIMIT'],
      ['monthly', link.spendLimitMonthly, 'MONTHLY_LIMIT'],
    ] as const
    for (const [window, limitAmount, type] of windows) {
      const limit = microsOrNull(limitAmount)
      if (limit === null) continue
      const spent = this.context.linkSpend(window)
      if (spent + amount > limit) return cumulativeDenial(type, window, limit, spent)
    }
    return undefined
  }

  // --- Stage 4: link hours and days ---------------------------------------------------------

  private checkLinkSchedule(): Denial | undefined {
    const link = this.input.wallet?.link
    if (!link) return undefined
    const start = link.allowedHoursStart ?? 0
    const end = link.allowedHoursEnd ?? 24
    const days = link.allowedDays
    const fullDay = start === 0 && end === 24
    if (fullDay && (days === undefined || days.length === 7)) return undefined
    const timezone = this.context.timezone
    const now = this.context.zonedNow()
    if (!fullDay && !isWithinDailyWindow(now.minuteOfDay, start * 60, end * 60)) {
      const limit = `${formatClock(start * 60)}-${formatClock(end * 60)} ${timezone}`
      const current = `${formatClock(now.minuteOfDay)} ${timezone}`
      return {
        type: 'TIME_WINDOW',
        limit,
        current,
        message: `Outside the wallet's allowed hours: ${limit} (now ${current})`,
      }
    }
    if (
      days !== undefined &&
      !days.some((day) => day.slice(0, 3).toLowerCase() === now.day.toLowerCase())
    ) {
      return {
        type: 'TIME_WINDOW',
        limit: [...days],
        current: now.day,
        message: `Not an allowed day for this wallet: ${now.day} in ${timezone} (allowed: ${days.join(', ')})`,
      }
    }
    return undefined
  }

  // --- Stage 5: balance ---------------------------------------------------------------------

  private checkBalance(): Denial | undefined {
    const balance = microsOrNull(this.input.wallet?.balance)
    if (balance === null || this.context.amount <= balance) return undefined
    return {
      type: 'INSUFFICIENT_BALANCE',
      limit: units(balance),
      current: units(this.context.amount),
      message: `Insufficient balance: ${formatUsd(this.context.amount)} requested, ${formatUsd(balance)} available`,
    }
  }

  // --- Stage 6: policies --------------------------------------------------------------------

  private checkPolicies(): Denial | undefined {
    for (const policy of compilePolicies(this.input.policies)) {
      this.policiesEvaluated++
      for (const rule of policy.rules) {
        const denial = this.checkRule(policy, rule)
        if (denial) return denial
      }
    }
    return undefined
  }

  private checkRule(policy: CompiledPolicy, rule: CompiledRule): Denial | undefined {
    const evaluator = rule.evaluator
    if (rule.invalid !== undefined || evaluator === undefined) {
      this.rulesEvaluated++
      this.record(policy, rule, 'DENIED')
      return {
        ...violationSource(policy, rule),
        type: 'INVALID_RULE',
        limit: null,
        current: null,
        message: `Policy "${policy.name}" has a rule that cannot be evaluated, so the payment is denied: ${rule.invalid ?? 'unknown rule type'}`,
      }
    }
    const held = rule.kinds.has(this.context.kind)
      ? evaluator.test(this.context, rule.prepared, rule.operator)
      : undefined
    if (held === undefined) {
      this.record(policy, rule, 'SKIPPED')
      return undefined
    }
    this.rulesEvaluated++
    this.trackRemaining(rule)
    const fires = rule.action === 'ALLOW' && !evaluator.prohibition ? !held : held
    if (!fires) {
      this.record(policy, rule, 'PASSED')
      return undefined
    }
    const explanation = evaluator.explain(this.context, rule.prepared, rule.operator, held)
    if (rule.action === 'REQUIRE_APPROVAL') {
      this.record(policy, rule, 'REQUIRES_APPROVAL')
      this.approvalReasons.push(
        `Requires approval (policy "${policy.name}"): ${explanation.message}`,
      )
      return undefined
    }
    this.record(policy, rule, 'DENIED')
    return {
      ...violationSource(policy, rule),
      type: rule.violationType,
      limit: explanation.limit,
      current: explanation.current,
      message: explanation.message,
    }
  }

  private record(
    policy: CompiledPolicy,
    rule: CompiledRule,
    outcome: MatchedRule['outcome'],
  ): void {
    this.matched.push({ policyId: policy.id, ruleId: rule.id, ruleType: rule.ruleType, outcome })
  }

  /** Policy limits of the common shape (an amount rule with ALLOW and ≤/<) narrow the trace's headroom. */
  private trackRemaining(rule: CompiledRule): void {
    const ruleType = rule.ruleType as RuleType
    if (rule.action !== 'ALLOW' || typeof rule.prepared !== 'number') return
    if (rule.operator !== 'LESS_THAN_OR_EQUAL' && rule.operator !== 'LESS_THAN') return
    const amount = this.context.amount
    if (ruleType === 'MAX_AMOUNT') {
      this.narrow('perTransaction', rule.prepared - amount)
      return
    }
    const window = cumulativeRuleWindow[ruleType]
    if (window) this.narrow(window, rule.prepared - this.context.agentSpend(window) - amount)
  }

  private narrow(window: keyof RemainingBudget, headroom: Micros): void {
    const current = this.remaining[window]
    if (current === undefined || headroom < current) this.remaining[window] = headroom
  }

  // --- Stage 7: relationship limits ---------------------------------------------------------

  private checkRelationship(): Denial | undefined {
    const limits = this.input.counterparty?.relationship
    if (!limits) return undefined
    const amount = this.context.amount
    const perTx = microsOrNull(limits.spendLimitPerTx)
    if (perTx !== null && amount > perTx) {
      return {
        type: 'RELATIONSHIP_LIMIT',
        limit: units(perTx),
        current: units(amount),
        message: `Amount ${formatUsd(amount)} exceeds the per-transaction limit of ${formatUsd(perTx)} for this counterparty`,
      }
    }
    for (const [window, limitAmount] of [
      ['daily', limits.spendLimitDaily],
      ['monthly', limits.spendLimitMonthly],
    ] as const) {
      const limit = microsOrNull(limitAmount)
      if (limit === null) continue
      const spent = this.context.counterpartySpend(window)
      if (spent + amount > limit) {
        return {
          ...cumulativeDenial('RELATIONSHIP_LIMIT', window, limit, spent),
          message: `Would exceed the ${windowLabel[window]} limit for this counterparty: ${formatUsd(Math.max(0, limit - spent))} remaining of ${formatUsd(limit)}`,
        }
      }
    }
    return undefined
  }

  // --- Stage 8: budget request --------------------------------------------------------------

  private checkBudgetRequest(): Denial | undefined {
    const budget = this.input.budgetRequest
    if (!budget) return undefined
    const approved = micros(budget.approvedAmount)
    const spent = micros(budget.currentSpend)
    if (spent + this.context.amount <= approved) return undefined
    return {
      type: 'BUDGET_REQUEST_EXHAUSTED',
      limit: units(approved),
      current: units(spent),
      message: `Would exceed the approved budget request: ${formatUsd(Math.max(0, approved - spent))} remaining of ${formatUsd(approved)}`,
    }
  }

  // --- Stage 9: approval workflows ----------------------------------------------------------

  private checkWorkflows(): void {
    const workflows = this.input.approvalWorkflows
    if (!workflows || workflows.length === 0) return
    const ordered = workflows
      .map((workflow, index) => ({ workflow, index }))
      .filter(({ workflow }) => workflow.isActive ?? true)
      .sort(
        (a, b) =>
          (b.workflow.priority ?? defaults.policy.priority) -
            (a.workflow.priority ?? defaults.policy.priority) ||
          compareCreation(a.workflow, b.workflow) ||
          a.index - b.index,
      )
    for (const { workflow } of ordered) {
      if (this.workflowMatches(workflow)) {
        this.approvalWorkflowId = workflow.id
        this.approvalReasons.push(`Requires approval: matches approval workflow "${workflow.name}"`)
        return
      }
    }
  }

  private workflowMatches({ triggerConditions: when }: ApprovalWorkflowInput): boolean {
    const { payment, agent, counterparty } = this.input
    if (when.amountThreshold !== undefined && this.context.amount < micros(when.amountThreshold))
      return false
    if (
      when.currency !== undefined &&
      when.currency.toUpperCase() !== 'USDC' &&
      when.currency.toUpperCase() !== 'USD'
    ) {
      const currency = payment.context?.['currency']
      if (typeof currency !== 'string' || currency.toUpperCase() !== when.currency.toUpperCase())
        return false
    }
    if (when.categories && when.categories.length > 0) {
      const category = this.context.category
      if (
        category === undefined ||
        !when.categories.some((entry) => entry.toUpperCase() === category)
      )
        return false
    }
    if (when.agentIds && when.agentIds.length > 0 && !when.agentIds.includes(agent.id)) return false
    if (when.agentTypes && when.agentTypes.length > 0) {
      if (agent.agentType === undefined || !when.agentTypes.includes(agent.agentType)) return false
    }
    if (when.newRecipients === true && counterparty?.isNew !== true) return false
    if (when.counterpartyTrustLevel !== undefined) {
      const threshold = trustRank(when.counterpartyTrustLevel)
      if (threshold !== undefined && (trustRank(this.context.trustLevel) ?? 0) > threshold)
        return false
    }
    return true
  }

  private approvedReasons(): string[] {
    const reasons: string[] = []
    const daily = this.remaining.daily
    if (daily !== undefined)
      reasons.push(`Within daily limit: ${formatUsd(daily)} remaining after this payment`)
    reasons.push(
      this.policiesEvaluated === 0
        ? 'No policy restricts this payment'
        : `Passed ${this.policiesEvaluated} ${this.policiesEvaluated === 1 ? 'policy' : 'policies'} (${this.rulesEvaluated} ${this.rulesEvaluated === 1 ? 'rule' : 'rules'} checked)`,
    )
    return reasons
  }
}

/** A cumulative-limit violation: "Would exceed daily limit: $250.00 remaining of $1,000.00". */
function cumulativeDenial(
  type: ViolationType,
  window: SpendWindow,
  limit: Micros,
  spent: Micros,
): Denial {
  return {
    type,
    limit: units(limit),
    current: units(spent),
    message:
      limit === 0
        ? `The ${windowLabel[window]} limit is $0.00: no payments are allowed`
        : `Would exceed ${windowLabel[window]} limit: ${formatUsd(Math.max(0, limit - spent))} remaining of ${formatUsd(limit)}`,
  }
}

/** Which policy and rule a violation comes from. */
const violationSource = (policy: CompiledPolicy, rule: CompiledRule) => ({
  policyId: policy.id,
  policyName: policy.name,
  ruleId: rule.id,
  ruleType: rule.ruleType,
})

const trustOrder = ['BLOCKED', 'SUSPICIOUS', 'UNKNOWN', 'VERIFIED', 'TRUSTED']
const trustRank = (level: string): number | undefined => {
  const rank = trustOrder.indexOf(level.toUpperCase())
  return rank === -1 ? undefined : rank
}

function compareCreation(a: ApprovalWorkflowInput, b: ApprovalWorkflowInput): number {
  if (a.createdAt === undefined || b.createdAt === undefined) return 0
  return toEpochMs(a.createdAt) - toEpochMs(b.createdAt)
}

function isScreened(list: readonly string[] | ReadonlySet<string>, recipient: string): boolean {
  if ('has' in list && typeof list.has === 'function') {
    if (list.has(recipient)) return true
  }
  for (const entry of list) if (entry.toLowerCase() === recipient) return true
  return false
}

const toUnitsOrNull = (value: Micros | undefined): number | null =>
  value === undefined ? null : units(Math.max(0, value))
