import {
  defaults,
  explorerTxUrl,
  fromMicros,
  type ListTransactionsResponse,
  type listSdkTransactionsQuerySchema,
  type listTransactionsQuerySchema,
  type RetryTransactionResponse,
  type Transaction,
  toMicros,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import { findLink } from '../db/repositories/agent-wallet-links.js'
import { findAgent } from '../db/repositories/agents.js'
import {
  findPaymentRequest,
  insertPaymentRequest,
  type PaymentRequestRow,
  transitionPaymentRequest,
} from '../db/repositories/payment-requests.js'
import { insertReservation } from '../db/repositories/reservations.js'
import * as repo from '../db/repositories/transactions.js'
import { type DbLike, inTransaction, type Tx } from '../db/transaction.js'
import { actorOf, agentOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { emitEvent } from './events.js'
import { paginationOf } from './pagination.js'
import { availableBalanceOf, decidePayment } from './payment-decisions.js'
import { executePayment } from './settlement.js'

/**
 * Transactions (§2.8, §2.17): the money that moved (or tried to), as the organization and as
 * the paying agent see it. Rows are written by settlement and confirm; this module reads them
 * and turns them into the wire shape.
 */

export type { TransactionRow } from '../db/repositories/transactions.js'

type ListQuery = z.output<typeof listTransactionsQuerySchema>
type SdkListQuery = z.output<typeof listSdkTransactionsQuerySchema>

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

/** `startDate`: a bare date starts at 00:00 UTC of that day. */
export function startOfRange(value: string): number {
  return Date.parse(BARE_DATE.test(value) ? `${value}T00:00:00.000Z` : value)
}

/** `endDate`: a bare date includes that whole UTC day; a timestamp is inclusive. */
export function endOfRange(value: string): number {
  return BARE_DATE.test(value)
    ? Date.parse(`${value}T00:00:00.000Z`) + DAY_MS - 1
    : Date.parse(value)
}

/** A transaction row as the API returns it (amounts from micro-units, ISO times, explorer link). */
export function toTransactionResponse(
  row: repo.TransactionRow,
  agentName: string | null = null,
): Transaction {
  return {
    id: row.id,
    txHash: row.txHash,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    status: row.status,
    fromAddress: row.fromAddress,
    toAddress: row.toAddress ?? '',
    recipientName: row.recipientName,
    purpose: row.purpose,
    category: row.category,
    agentId: row.agentId,
    agent: agentName === null ? null : { id: row.agentId, name: agentName },
    walletId: row.walletId,
    chainId: row.chainId,
    explorerUrl: row.txHash === null ? null : (explorerTxUrl(row.chainId, row.txHash) ?? null),
    paymentRequestId: row.paymentRequestId,
    externalApprovalId: row.externalApprovalId,
    simulated: row.simulated,
    kind: row.kind,
    failureReason: row.failureReason,
    createdAt: toIso(row.createdAt),
    confirmedAt: toIsoOrNull(row.confirmedAt),
  }
}

const toResponse = ({ transaction, agentName }: repo.TransactionWithAgent): Transaction =>
  toTransactionResponse(transaction, agentName)

function envelope(
  result: { rows: repo.TransactionWithAgent[]; total: number },
  page: { limit: number; offset: number },
): ListTransactionsResponse {
  return {
    transactions: result.rows.map(toResponse),
    pagination: paginationOf(result.total, page, result.rows.length),
  }
}

function dateFilters(query: { startDate?: string | undefined; endDate?: string | undefined }) {
  return {
    createdFrom: query.startDate === undefined ? undefined : startOfRange(query.startDate),
    createdTo: query.endDate === undefined ? undefined : endOfRange(query.endDate),
  }
}

/** `GET /api/transactions`: the organization's transactions, newest first. */
export function listTransactions(call: ServiceCall, query: ListQuery): ListTransactionsResponse {
  const result = repo.listTransactions(
    call.deps.db,
    organizationIdOf(call.auth),
    {
      agentId: query.agentId,
      walletId: query.walletId,
      status: query.status,
      ...dateFilters(query),
      minAmountMicros: query.minAmount === undefined ? undefined : toMicros(query.minAmount),
      maxAmountMicros: query.maxAmount === undefined ? undefined : toMicros(query.maxAmount),
    },
    { limit: query.limit, offset: query.offset },
  )
  return envelope(result, query)
}

/** `GET /api/transactions/{id}`. */
export function retrieveTransaction(call: ServiceCall, transactionId: string): Transaction {
  const found = repo.findTransaction(call.deps.db, organizationIdOf(call.auth), transactionId)
  if (!found) throw notFound('Transaction', transactionId)
  return toResponse(found)
}

/** `GET /api/sdk/transactions`: the calling agent's transactions only, newest first. */
export function listSdkTransactions(
  call: ServiceCall,
  query: SdkListQuery,
): ListTransactionsResponse {
  const { organizationId, agentId } = agentOf(call.auth)
  const result = repo.listTransactions(
    call.deps.db,
    organizationId,
    { agentId, status: query.status, ...dateFilters(query) },
    { limit: query.limit, offset: query.offset },
  )
  return envelope(result, query)
}

/** `GET /api/sdk/transactions/{id}`: another agent's transaction is a 404. */
export function retrieveSdkTransaction(call: ServiceCall, transactionId: string): Transaction {
  const { organizationId, agentId } = agentOf(call.auth)
  const found = repo.findTransaction(call.deps.db, organizationId, transactionId, agentId)
  if (!found) throw notFound('Transaction', transactionId)
  return toResponse(found)
}

// --- retry ---------------------------------------------------------------------------------

const PAYMENT_TTL_MS = defaults.approvalTtlSeconds.paymentRequest * 1000

/** Where a retried payment request points (kept in its stored decision). */
interface RetryLink {
  readonly paymentRequestId: string
  readonly transactionId: string
}

const retriedAsOf = (row: PaymentRequestRow): string | undefined =>
  typeof row.decision['retriedAs'] === 'string' ? row.decision['retriedAs'] : undefined

function invalidRetry(transactionId: string, status: string, why: string): ApiError {
  return new ApiError('INVALID_STATUS', `Transaction ${transactionId} ${why}`, {
    transactionId,
    currentStatus: status,
  })
}

/**
 * The transaction a retry of `failed` already produced, if one did and it did not fail: a
 * second retry answers it with `retried: false` instead of paying twice.
 */
function earlierRetry(db: DbLike, original: PaymentRequestRow): PaymentRequestRow | undefined {
  const retriedAs = retriedAsOf(original)
  return retriedAs === undefined
    ? undefined
    : findPaymentRequest(db, original.organizationId, retriedAs)
}

/**
 * Re-approves a failed payment as a new payment request (a transaction row belongs to one
 * request, so the failed one keeps its FAILED transaction): the agent must still be ACTIVE, the
 * wallet usable and funded, and the policies must still approve it (a human approval of the
 * original counts for a REQUIRES_APPROVAL outcome). The new request holds a fresh 5-minute
 * reservation, like any approved one. Runs in the caller's transaction.
 */
function reapprove(
  call: ServiceCall,
  tx: Tx,
  failed: repo.TransactionRow,
  original: PaymentRequestRow,
): PaymentRequestRow {
  const now = call.deps.clock.now()
  const { organizationId } = original
  const agent = findAgent(tx, organizationId, original.agentId)
  if (agent?.status !== 'ACTIVE') {
    throw new ApiError(
      'AGENT_NOT_ACTIVE',
      `Agent ${original.agentId} is ${agent?.status ?? 'gone'}; only ACTIVE agents can pay`,
      { agentId: original.agentId, agentStatus: agent?.status ?? null },
    )
  }
  const linked =
    original.walletId === null
      ? undefined
      : findLink(tx, organizationId, original.agentId, original.walletId)
  if (!linked) {
    throw invalidRetry(
      failed.id,
      failed.status,
      'cannot be retried: its wallet is no longer linked to the agent',
    )
  }
  const { link, wallet } = linked
  if (wallet.custodyType === 'EXTERNAL') {
    throw invalidRetry(
      failed.id,
      failed.status,
      'was sent from an EXTERNAL wallet: Conto cannot re-send it',
    )
  }
  if (wallet.status !== 'ACTIVE') {
    throw new ApiError('WALLET_FROZEN', `Wallet ${wallet.id} is ${wallet.status}`, {
      walletId: wallet.id,
      walletStatus: wallet.status,
    })
  }
  const available = availableBalanceOf(tx, wallet, now)
  if (available < original.amountMicros) {
    throw new ApiError(
      'INSUFFICIENT_BALANCE',
      `Wallet available balance ${fromMicros(available)} ${wallet.currency} is below the amount ${fromMicros(original.amountMicros)}`,
      {
        walletId: wallet.id,
        balance: fromMicros(available),
        amount: fromMicros(original.amountMicros),
      },
    )
  }
  const { decision } = decidePayment(tx, call.deps, {
    organizationId,
    agent,
    wallet,
    link,
    amountMicros: original.amountMicros,
    recipientAddress: original.recipientAddress ?? failed.toAddress ?? '',
    chainId: original.chainId,
    category: original.category ?? undefined,
    context: original.context ?? undefined,
    availableBalanceMicros: available,
    now,
  })
  const humanApproved = original.approvalRequestId !== null
  if (
    decision.status !== 'APPROVED' &&
    !(decision.status === 'REQUIRES_APPROVAL' && humanApproved)
  ) {
    throw new ApiError(
      'POLICY_DENIED',
      `Retrying transaction ${failed.id} would now be ${decision.status}: ${decision.reasons.join('; ')}`,
      { status: decision.status, reasons: decision.reasons, violations: decision.violations },
    )
  }
  const retryOf: RetryLink = { paymentRequestId: original.id, transactionId: failed.id }
  const expiresAt = now + PAYMENT_TTL_MS
  const retry = {
    ...original,
    id: createId(),
    status: 'APPROVED',
    autoExecute: false,
    decision: { ...decision, status: 'APPROVED', retryOf },
    approvalRequestId: null,
    transactionId: null,
    failureReason: null,
    idempotencyKey: null,
    expiresAt,
    createdAt: now,
    updatedAt: now,
  }
  insertPaymentRequest(tx, retry)
  insertReservation(tx, {
    id: createId(),
    organizationId,
    agentId: retry.agentId,
    walletId: wallet.id,
    recipientKey: retry.recipientKey,
    sourceType: 'payment_request',
    sourceId: retry.id,
    amountMicros: retry.amountMicros,
    expiresAt,
    createdAt: now,
  })
  const marked = transitionPaymentRequest(tx, organizationId, original.id, original.status, {
    decision: { ...original.decision, retriedAs: retry.id },
    updatedAt: now,
  })
  if (!marked) throw invalidRetry(failed.id, failed.status, 'is being retried already')
  const amount = fromMicros(retry.amountMicros)
  recordAudit(tx, now, {
    organizationId,
    action: 'APPROVE',
    resource: 'payment_request',
    resourceId: retry.id,
    previousState: null,
    newState: { status: 'APPROVED', expiresAt: toIso(expiresAt), retryOf },
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { change: 'retry', amount, currency: retry.currency, walletId: wallet.id },
  })
  emitEvent(tx, now, organizationId, 'payment.approved', {
    requestId: retry.id,
    agentId: retry.agentId,
    amount,
    currency: retry.currency,
    recipientAddress: retry.recipientAddress,
    status: 'APPROVED',
    expiresAt: toIso(expiresAt),
    reasons: decision.reasons,
    retryOf,
  })
  return retry
}

/**
 * `POST /api/transactions/{id}/retry`: re-sends a FAILED transfer. Settlement has no retry entry
 * point, so the payment is re-approved as a new payment request (see `reapprove`) and executed
 * through `executePayment`; the response is the new transaction. A transaction whose retry
 * already went through answers that transaction with `retried: false`. An admin agent key may
 * only retry its own agent's transactions.
 */
export async function retryTransaction(
  call: ServiceCall,
  transactionId: string,
): Promise<RetryTransactionResponse> {
  const organizationId = organizationIdOf(call.auth)
  const { deps } = call
  const ownAgent = call.auth.kind === 'agent' ? call.auth.agentId : undefined
  const found = repo.findTransaction(deps.db, organizationId, transactionId, ownAgent)
  if (!found) throw notFound('Transaction', transactionId)
  const failed = found.transaction
  if (failed.status !== 'FAILED') {
    throw invalidRetry(
      failed.id,
      failed.status,
      `is ${failed.status}; only FAILED transactions can be retried`,
    )
  }
  if (failed.paymentRequestId === null) {
    throw invalidRetry(
      failed.id,
      failed.status,
      'was not executed by Conto from a payment request; it cannot be re-sent',
    )
  }
  const paymentRequestId = failed.paymentRequestId
  const retry = inTransaction(deps.db, (tx) => {
    const original = findPaymentRequest(tx, organizationId, paymentRequestId)
    if (!original) {
      throw invalidRetry(failed.id, failed.status, 'has no payment request to re-send')
    }
    const earlier = earlierRetry(tx, original)
    if (earlier?.transactionId != null) {
      const settled = repo.findTransaction(tx, organizationId, earlier.transactionId)
      if (settled && settled.transaction.status !== 'FAILED') return { settled }
    }
    const now = deps.clock.now()
    if (earlier && earlier.status === 'APPROVED' && (earlier.expiresAt ?? 0) > now) {
      return { pending: earlier }
    }
    return { pending: reapprove(call, tx, failed, original) }
  })
  if ('settled' in retry) {
    return {
      transaction: toTransactionResponse(retry.settled.transaction, retry.settled.agentName),
      retried: false,
    }
  }
  const execution = await executePayment(deps, call.auth, retry.pending.id, call.request)
  const executed = repo.findTransaction(deps.db, organizationId, execution.transactionId)
  if (!executed) throw notFound('Transaction', execution.transactionId)
  return { transaction: toResponse(executed), retried: true }
}
