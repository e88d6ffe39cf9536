import {
  type ApprovalRequest,
  type ApprovalVote,
  type approveApprovalRequestParamsSchema,
  type DecideApprovalRequestResponse,
  defaults,
  fromMicros,
  type ListApprovalRequestsResponse,
  type ListSdkApprovalRequestsResponse,
  type listApprovalRequestsQuerySchema,
  type listSdkApprovalRequestsQuerySchema,
  type PaymentExecution,
  type rejectApprovalRequestParamsSchema,
  type SdkApprovalRequest,
  type SdkApprovalRequestTypeFilter,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import { findAgent } from '../db/repositories/agents.js'
import { findApiKey } from '../db/repositories/api-keys.js'
import * as repo from '../db/repositories/approval-requests.js'
import {
  type ExternalApprovalRow,
  findExternalApproval,
  transitionExternalApproval,
} from '../db/repositories/external-approvals.js'
import { findMember } from '../db/repositories/members.js'
import {
  findPaymentRequest,
  type PaymentRequestRow,
  transitionPaymentRequest,
} from '../db/repositories/payment-requests.js'
import { releaseReservation, renewReservation } from '../db/repositories/reservations.js'
import { type DbLike, inTransaction, type Tx } from '../db/transaction.js'
import {
  type Actor,
  type Auth,
  actorOf,
  agentOf,
  organizationIdOf,
  type RequestInfo,
  type ServiceCall,
  type ServiceDeps,
} from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { findWorkflowOf } from './approval-workflows.js'
import { recordAudit } from './audit-log.js'
import { emitEvent } from './events.js'
import { paginationOf } from './pagination.js'
import { denyAfterRecheck, recheckPaymentRequest } from './payment-recheck.js'
import { executePayment } from './settlement.js'

/**
 * Approval requests (§2.10, contract §4): the human step of a payment that matched an approval
 * workflow or a REQUIRE_APPROVAL rule. Approvals accumulate until `requiredApprovals`; one
 * rejection ends the request. Once approved, the payment request becomes APPROVED with a fresh
 * 5-minute expiry and a new reservation (and is executed when it asked for `autoExecute`); once
 * rejected it is DENIED and its hold released. A PENDING request past its `expiresAt` is expired
 * lazily — by the next read or decision that touches it — together with its payment.
 */

export type { ApprovalRequestRow } from '../db/repositories/approval-requests.js'

type ListQuery = z.output<typeof listApprovalRequestsQuerySchema>
type SdkListQuery = z.output<typeof listSdkApprovalRequestsQuerySchema>
type ApproveInput = z.output<typeof approveApprovalRequestParamsSchema>
type RejectInput = z.output<typeof rejectApprovalRequestParamsSchema>

type Call = ServiceCall

/**
 * How a vote arrives besides the org API (a notification channel's one-time token): both go
 * through the same decision path, so accumulation, expiry, reservations, auto-execution, events
 * and audit behave identically.
 */
export interface DecisionOptions {
  /**
   * Runs inside the decision's transaction once the vote is recorded; a throw undoes the vote
   * (a channel spends its token here, so a token is used exactly when its vote counts).
   */
  readonly onVote?: (tx: Tx, approvalRequest: repo.ApprovalRequestRow) => void
  /** Added to the vote's audit entry (e.g. the channel it came through). */
  readonly auditMetadata?: Record<string, unknown>
}

/** Statuses of a payment request (or external approval) waiting for a human. */
export const AWAITING_APPROVAL_STATUSES = ['REQUIRES_APPROVAL', 'PENDING_APPROVAL'] as const

const SYSTEM: Actor = { type: 'SYSTEM', id: 'system' }
const PAYMENT_APPROVAL_TTL_MS = defaults.approvalTtlSeconds.paymentRequest * 1000
const EXPIRED_REASON = 'The approval request expired without a decision'

const sdkTypes: Record<SdkApprovalRequestTypeFilter, readonly string[] | undefined> = {
  payment: ['PAYMENT'],
  external: ['EXTERNAL_APPROVAL'],
  all: undefined,
}

// --- wire shapes ---------------------------------------------------------------------------

/** A stored vote (`approvals` JSON); read defensively, times as epoch ms or ISO strings. */
interface StoredVote {
  readonly id: string
  readonly approverId: string
  readonly decision: string
  readonly reason: string | null
  readonly createdAt: number
}

function votesOf(row: repo.ApprovalRequestRow): StoredVote[] {
  const votes: StoredVote[] = []
  for (const raw of Array.isArray(row.approvals) ? row.approvals : []) {
    const createdAt =
      typeof raw['createdAt'] === 'number'
        ? raw['createdAt']
        : typeof raw['createdAt'] === 'string'
          ? Date.parse(raw['createdAt'])
          : row.createdAt
    votes.push({
      id: typeof raw['id'] === 'string' ? raw['id'] : `vote_${votes.length + 1}`,
      approverId: typeof raw['approverId'] === 'string' ? raw['approverId'] : 'unknown',
      decision: typeof raw['decision'] === 'string' ? raw['decision'] : 'APPROVED',
      reason: typeof raw['reason'] === 'string' ? raw['reason'] : null,
      createdAt: Number.isFinite(createdAt) ? createdAt : row.createdAt,
    })
  }
  return votes
}

const toVoteResponse = (vote: StoredVote): ApprovalVote => ({
  id: vote.id,
  approverId: vote.approverId,
  decision: vote.decision,
  reason: vote.reason,
  createdAt: toIso(vote.createdAt),
})

/** An approval request row as the org API returns it. */
export function toApprovalRequestResponse(
  row: repo.ApprovalRequestRow,
  agentName: string | null = null,
): ApprovalRequest {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    paymentRequestId: row.paymentRequestId,
    externalApprovalId: row.externalApprovalId,
    agentId: row.agentId,
    ...(agentName === null ? {} : { agent: { id: row.agentId, name: agentName } }),
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress,
    purpose: row.purpose,
    workflowId: row.workflowId,
    requiredApprovals: Math.max(1, row.requiredApprovals),
    approvals: votesOf(row).map(toVoteResponse),
    reason: row.reason,
    expiresAt: toIso(row.expiresAt),
    decidedAt: toIsoOrNull(row.decidedAt),
    decidedBy: row.decidedBy,
    createdAt: toIso(row.createdAt),
  }
}

/** An approval request as the agent sees it (`GET /api/sdk/approval-requests`). */
export function toSdkApprovalRequestResponse(row: repo.ApprovalRequestRow): SdkApprovalRequest {
  return {
    approvalRequestId: row.id,
    paymentRequestId: row.paymentRequestId,
    externalApprovalId: row.externalApprovalId,
    status: row.status,
    type: row.type,
    amount: fromMicros(row.amountMicros),
    recipientAddress: row.recipientAddress,
    reason: row.reason,
    createdAt: toIso(row.createdAt),
    expiresAt: toIso(row.expiresAt),
    decidedAt: toIsoOrNull(row.decidedAt),
  }
}

// --- helpers -------------------------------------------------------------------------------

const isAwaiting = (status: string): boolean =>
  (AWAITING_APPROVAL_STATUSES as readonly string[]).includes(status)

function expiredError(row: repo.ApprovalRequestRow): ApiError {
  return new ApiError(
    'EXPIRED',
    `Approval request ${row.id} expired at ${toIso(row.expiresAt)}; the agent must request the payment again`,
    { approvalRequestId: row.id, expiresAt: toIso(row.expiresAt) },
  )
}

function invalidStatus(row: repo.ApprovalRequestRow): ApiError {
  return new ApiError(
    'INVALID_STATUS',
    `Approval request ${row.id} is ${row.status}; only PENDING requests can be decided`,
    { approvalRequestId: row.id, currentStatus: row.status },
  )
}

function loadExternalApproval(
  db: DbLike,
  row: repo.ApprovalRequestRow,
): ExternalApprovalRow | undefined {
  return row.externalApprovalId === null
    ? undefined
    : findExternalApproval(db, row.organizationId, row.externalApprovalId)
}

function loadPaymentRequest(
  db: DbLike,
  row: repo.ApprovalRequestRow,
): PaymentRequestRow | undefined {
  return row.paymentRequestId === null
    ? undefined
    : findPaymentRequest(db, row.organizationId, row.paymentRequestId)
}

/** Moves a waiting external approval to `status`; no-op when it is not waiting any more. */
function settleExternalApproval(
  tx: Tx,
  approval: ExternalApprovalRow | undefined,
  status: string,
  now: number,
): ExternalApprovalRow | undefined {
  if (!approval || !isAwaiting(approval.status)) return undefined
  return transitionExternalApproval(tx, approval.organizationId, approval.id, approval.status, {
    status,
    updatedAt: now,
  })
}

function paymentEventData(payment: PaymentRequestRow, approvalRequestId: string) {
  return {
    requestId: payment.id,
    agentId: payment.agentId,
    amount: fromMicros(payment.amountMicros),
    currency: payment.currency,
    recipientAddress: payment.recipientAddress,
    status: payment.status,
    expiresAt: toIsoOrNull(payment.expiresAt),
    reasons: reasonsOf(payment),
    approvalRequestId,
  }
}

function reasonsOf(payment: PaymentRequestRow): string[] {
  const reasons = payment.decision['reasons']
  return Array.isArray(reasons)
    ? reasons.filter((reason): reason is string => typeof reason === 'string')
    : []
}

/** The stored decision with a new status (when it records one) and reasons. */
function withDecision(
  payment: PaymentRequestRow,
  status: string,
  reasons: readonly string[],
): Record<string, unknown> {
  return {
    ...payment.decision,
    ...('status' in payment.decision ? { status } : {}),
    reasons: [...reasons],
  }
}

function approvalDecidedData(row: repo.ApprovalRequestRow, decision: 'APPROVED' | 'REJECTED') {
  return {
    approvalRequestId: row.id,
    type: row.type,
    status: row.status,
    decision,
    decidedBy: row.decidedBy,
    reason: row.reason,
    agentId: row.agentId,
    paymentRequestId: row.paymentRequestId,
    externalApprovalId: row.externalApprovalId,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress,
  }
}

// --- lazy expiry ---------------------------------------------------------------------------

/**
 * Expires one overdue PENDING request inside `tx`: the request becomes EXPIRED, a payment
 * request still waiting for it EXPIRED (its hold released), a waiting external approval
 * EXPIRED; audited as the system and announced as `approval.expired`. No-op when another
 * writer decided it first.
 */
function expireApprovalRequest(
  tx: Tx,
  now: number,
  row: repo.ApprovalRequestRow,
  request?: RequestInfo,
): repo.ApprovalRequestRow | undefined {
  const after = repo.transitionApprovalRequest(tx, row.organizationId, row.id, 'PENDING', {
    status: 'EXPIRED',
    reason: EXPIRED_REASON,
  })
  if (!after) return undefined
  const payment = loadPaymentRequest(tx, row)
  if (payment && isAwaiting(payment.status)) {
    const expiredPayment = transitionPaymentRequest(
      tx,
      payment.organizationId,
      payment.id,
      payment.status,
      { status: 'EXPIRED', updatedAt: now },
    )
    if (expiredPayment) {
      releaseReservation(tx, 'payment_request', payment.id, now)
      recordAudit(tx, now, {
        organizationId: row.organizationId,
        action: 'UPDATE',
        resource: 'payment_request',
        resourceId: payment.id,
        previousState: { status: payment.status },
        newState: { status: 'EXPIRED' },
        actor: SYSTEM,
        request,
        metadata: { change: 'approval_expired', approvalRequestId: row.id },
      })
    }
  }
  const external = loadExternalApproval(tx, row)
  if (settleExternalApproval(tx, external, 'EXPIRED', now)) {
    releaseReservation(tx, 'external_approval', row.externalApprovalId ?? '', now)
  }
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'UPDATE',
    resource: 'approval_request',
    resourceId: row.id,
    previousState: toApprovalRequestResponse(row),
    newState: toApprovalRequestResponse(after),
    actor: SYSTEM,
    request,
    metadata: { change: 'expired' },
  })
  emitEvent(tx, now, row.organizationId, 'approval.expired', {
    approvalRequestId: row.id,
    type: row.type,
    status: 'EXPIRED',
    agentId: row.agentId,
    paymentRequestId: row.paymentRequestId,
    externalApprovalId: row.externalApprovalId,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    expiresAt: toIso(row.expiresAt),
  })
  return after
}

/**
 * Expires every overdue PENDING approval request of the organization (of `agentId`, when
 * given); lists call it before reading so `status` filters see the truth. Cheap when nothing is
 * overdue (one indexed read, no write).
 */
export function expireOverdueApprovalRequests(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  organizationId: string,
  agentId?: string,
): number {
  const now = deps.clock.now()
  const overdue = repo.listOverdueApprovalRequests(deps.db, organizationId, now, agentId)
  if (overdue.length === 0) return 0
  return inTransaction(deps.db, (tx) => {
    let expired = 0
    for (const row of overdue) if (expireApprovalRequest(tx, now, row)) expired++
    return expired
  })
}

/**
 * Expires every overdue PENDING approval request of every organization (the expiry sweeper and
 * the test clock call it), so `approval.expired` is announced when the timeout passes rather
 * than when somebody next reads. Returns how many it expired.
 */
export function expireAllOverdueApprovalRequests(deps: Pick<ServiceDeps, 'db' | 'clock'>): number {
  let expired = 0
  for (;;) {
    const organizations = repo.listOrganizationsWithOverdueApprovals(deps.db, deps.clock.now(), 100)
    let round = 0
    for (const organizationId of organizations) {
      round += expireOverdueApprovalRequests(deps, organizationId)
    }
    expired += round
    if (organizations.length < 100 || round === 0) return expired
  }
}

// --- reads ---------------------------------------------------------------------------------

/** `GET /api/approval-requests`: newest first; overdue PENDING requests read as EXPIRED. */
export function listApprovalRequests(call: Call, query: ListQuery): ListApprovalRequestsResponse {
  const organizationId = organizationIdOf(call.auth)
  expireOverdueApprovalRequests(call.deps, organizationId)
  const { rows, total } = repo.listApprovalRequests(
    call.deps.db,
    organizationId,
    {
      status: query.status,
      types: query.type === undefined ? undefined : [query.type],
      agentId: query.agentId,
    },
    query,
  )
  return {
    requests: rows.map(({ request, agentName }) => toApprovalRequestResponse(request, agentName)),
    pagination: paginationOf(total, query, rows.length),
  }
}

function loadApprovalRequest(
  deps: ServiceDeps,
  organizationId: string,
  approvalRequestId: string,
): repo.ApprovalRequestWithAgent {
  const found = repo.findApprovalRequestWithAgent(deps.db, organizationId, approvalRequestId)
  if (!found) throw notFound('Approval request', approvalRequestId)
  const now = deps.clock.now()
  const { request } = found
  if (request.status !== 'PENDING' || now < request.expiresAt) return found
  // Overdue: expire it now (or read what a concurrent writer made of it).
  const expired = inTransaction(deps.db, (tx) => expireApprovalRequest(tx, now, request))
  if (expired) return { ...found, request: expired }
  const current = repo.findApprovalRequestWithAgent(deps.db, organizationId, approvalRequestId)
  if (!current) throw notFound('Approval request', approvalRequestId)
  return current
}

/** `GET /api/approval-requests/{id}`. */
export function retrieveApprovalRequest(call: Call, approvalRequestId: string): ApprovalRequest {
  const { request, agentName } = loadApprovalRequest(
    call.deps,
    organizationIdOf(call.auth),
    approvalRequestId,
  )
  return toApprovalRequestResponse(request, agentName)
}

/** `GET /api/sdk/approval-requests`: the calling agent's requests, newest first. */
export function listSdkApprovalRequests(
  call: Call,
  query: SdkListQuery,
): ListSdkApprovalRequestsResponse {
  const { organizationId, agentId } = agentOf(call.auth)
  expireOverdueApprovalRequests(call.deps, organizationId, agentId)
  const { rows, total } = repo.listApprovalRequests(
    call.deps.db,
    organizationId,
    { status: query.status, types: sdkTypes[query.type], agentId },
    query,
  )
  return {
    requests: rows.map(({ request }) => toSdkApprovalRequestResponse(request)),
    pagination: paginationOf(total, query, rows.length),
  }
}

// --- decisions -----------------------------------------------------------------------------

/** Who is voting: the org key, and the member who issued it (when one did). */
interface Approver {
  readonly id: string
  /** Every identity a workflow's `specificApprovers` may name for this approver. */
  readonly identities: ReadonlySet<string>
  /** The issuing member's role; null for a key no member issued (an organization credential). */
  readonly role: string | null
}

function approverOf(db: DbLike, auth: Auth): Approver {
  if (auth.kind !== 'org') {
    throw new ApiError('FORBIDDEN', 'Only organization API keys can decide approval requests')
  }
  const identities = new Set([auth.keyId])
  const key = findApiKey(db, auth.organizationId, auth.keyId)
  const member =
    key?.createdByMemberId == null
      ? undefined
      : findMember(db, auth.organizationId, key.createdByMemberId)
  if (member) {
    identities.add(member.id)
    identities.add(member.userId)
    identities.add(member.email)
  }
  return { id: auth.keyId, identities, role: member?.role ?? null }
}

/**
 * The workflow's approver rules: a key issued by a member needs one of `approverRoles`; named
 * `specificApprovers` must include the approver (the next one in order when
 * `sequentialApproval`); nobody votes twice (409 CONFLICT). Returns the id the vote records:
 * the named identity the approver matched, else the org key id.
 */
function checkApprover(
  tx: Tx,
  row: repo.ApprovalRequestRow,
  approver: Approver,
  votes: readonly StoredVote[],
): string {
  if (votes.some((vote) => approver.identities.has(vote.approverId))) {
    throw new ApiError('CONFLICT', `This approver already voted on approval request ${row.id}`, {
      approvalRequestId: row.id,
    })
  }
  const workflow =
    row.workflowId === null ? undefined : findWorkflowOf(tx, row.organizationId, row.workflowId)
  if (!workflow) return approver.id
  if (approver.role !== null && !workflow.approverRoles.includes(approver.role)) {
    throw new ApiError(
      'FORBIDDEN',
      `Approval workflow "${workflow.name}" needs an approver with role ${workflow.approverRoles.join(' or ')}`,
      { approvalRequestId: row.id, approverRoles: workflow.approverRoles },
    )
  }
  const named = workflow.specificApprovers
  if (named.length === 0) return approver.id
  const expected = workflow.sequentialApproval
    ? named.filter((id) => !votes.some((vote) => vote.approverId === id)).slice(0, 1)
    : named
  const matched = expected.find((id) => approver.identities.has(id))
  if (matched === undefined) {
    throw new ApiError(
      'FORBIDDEN',
      workflow.sequentialApproval
        ? `Approval workflow "${workflow.name}" needs its approvers in order; the next one is ${expected[0] ?? 'nobody'}`
        : `Approval workflow "${workflow.name}" names its approvers; this API key is not one of them`,
      { approvalRequestId: row.id },
    )
  }
  return matched
}

type Decided =
  | { readonly kind: 'expired'; readonly row: repo.ApprovalRequestRow }
  | {
      readonly kind: 'voted'
      readonly row: repo.ApprovalRequestRow
      readonly agentName: string | null
      readonly payment?: PaymentRequestRow | undefined
    }

/** The caller's vote on the request (after checking they may still vote). */
function newVote(
  tx: Tx,
  row: repo.ApprovalRequestRow,
  approver: Approver,
  votes: readonly StoredVote[],
  decision: 'APPROVED' | 'REJECTED',
  reason: string | undefined,
  now: number,
): StoredVote {
  return {
    id: createId(),
    approverId: checkApprover(tx, row, approver, votes),
    decision,
    reason: reason ?? null,
    createdAt: now,
  }
}

/** Loads the request for a decision; an overdue one is expired (committed) and reported. */
function openForDecision(
  tx: Tx,
  now: number,
  organizationId: string,
  approvalRequestId: string,
  request: RequestInfo | undefined,
): { row: repo.ApprovalRequestRow; agentName: string | null } | Decided {
  const found = repo.findApprovalRequestWithAgent(tx, organizationId, approvalRequestId)
  if (!found) throw notFound('Approval request', approvalRequestId)
  const row = found.request
  if (row.status === 'PENDING' && now >= row.expiresAt) {
    return { kind: 'expired', row: expireApprovalRequest(tx, now, row, request) ?? row }
  }
  if (row.status === 'EXPIRED') throw expiredError(row)
  if (row.status !== 'PENDING') throw invalidStatus(row)
  return { row, agentName: found.agentName }
}

/**
 * Makes the payment request APPROVED again: fresh 5-minute expiry, a new reservation — after
 * re-checking it against the limits and policies as they are now (a limit may have filled up
 * while it waited for a human). A payment the re-check denies is DENIED instead (audited and
 * announced as `payment.denied`); the human approval itself stands.
 */
function approvePayment(
  call: Call,
  tx: Tx,
  now: number,
  row: repo.ApprovalRequestRow,
  reason: string | undefined,
): PaymentRequestRow | undefined {
  const payment = loadPaymentRequest(tx, row)
  if (!payment) return undefined
  if (!isAwaiting(payment.status)) {
    throw new ApiError(
      'INVALID_STATUS',
      `Payment request ${payment.id} is ${payment.status}; it is no longer waiting for approval`,
      { approvalRequestId: row.id, paymentRequestId: payment.id, currentStatus: payment.status },
    )
  }
  const agent = findAgent(tx, payment.organizationId, payment.agentId)
  if (agent?.status !== 'ACTIVE') {
    throw new ApiError(
      'INVALID_STATUS',
      `Agent ${payment.agentId} is ${agent?.status ?? 'gone'}; only an ACTIVE agent's payment can be approved`,
      { approvalRequestId: row.id, agentId: payment.agentId, agentStatus: agent?.status ?? null },
    )
  }
  const denial = recheckPaymentRequest(tx, call.deps, payment, now, 'approval')
  if (denial) {
    const denied = denyAfterRecheck(tx, now, payment, denial, {
      actor: actorOf(call.auth),
      request: call.request,
      stage: 'Approved by a human approver, then re-checked',
      approvalRequestId: row.id,
    })
    if (!denied) throw invalidStatus(row)
    return denied
  }
  const expiresAt = now + PAYMENT_APPROVAL_TTL_MS
  const approved = transitionPaymentRequest(
    tx,
    payment.organizationId,
    payment.id,
    payment.status,
    {
      status: 'APPROVED',
      expiresAt,
      decision: withDecision(payment, 'APPROVED', [
        ...reasonsOf(payment),
        `Approved by a human approver${reason ? `: ${reason}` : ''}`,
      ]),
      updatedAt: now,
    },
  )
  if (!approved) throw invalidStatus(row)
  if (approved.walletId !== null) {
    renewReservation(tx, {
      id: createId(),
      organizationId: approved.organizationId,
      agentId: approved.agentId,
      walletId: approved.walletId,
      recipientKey: approved.recipientKey ?? approved.recipientAddress?.toLowerCase() ?? null,
      sourceType: 'payment_request',
      sourceId: approved.id,
      amountMicros: approved.amountMicros,
      expiresAt,
      createdAt: now,
    })
  }
  return approved
}

/** Makes the payment request DENIED with the rejection as its one reason; releases its hold. */
function denyPayment(
  tx: Tx,
  now: number,
  row: repo.ApprovalRequestRow,
  reason: string | undefined,
): PaymentRequestRow | undefined {
  const payment = loadPaymentRequest(tx, row)
  if (!payment || !isAwaiting(payment.status)) return undefined
  const denied = transitionPaymentRequest(tx, payment.organizationId, payment.id, payment.status, {
    status: 'DENIED',
    decision: withDecision(payment, 'DENIED', [
      `Rejected by a human approver${reason ? `: ${reason}` : ''}`,
    ]),
    updatedAt: now,
  })
  if (denied) releaseReservation(tx, 'payment_request', payment.id, now)
  return denied
}

function auditDecision(
  call: Call,
  tx: Tx,
  now: number,
  action: 'APPROVE' | 'REJECT',
  before: repo.ApprovalRequestRow,
  after: repo.ApprovalRequestRow,
  metadata: Record<string, unknown>,
): void {
  recordAudit(tx, now, {
    organizationId: before.organizationId,
    action,
    resource: 'approval_request',
    resourceId: before.id,
    previousState: toApprovalRequestResponse(before),
    newState: toApprovalRequestResponse(after),
    actor: actorOf(call.auth),
    request: call.request,
    metadata,
  })
}

function auditPayment(
  call: Call,
  tx: Tx,
  now: number,
  action: 'APPROVE' | 'PAYMENT_DENIED',
  before: PaymentRequestRow,
  after: PaymentRequestRow,
  approvalRequestId: string,
): void {
  recordAudit(tx, now, {
    organizationId: before.organizationId,
    action,
    resource: 'payment_request',
    resourceId: before.id,
    previousState: { status: before.status, expiresAt: toIsoOrNull(before.expiresAt) },
    newState: {
      status: after.status,
      expiresAt: toIsoOrNull(after.expiresAt),
      reasons: reasonsOf(after),
    },
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { approvalRequestId, amount: fromMicros(after.amountMicros) },
  })
}

function paymentSummary(
  payment: PaymentRequestRow,
): DecideApprovalRequestResponse['paymentRequest'] {
  return {
    requestId: payment.id,
    status: payment.status,
    expiresAt: toIsoOrNull(payment.expiresAt),
  }
}

/**
 * `POST /api/approval-requests/{id}/approve`: records the org key's approval; when the request
 * reaches `requiredApprovals` it becomes APPROVED and so does its payment (fresh 5-minute expiry,
 * new reservation, agent re-checked ACTIVE — all in one transaction), announced as
 * `approval.decided` + `payment.approved`. A payment that asked for `autoExecute` is then
 * executed; a failed execution leaves the approval in place (the agent can call `/execute`).
 */
export async function approveApprovalRequest(
  call: Call,
  approvalRequestId: string,
  input: ApproveInput,
  options: DecisionOptions = {},
): Promise<DecideApprovalRequestResponse> {
  const organizationId = organizationIdOf(call.auth)
  const { deps } = call
  const now = deps.clock.now()
  const outcome: Decided = inTransaction(deps.db, (tx) => {
    const opened = openForDecision(tx, now, organizationId, approvalRequestId, call.request)
    if ('kind' in opened) return opened
    const { row, agentName } = opened
    const approver = approverOf(tx, call.auth)
    const votes = votesOf(row)
    const vote = newVote(tx, row, approver, votes, 'APPROVED', input.reason, now)
    const allVotes = [...votes, vote]
    const approvals = allVotes.filter((entry) => entry.decision === 'APPROVED').length
    const decided = approvals >= row.requiredApprovals
    const after = repo.transitionApprovalRequest(tx, organizationId, row.id, 'PENDING', {
      approvals: allVotes.map((entry) => ({ ...entry })),
      ...(decided
        ? {
            status: 'APPROVED',
            decidedBy: approver.id,
            decidedAt: now,
            reason: input.reason ?? null,
          }
        : {}),
    })
    if (!after) throw invalidStatus(row)
    auditDecision(call, tx, now, 'APPROVE', row, after, {
      approvals,
      requiredApprovals: row.requiredApprovals,
      decided,
      ...options.auditMetadata,
    })
    options.onVote?.(tx, after)
    if (!decided) return { kind: 'voted', row: after, agentName }

    const before = loadPaymentRequest(tx, row)
    const payment = approvePayment(call, tx, now, row, input.reason)
    const external = loadExternalApproval(tx, row)
    const approvedExternal = settleExternalApproval(tx, external, 'APPROVED', now)
    emitEvent(tx, now, organizationId, 'approval.decided', approvalDecidedData(after, 'APPROVED'))
    // A payment the re-check denied was audited and announced as payment.denied already.
    if (payment && before && payment.status === 'APPROVED') {
      auditPayment(call, tx, now, 'APPROVE', before, payment, row.id)
      emitEvent(tx, now, organizationId, 'payment.approved', paymentEventData(payment, row.id))
    } else if (approvedExternal) {
      emitEvent(tx, now, organizationId, 'payment.approved', {
        approvalId: approvedExternal.id,
        agentId: approvedExternal.agentId,
        amount: fromMicros(approvedExternal.amountMicros),
        currency: approvedExternal.currency,
        recipientAddress: approvedExternal.recipientAddress,
        status: 'APPROVED',
        approvalRequestId: row.id,
      })
    }
    return { kind: 'voted', row: after, agentName, payment }
  })
  if (outcome.kind === 'expired') throw expiredError(outcome.row)

  const response: DecideApprovalRequestResponse = {
    approvalRequest: toApprovalRequestResponse(outcome.row, outcome.agentName),
  }
  const payment = outcome.payment
  if (!payment) return response
  if (!payment.autoExecute || payment.status !== 'APPROVED') {
    return { ...response, paymentRequest: paymentSummary(payment) }
  }

  let execution: PaymentExecution | undefined
  try {
    const result = await executePayment(deps, call.auth, payment.id, call.request)
    execution = {
      transactionId: result.transactionId,
      txHash: result.txHash,
      explorerUrl: result.explorerUrl,
      status: result.status,
      ...(result.simulated === undefined ? {} : { simulated: result.simulated }),
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    deps.logger.warn('auto-execution after approval failed', {
      approvalRequestId,
      paymentRequestId: payment.id,
      code: error.code,
      message: error.message,
    })
  }
  const current = findPaymentRequest(deps.db, organizationId, payment.id) ?? payment
  return {
    ...response,
    paymentRequest: paymentSummary(current),
    ...(execution ? { execution } : {}),
  }
}

/**
 * `POST /api/approval-requests/{id}/reject`: one rejection ends the request. It becomes
 * REJECTED, its payment DENIED (the rejection as its reason) with the hold released, announced
 * as `approval.decided` + `payment.denied`.
 */
export function rejectApprovalRequest(
  call: Call,
  approvalRequestId: string,
  input: RejectInput,
  options: DecisionOptions = {},
): DecideApprovalRequestResponse {
  const organizationId = organizationIdOf(call.auth)
  const now = call.deps.clock.now()
  const outcome: Decided = inTransaction(call.deps.db, (tx) => {
    const opened = openForDecision(tx, now, organizationId, approvalRequestId, call.request)
    if ('kind' in opened) return opened
    const { row, agentName } = opened
    const approver = approverOf(tx, call.auth)
    const votes = votesOf(row)
    const vote = newVote(tx, row, approver, votes, 'REJECTED', input.reason, now)
    const after = repo.transitionApprovalRequest(tx, organizationId, row.id, 'PENDING', {
      approvals: [...votes, vote].map((entry) => ({ ...entry })),
      status: 'REJECTED',
      decidedBy: approver.id,
      decidedAt: now,
      reason: input.reason ?? null,
    })
    if (!after) throw invalidStatus(row)
    auditDecision(call, tx, now, 'REJECT', row, after, {
      reason: input.reason ?? null,
      ...options.auditMetadata,
    })
    options.onVote?.(tx, after)
    const before = loadPaymentRequest(tx, row)
    const payment = denyPayment(tx, now, row, input.reason)
    const external = loadExternalApproval(tx, row)
    const deniedExternal = settleExternalApproval(tx, external, 'DENIED', now)
    if (deniedExternal) releaseReservation(tx, 'external_approval', deniedExternal.id, now)
    emitEvent(tx, now, organizationId, 'approval.decided', approvalDecidedData(after, 'REJECTED'))
    if (payment && before) {
      auditPayment(call, tx, now, 'PAYMENT_DENIED', before, payment, row.id)
      emitEvent(tx, now, organizationId, 'payment.denied', paymentEventData(payment, row.id))
    } else if (deniedExternal) {
      emitEvent(tx, now, organizationId, 'payment.denied', {
        approvalId: deniedExternal.id,
        agentId: deniedExternal.agentId,
        amount: fromMicros(deniedExternal.amountMicros),
        currency: deniedExternal.currency,
        recipientAddress: deniedExternal.recipientAddress,
        status: 'DENIED',
        reasons: [`Rejected by a human approver${input.reason ? `: ${input.reason}` : ''}`],
        approvalRequestId: row.id,
      })
    }
    return { kind: 'voted', row: after, agentName, payment }
  })
  if (outcome.kind === 'expired') throw expiredError(outcome.row)
  return {
    approvalRequest: toApprovalRequestResponse(outcome.row, outcome.agentName),
    ...(outcome.payment ? { paymentRequest: paymentSummary(outcome.payment) } : {}),
  }
}

/**
 * One vote through the shared decision path: `approveApprovalRequest` or
 * `rejectApprovalRequest`, exactly as the org API calls them (the channel callback uses this).
 */
export async function decideApprovalRequest(
  call: Call,
  approvalRequestId: string,
  decision: 'APPROVED' | 'REJECTED',
  input: { readonly reason?: string | undefined },
  options: DecisionOptions = {},
): Promise<DecideApprovalRequestResponse> {
  const body = input.reason === undefined ? {} : { reason: input.reason }
  return decision === 'APPROVED'
    ? approveApprovalRequest(call, approvalRequestId, body, options)
    : rejectApprovalRequest(call, approvalRequestId, body, options)
}
