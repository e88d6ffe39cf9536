import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import {
  approvalRequests,
  externalApprovals,
  paymentRequests,
  reservations,
} from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import type { Harness } from './harness.js'
import { setupManaged } from './settlement-fixtures.js'

/** Fixtures for the approval-request tests: rows inserted directly, and the real flow. */

export const VENDOR = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const HOUR = 3_600_000
export const MINUTE = 60_000

/** A PENDING approval request, optionally with the REQUIRES_APPROVAL payment request it holds. */
export function insertApprovalRequest(
  h: Harness,
  input: {
    agentId: string
    organizationId?: string
    type?: 'PAYMENT' | 'EXTERNAL_APPROVAL'
    status?: string
    withPayment?: boolean
    walletId?: string | null
    externalApprovalId?: string | null
    workflowId?: string | null
    requiredApprovals?: number
    amountMicros?: number
    expiresAt?: number
    createdAt?: number
  },
): { approvalRequestId: string; paymentRequestId: string | null } {
  const now = input.createdAt ?? h.clock.now()
  const organizationId = input.organizationId ?? h.organization.id
  const approvalRequestId = createId()
  const amountMicros = input.amountMicros ?? 75_000_000
  let paymentRequestId: string | null = null
  if (input.withPayment ?? (input.type ?? 'PAYMENT') === 'PAYMENT') {
    paymentRequestId = createId()
    h.db
      .insert(paymentRequests)
      .values({
        id: paymentRequestId,
        organizationId,
        agentId: input.agentId,
        walletId: input.walletId ?? null,
        kind: 'standard',
        status: 'REQUIRES_APPROVAL',
        amountMicros,
        currency: 'pathUSD',
        chainId: '42431',
        recipientAddress: VENDOR,
        recipientKey: VENDOR.toLowerCase(),
        urgency: 'NORMAL',
        autoExecute: false,
        decision: {
          status: 'REQUIRES_APPROVAL',
          reasons: ['Requires approval: amount above 50'],
          violations: [],
        },
        approvalRequestId,
        expiresAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .run()
  }
  h.db
    .insert(approvalRequests)
    .values({
      id: approvalRequestId,
      organizationId,
      type: input.type ?? 'PAYMENT',
      status: input.status ?? 'PENDING',
      agentId: input.agentId,
      paymentRequestId,
      externalApprovalId: input.externalApprovalId ?? null,
      workflowId: input.workflowId ?? null,
      amountMicros,
      currency: 'pathUSD',
      recipientAddress: VENDOR,
      purpose: 'GPU time',
      requiredApprovals: input.requiredApprovals ?? 1,
      approvals: [],
      expiresAt: input.expiresAt ?? now + 24 * HOUR,
      createdAt: now,
    })
    .run()
  return { approvalRequestId, paymentRequestId }
}

/** An external-wallet approval waiting for a human (REQUIRES_APPROVAL). */
export function insertExternalApproval(h: Harness, agentId: string): string {
  const now = h.clock.now()
  const id = createId()
  h.db
    .insert(externalApprovals)
    .values({
      id,
      organizationId: h.organization.id,
      agentId,
      walletId: null,
      status: 'REQUIRES_APPROVAL',
      amountMicros: 75_000_000,
      currency: 'pathUSD',
      chainId: '42431',
      recipientAddress: VENDOR,
      senderAddress: '0x2222222222222222222222222222222222222222',
      decision: { reasons: ['Requires approval'], violations: [] },
      expiresAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .run()
  return id
}

export function approvalRow(h: Harness, id: string) {
  return h.db.select().from(approvalRequests).where(eq(approvalRequests.id, id)).get()
}

export function externalApprovalRow(h: Harness, id: string) {
  return h.db.select().from(externalApprovals).where(eq(externalApprovals.id, id)).get()
}

export function paymentRow(h: Harness, id: string) {
  return h.db.select().from(paymentRequests).where(eq(paymentRequests.id, id)).get()
}

export function reservationRow(h: Harness, sourceId: string) {
  return h.db.select().from(reservations).where(eq(reservations.sourceId, sourceId)).get()
}

/** A policy that sends the agent's payments above 50 to a human (REQUIRE_APPROVAL_ABOVE). */
export async function escalateAbove50(h: Harness, agentId: string): Promise<void> {
  const policy = await h.call('POST', '/api/policies', {
    body: {
      name: 'Escalate above 50',
      policyType: 'APPROVAL_THRESHOLD',
      rules: [
        {
          ruleType: 'REQUIRE_APPROVAL_ABOVE',
          operator: 'GREATER_THAN',
          value: '50',
          action: 'REQUIRE_APPROVAL',
        },
      ],
      agentIds: [agentId],
    },
  })
  expect(policy.status, policy.text).toBe(201)
}

/**
 * The real flow up to a human: a funded managed wallet, a policy that escalates payments above
 * 50 (or the given approval workflow instead), and a payment of 75 that comes back
 * REQUIRES_APPROVAL.
 */
export async function requestNeedingApproval(
  h: Harness,
  input: {
    autoExecute?: boolean
    amount?: number
    /** Escalate through this approval workflow instead of the REQUIRE_APPROVAL_ABOVE policy. */
    workflow?: Record<string, unknown>
  } = {},
) {
  const managed = await setupManaged(h, { balance: 1000 })
  if (input.workflow) {
    const workflow = await h.call('POST', '/api/approval-workflows', { body: input.workflow })
    expect(workflow.status, workflow.text).toBe(201)
  } else {
    await escalateAbove50(h, managed.agentId)
  }
  const requested = await h.call('POST', '/api/sdk/payments/request', {
    key: managed.key,
    body: {
      amount: input.amount ?? 75,
      recipientAddress: VENDOR,
      purpose: 'GPU time',
      ...(input.autoExecute === undefined ? {} : { autoExecute: input.autoExecute }),
    },
  })
  expect(requested.status, requested.text).toBe(200)
  expect(requested.body.status, requested.text).toBe('REQUIRES_APPROVAL')
  expect(requested.body.approvalRequestId).toEqual(expect.any(String))
  return {
    ...managed,
    requestId: requested.body.requestId as string,
    approvalRequestId: requested.body.approvalRequestId as string,
  }
}
