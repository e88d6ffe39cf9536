import type { BudgetPeriod, DayOfWeek, VelocityPeriod } from '@conto/schemas'

/**
 * Calendar arithmetic shared by the evaluator and the server's spend snapshot, so both count the
 * same windows: days from 00:00 UTC, weeks from Monday 00:00 UTC, months from the 1st, quarters
 * from January/April/July/October 1st, years from January 1st. Plus wall-clock time in an IANA
 * zone for hour/day windows (DST-correct, through `Intl`). Times are epoch milliseconds.
 */

const DAY_MS = 86_400_000

export const startOfUtcDay = (ms: number): number => ms - mod(ms, DAY_MS)

/** Monday 00:00 UTC of the week containing `ms`. */
export function startOfUtcWeek(ms: number): number {
  const day = startOfUtcDay(ms)
  const weekday = (new Date(day).getUTCDay() + 6) % 7 // Monday = 0
  return day - weekday * DAY_MS
}

export function startOfUtcMonth(ms: number): number {
  const date = new Date(ms)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
}

export function startOfUtcQuarter(ms: number): number {
  const date = new Date(ms)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (date.getUTCMonth() % 3), 1)
}

export function startOfUtcYear(ms: number): number {
  return Date.UTC(new Date(ms).getUTCFullYear(), 0, 1)
}

/** Calendar spend windows, named as the spend snapshot names them. */
export type SpendWindow = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly'

const windowStarts: Record<SpendWindow, (ms: number) => number> = {
  daily: startOfUtcDay,
  weekly: startOfUtcWeek,
  monthly: startOfUtcMonth,
  quarterly: startOfUtcQuarter,
  yearly: startOfUtcYear,
}

/** Start (inclusive) of the calendar window containing `ms`. */
export function windowStart(window: SpendWindow, ms: number): number {
  return windowStarts[window](ms)
}

/** End (exclusive) of the calendar window containing `ms` — the instant the counter resets. */
export function windowEnd(window: SpendWindow, ms: number): number {
  const start = windowStart(window, ms)
  const date = new Date(start)
  switch (window) {
    case 'daily':
      return start + DAY_MS
    case 'weekly':
      return start + 7 * DAY_MS
    case 'monthly':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
    case 'quarterly':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 3, 1)
    case 'yearly':
      return Date.UTC(date.getUTCFullYear() + 1, 0, 1)
  }
}

/** The spend window a budget period (`DAILY`…`YEARLY`) counts in. */
export const spendWindowOfPeriod: Record<BudgetPeriod, SpendWindow> = {
  DAILY: 'daily',
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
  QUARTERLY: 'quarterly',
  YEARLY: 'yearly',
}

/** Length of a rolling velocity window. */
export const velocityPeriodMs: Record<VelocityPeriod, number> = {
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: DAY_MS,
  WEEK: 7 * DAY_MS,
}

/** Wall-clock time in a zone. `minuteOfDay` is 0–1439; `date` is `YYYY-MM-DD` in that zone. */
export interface ZonedTime {
  readonly day: DayOfWeek
  readonly hour: number
  readonly minuteOfDay: number
  readonly date: string
}

const dayNames: readonly DayOfWeek[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Two digits: `7` → `07`. */
export const pad = (value: number): string => (value < 10 ? `0${value}` : String(value))

/** `HH:MM` of a minute of the day (`570` → `09:30`, `1440` → `24:00`). */
export const formatClock = (minuteOfDay: number): string =>
  `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`

/**
 * Wall-clock time of `ms` in the IANA zone `timeZone` (throws a RangeError for an unknown zone).
 * UTC takes a fast path; other zones go through `Intl`, which applies DST exactly.
 */
export function zonedTime(ms: number, timeZone: string): ZonedTime {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const date = new Date(ms)
    const hour = date.getUTCHours()
    return {
      day: dayNames[date.getUTCDay()] as DayOfWeek,
      hour,
      minuteOfDay: hour * 60 + date.getUTCMinutes(),
      date: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    }
  }
  let year = ''
  let month = ''
  let dayOfMonth = ''
  let hour = 0
  let minute = 0
  let day: DayOfWeek = 'Mon'
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = part.value
        break
      case 'month':
        month = part.value
        break
      case 'day':
        dayOfMonth = part.value
        break
      case 'hour':
        hour = Number(part.value)
        break
      case 'minute':
        minute = Number(part.value)
        break
      case 'weekday':
        day = part.value as DayOfWeek
        break
    }
  }
  return { day, hour, minuteOfDay: hour * 60 + minute, date: `${year}-${month}-${dayOfMonth}` }
}

/**
 * True when `minuteOfDay` falls in the window [start, end). A window whose start is after its
 * end wraps midnight (22:00–06:00); `end` may be 1440 (24:00).
 */
export function isWithinDailyWindow(minuteOfDay: number, start: number, end: number): boolean {
  return start <= end
    ? minuteOfDay >= start && minuteOfDay < end
    : minuteOfDay >= start || minuteOfDay < end
}

/** Minutes since midnight of an `HH:MM` clock time (`24:00` → 1440). */
export function minutesOfClockTime(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':')
  return Number(hours) * 60 + Number(minutes)
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor
}
