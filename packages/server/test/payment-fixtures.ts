import { randomBytes } from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import {
  agents,
  alerts,
  approvalRequests,
  auditLogs,
  idempotencyKeys,
  paymentRequests,
  reservations,
  webhookDeliveries,
  webhooks,
} from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import type { Harness } from './harness.js'

/** Fixtures for the payment-request (decision) route tests. */

export const ALL_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const PAYMENT_SCOPES = [
  'payments:request',
  'payments:execute',
  'wallets:read',
  'transactions:read',
]

/** A fresh random EVM address. */
export function randomAddress(): string {
  return `0x${randomBytes(20).toString('hex')}`
}

/** Creates a wallet through the API (managed custody gets a real key), funds it, returns its id. */
export async function createWallet(
  h: Harness,
  input: { custodyType?: string; chainId?: string; balance?: number; address?: string } = {},
): Promise<string> {
  const custodyType = input.custodyType ?? 'PRIVY'
  const created = await h.call('POST', '/api/wallets', {
    body: {
      name: `${custodyType} wallet ${createId().slice(-5)}`,
      custodyType,
      chainId: input.chainId ?? '42431',
      ...(input.address !== undefined
        ? { address: input.address }
        : custodyType === 'EXTERNAL'
          ? { address: randomAddress() }
          : {}),
    },
  })
  expect(created.status, created.text).toBe(201)
  const walletId: string = created.body.id
  if ((input.balance ?? 0) > 0) {
    const funded = await h.call('POST', `/api/wallets/${walletId}/fund`, {
      body: { amount: input.balance },
    })
    expect(funded.status, funded.text).toBe(200)
  }
  return walletId
}

export async function link(
  h: Harness,
  agentId: string,
  walletId: string,
  body: Record<string, unknown> = { allowedDays: ALL_DAYS },
) {
  const linked = await h.call('POST', `/api/agents/${agentId}/wallets`, {
    body: { walletId, ...body },
  })
  expect(linked.status, linked.text).toBe(201)
  return linked.body
}

/**
 * An agent with every payment scope and one funded PRIVY wallet on Tempo Testnet, linked with
 * the default limits (100 per transaction, 1,000 daily) on every day of the week.
 */
export async function setupAgent(
  h: Harness,
  input: {
    balance?: number
    link?: Record<string, unknown>
    scopes?: readonly string[]
    custodyType?: string
  } = {},
) {
  const agent = h.createAgentWithKey({ scopes: input.scopes ?? PAYMENT_SCOPES })
  const walletId = await createWallet(h, {
    balance: input.balance ?? 10_000,
    ...(input.custodyType === undefined ? {} : { custodyType: input.custodyType }),
  })
  await link(h, agent.agentId, walletId, { allowedDays: ALL_DAYS, ...input.link })
  return { agentId: agent.agentId, key: agent.key, walletId }
}

/** `POST /api/sdk/payments/request` with the agent's key. */
export function requestPayment(h: Harness, key: string, body: Record<string, unknown>) {
  return h.call('POST', '/api/sdk/payments/request', {
    key,
    body: { recipientAddress: RECIPIENT, ...body },
  })
}

/** Creates an active policy with `rules` assigned to the agent, through the API. */
export async function createPolicy(
  h: Harness,
  agentId: string,
  rules: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await h.call('POST', '/api/policies', {
    body: {
      name: `Policy ${createId().slice(-6)}`,
      policyType: 'SPEND_LIMIT',
      rules,
      agentIds: [agentId],
      ...extra,
    },
  })
  expect(created.status, created.text).toBe(201)
  return created.body.id
}

/** Subscribes a webhook to every event (rows only: no worker runs in route tests). */
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

/** Event names delivered to `webhookId`, in order of emission. */
export function eventNames(h: Harness, webhookId: string): string[] {
  return h.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .all()
    .map((row) => row.event)
}

export function eventPayloads(h: Harness, webhookId: string, event: string) {
  return h.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.event, event)))
    .all()
    .map((row) => JSON.parse(row.payload) as { data: Record<string, unknown> })
}

export function requestRow(h: Harness, requestId: string) {
  return h.db.select().from(paymentRequests).where(eq(paymentRequests.id, requestId)).get()
}

export function requestRowsOf(h: Harness, agentId: string) {
  return h.db.select().from(paymentRequests).where(eq(paymentRequests.agentId, agentId)).all()
}

export function reservationOf(h: Harness, requestId: string) {
  return h.db.select().from(reservations).where(eq(reservations.sourceId, requestId)).get()
}

export function approvalRequestRow(h: Harness, approvalRequestId: string) {
  return h.db
    .select()
    .from(approvalRequests)
    .where(eq(approvalRequests.id, approvalRequestId))
    .get()
}

export function alertsOf(h: Harness, agentId: string, type?: string) {
  return h.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.agentId, agentId), type === undefined ? undefined : eq(alerts.type, type)))
    .all()
}

export function auditOf(h: Harness, resourceId: string) {
  return h.db.select().from(auditLogs).where(eq(auditLogs.resourceId, resourceId)).all()
}

export function agentRow(h: Harness, agentId: string) {
  return h.db.select().from(agents).where(eq(agents.id, agentId)).get()
}

/** Row counts of every table a payment request may write to. */
export function footprint(h: Harness) {
  const countOf = (
    table:
      | typeof paymentRequests
      | typeof reservations
      | typeof auditLogs
      | typeof webhookDeliveries
      | typeof alerts
      | typeof approvalRequests
      | typeof idempotencyKeys,
  ) => h.db.select({ total: count() }).from(table).get()?.total ?? 0
  return {
    paymentRequests: countOf(paymentRequests),
    reservations: countOf(reservations),
    auditLogs: countOf(auditLogs),
    webhookDeliveries: countOf(webhookDeliveries),
    alerts: countOf(alerts),
    approvalRequests: countOf(approvalRequests),
    idempotencyKeys: countOf(idempotencyKeys),
  }
}
