import { expect, test } from 'vitest'
import * as exports from './index.js'

test('exports', () => {
  expect(Object.keys(exports).sort()).toMatchInlineSnapshot(`
    [
      "compilePolicies",
      "compilePolicy",
      "compileRule",
      "evaluatePolicy",
      "formatUsd",
      "isWithinDailyWindow",
      "micros",
      "minutesOfClockTime",
      "spendWindowOfPeriod",
      "startOfUtcDay",
      "startOfUtcMonth",
      "startOfUtcQuarter",
      "startOfUtcWeek",
      "startOfUtcYear",
      "units",
      "velocityPeriodMs",
      "windowEnd",
      "windowStart",
      "zonedTime",
    ]
  `)
})
