import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { RECIPIENT } from '../test/fixtures.js'
import { evaluatePolicy } from './evaluate-policy.js'
import type { EvaluationInput, PolicyInput, RuleInput } from './evaluation-input.js'

/** Amounts with at most 6 decimals, as the wire carries them. */
const amount = (max: number) =>
  fc.integer({ min: 1, max: max * 1_000_000 }).map((micros) => micros / 1_000_000)

const limitRuleTypes = ['MAX_AMOUNT', 'DAILY_LIMIT', 'WEEKLY_LIMIT', 'MONTHLY_LIMIT'] as const

const limitRule = fc.record({
  ruleType: fc.constantFrom(...limitRuleTypes),
  operator: fc.constantFrom('LTE', 'LESS_THAN'),
  limit: amount(5000),
})

const policies = fc.array(
  fc.record({
    priority: fc.integer({ min: 0, max: 100 }),
    rules: fc.array(limitRule, { minLength: 1, maxLength: 4 }),
  }),
  { maxLength: 5 },
)

const scenario = fc.record({
  amount: amount(2000),
  spend: fc.record({ daily: amount(3000), weekly: amount(6000), monthly: amount(20000) }),
  link: fc.record({
    spendLimitPerTx: fc.option(amount(3000), { nil: null }),
    spendLimitDaily: fc.option(amount(6000), { nil: null }),
  }),
  policies,
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

function toInput(s: Scenario, tweak?: (policies: PolicyInput[]) => PolicyInput[]): EvaluationInput {
  const built: PolicyInput[] = s.policies.map((p, policyIndex) => ({
    id: `pol_${policyIndex}`,
    name: `Policy ${policyIndex}`,
    priority: p.priority,
    createdAt: policyIndex * 1000,
    rules: p.rules.map(
      (r, ruleIndex): RuleInput => ({
        id: `r_${policyIndex}_${ruleIndex}`,
        ruleType: r.ruleType,
        operator: r.operator,
        value: String(r.limit),
        action: 'ALLOW',
      }),
    ),
  }))
  return {
    payment: { amount: s.amount, recipientAddress: RECIPIENT },
    agent: { id: 'agt', status: 'ACTIVE' },
    wallet: { id: 'wal', balance: null, link: s.link },
    spend: { ...s.spend, link: s.spend },
    policies: tweak ? tweak(built) : built,
    now: '2026-04-08T12:00:00Z',
  }
}

describe('evaluatePolicy properties', () => {
  test('behavior: deterministic — the same input (even a copy) gives the same decision', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = evaluatePolicy(toInput(s))
        expect(evaluatePolicy(toInput(s))).toEqual(first)
        expect(evaluatePolicy(structuredClone(toInput(s)))).toEqual(first)
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: raising any limit never turns APPROVED into DENIED', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), amount(1000), (s, pick, raise) => {
        const before = evaluatePolicy(toInput(s))
        fc.pre(before.status === 'APPROVED')
        const rules = s.policies.flatMap((p) => p.rules)
        const raised = structuredClone(s)
        const target = pick % (rules.length + 2)
        if (target < rules.length) {
          const flat = raised.policies.flatMap((p) => p.rules)
          const entry = flat[target]
          if (entry) entry.limit = Math.round((entry.limit + raise) * 1e6) / 1e6
        } else if (target === rules.length && raised.link.spendLimitPerTx !== null) {
          raised.link.spendLimitPerTx =
            Math.round((raised.link.spendLimitPerTx + raise) * 1e6) / 1e6
        } else if (raised.link.spendLimitDaily !== null) {
          raised.link.spendLimitDaily =
            Math.round((raised.link.spendLimitDaily + raise) * 1e6) / 1e6
        }
        expect(evaluatePolicy(toInput(raised)).status).toBe('APPROVED')
      }),
      { numRuns: 500 },
    )
  })

  test('behavior: adding a DENY rule never turns DENIED into APPROVED', () => {
    const denyRule = fc.record({
      ruleType: fc.constantFrom('BLOCKED_COUNTERPARTIES', 'BLOCKED_CATEGORIES', 'MAX_AMOUNT'),
      priority: fc.integer({ min: 0, max: 100 }),
      match: fc.boolean(),
    })
    fc.assert(
      fc.property(scenario, denyRule, (s, extra) => {
        fc.pre(evaluatePolicy(toInput(s)).status === 'DENIED')
        const value =
          extra.ruleType === 'MAX_AMOUNT'
            ? '1'
            : JSON.stringify(
                extra.ruleType === 'BLOCKED_COUNTERPARTIES' ? [RECIPIENT] : ['GAMBLING'],
              )
        const after = evaluatePolicy(
          toInput(s, (built) => [
            ...built,
            {
              id: 'pol_deny',
              name: 'Deny',
              priority: extra.priority,
              rules: [
                {
                  id: 'r_deny',
                  ruleType: extra.ruleType,
                  operator: extra.ruleType === 'MAX_AMOUNT' ? 'GT' : 'IN_LIST',
                  value,
                  action: 'DENY',
                },
              ],
            },
          ]),
        )
        expect(after.status).toBe('DENIED')
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: the order of equal-priority policies in the input does not matter beyond creation time', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 5, maxLength: 5 }),
        (s, priority, keys) => {
          const same = { ...s, policies: s.policies.map((p) => ({ ...p, priority })) }
          const base = evaluatePolicy(toInput(same))
          const permuted = evaluatePolicy(
            toInput(same, (built) =>
              built
                .map((policy, index) => ({ policy, key: keys[index] ?? 0 }))
                .sort((a, b) => a.key - b.key)
                .map(({ policy }) => policy),
            ),
          )
          expect(permuted).toEqual(base)
        },
      ),
      { numRuns: 300 },
    )
  })
})
