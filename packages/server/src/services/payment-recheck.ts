import type { PolicyDecision } from '@conto/policy'
import { fromMicros } from '@conto/schemas'
import { toIsoOrNull } from '../clock.js'
import { findLink } from '../db/repositories/agent-wallet-links.js'
import { findAgent } from '../db/repositories/agents.js'
import {
  type PaymentRequestRow,
  transitionPaymentRequest,
} from '../db/repositories/payment-requests.js'
import { releaseReservation } from '../db/repositories/reservations.js'
import type { Tx } from '../db/transaction.js'
import type { Actor, RequestInfo, ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { recordAudit } from './audit-log.js'
import { recordPolicyViolation } from './auto-freeze.js'
import { emitPaymentDenied } from './events.js'
import { decidePayment } from './payment-decisions.js'

/**
 * Re-checks a stored payment request against the policies, limits, spend and clock as they are
 * now — when a human approves it, and again when it executes (conto-api §7 #20: "re-check limits
 * on /execute and after human approval"; §2.16 "policy re-check at execution time"). Without it a
 * human approval could carry a payment past a limit that filled up while it waited, and a policy
 * tightened after a decision would not stop a payment already approved.
 *
 * The request's own reservation is released first, in the caller's transaction, so its amount is
 * not counted twice (the caller re-reserves on approval, turns it into spend on execution, or
 * rolls back); its own row is left out of the velocity count. Only a DENIED outcome stops it: an
 * approval step the policies ask for is what the human approval, or the original decision, gave.
 *
 * Returns the DENIED decision, or `undefined` when the payment still passes.
 */
export function recheckPaymentRequest(
  tx: Tx,
  deps: Pick<ServiceDeps, 'clock'>,
  row: PaymentRequestRow,
  now: number,
  /**
   * `execution`: a request whose wallet is gone or no longer linked to the agent cannot pay (400
   * WALLET_CONFIG_ERROR). `approval`: there is nothing to re-check it against, and the human
   * decision stands; executing it later fails that way.
   */
  stage: 'approval' | 'execution',
): PolicyDecision | undefined {
  releaseReservation(tx, 'payment_request', row.id, now)
  const agent = findAgent(tx, row.organizationId, row.agentId)
  const found =
    row.walletId === null ? undefined : findLink(tx, row.organizationId, row.agentId, row.walletId)
  if (!agent || !found) {
    if (stage === 'approval') return undefined
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `Wallet ${row.walletId ?? '(none)'} is no longer linked to agent ${row.agentId}: request the payment again`,
      { walletId: row.walletId, agentId: row.agentId },
    )
  }
  const { decision } = decidePayment(tx, deps, {
    organizationId: row.organizationId,
    agent,
    wallet: found.wallet,
    link: found.link,
    amountMicros: row.amountMicros,
    recipientAddress: row.recipientAddress ?? '',
    chainId: row.chainId,
    category: row.category ?? undefined,
    context: row.context ?? undefined,
    targetContractAddress: row.targetContractAddress ?? undefined,
    functionSelector: row.functionSelector ?? undefined,
    now,
    recheckOf: row.id,
  })
  return decision.status === 'DENIED' ? decision : undefined
}

/**
 * Makes a request the re-check denied DENIED — its hold was already released by the re-check, in
 * the same transaction. The new reasons, violations and explain trace replace the stored
 * decision; the change is audited, announced as `payment.denied` (+ `policy.violated`) and counts
 * toward auto-freeze, all in the caller's transaction. `undefined` when another writer moved the
 * request first.
 */
export function denyAfterRecheck(
  tx: Tx,
  now: number,
  row: PaymentRequestRow,
  decision: PolicyDecision,
  context: {
    readonly actor: Actor
    readonly request: RequestInfo | undefined
    /** Why it was re-checked, the first reason given: e.g. "Re-checked at execution". */
    readonly stage: string
    readonly approvalRequestId?: string | undefined
  },
): PaymentRequestRow | undefined {
  const reasons = [
    `${context.stage}: the payment no longer passes its policies`,
    ...decision.reasons,
  ]
  const denied = transitionPaymentRequest(tx, row.organizationId, row.id, row.status, {
    status: 'DENIED',
    expiresAt: null,
    decision: {
      ...row.decision,
      status: 'DENIED',
      reasons,
      violations: decision.violations,
      evaluation: decision.evaluation,
    },
    updatedAt: now,
  })
  if (!denied) return undefined
  const amount = fromMicros(row.amountMicros)
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'PAYMENT_DENIED',
    resource: 'payment_request',
    resourceId: row.id,
    previousState: { status: row.status, expiresAt: toIsoOrNull(row.expiresAt) },
    newState: { status: 'DENIED', reasons },
    actor: context.actor,
    request: context.request,
    metadata: { change: 'recheck', stage: context.stage, amount },
  })
  emitPaymentDenied(
    tx,
    now,
    row.organizationId,
    {
      requestId: row.id,
      agentId: row.agentId,
      amount,
      currency: row.currency,
      recipientAddress: row.recipientAddress,
      status: 'DENIED',
      ...(context.approvalRequestId === undefined
        ? {}
        : { approvalRequestId: context.approvalRequestId }),
    },
    { reasons, violations: decision.violations },
  )
  // As any denial, it counts toward auto-freeze.
  recordPolicyViolation(tx, now, {
    organizationId: row.organizationId,
    agentId: row.agentId,
    sourceId: row.id,
    reason: reasons[1] ?? reasons[0],
  })
  return denied
}
