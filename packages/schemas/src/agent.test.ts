import { describe, expect, test } from 'vitest'
import {
  agentDetailSchema,
  agentSchema,
  bulkImportAgentsParamsSchema,
  createAgentParamsSchema,
  listAgentsQuerySchema,
  listAgentsResponseSchema,
  updateAgentParamsSchema,
  updateFreezeConfigParamsSchema,
} from './agent.js'
import { wireErrorCodeOf } from './errors.js'

const agent = {
  id: 'cmm59z8fj000l49h7bjqza11p',
  name: 'Customer Support Agent',
  agentType: 'ANTHROPIC_CLAUDE',
  status: 'ACTIVE',
  description: 'Handles customer inquiries and refunds',
  publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  createdAt: '2024-01-15T10:00:00Z',
  updatedAt: '2024-01-15T14:30:00Z',
}

describe('createAgentParamsSchema', () => {
  test('default: the seed example', () => {
    expect(
      createAgentParamsSchema.parse({
        name: 'Research Agent',
        agentType: 'CUSTOM',
        description: 'Conducts market research',
      }),
    ).toEqual({
      name: 'Research Agent',
      agentType: 'CUSTOM',
      description: 'Conducts market research',
    })
  })

  test('args: name is 1-100 characters', () => {
    expect(
      createAgentParamsSchema.safeParse({ name: 'a'.repeat(100), agentType: 'CUSTOM' }).success,
    ).toBe(true)
    expect(
      createAgentParamsSchema.safeParse({ name: 'a'.repeat(101), agentType: 'CUSTOM' }).success,
    ).toBe(false)
    expect(createAgentParamsSchema.safeParse({ name: '', agentType: 'CUSTOM' }).success).toBe(false)
    expect(createAgentParamsSchema.safeParse({ name: '   ', agentType: 'CUSTOM' }).success).toBe(
      false,
    )
  })

  test('args: description is at most 500 characters', () => {
    const base = { name: 'A', agentType: 'CUSTOM' }
    expect(
      createAgentParamsSchema.safeParse({ ...base, description: 'd'.repeat(500) }).success,
    ).toBe(true)
    expect(
      createAgentParamsSchema.safeParse({ ...base, description: 'd'.repeat(501) }).success,
    ).toBe(false)
  })

  test('args: publicKey must be an EVM address', () => {
    const result = createAgentParamsSchema.safeParse({
      name: 'A',
      agentType: 'CUSTOM',
      publicKey: '0x123',
    })
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_ADDRESS')
  })

  test('args: identity fields are accepted', () => {
    const parsed = createAgentParamsSchema.parse({
      name: 'Shopper',
      agentType: 'CUSTOM',
      purpose: 'Buys merchandise',
      environment: 'DEV',
      riskTier: 'MEDIUM',
      allowedContexts: ['checkout'],
      identityTags: ['retail'],
      metadata: { team: 'growth' },
    })
    expect(parsed.environment).toBe('DEV')
  })

  test('error: unknown agentType lists the allowed ones', () => {
    const result = createAgentParamsSchema.safeParse({ name: 'A', agentType: 'BOT' })
    expect(result.error?.issues[0]?.message).toMatchInlineSnapshot(
      `"Invalid agentType "BOT": expected one of OPENAI_ASSISTANT, ANTHROPIC_CLAUDE, LANGCHAIN, AUTOGPT, CUSTOM"`,
    )
  })

  test('error: agentType is required', () => {
    expect(createAgentParamsSchema.safeParse({ name: 'A' }).error?.issues[0]?.message).toBe(
      'agentType is required',
    )
  })
})

describe('updateAgentParamsSchema', () => {
  test('default: the seed example', () => {
    expect(
      updateAgentParamsSchema.parse({
        name: 'Updated Agent Name',
        description: 'Updated description',
        status: 'PAUSED',
      }),
    ).toEqual({ name: 'Updated Agent Name', description: 'Updated description', status: 'PAUSED' })
  })

  test('args: freezeConfig', () => {
    expect(
      updateAgentParamsSchema.parse({
        autoFreezeEnabled: true,
        freezeConfig: { maxConsecutiveViolations: 3 },
      }),
    ).toEqual({ autoFreezeEnabled: true, freezeConfig: { maxConsecutiveViolations: 3 } })
    expect(
      updateAgentParamsSchema.safeParse({ freezeConfig: { maxConsecutiveViolations: 0 } }).success,
    ).toBe(false)
    expect(updateFreezeConfigParamsSchema.safeParse({ minTrustScore: 1.5 }).success).toBe(false)
  })

  test('error: unknown status', () => {
    expect(
      updateAgentParamsSchema.safeParse({ status: 'DELETED' }).error?.issues[0]?.message,
    ).toContain('expected one of ACTIVE, PAUSED, SUSPENDED, REVOKED')
  })
})

describe('listAgentsQuerySchema', () => {
  test('default', () => {
    expect(listAgentsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
    expect(
      listAgentsQuerySchema.parse({ status: 'ACTIVE', search: 'support', limit: '10' }),
    ).toEqual({
      status: 'ACTIVE',
      search: 'support',
      limit: 10,
      offset: 0,
    })
  })
})

describe('listAgentsResponseSchema', () => {
  test('default: the seed example', () => {
    const body = { agents: [agent], total: 1, limit: 50, offset: 0 }
    expect(listAgentsResponseSchema.parse(body).agents[0]?.name).toBe('Customer Support Agent')
  })

  test('args: with the contract pagination object', () => {
    const pagination = { total: 1, limit: 50, offset: 0, hasMore: false }
    const body = { agents: [agent], total: 1, limit: 50, offset: 0, pagination }
    expect(listAgentsResponseSchema.parse(body).pagination).toEqual(pagination)
  })
})

describe('agentSchema', () => {
  test('behavior: tolerates fields and enum values added later', () => {
    expect(
      agentSchema.parse({ ...agent, externalId: null, agentType: 'NEW_FRAMEWORK', newField: 1 }),
    ).not.toHaveProperty('newField')
  })
})

describe('agentDetailSchema', () => {
  test('default: the seed example shape', () => {
    const detail = agentDetailSchema.parse({
      ...agent,
      externalId: null,
      wallets: [],
      policies: [],
      _count: { sentTransactions: 156 },
    })
    expect(detail._count.sentTransactions).toBe(156)
  })
})

describe('bulkImportAgentsParamsSchema', () => {
  const seedExample = {
    agents: [
      {
        name: 'GPT-4 Assistant',
        publicKey: '0x1234567890abcdef1234567890abcdef12345678',
        agentType: 'OPENAI_ASSISTANT',
        description: 'Handles customer support',
        externalId: 'asst_abc123',
      },
      {
        name: 'Claude Agent',
        publicKey: '0xabcdef1234567890abcdef1234567890abcdef12',
        agentType: 'ANTHROPIC_CLAUDE',
        description: 'Research assistant',
      },
    ],
    skipExisting: true,
  }

  test('default: the seed example', () => {
    expect(bulkImportAgentsParamsSchema.parse(seedExample).agents).toHaveLength(2)
  })

  test('args: skipExisting defaults to true, agentType to CUSTOM', () => {
    const parsed = bulkImportAgentsParamsSchema.parse({
      agents: [{ name: 'A', publicKey: '0x1234567890abcdef1234567890abcdef12345678' }],
    })
    expect(parsed.skipExisting).toBe(true)
    expect(parsed.agents[0]?.agentType).toBe('CUSTOM')
  })

  test('args: 1-100 agents', () => {
    const one = { name: 'A', publicKey: '0x1234567890abcdef1234567890abcdef12345678' }
    expect(bulkImportAgentsParamsSchema.safeParse({ agents: [] }).success).toBe(false)
    expect(bulkImportAgentsParamsSchema.safeParse({ agents: Array(100).fill(one) }).success).toBe(
      true,
    )
    expect(bulkImportAgentsParamsSchema.safeParse({ agents: Array(101).fill(one) }).success).toBe(
      false,
    )
  })

  test('error: publicKey is required in bulk import', () => {
    expect(bulkImportAgentsParamsSchema.safeParse({ agents: [{ name: 'A' }] }).success).toBe(false)
  })
})
