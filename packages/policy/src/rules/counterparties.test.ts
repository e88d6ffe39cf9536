import { describe, expect, test } from 'vitest'
import {
  evaluateRule,
  OTHER_ADDRESS,
  outcomeOf,
  RECIPIENT,
  rule,
  SOLANA_RECIPIENT,
} from '../../test/fixtures.js'
import type { CounterpartyInput, PaymentInput } from '../evaluation-input.js'

const pay = (
  payment: Partial<PaymentInput> = {},
  counterparty?: CounterpartyInput,
): { payment: PaymentInput; counterparty?: CounterpartyInput } => ({
  payment: { amount: 10, recipientAddress: RECIPIENT, ...payment },
  ...(counterparty === undefined ? {} : { counterparty }),
})

const cardPayment = { kind: 'card', merchantName: 'Stripe' } as const

/** A deterministic synthetic EVM address. */
const address = (index: number) => `0x${index.toString(16).padStart(40, 'a')}`

describe('counterpartyRules', () => {
  describe('ALLOWED_COUNTERPARTIES and BLOCKED_COUNTERPARTIES', () => {
    test.each([
      // ruleType, operator, list, action, recipient, status
      ['ALLOWED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'ALLOW', RECIPIENT, 'APPROVED'],
      [
        'ALLOWED_COUNTERPARTIES',
        'IN_LIST',
        [RECIPIENT.toUpperCase().replace('0X', '0x')],
        'ALLOW',
        RECIPIENT.toLowerCase(),
        'APPROVED',
      ],
      [
        'ALLOWED_COUNTERPARTIES',
        'IN_LIST',
        [RECIPIENT.toLowerCase()],
        'ALLOW',
        RECIPIENT,
        'APPROVED',
      ],
      ['ALLOWED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'ALLOW', OTHER_ADDRESS, 'DENIED'],
      [
        'ALLOWED_COUNTERPARTIES',
        'IN_LIST',
        [SOLANA_RECIPIENT],
        'ALLOW',
        SOLANA_RECIPIENT,
        'APPROVED',
      ],
      ['ALLOWED_COUNTERPARTIES', 'IN_LIST', [SOLANA_RECIPIENT], 'ALLOW', RECIPIENT, 'DENIED'],
      ['ALLOWED_COUNTERPARTIES', 'NOT_IN_LIST', [RECIPIENT], 'ALLOW', RECIPIENT, 'DENIED'],
      ['ALLOWED_COUNTERPARTIES', 'NOT_IN_LIST', [RECIPIENT], 'ALLOW', OTHER_ADDRESS, 'APPROVED'],
      ['ALLOWED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'DENY', RECIPIENT, 'DENIED'],
      [
        'ALLOWED_COUNTERPARTIES',
        'IN_LIST',
        [RECIPIENT],
        'REQUIRE_APPROVAL',
        RECIPIENT,
        'REQUIRES_APPROVAL',
      ],
      [
        'ALLOWED_COUNTERPARTIES',
        'IN_LIST',
        [RECIPIENT],
        'REQUIRE_APPROVAL',
        OTHER_ADDRESS,
        'APPROVED',
      ],
      ['BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'DENY', RECIPIENT.toLowerCase(), 'DENIED'],
      ['BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'DENY', OTHER_ADDRESS, 'APPROVED'],
      ['BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'ALLOW', RECIPIENT, 'DENIED'],
      ['BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'ALLOW', OTHER_ADDRESS, 'APPROVED'],
      [
        'BLOCKED_COUNTERPARTIES',
        'IN_LIST',
        [RECIPIENT],
        'REQUIRE_APPROVAL',
        RECIPIENT,
        'REQUIRES_APPROVAL',
      ],
      ['BLOCKED_COUNTERPARTIES', 'NOT_IN_LIST', [RECIPIENT], 'DENY', RECIPIENT, 'APPROVED'],
      ['BLOCKED_COUNTERPARTIES', 'NOT_IN_LIST', [RECIPIENT], 'DENY', OTHER_ADDRESS, 'DENIED'],
    ] as const)(
      'behavior: %s %s %j %s paying %s → %s',
      (ruleType, operator, list, action, recipient, status) => {
        const decision = evaluateRule(
          rule(ruleType, operator, list, action),
          pay({ recipientAddress: recipient }),
        )
        expect(decision.status).toBe(status)
      },
    )

    test('behavior: the allow-list is strict: a payment without a recipient is denied', () => {
      const decision = evaluateRule(rule('ALLOWED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT]), {
        payment: { amount: 10 },
      })
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]).toMatchObject({ type: 'WHITELIST_VIOLATION', current: null })
      expect(decision.reasons[0]).toBe(
        `Payment has no recipient address; only listed counterparties are allowed (${RECIPIENT})`,
      )
    })

    test('behavior: a payment without a recipient matches no block-list', () => {
      const decision = evaluateRule(
        rule('BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'DENY'),
        {
          payment: { amount: 10 },
        },
      )
      expect(decision.status).toBe('APPROVED')
      expect(outcomeOf(decision)).toBe('PASSED')
    })

    test.each(['ALLOWED_COUNTERPARTIES', 'BLOCKED_COUNTERPARTIES'])(
      'behavior: %s is skipped for card payments (no recipient)',
      (ruleType) => {
        const decision = evaluateRule(rule(ruleType, 'IN_LIST', [RECIPIENT], 'DENY'), {
          payment: { amount: 10, ...cardPayment },
        })
        expect(decision.status).toBe('APPROVED')
        expect(outcomeOf(decision)).toBe('SKIPPED')
      },
    )

    test.each(['x402', 'mpp'] as const)('behavior: the lists apply to %s payments', (kind) => {
      const decision = evaluateRule(
        rule('BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT], 'DENY'),
        pay({ kind }),
      )
      expect(decision.status).toBe('DENIED')
    })

    test('error: a recipient outside the allow-list is named', () => {
      const decision = evaluateRule(
        rule('ALLOWED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT]),
        pay({ recipientAddress: OTHER_ADDRESS }),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'WHITELIST_VIOLATION',
        ruleType: 'ALLOWED_COUNTERPARTIES',
        current: OTHER_ADDRESS,
        limit: [RECIPIENT],
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Recipient 0x1234567890abcdef1234567890abcdef12345678 is not on the allow-list",
        ]
      `)
    })

    test('error: a blocked recipient is named as the payment wrote it', () => {
      const decision = evaluateRule(
        rule('BLOCKED_COUNTERPARTIES', 'IN_LIST', [RECIPIENT.toLowerCase()], 'DENY'),
        pay(),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'BLOCKED_COUNTERPARTY',
        current: RECIPIENT,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Recipient 0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1 is blocked",
        ]
      `)
    })

    test('behavior: a 200-entry allow-list admits any listed address in any case', () => {
      const list = Array.from({ length: 200 }, (_, index) => address(index))
      const allowList = rule('ALLOWED_COUNTERPARTIES', 'IN_LIST', list)
      expect(evaluateRule(allowList, pay({ recipientAddress: address(0) })).status).toBe('APPROVED')
      expect(
        evaluateRule(
          allowList,
          pay({ recipientAddress: address(199).toUpperCase().replace('0X', '0x') }),
        ).status,
      ).toBe('APPROVED')
      const denied = evaluateRule(allowList, pay({ recipientAddress: address(200) }))
      expect(denied.status).toBe('DENIED')
      expect(denied.violations[0]?.limit).toHaveLength(200)
    })

    test.each([
      ['ALLOWED_COUNTERPARTIES', ['0xnot-an-address']],
      ['ALLOWED_COUNTERPARTIES', []],
      ['BLOCKED_COUNTERPARTIES', RECIPIENT],
    ])('error: a malformed %s value %j fails closed', (ruleType, value) => {
      const decision = evaluateRule(rule(ruleType, 'IN_LIST', value, 'DENY'), pay())
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]?.type).toBe('INVALID_RULE')
      expect(decision.reasons[0]).toContain(ruleType)
    })
  })

  describe('TRUST_SCORE', () => {
    test.each([
      // operator, limit, action, counterparty, status
      ['GTE', '0.7', 'ALLOW', { trustScore: 0.7 }, 'APPROVED'],
      ['GTE', '0.7', 'ALLOW', { trustScore: 0.69 }, 'DENIED'],
      ['GTE', '0.7', 'ALLOW', { trustScore: 1 }, 'APPROVED'],
      ['GTE', '0.7', 'ALLOW', undefined, 'DENIED'],
      ['GTE', '0.5', 'ALLOW', undefined, 'APPROVED'],
      ['GTE', '0.5', 'ALLOW', { trustLevel: 'VERIFIED' }, 'APPROVED'],
      ['GREATER_THAN', '0.5', 'ALLOW', undefined, 'DENIED'],
      ['GREATER_THAN', '0.7', 'ALLOW', { trustScore: 0.7 }, 'DENIED'],
      ['LTE', '0.3', 'ALLOW', { trustScore: 0.3 }, 'APPROVED'],
      ['LTE', '0.3', 'ALLOW', { trustScore: 0.31 }, 'DENIED'],
      ['LESS_THAN', '0.3', 'DENY', { trustScore: 0.2 }, 'DENIED'],
      ['LESS_THAN', '0.3', 'DENY', { trustScore: 0.3 }, 'APPROVED'],
      ['LESS_THAN', '0.5', 'REQUIRE_APPROVAL', undefined, 'APPROVED'],
      ['LESS_THAN', '0.5', 'REQUIRE_APPROVAL', { trustScore: 0.4 }, 'REQUIRES_APPROVAL'],
      ['GTE', '0', 'ALLOW', { trustScore: 0 }, 'APPROVED'],
    ] as const)(
      'behavior: TRUST_SCORE %s %s %s with %j → %s',
      (operator, limit, action, counterparty, status) => {
        const decision = evaluateRule(
          rule('TRUST_SCORE', operator, limit, action),
          pay({}, counterparty),
        )
        expect(decision.status).toBe(status)
      },
    )

    test('error: a low trust score names the score and the requirement', () => {
      const decision = evaluateRule(rule('TRUST_SCORE', 'GTE', '0.7'), pay({}, { trustScore: 0.4 }))
      expect(decision.violations[0]).toMatchObject({
        type: 'TRUST_SCORE',
        current: 0.4,
        limit: 0.7,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Counterparty trust score 0.40 is below the required 0.70",
        ]
      `)
    })

    test('error: an unknown counterparty counts as 0.5', () => {
      const decision = evaluateRule(rule('TRUST_SCORE', 'GTE', '0.75'), pay())
      expect(decision.violations[0]).toMatchObject({
        type: 'TRUST_SCORE',
        current: 0.5,
        limit: 0.75,
      })
      expect(decision.reasons[0]).toBe('Counterparty trust score 0.50 is below the required 0.75')
    })

    test.each([
      [
        'GREATER_THAN',
        'ALLOW',
        0.7,
        'Counterparty trust score 0.70 is not above the required 0.70',
      ],
      ['LTE', 'ALLOW', 0.9, 'Counterparty trust score 0.90 is above the allowed 0.30'],
      ['LESS_THAN', 'ALLOW', 0.3, 'Counterparty trust score 0.30 is not below the allowed 0.30'],
      ['LESS_THAN', 'DENY', 0.123, 'Counterparty trust score 0.123 is below 0.30'],
      ['LTE', 'DENY', 0.3, 'Counterparty trust score 0.30 is at or below 0.30'],
      ['GREATER_THAN', 'DENY', 0.9, 'Counterparty trust score 0.90 is above 0.30'],
      ['GTE', 'DENY', 0.3, 'Counterparty trust score 0.30 is at or above 0.30'],
    ] as const)(
      'error: %s with %s explains a score of %d',
      (operator, action, trustScore, message) => {
        const limit = operator === 'GREATER_THAN' && action === 'ALLOW' ? '0.7' : '0.3'
        const decision = evaluateRule(
          rule('TRUST_SCORE', operator, limit, action),
          pay({}, { trustScore }),
        )
        expect(decision.reasons).toEqual([message])
      },
    )

    test('behavior: card payments are judged only when the input carries their counterparty', () => {
      const trustRule = rule('TRUST_SCORE', 'GTE', '0.7')
      const skipped = evaluateRule(trustRule, { payment: { amount: 10, ...cardPayment } })
      expect(skipped.status).toBe('APPROVED')
      expect(outcomeOf(skipped)).toBe('SKIPPED')
      const judged = evaluateRule(trustRule, {
        payment: { amount: 10, ...cardPayment },
        counterparty: { trustScore: 0.2 },
      })
      expect(judged.status).toBe('DENIED')
    })

    test.each(['1.5', '-0.1', 'abc', '70'])(
      'error: a malformed TRUST_SCORE value %s fails closed',
      (value) => {
        const decision = evaluateRule(
          rule('TRUST_SCORE', 'GTE', value),
          pay({}, { trustScore: 0.9 }),
        )
        expect(decision.status).toBe('DENIED')
        expect(decision.violations[0]?.type).toBe('INVALID_RULE')
        expect(decision.reasons[0]).toContain('TRUST_SCORE')
      },
    )

    test('error: a list operator is not allowed', () => {
      const decision = evaluateRule(
        rule('TRUST_SCORE', 'IN_LIST', '0.7'),
        pay({}, { trustScore: 0.9 }),
      )
      expect(decision.violations[0]?.type).toBe('INVALID_RULE')
      expect(decision.reasons[0]).toContain('TRUST_SCORE')
    })
  })

  describe('COUNTERPARTY_STATUS', () => {
    test.each([
      // operator, value, action, counterparty, status
      ['IN_LIST', ['TRUSTED', 'VERIFIED'], 'ALLOW', { trustLevel: 'TRUSTED' }, 'APPROVED'],
      ['IN_LIST', ['TRUSTED', 'VERIFIED'], 'ALLOW', { trustLevel: 'verified' }, 'APPROVED'],
      ['IN_LIST', ['trusted', 'verified'], 'ALLOW', { trustLevel: 'VERIFIED' }, 'APPROVED'],
      ['IN_LIST', ['TRUSTED', 'VERIFIED'], 'ALLOW', { trustLevel: 'SUSPICIOUS' }, 'DENIED'],
      ['IN_LIST', ['TRUSTED', 'VERIFIED'], 'ALLOW', undefined, 'DENIED'],
      ['IN_LIST', ['TRUSTED', 'VERIFIED'], 'ALLOW', { trustScore: 0.9 }, 'DENIED'],
      ['IN_LIST', ['UNKNOWN'], 'ALLOW', undefined, 'APPROVED'],
      ['EQUALS', { status: 'TRUSTED' }, 'ALLOW', { trustLevel: 'TRUSTED' }, 'APPROVED'],
      ['EQUALS', { status: 'TRUSTED' }, 'ALLOW', { trustLevel: 'VERIFIED' }, 'DENIED'],
      ['NOT_IN_LIST', ['BLOCKED', 'SUSPICIOUS'], 'ALLOW', { trustLevel: 'SUSPICIOUS' }, 'DENIED'],
      ['NOT_IN_LIST', ['BLOCKED', 'SUSPICIOUS'], 'ALLOW', undefined, 'APPROVED'],
      ['NOT_EQUALS', { status: 'BLOCKED' }, 'ALLOW', { trustLevel: 'BLOCKED' }, 'DENIED'],
      ['NOT_EQUALS', { status: 'BLOCKED' }, 'ALLOW', { trustLevel: 'UNKNOWN' }, 'APPROVED'],
      ['IN_LIST', ['SUSPICIOUS', 'BLOCKED'], 'DENY', { trustLevel: 'Suspicious' }, 'DENIED'],
      ['IN_LIST', ['SUSPICIOUS', 'BLOCKED'], 'DENY', { trustLevel: 'TRUSTED' }, 'APPROVED'],
      ['IN_LIST', ['UNKNOWN'], 'REQUIRE_APPROVAL', undefined, 'REQUIRES_APPROVAL'],
      ['IN_LIST', ['UNKNOWN'], 'REQUIRE_APPROVAL', { trustLevel: 'TRUSTED' }, 'APPROVED'],
    ] as const)(
      'behavior: COUNTERPARTY_STATUS %s %j %s with %j → %s',
      (operator, value, action, counterparty, status) => {
        const decision = evaluateRule(
          rule('COUNTERPARTY_STATUS', operator, value, action),
          pay({}, counterparty),
        )
        expect(decision.status).toBe(status)
      },
    )

    test('error: an unknown counterparty fails a trusted-only requirement', () => {
      const decision = evaluateRule(
        rule('COUNTERPARTY_STATUS', 'IN_LIST', ['TRUSTED', 'VERIFIED']),
        pay(),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'COUNTERPARTY_STATUS',
        current: 'UNKNOWN',
        limit: ['TRUSTED', 'VERIFIED'],
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Counterparty status UNKNOWN is not allowed (required: TRUSTED, VERIFIED)",
        ]
      `)
    })

    test('error: a listed status under DENY is named', () => {
      const decision = evaluateRule(
        rule('COUNTERPARTY_STATUS', 'IN_LIST', ['SUSPICIOUS', 'BLOCKED'], 'DENY'),
        pay({}, { trustLevel: 'SUSPICIOUS' }),
      )
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Counterparty status SUSPICIOUS is restricted by policy (listed: SUSPICIOUS, BLOCKED)",
        ]
      `)
    })

    test('behavior: card payments are judged only when the input carries their counterparty', () => {
      const statusRule = rule('COUNTERPARTY_STATUS', 'IN_LIST', ['TRUSTED'])
      const skipped = evaluateRule(statusRule, { payment: { amount: 10, ...cardPayment } })
      expect(outcomeOf(skipped)).toBe('SKIPPED')
      const judged = evaluateRule(statusRule, {
        payment: { amount: 10, ...cardPayment },
        counterparty: { trustLevel: 'VERIFIED' },
      })
      expect(judged.status).toBe('DENIED')
    })

    test.each([
      ['IN_LIST', ['FRIENDLY']],
      ['IN_LIST', []],
      ['EQUALS', { level: 'TRUSTED' }],
      ['LTE', ['TRUSTED']],
    ])('error: a malformed COUNTERPARTY_STATUS rule %s %j fails closed', (operator, value) => {
      const decision = evaluateRule(
        rule('COUNTERPARTY_STATUS', operator, value),
        pay({}, { trustLevel: 'TRUSTED' }),
      )
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]?.type).toBe('INVALID_RULE')
      expect(decision.reasons[0]).toContain('COUNTERPARTY_STATUS')
    })
  })

  describe('FAIRSCALE_MIN_SCORE', () => {
    const solana = (fairscaleScore?: number, kind: PaymentInput['kind'] = 'standard') =>
      pay(
        { recipientAddress: SOLANA_RECIPIENT, kind },
        fairscaleScore === undefined ? undefined : { fairscaleScore },
      )

    test.each([
      // operator, limit, action, score, status
      ['GTE', '50', 'ALLOW', 50, 'APPROVED'],
      ['GTE', '50', 'ALLOW', 49.9, 'DENIED'],
      ['GTE', '50', 'ALLOW', 100, 'APPROVED'],
      ['GTE', '50', 'ALLOW', undefined, 'DENIED'],
      ['GTE', '0', 'ALLOW', undefined, 'APPROVED'],
      ['GREATER_THAN', '50', 'ALLOW', 50, 'DENIED'],
      ['LESS_THAN', '20', 'DENY', 19, 'DENIED'],
      ['LESS_THAN', '20', 'DENY', 20, 'APPROVED'],
      ['LESS_THAN', '60', 'REQUIRE_APPROVAL', 55, 'REQUIRES_APPROVAL'],
    ] as const)(
      'behavior: FAIRSCALE_MIN_SCORE %s %s %s with score %s → %s',
      (operator, limit, action, score, status) => {
        const decision = evaluateRule(
          rule('FAIRSCALE_MIN_SCORE', operator, limit, action),
          solana(score),
        )
        expect(decision.status).toBe(status)
      },
    )

    test.each(['x402', 'mpp'] as const)(
      'behavior: applies to %s payments to Solana recipients',
      (kind) => {
        const decision = evaluateRule(rule('FAIRSCALE_MIN_SCORE', 'GTE', '50'), solana(10, kind))
        expect(decision.status).toBe('DENIED')
      },
    )

    test('behavior: an EVM recipient is skipped', () => {
      const decision = evaluateRule(
        rule('FAIRSCALE_MIN_SCORE', 'GTE', '50'),
        pay({}, { fairscaleScore: 0 }),
      )
      expect(decision.status).toBe('APPROVED')
      expect(outcomeOf(decision)).toBe('SKIPPED')
    })

    test('behavior: a payment without a recipient is skipped', () => {
      const decision = evaluateRule(rule('FAIRSCALE_MIN_SCORE', 'GTE', '50'), {
        payment: { amount: 10 },
      })
      expect(outcomeOf(decision)).toBe('SKIPPED')
    })

    test('behavior: card payments are skipped', () => {
      const decision = evaluateRule(rule('FAIRSCALE_MIN_SCORE', 'GTE', '50'), solana(0, 'card'))
      expect(decision.status).toBe('APPROVED')
      expect(outcomeOf(decision)).toBe('SKIPPED')
    })

    test('error: a low score names the score and the minimum', () => {
      const decision = evaluateRule(rule('FAIRSCALE_MIN_SCORE', 'GTE', '50'), solana(30))
      expect(decision.violations[0]).toMatchObject({
        type: 'FAIRSCALE_LOW_SCORE',
        current: 30,
        limit: 50,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Recipient Fairscale score 30 is below the required 50",
        ]
      `)
    })

    test('error: a Solana recipient without a score fails closed', () => {
      const decision = evaluateRule(rule('FAIRSCALE_MIN_SCORE', 'GTE', '50'), solana())
      expect(decision.violations[0]).toMatchObject({
        type: 'FAIRSCALE_LOW_SCORE',
        current: 0,
        limit: 50,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Recipient Fairscale score 0 is below the required 50 (the recipient has no Fairscale score)",
        ]
      `)
    })

    test.each(['101', '-1', 'high', '[50]'])(
      'error: a malformed FAIRSCALE_MIN_SCORE value %s fails closed',
      (value) => {
        const decision = evaluateRule(rule('FAIRSCALE_MIN_SCORE', 'GTE', value), solana(90))
        expect(decision.status).toBe('DENIED')
        expect(decision.violations[0]?.type).toBe('INVALID_RULE')
        expect(decision.reasons[0]).toContain('FAIRSCALE_MIN_SCORE')
      },
    )
  })
})
