import { describe, expect, test } from 'vitest'
import { START } from '../../test/harness.js'
import { type PolicyRuleRow, toPolicyResponse } from './policies.js'

const rule = (id: string, position: number): PolicyRuleRow => ({
  id,
  policyId: 'p1',
  position,
  ruleType: 'MAX_AMOUNT',
  operator: 'LESS_THAN_OR_EQUAL',
  value: '200',
  action: 'ALLOW',
  createdAt: START,
})

describe('toPolicyResponse', () => {
  test('default', () => {
    const policy = toPolicyResponse(
      {
        id: 'p1',
        organizationId: 'o1',
        name: 'Limits',
        description: null,
        policyType: 'SPEND_LIMIT',
        priority: 50,
        isActive: true,
        scope: 'assigned',
        createdAt: START,
        updatedAt: START + 1000,
      },
      [rule('r3', 7), rule('r1', 0), rule('r2', 2)],
      [{ id: 'ap1', agent: { id: 'a1', name: 'Shopper' } }],
    )
    expect(policy).toEqual({
      id: 'p1',
      name: 'Limits',
      description: null,
      policyType: 'SPEND_LIMIT',
      priority: 50,
      isActive: true,
      rules: ['r1', 'r2', 'r3'].map((id) => ({
        id,
        ruleType: 'MAX_AMOUNT',
        operator: 'LESS_THAN_OR_EQUAL',
        value: '200',
        action: 'ALLOW',
        createdAt: '2026-04-08T12:00:00.000Z',
      })),
      agentPolicies: [{ id: 'ap1', agent: { id: 'a1', name: 'Shopper' } }],
      scope: 'assigned',
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:01.000Z',
    })
  })
})
