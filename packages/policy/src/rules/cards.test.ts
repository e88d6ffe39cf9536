import { describe, expect, test } from 'vitest'
import { evaluateRule, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'
import type { EvaluationInput, PaymentInput } from '../evaluation-input.js'

/** A card payment with the given merchant fields. */
const card = (payment: Partial<PaymentInput> = {}): Partial<EvaluationInput> => ({
  payment: { kind: 'card', amount: 25, ...payment },
})

/** operator, value, action, payment, outcome of the rule. */
type Row = readonly [string, readonly string[], string, Partial<PaymentInput>, string]

const statusOf: Record<string, string> = {
  PASSED: 'APPROVED',
  SKIPPED: 'APPROVED',
  DENIED: 'DENIED',
  REQUIRES_APPROVAL: 'REQUIRES_APPROVAL',
}

const cases: Record<string, readonly Row[]> = {
  // The trimmed MCC must be listed; a missing MCC is in no list (fails IN_LIST, passes NOT_IN_LIST).
  CARD_ALLOWED_MCCS: [
    ['IN_LIST', ['5411', '5812'], 'ALLOW', { mcc: '5411' }, 'PASSED'],
    ['IN_LIST', ['5411', '5812'], 'ALLOW', { mcc: ' 5812 ' }, 'PASSED'],
    ['IN_LIST', [' 5411 '], 'ALLOW', { mcc: '5411' }, 'PASSED'],
    ['IN_LIST', ['5411', '5812'], 'ALLOW', { mcc: '7995' }, 'DENIED'],
    ['IN_LIST', ['5411', '5812'], 'ALLOW', { mcc: '541' }, 'DENIED'],
    ['IN_LIST', ['5411', '5812'], 'ALLOW', {}, 'DENIED'],
    ['IN_LIST', ['5411', '5812'], 'ALLOW', { mcc: '  ' }, 'DENIED'],
    ['NOT_IN_LIST', ['7995'], 'ALLOW', { mcc: '5411' }, 'PASSED'],
    ['NOT_IN_LIST', ['7995'], 'ALLOW', { mcc: '7995' }, 'DENIED'],
    ['NOT_IN_LIST', ['7995'], 'ALLOW', {}, 'PASSED'],
    ['IN_LIST', ['5411'], 'DENY', { mcc: '5411' }, 'DENIED'],
    ['IN_LIST', ['5411'], 'DENY', {}, 'PASSED'],
    ['NOT_IN_LIST', ['5411'], 'REQUIRE_APPROVAL', { mcc: '5812' }, 'REQUIRES_APPROVAL'],
  ],
  // A block list whatever the action; a missing MCC never matches IN_LIST but is NOT_IN_LIST.
  CARD_BLOCKED_MCCS: [
    ['IN_LIST', ['7995'], 'ALLOW', { mcc: '7995' }, 'DENIED'],
    ['IN_LIST', ['7995'], 'DENY', { mcc: '7995 ' }, 'DENIED'],
    ['IN_LIST', ['7995'], 'ALLOW', { mcc: '5411' }, 'PASSED'],
    ['IN_LIST', ['7995'], 'DENY', {}, 'PASSED'],
    ['NOT_IN_LIST', ['5411'], 'DENY', { mcc: '7995' }, 'DENIED'],
    ['NOT_IN_LIST', ['5411'], 'DENY', { mcc: '5411' }, 'PASSED'],
    ['NOT_IN_LIST', ['5411'], 'DENY', {}, 'DENIED'],
    ['IN_LIST', ['7995'], 'REQUIRE_APPROVAL', { mcc: '7995' }, 'REQUIRES_APPROVAL'],
  ],
  // Case-insensitive, trimmed names; a missing merchant fails.
  CARD_ALLOWED_MERCHANTS: [
    ['IN_LIST', ['Amazon', 'Stripe'], 'ALLOW', { merchantName: 'Amazon' }, 'PASSED'],
    ['IN_LIST', ['Amazon', 'Stripe'], 'ALLOW', { merchantName: '  STRIPE ' }, 'PASSED'],
    ['IN_LIST', ['amazon'], 'ALLOW', { merchantName: 'AMAZON' }, 'PASSED'],
    ['IN_LIST', ['Amazon'], 'ALLOW', { merchantName: 'Amazon Web Services' }, 'DENIED'],
    ['IN_LIST', ['Amazon', 'Stripe'], 'ALLOW', {}, 'DENIED'],
    ['NOT_IN_LIST', ['Casino.com'], 'ALLOW', { merchantName: 'casino.com' }, 'DENIED'],
    ['NOT_IN_LIST', ['Casino.com'], 'ALLOW', { merchantName: 'Amazon' }, 'PASSED'],
    ['IN_LIST', ['Amazon'], 'REQUIRE_APPROVAL', { merchantName: 'amazon' }, 'REQUIRES_APPROVAL'],
  ],
  // A block list whatever the action; a missing merchant never matches IN_LIST but is NOT_IN_LIST.
  CARD_BLOCKED_MERCHANTS: [
    ['IN_LIST', ['Casino.com'], 'ALLOW', { merchantName: 'Casino.com' }, 'DENIED'],
    ['IN_LIST', ['Casino.com'], 'DENY', { merchantName: ' CASINO.COM ' }, 'DENIED'],
    ['IN_LIST', ['Casino.com'], 'DENY', { merchantName: 'Casino.co' }, 'PASSED'],
    ['IN_LIST', ['Casino.com'], 'DENY', {}, 'PASSED'],
    ['NOT_IN_LIST', ['Amazon'], 'DENY', { merchantName: 'Casino.com' }, 'DENIED'],
    ['NOT_IN_LIST', ['Amazon'], 'DENY', {}, 'DENIED'],
    [
      'IN_LIST',
      ['Casino.com'],
      'REQUIRE_APPROVAL',
      { merchantName: 'casino.com' },
      'REQUIRES_APPROVAL',
    ],
  ],
}

describe('cardRules', () => {
  test.each(
    Object.entries(cases).flatMap(([ruleType, rows]) =>
      rows.map((row) => [ruleType, ...row] as const),
    ),
  )('behavior: %s %s %j %s with %j → %s', (ruleType, operator, value, action, payment, outcome) => {
    const decision = evaluateRule(rule(ruleType, operator, value, action), card(payment))
    expect(outcomeOf(decision)).toBe(outcome)
    expect(decision.status).toBe(statusOf[outcome])
  })

  test.each([
    ['CARD_ALLOWED_MCCS', ['5411']],
    ['CARD_BLOCKED_MCCS', ['7995']],
    ['CARD_ALLOWED_MERCHANTS', ['Amazon']],
    ['CARD_BLOCKED_MERCHANTS', ['Casino.com']],
  ] as const)('behavior: %s is skipped for standard, x402 and mpp payments', (ruleType, value) => {
    const payment = {
      amount: 25,
      recipientAddress: RECIPIENT,
      mcc: '7995',
      merchantName: 'Casino.com',
    }
    for (const kind of ['standard', 'x402', 'mpp'] as const) {
      const decision = evaluateRule(rule(ruleType, 'IN_LIST', value), {
        payment: { ...payment, kind },
      })
      expect(decision.status).toBe('APPROVED')
      expect(outcomeOf(decision)).toBe('SKIPPED')
    }
    expect(evaluateRule(rule(ruleType, 'IN_LIST', value), card(payment)).status).toBe('DENIED')
  })

  test.each([
    ['CARD_ALLOWED_MCCS', 'IN_LIST', '["541"]'],
    ['CARD_ALLOWED_MCCS', 'IN_LIST', '[5411]'],
    ['CARD_BLOCKED_MCCS', 'IN_LIST', '[]'],
    ['CARD_BLOCKED_MCCS', 'IN_LIST', '7995'],
    ['CARD_ALLOWED_MERCHANTS', 'IN_LIST', '[""]'],
    ['CARD_BLOCKED_MERCHANTS', 'IN_LIST', '{"merchant":"Casino.com"}'],
    ['CARD_BLOCKED_MERCHANTS', 'GT', '["Casino.com"]'],
  ] as const)('error: %s %s %s is malformed and fails closed', (ruleType, operator, value) => {
    const decision = evaluateRule(
      rule(ruleType, operator, value),
      card({ mcc: '5411', merchantName: 'Amazon' }),
    )
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain(ruleType)
  })

  test('error: CARD_ALLOWED_MCCS lists the allowed codes', () => {
    const decision = evaluateRule(
      rule('CARD_ALLOWED_MCCS', 'IN_LIST', ['5411', '5812']),
      card({ mcc: '7995', merchantName: 'Casino.com' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CARD_MCC_RESTRICTION',
      ruleType: 'CARD_ALLOWED_MCCS',
      current: '7995',
      limit: ['5411', '5812'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "MCC 7995 is not in the allowed list (5411, 5812)",
      ]
    `)
    const missing = evaluateRule(rule('CARD_ALLOWED_MCCS', 'IN_LIST', ['5411', '5812']), card())
    expect(missing.violations[0]).toMatchObject({ current: null, limit: ['5411', '5812'] })
    expect(missing.reasons).toMatchInlineSnapshot(`
      [
        "The card payment has no MCC, so it cannot match the allowed list (5411, 5812)",
      ]
    `)
  })

  test('error: CARD_BLOCKED_MCCS names the blocked code', () => {
    const decision = evaluateRule(
      rule('CARD_BLOCKED_MCCS', 'IN_LIST', ['7995']),
      card({ mcc: ' 7995' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CARD_MCC_RESTRICTION',
      current: '7995',
      limit: ['7995'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "MCC 7995 is blocked",
      ]
    `)
    const outside = evaluateRule(
      rule('CARD_BLOCKED_MCCS', 'NOT_IN_LIST', ['5411']),
      card({ mcc: '7995' }),
    )
    expect(outside.reasons).toMatchInlineSnapshot(`
      [
        "MCC 7995 is blocked: it is not in the list (5411)",
      ]
    `)
    const missing = evaluateRule(rule('CARD_BLOCKED_MCCS', 'NOT_IN_LIST', ['5411']), card())
    expect(missing.violations[0]).toMatchObject({ current: null, limit: ['5411'] })
    expect(missing.reasons).toMatchInlineSnapshot(`
      [
        "The card payment has no MCC, so it is blocked: it is not in the list (5411)",
      ]
    `)
  })

  test('error: CARD_ALLOWED_MERCHANTS names the merchant as the payment gives it', () => {
    const decision = evaluateRule(
      rule('CARD_ALLOWED_MERCHANTS', 'IN_LIST', ['Amazon', 'Stripe']),
      card({ merchantName: ' Casino.com ' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CARD_MERCHANT_RESTRICTION',
      current: 'Casino.com',
      limit: ['Amazon', 'Stripe'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Merchant Casino.com is not in the allowed list (Amazon, Stripe)",
      ]
    `)
    const missing = evaluateRule(rule('CARD_ALLOWED_MERCHANTS', 'IN_LIST', ['Amazon']), card())
    expect(missing.reasons).toMatchInlineSnapshot(`
      [
        "The card payment has no merchant name, so it cannot match the allowed list (Amazon)",
      ]
    `)
  })

  test('error: CARD_BLOCKED_MERCHANTS names the blocked merchant', () => {
    const decision = evaluateRule(
      rule('CARD_BLOCKED_MERCHANTS', 'IN_LIST', ['Casino.com']),
      card({ merchantName: 'Casino.com' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CARD_MERCHANT_RESTRICTION',
      ruleType: 'CARD_BLOCKED_MERCHANTS',
      current: 'Casino.com',
      limit: ['Casino.com'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Merchant Casino.com is blocked",
      ]
    `)
  })

  test('behavior: a long list is shortened in the message but complete in the violation', () => {
    const mccs = Array.from({ length: 25 }, (_, index) => String(5000 + index))
    const decision = evaluateRule(rule('CARD_ALLOWED_MCCS', 'IN_LIST', mccs), card({ mcc: '7995' }))
    expect(decision.violations[0]?.limit).toEqual(mccs)
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "MCC 7995 is not in the allowed list (5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009 and 15 more)",
      ]
    `)
  })
})
