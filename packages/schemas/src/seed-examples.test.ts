import { describe, expect, test } from 'vitest'
import type { z } from 'zod/mini'
import {
  agentDetailSchema,
  agentSchema,
  bulkImportAgentsParamsSchema,
  createAgentParamsSchema,
  listAgentsResponseSchema,
  updateAgentParamsSchema,
} from './agent.js'
import { createAgentWalletLinkParamsSchema } from './agent-wallet-link.js'
import { errorResponseSchema } from './errors.js'
import { assignAgentPolicyParamsSchema } from './policy.js'
import { createSdkKeyParamsSchema, createSdkKeyResponseSchema } from './sdk-key.js'

/**
 * Every JSON example in `shared/seeds/` (the original pages, which win over everything), parsed
 * with the schema of the endpoint it illustrates. Copied verbatim; only `...` placeholders in
 * arrays were left out.
 */
const examples: Array<[string, z.ZodMiniType, unknown]> = [
  [
    'GET /api/agents response',
    listAgentsResponseSchema,
    {
      agents: [
        {
          id: 'cmm59z8fj000l49h7bjqza11p',
          name: 'Customer Support Agent',
          agentType: 'ANTHROPIC_CLAUDE',
          status: 'ACTIVE',
          description: 'Handles customer inquiries and refunds',
          publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
          createdAt: '2024-01-15T10:00:00Z',
          updatedAt: '2024-01-15T14:30:00Z',
        },
      ],
      total: 1,
      limit: 50,
      offset: 0,
    },
  ],
  [
    'GET /api/agents/{agentId} response',
    agentDetailSchema,
    {
      id: 'cmm59z8fj000l49h7bjqza11p',
      name: 'Customer Support Agent',
      agentType: 'ANTHROPIC_CLAUDE',
      status: 'ACTIVE',
      publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
      description: 'Handles customer inquiries and refunds',
      wallets: [],
      policies: [],
      _count: { sentTransactions: 156 },
      createdAt: '2024-01-15T10:00:00Z',
      updatedAt: '2024-01-15T14:30:00Z',
    },
  ],
  [
    'POST /api/agents body',
    createAgentParamsSchema,
    { name: 'Research Agent', agentType: 'CUSTOM', description: 'Conducts market research' },
  ],
  [
    'PATCH /api/agents/{agentId} body',
    updateAgentParamsSchema,
    { name: 'Updated Agent Name', description: 'Updated description', status: 'PAUSED' },
  ],
  [
    'POST /api/agents/bulk-import body',
    bulkImportAgentsParamsSchema,
    {
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
    },
  ],
  [
    'POST /api/agents/{agentId}/wallets body',
    createAgentWalletLinkParamsSchema,
    {
      walletId: 'cmm59z8fj000m49h7bjqza22q',
      delegationType: 'LIMITED',
      spendLimitPerTx: 100,
      spendLimitDaily: 1000,
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    },
  ],
  ['POST /api/agents/{agentId}/policies body', assignAgentPolicyParamsSchema, { policyId: 'cmm' }],
  [
    'POST /api/agents/{agentId}/sdk-keys body',
    createSdkKeyParamsSchema,
    { name: 'Production Key', expiresInDays: 90 },
  ],
  [
    'POST /api/agents/{agentId}/sdk-keys response',
    createSdkKeyResponseSchema,
    {
      id: 'cmm',
      key: 'conto_agent_abc123def456',
      name: 'Production Key',
      keyPrefix: 'conto_agent_abc...',
      expiresAt: '2024-04-15T00:00:00Z',
    },
  ],
]

describe('seed examples', () => {
  test.each(examples)('default: %s parses', (_, schema, example) => {
    const result = schema.safeParse(example)
    expect(result.error?.issues ?? []).toEqual([])
  })

  test('behavior: a seed agent parses as an agent', () => {
    const list = listAgentsResponseSchema.parse(examples[0]?.[2])
    expect(agentSchema.parse(list.agents[0]).status).toBe('ACTIVE')
  })

  test('behavior: the documented 429 body parses as an error response', () => {
    expect(
      errorResponseSchema.parse({
        error: 'Rate limit exceeded. Please slow down your requests.',
        code: 'RATE_LIMITED',
        retryAfter: 12,
      }).retryAfter,
    ).toBe(12)
  })
})
