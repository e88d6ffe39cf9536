import { type PolicyDecision, windowStart } from '@conto/policy'
import {
  type ExecutePaymentResult,
  explorerTxUrl,
  fromMicros,
  type PaymentExecution,
} from '@conto/schemas'
import { findAgent } from '../db/repositories/agents.js'
import {
  findPaymentRequest,
  type PaymentRequestRow,
  transitionPaymentRequest,
} from '../db/repositories/payment-requests.js'
import { releaseReservation } from '../db/repositories/reservations.js'
import {
  addSpend,
  debitWallet,
  findTransactionByHash,
  insertTransaction,
  type TransactionRow,
  walletNonce,
} from '../db/repositories/settlement.js'
import { findTransaction } from '../db/repositories/transactions.js'
import { findWallet, type WalletRow } from '../db/repositories/wallets.js'
import { type DbLike, inTransaction, type Tx } from '../db/transaction.js'
import {
  type Auth,
  actorOf,
  organizationIdOf,
  type RequestInfo,
  type ServiceDeps,
} from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { raiseAlert } from './alerts-raise.js'
import { recordAudit } from './audit-log.js'
import { recordPaymentFailure, resetPaymentFailures } from './auto-freeze.js'
import { emitEvent } from './events.js'
import { denyAfterRecheck, recheckPaymentRequest } from './payment-recheck.js'
import { type SimulatedTransfer, signSimulatedTransfer } from './simulated-transfer.js'

/**
 * Executing an APPROVED payment request (`POST /api/sdk/payments/{requestId}/execute`). In test
 * mode settlement is simulated: the managed wallet's key signs a real transfer (see
 * `simulated-transfer.ts`) before any write, then ONE transaction re-checks the request is still
 * APPROVED, debits the ledger, records the transaction, adds it to the spend rollup, releases the
 * reservation (it became spend) and marks the request EXECUTED — so of two concurrent executes
 * exactly one settles and the other answers INVALID_STATUS with the execution that won.
 */

/** The request status an executed request ends in (`paymentStatusResultSchema` vocabulary). */
export const EXECUTED_STATUS = 'EXECUTED'

/** A transaction as the `execution` of a payment request. */
export function toPaymentExecution(row: TransactionRow): PaymentExecution {
  return {
    transactionId: row.id,
    txHash: row.txHash ?? '',
    explorerUrl: explorerUrlOf(row.chainId, row.txHash),
    status: row.status,
    simulated: row.simulated,
  }
}

export const explorerUrlOf = (chainId: string, txHash: string | null): string =>
  txHash === null ? '' : (explorerTxUrl(chainId, txHash) ?? '')

function toExecuteResult(request: PaymentRequestRow, row: TransactionRow): ExecutePaymentResult {
  return {
    transactionId: row.id,
    requestId: request.id,
    txHash: row.txHash ?? '',
    explorerUrl: explorerUrlOf(row.chainId, row.txHash),
    status: row.status,
    simulated: row.simulated,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    chainId: row.chainId,
    walletId: row.walletId ?? '',
    recipientAddress: row.toAddress ?? request.recipientAddress ?? '',
  }
}

interface Loaded {
  readonly organizationId: string
  readonly request: PaymentRequestRow
  readonly wallet: WalletRow
}

/** An agent may only execute its own requests; an org key any request of its organization. */
function loadRequest(db: DbLike, auth: Auth, requestId: string): PaymentRequestRow {
  const organizationId = organizationIdOf(auth)
  const request = findPaymentRequest(db, organizationId, requestId)
  if (!request || (auth.kind === 'agent' && request.agentId !== auth.agentId)) {
    throw notFound('Payment request', requestId)
  }
  return request
}

function invalidStatus(db: DbLike, request: PaymentRequestRow): ApiError {
  const executed =
    request.transactionId === null
      ? undefined
      : findTransaction(db, request.organizationId, request.transactionId)?.transaction
  const extra: Record<string, unknown> = { currentStatus: request.status }
  if (executed && executed.status !== 'FAILED') extra['execution'] = toPaymentExecution(executed)
  const message =
    executed && executed.status !== 'FAILED'
      ? `Payment request ${request.id} has already been executed`
      : `Payment request ${request.id} is ${request.status}; only APPROVED requests can be executed`
  return new ApiError('INVALID_STATUS', message, extra)
}

/**
 * The checks execution needs, in the documented order; EXPIRED is handled by the caller (it
 * writes). Runs before signing and again inside the settling transaction.
 */
function assertExecutable(
  db: DbLike,
  request: PaymentRequestRow,
  wallet: WalletRow | undefined,
): WalletRow {
  if (wallet?.custodyType === 'EXTERNAL') {
    throw new ApiError(
      'EXTERNAL_WALLET',
      'This payment uses an EXTERNAL wallet: Conto cannot execute it. Transfer it yourself and use POST /api/sdk/payments/approve and /confirm.',
      { walletId: wallet.id, custodyType: wallet.custodyType },
    )
  }
  if (request.status === 'EXPIRED') throw expired(request)
  if (request.status !== 'APPROVED') throw invalidStatus(db, request)
  if (!wallet) {
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `Payment request ${request.id} has no wallet to execute from`,
      { walletId: request.walletId },
    )
  }
  return wallet
}

function assertWalletAndAgent(db: DbLike, request: PaymentRequestRow, wallet: WalletRow): void {
  if (wallet.status !== 'ACTIVE') {
    throw new ApiError('WALLET_FROZEN', `Wallet ${wallet.id} is ${wallet.status}`, {
      walletId: wallet.id,
      walletStatus: wallet.status,
    })
  }
  const agent = findAgent(db, request.organizationId, request.agentId)
  if (agent?.status !== 'ACTIVE') {
    throw new ApiError(
      'AGENT_NOT_ACTIVE',
      `Agent ${request.agentId} is ${agent?.status ?? 'gone'}; only ACTIVE agents can pay`,
      { agentId: request.agentId, agentStatus: agent?.status ?? null },
    )
  }
}

function assertBalance(request: PaymentRequestRow, wallet: WalletRow): void {
  if (wallet.balanceMicros < request.amountMicros) throw insufficientBalance(request, wallet)
}

function insufficientBalance(request: PaymentRequestRow, wallet: WalletRow): ApiError {
  return new ApiError(
    'INSUFFICIENT_BALANCE',
    `Wallet balance ${fromMicros(wallet.balanceMicros)} ${wallet.currency} is below the amount ${fromMicros(request.amountMicros)}`,
    {
      walletId: wallet.id,
      balance: fromMicros(wallet.balanceMicros),
      amount: fromMicros(request.amountMicros),
    },
  )
}

function walletOf(db: DbLike, request: PaymentRequestRow): WalletRow | undefined {
  return request.walletId === null
    ? undefined
    : findWallet(db, request.organizationId, request.walletId)
}

/**
 * Executes the caller's APPROVED payment request. `auth` is the agent (its own requests only) or
 * an org key (e.g. an approval with `autoExecute`).
 */
export async function executePayment(
  deps: ServiceDeps,
  auth: Auth,
  requestId: string,
  request?: RequestInfo,
): Promise<ExecutePaymentResult> {
  const { db } = deps
  const now = deps.clock.now()
  const row = loadRequest(db, auth, requestId)
  const wallet = assertExecutable(db, row, walletOf(db, row))
  if (row.expiresAt !== null && now >= row.expiresAt) {
    expirePaymentRequest(deps, auth, row, request)
    throw expired(row)
  }
  assertWalletAndAgent(db, row, wallet)
  if (deps.mode !== 'test') {
    throw new ApiError(
      'CUSTODY_NOT_CONFIGURED',
      `No ${wallet.custodyType} custody provider is configured on this server: live settlement is not available`,
      { walletId: wallet.id, custodyType: wallet.custodyType },
    )
  }
  if (wallet.encryptedPrivateKey === null || wallet.address === null) {
    throw new ApiError(
      'CUSTODY_NOT_CONFIGURED',
      `This server holds no signing key for wallet ${wallet.id}: it cannot settle from it`,
      { walletId: wallet.id, custodyType: wallet.custodyType },
    )
  }
  assertBalance(row, wallet)
  const loaded: Loaded = { organizationId: row.organizationId, request: row, wallet }

  // A concurrent execute from the same wallet may take the nonce this signature used; the
  // transaction then finds the hash already recorded and the transfer is signed again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const nonce = walletNonce(db, wallet.id)
    let signed: SimulatedTransfer
    try {
      signed = await signSimulatedTransfer(
        {
          chainId: row.chainId,
          encryptedPrivateKey: wallet.encryptedPrivateKey,
          fromAddress: wallet.address,
          toAddress: row.recipientAddress ?? '',
          amountMicros: row.amountMicros,
          nonce,
          reference: row.id,
        },
        deps.secret,
      )
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      failPayment(deps, auth, loaded, reason, request)
      throw new ApiError(
        'INTERNAL_ERROR',
        `Settlement failed: ${reason}`,
        { paymentRequestId: row.id, status: 'FAILED' },
        { cause: error },
      )
    }
    const settled = inTransaction(db, (tx) => settle(deps, auth, tx, loaded, signed, request))
    if (settled === 'hash-taken') continue
    if ('kind' in settled) throw deniedAtExecution(row, settled.decision)
    return settled
  }
  throw new ApiError('INTERNAL_ERROR', 'Could not allocate a nonce for the transfer; retry')
}

function deniedAtExecution(row: PaymentRequestRow, decision: PolicyDecision): ApiError {
  return new ApiError(
    'PAYMENT_DENIED',
    `Payment request ${row.id} no longer passes its policies and was not executed: ${decision.reasons[0] ?? 'denied'}`,
    {
      paymentRequestId: row.id,
      status: 'DENIED',
      reasons: decision.reasons,
      violations: decision.violations,
    },
  )
}

function expired(row: PaymentRequestRow): ApiError {
  return new ApiError(
    'EXPIRED',
    `Payment request ${row.id} expired${row.expiresAt === null ? '' : ` at ${new Date(row.expiresAt).toISOString()}`}; request the payment again`,
    {
      paymentRequestId: row.id,
      expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
    },
  )
}

/** Marks a lapsed APPROVED request EXPIRED and releases its reservation. */
export function expirePaymentRequest(
  deps: ServiceDeps,
  auth: Auth,
  row: PaymentRequestRow,
  request?: RequestInfo,
): void {
  inTransaction(deps.db, (tx) => {
    const now = deps.clock.now()
    const after = transitionPaymentRequest(tx, row.organizationId, row.id, 'APPROVED', {
      status: 'EXPIRED',
      updatedAt: now,
    })
    if (!after) return
    releaseReservation(tx, 'payment_request', row.id, now)
    recordAudit(tx, now, {
      organizationId: row.organizationId,
      action: 'UPDATE',
      resource: 'payment_request',
      resourceId: row.id,
      previousState: { status: 'APPROVED', expiresAt: row.expiresAt },
      newState: { status: 'EXPIRED', expiresAt: row.expiresAt },
      actor: actorOf(auth),
      request,
      metadata: { change: 'expired', amount: fromMicros(row.amountMicros) },
    })
  })
}

interface DeniedAtExecution {
  readonly kind: 'denied'
  readonly decision: PolicyDecision
}

/**
 * The settling transaction; `'hash-taken'` when another transfer already used this nonce, and
 * `denied` when the re-check denied the payment (the request is DENIED, committed).
 */
function settle(
  deps: ServiceDeps,
  auth: Auth,
  tx: Tx,
  { organizationId, request: original }: Loaded,
  signed: SimulatedTransfer,
  request: RequestInfo | undefined,
): ExecutePaymentResult | 'hash-taken' | DeniedAtExecution {
  const now = deps.clock.now()
  const current = findPaymentRequest(tx, organizationId, original.id)
  if (!current) throw notFound('Payment request', original.id)
  const wallet = assertExecutable(tx, current, walletOf(tx, current))
  assertWalletAndAgent(tx, current, wallet)
  if (findTransactionByHash(tx, wallet.id, signed.txHash)) return 'hash-taken'
  // The policies and limits as they are now (they may have tightened since the decision).
  const denial = recheckPaymentRequest(tx, deps, current, now, 'execution')
  if (denial) {
    if (
      !denyAfterRecheck(tx, now, current, denial, {
        actor: actorOf(auth),
        request,
        stage: 'Re-checked at execution',
      })
    ) {
      throw invalidStatus(tx, current)
    }
    return { kind: 'denied', decision: denial }
  }
  if (!debitWallet(tx, organizationId, wallet.id, current.amountMicros, now)) {
    throw insufficientBalance(current, wallet)
  }
  const recipient = current.recipientAddress ?? ''
  const transaction = insertTransaction(tx, {
    id: createId(),
    organizationId,
    agentId: current.agentId,
    walletId: wallet.id,
    kind: current.kind,
    status: 'COMPLETED',
    amountMicros: current.amountMicros,
    currency: current.currency,
    chainId: current.chainId,
    txHash: signed.txHash,
    fromAddress: wallet.address,
    toAddress: recipient,
    toKey: recipient.toLowerCase(),
    recipientName: current.recipientName,
    purpose: current.purpose,
    category: current.category,
    paymentRequestId: current.id,
    simulated: true,
    confirmedAt: now,
    createdAt: now,
  })
  addSpend(tx, {
    agentId: current.agentId,
    walletId: wallet.id,
    day: windowStart('daily', now),
    amountMicros: current.amountMicros,
  })
  // Its hold was released by the re-check above, in this transaction: it is spend now.
  const after = transitionPaymentRequest(tx, organizationId, current.id, 'APPROVED', {
    status: EXECUTED_STATUS,
    transactionId: transaction.id,
    updatedAt: now,
  })
  if (!after) throw invalidStatus(tx, current)
  const result = toExecuteResult(after, transaction)
  recordAudit(tx, now, {
    organizationId,
    action: 'PAYMENT_EXECUTED',
    resource: 'payment_request',
    resourceId: current.id,
    previousState: { status: current.status, walletBalance: fromMicros(wallet.balanceMicros) },
    newState: {
      status: after.status,
      transactionId: transaction.id,
      txHash: signed.txHash,
      walletBalance: fromMicros(wallet.balanceMicros - current.amountMicros),
    },
    actor: actorOf(auth),
    request,
    metadata: {
      amount: result.amount,
      currency: result.currency,
      walletId: wallet.id,
      simulated: true,
      // The signed, never-broadcast transfer whose keccak256 is the txHash (EVM only).
      ...(signed.signedTransaction === undefined
        ? {}
        : { signedTransaction: signed.signedTransaction }),
    },
  })
  emitEvent(tx, now, organizationId, 'payment.executed', {
    requestId: current.id,
    agentId: current.agentId,
    amount: result.amount,
    currency: result.currency,
    recipientAddress: recipient,
    status: after.status,
    transactionId: transaction.id,
    txHash: signed.txHash,
  })
  resetPaymentFailures(tx, now, { organizationId, agentId: current.agentId })
  emitEvent(tx, now, organizationId, 'payment.confirmed', {
    paymentId: current.id,
    amount: result.amount,
    transactionHash: signed.txHash,
    transactionId: transaction.id,
    organizationId,
    agentId: current.agentId,
  })
  return result
}

/**
 * A failure after approval (e.g. the key cannot sign): the request becomes FAILED with a FAILED
 * transaction row, its reservation is released, and the failure is alerted, announced and
 * counted towards auto-freeze.
 */
function failPayment(
  deps: ServiceDeps,
  auth: Auth,
  { organizationId, request: original, wallet }: Loaded,
  reason: string,
  request: RequestInfo | undefined,
): void {
  inTransaction(deps.db, (tx) => {
    const now = deps.clock.now()
    const recipient = original.recipientAddress ?? ''
    const current = findPaymentRequest(tx, organizationId, original.id)
    if (current?.status !== 'APPROVED') return
    const transaction = insertTransaction(tx, {
      id: createId(),
      organizationId,
      agentId: current.agentId,
      walletId: wallet.id,
      kind: current.kind,
      status: 'FAILED',
      amountMicros: current.amountMicros,
      currency: current.currency,
      chainId: current.chainId,
      txHash: null,
      fromAddress: wallet.address,
      toAddress: recipient,
      toKey: recipient.toLowerCase(),
      recipientName: current.recipientName,
      purpose: current.purpose,
      category: current.category,
      paymentRequestId: current.id,
      simulated: true,
      failureReason: reason,
      createdAt: now,
    })
    const after = transitionPaymentRequest(tx, organizationId, current.id, 'APPROVED', {
      status: 'FAILED',
      transactionId: transaction.id,
      failureReason: reason,
      updatedAt: now,
    })
    if (!after) return
    releaseReservation(tx, 'payment_request', current.id, now)
    const amount = fromMicros(current.amountMicros)
    recordAudit(tx, now, {
      organizationId,
      action: 'PAYMENT_FAILED',
      resource: 'payment_request',
      resourceId: current.id,
      previousState: { status: current.status },
      newState: { status: 'FAILED', failureReason: reason, transactionId: transaction.id },
      actor: actorOf(auth),
      request,
      metadata: { amount, currency: current.currency, walletId: wallet.id },
    })
    raiseAlert(tx, now, {
      organizationId,
      type: 'FAILED_TRANSACTION',
      severity: 'WARNING',
      title: 'Payment execution failed',
      message: `Executing payment request ${current.id} (${amount} ${current.currency} to ${recipient}) failed: ${reason}`,
      agentId: current.agentId,
      walletId: wallet.id,
      metadata: { requestId: current.id, transactionId: transaction.id, reason, amount },
    })
    emitEvent(tx, now, organizationId, 'payment.failed', {
      requestId: current.id,
      agentId: current.agentId,
      amount,
      currency: current.currency,
      recipientAddress: recipient,
      status: 'FAILED',
      reasons: [reason],
      transactionId: transaction.id,
      txHash: null,
    })
    recordPaymentFailure(tx, now, {
      organizationId,
      agentId: current.agentId,
      sourceId: current.id,
      reason,
    })
  })
}
