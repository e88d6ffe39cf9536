import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import {
  auditLogs,
  paymentRequests,
  reservations,
  spendDays,
  transactions,
  wallets,
  webhookDeliveries,
  webhooks,
} from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import type { Harness } from './harness.js'

/** Fixtures for the settlement and external-payment route tests. */

export const ALL_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export const PAYMENT_SCOPES = [
  'payments:request',
  'payments:execute',
  'payments:approve',
  'payments:confirm',
  'wallets:read',
  'transactions:read',
]

/** An agent (with every payment scope) and a funded managed wallet linked to it. */
export async function setupManaged(
  h: Harness,
  input: {
    balance?: number
    chainId?: string
    chainType?: 'EVM' | 'SOLANA'
    custodyType?: string
    link?: Record<string, unknown>
    scopes?: readonly string[]
  } = {},
) {
  const agent = h.createAgentWithKey({ scopes: input.scopes ?? PAYMENT_SCOPES })
  const created = await h.call('POST', '/api/wallets', {
    body: {
      name: 'Managed',
      custodyType: input.custodyType ?? 'PRIVY',
      chainId: input.chainId ?? '42431',
      chainType: input.chainType ?? 'EVM',
    },
  })
  expect(created.status, created.text).toBe(201)
  const walletId: string = created.body.id
  if ((input.balance ?? 1000) > 0) {
    const funded = await h.call('POST', `/api/wallets/${walletId}/fund`, {
      body: { amount: input.balance ?? 1000 },
    })
    expect(funded.status, funded.text).toBe(200)
  }
  const linked = await h.call('POST', `/api/agents/${agent.agentId}/wallets`, {
    body: { walletId, allowedDays: ALL_DAYS, ...input.link },
  })
  expect(linked.status, linked.text).toBe(201)
  return {
    agentId: agent.agentId,
    key: agent.key,
    walletId,
    address: created.body.address as string,
  }
}

/**
 * An APPROVED payment request with its reservation, as `payments.request` leaves it (inserted
 * directly, so these tests do not depend on the evaluator).
 */
export function insertApprovedRequest(
  h: Harness,
  input: {
    agentId: string
    walletId: string | null
    amountMicros: number
    recipientAddress: string
    chainId?: string
    currency?: string
    status?: string
    expiresAt?: number
  },
) {
  const now = h.clock.now()
  const id = createId()
  const expiresAt = input.expiresAt ?? now + 5 * 60_000
  h.db
    .insert(paymentRequests)
    .values({
      id,
      organizationId: h.organization.id,
      agentId: input.agentId,
      walletId: input.walletId,
      kind: 'standard',
      status: input.status ?? 'APPROVED',
      amountMicros: input.amountMicros,
      currency: input.currency ?? 'pathUSD',
      chainId: input.chainId ?? '42431',
      recipientAddress: input.recipientAddress,
      recipientKey: input.recipientAddress.toLowerCase(),
      urgency: 'NORMAL',
      autoExecute: false,
      decision: { status: 'APPROVED', reasons: [], violations: [] },
      expiresAt,
      createdAt: now,
      updatedAt: now,
    })
    .run()
  if (input.walletId !== null && (input.status ?? 'APPROVED') === 'APPROVED') {
    h.db
      .insert(reservations)
      .values({
        id: createId(),
        organizationId: h.organization.id,
        agentId: input.agentId,
        walletId: input.walletId,
        recipientKey: input.recipientAddress.toLowerCase(),
        sourceType: 'payment_request',
        sourceId: id,
        amountMicros: input.amountMicros,
        expiresAt,
        createdAt: now,
      })
      .run()
  }
  return id
}

export function requestRow(h: Harness, requestId: string) {
  return h.db.select().from(paymentRequests).where(eq(paymentRequests.id, requestId)).get()
}

export function walletRow(h: Harness, walletId: string) {
  return h.db.select().from(wallets).where(eq(wallets.id, walletId)).get()
}

export function transactionsOf(h: Harness, agentId: string) {
  return h.db.select().from(transactions).where(eq(transactions.agentId, agentId)).all()
}

export function reservationOf(h: Harness, sourceId: string) {
  return h.db.select().from(reservations).where(eq(reservations.sourceId, sourceId)).get()
}

export function spendRows(h: Harness, agentId: string) {
  return h.db.select().from(spendDays).where(eq(spendDays.agentId, agentId)).all()
}

export function auditActions(h: Harness, resourceId: string) {
  return h.db
    .select()
    .from(auditLogs)
    .where(
      and(eq(auditLogs.organizationId, h.organization.id), eq(auditLogs.resourceId, resourceId)),
    )
    .all()
}

/** Subscribes a webhook to every event, so emitted events become delivery rows. */
export function subscribeWebhook(h: Harness): string {
  const now = h.clock.now()
  const id = createId()
  h.db
    .insert(webhooks)
    .values({
      id,
      organizationId: h.organization.id,
      url: 'http://127.0.0.1:9/hook',
      events: [],
      isActive: true,
      secret: `whsec_${'A'.repeat(43)}=`,
      createdAt: now,
      updatedAt: now,
    })
    .run()
  return id
}

/** Events delivered to `webhookId`, in order, with their parsed payloads. */
export function eventsOf(h: Harness, webhookId: string) {
  return h.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .all()
    .map((row) => ({
      event: row.event,
      ...(JSON.parse(row.payload) as { data: Record<string, unknown> }),
    }))
}
