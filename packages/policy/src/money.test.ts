import { describe, expect, test } from 'vitest'
import { formatUsd, micros, microsOrNull, units } from './money.js'

describe('micros', () => {
  test('default: exact arithmetic', () => {
    expect(micros(0.1) + micros(0.2)).toBe(micros(0.3))
    expect(micros(1000)).toBe(1_000_000_000)
    expect(units(micros(19999.9))).toBe(19999.9)
    expect(microsOrNull(null)).toBeNull()
    expect(microsOrNull(undefined)).toBeNull()
    expect(microsOrNull(0)).toBe(0)
  })
})

describe('formatUsd', () => {
  test.each([
    [0, '$0.00'],
    [micros(250), '$250.00'],
    [micros(1000), '$1,000.00'],
    [micros(1234567.5), '$1,234,567.50'],
    [micros(0.05), '$0.05'],
    [micros(0.005), '$0.005'],
    [micros(0.000001), '$0.000001'],
    [micros(-12.3), '-$12.30'],
  ])('default: %d → %s', (value, text) => {
    expect(formatUsd(value)).toBe(text)
  })
})
