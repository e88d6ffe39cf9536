import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  approvalRow,
  HOUR,
  insertApprovalRequest,
  paymentRow,
  requestNeedingApproval,
} from '../../test/approval-fixtures.js'
import { createHarness, START } from '../../test/harness.js'
import { eventNames, eventPayloads, subscribeWebhook } from '../../test/payment-fixtures.js'
import type { Logger } from '../logger.js'
import { createExpirySweeper } from './expiry-sweeper.js'

/**
 * Approval timeouts fire when they pass, not when somebody next reads: the sweeper `main.ts`
 * runs, and the test clock when it moves.
 */
describe('approval expiry sweeper', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('expires an overdue approval with no read: payment EXPIRED, approval.expired announced', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const { approvalRequestId, requestId } = await requestNeedingApproval(h)
    const expiresAt = approvalRow(h, approvalRequestId)?.expiresAt ?? Number.NaN
    const sweeper = createExpirySweeper(h.app.deps)

    h.clock.freeze(expiresAt - 1)
    expect(sweeper.sweep()).toBe(0)
    expect(approvalRow(h, approvalRequestId)?.status).toBe('PENDING')

    h.clock.freeze(expiresAt)
    expect(sweeper.sweep()).toBe(1)
    expect(approvalRow(h, approvalRequestId)?.status).toBe('EXPIRED')
    expect(paymentRow(h, requestId)?.status).toBe('EXPIRED')
    expect(eventNames(h, webhookId)).toContain('approval.expired')
    const [expired] = eventPayloads(h, webhookId, 'approval.expired')
    expect(expired?.data).toMatchObject({
      approvalRequestId,
      paymentRequestId: requestId,
      status: 'EXPIRED',
    })

    // Once: a second sweep finds nothing, and announces nothing again.
    expect(sweeper.sweep()).toBe(0)
    expect(eventNames(h, webhookId).filter((name) => name === 'approval.expired')).toHaveLength(1)
  })

  it('sweeps every organization, and leaves decided and unexpired requests alone', () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const ours = h.createAgentWithKey()
    const theirs = h.createAgentWithKey({ organizationId: other.organization.id })
    const overdue = [
      insertApprovalRequest(h, { agentId: ours.agentId, expiresAt: START + HOUR }),
      insertApprovalRequest(h, {
        agentId: theirs.agentId,
        organizationId: other.organization.id,
        expiresAt: START + HOUR,
      }),
    ]
    const decided = insertApprovalRequest(h, {
      agentId: ours.agentId,
      status: 'APPROVED',
      expiresAt: START + HOUR,
    })
    const later = insertApprovalRequest(h, { agentId: ours.agentId, expiresAt: START + 3 * HOUR })

    h.clock.freeze(START + 2 * HOUR)
    expect(createExpirySweeper(h.app.deps).sweep()).toBe(2)
    for (const { approvalRequestId } of overdue) {
      expect(approvalRow(h, approvalRequestId)?.status).toBe('EXPIRED')
    }
    expect(approvalRow(h, decided.approvalRequestId)?.status).toBe('APPROVED')
    expect(approvalRow(h, later.approvalRequestId)?.status).toBe('PENDING')
  })

  it('start() sweeps every intervalMs until stop()', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const h = createHarness()
    const agent = h.createAgentWithKey()
    const first = insertApprovalRequest(h, { agentId: agent.agentId, expiresAt: START + HOUR })
    const sweeper = createExpirySweeper(h.app.deps, { intervalMs: 50 })
    sweeper.start()
    sweeper.start() // idempotent: still one timer

    h.clock.freeze(START + 2 * HOUR)
    expect(approvalRow(h, first.approvalRequestId)?.status).toBe('PENDING')
    vi.advanceTimersByTime(50)
    expect(approvalRow(h, first.approvalRequestId)?.status).toBe('EXPIRED')

    sweeper.stop()
    const second = insertApprovalRequest(h, {
      agentId: agent.agentId,
      expiresAt: START + HOUR,
    })
    vi.advanceTimersByTime(500)
    expect(approvalRow(h, second.approvalRequestId)?.status).toBe('PENDING')
  })

  it('a failing sweep is logged, and the next one still runs', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const h = createHarness()
    const error = vi.fn()
    const logger = { ...h.app.deps.logger, error } as Logger
    let fail = true
    const deps = {
      ...h.app.deps,
      logger,
      clock: {
        ...h.clock,
        now: () => {
          if (fail) throw new Error('clock unavailable')
          return h.clock.now()
        },
      },
    }
    const sweeper = createExpirySweeper(deps, { intervalMs: 10 })
    sweeper.start()
    vi.advanceTimersByTime(10)
    expect(error).toHaveBeenCalledWith('approval expiry sweep failed', {
      error: 'Error: clock unavailable',
    })
    fail = false
    const agent = h.createAgentWithKey()
    const overdue = insertApprovalRequest(h, { agentId: agent.agentId, expiresAt: START - 1 })
    vi.advanceTimersByTime(10)
    expect(approvalRow(h, overdue.approvalRequestId)?.status).toBe('EXPIRED')
    sweeper.stop()
  })

  it('moving the test clock past a timeout expires it at once', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const { approvalRequestId, requestId } = await requestNeedingApproval(h)
    const moved = await h.call('POST', '/api/test/clock', { body: { advanceSeconds: 25 * 3600 } })
    expect(moved.status, moved.text).toBe(200)
    // Read the rows, not the API: no read path has expired anything.
    expect(approvalRow(h, approvalRequestId)?.status).toBe('EXPIRED')
    expect(paymentRow(h, requestId)?.status).toBe('EXPIRED')
    expect(eventNames(h, webhookId)).toContain('approval.expired')
  })
})
