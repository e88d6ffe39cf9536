import { describe, expect, test } from 'vitest'
import { evaluateRule, NOW, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'
import type { EvaluationInput, MppSessionInput, PaymentInput } from '../evaluation-input.js'

const NOW_MS = Date.parse(NOW)
/** An ISO time `seconds` before NOW. */
const ago = (seconds: number): string => new Date(NOW_MS - seconds * 1000).toISOString()

/** An MPP payment with the given session fields, and optional session facts. */
function mpp(
  payment: Partial<PaymentInput> = {},
  session?: MppSessionInput,
): Partial<EvaluationInput> {
  return {
    payment: {
      kind: 'mpp',
      amount: 1,
      recipientAddress: RECIPIENT,
      serviceDomain: 'api.example.com',
      ...payment,
    },
    ...(session === undefined ? {} : { mpp: session }),
  }
}

/** operator, value, action, payment fields, session facts, outcome of the rule. */
type Row = readonly [
  string,
  string | readonly string[],
  string,
  Partial<PaymentInput>,
  MppSessionInput | null,
  string,
]

const statusOf: Record<string, string> = {
  PASSED: 'APPROVED',
  SKIPPED: 'APPROVED',
  DENIED: 'DENIED',
  REQUIRES_APPROVAL: 'REQUIRES_APPROVAL',
}

const opening = { intent: 'session' }

const cases: Record<string, readonly Row[]> = {
  // The deposit in micro-units; skipped without one.
  MPP_MAX_SESSION_DEPOSIT: [
    ['LTE', '50', 'ALLOW', { depositAmount: 20 }, null, 'PASSED'],
    ['LTE', '50', 'ALLOW', { depositAmount: 50 }, null, 'PASSED'],
    ['LTE', '50', 'ALLOW', { depositAmount: 50.000001 }, null, 'DENIED'],
    ['LTE', '0.3', 'ALLOW', { depositAmount: 0.1 + 0.2 }, null, 'PASSED'],
    ['LESS_THAN', '50', 'ALLOW', { depositAmount: 50 }, null, 'DENIED'],
    ['GT', '40', 'REQUIRE_APPROVAL', { depositAmount: 45 }, null, 'REQUIRES_APPROVAL'],
    ['GT', '40', 'DENY', { depositAmount: 40 }, null, 'PASSED'],
    ['LTE', '50', 'ALLOW', { intent: 'charge' }, null, 'SKIPPED'],
  ],
  // Open sessions, plus one when the payment opens a session.
  MPP_MAX_CONCURRENT_SESSIONS: [
    ['LTE', '3', 'ALLOW', opening, { openSessions: 2 }, 'PASSED'],
    ['LTE', '3', 'ALLOW', opening, { openSessions: 3 }, 'DENIED'],
    ['LTE', '3', 'ALLOW', { intent: ' Session ' }, { openSessions: 3 }, 'DENIED'],
    ['LTE', '3', 'ALLOW', opening, { openSessions: 3, sessionStartedAt: ago(60) }, 'PASSED'],
    ['LTE', '3', 'ALLOW', { intent: 'charge' }, { openSessions: 3 }, 'PASSED'],
    ['LTE', '3', 'ALLOW', { intent: 'charge' }, { openSessions: 4 }, 'DENIED'],
    ['LTE', '0', 'ALLOW', opening, null, 'DENIED'],
    ['LTE', '0', 'ALLOW', {}, null, 'PASSED'],
    ['LESS_THAN', '3', 'ALLOW', opening, { openSessions: 2 }, 'DENIED'],
    ['GTE', '3', 'REQUIRE_APPROVAL', opening, { openSessions: 2 }, 'REQUIRES_APPROVAL'],
  ],
  // Seconds since the session opened; skipped without a start.
  MPP_MAX_SESSION_DURATION: [
    ['LTE', '3600', 'ALLOW', opening, { sessionStartedAt: ago(600) }, 'PASSED'],
    ['LTE', '3600', 'ALLOW', opening, { sessionStartedAt: ago(3600) }, 'PASSED'],
    ['LTE', '3600', 'ALLOW', opening, { sessionStartedAt: ago(3600.001) }, 'DENIED'],
    ['LTE', '3600', 'ALLOW', {}, { sessionStartedAt: NOW_MS - 3_601_000 }, 'DENIED'],
    ['LTE', '3600', 'ALLOW', {}, { sessionStartedAt: new Date(NOW_MS - 3_600_000) }, 'PASSED'],
    ['LTE', '3600', 'ALLOW', {}, { sessionStartedAt: ago(-30) }, 'PASSED'],
    ['LTE', '3600', 'ALLOW', {}, { sessionStartedAt: 'not a time' }, 'DENIED'],
    ['LTE', '3600', 'ALLOW', opening, { openSessions: 1 }, 'SKIPPED'],
    ['LESS_THAN', '3600', 'ALLOW', {}, { sessionStartedAt: ago(3600) }, 'DENIED'],
    ['GT', '1800', 'REQUIRE_APPROVAL', {}, { sessionStartedAt: ago(1801) }, 'REQUIRES_APPROVAL'],
  ],
  // A block list whatever the action; no intent never matches IN_LIST but is NOT_IN_LIST.
  MPP_BLOCK_SESSION_INTENT: [
    ['IN_LIST', ['streaming'], 'ALLOW', { intent: 'streaming' }, null, 'DENIED'],
    ['IN_LIST', ['streaming'], 'ALLOW', { intent: ' STREAMING ' }, null, 'DENIED'],
    ['IN_LIST', ['Streaming'], 'DENY', { intent: 'streaming' }, null, 'DENIED'],
    ['IN_LIST', ['streaming'], 'ALLOW', { intent: 'session' }, null, 'PASSED'],
    ['IN_LIST', ['streaming'], 'ALLOW', {}, null, 'PASSED'],
    [
      'IN_LIST',
      ['streaming'],
      'REQUIRE_APPROVAL',
      { intent: 'streaming' },
      null,
      'REQUIRES_APPROVAL',
    ],
    ['NOT_IN_LIST', ['session', 'charge'], 'DENY', { intent: 'streaming' }, null, 'DENIED'],
    ['NOT_IN_LIST', ['session', 'charge'], 'DENY', { intent: 'charge' }, null, 'PASSED'],
    ['NOT_IN_LIST', ['session', 'charge'], 'DENY', {}, null, 'DENIED'],
  ],
  // The upper-cased method; a missing method fails the allow-list and is NOT_IN_LIST.
  MPP_ALLOWED_METHODS: [
    ['IN_LIST', ['GET', 'POST'], 'ALLOW', { method: 'GET' }, null, 'PASSED'],
    ['IN_LIST', ['get', 'post'], 'ALLOW', { method: ' post ' }, null, 'PASSED'],
    ['IN_LIST', ['GET', 'POST'], 'ALLOW', { method: 'DELETE' }, null, 'DENIED'],
    ['IN_LIST', ['GET', 'POST'], 'ALLOW', {}, null, 'DENIED'],
    ['NOT_IN_LIST', ['DELETE'], 'ALLOW', { method: 'delete' }, null, 'DENIED'],
    ['NOT_IN_LIST', ['DELETE'], 'ALLOW', { method: 'GET' }, null, 'PASSED'],
    ['NOT_IN_LIST', ['DELETE'], 'ALLOW', {}, null, 'PASSED'],
    ['IN_LIST', ['DELETE'], 'DENY', { method: 'Delete' }, null, 'DENIED'],
    ['IN_LIST', ['DELETE'], 'DENY', {}, null, 'PASSED'],
    ['IN_LIST', ['PUT'], 'REQUIRE_APPROVAL', { method: 'PUT' }, null, 'REQUIRES_APPROVAL'],
  ],
}

describe('mppSessionRules', () => {
  test.each(
    Object.entries(cases).flatMap(([ruleType, rows]) =>
      rows.map((row) => [ruleType, ...row] as const),
    ),
  )(
    'behavior: %s %s %j %s with %j and %j → %s',
    (ruleType, operator, value, action, payment, session, outcome) => {
      const decision = evaluateRule(
        rule(ruleType, operator, value, action),
        mpp(payment, session ?? undefined),
      )
      expect(outcomeOf(decision)).toBe(outcome)
      expect(decision.status).toBe(statusOf[outcome])
    },
  )

  test.each([
    ['MPP_MAX_SESSION_DEPOSIT', 'LTE', '0'],
    ['MPP_MAX_CONCURRENT_SESSIONS', 'LTE', '0'],
    ['MPP_MAX_SESSION_DURATION', 'LTE', '0'],
    ['MPP_BLOCK_SESSION_INTENT', 'IN_LIST', ['streaming']],
    ['MPP_ALLOWED_METHODS', 'IN_LIST', ['GET']],
  ] as const)(
    'behavior: %s is skipped for standard, x402 and card payments',
    (ruleType, operator, value) => {
      const payment = {
        amount: 1,
        recipientAddress: RECIPIENT,
        intent: 'streaming',
        depositAmount: 100,
        method: 'DELETE',
      }
      const session = { openSessions: 9, sessionStartedAt: ago(86_400) }
      for (const kind of ['standard', 'x402', 'card'] as const) {
        const decision = evaluateRule(rule(ruleType, operator, value), {
          payment: { ...payment, kind },
          mpp: session,
        })
        expect(decision.status).toBe('APPROVED')
        expect(outcomeOf(decision)).toBe('SKIPPED')
      }
      const applied = evaluateRule(rule(ruleType, operator, value), mpp(payment, session))
      expect(applied.status).toBe('DENIED')
    },
  )

  test.each([
    ['MPP_MAX_SESSION_DEPOSIT', 'LTE', 'fifty'],
    ['MPP_MAX_SESSION_DEPOSIT', 'LTE', '-1'],
    ['MPP_MAX_CONCURRENT_SESSIONS', 'LTE', '2.5'],
    ['MPP_MAX_SESSION_DURATION', 'LTE', '-60'],
    ['MPP_BLOCK_SESSION_INTENT', 'IN_LIST', '[]'],
    ['MPP_BLOCK_SESSION_INTENT', 'IN_LIST', 'streaming'],
    ['MPP_ALLOWED_METHODS', 'IN_LIST', '["FETCH"]'],
    ['MPP_ALLOWED_METHODS', 'LTE', '["GET"]'],
  ] as const)('error: %s %s %s is malformed and fails closed', (ruleType, operator, value) => {
    const decision = evaluateRule(rule(ruleType, operator, value), mpp({ intent: 'session' }))
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain(ruleType)
  })

  test('error: MPP_MAX_SESSION_DEPOSIT names the deposit and the maximum', () => {
    const decision = evaluateRule(
      rule('MPP_MAX_SESSION_DEPOSIT', 'LTE', '50'),
      mpp({ depositAmount: 75 }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'MPP_MAX_SESSION_DEPOSIT',
      ruleType: 'MPP_MAX_SESSION_DEPOSIT',
      current: 75,
      limit: 50,
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Session deposit $75.00 exceeds the maximum session deposit of $50.00",
      ]
    `)
  })

  test('error: MPP_MAX_CONCURRENT_SESSIONS counts the session being opened', () => {
    const decision = evaluateRule(
      rule('MPP_MAX_CONCURRENT_SESSIONS', 'LTE', '3'),
      mpp({ intent: 'session', depositAmount: 10 }, { openSessions: 3 }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'MPP_MAX_CONCURRENT_SESSIONS',
      current: 3,
      limit: 3,
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Opening this session would make 4 concurrent sessions (max 3)",
      ]
    `)
    const open = evaluateRule(
      rule('MPP_MAX_CONCURRENT_SESSIONS', 'LESS_THAN', '3'),
      mpp({ intent: 'charge' }, { openSessions: 3, sessionStartedAt: ago(5) }),
    )
    expect(open.reasons).toMatchInlineSnapshot(`
      [
        "3 concurrent sessions are open (max 2)",
      ]
    `)
  })

  test('error: MPP_MAX_SESSION_DURATION says how long the session has been open', () => {
    const decision = evaluateRule(
      rule('MPP_MAX_SESSION_DURATION', 'LTE', '3600'),
      mpp({ intent: 'session' }, { sessionStartedAt: ago(4000) }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'MPP_MAX_SESSION_DURATION',
      current: 4000,
      limit: 3600,
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Session has been open for 4000 seconds (max 3600)",
      ]
    `)
    const unreadable = evaluateRule(
      rule('MPP_MAX_SESSION_DURATION', 'LTE', '3600'),
      mpp({}, { sessionStartedAt: 'yesterday' }),
    )
    expect(unreadable.violations[0]).toMatchObject({ current: null, limit: 3600 })
    expect(unreadable.reasons).toMatchInlineSnapshot(`
      [
        "The session's start time cannot be read, so its duration cannot be checked (limit 3600 seconds)",
      ]
    `)
  })

  test('error: MPP_BLOCK_SESSION_INTENT names the blocked intent', () => {
    const decision = evaluateRule(
      rule('MPP_BLOCK_SESSION_INTENT', 'IN_LIST', ['streaming']),
      mpp({ intent: 'Streaming' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'MPP_SESSION_INTENT_BLOCKED',
      current: 'Streaming',
      limit: ['streaming'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Session intent Streaming is blocked",
      ]
    `)
  })

  test('error: MPP_ALLOWED_METHODS lists the allowed methods', () => {
    const decision = evaluateRule(
      rule('MPP_ALLOWED_METHODS', 'IN_LIST', ['GET', 'POST']),
      mpp({ method: 'delete' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'MPP_METHOD_NOT_ALLOWED',
      current: 'DELETE',
      limit: ['GET', 'POST'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "HTTP method DELETE is not in the allowed list (GET, POST)",
      ]
    `)
    const missing = evaluateRule(rule('MPP_ALLOWED_METHODS', 'IN_LIST', ['GET', 'POST']), mpp())
    expect(missing.violations[0]).toMatchObject({ current: null, limit: ['GET', 'POST'] })
    expect(missing.reasons).toMatchInlineSnapshot(`
      [
        "The MPP payment has no HTTP method, so it cannot match the allowed list (GET, POST)",
      ]
    `)
  })

  test('behavior: approval reasons explain the trigger', () => {
    const decision = evaluateRule(
      rule('MPP_MAX_SESSION_DEPOSIT', 'GT', '40', 'REQUIRE_APPROVAL'),
      mpp({ depositAmount: 45 }),
    )
    expect(decision.violations).toEqual([])
    expect(decision.reasons).toHaveLength(1)
    expect(decision.reasons[0]).toMatch(/^Requires approval \(policy "[^"]+"\): /)
    expect(decision.reasons[0]?.replace(/^[^:]*: /, '')).toMatchInlineSnapshot(
      `"Session deposit $45.00 is > $40.00"`,
    )
  })
})
