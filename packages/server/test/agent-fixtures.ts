import { asc, desc, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import {
  auditLogs,
  counterparties,
  policies,
  policyRules,
  reservations,
  spendDays,
  wallets,
} from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import { issueOrgApiKey } from '../src/services/organizations.js'
import type { Harness } from './harness.js'

/** Fixtures for the agents-domain route tests: rows inserted directly, plus API shortcuts. */

export function readOnlyKey(h: Harness, organizationId = h.organization.id): string {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key
}

/** The organization's audit entries, oldest first. */
export function auditEntries(h: Harness, organizationId = h.organization.id) {
  return h.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, organizationId))
    .orderBy(asc(auditLogs.sequence))
    .all()
}

export function lastAudit(h: Harness, organizationId = h.organization.id) {
  return h.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, organizationId))
    .orderBy(desc(auditLogs.sequence))
    .limit(1)
    .get()
}

export function auditCount(h: Harness, organizationId = h.organization.id): number {
  return auditEntries(h, organizationId).length
}

let addressCounter = 0

/** A fresh checksum-free EVM address. */
export function nextAddress(): string {
  addressCounter += 1
  return `0x${addressCounter.toString(16).padStart(40, '0')}`
}

export function insertWallet(
  h: Harness,
  input: {
    organizationId?: string
    name?: string
    status?: string
    custodyType?: string
    balanceMicros?: number
  } = {},
) {
  const now = h.clock.now()
  const address = nextAddress()
  return h.db
    .insert(wallets)
    .values({
      id: createId(),
      organizationId: input.organizationId ?? h.organization.id,
      name: input.name ?? 'Ops wallet',
      address,
      addressKey: address.toLowerCase(),
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: input.custodyType ?? 'PRIVY',
      balanceMicros: input.balanceMicros ?? 0,
      currency: 'pathUSD',
      status: input.status ?? 'ACTIVE',
      isWatchOnly: false,
      enforcementMode: 'ENFORCED',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get()
}

export function walletStatus(h: Harness, walletId: string): string | undefined {
  return h.db.select().from(wallets).where(eq(wallets.id, walletId)).get()?.status
}

export function insertCounterparty(h: Harness, organizationId = h.organization.id) {
  const now = h.clock.now()
  const address = nextAddress()
  return h.db
    .insert(counterparties)
    .values({
      id: createId(),
      organizationId,
      name: 'Acme Supplies',
      address,
      addressKey: address.toLowerCase(),
      type: 'VENDOR',
      status: 'ACTIVE',
      trustScore: 0.5,
      trustLevel: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      verified: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get()
}

export function insertPolicy(
  h: Harness,
  input: { organizationId?: string; name?: string; priority?: number } = {},
) {
  const now = h.clock.now()
  const policy = h.db
    .insert(policies)
    .values({
      id: createId(),
      organizationId: input.organizationId ?? h.organization.id,
      name: input.name ?? 'Spend limits',
      description: null,
      policyType: 'SPEND_LIMIT',
      priority: input.priority ?? 50,
      isActive: true,
      scope: 'assigned',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get()
  h.db
    .insert(policyRules)
    .values({
      id: createId(),
      policyId: policy.id,
      position: 0,
      ruleType: 'MAX_AMOUNT',
      operator: 'LESS_THAN_OR_EQUAL',
      value: '200',
      action: 'ALLOW',
      createdAt: now,
    })
    .run()
  return policy
}

/** Records confirmed spend of an agent through a wallet on the UTC day of `at`. */
export function insertSpend(
  h: Harness,
  agentId: string,
  walletId: string,
  at: string,
  amountMicros: number,
) {
  const ms = Date.parse(at)
  h.db
    .insert(spendDays)
    .values({ agentId, walletId, day: ms - (ms % 86_400_000), amountMicros, count: 1 })
    .run()
}

/** A live reservation (an APPROVED request not yet executed). */
export function insertReservation(
  h: Harness,
  agentId: string,
  walletId: string,
  amountMicros: number,
) {
  const now = h.clock.now()
  h.db
    .insert(reservations)
    .values({
      id: createId(),
      organizationId: h.organization.id,
      agentId,
      walletId,
      sourceType: 'payment_request',
      sourceId: createId(),
      amountMicros,
      expiresAt: now + 300_000,
      createdAt: now,
    })
    .run()
}

/** Creates an agent through the API and returns its body. */
export async function createAgent(
  h: Harness,
  body: Record<string, unknown> = {},
  key?: string,
): Promise<
  { id: string; name: string; publicKey: string; status: string } & Record<string, unknown>
> {
  const response = await h.call('POST', '/api/agents', {
    ...(key === undefined ? {} : { key }),
    body: { name: `Agent ${createId().slice(-8)}`, agentType: 'CUSTOM', ...body },
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}

/** Links a wallet through the API and returns the link body. */
export async function linkWallet(
  h: Harness,
  agentId: string,
  walletId: string,
  body: Record<string, unknown> = {},
) {
  const response = await h.call('POST', `/api/agents/${agentId}/wallets`, {
    body: { walletId, ...body },
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}
