import { describe, expect, test } from 'vitest'
import { wireErrorCodeOf } from './errors.js'
import {
  addPolicyRulesParamsSchema,
  agentPolicyAssignmentSchema,
  assignAgentPolicyParamsSchema,
  createPolicyExceptionParamsSchema,
  createPolicyParamsSchema,
  listAgentPoliciesResponseSchema,
  listPoliciesQuerySchema,
  listPoliciesResponseSchema,
  listPolicyExceptionsQuerySchema,
  listPolicyExceptionsResponseSchema,
  listPolicyRulesResponseSchema,
  listSdkPoliciesQuerySchema,
  policyExceptionSchema,
  policySchema,
  ruleInputSchema,
  ruleSchema,
  setPolicyRulesParamsSchema,
  unassignAgentPolicyQuerySchema,
  updatePolicyParamsSchema,
} from './policy.js'

const firstMessage = (result: { error?: { issues: { message: string }[] } | undefined }) =>
  result.error?.issues[0]?.message

const rule = {
  id: 'rule_cmm59z8fj000l49h7bjqza11p',
  ruleType: 'DAILY_LIMIT',
  operator: 'LESS_THAN_OR_EQUAL',
  value: '1000',
  action: 'ALLOW',
  createdAt: '2026-04-07T12:00:00.000Z',
}

const policy = {
  id: 'cmm59z8fj000l49h7bjqza11p',
  name: 'Daily spend cap',
  description: 'Keeps agents under $1,000 a day',
  policyType: 'SPEND_LIMIT',
  priority: 50,
  isActive: true,
  rules: [rule],
  agentPolicies: [
    { id: 'ap_1', agent: { id: 'cmm59z8fj000l49h7bjqza11a', name: 'Customer Support Agent' } },
  ],
  scope: 'assigned',
  createdAt: '2026-04-07T12:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}

describe('ruleSchema', () => {
  test('default: a rule as the API returns it', () => {
    expect(ruleSchema.parse(rule)).toEqual(rule)
    const { createdAt: _createdAt, ...withoutCreatedAt } = rule
    expect(ruleSchema.safeParse(withoutCreatedAt).success).toBe(true)
  })

  test('behavior: rule types and operators added later still parse', () => {
    expect(
      ruleSchema.safeParse({ ...rule, ruleType: 'FUTURE_RULE', operator: 'MATCHES' }).success,
    ).toBe(true)
  })

  test('error: value must be a string', () => {
    expect(ruleSchema.safeParse({ ...rule, value: 1000 }).success).toBe(false)
  })
})

describe('ruleInputSchema', () => {
  test('default: action defaults to ALLOW and the operator is normalised', () => {
    expect(
      ruleInputSchema.parse({ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200' }),
    ).toEqual({
      ruleType: 'MAX_AMOUNT',
      operator: 'LESS_THAN_OR_EQUAL',
      value: '200',
      action: 'ALLOW',
    })
  })

  test('args: every documented alias', () => {
    const parse = (ruleType: string, operator: string, value: unknown) =>
      ruleInputSchema.parse({ ruleType, operator, value }).operator
    expect(parse('MAX_AMOUNT', 'LESS_THAN', '200')).toBe('LESS_THAN')
    expect(parse('MAX_AMOUNT', 'lte', '200')).toBe('LESS_THAN_OR_EQUAL')
    expect(parse('MAX_AMOUNT', 'LESS_THAN_OR_EQUALS', '200')).toBe('LESS_THAN_OR_EQUAL')
    expect(parse('REQUIRE_APPROVAL_ABOVE', 'GT', '500')).toBe('GREATER_THAN')
    expect(parse('TRUST_SCORE', 'GTE', '0.7')).toBe('GREATER_THAN_OR_EQUAL')
    expect(parse('TRUST_SCORE', 'GREATER_THAN_OR_EQUALS', '0.7')).toBe('GREATER_THAN_OR_EQUAL')
    expect(parse('ALLOWED_CATEGORIES', 'IN', '["CLOUD"]')).toBe('IN_LIST')
    expect(parse('DAY_OF_WEEK', 'NOT_IN', '["Sat"]')).toBe('NOT_IN_LIST')
    expect(parse('COUNTERPARTY_STATUS', 'EQ', '{"status":"TRUSTED"}')).toBe('EQUALS')
    expect(parse('COUNTERPARTY_STATUS', 'NEQ', '["BLOCKED"]')).toBe('NOT_EQUALS')
  })

  test('args: value as native JSON is stored as a string', () => {
    const parse = (ruleType: string, operator: string, value: unknown) =>
      ruleInputSchema.parse({ ruleType, operator, value }).value
    expect(parse('MAX_AMOUNT', 'LTE', 200)).toBe('200')
    expect(parse('ALLOWED_CATEGORIES', 'IN_LIST', ['API_PROVIDER', 'CLOUD'])).toBe(
      '["API_PROVIDER","CLOUD"]',
    )
    expect(parse('VELOCITY_LIMIT', 'LTE', { maxCount: 10, period: 'HOUR' })).toBe(
      '{"maxCount":10,"period":"HOUR"}',
    )
    expect(parse('TIME_WINDOW', 'BETWEEN', '{"start":"09:00","end":"18:00"}')).toBe(
      '{"start":"09:00","end":"18:00"}',
    )
  })

  test('args: explicit actions', () => {
    expect(
      ruleInputSchema.parse({
        ruleType: 'BLOCKED_CATEGORIES',
        operator: 'IN_LIST',
        value: '["GAMBLING"]',
        action: 'DENY',
      }).action,
    ).toBe('DENY')
    expect(
      ruleInputSchema.parse({
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GREATER_THAN',
        value: '500',
        action: 'REQUIRE_APPROVAL',
      }).action,
    ).toBe('REQUIRE_APPROVAL')
  })

  test('error: an invalid value is a VALIDATION_ERROR naming the rule type', () => {
    const result = ruleInputSchema.safeParse({
      ruleType: 'DAILY_LIMIT',
      operator: 'LTE',
      value: 'abc',
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['value'])
    expect(firstMessage(result)).toBe(
      'Invalid value for DAILY_LIMIT: expected a non-negative number such as "1000", got "abc"',
    )
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('VALIDATION_ERROR')
  })

  test('error: an operator the rule type does not accept lists the allowed ones', () => {
    const result = ruleInputSchema.safeParse({
      ruleType: 'DAILY_LIMIT',
      operator: 'IN_LIST',
      value: '1000',
    })
    expect(result.error?.issues[0]?.path).toEqual(['operator'])
    expect(firstMessage(result)).toBe(
      'Operator IN_LIST is not allowed for DAILY_LIMIT: expected one of LESS_THAN_OR_EQUAL, LESS_THAN, GREATER_THAN_OR_EQUAL, GREATER_THAN',
    )
    expect(
      firstMessage(
        ruleInputSchema.safeParse({ ruleType: 'TIME_WINDOW', operator: 'LTE', value: '{}' }),
      ),
    ).toMatch(
      /^Operator LESS_THAN_OR_EQUAL is not allowed for TIME_WINDOW: expected one of BETWEEN, NOT_BETWEEN$/,
    )
  })

  test('error: both problems are reported together', () => {
    const result = ruleInputSchema.safeParse({
      ruleType: 'MAX_AMOUNT',
      operator: 'BETWEEN',
      value: '-1',
    })
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['operator'], ['value']])
  })

  test('error: unknown operator, rule type and action list the allowed values', () => {
    expect(
      firstMessage(
        ruleInputSchema.safeParse({ ruleType: 'MAX_AMOUNT', operator: 'ABOUT', value: '1' }),
      ),
    ).toMatch(/^Invalid operator "ABOUT": expected one of EQUALS, /)
    expect(
      firstMessage(
        ruleInputSchema.safeParse({ ruleType: 'MAX_SPEND', operator: 'LTE', value: '1' }),
      ),
    ).toMatch(/^Invalid ruleType "MAX_SPEND": expected one of MAX_AMOUNT, DAILY_LIMIT, /)
    expect(
      firstMessage(
        ruleInputSchema.safeParse({
          ruleType: 'MAX_AMOUNT',
          operator: 'LTE',
          value: '1',
          action: 'BLOCK',
        }),
      ),
    ).toBe('Invalid action "BLOCK": expected one of ALLOW, DENY, REQUIRE_APPROVAL')
  })

  test('error: value is required and must be JSON-like', () => {
    expect(
      firstMessage(ruleInputSchema.safeParse({ ruleType: 'MAX_AMOUNT', operator: 'LTE' })),
    ).toBe('value is required')
    expect(
      firstMessage(
        ruleInputSchema.safeParse({ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: true }),
      ),
    ).toBe('value must be a string, a number, a JSON list or a JSON object')
  })
})

describe('createPolicyParamsSchema', () => {
  test('default: the §3.2 admin example', () => {
    // admin.policies.create({ name, policyType, rules: [{ ruleType, operator, value, action }] })
    expect(
      createPolicyParamsSchema.parse({
        name: 'Spend limits',
        policyType: 'SPEND_LIMIT',
        rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200', action: 'ALLOW' }],
      }),
    ).toEqual({
      name: 'Spend limits',
      policyType: 'SPEND_LIMIT',
      priority: 50,
      isActive: true,
      rules: [
        { ruleType: 'MAX_AMOUNT', operator: 'LESS_THAN_OR_EQUAL', value: '200', action: 'ALLOW' },
      ],
    })
  })

  test('default: priority 50 and isActive true without rules', () => {
    expect(createPolicyParamsSchema.parse({ name: 'P', policyType: 'VELOCITY' })).toEqual({
      name: 'P',
      policyType: 'VELOCITY',
      priority: 50,
      isActive: true,
    })
  })

  test('args: every §4.7 example in one policy (the skill puts any rule in any policy type)', () => {
    const rules = [
      { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200' },
      { ruleType: 'DAILY_LIMIT', operator: 'LTE', value: '1000' },
      { ruleType: 'BUDGET_CAP', operator: 'LTE', value: '{"amount":10000,"period":"MONTHLY"}' },
      {
        ruleType: 'SINGLE_AMOUNT',
        operator: 'GREATER_THAN',
        value: '{"amount":500}',
        action: 'DENY',
      },
      {
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GT',
        value: '500',
        action: 'REQUIRE_APPROVAL',
      },
      {
        ruleType: 'BLOCKED_CATEGORIES',
        operator: 'IN_LIST',
        value: '["GAMBLING"]',
        action: 'DENY',
      },
      { ruleType: 'TIME_WINDOW', operator: 'BETWEEN', value: '{"start":"09:00","end":"18:00"}' },
      { ruleType: 'DAY_OF_WEEK', operator: 'IN_LIST', value: '["Mon","Tue","Wed","Thu","Fri"]' },
      {
        ruleType: 'BLACKOUT_PERIOD',
        operator: 'BETWEEN',
        value:
          '{"windows":[{"start":"02:00","end":"06:00","reason":"Maintenance","recurring":true}]}',
        action: 'DENY',
      },
      { ruleType: 'VELOCITY_LIMIT', operator: 'LTE', value: '{"maxCount":10,"period":"HOUR"}' },
      { ruleType: 'X402_MAX_PER_REQUEST', operator: 'LTE', value: '0.50' },
      { ruleType: 'X402_ALLOWED_SERVICES', operator: 'IN_LIST', value: '["api.openai.com"]' },
      { ruleType: 'CARD_BLOCKED_MCCS', operator: 'IN_LIST', value: '["7995"]', action: 'DENY' },
    ]
    const parsed = createPolicyParamsSchema.parse({
      name: 'Everything',
      policyType: 'COMPOSITE',
      rules,
    })
    expect(parsed.rules).toHaveLength(rules.length)
    expect(parsed.rules?.map((r) => r.value)).toEqual(rules.map((r) => r.value))
  })

  test('args: assigned at creation (shopping-starter style)', () => {
    expect(
      createPolicyParamsSchema.parse({
        name: 'Shopper limits',
        description: 'Per-agent limits',
        policyType: 'SPEND_LIMIT',
        priority: 90,
        isActive: false,
        scope: 'assigned',
        agentIds: ['cmm59z8fj000l49h7bjqza11p'],
        rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LESS_THAN_OR_EQUAL', value: 50 }],
      }),
    ).toMatchObject({ priority: 90, isActive: false, scope: 'assigned', rules: [{ value: '50' }] })
  })

  test('args: name is 1-100 characters', () => {
    const parse = (name: string) =>
      createPolicyParamsSchema.safeParse({ name, policyType: 'SPEND_LIMIT' })
    expect(parse('a'.repeat(100)).success).toBe(true)
    expect(firstMessage(parse('a'.repeat(101)))).toBe('name must be 1-100 characters')
    expect(parse('').success).toBe(false)
    expect(parse('   ').success).toBe(false)
    expect(firstMessage(createPolicyParamsSchema.safeParse({ policyType: 'SPEND_LIMIT' }))).toBe(
      'name is required',
    )
  })

  test('args: description is at most 500 characters', () => {
    const parse = (description: string) =>
      createPolicyParamsSchema.safeParse({ name: 'P', policyType: 'SPEND_LIMIT', description })
    expect(parse('d'.repeat(500)).success).toBe(true)
    expect(firstMessage(parse('d'.repeat(501)))).toBe('description must be at most 500 characters')
  })

  test('args: priority is a whole number 0-100', () => {
    const parse = (priority: number) =>
      createPolicyParamsSchema.safeParse({ name: 'P', policyType: 'SPEND_LIMIT', priority })
    expect(parse(0).data?.priority).toBe(0)
    expect(parse(100).data?.priority).toBe(100)
    expect(firstMessage(parse(-1))).toBe('priority must be between 0 and 100')
    expect(firstMessage(parse(101))).toBe('priority must be between 0 and 100')
    expect(firstMessage(parse(50.5))).toBe('priority must be a whole number')
  })

  test('args: up to 100 rules', () => {
    const rules = (count: number) =>
      Array.from({ length: count }, () => ({ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 1 }))
    const parse = (count: number) =>
      createPolicyParamsSchema.safeParse({
        name: 'P',
        policyType: 'SPEND_LIMIT',
        rules: rules(count),
      })
    expect(parse(0).success).toBe(true)
    expect(parse(100).success).toBe(true)
    expect(parse(101).success).toBe(false)
  })

  test('error: policyType is required and must be known', () => {
    expect(firstMessage(createPolicyParamsSchema.safeParse({ name: 'P' }))).toBe(
      'policyType is required',
    )
    expect(
      firstMessage(createPolicyParamsSchema.safeParse({ name: 'P', policyType: 'SPENDING' })),
    ).toMatch(/^Invalid policyType "SPENDING": expected one of SPEND_LIMIT, TIME_WINDOW, /)
  })

  test('error: scope and rule errors', () => {
    expect(
      firstMessage(
        createPolicyParamsSchema.safeParse({ name: 'P', policyType: 'SPEND_LIMIT', scope: 'team' }),
      ),
    ).toBe('Invalid scope "team": expected one of assigned, org')
    const result = createPolicyParamsSchema.safeParse({
      name: 'P',
      policyType: 'SPEND_LIMIT',
      rules: [{ ruleType: 'WEEKLY_LIMIT', operator: 'LTE', value: 'lots' }],
    })
    expect(result.error?.issues[0]?.path).toEqual(['rules', 0, 'value'])
    expect(firstMessage(result)).toMatch(/^Invalid value for WEEKLY_LIMIT: /)
  })
})

describe('updatePolicyParamsSchema', () => {
  test('default: every field optional', () => {
    expect(updatePolicyParamsSchema.parse({})).toEqual({})
  })

  test('args: the CLI update fields', () => {
    expect(
      updatePolicyParamsSchema.parse({
        name: 'Renamed',
        description: null,
        priority: 95,
        isActive: false,
        policyType: 'APPROVAL_THRESHOLD',
        scope: 'org',
      }),
    ).toEqual({
      name: 'Renamed',
      description: null,
      priority: 95,
      isActive: false,
      policyType: 'APPROVAL_THRESHOLD',
      scope: 'org',
    })
  })

  test('error: the same bounds as create', () => {
    expect(updatePolicyParamsSchema.safeParse({ name: 'a'.repeat(101) }).success).toBe(false)
    expect(updatePolicyParamsSchema.safeParse({ description: 'd'.repeat(501) }).success).toBe(false)
    expect(updatePolicyParamsSchema.safeParse({ priority: -1 }).success).toBe(false)
    expect(updatePolicyParamsSchema.safeParse({ priority: 101 }).success).toBe(false)
    expect(updatePolicyParamsSchema.safeParse({ isActive: 'yes' }).success).toBe(false)
  })
})

describe('addPolicyRulesParamsSchema', () => {
  const one = { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200' }
  const canonical = {
    ruleType: 'MAX_AMOUNT',
    operator: 'LESS_THAN_OR_EQUAL',
    value: '200',
    action: 'ALLOW',
  }

  test('default: a bare rule becomes { rules: [rule] }', () => {
    expect(addPolicyRulesParamsSchema.parse(one)).toEqual({ rules: [canonical] })
  })

  test('args: { rules } with 1-50 rules', () => {
    expect(addPolicyRulesParamsSchema.parse({ rules: [one] })).toEqual({ rules: [canonical] })
    expect(
      addPolicyRulesParamsSchema.safeParse({ rules: Array.from({ length: 50 }, () => one) })
        .success,
    ).toBe(true)
    expect(
      firstMessage(
        addPolicyRulesParamsSchema.safeParse({ rules: Array.from({ length: 51 }, () => one) }),
      ),
    ).toBe('rules must contain 1-50 rules')
    expect(firstMessage(addPolicyRulesParamsSchema.safeParse({ rules: [] }))).toBe(
      'rules must contain 1-50 rules',
    )
  })

  test('error: an invalid bare rule reports its value message', () => {
    expect(
      firstMessage(addPolicyRulesParamsSchema.safeParse({ ...one, value: 'two hundred' })),
    ).toBe(
      'Invalid value for MAX_AMOUNT: expected a non-negative number such as "200", got "two hundred"',
    )
    expect(addPolicyRulesParamsSchema.safeParse(undefined).success).toBe(false)
  })
})

describe('setPolicyRulesParamsSchema', () => {
  test('default: an empty list clears the rules', () => {
    expect(setPolicyRulesParamsSchema.parse({ rules: [] })).toEqual({ rules: [] })
  })

  test('args: order is preserved', () => {
    const parsed = setPolicyRulesParamsSchema.parse({
      rules: [
        { ruleType: 'DAILY_LIMIT', operator: 'LTE', value: '1000' },
        { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '200' },
      ],
    })
    expect(parsed.rules.map((r) => r.ruleType)).toEqual(['DAILY_LIMIT', 'MAX_AMOUNT'])
  })

  test('error: rules is required, at most 100', () => {
    expect(setPolicyRulesParamsSchema.safeParse({}).success).toBe(false)
    const rules = Array.from({ length: 101 }, () => ({
      ruleType: 'MAX_AMOUNT',
      operator: 'LTE',
      value: '1',
    }))
    expect(firstMessage(setPolicyRulesParamsSchema.safeParse({ rules }))).toBe(
      'rules may contain at most 100 rules',
    )
  })
})

describe('listPoliciesQuerySchema', () => {
  test('default: pagination defaults', () => {
    expect(listPoliciesQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: filters from the query string', () => {
    expect(
      listPoliciesQuerySchema.parse({
        isActive: 'false',
        policyType: 'SPEND_LIMIT',
        agentId: 'cmm59z8fj000l49h7bjqza11p',
        limit: '100',
        offset: '10',
      }),
    ).toEqual({
      isActive: false,
      policyType: 'SPEND_LIMIT',
      agentId: 'cmm59z8fj000l49h7bjqza11p',
      limit: 100,
      offset: 10,
    })
  })

  test('error: limit above 100 and unknown policy types', () => {
    // Above 100 reads as 100 (conto-api §6.4: cap 100).
    expect(listPoliciesQuerySchema.parse({ limit: '101' }).limit).toBe(100)
    expect(listPoliciesQuerySchema.safeParse({ policyType: 'NOPE' }).success).toBe(false)
  })
})

describe('policySchema', () => {
  test('default: a policy with rules and assignments', () => {
    expect(policySchema.parse(policy)).toEqual(policy)
  })

  test('behavior: org-wide policies and values added later', () => {
    expect(
      policySchema.safeParse({
        ...policy,
        description: null,
        agentPolicies: [],
        scope: 'org',
        policyType: 'FUTURE_TYPE',
      }).success,
    ).toBe(true)
  })

  test('error: missing rules or agentPolicies', () => {
    const { rules: _rules, ...withoutRules } = policy
    expect(policySchema.safeParse(withoutRules).success).toBe(false)
    const { agentPolicies: _agentPolicies, ...withoutAssignments } = policy
    expect(policySchema.safeParse(withoutAssignments).success).toBe(false)
  })
})

describe('listPoliciesResponseSchema', () => {
  test('default: { policies, pagination }', () => {
    const body = {
      policies: [policy],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listPoliciesResponseSchema.parse(body)).toEqual(body)
  })

  test('error: pagination is required', () => {
    expect(listPoliciesResponseSchema.safeParse({ policies: [policy] }).success).toBe(false)
  })
})

describe('listPolicyRulesResponseSchema', () => {
  test('default: { rules, pagination }', () => {
    const page = { rules: [rule], pagination: { total: 3, limit: 1, offset: 0, hasMore: true } }
    expect(listPolicyRulesResponseSchema.parse(page)).toEqual(page)
    expect(listPolicyRulesResponseSchema.safeParse({ rules: [rule] }).success).toBe(false)
  })
})

describe('assignAgentPolicyParamsSchema', () => {
  test('default: the seed 001 body', () => {
    // Seed: -d '{"policyId": "cmm..."}' (the id elided there; a real cuid here).
    expect(assignAgentPolicyParamsSchema.parse({ policyId: 'cmm59z8fj000l49h7bjqza11p' })).toEqual({
      policyId: 'cmm59z8fj000l49h7bjqza11p',
    })
  })

  test('error: policyId is required and id-shaped', () => {
    expect(assignAgentPolicyParamsSchema.safeParse({}).success).toBe(false)
    expect(assignAgentPolicyParamsSchema.safeParse({ policyId: 'a/b' }).success).toBe(false)
  })
})

describe('unassignAgentPolicyQuerySchema', () => {
  test('default: policyId from the query string', () => {
    expect(unassignAgentPolicyQuerySchema.parse({ policyId: 'cmm59z8fj000l49h7bjqza11p' })).toEqual(
      { policyId: 'cmm59z8fj000l49h7bjqza11p' },
    )
  })

  test('error: policyId is required', () => {
    expect(unassignAgentPolicyQuerySchema.safeParse({}).success).toBe(false)
  })
})

describe('listAgentPoliciesResponseSchema', () => {
  test('default: assignments with their policies', () => {
    const assignment = {
      id: 'ap_1',
      policyId: policy.id,
      agentId: 'cmm59z8fj000l49h7bjqza11a',
      policy,
      createdAt: '2026-04-07T12:00:00.000Z',
    }
    expect(agentPolicyAssignmentSchema.parse(assignment)).toEqual(assignment)
    const body = {
      policies: [assignment],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listAgentPoliciesResponseSchema.parse(body)).toEqual(body)
  })
})

describe('listSdkPoliciesQuerySchema', () => {
  test('default: walletId is optional', () => {
    expect(listSdkPoliciesQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
    expect(
      listSdkPoliciesQuerySchema.parse({ walletId: 'cmm59z8fj000l49h7bjqza11w' }).walletId,
    ).toBe('cmm59z8fj000l49h7bjqza11w')
  })
})

describe('createPolicyExceptionParamsSchema', () => {
  test('default: a reason alone', () => {
    expect(
      createPolicyExceptionParamsSchema.parse({ reason: ' Quarter-end vendor payment ' }),
    ).toEqual({ reason: 'Quarter-end vendor payment' })
  })

  test('args: every field', () => {
    const body = {
      policyId: 'cmm59z8fj000l49h7bjqza11p',
      ruleId: 'rule_1',
      reason: 'One-off hardware purchase',
      amount: 1500.5,
      expiresAt: '2026-04-08T12:00:00.000Z',
    }
    expect(createPolicyExceptionParamsSchema.parse(body)).toEqual(body)
  })

  test('error: reason is required, 1-1000 characters', () => {
    expect(firstMessage(createPolicyExceptionParamsSchema.safeParse({}))).toBe('reason is required')
    expect(createPolicyExceptionParamsSchema.safeParse({ reason: '' }).success).toBe(false)
    expect(createPolicyExceptionParamsSchema.safeParse({ reason: 'r'.repeat(1000) }).success).toBe(
      true,
    )
    expect(createPolicyExceptionParamsSchema.safeParse({ reason: 'r'.repeat(1001) }).success).toBe(
      false,
    )
  })

  test('error: amounts are INVALID_AMOUNT', () => {
    for (const amount of [0, -1, 1.1234567, Number.NaN]) {
      const result = createPolicyExceptionParamsSchema.safeParse({ reason: 'r', amount })
      expect(result.success).toBe(false)
      expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_AMOUNT')
    }
    expect(
      createPolicyExceptionParamsSchema.safeParse({ reason: 'r', amount: 1.123456 }).success,
    ).toBe(true)
  })

  test('error: expiresAt must be an ISO timestamp', () => {
    expect(
      createPolicyExceptionParamsSchema.safeParse({ reason: 'r', expiresAt: 'tomorrow' }).success,
    ).toBe(false)
  })
})

describe('policyExceptionSchema', () => {
  const exception = {
    id: 'pex_1',
    agentId: 'cmm59z8fj000l49h7bjqza11a',
    policyId: 'cmm59z8fj000l49h7bjqza11p',
    ruleId: null,
    reason: 'One-off hardware purchase',
    amount: 1500,
    status: 'PENDING',
    expiresAt: null,
    createdAt: '2026-04-07T12:00:00.000Z',
  }

  test('default: a pending exception', () => {
    expect(policyExceptionSchema.parse(exception)).toEqual(exception)
  })

  test('behavior: list envelope and filters', () => {
    const body = {
      exceptions: [{ ...exception, status: 'APPROVED' }],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listPolicyExceptionsResponseSchema.parse(body)).toEqual(body)
    expect(listPolicyExceptionsQuerySchema.parse({ status: 'REJECTED' })).toEqual({
      status: 'REJECTED',
      limit: 50,
      offset: 0,
    })
    expect(firstMessage(listPolicyExceptionsQuerySchema.safeParse({ status: 'DONE' }))).toBe(
      'Invalid status "DONE": expected one of PENDING, APPROVED, REJECTED',
    )
  })
})
