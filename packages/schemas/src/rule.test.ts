import { describe, expect, expectTypeOf, test } from 'vitest'
import { evmAddress as EVM, solanaAddress as SOLANA } from '../test/fixtures.js'
import { violationTypes } from './policy-decision.js'
import {
  type DateRangeRuleValue,
  formatRuleValue,
  isOperatorAllowed,
  normalizeOperator,
  normalizeRuleValueInput,
  parseRuleValue,
  policyTypeSchema,
  policyTypes,
  type RuleOperator,
  type RuleType,
  type RuleValueByType,
  RuleValueError,
  ruleActionSchema,
  ruleActions,
  ruleAppliesTo,
  ruleOperatorAliases,
  ruleOperatorSchema,
  ruleOperators,
  rulePaymentKinds,
  ruleTypeInfo,
  ruleTypes,
  safeParseRuleValue,
} from './rule.js'

/**
 * For every rule type: wire values that must parse (the §4.7 examples first) and malformed
 * values that must be rejected. Typed as a full record so a new rule type cannot be forgotten.
 */
const cases: Record<RuleType, { valid: string[]; invalid: string[] }> = {
  MAX_AMOUNT: {
    valid: ['200', '0.000001', '0', ' 150.5 '],
    invalid: ['abc', '-1', '1.1234567', '[]', ''],
  },
  DAILY_LIMIT: { valid: ['1000', '"1000"'], invalid: ['abc', '-5', '{"amount":1000}'] },
  WEEKLY_LIMIT: { valid: ['5000'], invalid: ['five thousand', 'NaN', 'Infinity'] },
  MONTHLY_LIMIT: { valid: ['20000', '1e4'], invalid: ['-20000', 'true'] },
  BUDGET_CAP: {
    valid: [
      '{"amount":10000,"period":"MONTHLY"}',
      '{"amount":500,"period":"quarterly"}',
      '{"amount":"250.5","period":"YEARLY"}',
    ],
    invalid: [
      '10000',
      '{"amount":10000}',
      '{"amount":10000,"period":"DECADE"}',
      '{"amount":-1,"period":"DAILY"}',
    ],
  },
  SINGLE_AMOUNT: { valid: ['{"amount":500}', '500'], invalid: ['{"amount":"x"}', '{}', '-500'] },
  REQUIRE_APPROVAL_ABOVE: { valid: ['500'], invalid: ['above 500', '-1'] },
  ALLOWED_CATEGORIES: {
    valid: ['["API_PROVIDER","CLOUD"]', '["software","infrastructure"]'],
    invalid: ['API_PROVIDER', '[]', '[1,2]', '[""]', '{"categories":["CLOUD"]}'],
  },
  BLOCKED_CATEGORIES: {
    valid: ['["GAMBLING"]', '["gambling","adult"]'],
    invalid: ['GAMBLING', '[null]'],
  },
  ALLOWED_COUNTERPARTIES: {
    valid: [`["${EVM}"]`, `["${EVM.toLowerCase()}","${SOLANA}"]`],
    invalid: ['["0xabc"]', `"${EVM}"`, '[]'],
  },
  BLOCKED_COUNTERPARTIES: { valid: [`["${EVM}"]`], invalid: ['["0xbad…"]', '["not-an-address"]'] },
  TIME_WINDOW: {
    valid: [
      '{"start":"09:00","end":"18:00"}',
      '{"start":"22:00","end":"06:00","timezone":"America/New_York"}',
      '{"start":"9:00","end":"24:00"}',
    ],
    invalid: [
      '{"start":"09:00"}',
      '{"start":"25:00","end":"18:00"}',
      '{"start":"09:00","end":"18:00","timezone":"Mars/Base"}',
      '["09:00","18:00"]',
    ],
  },
  DAY_OF_WEEK: {
    valid: ['["Mon","Tue","Wed","Thu","Fri"]', '["sat","SUNDAY"]'],
    invalid: ['["Funday"]', 'Mon', '[]', '[1]'],
  },
  DATE_RANGE: {
    valid: [
      '{"start":"2026-01-01","end":"2026-12-31"}',
      '{"start":"2026-01-01T00:00:00Z","end":"2026-01-01T12:00:00Z"}',
    ],
    invalid: [
      '{"start":"2026-12-31","end":"2026-01-01"}',
      '{"start":"01/01/2026","end":"2026-12-31"}',
      '{"start":"2026-01-01"}',
    ],
  },
  BLACKOUT_PERIOD: {
    valid: [
      '{"windows":[{"start":"02:00","end":"06:00","reason":"Maintenance","recurring":true}]}',
      '{"start":"2026-04-01","end":"2026-04-02"}',
      '{"windows":[{"start":"23:00","end":"01:00"}],"timezone":"Europe/Berlin"}',
      '{"windows":[{"start":"2026-12-24T18:00:00Z","end":"2026-12-26T00:00:00Z","reason":"Holidays"}]}',
    ],
    invalid: [
      '{"windows":[]}',
      '{"windows":[{"start":"25:00","end":"06:00","recurring":true}]}',
      '{"windows":[{"start":"2026-04-01","end":"2026-04-02","recurring":true}]}',
      '{"start":"2026-04-02","end":"2026-04-01"}',
      '["02:00","06:00"]',
    ],
  },
  VELOCITY_LIMIT: {
    valid: ['{"maxCount":10,"period":"HOUR"}', '{"maxCount":"3","period":"week"}'],
    invalid: [
      '{"maxCount":10,"period":"MONTH"}',
      '{"maxCount":1.5,"period":"HOUR"}',
      '{"period":"HOUR"}',
      '10',
    ],
  },
  GEOGRAPHIC_RESTRICTION: {
    valid: ['["US","CA","GB"]', '["CU","IR","KP","SY","RU"]', '["us"]'],
    invalid: ['["USA"]', '["U1"]', 'US'],
  },
  TRUST_SCORE: { valid: ['0.7', '0', '1', '0.75'], invalid: ['70', '-0.1', '1.01', 'high'] },
  COUNTERPARTY_STATUS: {
    valid: ['["TRUSTED","VERIFIED"]', '{"status":"TRUSTED"}', '["suspicious"]'],
    invalid: ['{"status":"GOOD"}', '["TRUSTED","MAYBE"]', 'TRUSTED', '[]'],
  },
  CONTRACT_ALLOWLIST: {
    valid: [
      `["${EVM}"]`,
      `{"contracts":["${EVM}"],"protocols":["uniswap"]}`,
      `{"contracts":["${EVM}"],"protocols":[],"functionSelectors":["0xa9059cbb"]}`,
      '{"protocols":["aave"]}',
    ],
    invalid: [
      '["0xcontract…"]',
      '{"contracts":[],"protocols":[]}',
      `{"contracts":["${EVM}"],"functionSelectors":["transfer"]}`,
      '"uniswap"',
    ],
  },
  FAIRSCALE_MIN_SCORE: { valid: ['50', '0', '100', '72.5'], invalid: ['101', '-1', 'fair'] },
  X402_PRICE_CEILING: { valid: ['1', '0.01'], invalid: ['$1', '-0.01'] },
  X402_MAX_PER_REQUEST: { valid: ['0.50'], invalid: ['0.0000001', 'half'] },
  X402_MAX_PER_SERVICE: {
    valid: ['50', '{"amount":50,"period":"DAILY"}', '{"amount":50}'],
    invalid: ['{"amount":50,"period":"HOURLY"}', '{"period":"DAILY"}', 'fifty'],
  },
  X402_ALLOWED_SERVICES: {
    valid: ['["api.openai.com"]', '["*.example.com","localhost:8080"]', '["API.OpenAI.com"]'],
    invalid: ['["https://api.openai.com/v1"]', '["not a domain"]', 'api.openai.com'],
  },
  X402_BLOCKED_SERVICES: { valid: ['["untrusted.api"]'], invalid: ['[]', '[42]'] },
  X402_MAX_PER_ENDPOINT: { valid: ['10'], invalid: ['ten', '-10'] },
  X402_VELOCITY_PER_ENDPOINT: {
    valid: ['{"maxCount":5,"period":"MINUTE"}'],
    invalid: ['{"maxCount":-1,"period":"MINUTE"}', '{"maxCount":5,"period":"SECOND"}'],
  },
  X402_SESSION_BUDGET: { valid: ['100'], invalid: ['unlimited', '[100]'] },
  MPP_PRICE_CEILING: { valid: ['1'], invalid: ['one'] },
  MPP_MAX_PER_REQUEST: { valid: ['1.00'], invalid: ['1.0000001'] },
  MPP_ALLOWED_SERVICES: { valid: ['["api.example.com","mpp.tempo.xyz"]'], invalid: ['[""]'] },
  MPP_BLOCKED_SERVICES: {
    valid: ['["untrusted.api"]'],
    invalid: ['{"domains":["untrusted.api"]}'],
  },
  MPP_MAX_PER_SERVICE: {
    valid: ['50', '{"amount":50,"period":"WEEKLY"}'],
    invalid: ['{"amount":50,"period":"HOUR"}', 'x'],
  },
  MPP_MAX_PER_ENDPOINT: { valid: ['10'], invalid: ['-1'] },
  MPP_VELOCITY_PER_ENDPOINT: {
    valid: ['{"maxCount":5,"period":"MINUTE"}'],
    invalid: ['{"maxCount":5}', '5'],
  },
  MPP_SESSION_BUDGET: { valid: ['100'], invalid: ['a hundred'] },
  MPP_MAX_SESSION_DEPOSIT: { valid: ['50'], invalid: ['-50'] },
  MPP_MAX_CONCURRENT_SESSIONS: { valid: ['3', '0'], invalid: ['2.5', '-1', 'three'] },
  MPP_MAX_SESSION_DURATION: { valid: ['3600'], invalid: ['1h', '3600.5'] },
  MPP_BLOCK_SESSION_INTENT: { valid: ['["streaming"]'], invalid: ['streaming', '[]'] },
  MPP_ALLOWED_METHODS: { valid: ['["GET","POST"]', '["get"]'], invalid: ['["FETCH"]', 'GET'] },
  CARD_ALLOWED_MCCS: { valid: ['["5411","5812"]'], invalid: ['[5411]', '["541"]', '["54111"]'] },
  CARD_BLOCKED_MCCS: { valid: ['["7995"]'], invalid: ['["gambling"]', '7995'] },
  CARD_ALLOWED_MERCHANTS: { valid: ['["Amazon","Stripe"]'], invalid: ['Amazon', '[]'] },
  CARD_BLOCKED_MERCHANTS: { valid: ['["Casino.com"]'], invalid: ['[true]', '{}'] },
  CARD_MAX_AMOUNT: { valid: ['500'], invalid: ['five hundred', '-500'] },
}

describe('ruleTypes', () => {
  test('default: every rule type of §4.7, 47 names, unique', () => {
    expect(ruleTypes).toHaveLength(47)
    expect(new Set(ruleTypes).size).toBe(47)
    expect(ruleTypes).toContain('SINGLE_AMOUNT')
    expect(Object.keys(ruleTypeInfo).sort()).toEqual([...ruleTypes].sort())
    expect(Object.keys(cases).sort()).toEqual([...ruleTypes].sort())
  })
})

describe('ruleTypeInfo', () => {
  test.each(ruleTypes)('behavior: %s has consistent metadata', (ruleType) => {
    const info = ruleTypeInfo[ruleType]
    expect(info.operators.length).toBeGreaterThan(0)
    expect(info.operators).toContain(info.typicalOperator)
    for (const operator of info.operators) expect(ruleOperators).toContain(operator)
    expect(ruleActions).toContain(info.typicalAction)
    expect(violationTypes).toContain(info.violationType)
    for (const kind of info.paymentKinds) expect(rulePaymentKinds).toContain(kind)
    // The documented example parses and is already canonical.
    const canonical = /^[\d.]+$/.test(info.example) ? String(Number(info.example)) : info.example
    expect(formatRuleValue(ruleType, parseRuleValue(ruleType, info.example))).toBe(canonical)
  })

  test('behavior: protocol rules apply only to their payment kind', () => {
    for (const ruleType of ruleTypes) {
      const kinds = ruleTypeInfo[ruleType].paymentKinds
      if (ruleType.startsWith('X402_')) expect(kinds).toEqual(['x402'])
      else if (ruleType.startsWith('MPP_')) expect(kinds).toEqual(['mpp'])
      else if (ruleType.startsWith('CARD_')) expect(kinds).toEqual(['card'])
    }
  })

  test('behavior: amount, limit and time rules apply to every kind', () => {
    const generic: RuleType[] = [
      'MAX_AMOUNT',
      'DAILY_LIMIT',
      'WEEKLY_LIMIT',
      'MONTHLY_LIMIT',
      'BUDGET_CAP',
      'SINGLE_AMOUNT',
      'REQUIRE_APPROVAL_ABOVE',
      'TIME_WINDOW',
      'DAY_OF_WEEK',
      'DATE_RANGE',
      'BLACKOUT_PERIOD',
      'VELOCITY_LIMIT',
    ]
    for (const ruleType of generic) {
      for (const kind of rulePaymentKinds) expect(ruleAppliesTo(ruleType, kind)).toBe(true)
    }
    expect(ruleAppliesTo('X402_PRICE_CEILING', 'standard')).toBe(false)
    expect(ruleAppliesTo('CARD_MAX_AMOUNT', 'x402')).toBe(false)
    expect(ruleAppliesTo('CONTRACT_ALLOWLIST', 'card')).toBe(false)
  })

  test('behavior: counterparty address lists apply to crypto payments only (cards have no recipient)', () => {
    for (const ruleType of ['ALLOWED_COUNTERPARTIES', 'BLOCKED_COUNTERPARTIES'] as const) {
      expect(ruleTypeInfo[ruleType].paymentKinds).toEqual(['standard', 'x402', 'mpp'])
      expect(ruleAppliesTo(ruleType, 'card')).toBe(false)
    }
  })

  test('behavior: the documented violation types', () => {
    expect(ruleTypeInfo.MAX_AMOUNT.violationType).toBe('PER_TX_LIMIT')
    expect(ruleTypeInfo.DAILY_LIMIT.violationType).toBe('DAILY_LIMIT')
    expect(ruleTypeInfo.BUDGET_CAP.violationType).toBe('BUDGET_EXCEEDED')
    expect(ruleTypeInfo.ALLOWED_COUNTERPARTIES.violationType).toBe('WHITELIST_VIOLATION')
    expect(ruleTypeInfo.BLOCKED_COUNTERPARTIES.violationType).toBe('BLOCKED_COUNTERPARTY')
    expect(ruleTypeInfo.DAY_OF_WEEK.violationType).toBe('TIME_WINDOW')
    expect(ruleTypeInfo.DATE_RANGE.violationType).toBe('EXPIRED_PERMISSION')
    expect(ruleTypeInfo.X402_VELOCITY_PER_ENDPOINT.violationType).toBe('X402_VELOCITY')
    expect(ruleTypeInfo.MPP_ALLOWED_METHODS.violationType).toBe('MPP_METHOD_NOT_ALLOWED')
    expect(ruleTypeInfo.CARD_BLOCKED_MCCS.violationType).toBe('CARD_MCC_RESTRICTION')
    expect(ruleTypeInfo.CARD_MAX_AMOUNT.violationType).toBe('CARD_AMOUNT_LIMIT')
  })
})

describe('parseRuleValue', () => {
  const validCases = ruleTypes.flatMap((ruleType) =>
    cases[ruleType].valid.map((value) => [ruleType, value] as const),
  )
  const invalidCases = ruleTypes.flatMap((ruleType) =>
    cases[ruleType].invalid.map((value) => [ruleType, value] as const),
  )

  test.each(validCases)('default: %s accepts %s and round-trips', (ruleType, value) => {
    const parsed = parseRuleValue(ruleType, value)
    const wire = formatRuleValue(ruleType, parsed)
    expect(typeof wire).toBe('string')
    expect(parseRuleValue(ruleType, wire)).toEqual(parsed)
    // Formatting is idempotent: the canonical string formats to itself.
    expect(formatRuleValue(ruleType, parseRuleValue(ruleType, wire))).toBe(wire)
  })

  test.each(invalidCases)('error: %s rejects %s naming the rule type', (ruleType, value) => {
    expect(() => parseRuleValue(ruleType, value)).toThrow(RuleValueError)
    try {
      parseRuleValue(ruleType, value)
    } catch (error) {
      const ruleError = error as RuleValueError
      expect(ruleError.ruleType).toBe(ruleType)
      expect(ruleError.message).toContain(`Invalid value for ${ruleType}: expected `)
      expect(ruleError.message).toContain(ruleTypeInfo[ruleType].expected)
      expect(ruleError.message).toContain(', got ')
    }
  })

  test('error: the documented message for a non-number limit', () => {
    expect(() => parseRuleValue('DAILY_LIMIT', 'abc')).toThrow(
      'Invalid value for DAILY_LIMIT: expected a non-negative number such as "1000", got "abc"',
    )
  })

  test('error: details name the offending field', () => {
    expect(() =>
      parseRuleValue(
        'BLACKOUT_PERIOD',
        '{"windows":[{"start":"25:00","end":"06:00","recurring":true}]}',
      ),
    ).toThrow(/windows\[0\]\.start: "25:00" is not a time/)
    expect(() => parseRuleValue('DAY_OF_WEEK', '["Mon","Funday"]')).toThrow(
      /\[1\]: "Funday" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat, Sun/,
    )
    expect(() => parseRuleValue('TRUST_SCORE', '70')).toThrow(
      'Invalid value for TRUST_SCORE: expected a trust score between 0.0 and 1.0 such as "0.7", got "70" (must be between 0 and 1)',
    )
    expect(() => parseRuleValue('MAX_AMOUNT', '1.1234567')).toThrow(/at most 6 decimal places/)
  })

  test('error: an unknown rule type', () => {
    expect(() => parseRuleValue('NOT_A_RULE' as RuleType, '1')).toThrow(
      /^Unknown ruleType "NOT_A_RULE": expected one of MAX_AMOUNT, /,
    )
  })

  test('behavior: numbers become numbers', () => {
    expect(parseRuleValue('MAX_AMOUNT', '200')).toBe(200)
    expect(parseRuleValue('X402_MAX_PER_REQUEST', '0.50')).toBe(0.5)
    expect(parseRuleValue('TRUST_SCORE', '0.7')).toBe(0.7)
    expect(parseRuleValue('MPP_MAX_CONCURRENT_SESSIONS', '3')).toBe(3)
    expect(parseRuleValue('BUDGET_CAP', '{"amount":"10000","period":"monthly"}')).toEqual({
      amount: 10000,
      period: 'MONTHLY',
    })
  })

  test('behavior: names are normalised', () => {
    expect(parseRuleValue('DAY_OF_WEEK', '["mon","TUESDAY","Sun"]')).toEqual(['Mon', 'Tue', 'Sun'])
    expect(parseRuleValue('GEOGRAPHIC_RESTRICTION', '["us","Ca"]')).toEqual(['US', 'CA'])
    expect(parseRuleValue('MPP_ALLOWED_METHODS', '["get","Post"]')).toEqual(['GET', 'POST'])
    expect(parseRuleValue('X402_ALLOWED_SERVICES', '["API.OpenAI.com"]')).toEqual([
      'api.openai.com',
    ])
    expect(parseRuleValue('VELOCITY_LIMIT', '{"maxCount":10,"period":"hour"}')).toEqual({
      maxCount: 10,
      period: 'HOUR',
    })
    expect(parseRuleValue('TIME_WINDOW', '{"start":"9:00","end":"18:00"}')).toEqual({
      start: '09:00',
      end: '18:00',
    })
  })

  test('behavior: alternate forms are normalised', () => {
    expect(parseRuleValue('SINGLE_AMOUNT', '500')).toEqual({ amount: 500 })
    expect(parseRuleValue('X402_MAX_PER_SERVICE', '50')).toEqual({ amount: 50 })
    expect(parseRuleValue('COUNTERPARTY_STATUS', '{"status":"trusted"}')).toEqual(['TRUSTED'])
    expect(parseRuleValue('CONTRACT_ALLOWLIST', `["${EVM}"]`)).toEqual({
      contracts: [EVM],
      protocols: [],
    })
    expect(parseRuleValue('BLACKOUT_PERIOD', '{"start":"2026-04-01","end":"2026-04-02"}')).toEqual({
      windows: [{ start: '2026-04-01', end: '2026-04-02', recurring: false }],
    })
    expect(
      parseRuleValue('BLACKOUT_PERIOD', '{"windows":[{"start":"23:00","end":"1:30"}]}'),
    ).toEqual({ windows: [{ start: '23:00', end: '01:30', recurring: true }] })
  })

  test('behavior: typed by rule type', () => {
    expectTypeOf(parseRuleValue<'DAILY_LIMIT'>).returns.toEqualTypeOf<number>()
    expectTypeOf<RuleValueByType['ALLOWED_CATEGORIES']>().toEqualTypeOf<string[]>()
    expectTypeOf<RuleValueByType['DATE_RANGE']>().toEqualTypeOf<DateRangeRuleValue>()
    expectTypeOf<RuleValueByType['VELOCITY_LIMIT']['period']>().toEqualTypeOf<
      'MINUTE' | 'HOUR' | 'DAY' | 'WEEK'
    >()
    expectTypeOf<RuleValueByType['DAY_OF_WEEK']>().toEqualTypeOf<
      ('Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun')[]
    >()
    expectTypeOf<
      RuleValueByType['BLACKOUT_PERIOD']['windows'][number]['recurring']
    >().toEqualTypeOf<boolean>()
  })
})

describe('safeParseRuleValue', () => {
  test('default: success carries the typed value', () => {
    expect(safeParseRuleValue('DAILY_LIMIT', '1000')).toEqual({ success: true, value: 1000 })
  })

  test('error: failure carries a RuleValueError', () => {
    const result = safeParseRuleValue('VELOCITY_LIMIT', '{"maxCount":10}')
    expect(result.success).toBe(false)
    expect(result.error).toBeInstanceOf(RuleValueError)
    expect(result.error?.ruleType).toBe('VELOCITY_LIMIT')
    expect(result.error?.message).toMatch(
      /^Invalid value for VELOCITY_LIMIT: expected a JSON object/,
    )
  })
})

describe('formatRuleValue', () => {
  test('default: numbers as plain strings, lists and objects as JSON', () => {
    expect(formatRuleValue('MAX_AMOUNT', 200)).toBe('200')
    expect(formatRuleValue('X402_MAX_PER_REQUEST', 0.5)).toBe('0.5')
    expect(formatRuleValue('ALLOWED_CATEGORIES', ['API_PROVIDER', 'CLOUD'])).toBe(
      '["API_PROVIDER","CLOUD"]',
    )
    expect(formatRuleValue('BUDGET_CAP', { amount: 10000, period: 'MONTHLY' })).toBe(
      '{"amount":10000,"period":"MONTHLY"}',
    )
    expect(formatRuleValue('SINGLE_AMOUNT', { amount: 500 })).toBe('{"amount":500}')
    expect(formatRuleValue('TIME_WINDOW', { start: '09:00', end: '18:00', timezone: 'UTC' })).toBe(
      '{"start":"09:00","end":"18:00","timezone":"UTC"}',
    )
  })

  test('behavior: the short forms stay short', () => {
    expect(formatRuleValue('X402_MAX_PER_SERVICE', { amount: 50 })).toBe('50')
    expect(formatRuleValue('X402_MAX_PER_SERVICE', { amount: 50, period: 'DAILY' })).toBe(
      '{"amount":50,"period":"DAILY"}',
    )
    expect(formatRuleValue('CONTRACT_ALLOWLIST', { contracts: [EVM], protocols: [] })).toBe(
      `["${EVM}"]`,
    )
  })

  test('error: an invalid typed value throws', () => {
    expect(() => formatRuleValue('MAX_AMOUNT', -1)).toThrow(RuleValueError)
    expect(() => formatRuleValue('DAY_OF_WEEK', ['Funday' as 'Mon'])).toThrow(
      /Invalid value for DAY_OF_WEEK/,
    )
  })
})

describe('normalizeRuleValueInput', () => {
  test('default: strings are validated and kept as sent', () => {
    expect(normalizeRuleValueInput('MAX_AMOUNT', '200')).toBe('200')
    expect(normalizeRuleValueInput('X402_MAX_PER_REQUEST', ' 0.50 ')).toBe('0.50')
    expect(normalizeRuleValueInput('DAY_OF_WEEK', '["Mon","Tue"]')).toBe('["Mon","Tue"]')
  })

  test('args: native JSON becomes a string', () => {
    expect(normalizeRuleValueInput('MAX_AMOUNT', 200)).toBe('200')
    expect(normalizeRuleValueInput('TRUST_SCORE', 0.7)).toBe('0.7')
    expect(normalizeRuleValueInput('GEOGRAPHIC_RESTRICTION', ['US', 'CA'])).toBe('["US","CA"]')
    expect(normalizeRuleValueInput('VELOCITY_LIMIT', { maxCount: 10, period: 'HOUR' })).toBe(
      '{"maxCount":10,"period":"HOUR"}',
    )
  })

  test('error: invalid native values name the rule type', () => {
    expect(() => normalizeRuleValueInput('MAX_AMOUNT', -5)).toThrow(
      'Invalid value for MAX_AMOUNT: expected a non-negative number such as "200", got -5 (must not be negative)',
    )
    expect(() => normalizeRuleValueInput('DAY_OF_WEEK', ['Funday'])).toThrow(
      /Invalid value for DAY_OF_WEEK: .*got \["Funday"\]/,
    )
    expect(() => normalizeRuleValueInput('MAX_AMOUNT', null)).toThrow(RuleValueError)
    expect(() => normalizeRuleValueInput('MAX_AMOUNT', true)).toThrow(RuleValueError)
    expect(() => normalizeRuleValueInput('MAX_AMOUNT', Number.NaN)).toThrow(RuleValueError)
  })
})

describe('normalizeOperator', () => {
  test('default: canonical names are returned unchanged', () => {
    for (const operator of ruleOperators) expect(normalizeOperator(operator)).toBe(operator)
  })

  test('args: every alias normalises', () => {
    for (const [alias, canonical] of Object.entries(ruleOperatorAliases)) {
      expect(normalizeOperator(alias)).toBe(canonical)
    }
  })

  test.each([
    ['EQ', 'EQUALS'],
    ['neq', 'NOT_EQUALS'],
    ['GT', 'GREATER_THAN'],
    ['gte', 'GREATER_THAN_OR_EQUAL'],
    ['GREATER_THAN_OR_EQUALS', 'GREATER_THAN_OR_EQUAL'],
    ['Lt', 'LESS_THAN'],
    ['LTE', 'LESS_THAN_OR_EQUAL'],
    ['less_than_or_equals', 'LESS_THAN_OR_EQUAL'],
    ['in', 'IN_LIST'],
    ['NOT_IN', 'NOT_IN_LIST'],
    ['in list', 'IN_LIST'],
    [' not in list ', 'NOT_IN_LIST'],
    ['not-between', 'NOT_BETWEEN'],
    ['<=', 'LESS_THAN_OR_EQUAL'],
    ['>=', 'GREATER_THAN_OR_EQUAL'],
  ] as const)('behavior: %s → %s (case-insensitive)', (alias, canonical) => {
    expect(normalizeOperator(alias)).toBe(canonical)
  })

  test('error: unknown operators give undefined', () => {
    expect(normalizeOperator('ABOUT')).toBeUndefined()
    expect(normalizeOperator('')).toBeUndefined()
    expect(normalizeOperator('constructor')).toBeUndefined()
  })
})

describe('ruleOperatorSchema', () => {
  test('default: aliases parse to canonical names', () => {
    expect(ruleOperatorSchema.parse('lte')).toBe('LESS_THAN_OR_EQUAL')
    expect(ruleOperatorSchema.parse('IN_LIST')).toBe('IN_LIST')
  })

  test('error: an unknown operator lists the allowed ones', () => {
    const result = ruleOperatorSchema.safeParse('APPROX')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(
      /^Invalid operator "APPROX": expected one of EQUALS, NOT_EQUALS, .*BETWEEN, NOT_BETWEEN \(aliases: EQ, /,
    )
  })
})

describe('isOperatorAllowed', () => {
  test.each(ruleTypes)('behavior: %s accepts its operators and rejects the others', (ruleType) => {
    const allowed: readonly RuleOperator[] = ruleTypeInfo[ruleType].operators
    for (const operator of ruleOperators) {
      expect(isOperatorAllowed(ruleType, operator)).toBe(allowed.includes(operator))
    }
    // Every rule type rejects at least one operator family.
    expect(allowed.length).toBeLessThan(ruleOperators.length)
  })

  test('behavior: the documented typical operators', () => {
    expect(ruleTypeInfo.MAX_AMOUNT.typicalOperator).toBe('LESS_THAN_OR_EQUAL')
    expect(isOperatorAllowed('MAX_AMOUNT', 'LESS_THAN')).toBe(true)
    expect(ruleTypeInfo.REQUIRE_APPROVAL_ABOVE.typicalOperator).toBe('GREATER_THAN')
    expect(ruleTypeInfo.REQUIRE_APPROVAL_ABOVE.typicalAction).toBe('REQUIRE_APPROVAL')
    expect(ruleTypeInfo.TIME_WINDOW.operators).toEqual(['BETWEEN', 'NOT_BETWEEN'])
    expect(ruleTypeInfo.DAY_OF_WEEK.operators).toEqual(['IN_LIST', 'NOT_IN_LIST'])
    expect(isOperatorAllowed('COUNTERPARTY_STATUS', 'EQUALS')).toBe(true)
    expect(isOperatorAllowed('TRUST_SCORE', 'GREATER_THAN_OR_EQUAL')).toBe(true)
    expect(isOperatorAllowed('DAILY_LIMIT', 'IN_LIST')).toBe(false)
    expect(isOperatorAllowed('ALLOWED_CATEGORIES', 'LESS_THAN_OR_EQUAL')).toBe(false)
  })
})

describe('policyTypeSchema', () => {
  test('default: the core 14 and the protocol types', () => {
    expect(policyTypes).toHaveLength(18)
    for (const policyType of [
      'SPEND_LIMIT',
      'BLACKOUT_PERIOD',
      'X402_CONTROLS',
      'MPP_CONTROLS',
      'CARD_CONTROLS',
      'AGENTSCORE',
    ]) {
      expect(policyTypeSchema.parse(policyType)).toBe(policyType)
    }
  })

  test('error: an unknown policy type lists the allowed ones', () => {
    const result = policyTypeSchema.safeParse('SPENDING')
    expect(result.error?.issues[0]?.message).toBe(
      `Invalid policyType "SPENDING": expected one of ${policyTypes.join(', ')}`,
    )
  })
})

describe('ruleActionSchema', () => {
  test('default: the three actions', () => {
    for (const action of ['ALLOW', 'DENY', 'REQUIRE_APPROVAL']) {
      expect(ruleActionSchema.parse(action)).toBe(action)
    }
  })

  test('error: an unknown action lists the allowed ones', () => {
    expect(ruleActionSchema.safeParse('BLOCK').error?.issues[0]?.message).toBe(
      'Invalid action "BLOCK": expected one of ALLOW, DENY, REQUIRE_APPROVAL',
    )
  })
})
