import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { windowStart } from '@conto/policy'
import {
  type ApproveExternalPaymentResult,
  type approveExternalPaymentParamsSchema,
  type ConfirmExternalPaymentResult,
  type confirmExternalPaymentParamsSchema,
  defaults,
  EVM_TX_HASH_PATTERN,
  type ExternalApprovalLimits,
  explorerTxUrl,
  fromMicros,
  getChain,
  getPrimaryStablecoin,
  isEvmAddress,
  isSolanaAddress,
  type PolicyDecision,
  SOLANA_SIGNATURE_PATTERN,
  toMicros,
} from '@conto/schemas'
import type { Hex } from 'viem'
import type { z } from 'zod'
import { canonicalJson } from '../canonical-json.js'
import { toIso } from '../clock.js'
import {
  type AgentWalletLinkRow,
  insertLink,
  listLinks,
} from '../db/repositories/agent-wallet-links.js'
import { type AgentRow, findAgent } from '../db/repositories/agents.js'
import { insertApprovalRequest } from '../db/repositories/approval-requests.js'
import {
  type ExternalApprovalRow,
  findExternalApproval,
  findHumanApprovedExternalApproval,
  insertExternalApproval,
  transitionExternalApproval,
} from '../db/repositories/external-approvals.js'
import {
  deleteIdempotencyKey,
  findIdempotencyKey,
  insertIdempotencyKey,
} from '../db/repositories/idempotency-keys.js'
import { insertReservation, releaseReservation } from '../db/repositories/reservations.js'
import {
  addSpend,
  findTransactionByHash,
  insertTransaction,
} from '../db/repositories/settlement.js'
import { spendTotals } from '../db/repositories/spend.js'
import { findWalletByAddress, insertWallet, type WalletRow } from '../db/repositories/wallets.js'
import { inTransaction, type Tx } from '../db/transaction.js'
import { actorOf, agentOf, type ServiceCall, type ServiceDeps } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { raiseAlert } from './alerts-raise.js'
import { findWorkflowOf } from './approval-workflows.js'
import { recordAudit } from './audit-log.js'
import { recordPolicyViolation, resetPolicyViolations } from './auto-freeze.js'
import { emitEvent } from './events.js'
import { type DecidePaymentInput, decidePayment } from './payment-decisions.js'
import { decryptPrivateKey, encryptPrivateKey } from './wallet-keys.js'
import { toWalletResponse } from './wallets.js'

/**
 * External-wallet payments (§2.16, Defaults page): the agent holds the keys, so Conto decides
 * and records but never signs. `approve` evaluates the transfer (auto-creating an EXTERNAL
 * wallet for an unknown sender) and, when approved, reserves the amount and issues a single-use
 * 64-hex token valid for 10 minutes and bound to the amount, recipient and chain — only a hash
 * of it is stored. `confirm` reports the on-chain hash with that token and turns the
 * reservation into spend, in one transaction.
 */

type ApproveInput = z.output<typeof approveExternalPaymentParamsSchema>
type ConfirmInput = z.output<typeof confirmExternalPaymentParamsSchema>

const APPROVAL_TTL_MS = defaults.approvalTtlSeconds.externalApproval * 1000
const IDEMPOTENCY_RETENTION_MS = defaults.idempotencyRetentionHours * 3_600_000
const AUTO_CREATE = defaults.externalWalletAutoCreate
/** A base58 sender without a chainId is taken to be on Solana's test network, like 42431 for EVM. */
const DEFAULT_SOLANA_CHAIN_ID = 'solana-devnet'

const microsOrNull = (amount: number | null): number | null =>
  amount === null ? null : toMicros(amount)

const isSolanaOnly = (address: string): boolean =>
  isSolanaAddress(address) && !isEvmAddress(address)

/** Both addresses must be of the chain's kind (EVM `0x…` or Solana base58). */
function assertAddressesOnChain(chainId: string, sender: string, recipient: string): void {
  const chain = getChain(chainId)
  if (!chain) return
  const solana = chain.chainType === 'SOLANA'
  for (const [field, address] of [
    ['senderAddress', sender],
    ['recipientAddress', recipient],
  ] as const) {
    if (solana ? isSolanaOnly(address) : isEvmAddress(address)) continue
    const message = `${field} must be ${solana ? 'a Solana' : 'an EVM'} address on chain ${chainId} (${chain.name})`
    throw new ApiError('INVALID_ADDRESS', message, { issues: [{ path: [field], message }] })
  }
}

// --- approval tokens ---------------------------------------------------------------------------

/**
 * The stored hash binds the token to the approval and to what it approved: a token only
 * verifies for this approval id, amount, recipient and chain.
 */
function tokenHashOf(
  token: string,
  approval: Pick<ExternalApprovalRow, 'id' | 'amountMicros' | 'recipientAddress' | 'chainId'>,
): string {
  return createHash('sha256')
    .update(
      [
        token.toLowerCase(),
        approval.id,
        approval.amountMicros,
        approval.recipientAddress.toLowerCase(),
        approval.chainId,
      ].join(':'),
    )
    .digest('hex')
}

function tokenMatches(row: ExternalApprovalRow, token: string): boolean {
  if (row.tokenHash === null) return false
  const expected = Buffer.from(row.tokenHash, 'hex')
  const actual = Buffer.from(tokenHashOf(token, row), 'hex')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

const newToken = (): string => randomBytes(32).toString('hex')

// --- approve -----------------------------------------------------------------------------------

interface SenderWallet {
  readonly wallet: WalletRow
  readonly link: AgentWalletLinkRow
  readonly created: boolean
}

/**
 * `POST /api/sdk/payments/approve`: decides an external-wallet transfer. Approved → a token,
 * a 10-minute reservation and the sender's daily headroom; denied or waiting for a human →
 * `approved: false` with the reasons (HTTP 200 either way).
 */
export function approveExternalPayment(
  call: ServiceCall,
  input: ApproveInput,
): ApproveExternalPaymentResult {
  const { organizationId, agentId } = agentOf(call.auth)
  const { deps } = call
  const amountMicros = toMicros(input.amount)
  if (!Number.isSafeInteger(amountMicros)) {
    const message = 'amount is too large'
    throw new ApiError('INVALID_AMOUNT', message, { issues: [{ path: ['amount'], message }] })
  }
  if (input.chainId !== undefined) {
    assertAddressesOnChain(input.chainId, input.senderAddress, input.recipientAddress)
  }
  const { idempotencyKey, ...fields } = input
  const replayKey =
    idempotencyKey === undefined
      ? undefined
      : {
          credentialId: `agent:${agentId}`,
          key: `payments.approve:${idempotencyKey}`,
          bodyHash: createHash('sha256').update(canonicalJson(fields)).digest('hex'),
        }

  return inTransaction(deps.db, (tx) => {
    const now = deps.clock.now()
    if (replayKey) {
      const replayed = replayOf(tx, deps, replayKey, now)
      if (replayed) return replayed
    }
    const agent = findAgent(tx, organizationId, agentId)
    if (!agent) throw notFound('Agent', agentId)
    if (agent.status !== 'ACTIVE') {
      throw new ApiError(
        'AGENT_NOT_ACTIVE',
        `Agent ${agent.id} is ${agent.status}; only ACTIVE agents can pay`,
        { agentId: agent.id, agentStatus: agent.status },
      )
    }
    const sender = resolveSenderWallet(tx, call, agent, input, now)
    assertAddressesOnChain(sender.wallet.chainId, input.senderAddress, input.recipientAddress)
    const human = findHumanApprovedExternalApproval(tx, organizationId, agentId, {
      walletId: sender.wallet.id,
      chainId: sender.wallet.chainId,
      amountMicros,
      recipientAddress: input.recipientAddress,
    })
    const result = human
      ? issueHumanApprovedAfterRecheck(tx, call, agent, human, sender, now)
      : decide(tx, call, agent, sender, input, amountMicros, now)
    if (replayKey) storeReplay(tx, deps, replayKey, result, now)
    return result
  })
}

/** Decides a transfer from the sender's wallet with the payment engine (reads only). */
function decideTransfer(
  tx: Tx,
  call: ServiceCall,
  agent: AgentRow,
  sender: SenderWallet,
  now: number,
  payment: Pick<
    DecidePaymentInput,
    | 'amountMicros'
    | 'recipientAddress'
    | 'category'
    | 'context'
    | 'targetContractAddress'
    | 'functionSelector'
  >,
): PolicyDecision {
  return decidePayment(tx, call.deps, {
    ...payment,
    organizationId: agent.organizationId,
    agent,
    wallet: sender.wallet,
    link: sender.link,
    chainId: sender.wallet.chainId,
    now,
  }).decision
}

/**
 * The agent's EXTERNAL wallet at `senderAddress`: a linked wallet with that address (on
 * `chainId` when given), else — when the organization has no wallet there — a new EXTERNAL
 * wallet with the Defaults-page auto-create limits, linked to the agent.
 */
function resolveSenderWallet(
  tx: Tx,
  call: ServiceCall,
  agent: AgentRow,
  input: ApproveInput,
  now: number,
): SenderWallet {
  const senderKey = input.senderAddress.toLowerCase()
  const linked = listLinks(tx, agent.organizationId, agent.id).rows.filter(
    ({ wallet }) =>
      wallet.addressKey === senderKey &&
      (input.chainId === undefined || wallet.chainId === input.chainId),
  )
  const pick = linked.find(({ wallet }) => wallet.custodyType === 'EXTERNAL') ?? linked[0]
  if (pick) {
    assertUsableSender(pick.wallet)
    return { wallet: pick.wallet, link: pick.link, created: false }
  }
  const chainId =
    input.chainId ??
    (isSolanaOnly(input.senderAddress) ? DEFAULT_SOLANA_CHAIN_ID : defaults.chain.apiChainId)
  const existing = findWalletByAddress(tx, agent.organizationId, senderKey, chainId)
  if (existing) {
    assertUsableSender(existing)
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `Wallet ${existing.id} (${input.senderAddress}) is not linked to this agent: link it first (POST /api/agents/${agent.id}/wallets)`,
      { walletId: existing.id },
    )
  }
  return createSenderWallet(tx, call, agent, input.senderAddress, chainId, now)
}

function assertUsableSender(wallet: WalletRow): void {
  if (wallet.custodyType !== 'EXTERNAL') {
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `senderAddress belongs to ${wallet.custodyType} wallet ${wallet.id}: Conto executes managed wallets itself (POST /api/sdk/payments/request, then /execute)`,
      { walletId: wallet.id, custodyType: wallet.custodyType },
    )
  }
  if (wallet.status === 'FROZEN') {
    throw new ApiError('WALLET_FROZEN', `Wallet ${wallet.id} is FROZEN`, {
      walletId: wallet.id,
      walletStatus: wallet.status,
    })
  }
  if (wallet.status !== 'ACTIVE') {
    throw new ApiError('WALLET_CONFIG_ERROR', `Wallet ${wallet.id} is ${wallet.status}`, {
      walletId: wallet.id,
      walletStatus: wallet.status,
    })
  }
}

function createSenderWallet(
  tx: Tx,
  call: ServiceCall,
  agent: AgentRow,
  address: string,
  chainId: string,
  now: number,
): SenderWallet {
  const chain = getChain(chainId)
  const wallet = insertWallet(tx, {
    id: createId(),
    organizationId: agent.organizationId,
    name: `External ${address.slice(0, 6)}…${address.slice(-4)}`,
    address,
    addressKey: address.toLowerCase(),
    walletType: defaults.wallet.walletType,
    chainType: chain?.chainType ?? defaults.wallet.chainType,
    chainId,
    custodyType: AUTO_CREATE.custodyType,
    balanceMicros: 0,
    currency: getPrimaryStablecoin(chainId) ?? defaults.paymentRequest.currency,
    status: 'ACTIVE',
    isWatchOnly: false,
    enforcementMode: AUTO_CREATE.enforcementMode,
    externalWalletId: null,
    encryptedPrivateKey: null,
    archivedAt: null,
    createdAt: now,
    updatedAt: now,
  })
  const linkDefaults = defaults.agentWalletLink
  const link = insertLink(tx, {
    id: createId(),
    organizationId: agent.organizationId,
    agentId: agent.id,
    walletId: wallet.id,
    delegationType: linkDefaults.delegationType,
    spendLimitPerTxMicros: microsOrNull(AUTO_CREATE.spendLimitPerTx),
    spendLimitDailyMicros: microsOrNull(AUTO_CREATE.spendLimitDaily),
    spendLimitWeeklyMicros: microsOrNull(AUTO_CREATE.spendLimitWeekly),
    spendLimitMonthlyMicros: microsOrNull(AUTO_CREATE.spendLimitMonthly),
    allowedHoursStart: linkDefaults.allowedHoursStart,
    allowedHoursEnd: linkDefaults.allowedHoursEnd,
    allowedDays: [...linkDefaults.allowedDays],
    timezone: linkDefaults.timezone,
    createdAt: now,
    updatedAt: now,
  })
  const actor = actorOf(call.auth)
  recordAudit(tx, now, {
    organizationId: agent.organizationId,
    action: 'CREATE',
    resource: 'wallet',
    resourceId: wallet.id,
    newState: toWalletResponse(wallet),
    actor,
    request: call.request,
    metadata: { reason: 'external_approval_auto_create', agentId: agent.id },
  })
  recordAudit(tx, now, {
    organizationId: agent.organizationId,
    action: 'PERMISSION_GRANTED',
    resource: 'agent',
    resourceId: agent.id,
    newState: {
      walletId: wallet.id,
      delegationType: link.delegationType,
      spendLimitPerTx: AUTO_CREATE.spendLimitPerTx,
      spendLimitDaily: AUTO_CREATE.spendLimitDaily,
      spendLimitWeekly: AUTO_CREATE.spendLimitWeekly,
      spendLimitMonthly: AUTO_CREATE.spendLimitMonthly,
      allowedHoursStart: link.allowedHoursStart,
      allowedHoursEnd: link.allowedHoursEnd,
      allowedDays: link.allowedDays,
      timezone: link.timezone,
    },
    actor,
    request: call.request,
    metadata: { change: 'wallet_linked', walletId: wallet.id, linkId: link.id, autoCreated: true },
  })
  return { wallet, link, created: true }
}

function decide(
  tx: Tx,
  call: ServiceCall,
  agent: AgentRow,
  sender: SenderWallet,
  input: ApproveInput,
  amountMicros: number,
  now: number,
): ApproveExternalPaymentResult {
  const decision = decideTransfer(tx, call, agent, sender, now, {
    amountMicros,
    recipientAddress: input.recipientAddress,
    category: input.category,
    context: input.context,
    targetContractAddress: input.targetContractAddress,
    functionSelector: input.functionSelector,
  })
  const approved = decision.status === 'APPROVED'
  const id = createId()
  const token = approved ? newToken() : undefined
  const expiresAt = now + APPROVAL_TTL_MS
  const base = {
    id,
    organizationId: agent.organizationId,
    agentId: agent.id,
    walletId: sender.wallet.id,
    amountMicros,
    currency: sender.wallet.currency,
    chainId: sender.wallet.chainId,
    recipientAddress: input.recipientAddress,
  }
  const row = insertExternalApproval(tx, {
    ...base,
    status: decision.status,
    senderAddress: input.senderAddress,
    recipientName: input.recipientName ?? null,
    purpose: input.purpose ?? null,
    category: input.category ?? null,
    context: input.context ?? null,
    targetContractAddress: input.targetContractAddress ?? null,
    functionSelector: input.functionSelector ?? null,
    decision: { ...decision },
    tokenHash: token === undefined ? null : tokenHashOf(token, base),
    expiresAt,
    createdAt: now,
    updatedAt: now,
  })
  const eventData = {
    requestId: id,
    approvalId: id,
    agentId: agent.id,
    amount: fromMicros(amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress,
    status: decision.status,
    reasons: decision.reasons,
  }
  emitEvent(tx, now, row.organizationId, 'payment.requested', eventData)
  if (approved && token !== undefined) {
    resetPolicyViolations(tx, now, agent)
    return issueApproval(tx, call, row, token, sender, decision, now, eventData)
  }
  if (decision.status === 'REQUIRES_APPROVAL') {
    return requireHumanApproval(tx, call, row, decision, now)
  }
  return deny(tx, call, row, decision, now, eventData)
}

/** Reserves the amount, audits and announces an approval; the response carries the token. */
function issueApproval(
  tx: Tx,
  call: ServiceCall,
  row: ExternalApprovalRow,
  token: string,
  sender: SenderWallet,
  decision: Pick<PolicyDecision, 'reasons' | 'evaluation'>,
  now: number,
  eventData: Record<string, unknown>,
): ApproveExternalPaymentResult {
  const expiresAt = row.expiresAt ?? now + APPROVAL_TTL_MS
  insertReservation(tx, {
    id: createId(),
    organizationId: row.organizationId,
    agentId: row.agentId,
    walletId: sender.wallet.id,
    recipientKey: row.recipientAddress.toLowerCase(),
    sourceType: 'external_approval',
    sourceId: row.id,
    amountMicros: row.amountMicros,
    expiresAt,
    createdAt: now,
  })
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'EXTERNAL_PAYMENT_APPROVAL',
    resource: 'payment_request',
    resourceId: row.id,
    newState: {
      status: 'APPROVED',
      amount: fromMicros(row.amountMicros),
      recipientAddress: row.recipientAddress,
      senderAddress: row.senderAddress,
      chainId: row.chainId,
      expiresAt: toIso(expiresAt),
    },
    actor: actorOf(call.auth),
    request: call.request,
    metadata: {
      kind: 'external_approval',
      walletId: sender.wallet.id,
      walletCreated: sender.created,
      ...(row.approvalRequestId === null ? {} : { approvalRequestId: row.approvalRequestId }),
    },
  })
  emitEvent(tx, now, row.organizationId, 'payment.approved', {
    ...eventData,
    status: 'APPROVED',
    expiresAt: toIso(expiresAt),
  })
  return {
    approved: true,
    approvalId: row.id,
    approvalToken: token,
    expiresAt: toIso(expiresAt),
    confirmUrl: `/api/sdk/payments/${row.id}/confirm`,
    limits: dailyLimitsOf(tx, sender, now),
    walletId: sender.wallet.id,
    walletCreated: sender.created,
    ...(row.approvalRequestId === null ? {} : { approvalRequestId: row.approvalRequestId }),
    reasons: [...decision.reasons],
    evaluation: decision.evaluation,
  }
}

/** The sender link's daily headroom after this approval (spent + reserved; `null` = unlimited). */
function dailyLimitsOf(tx: Tx, sender: SenderWallet, now: number): ExternalApprovalLimits {
  const used = spendTotals(
    tx,
    { agentId: sender.link.agentId, walletId: sender.wallet.id },
    now,
  ).daily
  const limit = sender.link.spendLimitDailyMicros
  return {
    dailyUsed: fromMicros(used),
    dailyLimit: limit === null ? null : fromMicros(limit),
    dailyRemaining: limit === null ? null : fromMicros(Math.max(0, limit - used)),
  }
}

/**
 * A transfer a human approved after REQUIRES_APPROVAL: approving the same transfer again issues
 * the approval's token (with a fresh 10-minute window) instead of evaluating it a second time.
 */
/**
 * A human-approved transfer gets its token only if it still passes the limits and policies as
 * they are now (conto-api §7 #20: "re-check limits … after human approval") — a limit may have
 * filled up while it waited. Otherwise the approval becomes DENIED with the new reasons. It is
 * re-decided as the human approved it — the stored category, context and contract call, not
 * whatever this call sends — so leaving a field out cannot dodge a rule added meanwhile.
 */
function issueHumanApprovedAfterRecheck(
  tx: Tx,
  call: ServiceCall,
  agent: AgentRow,
  row: ExternalApprovalRow,
  sender: SenderWallet,
  now: number,
): ApproveExternalPaymentResult {
  const decision = decideTransfer(tx, call, agent, sender, now, {
    amountMicros: row.amountMicros,
    recipientAddress: row.recipientAddress,
    category: row.category ?? undefined,
    context: row.context ?? undefined,
    targetContractAddress: row.targetContractAddress ?? undefined,
    functionSelector: row.functionSelector ?? undefined,
  })
  if (decision.status !== 'DENIED') return issueHumanApproved(tx, call, row, sender, now)
  const reasons = [
    'Approved by a human approver, then re-checked: the payment no longer passes its policies',
    ...decision.reasons,
  ]
  const denied = transitionExternalApproval(tx, row.organizationId, row.id, 'APPROVED', {
    status: 'DENIED',
    updatedAt: now,
  })
  if (!denied) throw new ApiError('INVALID_STATUS', `External approval ${row.id} changed; retry`)
  return deny(tx, call, denied, { ...decision, reasons }, now, {
    requestId: row.id,
    approvalId: row.id,
    agentId: row.agentId,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress,
    status: 'DENIED',
    reasons,
  })
}

function issueHumanApproved(
  tx: Tx,
  call: ServiceCall,
  row: ExternalApprovalRow,
  sender: SenderWallet,
  now: number,
): ApproveExternalPaymentResult {
  const token = newToken()
  const issued = transitionExternalApproval(tx, row.organizationId, row.id, 'APPROVED', {
    tokenHash: tokenHashOf(token, row),
    expiresAt: now + APPROVAL_TTL_MS,
    updatedAt: now,
  })
  if (!issued) throw new ApiError('INVALID_STATUS', `External approval ${row.id} changed; retry`)
  const stored = row.decision as Partial<PolicyDecision>
  const decision = {
    reasons: [...(stored.reasons ?? []), 'Approved by a human approver'],
    evaluation: stored.evaluation ?? {
      policiesEvaluated: 0,
      rulesEvaluated: 0,
      matched: [],
      remaining: { perTransaction: null, daily: null, weekly: null, monthly: null },
    },
  }
  return issueApproval(tx, call, issued, token, sender, decision, now, {
    requestId: row.id,
    approvalId: row.id,
    agentId: row.agentId,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress,
    reasons: decision.reasons,
  })
}

function deny(
  tx: Tx,
  call: ServiceCall,
  row: ExternalApprovalRow,
  decision: PolicyDecision,
  now: number,
  eventData: Record<string, unknown>,
): ApproveExternalPaymentResult {
  const amount = fromMicros(row.amountMicros)
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'PAYMENT_DENIED',
    resource: 'payment_request',
    resourceId: row.id,
    newState: {
      status: 'DENIED',
      amount,
      recipientAddress: row.recipientAddress,
      reasons: decision.reasons,
      violations: decision.violations,
    },
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { kind: 'external_approval', walletId: row.walletId },
  })
  raiseAlert(tx, now, {
    organizationId: row.organizationId,
    type: 'POLICY_VIOLATION',
    severity: 'WARNING',
    title: 'External payment denied',
    message: decision.reasons[0] ?? `External payment of ${amount} ${row.currency} was denied`,
    agentId: row.agentId,
    walletId: row.walletId,
    metadata: {
      approvalId: row.id,
      amount,
      recipientAddress: row.recipientAddress,
      violations: decision.violations,
    },
  })
  emitEvent(tx, now, row.organizationId, 'payment.denied', {
    ...eventData,
    violations: decision.violations,
  })
  recordPolicyViolation(tx, now, {
    organizationId: row.organizationId,
    agentId: row.agentId,
    sourceId: row.id,
    reason: decision.reasons[0],
  })
  return {
    approved: false,
    reasons: [...decision.reasons],
    violations: [...decision.violations],
    requiresHumanApproval: false,
    approvalId: row.id,
    evaluation: decision.evaluation,
  }
}

const DEFAULT_APPROVAL_TIMEOUT_HOURS = 24

/** Opens the approval request a human decides; the approval waits (no token, no reservation). */
function requireHumanApproval(
  tx: Tx,
  call: ServiceCall,
  row: ExternalApprovalRow,
  decision: PolicyDecision,
  now: number,
): ApproveExternalPaymentResult {
  const workflow =
    decision.approvalWorkflowId === undefined
      ? undefined
      : findWorkflowOf(tx, row.organizationId, decision.approvalWorkflowId)
  const approvalRequest = insertApprovalRequest(tx, {
    id: createId(),
    organizationId: row.organizationId,
    type: 'EXTERNAL_APPROVAL',
    status: 'PENDING',
    agentId: row.agentId,
    paymentRequestId: null,
    externalApprovalId: row.id,
    workflowId: workflow?.id ?? null,
    amountMicros: row.amountMicros,
    currency: row.currency,
    recipientAddress: row.recipientAddress,
    purpose: row.purpose,
    requiredApprovals: Math.max(1, workflow?.requiredApprovals ?? 1),
    approvals: [],
    expiresAt: now + (workflow?.timeoutHours ?? DEFAULT_APPROVAL_TIMEOUT_HOURS) * 3_600_000,
    createdAt: now,
  })
  transitionExternalApproval(tx, row.organizationId, row.id, row.status, {
    approvalRequestId: approvalRequest.id,
    updatedAt: now,
  })
  const actor = actorOf(call.auth)
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'EXTERNAL_PAYMENT_APPROVAL',
    resource: 'payment_request',
    resourceId: row.id,
    newState: {
      status: 'REQUIRES_APPROVAL',
      amount: fromMicros(row.amountMicros),
      recipientAddress: row.recipientAddress,
      reasons: decision.reasons,
      approvalRequestId: approvalRequest.id,
    },
    actor,
    request: call.request,
    metadata: { kind: 'external_approval', walletId: row.walletId },
  })
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'CREATE',
    resource: 'approval_request',
    resourceId: approvalRequest.id,
    newState: {
      type: approvalRequest.type,
      status: approvalRequest.status,
      externalApprovalId: row.id,
      workflowId: approvalRequest.workflowId,
      requiredApprovals: approvalRequest.requiredApprovals,
      expiresAt: toIso(approvalRequest.expiresAt),
    },
    actor,
    request: call.request,
  })
  emitEvent(tx, now, row.organizationId, 'approval.requested', {
    approvalRequestId: approvalRequest.id,
    type: approvalRequest.type,
    agentId: row.agentId,
    externalApprovalId: row.id,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress,
    purpose: row.purpose,
    workflowId: approvalRequest.workflowId,
    expiresAt: toIso(approvalRequest.expiresAt),
  })
  return {
    approved: false,
    reasons: [...decision.reasons],
    violations: [...decision.violations],
    requiresHumanApproval: true,
    approvalId: row.id,
    approvalRequestId: approvalRequest.id,
    evaluation: decision.evaluation,
  }
}

// --- body idempotency ----------------------------------------------------------------------------

interface ReplayKey {
  readonly credentialId: string
  readonly key: string
  readonly bodyHash: string
}

/**
 * The stored response of an earlier approve with this `idempotencyKey`: same body → that
 * response again; another body → 409. The stored copy holds the token encrypted with the server
 * secret (the approval row keeps only its hash).
 */
function replayOf(
  tx: Tx,
  deps: ServiceDeps,
  replayKey: ReplayKey,
  now: number,
): ApproveExternalPaymentResult | undefined {
  const stored = findIdempotencyKey(tx, replayKey.credentialId, replayKey.key)
  if (!stored) return undefined
  if (stored.createdAt <= now - IDEMPOTENCY_RETENTION_MS) {
    deleteIdempotencyKey(tx, replayKey.credentialId, replayKey.key)
    return undefined
  }
  if (stored.bodyHash !== replayKey.bodyHash) {
    throw new ApiError(
      'IDEMPOTENCY_CONFLICT',
      'This idempotencyKey was already used with a different approval request',
      { idempotencyKey: replayKey.key.slice('payments.approve:'.length) },
    )
  }
  const response = JSON.parse(stored.responseBody) as ApproveExternalPaymentResult & {
    approvalToken?: string
  }
  if (response.approved && response.approvalToken !== undefined) {
    return {
      ...response,
      approvalToken: decryptPrivateKey(response.approvalToken, deps.secret).slice(2),
    }
  }
  return response
}

function storeReplay(
  tx: Tx,
  deps: ServiceDeps,
  replayKey: ReplayKey,
  result: ApproveExternalPaymentResult,
  now: number,
): void {
  const stored = result.approved
    ? {
        ...result,
        approvalToken: encryptPrivateKey(`0x${result.approvalToken}` as Hex, deps.secret),
      }
    : result
  insertIdempotencyKey(tx, {
    credentialId: replayKey.credentialId,
    key: replayKey.key,
    method: 'POST',
    path: '/api/sdk/payments/approve',
    bodyHash: replayKey.bodyHash,
    status: 200,
    responseBody: JSON.stringify(stored),
    createdAt: now,
  })
}

// --- confirm -------------------------------------------------------------------------------------

type ConfirmOutcome =
  | { readonly kind: 'confirmed'; readonly result: ConfirmExternalPaymentResult }
  | { readonly kind: 'expired'; readonly row: ExternalApprovalRow }

/**
 * `POST /api/sdk/payments/{approvalId}/confirm`: checks the token (single use, bound to the
 * approval), then in one transaction records the transfer (CONFIRMING until the chain confirms
 * it), adds it to the spend rollup, releases the reservation (it became spend) and marks the
 * approval CONFIRMED. An approval past its 10 minutes is expired and its hold released.
 */
export function confirmExternalPayment(
  call: ServiceCall,
  approvalId: string,
  input: ConfirmInput,
): ConfirmExternalPaymentResult {
  const { organizationId, agentId } = agentOf(call.auth)
  const { deps } = call
  const outcome = inTransaction(deps.db, (tx): ConfirmOutcome => {
    const now = deps.clock.now()
    const row = findExternalApproval(tx, organizationId, approvalId, agentId)
    if (!row) throw notFound('External approval', approvalId)
    if (row.tokenHash === null) {
      throw new ApiError(
        'INVALID_APPROVAL_TOKEN',
        `External approval ${row.id} is ${row.status}: no approval token was issued for it`,
        { approvalId: row.id, currentStatus: row.status },
      )
    }
    if (!tokenMatches(row, input.approvalToken)) {
      throw new ApiError(
        'INVALID_APPROVAL_TOKEN',
        `The approval token does not match external approval ${row.id}`,
        { approvalId: row.id },
      )
    }
    if (row.status === 'CONFIRMED') {
      throw new ApiError(
        'ALREADY_CONFIRMED',
        `External approval ${row.id} was already confirmed; approval tokens are single-use`,
        {
          approvalId: row.id,
          transactionId: row.transactionId,
          confirmedAt: row.confirmedAt === null ? null : toIso(row.confirmedAt),
        },
      )
    }
    if (row.status === 'EXPIRED') return { kind: 'expired', row }
    if (row.status !== 'APPROVED') {
      throw new ApiError(
        'INVALID_APPROVAL_TOKEN',
        `External approval ${row.id} is ${row.status}; only APPROVED approvals can be confirmed`,
        { approvalId: row.id, currentStatus: row.status },
      )
    }
    if (row.expiresAt !== null && now >= row.expiresAt) {
      expireExternalApproval(tx, call, row, now)
      return { kind: 'expired', row }
    }
    assertTxHashOnChain(row.chainId, input.txHash)
    if (row.walletId !== null) {
      const duplicate = findTransactionByHash(tx, row.walletId, input.txHash)
      if (duplicate) {
        const message = `txHash ${input.txHash} was already reported (transaction ${duplicate.id})`
        throw new ApiError('VALIDATION_ERROR', message, {
          issues: [{ path: ['txHash'], message }],
          transactionId: duplicate.id,
        })
      }
    }
    return { kind: 'confirmed', result: settleConfirmation(tx, call, row, input.txHash, now) }
  })
  if (outcome.kind === 'expired') {
    const expiresAt = outcome.row.expiresAt === null ? null : toIso(outcome.row.expiresAt)
    throw new ApiError(
      'EXPIRED',
      `External approval ${outcome.row.id} expired${expiresAt === null ? '' : ` at ${expiresAt}`}; request approval again`,
      { approvalId: outcome.row.id, expiresAt },
    )
  }
  return outcome.result
}

function assertTxHashOnChain(chainId: string, txHash: string): void {
  const solana = getChain(chainId)?.chainType === 'SOLANA'
  if (solana ? SOLANA_SIGNATURE_PATTERN.test(txHash) : EVM_TX_HASH_PATTERN.test(txHash)) return
  const message = solana
    ? `txHash must be a base58 Solana signature on chain ${chainId}`
    : `txHash must be 0x followed by 64 hex characters on chain ${chainId}`
  throw new ApiError('VALIDATION_ERROR', `Invalid body: txHash: ${message}`, {
    issues: [{ path: ['txHash'], message }],
  })
}

function expireExternalApproval(
  tx: Tx,
  call: ServiceCall,
  row: ExternalApprovalRow,
  now: number,
): void {
  const after = transitionExternalApproval(tx, row.organizationId, row.id, 'APPROVED', {
    status: 'EXPIRED',
    updatedAt: now,
  })
  if (!after) return
  releaseReservation(tx, 'external_approval', row.id, now)
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'UPDATE',
    resource: 'payment_request',
    resourceId: row.id,
    previousState: { status: 'APPROVED' },
    newState: { status: 'EXPIRED' },
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { kind: 'external_approval', change: 'expired' },
  })
}

function settleConfirmation(
  tx: Tx,
  call: ServiceCall,
  row: ExternalApprovalRow,
  txHash: string,
  now: number,
): ConfirmExternalPaymentResult {
  const transaction = insertTransaction(tx, {
    id: createId(),
    organizationId: row.organizationId,
    agentId: row.agentId,
    walletId: row.walletId,
    kind: 'standard',
    status: 'CONFIRMING',
    amountMicros: row.amountMicros,
    currency: row.currency,
    chainId: row.chainId,
    txHash,
    fromAddress: row.senderAddress,
    toAddress: row.recipientAddress,
    toKey: row.recipientAddress.toLowerCase(),
    recipientName: row.recipientName,
    purpose: row.purpose,
    category: row.category,
    externalApprovalId: row.id,
    simulated: false,
    createdAt: now,
  })
  if (row.walletId !== null) {
    addSpend(tx, {
      agentId: row.agentId,
      walletId: row.walletId,
      day: windowStart('daily', now),
      amountMicros: row.amountMicros,
    })
  }
  releaseReservation(tx, 'external_approval', row.id, now)
  const after = transitionExternalApproval(tx, row.organizationId, row.id, 'APPROVED', {
    status: 'CONFIRMED',
    transactionId: transaction.id,
    confirmedAt: now,
    updatedAt: now,
  })
  if (!after) {
    throw new ApiError('ALREADY_CONFIRMED', `External approval ${row.id} was already confirmed`, {
      approvalId: row.id,
    })
  }
  const amount = fromMicros(row.amountMicros)
  const explorerUrl = explorerTxUrl(row.chainId, txHash) ?? ''
  recordAudit(tx, now, {
    organizationId: row.organizationId,
    action: 'EXTERNAL_PAYMENT_CONFIRMED',
    resource: 'transaction',
    resourceId: transaction.id,
    previousState: { approvalId: row.id, status: 'APPROVED' },
    newState: {
      approvalId: row.id,
      status: 'CONFIRMED',
      transactionStatus: transaction.status,
      txHash,
      amount,
      recipientAddress: row.recipientAddress,
    },
    actor: actorOf(call.auth),
    request: call.request,
    metadata: { kind: 'external_approval', walletId: row.walletId, chainId: row.chainId },
  })
  emitEvent(tx, now, row.organizationId, 'payment.confirmed', {
    paymentId: row.id,
    amount,
    transactionHash: txHash,
    transactionId: transaction.id,
    organizationId: row.organizationId,
    agentId: row.agentId,
  })
  return {
    confirmed: true,
    transactionId: transaction.id,
    status: transaction.status,
    amount,
    currency: row.currency,
    recipient: row.recipientAddress,
    txHash,
    explorerUrl,
    approvalId: row.id,
  }
}
