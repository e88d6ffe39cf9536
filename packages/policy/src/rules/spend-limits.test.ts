import { describe, expect, test } from 'vitest'
import { evaluateRule, RECIPIENT, rule } from '../../test/fixtures.js'

const pay = (amount: number) => ({ payment: { amount, recipientAddress: RECIPIENT } })

describe('spendLimitRules', () => {
  test.each([
    // ruleType, operator, limit, spent, amount, status
    ['DAILY_LIMIT', 'LTE', '1000', { daily: 750 }, 250, 'APPROVED'],
    ['DAILY_LIMIT', 'LTE', '1000', { daily: 750 }, 250.000001, 'DENIED'],
    ['DAILY_LIMIT', 'LESS_THAN', '1000', { daily: 750 }, 250, 'DENIED'],
    ['WEEKLY_LIMIT', 'LTE', '5000', { weekly: 4000 }, 1000, 'APPROVED'],
    ['WEEKLY_LIMIT', 'LTE', '5000', { weekly: 4000 }, 1001, 'DENIED'],
    ['MONTHLY_LIMIT', 'LTE', '20000', { monthly: 19999.9 }, 0.1, 'APPROVED'],
    ['MONTHLY_LIMIT', 'LTE', '20000', { monthly: 19999.9 }, 0.2, 'DENIED'],
    [
      'BUDGET_CAP',
      'LTE',
      { amount: 10000, period: 'MONTHLY' },
      { monthly: 9000 },
      1000,
      'APPROVED',
    ],
    ['BUDGET_CAP', 'LTE', { amount: 10000, period: 'MONTHLY' }, { monthly: 9000 }, 1001, 'DENIED'],
    [
      'BUDGET_CAP',
      'LTE',
      { amount: 100, period: 'YEARLY' },
      { monthly: 60, yearly: 90 },
      20,
      'DENIED',
    ],
    ['BUDGET_CAP', 'LTE', { amount: 100, period: 'QUARTERLY' }, { monthly: 60 }, 40, 'APPROVED'],
  ] as const)(
    'behavior: %s %s %j with spend %j + %d → %s',
    (ruleType, operator, value, spend, amount, status) => {
      expect(evaluateRule(rule(ruleType, operator, value), { ...pay(amount), spend }).status).toBe(
        status,
      )
    },
  )

  test('behavior: 0.1 + 0.2 fits a 0.3 limit exactly', () => {
    expect(
      evaluateRule(rule('DAILY_LIMIT', 'LTE', '0.3'), { ...pay(0.2), spend: { daily: 0.1 } })
        .status,
    ).toBe('APPROVED')
  })

  test('error: DAILY_LIMIT says what remains', () => {
    const decision = evaluateRule(rule('DAILY_LIMIT', 'LTE', '1000'), {
      ...pay(300),
      spend: { daily: 750 },
    })
    expect(decision.reasons).toEqual(['Would exceed daily limit: $250.00 remaining of $1,000.00'])
    expect(decision.violations[0]).toMatchObject({ type: 'DAILY_LIMIT', limit: 1000, current: 750 })
  })

  test('error: a zero limit blocks everything', () => {
    const decision = evaluateRule(rule('DAILY_LIMIT', 'LTE', '0'), pay(0.01))
    expect(decision.reasons[0]).toBe('The daily limit is $0.00: no payments are allowed')
  })

  test('error: malformed BUDGET_CAP fails closed naming the rule type', () => {
    const decision = evaluateRule(rule('BUDGET_CAP', 'LTE', { amount: 10 }), pay(1))
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain('BUDGET_CAP')
  })

  test('behavior: the trace reports the remaining daily headroom', () => {
    const decision = evaluateRule(rule('DAILY_LIMIT', 'LTE', '1000'), {
      ...pay(100),
      spend: { daily: 250 },
    })
    expect(decision.evaluation.remaining.daily).toBe(650)
  })
})
