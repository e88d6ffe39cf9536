import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { createPolicy, requestPayment, setupAgent } from '../../../test/payment-fixtures.js'

/**
 * Calendar windows on the test clock (issue 5, "Time"): spend executed anywhere in a UTC day,
 * ISO week (Monday 00:00) or month counts against that window's limit up to its last
 * millisecond, and the next window starts fresh. Both the link limits and the policy limits,
 * with executed payments (request + execute), so the spend is settled spend, not reservations.
 * (Approval/token expiry and the weekend denial are covered in the other payments.* tests.)
 */

type Window = 'daily' | 'weekly' | 'monthly'

interface WindowCase {
  readonly window: Window
  /** The first instant of the window under test. */
  readonly start: string
  /** One minute before the window ends (the "23:59" payment). */
  readonly lastMinute: string
  /** The last millisecond of the window. */
  readonly lastMs: string
  /** The first instant of the next window. */
  readonly next: string
  readonly linkField: string
  readonly ruleType: string
}

const cases: readonly WindowCase[] = [
  {
    // Wednesday 2026-04-08.
    window: 'daily',
    start: '2026-04-08T00:00:00.000Z',
    lastMinute: '2026-04-08T23:59:00.000Z',
    lastMs: '2026-04-08T23:59:59.999Z',
    next: '2026-04-09T00:00:00.000Z',
    linkField: 'spendLimitDaily',
    ruleType: 'DAILY_LIMIT',
  },
  {
    // Monday 2026-04-06 … Sunday 2026-04-12; the next week starts Monday 2026-04-13.
    window: 'weekly',
    start: '2026-04-06T00:00:00.000Z',
    lastMinute: '2026-04-12T23:59:00.000Z',
    lastMs: '2026-04-12T23:59:59.999Z',
    next: '2026-04-13T00:00:00.000Z',
    linkField: 'spendLimitWeekly',
    ruleType: 'WEEKLY_LIMIT',
  },
  {
    // April 2026; May starts on Friday the 1st.
    window: 'monthly',
    start: '2026-04-01T00:00:00.000Z',
    lastMinute: '2026-04-30T23:59:00.000Z',
    lastMs: '2026-04-30T23:59:59.999Z',
    next: '2026-05-01T00:00:00.000Z',
    linkField: 'spendLimitMonthly',
    ruleType: 'MONTHLY_LIMIT',
  },
]

const LIMIT = 100
const NO_LINK_LIMITS = {
  spendLimitPerTx: null,
  spendLimitDaily: null,
  spendLimitWeekly: null,
  spendLimitMonthly: null,
}

/** Moves the test clock through the API (org key). */
async function setClock(h: Harness, iso: string) {
  const moved = await h.call('POST', '/api/test/clock', { body: { now: iso } })
  expect(moved.status, moved.text).toBe(200)
  expect(moved.body).toEqual({ now: iso, frozen: true })
}

/** Requests and executes a payment: settled spend at the clock's instant. */
async function spend(h: Harness, key: string, amount: number) {
  const requested = await requestPayment(h, key, { amount })
  expect(requested.body.status, requested.text).toBe('APPROVED')
  const executed = await h.call('POST', `/api/sdk/payments/${requested.body.requestId}/execute`, {
    key,
  })
  expect(executed.status, executed.text).toBe(200)
  expect(executed.body.status).toBe('COMPLETED')
}

/** An agent whose only limit on `window` is 100, on the link or in a policy. */
async function agentWithLimit(h: Harness, where: 'link' | 'policy', entry: WindowCase) {
  const agent = await setupAgent(h, {
    link: where === 'link' ? { ...NO_LINK_LIMITS, [entry.linkField]: LIMIT } : NO_LINK_LIMITS,
  })
  if (where === 'policy') {
    await createPolicy(h, agent.agentId, [
      { ruleType: entry.ruleType, operator: 'LTE', value: String(LIMIT) },
    ])
  }
  return agent
}

/** The link's spend so far (`spentToday`, `spentThisWeek`, `spentThisMonth`). */
async function linkSpend(h: Harness, agentId: string) {
  const links = await h.call('GET', `/api/agents/${agentId}/wallets`)
  expect(links.status, links.text).toBe(200)
  const [link] = links.body.wallets
  return {
    daily: link.spentToday as number,
    weekly: link.spentThisWeek as number,
    monthly: link.spentThisMonth as number,
  }
}

describe('payments.request', () => {
  describe.each(['link', 'policy'] as const)('%s limits', (where) => {
    test.each(cases)(
      'behavior: the $window window counts spend from its first to its last millisecond, then resets',
      async (entry) => {
        const h = createHarness()
        await setClock(h, entry.start)
        const { agentId, key } = await agentWithLimit(h, where, entry)

        // 30 at the window's first instant and 30 at 23:59 on its last day: 60 of 100 spent.
        await spend(h, key, 30)
        await setClock(h, entry.lastMinute)
        await spend(h, key, 30)
        expect((await linkSpend(h, agentId))[entry.window]).toBe(60)

        // 50 more would make 110: denied up to the window's last millisecond.
        for (const instant of [entry.lastMinute, entry.lastMs]) {
          await setClock(h, instant)
          const denied = await requestPayment(h, key, { amount: 50 })
          expect(denied.status, denied.text).toBe(200)
          expect(denied.body.status, `${instant}: ${denied.text}`).toBe('DENIED')
          expect(denied.body.violations).toEqual([
            expect.objectContaining({ type: entry.ruleType, limit: LIMIT, current: 60 }),
          ])
        }
        // Exactly the headroom left still fits.
        expect((await requestPayment(h, key, { amount: 40, dryRun: true })).body.status).toBe(
          'APPROVED',
        )

        // The next window starts empty: 90 (which the old window could not hold) is approved.
        await setClock(h, entry.next)
        expect((await linkSpend(h, agentId))[entry.window]).toBe(0)
        await spend(h, key, 90)
        expect((await linkSpend(h, agentId))[entry.window]).toBe(90)
        const over = await requestPayment(h, key, { amount: 20 })
        expect(over.body.status, over.text).toBe('DENIED')
        expect(over.body.violations).toEqual([
          expect.objectContaining({ type: entry.ruleType, limit: LIMIT, current: 90 }),
        ])
      },
    )
  })

  test('behavior: a weekly window holds Monday’s spend on Sunday but not on the next Monday', async () => {
    const h = createHarness()
    const weekly = cases[1] as WindowCase
    await setClock(h, weekly.start)
    const { agentId, key } = await agentWithLimit(h, 'link', weekly)
    await spend(h, key, 80)
    // Saturday and Sunday of the same week: still 80 spent this week (the week is not Sun–Sat).
    for (const instant of ['2026-04-11T12:00:00.000Z', weekly.lastMs]) {
      await setClock(h, instant)
      expect(await linkSpend(h, agentId)).toMatchObject({ daily: 0, weekly: 80 })
      expect((await requestPayment(h, key, { amount: 30 })).body.status).toBe('DENIED')
    }
    await setClock(h, weekly.next)
    expect(await linkSpend(h, agentId)).toMatchObject({ daily: 0, weekly: 0, monthly: 80 })
    expect((await requestPayment(h, key, { amount: 30 })).body.status).toBe('APPROVED')
  })
})
