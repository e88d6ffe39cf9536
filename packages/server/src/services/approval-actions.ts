import type { ApprovalActionResponse, approvalActionParamsSchema } from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import {
  type ChannelActionTokenRow,
  findChannelActionTokenByHash,
  spendChannelMessageTokens,
} from '../db/repositories/channel-action-tokens.js'
import {
  findNotificationChannel,
  type NotificationChannelRow,
} from '../db/repositories/notification-channels.js'
import type { Tx } from '../db/transaction.js'
import type { Auth, RequestInfo, ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { decideApprovalRequest, expireOverdueApprovalRequests } from './approval-requests.js'
import { hashActionToken } from './channel-outbox.js'

/**
 * `POST /api/approvals/action` (§2.10): the callback of a notification channel's approve/reject
 * buttons. The one-time token is the only credential: it is looked up by its SHA-256, must be
 * unused, made for the decision asked for, from a channel that still exists and is active, and
 * not expired. The vote then goes through the org API's decision path (accumulation to
 * `requiredApprovals`, auto-execution, reservations, events, audit) with the channel as the
 * approver, and the token and its sibling are spent in the same transaction as the vote.
 */

type ActionInput = z.output<typeof approvalActionParamsSchema>

export interface ApprovalActionCall {
  readonly deps: ServiceDeps
  readonly request?: RequestInfo | undefined
}

const invalidToken = (message: string) => new ApiError('INVALID_APPROVAL_TOKEN', message)

const verbOf = (decision: string) => (decision === 'APPROVED' ? 'approve' : 'reject')

/**
 * The channel acting as an organization credential: approver and audit actor `channel:<id>`
 * (actor type API — it called the API with a credential), bound by the workflow's approver rules
 * like an org key no member issued (a workflow naming `specificApprovers` must name it).
 */
function channelAuthOf(channel: NotificationChannelRow): Auth {
  return {
    kind: 'org',
    organizationId: channel.organizationId,
    keyId: `channel:${channel.id}`,
    scopes: new Set(['transactions:write']),
  }
}

export async function actOnApproval(
  call: ApprovalActionCall,
  input: ActionInput,
): Promise<ApprovalActionResponse> {
  const { deps } = call
  const now = deps.clock.now()
  const token = findChannelActionTokenByHash(deps.db, hashActionToken(input.token))
  if (!token) throw invalidToken('This approval token is not valid')
  if (token.usedAt !== null) {
    throw invalidToken('This approval token was already used (or its sibling was)')
  }
  const channel = findNotificationChannel(deps.db, token.organizationId, token.channelId)
  if (!channel?.isActive) {
    throw invalidToken('The notification channel of this approval token is disabled')
  }
  if (token.decision !== input.decision) {
    throw new ApiError(
      'FORBIDDEN',
      `This token can only ${verbOf(token.decision)} approval request ${token.approvalRequestId}; use the ${verbOf(input.decision)} token from the same message`,
      { approvalRequestId: token.approvalRequestId, tokenDecision: token.decision },
    )
  }
  if (now >= token.expiresAt) {
    // Reads see the truth: the overdue request (and its payment) expire now, as a list would.
    expireOverdueApprovalRequests(deps, token.organizationId)
    throw new ApiError(
      'EXPIRED',
      `This approval token expired at ${toIso(token.expiresAt)} with its approval request`,
      { approvalRequestId: token.approvalRequestId, expiresAt: toIso(token.expiresAt) },
    )
  }
  const result = await decideApprovalRequest(
    { deps, auth: channelAuthOf(channel), request: call.request },
    token.approvalRequestId,
    input.decision,
    input.reason === undefined ? {} : { reason: input.reason },
    {
      onVote: (tx) => spendToken(tx, token, now),
      auditMetadata: {
        via: 'notification_channel',
        channelId: channel.id,
        channelType: channel.type,
        tokenId: token.id,
      },
    },
  )
  return {
    approvalRequestId: result.approvalRequest.id,
    status: result.approvalRequest.status,
  }
}

/** Spends the token and its sibling; a token spent meanwhile undoes the vote. */
function spendToken(tx: Tx, token: ChannelActionTokenRow, now: number): void {
  const spent = spendChannelMessageTokens(tx, token.organizationId, token.messageId, now)
  if (!spent.includes(token.id)) {
    throw invalidToken('This approval token was already used (or its sibling was)')
  }
}
