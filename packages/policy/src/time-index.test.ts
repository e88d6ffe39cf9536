import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { countInWindow, indexTimes } from './time-index.js'

const linear = (times: readonly number[], start: number, end: number) =>
  times.filter((time) => time > start && time <= end).length

describe('indexTimes', () => {
  test('default: detects the order and indexes once per array', () => {
    const ascending = [1, 2, 2, 3]
    expect(indexTimes(ascending).order).toBe(1)
    expect(indexTimes([3, 2, 2, 1]).order).toBe(-1)
    expect(indexTimes([1, 3, 2]).order).toBe(0)
    expect(indexTimes([Number.NaN, 1]).order).toBe(0)
    expect(indexTimes(ascending)).toBe(indexTimes(ascending))
    expect(indexTimes(undefined).times).toEqual([])
  })

  test('behavior: converts Date and ISO entries', () => {
    const index = indexTimes([new Date(0), '1970-01-01T00:00:01.000Z', 2000])
    expect(index.times).toEqual([0, 1000, 2000])
    expect(index.order).toBe(1)
  })
})

describe('countInWindow', () => {
  test('default: (start, end] in every order', () => {
    for (const times of [
      [1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1],
      [3, 1, 5, 2, 4],
    ]) {
      const index = indexTimes(times)
      expect(countInWindow(index, 2, 4)).toBe(2)
      expect(countInWindow(index, 0, 5)).toBe(5)
      expect(countInWindow(index, 5, 10)).toBe(0)
    }
  })

  test('behavior: agrees with a linear count for any list and window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 60 }),
        fc.constantFrom('asc', 'desc', 'raw'),
        fc.integer({ min: -5, max: 105 }),
        fc.integer({ min: 0, max: 50 }),
        (raw, order, start, width) => {
          const times =
            order === 'asc'
              ? [...raw].sort((a, b) => a - b)
              : order === 'desc'
                ? [...raw].sort((a, b) => b - a)
                : raw
          expect(countInWindow(indexTimes(times), start, start + width)).toBe(
            linear(times, start, start + width),
          )
        },
      ),
    )
  })
})
