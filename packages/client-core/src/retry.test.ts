import { afterEach, describe, expect, test, vi } from 'vitest'
import { retryAfterMsFromHeaders, retryDelayMs, shouldRetry, sleep } from './retry.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('shouldRetry', () => {
  test.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [501, false],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [422, false],
  ])('behavior: %i → %s', (status, expected) => {
    expect(shouldRetry({ status, headers: new Headers() })).toBe(expected)
  })

  test('behavior: x-should-retry overrides the status', () => {
    expect(shouldRetry({ status: 503, headers: new Headers({ 'x-should-retry': 'false' }) })).toBe(
      false,
    )
    expect(shouldRetry({ status: 400, headers: new Headers({ 'x-should-retry': 'true' }) })).toBe(
      true,
    )
    expect(shouldRetry({ status: 503, headers: new Headers({ 'x-should-retry': 'maybe' }) })).toBe(
      true,
    )
  })
})

describe('retryAfterMsFromHeaders', () => {
  const now = Date.parse('2026-03-01T12:00:00.000Z')
  test.each([
    [{ 'retry-after-ms': '1500' }, 1500],
    [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 1500],
    [{ 'retry-after-ms': 'soon', 'retry-after': '9' }, 9000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '2.5' }, 2500],
    [{ 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Sun, 01 Mar 2026 11:59:00 GMT' }, -60_000],
    [{ 'retry-after': 'whenever' }, undefined],
    [{ 'retry-after': '' }, undefined],
    [{}, undefined],
  ])('behavior: %o → %s', (headers, expected) => {
    expect(retryAfterMsFromHeaders(new Headers(headers), now)).toBe(expected)
  })
})

describe('retryDelayMs', () => {
  const noJitter = () => 0
  const fullJitter = () => 1

  test('default', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(n, undefined, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ])
    expect([0, 1, 2, 5].map((n) => retryDelayMs(n, undefined, fullJitter))).toEqual([
      750, 1500, 3000, 7500,
    ])
  })

  test('behavior: the documented backoff — 1 s, 2 s, 4 s, capped at 10 s; jitter only shortens', () => {
    for (let n = 0; n < 12; n++) {
      const step = Math.min(1000 * 2 ** n, 10_000)
      for (const random of [() => 0, () => 0.5, () => 0.999]) {
        const delay = retryDelayMs(n, undefined, random)
        expect(delay).toBeLessThanOrEqual(step)
        expect(delay).toBeGreaterThan(step * 0.75)
      }
    }
  })

  test('behavior: a server wait within 0–60 s is honoured exactly', () => {
    for (const seconds of ['0', '1', '30', '60']) {
      expect(retryDelayMs(3, new Headers({ 'retry-after': seconds }), fullJitter)).toBe(
        Number(seconds) * 1000,
      )
    }
  })

  test('behavior: a server wait outside 0–60 s falls back to the backoff', () => {
    for (const headers of [
      { 'retry-after': '61' },
      { 'retry-after': '3600' },
      { 'retry-after-ms': '-5' },
    ]) {
      expect(retryDelayMs(1, new Headers(headers), noJitter)).toBe(2000)
    }
  })
})

describe('sleep', () => {
  test('default', async () => {
    vi.useFakeTimers()
    let done = false
    const promise = sleep(1000).then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await promise
    expect(done).toBe(true)
  })

  test('behavior: rejects with the abort reason', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const promise = sleep(10_000, controller.signal)
    controller.abort(new Error('stop'))
    await expect(promise).rejects.toThrow('stop')
    await expect(sleep(1, AbortSignal.abort(new Error('early')))).rejects.toThrow('early')
  })
})
