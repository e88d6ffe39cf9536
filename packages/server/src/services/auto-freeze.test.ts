import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness } from '../../test/harness.js'
import { agentRow, alertsOf, setupAgent } from '../../test/payment-fixtures.js'
import { agents, wallets } from '../db/schema.js'
import {
  recordPaymentFailure,
  recordPolicyViolation,
  resetPaymentFailures,
  resetPolicyViolations,
} from './auto-freeze.js'

describe('recordPaymentFailure', () => {
  test('default', async () => {
    const h = createHarness()
    const { agentId } = await setupAgent(h)
    const event = { organizationId: h.organization.id, agentId, reason: 'signing failed' }
    for (let i = 1; i <= 4; i++) {
      expect(recordPaymentFailure(h.db, h.clock.now(), event)).toMatchObject({
        count: i,
        tripped: false,
      })
    }
    expect(recordPaymentFailure(h.db, h.clock.now(), event)).toMatchObject({
      count: 5,
      tripped: true,
      frozen: false,
    })
    expect(alertsOf(h, agentId, 'AUTO_FREEZE')[0]?.metadata).toMatchObject({
      trigger: 'CONSECUTIVE_FAILURES',
      lastReason: 'signing failed',
    })
    resetPaymentFailures(h.db, h.clock.now(), event)
    expect(agentRow(h, agentId)?.consecutiveFailures).toBe(0)
  })

  test('behavior: freezes the agent and its ACTIVE wallets at the configured threshold', async () => {
    const h = createHarness()
    const { agentId, walletId } = await setupAgent(h)
    h.db
      .update(agents)
      .set({ autoFreezeEnabled: true, freezeConfig: { maxConsecutiveFailures: 2 } })
      .where(eq(agents.id, agentId))
      .run()
    const event = { organizationId: h.organization.id, agentId }
    recordPaymentFailure(h.db, h.clock.now(), event)
    const outcome = recordPaymentFailure(h.db, h.clock.now(), event)
    expect(outcome).toMatchObject({ tripped: true, frozen: true, frozenWalletIds: [walletId] })
    expect(agentRow(h, agentId)).toMatchObject({
      status: 'SUSPENDED',
      frozenReason: 'CONSECUTIVE_FAILURES',
    })
    expect(h.db.select().from(wallets).where(eq(wallets.id, walletId)).get()?.status).toBe('FROZEN')
  })

  test('behavior: a streak already past the threshold freezes once auto-freeze is switched on', async () => {
    const h = createHarness()
    const { agentId, walletId } = await setupAgent(h)
    const event = { organizationId: h.organization.id, agentId }
    for (let i = 1; i <= 6; i++) recordPaymentFailure(h.db, h.clock.now(), event)
    // Alert-only: one AUTO_FREEZE alert for the streak, at 5; none again at 6.
    expect(alertsOf(h, agentId, 'AUTO_FREEZE')).toHaveLength(1)
    expect(agentRow(h, agentId)?.status).toBe('ACTIVE')

    h.db
      .update(agents)
      .set({ autoFreezeEnabled: true, freezeConfig: { maxConsecutiveFailures: 2 } })
      .where(eq(agents.id, agentId))
      .run()
    const outcome = recordPaymentFailure(h.db, h.clock.now(), event)
    expect(outcome).toMatchObject({ count: 7, tripped: true, frozen: true })
    expect(agentRow(h, agentId)?.status).toBe('SUSPENDED')
    expect(h.db.select().from(wallets).where(eq(wallets.id, walletId)).get()?.status).toBe('FROZEN')
    // Frozen already: further failures do not trip again.
    expect(recordPaymentFailure(h.db, h.clock.now(), event)).toMatchObject({ tripped: false })
    expect(alertsOf(h, agentId, 'AUTO_FREEZE')).toHaveLength(2)
  })

  test('behavior: an unknown agent is ignored', () => {
    const h = createHarness()
    expect(
      recordPaymentFailure(h.db, h.clock.now(), {
        organizationId: h.organization.id,
        agentId: 'cmissing',
      }),
    ).toMatchObject({ count: 0, tripped: false })
  })
})

describe('recordPolicyViolation', () => {
  test('default', async () => {
    const h = createHarness()
    const { agentId } = await setupAgent(h)
    const event = { organizationId: h.organization.id, agentId }
    expect(recordPolicyViolation(h.db, h.clock.now(), event).count).toBe(1)
    const agent = agentRow(h, agentId)
    if (!agent) throw new Error('agent missing')
    resetPolicyViolations(h.db, h.clock.now(), agent)
    expect(agentRow(h, agentId)?.consecutiveViolations).toBe(0)
  })
})
