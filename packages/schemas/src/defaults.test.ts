import { describe, expect, test } from 'vitest'
import { defaults, trustLevelForScore } from './defaults.js'

describe('defaults', () => {
  test('default: the Defaults page values', () => {
    expect(defaults.agentWalletLink).toEqual({
      delegationType: 'LIMITED',
      spendLimitPerTx: 100,
      spendLimitDaily: 1000,
      spendLimitWeekly: null,
      spendLimitMonthly: null,
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      timezone: 'UTC',
    })
    expect(defaults.externalWalletAutoCreate).toMatchObject({
      spendLimitPerTx: null,
      spendLimitDaily: 1000,
      spendLimitWeekly: 5000,
      spendLimitMonthly: 20000,
      enforcementMode: 'MONITORING_ONLY',
    })
    expect(defaults.approvalTtlSeconds).toEqual({
      paymentRequest: 300,
      externalApproval: 600,
      cardApproval: 300,
    })
    expect(defaults.sdkKey).toMatchObject({ expiresInDays: 365, maxExpiresInDays: 730 })
    expect(defaults.custodyPriority).toEqual(['PRIVY', 'SPONGE', 'SMART_CONTRACT', 'EXTERNAL'])
    expect(defaults.rateLimits.sdkPayment).toEqual({ limit: 60, windowSeconds: 60, key: 'agent' })
    expect(defaults.rateLimits.sdkRead.limit).toBe(120)
    expect(defaults.webhook.retryDelaysMs).toEqual([0, 1000, 4000])
    expect(defaults.autoFreeze.maxConsecutiveViolations).toBe(5)
    expect(defaults.policy.priority).toBe(50)
  })
})

describe('trustLevelForScore', () => {
  test.each([
    [1, 'TRUSTED'],
    [0.76, 'TRUSTED'],
    [0.75, 'VERIFIED'],
    [0.51, 'VERIFIED'],
    [0.5, 'UNKNOWN'],
    [0.21, 'UNKNOWN'],
    [0.2, 'BLOCKED'],
    [0, 'BLOCKED'],
  ])('default: %d → %s', (score, level) => {
    expect(trustLevelForScore(score)).toBe(level)
  })
})
