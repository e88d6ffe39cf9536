import { describe, expect, test } from 'vitest'
import { evaluateRule, input, outcomeOf, rule } from '../../test/fixtures.js'

describe('amountRules', () => {
  test.each([
    // ruleType, operator, value, action, amount, expected status
    ['MAX_AMOUNT', 'LTE', '200', 'ALLOW', 150, 'APPROVED'],
    ['MAX_AMOUNT', 'LTE', '200', 'ALLOW', 200, 'APPROVED'],
    ['MAX_AMOUNT', 'LTE', '200', 'ALLOW', 200.000001, 'DENIED'],
    ['MAX_AMOUNT', 'LESS_THAN', '200', 'ALLOW', 200, 'DENIED'],
    ['MAX_AMOUNT', 'LESS_THAN', '200', 'ALLOW', 199.999999, 'APPROVED'],
    ['MAX_AMOUNT', 'LTE', '0.3', 'ALLOW', 0.1 + 0.2, 'APPROVED'],
    ['SINGLE_AMOUNT', 'GREATER_THAN', { amount: 500 }, 'DENY', 500, 'APPROVED'],
    ['SINGLE_AMOUNT', 'GREATER_THAN', { amount: 500 }, 'DENY', 500.01, 'DENIED'],
    ['REQUIRE_APPROVAL_ABOVE', 'GT', '500', 'REQUIRE_APPROVAL', 500, 'APPROVED'],
    ['REQUIRE_APPROVAL_ABOVE', 'GT', '500', 'REQUIRE_APPROVAL', 750, 'REQUIRES_APPROVAL'],
    ['REQUIRE_APPROVAL_ABOVE', 'GTE', '500', 'REQUIRE_APPROVAL', 500, 'REQUIRES_APPROVAL'],
  ] as const)(
    'behavior: %s %s %j %s with amount %d → %s',
    (ruleType, operator, value, action, amount, status) => {
      const decision = evaluateRule(rule(ruleType, operator, value, action), {
        payment: { amount, recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1' },
      })
      expect(decision.status).toBe(status)
    },
  )

  test('error: PER_TX_LIMIT names the amount and the limit', () => {
    const decision = evaluateRule(rule('MAX_AMOUNT', 'LTE', '200'), {
      payment: { amount: 300, recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1' },
    })
    expect(decision.violations[0]).toMatchObject({
      type: 'PER_TX_LIMIT',
      limit: 200,
      current: 300,
      ruleType: 'MAX_AMOUNT',
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Amount $300.00 exceeds the per-transaction limit of $200.00",
      ]
    `)
  })

  test('behavior: REQUIRE_APPROVAL_ABOVE explains the threshold', () => {
    const decision = evaluateRule(rule('REQUIRE_APPROVAL_ABOVE', 'GT', '500', 'REQUIRE_APPROVAL'), {
      payment: { amount: 750, recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1' },
    })
    expect(decision.reasons[0]).toContain(
      'Amount $750.00 is above the approval threshold of $500.00',
    )
    expect(decision.violations).toEqual([])
  })

  test.each([
    ['X402_PRICE_CEILING', 'x402'],
    ['X402_MAX_PER_REQUEST', 'x402'],
    ['MPP_PRICE_CEILING', 'mpp'],
    ['MPP_MAX_PER_REQUEST', 'mpp'],
    ['CARD_MAX_AMOUNT', 'card'],
  ] as const)(
    'behavior: %s applies to %s payments and is skipped for standard ones',
    (ruleType, kind) => {
      const denied = evaluateRule(rule(ruleType, 'LTE', '0.01'), {
        payment: {
          kind,
          amount: 0.05,
          recipientAddress: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
        },
      })
      expect(denied.status).toBe('DENIED')
      const skipped = evaluateRule(
        rule(ruleType, 'LTE', '0.01'),
        input({ payment: { amount: 0.05 } }),
      )
      expect(skipped.status).toBe('APPROVED')
      expect(outcomeOf(skipped)).toBe('SKIPPED')
    },
  )

  test('behavior: the x402 ceiling uses the documented wording', () => {
    const decision = evaluateRule(rule('X402_PRICE_CEILING', 'LTE', '0.01'), {
      payment: { kind: 'x402', amount: 0.05, serviceDomain: 'api.example.com' },
    })
    expect(decision.reasons[0]).toBe('X402 price ceiling exceeded: $0.05 > $0.01 max')
    expect(decision.violations[0]?.type).toBe('X402_PRICE_CEILING')
  })

  test('error: a malformed value fails closed', () => {
    const decision = evaluateRule(rule('MAX_AMOUNT', 'LTE', 'abc'))
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain('MAX_AMOUNT')
  })
})
