import type { Timestamp } from './evaluation-input.js'

/**
 * A list of times prepared for window counts: converted to epoch milliseconds once, and its
 * order detected once, so a sorted list (the server sends newest first) is counted by binary
 * search instead of a pass per rule. Indexed once per input array (inputs are immutable).
 */
export interface TimeIndex {
  readonly times: readonly number[]
  /** 1 ascending, -1 descending, 0 neither (or NaNs present): counted linearly. */
  readonly order: 1 | -1 | 0
}

const EMPTY: TimeIndex = { times: [], order: 1 }
const indexes = new WeakMap<readonly Timestamp[], TimeIndex>()

export function indexTimes(list: readonly Timestamp[] | undefined): TimeIndex {
  if (!list || list.length === 0) return EMPTY
  let index = indexes.get(list)
  if (!index) {
    const times = toEpochList(list)
    index = { times, order: orderOf(times) }
    indexes.set(list, index)
  }
  return index
}

/** How many times fall in (start, end]. */
export function countInWindow(index: TimeIndex, start: number, end: number): number {
  const { times, order } = index
  if (order === 0) {
    let count = 0
    for (let at = 0; at < times.length; at++) {
      const time = times[at] as number
      if (time > start && time <= end) count++
    }
    return count
  }
  // Positions in ascending terms; a descending list is read from the other end.
  const after = (value: number) => firstAbove(times, value, order)
  return after(start) - after(end)
}

/** The number of times ≤ `value`, negated into "first index above" for the given order. */
function firstAbove(times: readonly number[], value: number, order: 1 | -1): number {
  // Count of entries > value.
  let low = 0
  let high = times.length
  if (order === 1) {
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((times[mid] as number) <= value) low = mid + 1
      else high = mid
    }
    return times.length - low
  }
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((times[mid] as number) > value) low = mid + 1
    else high = mid
  }
  return low
}

function orderOf(times: readonly number[]): 1 | -1 | 0 {
  let ascending = true
  let descending = true
  for (let at = 1; at < times.length && (ascending || descending); at++) {
    const previous = times[at - 1] as number
    const current = times[at] as number
    if (!(current >= previous)) ascending = false
    if (!(current <= previous)) descending = false
  }
  if (times.length > 0 && Number.isNaN(times[0])) return 0
  return ascending ? 1 : descending ? -1 : 0
}

/** Epoch milliseconds of each time; a list of numbers only is returned as it is (no copy). */
function toEpochList(times: readonly Timestamp[]): readonly number[] {
  let index = 0
  while (index < times.length && typeof times[index] === 'number') index++
  if (index === times.length) return times as readonly number[]
  return times.map((time) =>
    typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime(),
  )
}
