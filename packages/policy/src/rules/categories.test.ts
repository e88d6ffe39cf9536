import { describe, expect, test } from 'vitest'
import { evaluateRule, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'

const pay = (category?: string, kind?: 'standard' | 'x402' | 'mpp' | 'card') => ({
  payment: {
    amount: 10,
    recipientAddress: RECIPIENT,
    ...(category === undefined ? {} : { category }),
    ...(kind === undefined ? {} : { kind }),
  },
})

describe('categoryRules', () => {
  test.each([
    // ruleType, operator, list, action, category, status
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER', 'CLOUD'], 'ALLOW', 'CLOUD', 'APPROVED'],
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER', 'CLOUD'], 'ALLOW', 'TRAVEL', 'DENIED'],
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER', 'CLOUD'], 'ALLOW', undefined, 'DENIED'],
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER', 'CLOUD'], 'ALLOW', '   ', 'DENIED'],
    ['ALLOWED_CATEGORIES', 'IN', ['api_provider'], 'ALLOW', 'Api_Provider', 'APPROVED'],
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['Cloud'], 'ALLOW', ' cloud ', 'APPROVED'],
    ['ALLOWED_CATEGORIES', 'NOT_IN_LIST', ['GAMBLING'], 'ALLOW', 'GAMBLING', 'DENIED'],
    ['ALLOWED_CATEGORIES', 'NOT_IN_LIST', ['GAMBLING'], 'ALLOW', 'CLOUD', 'APPROVED'],
    ['ALLOWED_CATEGORIES', 'NOT_IN_LIST', ['GAMBLING'], 'ALLOW', undefined, 'APPROVED'],
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['TRAVEL'], 'DENY', 'travel', 'DENIED'],
    [
      'ALLOWED_CATEGORIES',
      'IN_LIST',
      ['TRAVEL'],
      'REQUIRE_APPROVAL',
      'Travel',
      'REQUIRES_APPROVAL',
    ],
    ['ALLOWED_CATEGORIES', 'IN_LIST', ['TRAVEL'], 'REQUIRE_APPROVAL', 'CLOUD', 'APPROVED'],
    ['BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'DENY', 'gambling', 'DENIED'],
    ['BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'DENY', 'GAMING', 'APPROVED'],
    ['BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'DENY', undefined, 'APPROVED'],
    // A block-list with the default action still denies what it lists.
    ['BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'ALLOW', 'Gambling', 'DENIED'],
    ['BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'ALLOW', 'CLOUD', 'APPROVED'],
    [
      'BLOCKED_CATEGORIES',
      'IN_LIST',
      ['GAMBLING'],
      'REQUIRE_APPROVAL',
      'GAMBLING',
      'REQUIRES_APPROVAL',
    ],
    // NOT_IN_LIST on a block-list blocks everything else, a missing category included.
    ['BLOCKED_CATEGORIES', 'NOT_IN_LIST', ['CLOUD'], 'DENY', 'CLOUD', 'APPROVED'],
    ['BLOCKED_CATEGORIES', 'NOT_IN_LIST', ['CLOUD'], 'DENY', 'TRAVEL', 'DENIED'],
    ['BLOCKED_CATEGORIES', 'NOT_IN_LIST', ['CLOUD'], 'DENY', undefined, 'DENIED'],
  ] as const)(
    'behavior: %s %s %j %s with category %j → %s',
    (ruleType, operator, list, action, category, status) => {
      expect(evaluateRule(rule(ruleType, operator, list, action), pay(category)).status).toBe(
        status,
      )
    },
  )

  test.each(['standard', 'x402', 'mpp', 'card'] as const)(
    'behavior: applies to %s payments',
    (kind) => {
      const decision = evaluateRule(
        rule('BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING'], 'DENY'),
        pay('GAMBLING', kind),
      )
      expect(decision.status).toBe('DENIED')
      expect(outcomeOf(decision)).toBe('DENIED')
    },
  )

  test('error: a blocked category is named', () => {
    const decision = evaluateRule(
      rule('BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING', 'ADULT'], 'DENY'),
      pay('gambling'),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CATEGORY_RESTRICTION',
      ruleType: 'BLOCKED_CATEGORIES',
      current: 'GAMBLING',
      limit: ['GAMBLING', 'ADULT'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Category GAMBLING is blocked",
      ]
    `)
  })

  test('error: a category outside the allow-list is named with the allowed ones', () => {
    const decision = evaluateRule(
      rule('ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER', 'CLOUD']),
      pay('Travel'),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CATEGORY_RESTRICTION',
      current: 'TRAVEL',
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Category TRAVEL is not an allowed category (allowed: API_PROVIDER, CLOUD)",
      ]
    `)
  })

  test('error: a payment without a category fails an allow-list', () => {
    const decision = evaluateRule(rule('ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER']), pay())
    expect(decision.violations[0]).toMatchObject({ type: 'CATEGORY_RESTRICTION', current: null })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Payment has no category; only these categories are allowed: API_PROVIDER",
      ]
    `)
  })

  test('behavior: an allow-list used for approvals explains the listed category', () => {
    const decision = evaluateRule(
      rule('ALLOWED_CATEGORIES', 'IN_LIST', ['TRAVEL'], 'REQUIRE_APPROVAL'),
      pay('travel'),
    )
    expect(decision.status).toBe('REQUIRES_APPROVAL')
    expect(decision.reasons[0]).toMatch(
      /: Category TRAVEL is restricted by policy \(listed: TRAVEL\)$/,
    )
  })

  test('behavior: a 200-entry allow-list matches any entry case-insensitively', () => {
    const list = Array.from({ length: 200 }, (_, index) => `Category_${index}`)
    const allowList = rule('ALLOWED_CATEGORIES', 'IN_LIST', list)
    expect(evaluateRule(allowList, pay('CATEGORY_199')).status).toBe('APPROVED')
    expect(evaluateRule(allowList, pay('category_0')).status).toBe('APPROVED')
    const denied = evaluateRule(allowList, pay('CATEGORY_200'))
    expect(denied.status).toBe('DENIED')
    expect(denied.reasons[0]).toBe(
      'Category CATEGORY_200 is not an allowed category (allowed: Category_0, Category_1, Category_2, Category_3, Category_4, Category_5, Category_6, Category_7, Category_8, Category_9 and 190 more)',
    )
  })

  test.each([
    ['ALLOWED_CATEGORIES', '[]'],
    ['ALLOWED_CATEGORIES', '"CLOUD"'],
    ['BLOCKED_CATEGORIES', '[1]'],
    ['BLOCKED_CATEGORIES', 'not json'],
  ])('error: a malformed %s value %s fails closed', (ruleType, value) => {
    const decision = evaluateRule(rule(ruleType, 'IN_LIST', value, 'DENY'), pay('CLOUD'))
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain(ruleType)
  })

  test('error: a comparison operator is not a list operator', () => {
    const decision = evaluateRule(rule('ALLOWED_CATEGORIES', 'LTE', ['CLOUD']), pay('CLOUD'))
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain('ALLOWED_CATEGORIES')
  })
})
