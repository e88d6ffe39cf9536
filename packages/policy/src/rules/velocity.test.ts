import { describe, expect, test } from 'vitest'
import { evaluateRule, input, NOW, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'
import type { EvaluationInput } from '../evaluation-input.js'

const NOW_MS = Date.parse(NOW)
const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000

/** `count` payment times spread over the last `withinMs` (each strictly inside it). */
const recent = (count: number, withinMs = HOUR): number[] =>
  Array.from(
    { length: count },
    (_, index) => NOW_MS - Math.floor(((index + 1) * withinMs) / (count + 1)),
  )

const hourly = (maxCount: number) => ({ maxCount, period: 'HOUR' })

const x402 = { kind: 'x402', amount: 0.05, serviceDomain: 'api.example.com' } as const
const mpp = { kind: 'mpp', amount: 0.05, serviceDomain: 'api.example.com' } as const

describe('velocityRules', () => {
  test.each([
    // operator, action, value, recent payments, expected status
    ['LTE', 'ALLOW', hourly(10), 9, 'APPROVED'],
    ['LTE', 'ALLOW', hourly(10), 10, 'DENIED'],
    ['LTE', 'ALLOW', hourly(10), 0, 'APPROVED'],
    ['LESS_THAN', 'ALLOW', hourly(10), 8, 'APPROVED'],
    ['LESS_THAN', 'ALLOW', hourly(10), 9, 'DENIED'],
    ['LTE', 'ALLOW', hourly(0), 0, 'DENIED'],
    ['GT', 'DENY', hourly(3), 2, 'APPROVED'],
    ['GT', 'DENY', hourly(3), 3, 'DENIED'],
    ['GTE', 'REQUIRE_APPROVAL', hourly(5), 3, 'APPROVED'],
    ['GTE', 'REQUIRE_APPROVAL', hourly(5), 4, 'REQUIRES_APPROVAL'],
    ['LTE', 'ALLOW', { maxCount: '3', period: 'minute' }, 2, 'APPROVED'],
  ] as const)(
    'behavior: VELOCITY_LIMIT %s %s %j with %d recent payments → %s',
    (operator, action, value, count, status) => {
      const decision = evaluateRule(rule('VELOCITY_LIMIT', operator, value, action), {
        recentPaymentTimes: recent(count, value.period.toUpperCase() === 'MINUTE' ? MINUTE : HOUR),
      })
      expect(decision.status).toBe(status)
    },
  )

  test.each([
    // period, offset before now (ms), counted
    ['MINUTE', MINUTE, false],
    ['MINUTE', MINUTE - 1, true],
    ['HOUR', HOUR, false],
    ['HOUR', HOUR - 1, true],
    ['DAY', DAY, false],
    ['DAY', DAY - 1, true],
    ['WEEK', 7 * DAY, false],
    ['WEEK', 7 * DAY - 1, true],
    ['HOUR', 0, true],
    ['HOUR', -1, false],
  ] as const)(
    'behavior: rolling %s window: a payment %d ms ago counted=%s',
    (period, offset, counted) => {
      // maxCount 1: this payment alone fits; one counted payment makes it two.
      const decision = evaluateRule(rule('VELOCITY_LIMIT', 'LTE', { maxCount: 1, period }), {
        recentPaymentTimes: [NOW_MS - offset],
      })
      expect(decision.status).toBe(counted ? 'DENIED' : 'APPROVED')
    },
  )

  test('behavior: timestamps may be Dates, ISO strings or epoch milliseconds', () => {
    const times = [
      new Date(NOW_MS - 10 * MINUTE),
      new Date(NOW_MS - 20 * MINUTE).toISOString(),
      NOW_MS - 30 * MINUTE,
      '2026-04-08T11:00:00.000Z', // exactly an hour ago: outside
      '2026-04-08T11:00:00.001Z',
      'not a time', // unparseable: never counted
    ]
    const allowed = evaluateRule(rule('VELOCITY_LIMIT', 'LTE', hourly(5)), {
      recentPaymentTimes: times,
    })
    expect(allowed.status).toBe('APPROVED')
    const denied = evaluateRule(rule('VELOCITY_LIMIT', 'LTE', hourly(4)), {
      recentPaymentTimes: times,
    })
    expect(denied.violations[0]).toMatchObject({ type: 'VELOCITY_LIMIT', current: 4, limit: 4 })
  })

  test('behavior: 1,000 timestamps are counted in one fast pass', () => {
    // 600 inside the last hour, 400 older.
    const times = [
      ...recent(600),
      ...Array.from({ length: 400 }, (_, index) => NOW_MS - HOUR - index),
    ]
    expect(
      evaluateRule(rule('VELOCITY_LIMIT', 'LTE', hourly(601)), { recentPaymentTimes: times })
        .status,
    ).toBe('APPROVED')
    const decision = evaluateRule(rule('VELOCITY_LIMIT', 'LTE', hourly(600)), {
      recentPaymentTimes: times,
    })
    expect(decision.violations[0]).toMatchObject({ current: 600, limit: 600 })
  })

  test('error: VELOCITY_LIMIT says how many payments the window holds', () => {
    const decision = evaluateRule(rule('VELOCITY_LIMIT', 'LTE', hourly(10)), {
      recentPaymentTimes: recent(10),
    })
    expect(decision.violations[0]).toMatchObject({
      type: 'VELOCITY_LIMIT',
      ruleType: 'VELOCITY_LIMIT',
      current: 10,
      limit: 10,
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Velocity limit: 10 payments in the last hour (max 10)",
      ]
    `)
  })

  test.each([
    [
      { maxCount: 0, period: 'DAY' },
      'LTE',
      'Velocity limit is 0 payments per 24 hours: no payments are allowed',
    ],
    [
      { maxCount: 2, period: 'WEEK' },
      'LESS_THAN',
      'Velocity limit: 1 payment in the last 7 days (max 1)',
    ],
  ] as const)('error: VELOCITY_LIMIT %j %s explains itself', (value, operator, message) => {
    const decision = evaluateRule(rule('VELOCITY_LIMIT', operator, value), {
      recentPaymentTimes: [NOW_MS - DAY],
    })
    expect(decision.reasons).toEqual([message])
  })

  test('behavior: an approval trigger counts this payment in its message', () => {
    const decision = evaluateRule(rule('VELOCITY_LIMIT', 'GTE', hourly(5), 'REQUIRE_APPROVAL'), {
      recentPaymentTimes: recent(5),
    })
    expect(decision.status).toBe('REQUIRES_APPROVAL')
    expect(decision.reasons[0]?.replace(/"Policy \d+"/, '"P"')).toMatchInlineSnapshot(
      `"Requires approval (policy "P"): Velocity limit: 6 payments in the last hour including this one (≥ 5)"`,
    )
  })

  test.each([
    ['standard', { amount: 5, recipientAddress: RECIPIENT }],
    ['x402', x402],
    ['mpp', mpp],
    ['card', { kind: 'card', amount: 5, merchantName: 'Stripe' }],
  ] as const)('behavior: VELOCITY_LIMIT applies to %s payments', (_kind, payment) => {
    const decision = evaluateRule(rule('VELOCITY_LIMIT', 'LTE', hourly(1)), {
      payment,
      recentPaymentTimes: recent(1),
    })
    expect(decision.status).toBe('DENIED')
  })

  test.each([
    ['X402_VELOCITY_PER_ENDPOINT', x402, 'X402_VELOCITY'],
    ['MPP_VELOCITY_PER_ENDPOINT', mpp, 'MPP_VELOCITY'],
  ] as const)('behavior: %s counts the endpoint times only', (ruleType, payment, violation) => {
    const value = { maxCount: 5, period: 'MINUTE' }
    const base: Partial<EvaluationInput> = { payment, recentPaymentTimes: recent(50, MINUTE) }
    expect(
      evaluateRule(rule(ruleType, 'LTE', value), {
        ...base,
        recentEndpointPaymentTimes: recent(4, MINUTE),
      }).status,
    ).toBe('APPROVED')
    expect(evaluateRule(rule(ruleType, 'LTE', value), base).status).toBe('APPROVED')
    const decision = evaluateRule(rule(ruleType, 'LTE', value), {
      ...base,
      recentEndpointPaymentTimes: [...recent(5, MINUTE), NOW_MS - MINUTE],
    })
    expect(decision.violations[0]).toMatchObject({ type: violation, current: 5, limit: 5 })
  })

  test('error: X402_VELOCITY_PER_ENDPOINT names the endpoint scope', () => {
    const decision = evaluateRule(
      rule('X402_VELOCITY_PER_ENDPOINT', 'LTE', { maxCount: 5, period: 'MINUTE' }),
      {
        payment: x402,
        recentEndpointPaymentTimes: recent(5, MINUTE),
      },
    )
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "X402 velocity limit: 5 payments to this endpoint in the last minute (max 5)",
      ]
    `)
  })

  test('error: MPP_VELOCITY_PER_ENDPOINT names the endpoint scope', () => {
    const decision = evaluateRule(
      rule('MPP_VELOCITY_PER_ENDPOINT', 'LTE', { maxCount: 1, period: 'HOUR' }),
      {
        payment: mpp,
        recentEndpointPaymentTimes: recent(1),
      },
    )
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "MPP velocity limit: 1 payment to this endpoint in the last hour (max 1)",
      ]
    `)
  })

  test.each([
    ['X402_VELOCITY_PER_ENDPOINT', { amount: 5, recipientAddress: RECIPIENT }],
    ['X402_VELOCITY_PER_ENDPOINT', mpp],
    ['MPP_VELOCITY_PER_ENDPOINT', { amount: 5, recipientAddress: RECIPIENT }],
    ['MPP_VELOCITY_PER_ENDPOINT', x402],
  ] as const)('behavior: %s is skipped for a %j payment', (ruleType, payment) => {
    const decision = evaluateRule(
      rule(ruleType, 'LTE', { maxCount: 0, period: 'MINUTE' }),
      input({ payment }),
    )
    expect(decision.status).toBe('APPROVED')
    expect(outcomeOf(decision)).toBe('SKIPPED')
  })

  test.each([
    ['VELOCITY_LIMIT', { maxCount: 10 }],
    ['VELOCITY_LIMIT', { maxCount: -1, period: 'HOUR' }],
    ['VELOCITY_LIMIT', { maxCount: 1.5, period: 'HOUR' }],
    ['VELOCITY_LIMIT', { maxCount: 10, period: 'YEAR' }],
    ['VELOCITY_LIMIT', '10'],
    ['X402_VELOCITY_PER_ENDPOINT', { period: 'MINUTE' }],
    ['MPP_VELOCITY_PER_ENDPOINT', 'abc'],
  ] as const)('error: malformed %s %j fails closed naming the rule type', (ruleType, value) => {
    const payment = ruleType.startsWith('MPP')
      ? mpp
      : ruleType.startsWith('X402')
        ? x402
        : undefined
    const decision = evaluateRule(rule(ruleType, 'LTE', value), payment ? { payment } : {})
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain(ruleType)
  })

  test('error: an operator a velocity rule does not accept fails closed', () => {
    const decision = evaluateRule(rule('VELOCITY_LIMIT', 'IN_LIST', hourly(10)))
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain('VELOCITY_LIMIT')
  })
})
