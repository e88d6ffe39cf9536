import { describe, expect, test } from 'vitest'
import { type LinkBudget, remainingOf } from './agent-setup.js'

const M = 1_000_000
const budget = (overrides: Partial<LinkBudget>): LinkBudget => ({
  perTransaction: null,
  daily: null,
  weekly: null,
  monthly: null,
  spentDaily: 0,
  spentWeekly: 0,
  spentMonthly: 0,
  ...overrides,
})

describe('remainingOf', () => {
  test('default: unlimited everywhere is null everywhere', () => {
    expect(remainingOf(budget({ spentDaily: 50 * M }))).toEqual({
      perTransaction: null,
      daily: null,
      weekly: null,
      monthly: null,
    })
  })

  test('behavior: each window is its limit minus its spend', () => {
    expect(
      remainingOf(
        budget({
          perTransaction: 100 * M,
          daily: 1000 * M,
          weekly: 5000 * M,
          monthly: 20_000 * M,
          spentDaily: 250 * M,
          spentWeekly: 1250 * M,
          spentMonthly: 7_500.5 * M,
        }),
      ),
    ).toEqual({ perTransaction: 100, daily: 750, weekly: 3750, monthly: 12_499.5 })
  })

  test('behavior: never below zero', () => {
    expect(remainingOf(budget({ daily: 25 * M, spentDaily: 30 * M }))).toEqual({
      perTransaction: 0,
      daily: 0,
      weekly: null,
      monthly: null,
    })
  })

  test('behavior: perTransaction is capped by the tightest window', () => {
    expect(
      remainingOf(budget({ perTransaction: 5 * M, daily: 25 * M, spentDaily: 22 * M })),
    ).toMatchObject({
      perTransaction: 3,
      daily: 3,
    })
    expect(
      remainingOf(budget({ daily: 1000 * M, monthly: 40 * M, spentMonthly: 1 * M })),
    ).toMatchObject({
      perTransaction: 39,
    })
  })

  test('behavior: a zero limit blocks everything', () => {
    expect(remainingOf(budget({ perTransaction: 0, daily: 1000 * M }))).toEqual({
      perTransaction: 0,
      daily: 1000,
      weekly: null,
      monthly: null,
    })
  })

  test('behavior: micro-unit amounts convert exactly', () => {
    expect(remainingOf(budget({ daily: 1 * M, spentDaily: 333_333 })).daily).toBe(0.666667)
  })
})
