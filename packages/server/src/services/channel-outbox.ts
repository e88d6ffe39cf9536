import { createHash, randomBytes } from 'node:crypto'
import {
  type ApprovalDecision,
  approvalChannelEvents,
  type NotificationChannelEvent,
  notificationChannelEvents,
} from '@conto/schemas'
import { toIso } from '../clock.js'
import { findApprovalRequest } from '../db/repositories/approval-requests.js'
import {
  insertChannelActionToken,
  type NewChannelActionTokenRow,
} from '../db/repositories/channel-action-tokens.js'
import { insertChannelMessage } from '../db/repositories/channel-messages.js'
import { listActiveChannelTargets } from '../db/repositories/notification-channels.js'
import type { DbLike } from '../db/transaction.js'
import { createId } from '../ids.js'

/**
 * The notification-channel side of `emitEvent`: one PENDING outbox row per active channel
 * subscribed to the event, in the caller's transaction (so a message exists exactly when the
 * change it announces was committed; the channel worker sends it off the request path). For
 * `approval.requested` each channel's message also carries one approve and one reject token
 * (single use, expiring with the approval request, stored only as SHA-256 hashes) and the
 * action endpoint they are posted to.
 */

/** Where channel tokens are posted (`<baseUrl>` + this; the worker makes it absolute). */
export const APPROVAL_ACTION_PATH = '/api/approvals/action'

/** What a redacted token reads as once its message is finished. */
export const REDACTED_TOKEN = '[redacted]'

/** The approve/reject part of an `approval.requested` channel message. */
export interface ChannelMessageActions {
  /** `POST` here with `{ token, decision }` (a path until the worker sends the message). */
  readonly url: string
  readonly method: 'POST'
  readonly expiresAt: string
  readonly approve: { readonly token: string; readonly decision: 'APPROVED' }
  readonly reject: { readonly token: string; readonly decision: 'REJECTED' }
}

/** The JSON a channel message carries (the webhook envelope, plus `channelId` and `actions`). */
export interface ChannelEnvelope {
  readonly id: string
  readonly event: string
  readonly timestamp: string
  readonly channelId: string
  readonly data: Record<string, unknown>
  readonly actions?: ChannelMessageActions
}

const channelEvents: ReadonlySet<string> = new Set(notificationChannelEvents)
const approvalEvents: ReadonlySet<string> = new Set(approvalChannelEvents)

/** Whether notification channels can carry `event`. */
export function isChannelEvent(event: string): event is NotificationChannelEvent {
  return channelEvents.has(event)
}

/** A fresh action token: 64 lowercase hex characters (32 random bytes). */
export function generateActionToken(): string {
  return randomBytes(32).toString('hex')
}

/** The stored form of an action token: SHA-256 of its lowercase hex, as hex. */
export function hashActionToken(token: string): string {
  return createHash('sha256').update(token.toLowerCase(), 'utf8').digest('hex')
}

export interface ChannelEventInput {
  readonly organizationId: string
  readonly eventId: string
  readonly event: NotificationChannelEvent
  readonly data: Record<string, unknown>
}

/** Writes the outbox rows of one event; returns how many channels it went to. */
export function enqueueChannelMessages(db: DbLike, now: number, input: ChannelEventInput): number {
  const channels = listActiveChannelTargets(db, input.organizationId).filter(
    (channel) =>
      channel.events.includes(input.event) &&
      // Only WEBHOOK channels carry payment events (the API refuses them elsewhere; this keeps
      // a row written around the API from receiving them).
      (approvalEvents.has(input.event) || channel.type === 'WEBHOOK'),
  )
  if (channels.length === 0) return 0
  const approvalRequest =
    input.event === 'approval.requested' && typeof input.data['approvalRequestId'] === 'string'
      ? findApprovalRequest(db, input.organizationId, input.data['approvalRequestId'])
      : undefined
  const realNow = Date.now()
  for (const channel of channels) {
    const messageId = createId()
    const minted =
      approvalRequest?.status === 'PENDING'
        ? mintActions(now, {
            organizationId: input.organizationId,
            approvalRequestId: approvalRequest.id,
            channelId: channel.id,
            messageId,
            expiresAt: approvalRequest.expiresAt,
          })
        : undefined
    const envelope: ChannelEnvelope = {
      id: input.eventId,
      event: input.event,
      timestamp: toIso(now),
      channelId: channel.id,
      data: input.data,
      ...(minted ? { actions: minted.actions } : {}),
    }
    insertChannelMessage(db, {
      id: messageId,
      organizationId: input.organizationId,
      channelId: channel.id,
      eventId: input.eventId,
      event: input.event,
      payload: JSON.stringify(envelope),
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: realNow,
      createdAt: now,
      updatedAt: now,
    })
    for (const row of minted?.rows ?? []) insertChannelActionToken(db, row)
  }
  return channels.length
}

interface MintInput {
  readonly organizationId: string
  readonly approvalRequestId: string
  readonly channelId: string
  readonly messageId: string
  readonly expiresAt: number
}

/** One approve and one reject token for a channel message, and the rows storing their hashes. */
function mintActions(
  now: number,
  input: MintInput,
): { actions: ChannelMessageActions; rows: NewChannelActionTokenRow[] } {
  const rows: NewChannelActionTokenRow[] = []
  const mint = (decision: ApprovalDecision): string => {
    const token = generateActionToken()
    rows.push({
      id: createId(),
      organizationId: input.organizationId,
      tokenHash: hashActionToken(token),
      approvalRequestId: input.approvalRequestId,
      channelId: input.channelId,
      messageId: input.messageId,
      decision,
      expiresAt: input.expiresAt,
      usedAt: null,
      createdAt: now,
    })
    return token
  }
  const actions: ChannelMessageActions = {
    url: APPROVAL_ACTION_PATH,
    method: 'POST',
    expiresAt: toIso(input.expiresAt),
    approve: { token: mint('APPROVED'), decision: 'APPROVED' },
    reject: { token: mint('REJECTED'), decision: 'REJECTED' },
  }
  return { actions, rows }
}
