import { describe, expect, test } from 'vitest'
import { evaluateRule, input, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'
import type { PaymentInput, SpendSnapshot } from '../evaluation-input.js'

type Kind = 'x402' | 'mpp'

/** An x402/MPP payment of `amount` naming its service with `service` (domain and/or URL). */
const pay = (
  kind: Kind,
  service: Pick<PaymentInput, 'serviceDomain' | 'resourceUrl'>,
  amount = 0.05,
  extra: Partial<PaymentInput> = {},
): { payment: PaymentInput } => ({
  payment: { kind, amount, recipientAddress: RECIPIENT, ...service, ...extra },
})

const domain = (serviceDomain: string) => ({ serviceDomain })
const url = (resourceUrl: string) => ({ resourceUrl })
const none = {}

const kindOf = (ruleType: string): Kind => (ruleType.startsWith('MPP') ? 'mpp' : 'x402')

/** Strips the generated policy name so snapshots stay stable. */
const reason = (reasons: readonly string[]) => reasons[0]?.replace(/"Policy \d+"/, '"P"')

describe('serviceRules', () => {
  describe('service lists', () => {
    test.each([
      // ruleType, operator, action, list, service, expected status
      [
        'X402_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['api.openai.com'],
        domain('api.openai.com'),
        'APPROVED',
      ],
      [
        'X402_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['api.openai.com'],
        domain('API.OpenAI.com'),
        'APPROVED',
      ],
      [
        'X402_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['API.OPENAI.COM'],
        domain('api.openai.com'),
        'APPROVED',
      ],
      [
        'X402_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['api.openai.com'],
        domain('api.evil.com'),
        'DENIED',
      ],
      ['X402_ALLOWED_SERVICES', 'IN_LIST', 'ALLOW', ['api.openai.com'], none, 'DENIED'],
      [
        'X402_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['api.openai.com'],
        url('not a url at all'),
        'DENIED',
      ],
      ['X402_ALLOWED_SERVICES', 'IN_LIST', 'ALLOW', ['api.openai.com'], domain('   '), 'DENIED'],
      [
        'X402_ALLOWED_SERVICES',
        'NOT_IN_LIST',
        'ALLOW',
        ['api.openai.com'],
        domain('api.openai.com'),
        'DENIED',
      ],
      [
        'X402_ALLOWED_SERVICES',
        'NOT_IN_LIST',
        'ALLOW',
        ['api.openai.com'],
        domain('api.other.com'),
        'APPROVED',
      ],
      [
        'X402_ALLOWED_SERVICES',
        'IN_LIST',
        'REQUIRE_APPROVAL',
        ['api.openai.com'],
        domain('api.openai.com'),
        'REQUIRES_APPROVAL',
      ],
      [
        'MPP_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['api.example.com'],
        domain('api.example.com'),
        'APPROVED',
      ],
      [
        'MPP_ALLOWED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['api.example.com'],
        domain('api.other.com'),
        'DENIED',
      ],
      ['MPP_ALLOWED_SERVICES', 'IN_LIST', 'ALLOW', ['api.example.com'], none, 'DENIED'],
      [
        'X402_BLOCKED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['untrusted.api'],
        domain('untrusted.api'),
        'DENIED',
      ],
      [
        'X402_BLOCKED_SERVICES',
        'IN_LIST',
        'DENY',
        ['untrusted.api'],
        domain('UNTRUSTED.api'),
        'DENIED',
      ],
      [
        'X402_BLOCKED_SERVICES',
        'IN_LIST',
        'DENY',
        ['untrusted.api'],
        domain('api.openai.com'),
        'APPROVED',
      ],
      ['X402_BLOCKED_SERVICES', 'IN_LIST', 'DENY', ['untrusted.api'], none, 'APPROVED'],
      [
        'X402_BLOCKED_SERVICES',
        'IN_LIST',
        'REQUIRE_APPROVAL',
        ['untrusted.api'],
        domain('untrusted.api'),
        'REQUIRES_APPROVAL',
      ],
      [
        'X402_BLOCKED_SERVICES',
        'NOT_IN_LIST',
        'DENY',
        ['api.openai.com'],
        domain('api.openai.com'),
        'APPROVED',
      ],
      [
        'X402_BLOCKED_SERVICES',
        'NOT_IN_LIST',
        'DENY',
        ['api.openai.com'],
        domain('api.evil.com'),
        'DENIED',
      ],
      [
        'MPP_BLOCKED_SERVICES',
        'IN_LIST',
        'DENY',
        ['untrusted.api'],
        domain('untrusted.api'),
        'DENIED',
      ],
      [
        'MPP_BLOCKED_SERVICES',
        'IN_LIST',
        'ALLOW',
        ['untrusted.api'],
        domain('api.example.com'),
        'APPROVED',
      ],
      [
        'MPP_BLOCKED_SERVICES',
        'IN_LIST',
        'DENY',
        ['untrusted.api'],
        url('::garbage::'),
        'APPROVED',
      ],
    ] as const)(
      'behavior: %s %s %s %j for %j → %s',
      (ruleType, operator, action, list, service, status) => {
        const decision = evaluateRule(
          rule(ruleType, operator, list, action),
          pay(kindOf(ruleType), service),
        )
        expect(decision.status).toBe(status)
      },
    )

    test.each([
      // list, service, listed
      [['api.openai.com'], url('https://api.openai.com/v1/chat?x=1'), true],
      [['api.openai.com'], url('HTTPS://API.OPENAI.COM/v1'), true],
      [['api.openai.com'], url('https://api.openai.com./v1'), true],
      [['api.openai.com'], url('api.openai.com/v1/chat'), true],
      [['api.openai.com'], url('https://user:pw@api.openai.com/v1'), true],
      [['api.openai.com'], url('https://api.openai.com@evil.com/v1'), false],
      [['api.openai.com'], url('https://evil.com\\@api.openai.com/v1'), false],
      [['api.openai.com'], url('https://api.openai.com.evil.com/v1'), false],
      // serviceDomain wins over the URL.
      [
        ['api.openai.com'],
        { serviceDomain: 'api.openai.com', resourceUrl: 'https://other.com/' },
        true,
      ],
      [
        ['api.openai.com'],
        { serviceDomain: 'other.com', resourceUrl: 'https://api.openai.com/' },
        false,
      ],
      [['api.openai.com'], domain('https://api.openai.com/v1'), true],
      [['api.openai.com'], domain(' api.openai.com. '), true],
    ] as const)('behavior: allow-list %j and %j: listed=%s', (list, service, listed) => {
      const decision = evaluateRule(
        rule('X402_ALLOWED_SERVICES', 'IN_LIST', list),
        pay('x402', service),
      )
      expect(decision.status).toBe(listed ? 'APPROVED' : 'DENIED')
    })

    test.each([
      // entry, domain, listed
      ['*.example.com', 'example.com', true],
      ['*.example.com', 'api.example.com', true],
      ['*.example.com', 'a.b.example.com', true],
      ['*.example.com', 'badexample.com', false],
      ['*.example.com', 'example.com.evil.io', false],
      ['*.example.com', 'com', false],
      ['*.com', 'anything.com', true],
      ['example.com', 'api.example.com', false],
      ['api.example.com', 'example.com', false],
    ] as const)(
      'behavior: wildcard entry %s and domain %s: listed=%s',
      (entry, service, listed) => {
        const allow = evaluateRule(
          rule('MPP_ALLOWED_SERVICES', 'IN_LIST', ['other.org', entry]),
          pay('mpp', domain(service)),
        )
        expect(allow.status).toBe(listed ? 'APPROVED' : 'DENIED')
        const block = evaluateRule(
          rule('X402_BLOCKED_SERVICES', 'IN_LIST', [entry], 'DENY'),
          pay('x402', domain(service)),
        )
        expect(block.status).toBe(listed ? 'DENIED' : 'APPROVED')
      },
    )

    test.each([
      // entry, service, listed
      ['api.example.com:8443', url('https://api.example.com:8443/v1'), true],
      ['api.example.com:8443', url('https://api.example.com/v1'), false],
      ['api.example.com:8443', url('https://api.example.com:9000/v1'), false],
      ['api.example.com:443', url('https://api.example.com/v1'), true],
      ['api.example.com:80', url('http://api.example.com/v1'), true],
      ['api.example.com:80', url('https://api.example.com/v1'), false],
      ['api.example.com', url('https://api.example.com:8443/v1'), true],
      ['api.example.com:8443', domain('api.example.com:8443'), true],
      ['api.example.com:8443', domain('api.example.com'), false],
      [
        'api.example.com:8443',
        { serviceDomain: 'api.example.com', resourceUrl: 'https://api.example.com:8443/' },
        true,
      ],
      [
        'api.example.com:8443',
        { serviceDomain: 'api.example.com', resourceUrl: 'https://other.com:8443/' },
        false,
      ],
      ['*.example.com:8443', url('https://a.example.com:8443/v1'), true],
      ['*.example.com:8443', url('https://example.com:8443/v1'), true],
      ['*.example.com:8443', url('https://a.example.com/v1'), false],
    ] as const)('behavior: entry %s with a port and %j: listed=%s', (entry, service, listed) => {
      const decision = evaluateRule(
        rule('X402_ALLOWED_SERVICES', 'IN_LIST', [entry]),
        pay('x402', service),
      )
      expect(decision.status).toBe(listed ? 'APPROVED' : 'DENIED')
    })

    test('behavior: a long allow-list is matched by lookup', () => {
      const list = Array.from({ length: 1000 }, (_, index) => `svc${index}.example.org`)
      list[999] = '*.api.example.com'
      const decision = evaluateRule(
        rule('X402_ALLOWED_SERVICES', 'IN_LIST', list),
        pay('x402', domain('a.b.api.example.com')),
      )
      expect(decision.status).toBe('APPROVED')
    })

    test('error: X402_ALLOWED_SERVICES names the service and the list', () => {
      const decision = evaluateRule(
        rule('X402_ALLOWED_SERVICES', 'IN_LIST', ['api.openai.com', '*.anthropic.com']),
        pay('x402', url('https://api.evil.com/v1')),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'X402_SERVICE_NOT_ALLOWED',
        ruleType: 'X402_ALLOWED_SERVICES',
        current: 'api.evil.com',
        limit: ['api.openai.com', '*.anthropic.com'],
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "X402 service api.evil.com is not on the allowed services list",
        ]
      `)
    })

    test('error: a payment without a service domain fails an allow-list', () => {
      const decision = evaluateRule(
        rule('MPP_ALLOWED_SERVICES', 'IN_LIST', ['api.example.com']),
        pay('mpp', none),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'MPP_SERVICE_NOT_ALLOWED',
        current: null,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "MPP payment names no service domain (serviceDomain or resourceUrl), so it is not on the allowed services list",
        ]
      `)
    })

    test('error: X402_BLOCKED_SERVICES names the matching wildcard', () => {
      const decision = evaluateRule(
        rule('X402_BLOCKED_SERVICES', 'IN_LIST', ['*.untrusted.api'], 'DENY'),
        pay('x402', url('https://pay.untrusted.api/x')),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'X402_SERVICE_BLOCKED',
        current: 'pay.untrusted.api',
        limit: ['*.untrusted.api'],
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "X402 service pay.untrusted.api is blocked (matches *.untrusted.api)",
        ]
      `)
    })

    test('error: MPP_BLOCKED_SERVICES says the service is blocked', () => {
      const decision = evaluateRule(
        rule('MPP_BLOCKED_SERVICES', 'IN_LIST', ['untrusted.api']),
        pay('mpp', domain('untrusted.api')),
      )
      expect(decision.violations[0]?.type).toBe('MPP_SERVICE_BLOCKED')
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "MPP service untrusted.api is blocked",
        ]
      `)
    })

    test.each([
      ['X402_ALLOWED_SERVICES', 'NOT_IN_LIST', 'ALLOW', domain('api.openai.com')],
      ['X402_BLOCKED_SERVICES', 'NOT_IN_LIST', 'DENY', domain('api.evil.com')],
      ['MPP_BLOCKED_SERVICES', 'NOT_IN_LIST', 'DENY', none],
    ] as const)(
      'error: %s %s %s explains the other operator',
      (ruleType, operator, action, service) => {
        const decision = evaluateRule(
          rule(ruleType, operator, ['api.openai.com'], action),
          pay(kindOf(ruleType), service),
        )
        expect(decision.status).toBe('DENIED')
        expect(decision.reasons[0]).toMatch(
          /(is on the allowed services list|is not on the blocked services list)$/,
        )
      },
    )

    test('behavior: an approval trigger on an allow-list explains the match', () => {
      const decision = evaluateRule(
        rule('X402_ALLOWED_SERVICES', 'IN_LIST', ['*.openai.com'], 'REQUIRE_APPROVAL'),
        pay('x402', domain('api.openai.com')),
      )
      expect(reason(decision.reasons)).toMatchInlineSnapshot(
        `"Requires approval (policy "P"): X402 service api.openai.com is on the allowed services list (matches *.openai.com)"`,
      )
    })
  })

  describe('per-service budgets', () => {
    const service = domain('api.openai.com')

    test.each([
      // ruleType, operator, value, service spend, amount, expected status
      ['X402_MAX_PER_SERVICE', 'LTE', '50', { daily: 45 }, 5, 'APPROVED'],
      ['X402_MAX_PER_SERVICE', 'LTE', '50', { daily: 45 }, 5.000001, 'DENIED'],
      ['X402_MAX_PER_SERVICE', 'LESS_THAN', '50', { daily: 45 }, 5, 'DENIED'],
      ['X402_MAX_PER_SERVICE', 'LTE', '50', { monthly: 1000 }, 50, 'APPROVED'],
      ['X402_MAX_PER_SERVICE', 'LTE', { amount: 50, period: 'DAILY' }, { daily: 45 }, 6, 'DENIED'],
      [
        'X402_MAX_PER_SERVICE',
        'LTE',
        { amount: 50, period: 'WEEKLY' },
        { daily: 1, weekly: 49 },
        1,
        'APPROVED',
      ],
      [
        'X402_MAX_PER_SERVICE',
        'LTE',
        { amount: 50, period: 'WEEKLY' },
        { daily: 1, weekly: 49 },
        1.01,
        'DENIED',
      ],
      ['X402_MAX_PER_SERVICE', 'LTE', { amount: 50 }, { daily: 50 }, 0.01, 'DENIED'],
      ['X402_MAX_PER_SERVICE', 'GT', '40', { daily: 45 }, 1, 'DENIED'],
      ['MPP_MAX_PER_SERVICE', 'LTE', '50', { daily: 49.9 }, 0.1, 'APPROVED'],
      ['MPP_MAX_PER_SERVICE', 'LTE', '50', { daily: 49.9 }, 0.2, 'DENIED'],
      [
        'MPP_MAX_PER_SERVICE',
        'LTE',
        { amount: 100, period: 'MONTHLY' },
        { monthly: 99 },
        1,
        'APPROVED',
      ],
      [
        'MPP_MAX_PER_SERVICE',
        'LTE',
        { amount: 100, period: 'YEARLY' },
        { monthly: 60, quarterly: 99 },
        2,
        'DENIED',
      ],
    ] as const)(
      'behavior: %s %s %j with spend %j + %d → %s',
      (ruleType, operator, value, spend, amount, status) => {
        const action = operator === 'GT' ? 'DENY' : 'ALLOW'
        const decision = evaluateRule(rule(ruleType, operator, value, action), {
          ...pay(kindOf(ruleType), service, amount),
          spend: { serviceDomain: spend, daily: 1_000_000 },
        })
        expect(decision.status).toBe(status)
      },
    )

    test('error: X402_MAX_PER_SERVICE says what remains for the service', () => {
      const decision = evaluateRule(rule('X402_MAX_PER_SERVICE', 'LTE', '50'), {
        ...pay('x402', service, 10),
        spend: { serviceDomain: { daily: 45 } },
      })
      expect(decision.violations[0]).toMatchObject({
        type: 'X402_ENDPOINT_LIMIT',
        current: 45,
        limit: 50,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Would exceed daily budget for X402 service api.openai.com: $5.00 remaining of $50.00",
        ]
      `)
    })

    test('error: MPP_MAX_PER_SERVICE with a period and no named service', () => {
      const decision = evaluateRule(
        rule('MPP_MAX_PER_SERVICE', 'LTE', { amount: 0, period: 'MONTHLY' }),
        pay('mpp', none),
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'MPP_ENDPOINT_LIMIT',
        current: 0,
        limit: 0,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "The monthly budget for this MPP service is $0.00: no payments are allowed",
        ]
      `)
    })

    test('behavior: a per-service approval trigger reports the spend', () => {
      const decision = evaluateRule(rule('X402_MAX_PER_SERVICE', 'GT', '40', 'REQUIRE_APPROVAL'), {
        ...pay('x402', service, 0.05),
        spend: { serviceDomain: { daily: 45 } },
      })
      expect(decision.status).toBe('REQUIRES_APPROVAL')
      expect(reason(decision.reasons)).toMatchInlineSnapshot(
        `"Requires approval (policy "P"): Spend $45.05 including this payment is > $40.00 (daily budget for X402 service api.openai.com)"`,
      )
    })
  })

  describe('per-endpoint budgets', () => {
    test.each([
      ['X402_MAX_PER_ENDPOINT', 'LTE', '10', { daily: 8 }, 2, 'APPROVED'],
      ['X402_MAX_PER_ENDPOINT', 'LTE', '10', { daily: 8 }, 2.000001, 'DENIED'],
      ['X402_MAX_PER_ENDPOINT', 'LESS_THAN', '10', { daily: 8 }, 2, 'DENIED'],
      ['X402_MAX_PER_ENDPOINT', 'LTE', '10', { weekly: 100 }, 10, 'APPROVED'],
      ['MPP_MAX_PER_ENDPOINT', 'LTE', '10', { daily: 9.99 }, 0.01, 'APPROVED'],
      ['MPP_MAX_PER_ENDPOINT', 'LTE', '10', { daily: 9.99 }, 0.02, 'DENIED'],
    ] as const)(
      'behavior: %s %s %s with endpoint spend %j + %d → %s',
      (ruleType, operator, value, spend, amount, status) => {
        const decision = evaluateRule(rule(ruleType, operator, value), {
          ...pay(kindOf(ruleType), url('https://api.example.com/v1/search'), amount),
          spend: { endpoint: spend, serviceDomain: { daily: 1_000 } },
        })
        expect(decision.status).toBe(status)
      },
    )

    test('error: X402_MAX_PER_ENDPOINT says what remains today without echoing the URL', () => {
      const decision = evaluateRule(rule('X402_MAX_PER_ENDPOINT', 'LTE', '10'), {
        ...pay('x402', url('https://api.example.com/v1/search?key=secret'), 3),
        spend: { endpoint: { daily: 8 } },
      })
      expect(decision.violations[0]).toMatchObject({
        type: 'X402_ENDPOINT_LIMIT',
        current: 8,
        limit: 10,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Would exceed daily X402 limit for this endpoint: $2.00 remaining of $10.00",
        ]
      `)
    })

    test('error: MPP_MAX_PER_ENDPOINT reports MPP_ENDPOINT_LIMIT', () => {
      const decision = evaluateRule(rule('MPP_MAX_PER_ENDPOINT', 'LTE', '10'), {
        ...pay('mpp', url('https://api.example.com/v1'), 11),
      })
      expect(decision.violations[0]).toMatchObject({
        type: 'MPP_ENDPOINT_LIMIT',
        current: 0,
        limit: 10,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Would exceed daily MPP limit for this endpoint: $10.00 remaining of $10.00",
        ]
      `)
    })
  })

  describe('session budgets', () => {
    const service = domain('api.example.com')
    const session = (spent: number): { spend: SpendSnapshot } => ({ spend: { session: spent } })

    test.each([
      // ruleType, operator, payment extra, session spend, amount, expected status
      ['X402_SESSION_BUDGET', 'LTE', { sessionId: 's1' }, 90, 10, 'APPROVED'],
      ['X402_SESSION_BUDGET', 'LTE', { sessionId: 's1' }, 90, 10.000001, 'DENIED'],
      ['X402_SESSION_BUDGET', 'LESS_THAN', { sessionId: 's1' }, 90, 10, 'DENIED'],
      ['MPP_SESSION_BUDGET', 'LTE', { sessionId: 's1' }, 99.5, 0.5, 'APPROVED'],
      ['MPP_SESSION_BUDGET', 'LTE', { sessionId: 's1' }, 99.5, 0.6, 'DENIED'],
      // Opening a session: the deposit is judged, whatever was spent.
      ['MPP_SESSION_BUDGET', 'LTE', { intent: 'session', depositAmount: 100 }, 0, 0.01, 'APPROVED'],
      [
        'MPP_SESSION_BUDGET',
        'LTE',
        { intent: 'session', depositAmount: 100.01 },
        0,
        0.01,
        'DENIED',
      ],
      ['MPP_SESSION_BUDGET', 'LTE', { sessionId: 's1', depositAmount: 50 }, 99, 5, 'APPROVED'],
    ] as const)(
      'behavior: %s %s %j with session spend %d + %d → %s',
      (ruleType, operator, extra, spent, amount, status) => {
        const decision = evaluateRule(rule(ruleType, operator, '100'), {
          ...pay(kindOf(ruleType), service, amount, extra),
          ...session(spent),
        })
        expect(decision.status).toBe(status)
      },
    )

    test.each([
      ['X402_SESSION_BUDGET', {}],
      ['X402_SESSION_BUDGET', { sessionId: '  ' }],
      ['MPP_SESSION_BUDGET', { intent: 'charge' }],
    ] as const)(
      'behavior: %s is skipped for a payment without a session (%j)',
      (ruleType, extra) => {
        const decision = evaluateRule(rule(ruleType, 'LTE', '0'), {
          ...pay(kindOf(ruleType), service, 5, extra),
          ...session(1000),
        })
        expect(decision.status).toBe('APPROVED')
        expect(outcomeOf(decision)).toBe('SKIPPED')
      },
    )

    test('error: X402_SESSION_BUDGET says what remains in the session', () => {
      const decision = evaluateRule(rule('X402_SESSION_BUDGET', 'LTE', '100'), {
        ...pay('x402', service, 25, { sessionId: 'sess_1' }),
        ...session(80),
      })
      expect(decision.violations[0]).toMatchObject({
        type: 'X402_SESSION_BUDGET',
        current: 80,
        limit: 100,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Would exceed X402 session budget: $20.00 remaining of $100.00",
        ]
      `)
    })

    test('error: MPP_SESSION_BUDGET judges an opening deposit', () => {
      const decision = evaluateRule(rule('MPP_SESSION_BUDGET', 'LTE', '100'), {
        ...pay('mpp', service, 1, { intent: 'session', depositAmount: 150 }),
      })
      expect(decision.violations[0]).toMatchObject({
        type: 'MPP_SESSION_BUDGET',
        current: 150,
        limit: 100,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "MPP session deposit $150.00 exceeds the session budget of $100.00",
        ]
      `)
    })

    test('behavior: a deposit approval trigger explains the deposit', () => {
      const decision = evaluateRule(rule('MPP_SESSION_BUDGET', 'GTE', '100', 'REQUIRE_APPROVAL'), {
        ...pay('mpp', service, 1, { intent: 'session', depositAmount: 100 }),
      })
      expect(decision.status).toBe('REQUIRES_APPROVAL')
      expect(reason(decision.reasons)).toMatchInlineSnapshot(
        `"Requires approval (policy "P"): MPP session deposit $100.00 is ≥ $100.00 (session budget)"`,
      )
    })

    test('error: MPP_SESSION_BUDGET in a session says what remains', () => {
      const decision = evaluateRule(rule('MPP_SESSION_BUDGET', 'LTE', '100'), {
        ...pay('mpp', service, 30, { sessionId: 'sess_1' }),
        ...session(75),
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Would exceed MPP session budget: $25.00 remaining of $100.00",
        ]
      `)
    })
  })

  test.each([
    ['X402_ALLOWED_SERVICES', 'IN_LIST', ['api.other.com']],
    ['X402_BLOCKED_SERVICES', 'IN_LIST', ['api.openai.com']],
    ['X402_MAX_PER_SERVICE', 'LTE', '0'],
    ['X402_MAX_PER_ENDPOINT', 'LTE', '0'],
    ['X402_SESSION_BUDGET', 'LTE', '0'],
    ['MPP_ALLOWED_SERVICES', 'IN_LIST', ['api.other.com']],
    ['MPP_BLOCKED_SERVICES', 'IN_LIST', ['api.openai.com']],
    ['MPP_MAX_PER_SERVICE', 'LTE', '0'],
    ['MPP_MAX_PER_ENDPOINT', 'LTE', '0'],
    ['MPP_SESSION_BUDGET', 'LTE', '0'],
  ] as const)(
    'behavior: %s fires for its own kind and is skipped for the others',
    (ruleType, operator, value) => {
      const own = kindOf(ruleType)
      const other = own === 'x402' ? 'mpp' : 'x402'
      const fired = evaluateRule(rule(ruleType, operator, value), {
        ...pay(own, domain('api.openai.com'), 5, { sessionId: 'sess_1' }),
      })
      expect(fired.status).toBe('DENIED')
      for (const payment of [
        pay(other, domain('api.openai.com'), 5, { sessionId: 'sess_1' }).payment,
        {
          amount: 5,
          recipientAddress: RECIPIENT,
          serviceDomain: 'api.openai.com',
          sessionId: 'sess_1',
        },
        { kind: 'card', amount: 5, merchantName: 'Stripe' } as const,
      ]) {
        const skipped = evaluateRule(rule(ruleType, operator, value), input({ payment }))
        expect(skipped.status).toBe('APPROVED')
        expect(outcomeOf(skipped)).toBe('SKIPPED')
      }
    },
  )

  test.each([
    ['X402_ALLOWED_SERVICES', 'IN_LIST', ['not a domain!']],
    ['X402_ALLOWED_SERVICES', 'IN_LIST', []],
    ['X402_BLOCKED_SERVICES', 'IN_LIST', 'untrusted.api'],
    ['MPP_ALLOWED_SERVICES', 'IN_LIST', ['https://api.example.com/v1']],
    ['MPP_BLOCKED_SERVICES', 'IN_LIST', [42]],
    ['X402_MAX_PER_SERVICE', 'LTE', { amount: -1 }],
    ['X402_MAX_PER_SERVICE', 'LTE', { amount: 50, period: 'HOURLY' }],
    ['MPP_MAX_PER_SERVICE', 'LTE', 'abc'],
    ['X402_MAX_PER_ENDPOINT', 'LTE', 'abc'],
    ['MPP_MAX_PER_ENDPOINT', 'LTE', '-1'],
    ['X402_SESSION_BUDGET', 'LTE', { amount: 100 }],
    ['MPP_SESSION_BUDGET', 'LTE', '1.0000001'],
    ['X402_ALLOWED_SERVICES', 'LTE', ['api.openai.com']],
    ['X402_MAX_PER_SERVICE', 'IN_LIST', '50'],
  ] as const)(
    'error: malformed %s %s %j fails closed naming the rule type',
    (ruleType, operator, value) => {
      const decision = evaluateRule(
        rule(ruleType, operator, value),
        pay(kindOf(ruleType), domain('api.openai.com')),
      )
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]?.type).toBe('INVALID_RULE')
      expect(decision.reasons[0]).toContain(ruleType)
    },
  )
})
