import { describe, expect, test } from 'vitest'
import {
  formatClock,
  isWithinDailyWindow,
  minutesOfClockTime,
  startOfUtcDay,
  startOfUtcMonth,
  startOfUtcQuarter,
  startOfUtcWeek,
  startOfUtcYear,
  windowEnd,
  windowStart,
  zonedTime,
} from './calendar.js'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

describe('startOfUtcWeek', () => {
  test('default: weeks start on Monday 00:00 UTC', () => {
    expect(iso(startOfUtcWeek(at('2026-04-08T12:00:00Z')))).toBe('2026-04-06T00:00:00.000Z')
    expect(iso(startOfUtcWeek(at('2026-04-06T00:00:00Z')))).toBe('2026-04-06T00:00:00.000Z')
    expect(iso(startOfUtcWeek(at('2026-04-05T23:59:59.999Z')))).toBe('2026-03-30T00:00:00.000Z')
    expect(iso(startOfUtcWeek(at('2026-04-12T23:00:00Z')))).toBe('2026-04-06T00:00:00.000Z')
  })
})

describe('windowStart', () => {
  test('default', () => {
    const now = at('2026-08-19T17:45:00Z')
    expect(iso(startOfUtcDay(now))).toBe('2026-08-19T00:00:00.000Z')
    expect(iso(startOfUtcMonth(now))).toBe('2026-08-01T00:00:00.000Z')
    expect(iso(startOfUtcQuarter(now))).toBe('2026-07-01T00:00:00.000Z')
    expect(iso(startOfUtcYear(now))).toBe('2026-01-01T00:00:00.000Z')
    expect(windowStart('weekly', now)).toBe(startOfUtcWeek(now))
  })

  test('behavior: before 1970 still floors to the day', () => {
    expect(iso(startOfUtcDay(at('1969-12-31T13:00:00Z')))).toBe('1969-12-31T00:00:00.000Z')
  })
})

describe('windowEnd', () => {
  test('default: the instant each counter resets', () => {
    const now = at('2026-12-31T23:59:59Z')
    expect(iso(windowEnd('daily', now))).toBe('2027-01-01T00:00:00.000Z')
    expect(iso(windowEnd('weekly', now))).toBe('2027-01-04T00:00:00.000Z')
    expect(iso(windowEnd('monthly', now))).toBe('2027-01-01T00:00:00.000Z')
    expect(iso(windowEnd('quarterly', now))).toBe('2027-01-01T00:00:00.000Z')
    expect(iso(windowEnd('yearly', now))).toBe('2027-01-01T00:00:00.000Z')
    expect(iso(windowEnd('monthly', at('2026-02-10T00:00:00Z')))).toBe('2026-03-01T00:00:00.000Z')
  })
})

describe('zonedTime', () => {
  test('default: UTC', () => {
    expect(zonedTime(at('2026-04-08T12:34:00Z'), 'UTC')).toEqual({
      day: 'Wed',
      hour: 12,
      minuteOfDay: 754,
      date: '2026-04-08',
    })
  })

  test('behavior: DST in America/New_York', () => {
    // 2026-03-08 07:30 UTC is 03:30 EDT (after the spring-forward at 02:00 EST).
    expect(zonedTime(at('2026-03-08T07:30:00Z'), 'America/New_York')).toMatchObject({
      hour: 3,
      date: '2026-03-08',
    })
    // One hour earlier it is 01:30 EST.
    expect(zonedTime(at('2026-03-08T06:30:00Z'), 'America/New_York')).toMatchObject({ hour: 1 })
    // 2026-11-01 05:30 UTC is 01:30 EDT; 06:30 UTC is 01:30 EST (the repeated hour).
    expect(zonedTime(at('2026-11-01T05:30:00Z'), 'America/New_York').hour).toBe(1)
    expect(zonedTime(at('2026-11-01T06:30:00Z'), 'America/New_York').hour).toBe(1)
    expect(zonedTime(at('2026-11-01T07:30:00Z'), 'America/New_York').hour).toBe(2)
  })

  test('behavior: the local date and day can differ from UTC', () => {
    expect(zonedTime(at('2026-04-08T02:00:00Z'), 'America/Los_Angeles')).toMatchObject({
      day: 'Tue',
      date: '2026-04-07',
      hour: 19,
    })
    expect(zonedTime(at('2026-04-08T23:30:00Z'), 'Asia/Tokyo').day).toBe('Thu')
  })

  test('error: an unknown zone throws a RangeError', () => {
    expect(() => zonedTime(0, 'Mars/Olympus')).toThrow(RangeError)
  })
})

describe('isWithinDailyWindow', () => {
  test('default', () => {
    expect(isWithinDailyWindow(9 * 60, 9 * 60, 17 * 60)).toBe(true)
    expect(isWithinDailyWindow(17 * 60, 9 * 60, 17 * 60)).toBe(false)
    expect(isWithinDailyWindow(0, 0, 1440)).toBe(true)
    expect(isWithinDailyWindow(1439, 0, 1440)).toBe(true)
  })

  test('behavior: windows that wrap midnight', () => {
    expect(isWithinDailyWindow(23 * 60, 22 * 60, 6 * 60)).toBe(true)
    expect(isWithinDailyWindow(5 * 60 + 59, 22 * 60, 6 * 60)).toBe(true)
    expect(isWithinDailyWindow(6 * 60, 22 * 60, 6 * 60)).toBe(false)
    expect(isWithinDailyWindow(12 * 60, 22 * 60, 6 * 60)).toBe(false)
  })
})

describe('minutesOfClockTime', () => {
  test('default', () => {
    expect(minutesOfClockTime('09:30')).toBe(570)
    expect(minutesOfClockTime('24:00')).toBe(1440)
  })
})

describe('formatClock', () => {
  test('default: HH:MM of a minute of the day', () => {
    expect(formatClock(0)).toBe('00:00')
    expect(formatClock(9 * 60 + 5)).toBe('09:05')
    expect(formatClock(23 * 60 + 59)).toBe('23:59')
    expect(formatClock(24 * 60)).toBe('24:00')
  })
})
