import { describe, expect, test } from 'vitest'
import {
  evaluateRule,
  input,
  NOW,
  OTHER_ADDRESS,
  policy,
  RECIPIENT,
  rule,
} from '../test/fixtures.js'
import { compilePolicies, compilePolicy, compileRule } from './compile-policies.js'
import { evaluatePolicy } from './evaluate-policy.js'
import type { LinkInput } from './evaluation-input.js'

const pay = (amount: number, extra: object = {}) => ({
  amount,
  recipientAddress: RECIPIENT,
  ...extra,
})
const wallet = (link: LinkInput, balance: number | null = 10_000) => ({
  id: 'wal_1',
  custodyType: 'PRIVY',
  balance,
  link,
})
const defaultLink: LinkInput = {
  spendLimitPerTx: 100,
  spendLimitDaily: 1000,
  spendLimitWeekly: null,
  spendLimitMonthly: null,
  allowedHoursStart: 0,
  allowedHoursEnd: 24,
  allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  timezone: 'UTC',
}

describe('evaluatePolicy', () => {
  test('default: no policies, no wallet → APPROVED with an explain trace', () => {
    const decision = evaluatePolicy(input())
    expect(decision).toEqual({
      status: 'APPROVED',
      reasons: ['No policy restricts this payment'],
      violations: [],
      evaluation: {
        policiesEvaluated: 0,
        rulesEvaluated: 0,
        matched: [],
        remaining: { perTransaction: null, daily: null, weekly: null, monthly: null },
      },
    })
  })

  describe('stage: agent', () => {
    test.each(['PAUSED', 'SUSPENDED', 'REVOKED'])('error: AGENT_NOT_ACTIVE when %s', (status) => {
      const decision = evaluatePolicy(input({ agent: { id: 'agt', status } }))
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]).toMatchObject({ type: 'AGENT_NOT_ACTIVE', current: status })
      expect(decision.reasons[0]).toBe(`Agent is ${status}: only ACTIVE agents can make payments`)
    })

    test('behavior: the agent check comes before everything else', () => {
      const decision = evaluatePolicy(
        input({
          agent: { id: 'agt', status: 'PAUSED' },
          payment: pay(5000, { country: 'IR' }),
          wallet: wallet({ spendLimitPerTx: 0 }, 0),
        }),
      )
      expect(decision.violations[0]?.type).toBe('AGENT_NOT_ACTIVE')
    })
  })

  describe('stage: sanctions', () => {
    test.each([
      ['payment.country', { payment: pay(10, { country: 'ir' }) }],
      ['context.country', { payment: pay(10, { context: { country: 'KP' } }) }],
      ['counterparty.country', { counterparty: { country: 'CU' } }],
    ])('error: a sanctioned country from %s is denied without any policy', (_, extra) => {
      const decision = evaluatePolicy(input(extra))
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]?.type).toBe('GEOGRAPHIC_RESTRICTION')
    })

    test('behavior: unknown or unlisted countries pass; the list can be replaced', () => {
      expect(evaluatePolicy(input()).status).toBe('APPROVED')
      expect(evaluatePolicy(input({ payment: pay(10, { country: 'RU' }) })).status).toBe('APPROVED')
      expect(
        evaluatePolicy(input({ payment: pay(10, { country: 'RU' }), sanctionedCountries: ['RU'] }))
          .status,
      ).toBe('DENIED')
    })

    test.each([
      ['an array', [RECIPIENT.toUpperCase().replace('0X', '0x')]],
      ['a set', new Set([RECIPIENT.toLowerCase()])],
    ])('error: SANCTIONED_ADDRESS from %s, case-insensitive', (_, sanctionedAddresses) => {
      const decision = evaluatePolicy(input({ sanctionedAddresses }))
      expect(decision.violations[0]?.type).toBe('SANCTIONED_ADDRESS')
    })

    test('behavior: an unlisted address passes screening', () => {
      expect(evaluatePolicy(input({ sanctionedAddresses: [OTHER_ADDRESS] })).status).toBe(
        'APPROVED',
      )
    })
  })

  describe('stage: link limits', () => {
    test.each([
      [{ spendLimitPerTx: 100 }, 100, 'APPROVED'],
      [{ spendLimitPerTx: 100 }, 100.01, 'DENIED'],
      [{ spendLimitPerTx: null }, 1_000_000, 'APPROVED'],
      [{ spendLimitPerTx: 0 }, 0.000001, 'DENIED'],
      [{ spendLimitDaily: 0 }, 0.01, 'DENIED'],
    ] as const)('behavior: %j with amount %d → %s', (link, amount, status) => {
      expect(
        evaluatePolicy(input({ payment: pay(amount), wallet: wallet(link, null) })).status,
      ).toBe(status)
    })

    test('behavior: a denial still reports the headroom of every limit in the trace', () => {
      // Denied at the link's per-transaction limit: the daily limits (link and policy) that the
      // evaluation never reached are in `remaining` too, not null ("unlimited").
      const decision = evaluatePolicy(
        input({
          payment: pay(150),
          wallet: wallet(defaultLink),
          policies: [policy([rule('DAILY_LIMIT', 'LTE', 500)])],
        }),
      )
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]).toMatchObject({ type: 'PER_TX_LIMIT' })
      expect(decision.evaluation.remaining).toEqual({
        perTransaction: 0,
        daily: 350,
        weekly: null,
        monthly: null,
      })
      // Denied before the link stage (agent not active): the link's limits still show.
      const inactive = evaluatePolicy(
        input({
          agent: { id: 'agt', status: 'PAUSED' },
          payment: pay(50),
          wallet: wallet(defaultLink),
        }),
      )
      expect(inactive.evaluation.remaining).toMatchObject({ perTransaction: 50, daily: 950 })
    })

    test('error: PER_TX_LIMIT of 0 says the wallet blocks everything', () => {
      const decision = evaluatePolicy(input({ wallet: wallet({ spendLimitPerTx: 0 }) }))
      expect(decision.violations[0]).toMatchObject({ type: 'PER_TX_LIMIT', limit: 0 })
      expect(decision.reasons[0]).toContain('blocks every payment')
      expect(decision.violations[0]).not.toHaveProperty('policyId')
    })

    test.each([
      ['daily', { spendLimitDaily: 1000 }, { daily: 901 }, 'DAILY_LIMIT'],
      ['weekly', { spendLimitWeekly: 5000 }, { weekly: 4950 }, 'WEEKLY_LIMIT'],
      ['monthly', { spendLimitMonthly: 20000 }, { monthly: 19999 }, 'MONTHLY_LIMIT'],
    ] as const)('error: %s link limit counts the link spend', (_, link, linkSpend, type) => {
      const ok = evaluatePolicy(
        input({ payment: pay(1), wallet: wallet(link), spend: { link: linkSpend } }),
      )
      expect(ok.status).toBe('APPROVED')
      const denied = evaluatePolicy(
        input({ payment: pay(100), wallet: wallet(link), spend: { link: linkSpend } }),
      )
      expect(denied.violations[0]?.type).toBe(type)
      // The agent-level spend does not count against the link.
      const agentOnly = evaluatePolicy(
        input({
          payment: pay(100),
          wallet: wallet(link),
          spend: { daily: 10_000, weekly: 10_000, monthly: 100_000 },
        }),
      )
      expect(agentOnly.status).toBe('APPROVED')
    })

    test('behavior: the documented example message', () => {
      const decision = evaluatePolicy(
        input({
          payment: pay(300),
          wallet: wallet({ spendLimitDaily: 1000 }),
          spend: { link: { daily: 750 } },
        }),
      )
      expect(decision.reasons).toEqual(['Would exceed daily limit: $250.00 remaining of $1,000.00'])
      expect(decision.violations[0]).toMatchObject({
        type: 'DAILY_LIMIT',
        limit: 1000,
        current: 750,
      })
    })
  })

  describe('stage: link schedule', () => {
    test('behavior: the default Mon-Fri link denies on a weekend', () => {
      const saturday = '2026-04-11T12:00:00Z'
      const decision = evaluatePolicy(input({ now: saturday, wallet: wallet(defaultLink) }))
      expect(decision.violations[0]).toMatchObject({ type: 'TIME_WINDOW', current: 'Sat' })
      expect(decision.reasons[0]).toBe(
        'Not an allowed day for this wallet: Sat in UTC (allowed: Mon, Tue, Wed, Thu, Fri)',
      )
      expect(evaluatePolicy(input({ now: NOW, wallet: wallet(defaultLink) })).status).toBe(
        'APPROVED',
      )
    })

    test.each([
      ['09:00', true],
      ['16:59', true],
      ['17:00', false],
      ['08:59', false],
    ])('behavior: hours 9-17 at %s → allowed %s', (time, allowed) => {
      const decision = evaluatePolicy(
        input({
          now: `2026-04-08T${time}:00Z`,
          wallet: wallet({ allowedHoursStart: 9, allowedHoursEnd: 17 }),
        }),
      )
      expect(decision.status).toBe(allowed ? 'APPROVED' : 'DENIED')
    })

    test('behavior: hours wrapping midnight', () => {
      const link = { allowedHoursStart: 22, allowedHoursEnd: 6 }
      expect(
        evaluatePolicy(input({ now: '2026-04-08T23:00:00Z', wallet: wallet(link) })).status,
      ).toBe('APPROVED')
      expect(
        evaluatePolicy(input({ now: '2026-04-08T05:59:00Z', wallet: wallet(link) })).status,
      ).toBe('APPROVED')
      expect(
        evaluatePolicy(input({ now: '2026-04-08T12:00:00Z', wallet: wallet(link) })).status,
      ).toBe('DENIED')
    })

    test('behavior: hours and days are read in the link time zone, across DST', () => {
      const link = { allowedHoursStart: 9, allowedHoursEnd: 17, timezone: 'America/New_York' }
      // 13:30 UTC is 08:30 EST on Friday 2026-03-06 but 09:30 EDT on Monday 2026-03-09.
      const before = evaluatePolicy(input({ now: '2026-03-06T13:30:00Z', wallet: wallet(link) }))
      expect(before.status).toBe('DENIED')
      expect(before.reasons[0]).toContain('America/New_York')
      expect(
        evaluatePolicy(input({ now: '2026-03-09T13:30:00Z', wallet: wallet(link) })).status,
      ).toBe('APPROVED')
      // 2026-04-11 02:00 UTC is still Friday evening in New York.
      const friday = evaluatePolicy(
        input({
          now: '2026-04-11T02:00:00Z',
          wallet: wallet({ ...defaultLink, timezone: 'America/New_York' }),
        }),
      )
      expect(friday.status).toBe('APPROVED')
    })
  })

  describe('stage: balance', () => {
    test('error: INSUFFICIENT_BALANCE', () => {
      const decision = evaluatePolicy(input({ payment: pay(50.01), wallet: wallet({}, 50) }))
      expect(decision.violations[0]).toMatchObject({
        type: 'INSUFFICIENT_BALANCE',
        limit: 50,
        current: 50.01,
      })
      expect(evaluatePolicy(input({ payment: pay(50), wallet: wallet({}, 50) })).status).toBe(
        'APPROVED',
      )
    })

    test('behavior: an unknown balance is not checked', () => {
      expect(evaluatePolicy(input({ payment: pay(50), wallet: wallet({}, null) })).status).toBe(
        'APPROVED',
      )
    })

    test('behavior: link limits are checked before the balance', () => {
      const decision = evaluatePolicy(
        input({ payment: pay(200), wallet: wallet({ spendLimitPerTx: 100 }, 0) }),
      )
      expect(decision.violations[0]?.type).toBe('PER_TX_LIMIT')
    })
  })

  describe('stage: policies', () => {
    test('behavior: priority order decides which violation is reported', () => {
      const low = policy([rule('MAX_AMOUNT', 'LTE', '10')], { name: 'Low', priority: 10 })
      const high = policy([rule('BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'DENY')], {
        name: 'High',
        priority: 90,
      })
      const decision = evaluatePolicy(input({ policies: [low, high] }))
      expect(decision.violations).toHaveLength(1)
      expect(decision.violations[0]).toMatchObject({
        policyName: 'High',
        type: 'BLOCKED_COUNTERPARTY',
      })
      expect(decision.evaluation.policiesEvaluated).toBe(1)
    })

    test('behavior: equal priorities go by creation time, then input order', () => {
      const first = policy([rule('MAX_AMOUNT', 'LTE', '10')], {
        name: 'First',
        createdAt: '2026-01-01T00:00:00Z',
      })
      const second = policy([rule('MAX_AMOUNT', 'LTE', '20')], {
        name: 'Second',
        createdAt: '2026-02-01T00:00:00Z',
      })
      expect(evaluatePolicy(input({ policies: [second, first] })).violations[0]?.policyName).toBe(
        'First',
      )
      const a = policy([rule('MAX_AMOUNT', 'LTE', '10')], { name: 'A' })
      const b = policy([rule('MAX_AMOUNT', 'LTE', '20')], { name: 'B' })
      expect(evaluatePolicy(input({ policies: [b, a] })).violations[0]?.policyName).toBe('B')
    })

    test('behavior: inactive policies are ignored', () => {
      const inactive = policy([rule('MAX_AMOUNT', 'LTE', '1')], { isActive: false })
      const decision = evaluatePolicy(input({ policies: [inactive] }))
      expect(decision.status).toBe('APPROVED')
      expect(decision.evaluation.policiesEvaluated).toBe(0)
    })

    test('behavior: AND across policies — every policy must pass', () => {
      const caps = policy([rule('MAX_AMOUNT', 'LTE', '100')])
      const categories = policy([rule('ALLOWED_CATEGORIES', 'IN_LIST', ['CLOUD'])])
      expect(
        evaluatePolicy(
          input({ payment: pay(50, { category: 'cloud' }), policies: [caps, categories] }),
        ).status,
      ).toBe('APPROVED')
      expect(
        evaluatePolicy(
          input({ payment: pay(50, { category: 'TRAVEL' }), policies: [caps, categories] }),
        ).status,
      ).toBe('DENIED')
      expect(
        evaluatePolicy(
          input({ payment: pay(150, { category: 'CLOUD' }), policies: [caps, categories] }),
        ).status,
      ).toBe('DENIED')
    })

    test.each([
      [400, 'APPROVED'],
      [500, 'APPROVED'],
      [700, 'REQUIRES_APPROVAL'],
      [1000, 'REQUIRES_APPROVAL'],
      [1200, 'DENIED'],
    ] as const)(
      'behavior: the approval band between a threshold and a hard cap: %d → %s',
      (amount, status) => {
        const band = policy([
          rule('REQUIRE_APPROVAL_ABOVE', 'GT', '500', 'REQUIRE_APPROVAL'),
          rule('MAX_AMOUNT', 'LTE', '1000'),
        ])
        expect(evaluatePolicy(input({ payment: pay(amount), policies: [band] })).status).toBe(
          status,
        )
      },
    )

    test('behavior: REQUIRE_APPROVAL accumulates and loses to a later DENY', () => {
      const approval = policy([rule('REQUIRE_APPROVAL_ABOVE', 'GT', '10', 'REQUIRE_APPROVAL')], {
        priority: 90,
      })
      const second = policy([rule('REQUIRE_APPROVAL_ABOVE', 'GT', '20', 'REQUIRE_APPROVAL')], {
        priority: 80,
      })
      const deny = policy([rule('BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'DENY')], {
        priority: 10,
      })
      const pending = evaluatePolicy(
        input({ payment: pay(50), policies: [approval, second, deny] }),
      )
      expect(pending.status).toBe('REQUIRES_APPROVAL')
      expect(pending.reasons).toHaveLength(2)
      expect(pending.violations).toEqual([])
      const denied = evaluatePolicy(
        input({ payment: pay(50, { category: 'gambling' }), policies: [approval, second, deny] }),
      )
      expect(denied.status).toBe('DENIED')
      expect(denied.reasons).toHaveLength(1)
    })

    test('behavior: the first DENY stops evaluation', () => {
      const p = policy([
        rule('MAX_AMOUNT', 'LTE', '1'),
        rule('MAX_AMOUNT', 'LTE', '2'),
        rule('MAX_AMOUNT', 'LTE', '3'),
      ])
      const decision = evaluatePolicy(
        input({ policies: [p, policy([rule('MAX_AMOUNT', 'LTE', '4')])] }),
      )
      expect(decision.evaluation.rulesEvaluated).toBe(1)
      expect(decision.evaluation.matched).toHaveLength(1)
      expect(decision.violations).toHaveLength(1)
    })

    test.each([
      ['an unknown rule type', rule('NOT_A_RULE', 'LTE', '1')],
      ['an unknown operator', rule('MAX_AMOUNT', 'ROUGHLY', '1')],
      ['an operator the rule does not take', rule('MAX_AMOUNT', 'IN_LIST', '1')],
      ['an unknown action', rule('MAX_AMOUNT', 'LTE', '1', 'MAYBE')],
      ['a malformed value', rule('VELOCITY_LIMIT', 'LTE', '{"maxCount":"x"}')],
    ])('error: %s fails closed with INVALID_RULE', (_, bad) => {
      const decision = evaluateRule(bad)
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]).toMatchObject({ type: 'INVALID_RULE', ruleId: bad.id })
    })

    test('behavior: operator aliases and a missing action (ALLOW)', () => {
      const { action: _omitted, ...noAction } = rule('MAX_AMOUNT', 'lte', '100')
      expect(evaluateRule(noAction, { payment: pay(100) }).status).toBe('APPROVED')
      expect(evaluateRule(noAction, { payment: pay(101) }).status).toBe('DENIED')
    })

    test('behavior: block lists deny even with the default ALLOW action', () => {
      const decision = evaluateRule(rule('BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'ALLOW'), {
        payment: pay(5, { category: 'Gambling' }),
      })
      expect(decision.status).toBe('DENIED')
      expect(
        evaluateRule(rule('BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING']), {
          payment: pay(5, { category: 'CLOUD' }),
        }).status,
      ).toBe('APPROVED')
    })
  })

  describe('stage: relationship limits', () => {
    test.each([
      [{ spendLimitPerTx: 50 }, {}, 50, 'APPROVED'],
      [{ spendLimitPerTx: 50 }, {}, 50.5, 'DENIED'],
      [{ spendLimitDaily: 100 }, { daily: 60 }, 40, 'APPROVED'],
      [{ spendLimitDaily: 100 }, { daily: 60 }, 41, 'DENIED'],
      [{ spendLimitMonthly: 500 }, { monthly: 499 }, 2, 'DENIED'],
      [{ spendLimitMonthly: null }, { monthly: 499 }, 2, 'APPROVED'],
    ] as const)(
      'behavior: %j with spend %j and amount %d → %s',
      (relationship, counterpartySpend, amount, status) => {
        const decision = evaluatePolicy(
          input({
            payment: pay(amount),
            counterparty: { relationship },
            spend: { counterparty: counterpartySpend },
          }),
        )
        expect(decision.status).toBe(status)
        if (status === 'DENIED') expect(decision.violations[0]?.type).toBe('RELATIONSHIP_LIMIT')
      },
    )

    test('behavior: policies are checked before relationship limits', () => {
      const decision = evaluatePolicy(
        input({
          payment: pay(100),
          policies: [policy([rule('MAX_AMOUNT', 'LTE', '10')])],
          counterparty: { relationship: { spendLimitPerTx: 1 } },
        }),
      )
      expect(decision.violations[0]?.type).toBe('PER_TX_LIMIT')
    })
  })

  describe('stage: budget request', () => {
    test('behavior: the payment must fit in the approved budget', () => {
      const budgetRequest = { id: 'bud_1', approvedAmount: 100, currentSpend: 80 }
      expect(evaluatePolicy(input({ payment: pay(20), budgetRequest })).status).toBe('APPROVED')
      const denied = evaluatePolicy(input({ payment: pay(20.01), budgetRequest }))
      expect(denied.violations[0]).toMatchObject({
        type: 'BUDGET_REQUEST_EXHAUSTED',
        limit: 100,
        current: 80,
      })
      expect(denied.reasons[0]).toBe(
        'Would exceed the approved budget request: $20.00 remaining of $100.00',
      )
    })
  })

  describe('stage: approval workflows', () => {
    const workflow = (id: string, triggerConditions: object, extra: object = {}) => ({
      id,
      name: `Workflow ${id}`,
      triggerConditions,
      ...extra,
    })

    test('behavior: the first matching active workflow by priority routes to approval', () => {
      const decision = evaluatePolicy(
        input({
          payment: pay(500),
          approvalWorkflows: [
            workflow('low', { amountThreshold: 100 }, { priority: 10 }),
            workflow('high', { amountThreshold: 500 }, { priority: 90 }),
            workflow('off', { amountThreshold: 1 }, { priority: 100, isActive: false }),
          ],
        }),
      )
      expect(decision.status).toBe('REQUIRES_APPROVAL')
      expect(decision.approvalWorkflowId).toBe('high')
      expect(decision.reasons).toEqual([
        'Requires approval: matches approval workflow "Workflow high"',
      ])
    })

    test.each([
      ['amountThreshold is inclusive', { amountThreshold: 50 }, {}, true],
      ['below the threshold', { amountThreshold: 50.01 }, {}, false],
      [
        'category matches case-insensitively',
        { categories: ['travel'] },
        { payment: pay(50, { category: 'TRAVEL' }) },
        true,
      ],
      [
        'category differs',
        { categories: ['travel'] },
        { payment: pay(50, { category: 'CLOUD' }) },
        false,
      ],
      ['missing category', { categories: ['travel'] }, {}, false],
      ['agent id', { agentIds: ['agt_test'] }, {}, true],
      ['other agent id', { agentIds: ['agt_other'] }, {}, false],
      ['agent type', { agentTypes: ['CUSTOM'] }, {}, true],
      ['other agent type', { agentTypes: ['LANGCHAIN'] }, {}, false],
      ['new recipient', { newRecipients: true }, { counterparty: { isNew: true } }, true],
      ['known recipient', { newRecipients: true }, { counterparty: { isNew: false } }, false],
      ['trust level at or below', { counterpartyTrustLevel: 'UNKNOWN' }, {}, true],
      [
        'trust level above',
        { counterpartyTrustLevel: 'UNKNOWN' },
        { counterparty: { trustLevel: 'TRUSTED' } },
        false,
      ],
      ['currency USDC', { currency: 'USDC' }, {}, true],
      ['other currency', { currency: 'EUR' }, {}, false],
      ['no conditions', {}, {}, true],
    ] as const)('behavior: trigger %s', (_, triggers, extra, matches) => {
      const decision = evaluatePolicy(
        input({ ...extra, approvalWorkflows: [workflow('w', triggers)] }),
      )
      expect(decision.status).toBe(matches ? 'REQUIRES_APPROVAL' : 'APPROVED')
    })

    test('behavior: a denial wins over a matching workflow', () => {
      const decision = evaluatePolicy(
        input({
          payment: pay(50),
          policies: [policy([rule('MAX_AMOUNT', 'LTE', '10')])],
          approvalWorkflows: [workflow('w', {})],
        }),
      )
      expect(decision.status).toBe('DENIED')
      expect(decision).not.toHaveProperty('approvalWorkflowId')
    })
  })

  describe('explain trace', () => {
    test('default: counts, outcomes and remaining headroom', () => {
      const p = policy(
        [
          rule('MAX_AMOUNT', 'LTE', '500'),
          rule('DAILY_LIMIT', 'LTE', '2000'),
          rule('WEEKLY_LIMIT', 'LTE', '3000'),
          rule('MONTHLY_LIMIT', 'LTE', '10000'),
          rule('X402_PRICE_CEILING', 'LTE', '1'),
        ],
        { id: 'pol_trace' },
      )
      const decision = evaluatePolicy(
        input({
          payment: pay(100),
          wallet: wallet({ spendLimitPerTx: 200, spendLimitDaily: 1000 }),
          spend: { daily: 300, weekly: 1000, monthly: 2000, link: { daily: 850 } },
          policies: [p],
        }),
      )
      expect(decision.status).toBe('APPROVED')
      expect(decision.evaluation.policiesEvaluated).toBe(1)
      expect(decision.evaluation.rulesEvaluated).toBe(4)
      expect(decision.evaluation.matched.map((entry) => entry.outcome)).toEqual([
        'PASSED',
        'PASSED',
        'PASSED',
        'PASSED',
        'SKIPPED',
      ])
      expect(decision.evaluation.remaining).toEqual({
        perTransaction: 100,
        daily: 50,
        weekly: 1900,
        monthly: 7900,
      })
      expect(decision.reasons).toEqual([
        'Within daily limit: $50.00 remaining after this payment',
        'Passed 1 policy (4 rules checked)',
      ])
    })
  })

  describe('input', () => {
    test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
      'error: amount %d is a programmer error',
      (amount) => {
        expect(() => evaluatePolicy(input({ payment: { amount } }))).toThrow(RangeError)
      },
    )

    test('error: an invalid now', () => {
      expect(() => evaluatePolicy(input({ now: 'yesterday' }))).toThrow(RangeError)
    })

    test('behavior: now as Date, epoch and ISO give the same decision', () => {
      const link = { allowedHoursStart: 9, allowedHoursEnd: 17 }
      const iso = '2026-04-08T08:00:00.000Z'
      const results = [iso, Date.parse(iso), new Date(iso)].map(
        (now) => evaluatePolicy(input({ now, wallet: wallet(link) })).status,
      )
      expect(results).toEqual(['DENIED', 'DENIED', 'DENIED'])
    })
  })
})

describe('compilePolicies', () => {
  test('behavior: compiled once per input object', () => {
    const p = policy([rule('MAX_AMOUNT', 'LTE', '10')])
    expect(compilePolicy(p)).toBe(compilePolicy(p))
    const list = [p]
    expect(compilePolicies(list)).toBe(compilePolicies(list))
  })

  test('behavior: normalises operators and prepares values', () => {
    expect(compileRule(rule('MAX_AMOUNT', 'lte', '1.5'))).toMatchObject({
      operator: 'LESS_THAN_OR_EQUAL',
      action: 'ALLOW',
      prepared: 1_500_000,
    })
  })
})
