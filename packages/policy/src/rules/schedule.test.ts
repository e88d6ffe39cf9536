import { type RuleType, ruleAppliesTo, rulePaymentKinds } from '@conto/schemas'
import { describe, expect, test } from 'vitest'
import { evaluateRule, outcomeOf, rule } from '../../test/fixtures.js'
import type { EvaluationInput, RuleInput } from '../evaluation-input.js'

type Value = string | readonly unknown[] | Record<string, unknown>

/** Evaluates one rule at `now`, optionally through a wallet link in `linkTimezone`. */
function decide(ruleInput: RuleInput, now: string, linkTimezone?: string) {
  const overrides: Partial<EvaluationInput> = {
    now,
    ...(linkTimezone === undefined
      ? {}
      : { wallet: { id: 'wal_test', link: { timezone: linkTimezone } } }),
  }
  return evaluateRule(ruleInput, overrides)
}

const status = (
  ruleType: string,
  operator: string,
  value: Value,
  action: 'ALLOW' | 'DENY' | 'REQUIRE_APPROVAL',
  now: string,
  linkTimezone?: string,
) => decide(rule(ruleType, operator, value, action), now, linkTimezone).status

const OFFICE = { start: '09:00', end: '18:00' }
const NIGHT = { start: '22:00', end: '06:00' }
const YEAR_2026 = { start: '2026-01-01', end: '2026-12-31' }
const MAINTENANCE = {
  windows: [{ start: '02:00', end: '06:00', reason: 'Maintenance', recurring: true }],
}

describe('scheduleRules', () => {
  describe('TIME_WINDOW', () => {
    test.each([
      // operator, value, action, now, expected status
      ['BETWEEN', OFFICE, 'ALLOW', '2026-04-08T12:00:00Z', 'APPROVED'],
      ['BETWEEN', OFFICE, 'ALLOW', '2026-04-08T08:59:59Z', 'DENIED'],
      ['BETWEEN', OFFICE, 'ALLOW', '2026-04-08T09:00:00Z', 'APPROVED'], // start inclusive
      ['BETWEEN', OFFICE, 'ALLOW', '2026-04-08T17:59:59Z', 'APPROVED'],
      ['BETWEEN', OFFICE, 'ALLOW', '2026-04-08T18:00:00Z', 'DENIED'], // end exclusive
      ['BETWEEN', OFFICE, 'DENY', '2026-04-08T12:00:00Z', 'DENIED'],
      ['BETWEEN', OFFICE, 'DENY', '2026-04-08T18:00:00Z', 'APPROVED'],
      ['NOT_BETWEEN', OFFICE, 'DENY', '2026-04-08T20:00:00Z', 'DENIED'],
      ['NOT_BETWEEN', OFFICE, 'DENY', '2026-04-08T10:00:00Z', 'APPROVED'],
      // A window that wraps midnight.
      ['NOT_BETWEEN', NIGHT, 'ALLOW', '2026-04-08T23:00:00Z', 'DENIED'],
      ['NOT_BETWEEN', NIGHT, 'ALLOW', '2026-04-08T00:00:00Z', 'DENIED'],
      ['NOT_BETWEEN', NIGHT, 'ALLOW', '2026-04-08T05:59:59Z', 'DENIED'],
      ['NOT_BETWEEN', NIGHT, 'ALLOW', '2026-04-08T06:00:00Z', 'APPROVED'],
      ['NOT_BETWEEN', NIGHT, 'ALLOW', '2026-04-08T21:59:59Z', 'APPROVED'],
      ['NOT_BETWEEN', NIGHT, 'ALLOW', '2026-04-08T22:00:00Z', 'DENIED'],
      ['BETWEEN', NIGHT, 'ALLOW', '2026-04-08T01:00:00Z', 'APPROVED'],
      ['BETWEEN', NIGHT, 'ALLOW', '2026-04-08T12:00:00Z', 'DENIED'],
      ['BETWEEN', NIGHT, 'REQUIRE_APPROVAL', '2026-04-08T23:30:00Z', 'REQUIRES_APPROVAL'],
      ['BETWEEN', NIGHT, 'REQUIRE_APPROVAL', '2026-04-08T12:00:00Z', 'APPROVED'],
      // 24:00 is the end of the day.
      ['BETWEEN', { start: '18:00', end: '24:00' }, 'ALLOW', '2026-04-08T23:59:59Z', 'APPROVED'],
      ['BETWEEN', { start: '18:00', end: '24:00' }, 'ALLOW', '2026-04-09T00:00:00Z', 'DENIED'],
      ['BETWEEN', { start: '00:00', end: '24:00' }, 'ALLOW', '2026-04-09T00:00:00Z', 'APPROVED'],
      // The value's zone: 12:00Z is 21:00 in Tokyo, 01:00Z is 10:00.
      ['BETWEEN', { ...OFFICE, timezone: 'Asia/Tokyo' }, 'ALLOW', '2026-04-08T12:00:00Z', 'DENIED'],
      [
        'BETWEEN',
        { ...OFFICE, timezone: 'Asia/Tokyo' },
        'ALLOW',
        '2026-04-08T01:00:00Z',
        'APPROVED',
      ],
    ] as const)('behavior: %s %j %s at %s → %s', (operator, value, action, now, expected) => {
      expect(status('TIME_WINDOW', operator, value, action, now)).toBe(expected)
    })

    // A 09:00-10:00 New York window at 13:30 UTC: 08:30 EST before the spring change and after
    // the autumn change, 09:30 EDT after the spring change and before the autumn change.
    test.each([
      ['2026-03-07T13:30:00Z', 'DENIED'], // Sat before spring forward: 08:30 EST
      ['2026-03-09T13:30:00Z', 'APPROVED'], // Mon after spring forward: 09:30 EDT
      ['2026-10-31T13:30:00Z', 'APPROVED'], // Sat before fall back: 09:30 EDT
      ['2026-11-02T13:30:00Z', 'DENIED'], // Mon after fall back: 08:30 EST
    ] as const)('behavior: New York hours across DST at %s → %s', (now, expected) => {
      const value = { start: '09:00', end: '10:00', timezone: 'America/New_York' }
      expect(status('TIME_WINDOW', 'BETWEEN', value, 'ALLOW', now)).toBe(expected)
    })

    test.each([
      // window, now, expected — around 2026-03-08T07:00Z (02:00 EST → 03:00 EDT)
      [{ start: '03:00', end: '04:00' }, '2026-03-08T06:59:59Z', 'DENIED'], // 01:59 EST
      [{ start: '03:00', end: '04:00' }, '2026-03-08T07:00:00Z', 'APPROVED'], // 03:00 EDT
      [{ start: '01:00', end: '02:00' }, '2026-03-08T06:59:59Z', 'APPROVED'], // 01:59 EST
      [{ start: '01:00', end: '02:00' }, '2026-03-08T07:00:00Z', 'DENIED'], // 03:00 EDT
      // around 2026-11-01T06:00Z (02:00 EDT → 01:00 EST): 01:xx happens twice
      [{ start: '01:00', end: '02:00' }, '2026-11-01T05:30:00Z', 'APPROVED'], // 01:30 EDT
      [{ start: '01:00', end: '02:00' }, '2026-11-01T06:30:00Z', 'APPROVED'], // 01:30 EST
      [{ start: '01:00', end: '02:00' }, '2026-11-01T07:00:00Z', 'DENIED'], // 02:00 EST
      [{ start: '02:00', end: '03:00' }, '2026-11-01T05:59:59Z', 'DENIED'], // 01:59 EDT
      [{ start: '02:00', end: '03:00' }, '2026-11-01T07:00:00Z', 'APPROVED'], // 02:00 EST
    ] as const)(
      'behavior: the link zone America/New_York, %j at %s → %s',
      (value, now, expected) => {
        expect(status('TIME_WINDOW', 'BETWEEN', value, 'ALLOW', now, 'America/New_York')).toBe(
          expected,
        )
      },
    )

    test('behavior: the link zone applies when the value has none, the value zone wins', () => {
      // 12:00Z is 05:00 in Los Angeles.
      const now = '2026-04-08T12:00:00Z'
      expect(status('TIME_WINDOW', 'BETWEEN', OFFICE, 'ALLOW', now)).toBe('APPROVED')
      expect(status('TIME_WINDOW', 'BETWEEN', OFFICE, 'ALLOW', now, 'America/Los_Angeles')).toBe(
        'DENIED',
      )
      const utc = { ...OFFICE, timezone: 'UTC' }
      expect(status('TIME_WINDOW', 'BETWEEN', utc, 'ALLOW', now, 'America/Los_Angeles')).toBe(
        'APPROVED',
      )
    })

    test('error: outside the allowed hours names the window, the zone and the time', () => {
      const decision = decide(
        rule('TIME_WINDOW', 'BETWEEN', OFFICE),
        '2026-04-08T12:15:00Z',
        'America/Los_Angeles',
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'TIME_WINDOW',
        ruleType: 'TIME_WINDOW',
        limit: '09:00-18:00 America/Los_Angeles',
        current: '05:15 America/Los_Angeles',
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Outside the allowed hours: 09:00-18:00 America/Los_Angeles (now 05:15 America/Los_Angeles)",
        ]
      `)
    })

    test('error: inside restricted hours says so', () => {
      const decision = decide(rule('TIME_WINDOW', 'NOT_BETWEEN', NIGHT), '2026-04-08T23:05:00Z')
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Within the restricted hours: 22:00-06:00 UTC (now 23:05 UTC)",
        ]
      `)
    })
  })

  describe('DAY_OF_WEEK', () => {
    const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']
    test.each([
      // operator, value, action, now, expected status (2026-04-08 is a Wednesday)
      ['IN_LIST', WEEKDAYS, 'ALLOW', '2026-04-08T12:00:00Z', 'APPROVED'],
      ['IN_LIST', WEEKDAYS, 'ALLOW', '2026-04-11T12:00:00Z', 'DENIED'], // Saturday
      ['IN_LIST', WEEKDAYS, 'ALLOW', '2026-04-10T23:59:59Z', 'APPROVED'], // Friday's last second
      ['IN_LIST', WEEKDAYS, 'ALLOW', '2026-04-11T00:00:00Z', 'DENIED'], // Saturday's first
      ['IN_LIST', ['sat', 'SUNDAY'], 'DENY', '2026-04-12T12:00:00Z', 'DENIED'],
      ['IN_LIST', ['Sat', 'Sun'], 'DENY', '2026-04-08T12:00:00Z', 'APPROVED'],
      ['NOT_IN_LIST', ['Sat', 'Sun'], 'ALLOW', '2026-04-11T12:00:00Z', 'DENIED'],
      ['NOT_IN_LIST', ['Sat', 'Sun'], 'ALLOW', '2026-04-08T12:00:00Z', 'APPROVED'],
      ['NOT_IN_LIST', WEEKDAYS, 'DENY', '2026-04-12T12:00:00Z', 'DENIED'],
      ['IN_LIST', ['Sat', 'Sun'], 'REQUIRE_APPROVAL', '2026-04-11T12:00:00Z', 'REQUIRES_APPROVAL'],
    ] as const)('behavior: %s %j %s at %s → %s', (operator, value, action, now, expected) => {
      expect(status('DAY_OF_WEEK', operator, value, action, now)).toBe(expected)
    })

    test('behavior: the day is read in the link zone', () => {
      // Saturday 03:00 UTC is still Friday 23:00 in New York.
      const now = '2026-04-11T03:00:00Z'
      expect(status('DAY_OF_WEEK', 'IN_LIST', WEEKDAYS, 'ALLOW', now)).toBe('DENIED')
      expect(status('DAY_OF_WEEK', 'IN_LIST', WEEKDAYS, 'ALLOW', now, 'America/New_York')).toBe(
        'APPROVED',
      )
    })

    test('error: a day not allowed names the day, the zone and the allowed days', () => {
      const decision = decide(rule('DAY_OF_WEEK', 'IN_LIST', WEEKDAYS), '2026-04-11T12:00:00Z')
      expect(decision.violations[0]).toMatchObject({
        type: 'TIME_WINDOW',
        ruleType: 'DAY_OF_WEEK',
        current: 'Sat',
        limit: WEEKDAYS,
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Not an allowed day: Sat in UTC (allowed: Mon, Tue, Wed, Thu, Fri)",
        ]
      `)
    })

    test('error: a restricted day names the restricted days', () => {
      const decision = decide(
        rule('DAY_OF_WEEK', 'IN_LIST', ['Sat', 'Sun'], 'DENY'),
        '2026-04-12T12:00:00Z',
        'Europe/Paris',
      )
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Sun in Europe/Paris is a restricted day (restricted: Sat, Sun)",
        ]
      `)
    })
  })

  describe('DATE_RANGE', () => {
    test.each([
      // operator, value, action, now, link zone, expected status
      ['BETWEEN', YEAR_2026, 'ALLOW', '2026-04-08T12:00:00Z', undefined, 'APPROVED'],
      ['BETWEEN', YEAR_2026, 'ALLOW', '2025-12-31T23:59:59.999Z', undefined, 'DENIED'],
      ['BETWEEN', YEAR_2026, 'ALLOW', '2026-01-01T00:00:00Z', undefined, 'APPROVED'],
      ['BETWEEN', YEAR_2026, 'ALLOW', '2026-12-31T23:59:59.999Z', undefined, 'APPROVED'],
      ['BETWEEN', YEAR_2026, 'ALLOW', '2027-01-01T00:00:00Z', undefined, 'DENIED'],
      // The end date counts through 23:59 local: 04:59Z on Jan 1 is Dec 31 23:59 in New York.
      ['BETWEEN', YEAR_2026, 'ALLOW', '2027-01-01T04:59:59Z', 'America/New_York', 'APPROVED'],
      ['BETWEEN', YEAR_2026, 'ALLOW', '2027-01-01T05:00:00Z', 'America/New_York', 'DENIED'],
      ['BETWEEN', YEAR_2026, 'ALLOW', '2026-01-01T04:59:59Z', 'America/New_York', 'DENIED'],
      [
        'BETWEEN',
        { ...YEAR_2026, timezone: 'Asia/Tokyo' },
        'ALLOW',
        '2026-12-31T15:00:00Z', // 00:00 Jan 1 in Tokyo
        'America/New_York',
        'DENIED',
      ],
      // A one-day range is the whole day.
      [
        'BETWEEN',
        { start: '2026-04-08', end: '2026-04-08' },
        'ALLOW',
        '2026-04-08T23:59:59Z',
        undefined,
        'APPROVED',
      ],
      // Timestamps compare with the instant, inclusive.
      [
        'BETWEEN',
        { start: '2026-04-01T09:00:00Z', end: '2026-04-08T12:00:00Z' },
        'ALLOW',
        '2026-04-08T12:00:00.000Z',
        undefined,
        'APPROVED',
      ],
      [
        'BETWEEN',
        { start: '2026-04-01T09:00:00Z', end: '2026-04-08T12:00:00Z' },
        'ALLOW',
        '2026-04-08T12:00:00.001Z',
        undefined,
        'DENIED',
      ],
      [
        'BETWEEN',
        { start: '2026-04-08T14:00:00+02:00', end: '2026-12-31' },
        'ALLOW',
        '2026-04-08T11:59:59.999Z',
        undefined,
        'DENIED',
      ],
      [
        'BETWEEN',
        { start: '2026-04-08T14:00:00+02:00', end: '2026-12-31' },
        'ALLOW',
        '2026-04-08T12:00:00Z',
        undefined,
        'APPROVED',
      ],
      ['NOT_BETWEEN', YEAR_2026, 'ALLOW', '2026-04-08T12:00:00Z', undefined, 'DENIED'],
      ['NOT_BETWEEN', YEAR_2026, 'ALLOW', '2027-01-01T00:00:00Z', undefined, 'APPROVED'],
      ['BETWEEN', YEAR_2026, 'DENY', '2026-04-08T12:00:00Z', undefined, 'DENIED'],
      [
        'BETWEEN',
        YEAR_2026,
        'REQUIRE_APPROVAL',
        '2026-04-08T12:00:00Z',
        undefined,
        'REQUIRES_APPROVAL',
      ],
    ] as const)(
      'behavior: %s %j %s at %s (link zone %s) → %s',
      (operator, value, action, now, zone, expected) => {
        expect(status('DATE_RANGE', operator, value, action, now, zone)).toBe(expected)
      },
    )

    test('error: an expired range reports EXPIRED_PERMISSION with the end date', () => {
      const decision = decide(
        rule('DATE_RANGE', 'BETWEEN', YEAR_2026),
        '2027-01-01T05:00:00Z',
        'America/New_York',
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'EXPIRED_PERMISSION',
        ruleType: 'DATE_RANGE',
        limit: '2026-01-01 to 2026-12-31 America/New_York',
        current: '2027-01-01 America/New_York',
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Permission expired: allowed through 2026-12-31 America/New_York (now 2027-01-01 America/New_York)",
        ]
      `)
    })

    test('error: a range not yet started, by timestamp, and a restricted range', () => {
      const early = decide(
        rule('DATE_RANGE', 'BETWEEN', { start: '2026-05-01T00:00:00Z', end: '2026-06-01' }),
        '2026-04-08T12:00:00Z',
      )
      const restricted = decide(
        rule('DATE_RANGE', 'BETWEEN', YEAR_2026, 'DENY'),
        '2026-04-08T12:00:00Z',
      )
      expect([...early.reasons, ...restricted.reasons]).toMatchInlineSnapshot(`
        [
          "Permission not yet valid: allowed from 2026-05-01T00:00:00Z (now 2026-04-08T12:00:00.000Z)",
          "Within the restricted date range 2026-01-01 to 2026-12-31 UTC (now 2026-04-08 UTC)",
        ]
      `)
      expect(early.violations[0]?.type).toBe('EXPIRED_PERMISSION')
    })
  })

  describe('BLACKOUT_PERIOD', () => {
    const LAUNCH = {
      windows: [{ start: '2026-04-01', end: '2026-04-02', reason: 'Launch freeze' }],
    }
    test.each([
      // operator, value, action, now, link zone, expected status
      ['BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T01:59:59Z', undefined, 'APPROVED'],
      ['BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T02:00:00Z', undefined, 'DENIED'], // inclusive
      ['BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T05:59:59Z', undefined, 'DENIED'],
      ['BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T06:00:00Z', undefined, 'APPROVED'], // exclusive
      [
        'BETWEEN',
        MAINTENANCE,
        'REQUIRE_APPROVAL',
        '2026-04-08T03:00:00Z',
        undefined,
        'REQUIRES_APPROVAL',
      ],
      // In the link zone: 03:00 New York (EDT) is 07:00Z.
      ['BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T03:00:00Z', 'America/New_York', 'APPROVED'],
      ['BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T07:00:00Z', 'America/New_York', 'DENIED'],
      // The value's zone wins over the link's.
      [
        'BETWEEN',
        { ...MAINTENANCE, timezone: 'UTC' },
        'DENY',
        '2026-04-08T03:00:00Z',
        'America/New_York',
        'DENIED',
      ],
      // Recurring inferred from HH:MM, wrapping midnight.
      [
        'BETWEEN',
        { windows: [{ start: '23:00', end: '01:00' }] },
        'DENY',
        '2026-04-08T23:30:00Z',
        undefined,
        'DENIED',
      ],
      [
        'BETWEEN',
        { windows: [{ start: '23:00', end: '01:00' }] },
        'DENY',
        '2026-04-09T00:59:59Z',
        undefined,
        'DENIED',
      ],
      [
        'BETWEEN',
        { windows: [{ start: '23:00', end: '01:00' }] },
        'DENY',
        '2026-04-09T01:00:00Z',
        undefined,
        'APPROVED',
      ],
      // Dates: inclusive, the end date through 23:59 local.
      ['BETWEEN', LAUNCH, 'DENY', '2026-03-31T23:59:59Z', undefined, 'APPROVED'],
      ['BETWEEN', LAUNCH, 'DENY', '2026-04-01T00:00:00Z', undefined, 'DENIED'],
      ['BETWEEN', LAUNCH, 'DENY', '2026-04-02T23:59:59Z', undefined, 'DENIED'],
      ['BETWEEN', LAUNCH, 'DENY', '2026-04-03T00:00:00Z', undefined, 'APPROVED'],
      ['BETWEEN', LAUNCH, 'DENY', '2026-04-03T03:59:59Z', 'America/New_York', 'DENIED'],
      ['BETWEEN', LAUNCH, 'DENY', '2026-04-03T04:00:00Z', 'America/New_York', 'APPROVED'],
      // The single-window form, with timestamps.
      [
        'BETWEEN',
        { start: '2026-04-08T10:00:00Z', end: '2026-04-08T12:00:00Z' },
        'DENY',
        '2026-04-08T12:00:00Z',
        undefined,
        'DENIED',
      ],
      [
        'BETWEEN',
        { start: '2026-04-08T10:00:00Z', end: '2026-04-08T12:00:00Z' },
        'DENY',
        '2026-04-08T12:00:00.001Z',
        undefined,
        'APPROVED',
      ],
      // Any window.
      [
        'BETWEEN',
        { windows: [...MAINTENANCE.windows, ...LAUNCH.windows] },
        'DENY',
        '2026-04-01T12:00:00Z',
        undefined,
        'DENIED',
      ],
      [
        'BETWEEN',
        { windows: [...MAINTENANCE.windows, ...LAUNCH.windows] },
        'DENY',
        '2026-04-08T12:00:00Z',
        undefined,
        'APPROVED',
      ],
      // NOT_BETWEEN holds outside every window.
      ['NOT_BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T12:00:00Z', undefined, 'DENIED'],
      ['NOT_BETWEEN', MAINTENANCE, 'DENY', '2026-04-08T03:00:00Z', undefined, 'APPROVED'],
      // A blackout is a prohibition: with the default ALLOW action it still denies when it holds.
      ['NOT_BETWEEN', MAINTENANCE, 'ALLOW', '2026-04-08T03:00:00Z', undefined, 'APPROVED'],
      ['NOT_BETWEEN', MAINTENANCE, 'ALLOW', '2026-04-08T12:00:00Z', undefined, 'DENIED'],
      ['BETWEEN', MAINTENANCE, 'ALLOW', '2026-04-08T12:00:00Z', undefined, 'APPROVED'],
      ['BETWEEN', MAINTENANCE, 'ALLOW', '2026-04-08T03:00:00Z', undefined, 'DENIED'],
    ] as const)(
      'behavior: %s %j %s at %s (link zone %s) → %s',
      (operator, value, action, now, zone, expected) => {
        expect(status('BLACKOUT_PERIOD', operator, value, action, now, zone)).toBe(expected)
      },
    )

    test('behavior: a recurring window follows New York local time across DST', () => {
      const value = {
        windows: [{ start: '08:00', end: '09:00', recurring: true }],
        timezone: 'America/New_York',
      }
      // 12:30Z is 07:30 EST before the spring change, 08:30 EDT after it.
      expect(status('BLACKOUT_PERIOD', 'BETWEEN', value, 'DENY', '2026-03-07T12:30:00Z')).toBe(
        'APPROVED',
      )
      expect(status('BLACKOUT_PERIOD', 'BETWEEN', value, 'DENY', '2026-03-09T12:30:00Z')).toBe(
        'DENIED',
      )
      // 12:30Z is 08:30 EDT before the autumn change, 07:30 EST after it.
      expect(status('BLACKOUT_PERIOD', 'BETWEEN', value, 'DENY', '2026-10-31T12:30:00Z')).toBe(
        'DENIED',
      )
      expect(status('BLACKOUT_PERIOD', 'BETWEEN', value, 'DENY', '2026-11-02T12:30:00Z')).toBe(
        'APPROVED',
      )
    })

    test('error: the message names the window and its reason', () => {
      const decision = decide(
        rule('BLACKOUT_PERIOD', 'BETWEEN', MAINTENANCE, 'DENY'),
        '2026-04-08T03:15:00Z',
      )
      expect(decision.violations[0]).toMatchObject({
        type: 'BLACKOUT_PERIOD',
        ruleType: 'BLACKOUT_PERIOD',
        limit: '02:00-06:00 UTC',
        current: '2026-04-08 03:15 UTC',
      })
      expect(decision.reasons).toMatchInlineSnapshot(`
        [
          "Blackout period: Maintenance (02:00-06:00 UTC)",
        ]
      `)
    })

    test('error: a window without a reason and a rule that fires outside every window', () => {
      const dated = decide(
        rule('BLACKOUT_PERIOD', 'BETWEEN', { start: '2026-04-01', end: '2026-04-08' }, 'DENY'),
        '2026-04-08T18:00:00Z',
        'Europe/Berlin',
      )
      const outside = decide(
        rule(
          'BLACKOUT_PERIOD',
          'NOT_BETWEEN',
          { windows: [...MAINTENANCE.windows, { start: '22:00', end: '23:00' }] },
          'DENY',
        ),
        '2026-04-08T12:00:00Z',
      )
      expect([...dated.reasons, ...outside.reasons]).toMatchInlineSnapshot(`
        [
          "Blackout period: 2026-04-01 to 2026-04-08 Europe/Berlin",
          "Outside the rule's periods: Maintenance (02:00-06:00 UTC); 22:00-23:00 UTC (now 2026-04-08 12:00 UTC)",
        ]
      `)
      expect(outside.violations[0]?.limit).toEqual([
        'Maintenance (02:00-06:00 UTC)',
        '22:00-23:00 UTC',
      ])
    })
  })

  test.each([
    ['TIME_WINDOW', 'BETWEEN', { start: '25:00', end: '18:00' }],
    ['TIME_WINDOW', 'BETWEEN', { start: '09:00', end: '18:00', timezone: 'Mars/Olympus' }],
    ['TIME_WINDOW', 'IN_LIST', OFFICE],
    ['DAY_OF_WEEK', 'IN_LIST', ['Funday']],
    ['DATE_RANGE', 'BETWEEN', { start: '2026-12-31', end: '2026-01-01' }],
    ['DATE_RANGE', 'BETWEEN', { start: '2026-02-30', end: '2026-03-01' }],
    ['BLACKOUT_PERIOD', 'BETWEEN', { windows: [] }],
    [
      'BLACKOUT_PERIOD',
      'BETWEEN',
      { windows: [{ start: '2026-04-01', end: '06:00', recurring: true }] },
    ],
    ['BLACKOUT_PERIOD', 'BETWEEN', { windows: [{ start: '2026-04-03', end: '2026-04-01' }] }],
  ] as const)(
    'error: %s %s %j is an invalid rule and fails closed',
    (ruleType, operator, value) => {
      const decision = decide(rule(ruleType, operator, value, 'DENY'), '2026-04-08T12:00:00Z')
      expect(decision.status).toBe('DENIED')
      expect(decision.violations[0]?.type).toBe('INVALID_RULE')
      expect(decision.reasons[0]).toContain(ruleType)
    },
  )

  // Each rule fires at the fixture's `now` (Wednesday 2026-04-08 12:00 UTC).
  const firing: readonly [RuleType, string, Value][] = [
    ['TIME_WINDOW', 'BETWEEN', OFFICE],
    ['DAY_OF_WEEK', 'IN_LIST', ['Wed']],
    ['DATE_RANGE', 'BETWEEN', YEAR_2026],
    ['BLACKOUT_PERIOD', 'BETWEEN', { windows: [{ start: '11:00', end: '13:00' }] }],
  ]
  test.each(
    firing.flatMap(([ruleType, operator, value]) =>
      rulePaymentKinds.map((kind) => [ruleType, kind, operator, value] as const),
    ),
  )(
    'behavior: %s with a %s payment is evaluated where ruleTypeInfo applies it, else SKIPPED',
    (ruleType, kind, operator, value) => {
      const decision = evaluateRule(rule(ruleType, operator, value, 'DENY'), {
        now: '2026-04-08T12:00:00Z',
        payment: { kind, amount: 5, serviceDomain: 'api.example.com', merchantName: 'ACME' },
      })
      if (ruleAppliesTo(ruleType, kind)) {
        expect(outcomeOf(decision)).toBe('DENIED')
        expect(decision.status).toBe('DENIED')
      } else {
        expect(outcomeOf(decision)).toBe('SKIPPED')
        expect(decision.status).toBe('APPROVED')
      }
    },
  )

  test('behavior: these rules apply to every payment kind', () => {
    for (const ruleType of [
      'TIME_WINDOW',
      'DAY_OF_WEEK',
      'DATE_RANGE',
      'BLACKOUT_PERIOD',
    ] as const) {
      for (const kind of rulePaymentKinds) expect(ruleAppliesTo(ruleType, kind)).toBe(true)
    }
  })
})
