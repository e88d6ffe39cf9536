import type { DayOfWeek, RuleOperator } from '@conto/schemas'
import { formatClock, isWithinDailyWindow, minutesOfClockTime } from '../calendar.js'
import type { EvaluationContext } from '../evaluation-context.js'
import { between, defineRuleEvaluators, member, type RuleExplanation } from '../rule-evaluator.js'

/**
 * Rules on when a payment happens: TIME_WINDOW (hours of the day), DAY_OF_WEEK, DATE_RANGE and
 * BLACKOUT_PERIOD. The subject is `now` read in the evaluation zone: the value's `timezone` when
 * it has one, else the agent–wallet link's zone, else UTC (§5.2). Daily windows are [start, end)
 * in minutes of the day (a start after the end wraps midnight, `24:00` is the end of the day);
 * date ranges are inclusive, a date-only bound comparing with the local date in the zone (so an
 * end date counts through 23:59 local) and a timestamp bound with the instant.
 */

/** A daily `HH:MM` window as minutes of the day, with its text for messages. */
export interface DailyWindow {
  readonly start: number
  readonly end: number
  readonly label: string
}

/** One end of a date range: a local calendar date (`YYYY-MM-DD`) or an instant. */
export interface DateBound {
  /** The date of a date-only bound; undefined for a timestamp. */
  readonly date: string | undefined
  /** Epoch milliseconds of a timestamp bound; NaN for a date-only bound. */
  readonly ms: number
  readonly text: string
}

/** An inclusive range of dates or instants. */
export interface DateSpan {
  readonly start: DateBound
  readonly end: DateBound
  /** Whether either bound is a date, i.e. whether the zone's local date must be read. */
  readonly local: boolean
}

export interface PreparedTimeWindow {
  readonly window: DailyWindow
  /** The value's own zone; undefined = the link's zone (or UTC). */
  readonly timezone: string | undefined
}

export interface PreparedDays {
  readonly days: ReadonlySet<DayOfWeek>
  readonly list: readonly DayOfWeek[]
}

export interface PreparedDateRange {
  readonly span: DateSpan
  readonly timezone: string | undefined
}

export interface PreparedBlackoutWindow {
  /** Set for a recurring (daily) window. */
  readonly daily: DailyWindow | undefined
  /** Set for a one-off window of dates or instants. */
  readonly span: DateSpan | undefined
  readonly reason: string | undefined
}

export interface PreparedBlackout {
  readonly windows: readonly PreparedBlackoutWindow[]
  readonly timezone: string | undefined
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

function dailyWindow(start: string, end: string): DailyWindow {
  return {
    start: minutesOfClockTime(start),
    end: minutesOfClockTime(end),
    label: `${start}-${end}`,
  }
}

function dateBound(text: string): DateBound {
  return DATE_ONLY.test(text)
    ? { date: text, ms: Number.NaN, text }
    : { date: undefined, ms: Date.parse(text), text }
}

function dateSpan(start: string, end: string): DateSpan {
  const span = { start: dateBound(start), end: dateBound(end) }
  return { ...span, local: span.start.date !== undefined || span.end.date !== undefined }
}

/** True when now is in the inclusive span (the local date is read only for date-only bounds). */
function isWithinSpan(context: EvaluationContext, span: DateSpan, timezone: string | undefined) {
  const today = span.local ? context.zonedNow(timezone).date : ''
  const { start, end } = span
  const afterStart = start.date === undefined ? context.nowMs >= start.ms : today >= start.date
  if (!afterStart) return false
  return end.date === undefined ? context.nowMs <= end.ms : today <= end.date
}

const isWithinDaily = (context: EvaluationContext, window: DailyWindow, timezone?: string) =>
  isWithinDailyWindow(context.zonedNow(timezone).minuteOfDay, window.start, window.end)

const zoneOf = (context: EvaluationContext, timezone: string | undefined): string =>
  timezone ?? context.timezone

/** "2026-04-01 to 2026-04-02 UTC" (dates are read in the zone), or two timestamps. */
const spanLabel = (span: DateSpan, zone: string): string =>
  `${span.start.text} to ${span.end.text}${span.local ? ` ${zone}` : ''}`

/** Which predicate a rule fired on: inside its window (a restriction) or outside (a requirement). */
const insideOf = (operator: RuleOperator, held: boolean): boolean =>
  operator === 'NOT_BETWEEN' ? !held : held

function explainDateRange(
  context: EvaluationContext,
  { span, timezone }: PreparedDateRange,
  operator: RuleOperator,
  held: boolean,
): RuleExplanation {
  const zone = zoneOf(context, timezone)
  const today = `${context.zonedNow(timezone).date} ${zone}`
  const instant = new Date(context.nowMs).toISOString()
  const limit = spanLabel(span, zone)
  if (insideOf(operator, held)) {
    const current = span.local ? today : instant
    return { current, limit, message: `Within the restricted date range ${limit} (now ${current})` }
  }
  const { start, end } = span
  const early = start.date === undefined ? context.nowMs < start.ms : today < start.date
  const bound = early ? start : end
  const current = bound.date === undefined ? instant : today
  const boundText = bound.date === undefined ? bound.text : `${bound.text} ${zone}`
  return {
    current,
    limit,
    message: early
      ? `Permission not yet valid: allowed from ${boundText} (now ${current})`
      : `Permission expired: allowed through ${boundText} (now ${current})`,
  }
}

function blackoutLabel(window: PreparedBlackoutWindow, zone: string): string {
  const label = window.daily
    ? `${window.daily.label} ${zone}`
    : spanLabel(window.span as DateSpan, zone)
  return window.reason ? `${window.reason} (${label})` : label
}

function isWithinBlackout(
  context: EvaluationContext,
  window: PreparedBlackoutWindow,
  timezone: string | undefined,
): boolean {
  return window.daily
    ? isWithinDaily(context, window.daily, timezone)
    : isWithinSpan(context, window.span as DateSpan, timezone)
}

export const scheduleRules = defineRuleEvaluators({
  TIME_WINDOW: {
    prepare: (value): PreparedTimeWindow => ({
      window: dailyWindow(value.start, value.end),
      timezone: value.timezone,
    }),
    test: (context, { window, timezone }: PreparedTimeWindow, operator) =>
      between(isWithinDaily(context, window, timezone), operator),
    explain: (context, { window, timezone }: PreparedTimeWindow, operator, held) => {
      const zone = zoneOf(context, timezone)
      const current = `${formatClock(context.zonedNow(timezone).minuteOfDay)} ${zone}`
      const limit = `${window.label} ${zone}`
      return {
        current,
        limit,
        message: insideOf(operator, held)
          ? `Within the restricted hours: ${limit} (now ${current})`
          : `Outside the allowed hours: ${limit} (now ${current})`,
      }
    },
  },
  DAY_OF_WEEK: {
    prepare: (value): PreparedDays => {
      const days = new Set(value)
      return { days, list: [...days] }
    },
    test: (context, { days }: PreparedDays, operator) =>
      member(context.zonedNow().day, operator, days),
    explain: (context, { days, list }: PreparedDays) => {
      const day = context.zonedNow().day
      const named = list.join(', ')
      return {
        current: day,
        limit: [...list],
        message: days.has(day)
          ? `${day} in ${context.timezone} is a restricted day (restricted: ${named})`
          : `Not an allowed day: ${day} in ${context.timezone} (allowed: ${named})`,
      }
    },
  },
  DATE_RANGE: {
    prepare: (value): PreparedDateRange => ({
      span: dateSpan(value.start, value.end),
      timezone: value.timezone,
    }),
    test: (context, { span, timezone }: PreparedDateRange, operator) =>
      between(isWithinSpan(context, span, timezone), operator),
    explain: explainDateRange,
  },
  BLACKOUT_PERIOD: {
    // A blackout forbids paying inside its windows whatever the action says.
    prohibition: true,
    prepare: (value): PreparedBlackout => ({
      windows: value.windows.map((window) => ({
        daily: window.recurring ? dailyWindow(window.start, window.end) : undefined,
        span: window.recurring ? undefined : dateSpan(window.start, window.end),
        reason: window.reason || undefined,
      })),
      timezone: value.timezone,
    }),
    test: (context, { windows, timezone }: PreparedBlackout, operator) => {
      let inside = false
      for (const window of windows) {
        if (isWithinBlackout(context, window, timezone)) {
          inside = true
          break
        }
      }
      return between(inside, operator)
    },
    explain: (context, { windows, timezone }: PreparedBlackout) => {
      const zone = zoneOf(context, timezone)
      const now = context.zonedNow(timezone)
      const current = `${now.date} ${formatClock(now.minuteOfDay)} ${zone}`
      const active = windows.find((window) => isWithinBlackout(context, window, timezone))
      if (active) {
        return {
          current,
          limit: blackoutLabel({ ...active, reason: undefined }, zone),
          message: `Blackout period: ${blackoutLabel(active, zone)}`,
        }
      }
      const labels = windows.map((window) => blackoutLabel(window, zone))
      return {
        current,
        limit: labels,
        message: `Outside the rule's periods: ${labels.join('; ')} (now ${current})`,
      }
    },
  },
})
