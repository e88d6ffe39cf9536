import { describe, expect, test } from 'vitest'
import { resolveTrust } from './counterparties.js'

const base = { trustScore: 0.5, trustLevel: 'UNKNOWN', status: 'UNKNOWN' }

describe('resolveTrust', () => {
  test('default: nothing given keeps everything', () => {
    expect(resolveTrust(base, {})).toEqual(base)
  })

  test.each([
    [0, 'BLOCKED'],
    [0.2, 'BLOCKED'],
    [0.21, 'UNKNOWN'],
    [0.5, 'UNKNOWN'],
    [0.51, 'VERIFIED'],
    [0.75, 'VERIFIED'],
    [0.76, 'TRUSTED'],
    [1, 'TRUSTED'],
  ])('behavior: score %s falls in %s and status follows', (score, level) => {
    const before = { trustScore: 0.33, trustLevel: 'UNKNOWN', status: 'UNKNOWN' }
    expect(resolveTrust(before, { trustScore: score })).toEqual({
      trustScore: score,
      trustLevel: level,
      status: level,
    })
  })

  test('behavior: an explicit trustLevel wins over the score band', () => {
    expect(resolveTrust(base, { trustScore: 0.9, trustLevel: 'SUSPICIOUS' })).toEqual({
      trustScore: 0.9,
      trustLevel: 'SUSPICIOUS',
      status: 'SUSPICIOUS',
    })
  })

  test('behavior: status (block) sets the level too', () => {
    expect(resolveTrust(base, { status: 'BLOCKED' })).toEqual({
      trustScore: 0.5,
      trustLevel: 'BLOCKED',
      status: 'BLOCKED',
    })
  })

  test('behavior: an unchanged score keeps a manual level', () => {
    const manual = { trustScore: 0.9, trustLevel: 'SUSPICIOUS', status: 'SUSPICIOUS' }
    expect(resolveTrust(manual, { trustScore: 0.9 })).toEqual(manual)
  })
})
