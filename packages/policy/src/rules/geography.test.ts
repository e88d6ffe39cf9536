import { describe, expect, test } from 'vitest'
import { evaluateRule, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'
import type { CounterpartyInput, PaymentInput } from '../evaluation-input.js'

const pay = (
  payment: Partial<PaymentInput> = {},
  counterparty?: CounterpartyInput,
): { payment: PaymentInput; counterparty?: CounterpartyInput } => ({
  payment: { amount: 10, recipientAddress: RECIPIENT, ...payment },
  ...(counterparty === undefined ? {} : { counterparty }),
})

const inCountry = (country: string) => pay({ country })

describe('geographyRules', () => {
  test.each([
    // operator, list, action, country, status
    ['IN_LIST', ['US', 'CA', 'GB'], 'ALLOW', 'US', 'APPROVED'],
    ['IN_LIST', ['US', 'CA', 'GB'], 'ALLOW', 'gb', 'APPROVED'],
    ['IN_LIST', ['us', 'ca'], 'ALLOW', 'CA', 'APPROVED'],
    ['IN_LIST', ['US', 'CA', 'GB'], 'ALLOW', 'FR', 'DENIED'],
    ['IN', ['US'], 'ALLOW', ' us ', 'APPROVED'],
    ['IN_LIST', ['RU', 'BY'], 'DENY', 'RU', 'DENIED'],
    ['IN_LIST', ['RU', 'BY'], 'DENY', 'ru', 'DENIED'],
    ['IN_LIST', ['RU', 'BY'], 'DENY', 'DE', 'APPROVED'],
    ['IN_LIST', ['RU'], 'REQUIRE_APPROVAL', 'RU', 'REQUIRES_APPROVAL'],
    ['IN_LIST', ['RU'], 'REQUIRE_APPROVAL', 'DE', 'APPROVED'],
    ['NOT_IN_LIST', ['RU', 'BY'], 'ALLOW', 'RU', 'DENIED'],
    ['NOT_IN_LIST', ['RU', 'BY'], 'ALLOW', 'DE', 'APPROVED'],
    ['NOT_IN_LIST', ['US', 'CA'], 'DENY', 'DE', 'DENIED'],
    ['NOT_IN_LIST', ['US', 'CA'], 'DENY', 'US', 'APPROVED'],
  ] as const)(
    'behavior: %s %j %s for country %s → %s',
    (operator, list, action, country, status) => {
      const decision = evaluateRule(
        rule('GEOGRAPHIC_RESTRICTION', operator, list, action),
        inCountry(country),
      )
      expect(decision.status).toBe(status)
    },
  )

  test.each([
    ['IN_LIST', 'ALLOW'],
    ['IN_LIST', 'DENY'],
    ['NOT_IN_LIST', 'ALLOW'],
    ['NOT_IN_LIST', 'DENY'],
    ['IN_LIST', 'REQUIRE_APPROVAL'],
  ] as const)(
    'behavior: an unknown country is skipped (%s, %s): it never triggers a denial',
    (operator, action) => {
      const decision = evaluateRule(rule('GEOGRAPHIC_RESTRICTION', operator, ['US'], action), pay())
      expect(decision.status).toBe('APPROVED')
      expect(outcomeOf(decision)).toBe('SKIPPED')
      expect(
        outcomeOf(
          evaluateRule(rule('GEOGRAPHIC_RESTRICTION', operator, ['US'], action), inCountry('  ')),
        ),
      ).toBe('SKIPPED')
    },
  )

  test('behavior: the country comes from the payment, then context.country, then the counterparty', () => {
    const allowUs = rule('GEOGRAPHIC_RESTRICTION', 'IN_LIST', ['US'])
    expect(evaluateRule(allowUs, pay({ context: { country: 'us' } })).status).toBe('APPROVED')
    expect(evaluateRule(allowUs, pay({ context: { country: 'FR' } })).status).toBe('DENIED')
    expect(evaluateRule(allowUs, pay({}, { country: 'US' })).status).toBe('APPROVED')
    expect(evaluateRule(allowUs, pay({}, { country: 'FR' })).status).toBe('DENIED')
    expect(
      evaluateRule(allowUs, pay({ country: 'US', context: { country: 'FR' } }, { country: 'FR' }))
        .status,
    ).toBe('APPROVED')
  })

  test.each(['standard', 'x402', 'mpp', 'card'] as const)(
    'behavior: applies to %s payments',
    (kind) => {
      const decision = evaluateRule(
        rule('GEOGRAPHIC_RESTRICTION', 'IN_LIST', ['RU'], 'DENY'),
        pay({ kind, country: 'RU' }),
      )
      expect(decision.status).toBe('DENIED')
    },
  )

  test('error: a country outside the allow-list is named with the allowed ones', () => {
    const decision = evaluateRule(
      rule('GEOGRAPHIC_RESTRICTION', 'IN_LIST', ['US', 'CA', 'GB']),
      inCountry('fr'),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'GEOGRAPHIC_RESTRICTION',
      ruleType: 'GEOGRAPHIC_RESTRICTION',
      current: 'FR',
      limit: ['US', 'CA', 'GB'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Payments to country FR are not allowed (allowed: US, CA, GB)",
      ]
    `)
  })

  test('error: a country on a DENY list is named', () => {
    const decision = evaluateRule(
      rule('GEOGRAPHIC_RESTRICTION', 'IN_LIST', ['RU', 'BY'], 'DENY'),
      inCountry('RU'),
    )
    expect(decision.violations[0]).toMatchObject({ type: 'GEOGRAPHIC_RESTRICTION', current: 'RU' })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Payments to country RU are restricted by policy (restricted: RU, BY)",
      ]
    `)
  })

  test('behavior: the built-in sanctions screen denies before any geographic rule', () => {
    const decision = evaluateRule(
      rule('GEOGRAPHIC_RESTRICTION', 'IN_LIST', ['CU']),
      inCountry('CU'),
    )
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('GEOGRAPHIC_RESTRICTION')
    expect(decision.violations[0]?.ruleType).toBeUndefined()
  })

  test.each([
    ['IN_LIST', ['USA']],
    ['IN_LIST', ['U1']],
    ['IN_LIST', []],
    ['IN_LIST', 'US'],
    ['EQUALS', ['US']],
  ])('error: a malformed GEOGRAPHIC_RESTRICTION rule %s %j fails closed', (operator, value) => {
    const decision = evaluateRule(rule('GEOGRAPHIC_RESTRICTION', operator, value), inCountry('US'))
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain('GEOGRAPHIC_RESTRICTION')
  })
})
