import { createHash } from 'node:crypto'
import { windowEnd } from '@conto/policy'
import {
  type ChainSummary,
  defaults,
  fromMicros,
  getChain,
  isEvmAddress,
  isSolanaAddress,
  type PaymentDenialContext,
  type PaymentRequestResult,
  type PaymentStatusResult,
  type PaymentWalletSummary,
  type PolicyDecision,
  type requestPaymentParamsSchema,
  toMicros,
  type Violation,
} from '@conto/schemas'
import type { z } from 'zod'
import { canonicalJson } from '../canonical-json.js'
import { toIso, toIsoOrNull } from '../clock.js'
import { inGroupTransaction } from '../db/group-commit.js'
import {
  type AgentWalletLinkRow,
  type LinkWithWallet,
  listLinks,
} from '../db/repositories/agent-wallet-links.js'
import { type AgentRow, findAgent } from '../db/repositories/agents.js'
import {
  type ApprovalRequestRow,
  findApprovalRequest,
  insertApprovalRequest,
} from '../db/repositories/approval-requests.js'
import {
  findIdempotencyKey,
  insertIdempotencyKey,
  PAYMENT_REQUEST_PATH,
  updateIdempotencyResponse,
} from '../db/repositories/idempotency-keys.js'
import {
  findPaymentRequest,
  insertPaymentRequest,
  type PaymentRequestRow,
  transitionPaymentRequest,
} from '../db/repositories/payment-requests.js'
import { insertReservation } from '../db/repositories/reservations.js'
import { spendTotals } from '../db/repositories/spend.js'
import { findTransaction } from '../db/repositories/transactions.js'
import { findWallet, type WalletRow } from '../db/repositories/wallets.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import {
  type AgentAuth,
  type Auth,
  actorOf,
  agentOf,
  type RequestInfo,
  type ServiceDeps,
} from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { raiseAlert } from './alerts-raise.js'
import { recordAudit } from './audit-log.js'
import { recordPolicyViolation, resetPolicyViolations } from './auto-freeze.js'
import { emitEvent, emitPaymentDenied } from './events.js'
import {
  availableBalanceOf,
  decidePayment,
  type PaymentDecision,
  type PaymentSnapshot,
} from './payment-decisions.js'
import { executePayment, expirePaymentRequest, toPaymentExecution } from './settlement.js'

/**
 * Payment requests, the decision half (§2.16): `POST /api/sdk/payments/request` validates (the
 * schema), checks the agent is ACTIVE, picks the wallet, decides with `@conto/policy` and
 * persists the outcome — request row, reservation, approval request, audit entries, webhook
 * events, alerts and auto-freeze counters — in ONE write transaction, so parallel requests can
 * never together pass a limit. `GET /api/sdk/payments/{requestId}` reads a request at any
 * lifecycle stage (an APPROVED request past its 5 minutes is marked EXPIRED when read).
 *
 * Wallet selection: an explicit `walletId` must be linked to the agent (404), not FROZEN (403
 * WALLET_FROZEN) nor ARCHIVED (400 NO_WALLET), and on the requested chain. Otherwise the
 * candidates are the agent's linked ACTIVE wallets (not VIEW_ONLY) on `chainId`; without
 * `chainId`, those on the API default chain (42431), else — when the agent has none there —
 * those on any chain (so an agent whose only wallet is on Base pays on Base). Among them,
 * wallets whose available balance covers the amount come first, then custody priority
 * PRIVY > SPONGE > SMART_CONTRACT > EXTERNAL, then the oldest link.
 */

type RequestPaymentInput = z.output<typeof requestPaymentParamsSchema>

/** How long an APPROVED request stays executable (and holds its reservation). */
export const PAYMENT_REQUEST_TTL_MS = defaults.approvalTtlSeconds.paymentRequest * 1000
/** Approval requests without a workflow: one approval, 24 hours. */
const DEFAULT_APPROVAL = { requiredApprovals: 1, timeoutHours: 24 } as const
/** A daily limit at or above this share of use raises SPEND_LIMIT_WARNING. */
const SPEND_WARNING_PERCENT = 80
const IDEMPOTENCY_PATH = PAYMENT_REQUEST_PATH

const custodyRank = new Map<string, number>(
  defaults.custodyPriority.map((custody, index) => [custody, index]),
)
const rankOf = (custody: string): number =>
  custodyRank.get(custody) ?? defaults.custodyPriority.length

// ---------------------------------------------------------------------------------------------
// Wallet selection
// ---------------------------------------------------------------------------------------------

export interface WalletSelection {
  readonly wallet: WalletRow
  readonly link: AgentWalletLinkRow
  readonly chainId: string
  readonly reason: string
  /** Balance less live reservations, before this payment, micro-units. */
  readonly availableBalanceMicros: number
  /** Every link of the agent (for the denial context). */
  readonly links: readonly LinkWithWallet[]
}

export interface WalletSelectionInput {
  readonly walletId?: string | undefined
  readonly chainId?: string | undefined
  readonly amountMicros: number
  /** Only wallets Conto can execute from (autoExecute). */
  readonly executable?: boolean | undefined
  readonly now: number
}

const isUsable = ({ link, wallet }: LinkWithWallet): boolean =>
  wallet.status === 'ACTIVE' &&
  link.delegationType !== 'VIEW_ONLY' &&
  !wallet.isWatchOnly &&
  !!wallet.address

/**
 * The recipient must be an address of the payment's chain type: an EVM chain pays `0x…`
 * addresses, Solana pays base58 ones (400 INVALID_ADDRESS, before anything is decided or held).
 */
function assertRecipientOnChain(recipientAddress: string, chainId: string): void {
  const chain = getChain(chainId)
  if (!chain) return
  const matches =
    chain.chainType === 'EVM' ? isEvmAddress(recipientAddress) : isSolanaAddress(recipientAddress)
  if (matches) return
  const message = `recipientAddress ${recipientAddress} is not ${chain.chainType === 'EVM' ? 'an EVM' : 'a Solana'} address, but the payment is on ${chain.name} (${chain.chainType}): pass chainId for the recipient's chain`
  throw new ApiError('INVALID_ADDRESS', message, {
    chainId,
    chainType: chain.chainType,
    issues: [{ path: ['recipientAddress'], message }],
  })
}

const coversAmount = (wallet: WalletRow, available: number, amountMicros: number): boolean =>
  wallet.custodyType !== 'EXTERNAL' && available >= amountMicros

/** Picks the wallet a payment is made from (see the module comment for the rules). */
export function selectWallet(
  db: DbLike,
  organizationId: string,
  agentId: string,
  input: WalletSelectionInput,
): WalletSelection {
  const links = listLinks(db, organizationId, agentId).rows
  if (input.walletId !== undefined) return explicitWallet(db, links, input)
  const usable = links.filter(isUsable)
  const onChain = (chainId: string) => usable.filter(({ wallet }) => wallet.chainId === chainId)
  let candidates =
    input.chainId !== undefined ? onChain(input.chainId) : onChain(defaults.chain.apiChainId)
  if (input.chainId === undefined && candidates.length === 0) candidates = usable
  if (input.executable) {
    const executable = candidates.filter(({ wallet }) => wallet.custodyType !== 'EXTERNAL')
    if (executable.length === 0 && candidates.length > 0) {
      throw new ApiError(
        'EXTERNAL_WALLET_ERROR',
        'autoExecute needs a wallet Conto can execute from, but the eligible wallets have EXTERNAL custody: use POST /api/sdk/payments/approve → transfer → /confirm, or link a managed wallet',
        {
          alternatives: candidates.map(({ wallet }) => ({
            ...walletSummary(wallet, availableBalanceOf(db, wallet, input.now)),
            name: wallet.name,
            reason: 'EXTERNAL custody: pay with approve → transfer → confirm',
          })),
        },
      )
    }
    candidates = executable
  }
  if (candidates.length === 0) {
    const chain = input.chainId ?? 'any chain'
    throw new ApiError(
      'NO_WALLET',
      links.length === 0
        ? 'This agent has no linked wallet: link one with POST /api/agents/{agentId}/wallets'
        : `This agent has no ACTIVE linked wallet that can pay on ${chain}`,
      {
        linkedWallets: links.length,
        ...(input.chainId === undefined ? {} : { chainId: input.chainId }),
      },
    )
  }
  const ranked = candidates
    .map((entry) => {
      const available = availableBalanceOf(db, entry.wallet, input.now)
      return { entry, available, covers: coversAmount(entry.wallet, available, input.amountMicros) }
    })
    .sort(
      (a, b) =>
        Number(b.covers) - Number(a.covers) ||
        rankOf(a.entry.wallet.custodyType) - rankOf(b.entry.wallet.custodyType) ||
        a.entry.link.createdAt - b.entry.link.createdAt,
    )
  const best = ranked[0] as (typeof ranked)[number]
  const { wallet, link } = best.entry
  const chainName = getChain(wallet.chainId)?.name ?? wallet.chainId
  const reason =
    ranked.length === 1
      ? `Only eligible linked wallet (${wallet.custodyType}) on ${chainName}`
      : best.covers
        ? `Highest custody priority (${wallet.custodyType}) among ${ranked.length} eligible wallets on ${chainName} whose balance covers the amount`
        : `No eligible wallet's available balance covers the amount: chose the highest custody priority (${wallet.custodyType}) on ${chainName}`
  return {
    wallet,
    link,
    chainId: wallet.chainId,
    reason,
    availableBalanceMicros: best.available,
    links,
  }
}

function explicitWallet(
  db: DbLike,
  links: readonly LinkWithWallet[],
  input: WalletSelectionInput,
): WalletSelection {
  const entry = links.find(({ wallet }) => wallet.id === input.walletId)
  if (!entry) throw notFound('Wallet', `${input.walletId} linked to this agent`)
  const { wallet, link } = entry
  if (wallet.status === 'FROZEN') {
    throw new ApiError('WALLET_FROZEN', `Wallet ${wallet.id} is FROZEN: it cannot pay`, {
      walletId: wallet.id,
      walletStatus: wallet.status,
    })
  }
  if (wallet.status !== 'ACTIVE') {
    throw new ApiError('NO_WALLET', `Wallet ${wallet.id} is ${wallet.status}: it cannot pay`, {
      walletId: wallet.id,
      walletStatus: wallet.status,
    })
  }
  if (input.chainId !== undefined && input.chainId !== wallet.chainId) {
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `Wallet ${wallet.id} is on chain ${wallet.chainId}, but the payment asks for chain ${input.chainId}`,
      { walletId: wallet.id, walletChainId: wallet.chainId, chainId: input.chainId },
    )
  }
  if (link.delegationType === 'VIEW_ONLY') {
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `This agent's link to wallet ${wallet.id} is VIEW_ONLY: it cannot pay from it`,
      { walletId: wallet.id, delegationType: link.delegationType },
    )
  }
  if (wallet.isWatchOnly) {
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `Wallet ${wallet.id} is watch-only: Conto monitors it, but it cannot send`,
      { walletId: wallet.id, isWatchOnly: true },
    )
  }
  if (!wallet.address) {
    throw new ApiError(
      'WALLET_CONFIG_ERROR',
      `Wallet ${wallet.id} has no address yet: provision it first`,
      { walletId: wallet.id },
    )
  }
  if (input.executable && wallet.custodyType === 'EXTERNAL') {
    throw new ApiError(
      'EXTERNAL_WALLET_ERROR',
      `Wallet ${wallet.id} has EXTERNAL custody, so Conto cannot auto-execute from it: use approve → transfer → confirm, or pick one of the alternatives`,
      {
        walletId: wallet.id,
        alternatives: links
          .filter(
            (other) =>
              other.wallet.id !== wallet.id &&
              isUsable(other) &&
              other.wallet.custodyType !== 'EXTERNAL',
          )
          .map(({ wallet: other }) => ({
            ...walletSummary(other, availableBalanceOf(db, other, input.now)),
            name: other.name,
            reason: `${other.custodyType} custody: Conto can execute from it`,
          })),
      },
    )
  }
  return {
    wallet,
    link,
    chainId: wallet.chainId,
    reason: 'Wallet requested explicitly (walletId)',
    availableBalanceMicros: availableBalanceOf(db, wallet, input.now),
    links,
  }
}

// ---------------------------------------------------------------------------------------------
// POST /api/sdk/payments/request
// ---------------------------------------------------------------------------------------------

interface InFlight {
  readonly bodyHash: string
  readonly promise: Promise<PaymentRequestResult>
}
const inFlightByDb = new WeakMap<object, Map<string, InFlight>>()

/** Requests a payment: decides it and, unless `dryRun`, records it (see the module comment). */
export async function requestPayment(
  deps: ServiceDeps,
  auth: Auth,
  body: RequestPaymentInput,
  request?: RequestInfo,
): Promise<PaymentRequestResult> {
  const agentAuth = agentOf(auth)
  if (body.autoExecute && !agentAuth.scopes.has('payments:execute')) {
    throw new ApiError(
      'INSUFFICIENT_SCOPE',
      'autoExecute needs the payments:execute scope: request without autoExecute and call /execute with a key that has it',
      { requiredScope: 'payments:execute' },
    )
  }
  if (body.dryRun) return dryRun(deps, agentAuth, body)
  const key = body.idempotencyKey
  if (key === undefined) return createPaymentRequest(deps, agentAuth, body, request, undefined)

  const bodyHash = hashOfBody(body)
  let inFlight = inFlightByDb.get(deps.db)
  if (!inFlight) {
    inFlight = new Map()
    inFlightByDb.set(deps.db, inFlight)
  }
  const slot = `${agentAuth.agentId}\u0000${key}`
  const running = inFlight.get(slot)
  if (running) {
    if (running.bodyHash !== bodyHash) throw idempotencyConflict()
    return running.promise
  }
  // Concurrent calls with one key share one run (the slot is taken synchronously, before any
  // other call can look; the run itself is queued for the next group commit).
  const promise = createPaymentRequest(deps, agentAuth, body, request, { key, bodyHash })
  const slots = inFlight
  slots.set(slot, { bodyHash, promise })
  try {
    return await promise
  } finally {
    slots.delete(slot)
  }
}

interface IdempotencyContext {
  readonly key: string
  readonly bodyHash: string
}

/** The credential the body `idempotencyKey` is remembered under: the agent. */
const credentialOf = (agentId: string): string => `agent:${agentId}`

async function createPaymentRequest(
  deps: ServiceDeps,
  auth: AgentAuth,
  body: RequestPaymentInput,
  request: RequestInfo | undefined,
  idempotency: IdempotencyContext | undefined,
): Promise<PaymentRequestResult> {
  const credentialId = credentialOf(auth.agentId)
  // Group commit: requests arriving together share one SQLite commit (see db/group-commit.ts).
  const outcome = await inGroupTransaction(deps.db, (tx) => {
    const now = deps.clock.now()
    if (idempotency) {
      // Remembered indefinitely (seed Defaults: "Idempotency window: Indefinite").
      const stored = findIdempotencyKey(tx, credentialId, idempotency.key)
      if (stored) {
        if (stored.bodyHash !== idempotency.bodyHash) throw idempotencyConflict()
        return { replay: stored.responseBody } as const
      }
    }
    const agent = activeAgentOf(tx, auth)
    const amountMicros = toMicros(body.amount)
    const selection = selectWallet(tx, auth.organizationId, agent.id, {
      walletId: body.walletId,
      chainId: body.chainId,
      amountMicros,
      executable: body.autoExecute,
      now,
    })
    assertRecipientOnChain(body.recipientAddress, selection.chainId)
    if (body.autoExecute) assertCustodyConfigured(deps, selection.wallet)
    const decided = decide(tx, deps, agent, body, selection, amountMicros, now)
    const result = persist(tx, auth, agent, body, selection, decided, request, idempotency)
    if (idempotency) {
      insertIdempotencyKey(tx, {
        credentialId,
        key: idempotency.key,
        method: 'POST',
        path: IDEMPOTENCY_PATH,
        bodyHash: idempotency.bodyHash,
        status: 200,
        responseBody: JSON.stringify(result),
        createdAt: now,
      })
    }
    return { result } as const
  })
  if ('replay' in outcome) return JSON.parse(outcome.replay) as PaymentRequestResult
  let result = outcome.result
  if (body.autoExecute && result.status === 'APPROVED') {
    result = await autoExecute(deps, auth, result, request)
    if (idempotency) {
      updateIdempotencyResponse(deps.db, credentialId, idempotency.key, {
        status: 200,
        responseBody: JSON.stringify(result),
      })
    }
  }
  return result
}

/**
 * Runs settlement for an auto-executed request. A failure still answers the APPROVED decision,
 * with `autoExecuteError`; the request itself stays APPROVED (retry with /execute) or, when
 * settlement failed after signing, is FAILED.
 */
async function autoExecute(
  deps: ServiceDeps,
  auth: AgentAuth,
  result: Extract<PaymentRequestResult, { status: 'APPROVED' }>,
  request: RequestInfo | undefined,
): Promise<PaymentRequestResult> {
  try {
    const executed = await executePayment(deps, auth, result.requestId, request)
    const row = findPaymentRequest(deps.db, auth.organizationId, result.requestId)
    const wallet = row?.walletId
      ? findWallet(deps.db, auth.organizationId, row.walletId)
      : undefined
    return {
      ...result,
      ...(wallet
        ? {
            wallet: walletSummary(wallet, availableBalanceOf(deps.db, wallet, deps.clock.now())),
          }
        : {}),
      execution: {
        transactionId: executed.transactionId,
        txHash: executed.txHash,
        explorerUrl: executed.explorerUrl,
        status: executed.status,
        ...(executed.simulated === undefined ? {} : { simulated: executed.simulated }),
      },
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ...result, autoExecuteError: message }
  }
}

/** Auto-execution needs a custody provider this server can settle through (test mode). */
function assertCustodyConfigured(deps: ServiceDeps, wallet: WalletRow): void {
  if (deps.mode !== 'test' || wallet.encryptedPrivateKey === null) {
    throw new ApiError(
      'CUSTODY_NOT_CONFIGURED',
      deps.mode !== 'test'
        ? `No ${wallet.custodyType} custody provider is configured on this server: autoExecute is not available`
        : `This server holds no signing key for wallet ${wallet.id}: it cannot auto-execute from it`,
      { walletId: wallet.id, custodyType: wallet.custodyType },
    )
  }
}

function dryRun(
  deps: ServiceDeps,
  auth: AgentAuth,
  body: RequestPaymentInput,
): PaymentRequestResult {
  const { db } = deps
  const now = deps.clock.now()
  const agent = activeAgentOf(db, auth)
  const amountMicros = toMicros(body.amount)
  const selection = selectWallet(db, auth.organizationId, agent.id, {
    walletId: body.walletId,
    chainId: body.chainId,
    amountMicros,
    executable: body.autoExecute,
    now,
  })
  assertRecipientOnChain(body.recipientAddress, selection.chainId)
  const decided = decide(db, deps, agent, body, selection, amountMicros, now)
  return toRequestResult({
    db,
    requestId: createId(),
    body,
    amountMicros,
    selection,
    decision: decided.decision,
    now,
    availableBalanceMicros: selection.availableBalanceMicros,
    approvalRequestId: undefined,
    dryRun: true,
  })
}

function decide(
  db: DbLike,
  deps: ServiceDeps,
  agent: AgentRow,
  body: RequestPaymentInput,
  selection: WalletSelection,
  amountMicros: number,
  now: number,
): PaymentDecision {
  return decidePayment(db, deps, {
    organizationId: agent.organizationId,
    agent,
    wallet: selection.wallet,
    link: selection.link,
    amountMicros,
    recipientAddress: body.recipientAddress,
    chainId: selection.chainId,
    category: body.category,
    context: body.context,
    targetContractAddress: body.targetContractAddress,
    functionSelector: body.functionSelector,
    availableBalanceMicros: selection.availableBalanceMicros,
    now,
  })
}

/** Writes the decided request and every side effect, in the caller's transaction. */
function persist(
  tx: DbLike,
  auth: AgentAuth,
  agent: AgentRow,
  body: RequestPaymentInput,
  selection: WalletSelection,
  { decision, snapshot }: PaymentDecision,
  request: RequestInfo | undefined,
  idempotency: IdempotencyContext | undefined,
): PaymentRequestResult {
  const now = snapshot.now
  const organizationId = auth.organizationId
  const { wallet } = selection
  const requestId = createId()
  const amountMicros = toMicros(body.amount)
  const amount = fromMicros(amountMicros)
  const currency = currencyOf(selection.chainId, wallet)
  const recipientKey = body.recipientAddress.toLowerCase()
  const status = decision.status
  const expiresAt = status === 'APPROVED' ? now + PAYMENT_REQUEST_TTL_MS : null
  const workflow =
    decision.approvalWorkflowId === undefined
      ? undefined
      : snapshot.approvalWorkflows.find((entry) => entry.id === decision.approvalWorkflowId)
  const approvalRequestId = status === 'REQUIRES_APPROVAL' ? createId() : undefined

  insertPaymentRequest(tx, {
    id: requestId,
    organizationId,
    agentId: agent.id,
    walletId: wallet.id,
    kind: 'standard',
    status,
    amountMicros,
    currency,
    chainId: selection.chainId,
    recipientAddress: body.recipientAddress,
    recipientKey,
    recipientName: body.recipientName ?? null,
    purpose: body.purpose ?? null,
    category: body.category ?? null,
    context: body.context ?? null,
    targetContractAddress: body.targetContractAddress ?? null,
    functionSelector: body.functionSelector ?? null,
    urgency: body.urgency,
    autoExecute: body.autoExecute,
    decision: storedDecision(decision, body),
    walletSelectionReason: selection.reason,
    approvalRequestId: approvalRequestId ?? null,
    idempotencyKey: idempotency?.key ?? null,
    expiresAt,
    createdAt: now,
    updatedAt: now,
  })

  let approval: ApprovalRequestRow | undefined
  if (status === 'APPROVED') {
    insertReservation(tx, {
      id: createId(),
      organizationId,
      agentId: agent.id,
      walletId: wallet.id,
      recipientKey,
      sourceType: 'payment_request',
      sourceId: requestId,
      amountMicros,
      expiresAt: expiresAt as number,
      createdAt: now,
    })
  } else if (approvalRequestId !== undefined) {
    const requiredApprovals = workflow?.requiredApprovals ?? DEFAULT_APPROVAL.requiredApprovals
    const timeoutHours = workflow?.timeoutHours ?? DEFAULT_APPROVAL.timeoutHours
    approval = insertApprovalRequest(tx, {
      id: approvalRequestId,
      organizationId,
      type: 'PAYMENT',
      status: 'PENDING',
      agentId: agent.id,
      paymentRequestId: requestId,
      externalApprovalId: null,
      workflowId: workflow?.id ?? null,
      amountMicros,
      currency,
      recipientAddress: body.recipientAddress,
      purpose: body.purpose ?? null,
      requiredApprovals,
      approvals: [],
      reason: null,
      expiresAt: now + timeoutHours * 3_600_000,
      createdAt: now,
    })
  }

  const result = toRequestResult({
    db: tx,
    requestId,
    body,
    amountMicros,
    selection,
    decision,
    now,
    availableBalanceMicros:
      selection.availableBalanceMicros - (status === 'APPROVED' ? amountMicros : 0),
    approvalRequestId,
    dryRun: false,
  })

  // Audit trail.
  const actor = actorOf(auth)
  const state = auditStateOf(result, wallet.id, selection.chainId)
  if (status === 'DENIED') {
    const violation = decision.violations[0]
    recordAudit(tx, now, {
      organizationId,
      action: 'PAYMENT_DENIED',
      resource: 'payment_request',
      resourceId: requestId,
      newState: state,
      actor,
      request,
      metadata: { amount, currency, walletId: wallet.id, reasons: decision.reasons },
    })
    recordAudit(tx, now, {
      organizationId,
      action: 'POLICY_VIOLATION',
      resource: 'payment_request',
      resourceId: requestId,
      newState: { violation: violation ?? null },
      actor,
      request,
      metadata: {
        violationType: violation?.type ?? null,
        policyId: violation?.policyId ?? null,
        ruleId: violation?.ruleId ?? null,
      },
    })
  } else {
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'payment_request',
      resourceId: requestId,
      newState: state,
      actor,
      request,
      metadata: { amount, currency, walletId: wallet.id, decision: status },
    })
  }
  if (approval) {
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'approval_request',
      resourceId: approval.id,
      newState: {
        id: approval.id,
        type: approval.type,
        status: approval.status,
        paymentRequestId: requestId,
        workflowId: approval.workflowId,
        requiredApprovals: approval.requiredApprovals,
        expiresAt: toIso(approval.expiresAt),
      },
      actor,
      request,
    })
  }

  // Webhook events: requested, then the outcome.
  const eventData = {
    requestId,
    agentId: agent.id,
    amount,
    currency,
    recipientAddress: body.recipientAddress,
    status,
  }
  emitEvent(tx, now, organizationId, 'payment.requested', {
    ...eventData,
    reasons: decision.reasons,
  })
  if (status === 'APPROVED') {
    emitEvent(tx, now, organizationId, 'payment.approved', {
      ...eventData,
      reasons: decision.reasons,
      expiresAt: toIso(expiresAt as number),
    })
  } else if (status === 'DENIED') {
    emitPaymentDenied(tx, now, organizationId, eventData, decision)
  } else if (approval) {
    emitEvent(tx, now, organizationId, 'approval.requested', {
      approvalRequestId: approval.id,
      paymentRequestId: requestId,
      agentId: agent.id,
      amount,
      currency,
      recipientAddress: body.recipientAddress,
      workflowId: approval.workflowId,
      requiredApprovals: approval.requiredApprovals,
      reasons: decision.reasons,
      expiresAt: toIso(approval.expiresAt),
    })
  }

  // Alerts and auto-freeze.
  if (status === 'DENIED') {
    raiseDenialAlerts(tx, now, agent, wallet, requestId, amountMicros, decision.violations[0])
    recordPolicyViolation(tx, now, {
      organizationId,
      agentId: agent.id,
      sourceId: requestId,
      reason: decision.reasons[0],
    })
  } else if (status === 'APPROVED') {
    raiseSpendWarnings(tx, now, agent, selection, snapshot, requestId, amountMicros)
    resetPolicyViolations(tx, now, agent)
  }
  return result
}

function storedDecision(decision: PolicyDecision, body: RequestPaymentInput) {
  const request: Record<string, unknown> = {}
  if (body.sessionId !== undefined) request['sessionId'] = body.sessionId
  if (body.targetContractAddress !== undefined)
    request['targetContractAddress'] = body.targetContractAddress
  if (body.functionSelector !== undefined) request['functionSelector'] = body.functionSelector
  if (body.walletId !== undefined) request['walletId'] = body.walletId
  if (body.chainId !== undefined) request['chainId'] = body.chainId
  return {
    ...decision,
    ...(Object.keys(request).length > 0 ? { request } : {}),
  } as unknown as Record<string, unknown>
}

function auditStateOf(result: PaymentRequestResult, walletId: string, chainId: string) {
  return {
    requestId: result.requestId,
    status: result.status,
    amount: result.amount,
    currency: result.currency,
    recipientAddress: result.recipientAddress,
    walletId,
    chainId,
    expiresAt: result.expiresAt ?? null,
    approvalRequestId: 'approvalRequestId' in result ? (result.approvalRequestId ?? null) : null,
    reasons: result.reasons,
    violations: result.violations,
  }
}

const CUMULATIVE_VIOLATIONS = new Set(['DAILY_LIMIT', 'WEEKLY_LIMIT', 'MONTHLY_LIMIT'])

function raiseDenialAlerts(
  tx: DbLike,
  now: number,
  agent: AgentRow,
  wallet: WalletRow,
  requestId: string,
  amountMicros: number,
  violation: Violation | undefined,
): void {
  const amount = fromMicros(amountMicros)
  const message = violation?.message ?? 'Payment denied by policy'
  raiseAlert(tx, now, {
    organizationId: agent.organizationId,
    type: 'POLICY_VIOLATION',
    severity: 'WARNING',
    title: `Payment denied: ${violation?.type ?? 'POLICY'}`,
    message: `${agent.name} was denied a payment of ${amount}: ${message}`,
    agentId: agent.id,
    walletId: wallet.id,
    metadata: {
      requestId,
      amount,
      violationType: violation?.type ?? null,
      violation: violation ?? null,
    },
  })
  if (violation && CUMULATIVE_VIOLATIONS.has(violation.type)) {
    const limit = typeof violation.limit === 'number' ? violation.limit : null
    const current = typeof violation.current === 'number' ? violation.current : null
    raiseAlert(tx, now, {
      organizationId: agent.organizationId,
      type: 'SPEND_LIMIT_EXCEEDED',
      severity: 'CRITICAL',
      title: `${violation.type.replace('_', ' ').toLowerCase()} would be exceeded`,
      message: `${agent.name} tried to pay ${amount}: ${message}`,
      agentId: agent.id,
      walletId: wallet.id,
      metadata: {
        requestId,
        violationType: violation.type,
        ...(current === null ? {} : { currentSpend: current }),
        ...(limit === null ? {} : { limit }),
        ...(limit !== null && current !== null && limit > 0
          ? {
              percentage: Math.round((current / limit) * 10_000) / 100,
              remainingBudget: Math.max(0, fromMicros(toMicros(limit) - toMicros(current))),
            }
          : {}),
      },
    })
  }
}

/** SPEND_LIMIT_WARNING when this approval brings a daily limit (link or policy) to ≥ 80 %. */
function raiseSpendWarnings(
  tx: DbLike,
  now: number,
  agent: AgentRow,
  selection: WalletSelection,
  snapshot: PaymentSnapshot,
  requestId: string,
  amountMicros: number,
): void {
  const limits: { scope: 'link' | 'policy'; limit: number; before: number; policy?: string }[] = []
  const linkDaily = selection.link.spendLimitDailyMicros
  if (linkDaily !== null) {
    limits.push({ scope: 'link', limit: linkDaily, before: snapshot.linkSpend.daily })
  }
  for (const entry of snapshot.dailyPolicyLimits) {
    limits.push({
      scope: 'policy',
      limit: entry.limitMicros,
      before: snapshot.agentSpend.daily,
      policy: entry.policyId,
    })
  }
  for (const { scope, limit, before, policy } of limits) {
    if (limit <= 0) continue
    const after = before + amountMicros
    const crossed =
      before * 100 < limit * SPEND_WARNING_PERCENT && after * 100 >= limit * SPEND_WARNING_PERCENT
    if (!crossed) continue
    const percentage = Math.round((after / limit) * 10_000) / 100
    raiseAlert(tx, now, {
      organizationId: agent.organizationId,
      type: 'SPEND_LIMIT_WARNING',
      severity: 'WARNING',
      title: `Daily spend at ${Math.floor(percentage)}% of the limit`,
      message: `${agent.name} has used ${fromMicros(after)} of its ${fromMicros(limit)} daily ${scope === 'link' ? 'wallet' : 'policy'} limit`,
      agentId: agent.id,
      walletId: selection.wallet.id,
      metadata: {
        currentSpend: fromMicros(after),
        limit: fromMicros(limit),
        percentage,
        remainingBudget: fromMicros(Math.max(0, limit - after)),
        scope,
        requestId,
        ...(policy === undefined ? {} : { policyId: policy }),
      },
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

interface RequestResultInput {
  readonly db: DbLike
  readonly requestId: string
  readonly body: RequestPaymentInput
  readonly amountMicros: number
  readonly selection: WalletSelection
  readonly decision: PolicyDecision
  readonly now: number
  readonly availableBalanceMicros: number
  readonly approvalRequestId: string | undefined
  readonly dryRun: boolean
}

function toRequestResult(input: RequestResultInput): PaymentRequestResult {
  const { selection, decision, now } = input
  const base = {
    amount: fromMicros(input.amountMicros),
    currency: currencyOf(selection.chainId, selection.wallet),
    recipientAddress: input.body.recipientAddress,
    wallet: walletSummary(selection.wallet, input.availableBalanceMicros),
    walletSelectionReason: selection.reason,
    ...chainPart(selection.chainId),
    reasons: decision.reasons,
    violations: decision.violations,
    evaluation: decision.evaluation,
    ...(input.dryRun ? { dryRun: true } : {}),
    createdAt: toIso(now),
  }
  switch (decision.status) {
    case 'APPROVED':
      return {
        requestId: input.requestId,
        status: 'APPROVED',
        ...base,
        expiresAt: toIso(now + PAYMENT_REQUEST_TTL_MS),
      }
    case 'REQUIRES_APPROVAL':
      return {
        requestId: input.requestId,
        status: 'REQUIRES_APPROVAL',
        ...base,
        ...(input.approvalRequestId === undefined
          ? {}
          : { approvalRequestId: input.approvalRequestId }),
      }
    case 'DENIED':
      return {
        requestId: input.requestId,
        status: 'DENIED',
        ...base,
        context: denialContext(input),
      }
  }
}

export function walletSummary(wallet: WalletRow, availableMicros: number): PaymentWalletSummary {
  return {
    id: wallet.id,
    address: wallet.address ?? '',
    chainId: wallet.chainId,
    custodyType: wallet.custodyType,
    availableBalance: fromMicros(Math.max(0, availableMicros)),
  }
}

export function chainSummaryOf(chainId: string): ChainSummary | undefined {
  const chain = getChain(chainId)
  if (!chain) return undefined
  return {
    chainId: chain.chainId,
    chainName: chain.name,
    chainType: chain.chainType,
    explorerUrl: chain.explorerUrl,
  }
}

const chainPart = (chainId: string): { chain?: ChainSummary } => {
  const chain = chainSummaryOf(chainId)
  return chain ? { chain } : {}
}

/** The chain's stablecoin (the chain table), else the wallet's currency. */
const currencyOf = (chainId: string, wallet: Pick<WalletRow, 'currency'>): string =>
  getChain(chainId)?.stablecoin ?? wallet.currency

/** What the agent can do about a denial: next steps, and other linked wallets that could pay. */
function denialContext(input: RequestResultInput): PaymentDenialContext {
  const { db, selection, amountMicros, now, decision } = input
  const others = selection.links.filter(({ wallet }) => wallet.id !== selection.wallet.id)
  const wallets: NonNullable<PaymentDenialContext['wallets']> = []
  const alternatives: NonNullable<PaymentDenialContext['alternatives']> = []
  const violation = decision.violations[0]
  // Another wallet helps only when this wallet was the problem (its link limits, hours or
  // balance); a policy, counterparty or agent denial follows the agent to every wallet.
  const walletSpecific =
    violation !== undefined &&
    violation.policyId === undefined &&
    WALLET_SPECIFIC_VIOLATIONS.has(violation.type)
  for (const entry of others) {
    const { wallet } = entry
    const available = availableBalanceOf(db, wallet, now)
    const summary = {
      ...walletSummary(wallet, available),
      address: wallet.address,
      name: wallet.name,
    }
    wallets.push(summary)
    const why = walletSpecific
      ? alternativeReason(db, entry, available, amountMicros, now)
      : undefined
    if (why !== undefined) alternatives.push({ ...summary, reason: why })
  }
  const nextSteps = nextStepsFor(violation, now)
  if (alternatives.length > 0) {
    nextSteps.push(
      'Retry with walletId set to one of context.alternatives: those wallets can cover this payment',
    )
  }
  return { wallets, nextSteps, alternatives }
}

/** Violations of one wallet's link or balance, which another linked wallet may not have. */
const WALLET_SPECIFIC_VIOLATIONS = new Set([
  'PER_TX_LIMIT',
  'DAILY_LIMIT',
  'WEEKLY_LIMIT',
  'MONTHLY_LIMIT',
  'TIME_WINDOW',
  'INSUFFICIENT_BALANCE',
])

/** Why another linked wallet could make this payment, or undefined when it could not. */
function alternativeReason(
  db: DbLike,
  { wallet, link }: LinkWithWallet,
  available: number,
  amountMicros: number,
  now: number,
): string | undefined {
  if (!isUsable({ wallet, link } as LinkWithWallet)) return undefined
  const external = wallet.custodyType === 'EXTERNAL'
  if (!external && available < amountMicros) return undefined
  if (link.spendLimitPerTxMicros !== null && amountMicros > link.spendLimitPerTxMicros)
    return undefined
  const spent = spendTotals(db, { agentId: link.agentId, walletId: wallet.id }, now)
  const windows = [
    [link.spendLimitDailyMicros, spent.daily],
    [link.spendLimitWeeklyMicros, spent.weekly],
    [link.spendLimitMonthlyMicros, spent.monthly],
  ] as const
  for (const [limit, used] of windows) {
    if (limit !== null && used + amountMicros > limit) return undefined
  }
  const chainName = getChain(wallet.chainId)?.name ?? wallet.chainId
  return external
    ? `EXTERNAL wallet on ${chainName} within its link limits: pay with approve → transfer → confirm`
    : `${wallet.custodyType} wallet on ${chainName} with ${fromMicros(available)} available, within its link limits`
}

function nextStepsFor(violation: Violation | undefined, now: number): string[] {
  if (violation === undefined) return []
  // A policy's per-transaction limit is changed in the policy, not on the wallet.
  if (violation.policyId !== undefined && violation.type === 'PER_TX_LIMIT') {
    return [
      `Pay within the limits of policy "${violation.policyName ?? violation.policyId}", ask an administrator to change that policy, or request a policy exception`,
    ]
  }
  switch (violation.type) {
    case 'INSUFFICIENT_BALANCE':
      return ['Fund the wallet, or pay a smaller amount']
    case 'PER_TX_LIMIT':
      return [
        'Pay a smaller amount, or ask an administrator to raise the wallet per-transaction limit',
      ]
    case 'DAILY_LIMIT':
      return [
        `Wait for the daily limit to reset at ${toIso(windowEnd('daily', now))}, or ask an administrator to raise it`,
      ]
    case 'WEEKLY_LIMIT':
      return [
        `Wait for the weekly limit to reset at ${toIso(windowEnd('weekly', now))}, or ask an administrator to raise it`,
      ]
    case 'MONTHLY_LIMIT':
      return [
        `Wait for the monthly limit to reset at ${toIso(windowEnd('monthly', now))}, or ask an administrator to raise it`,
      ]
    case 'TIME_WINDOW':
    case 'BLACKOUT_PERIOD':
      return ['Retry inside the allowed hours and days']
    case 'VELOCITY_LIMIT':
      return ['Slow down: retry once older payments leave the velocity window']
    case 'AGENT_NOT_ACTIVE':
      return ['Ask an administrator to reactivate the agent']
  }
  return [
    violation.policyName === undefined
      ? 'Ask an administrator to review this payment'
      : `Ask an administrator to review policy "${violation.policyName}", or request a policy exception`,
  ]
}

// ---------------------------------------------------------------------------------------------
// GET /api/sdk/payments/{requestId}
// ---------------------------------------------------------------------------------------------

/** The calling agent's payment request at its current lifecycle stage (404 for anyone else's). */
export function retrievePaymentStatus(
  deps: ServiceDeps,
  auth: Auth,
  requestId: string,
  request?: RequestInfo,
): PaymentStatusResult {
  const agentAuth = agentOf(auth)
  let row = findPaymentRequest(deps.db, agentAuth.organizationId, requestId)
  if (!row || row.agentId !== agentAuth.agentId) throw notFound('Payment request', requestId)
  const now = deps.clock.now()
  if (row.status === 'APPROVED' && row.expiresAt !== null && row.expiresAt <= now) {
    expirePaymentRequest(deps, auth, row, request)
    row = findPaymentRequest(deps.db, agentAuth.organizationId, requestId) ?? row
  } else if (row.status === 'REQUIRES_APPROVAL' && row.approvalRequestId !== null) {
    row = expireUnansweredApproval(deps, auth, row, request)
  }
  return toPaymentStatusResponse(deps.db, row, now)
}

/** A request whose human approval lapsed unanswered is EXPIRED. */
function expireUnansweredApproval(
  deps: ServiceDeps,
  auth: Auth,
  row: PaymentRequestRow,
  request: RequestInfo | undefined,
): PaymentRequestRow {
  const approval = findApprovalRequest(deps.db, row.organizationId, row.approvalRequestId ?? '')
  const now = deps.clock.now()
  const lapsed =
    approval !== undefined &&
    (approval.status === 'EXPIRED' || (approval.status === 'PENDING' && approval.expiresAt <= now))
  if (!lapsed) return row
  return inTransaction(deps.db, (tx) => {
    const after = transitionPaymentRequest(tx, row.organizationId, row.id, 'REQUIRES_APPROVAL', {
      status: 'EXPIRED',
      updatedAt: now,
    })
    if (!after) return findPaymentRequest(tx, row.organizationId, row.id) ?? row
    recordAudit(tx, now, {
      organizationId: row.organizationId,
      action: 'UPDATE',
      resource: 'payment_request',
      resourceId: row.id,
      previousState: { status: row.status },
      newState: { status: 'EXPIRED' },
      actor: actorOf(auth),
      request,
      metadata: { change: 'approval_expired', approvalRequestId: row.approvalRequestId },
    })
    return after
  })
}

/** A payment request row as `GET /api/sdk/payments/{requestId}` returns it. */
export function toPaymentStatusResponse(
  db: DbLike,
  row: PaymentRequestRow,
  now: number,
): PaymentStatusResult {
  const decision = row.decision as Partial<PolicyDecision>
  const wallet =
    row.walletId === null ? undefined : findWallet(db, row.organizationId, row.walletId)
  const transaction =
    row.transactionId === null
      ? undefined
      : findTransaction(db, row.organizationId, row.transactionId)?.transaction
  const chain = chainSummaryOf(row.chainId)
  return {
    requestId: row.id,
    status: row.status,
    amount: fromMicros(row.amountMicros),
    currency: row.currency,
    recipientAddress: row.recipientAddress ?? '',
    recipientName: row.recipientName,
    purpose: row.purpose,
    category: row.category,
    urgency: row.urgency,
    ...(wallet ? { wallet: walletSummary(wallet, availableBalanceOf(db, wallet, now)) } : {}),
    ...(chain ? { chain } : {}),
    expiresAt: toIsoOrNull(row.expiresAt),
    reasons: Array.isArray(decision.reasons) ? decision.reasons : [],
    violations: Array.isArray(decision.violations) ? decision.violations : [],
    ...(decision.evaluation ? { evaluation: decision.evaluation } : {}),
    ...(row.approvalRequestId === null ? {} : { approvalRequestId: row.approvalRequestId }),
    ...(transaction && transaction.txHash !== null
      ? { execution: toPaymentExecution(transaction) }
      : {}),
    failureReason: row.failureReason,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The calling agent; 403 AGENT_NOT_ACTIVE unless it is ACTIVE. */
function activeAgentOf(db: DbLike, auth: AgentAuth): AgentRow {
  const agent = findAgent(db, auth.organizationId, auth.agentId)
  if (!agent) throw new ApiError('NOT_FOUND', 'The agent of this key no longer exists')
  if (agent.status !== 'ACTIVE') {
    throw new ApiError(
      'AGENT_NOT_ACTIVE',
      `Agent ${agent.id} is ${agent.status}: only ACTIVE agents can make payments`,
      { agentId: agent.id, agentStatus: agent.status },
    )
  }
  return agent
}

function idempotencyConflict(): ApiError {
  return new ApiError(
    'IDEMPOTENCY_CONFLICT',
    'This idempotencyKey was already used with a different payment request: use a new key for a new payment',
  )
}

/** SHA-256 of the canonical JSON of the parsed body without `idempotencyKey`. */
function hashOfBody(body: RequestPaymentInput): string {
  const { idempotencyKey: _key, ...rest } = body
  return createHash('sha256').update(canonicalJson(rest)).digest('hex')
}
