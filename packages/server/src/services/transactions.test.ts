import { describe, expect, test } from 'vitest'
import { endOfRange, startOfRange } from './transactions.js'

describe('startOfRange', () => {
  test.each([
    ['2026-04-08', Date.parse('2026-04-08T00:00:00.000Z')],
    ['2026-04-08T12:30:00.000Z', Date.parse('2026-04-08T12:30:00.000Z')],
    ['2026-04-08T14:30:00+02:00', Date.parse('2026-04-08T12:30:00.000Z')],
  ])('%s', (value, expected) => {
    expect(startOfRange(value)).toBe(expected)
  })
})

describe('endOfRange', () => {
  test.each([
    ['2026-04-08', Date.parse('2026-04-08T23:59:59.999Z')],
    ['2026-02-28', Date.parse('2026-02-28T23:59:59.999Z')],
    ['2026-04-08T12:30:00.000Z', Date.parse('2026-04-08T12:30:00.000Z')],
  ])('%s', (value, expected) => {
    expect(endOfRange(value)).toBe(expected)
  })
})
