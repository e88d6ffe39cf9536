import { defaultFreezeConfig } from '@conto/schemas'
import { isAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  auditCount,
  auditEntries,
  createAgent,
  insertPolicy,
  insertWallet,
  lastAudit,
  linkWallet,
  readOnlyKey,
  walletStatus,
} from '../../../test/agent-fixtures.js'
import { createHarness } from '../../../test/harness.js'
import { agentPolicies, transactions } from '../../db/schema.js'
import { createId } from '../../ids.js'

const NOW = '2026-04-08T12:00:00.000Z'
const seedCreateBody = {
  name: 'Research Agent',
  agentType: 'CUSTOM',
  description: 'Conducts market research',
}
const seedUpdateBody = {
  name: 'Updated Agent Name',
  description: 'Updated description',
  status: 'PAUSED',
}
const seedBulkImportBody = {
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

describe('agents.create', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents', { body: seedCreateBody })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'Research Agent',
      agentType: 'CUSTOM',
      status: 'ACTIVE',
      description: 'Conducts market research',
      publicKey: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
      externalId: null,
      purpose: null,
      environment: null,
      riskTier: null,
      ownerMembershipId: null,
      allowedContexts: [],
      identityTags: [],
      metadata: null,
      callbackUrl: null,
      autoFreezeEnabled: false,
      freezeConfig: defaultFreezeConfig,
      frozenAt: null,
      frozenReason: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    expect(isAddress(response.body.publicKey)).toBe(true)
  })

  test('behavior: generated publicKeys are distinct checksummed addresses', async () => {
    const h = createHarness()
    const first = await createAgent(h)
    const second = await createAgent(h)
    expect(first.publicKey).not.toBe(second.publicKey)
    expect(isAddress(first.publicKey, { strict: true })).toBe(true)
  })

  test('args: publicKey, externalId and identity fields are kept', async () => {
    const h = createHarness()
    const body = {
      name: 'Support',
      agentType: 'ANTHROPIC_CLAUDE',
      publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
      externalId: 'asst_abc123',
      purpose: 'Refunds',
      environment: 'DEV',
      riskTier: 'MEDIUM',
      allowedContexts: ['support'],
      identityTags: ['tier-1'],
      metadata: { team: 'cx' },
      callbackUrl: 'https://example.com/hook',
    }
    const response = await h.call('POST', '/api/agents', { body })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject(body)
  })

  test('error: CONFLICT when the name already exists in the organization', async () => {
    const h = createHarness()
    await createAgent(h, { name: 'Research Agent' })
    const response = await h.call('POST', '/api/agents', { body: seedCreateBody })
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({ code: 'CONFLICT' })
    expect(response.body.error).toMatchInlineSnapshot(
      `"An agent named "Research Agent" already exists in this organization"`,
    )
  })

  test('behavior: the same name is fine in another organization', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    await createAgent(h, { name: 'Research Agent' })
    const response = await h.call('POST', '/api/agents', { key: other.key, body: seedCreateBody })
    expect(response.status).toBe(201)
  })

  test.each([
    [{ agentType: 'CUSTOM' }, 'name'],
    [{ name: '', agentType: 'CUSTOM' }, 'name'],
    [{ name: 'x'.repeat(101), agentType: 'CUSTOM' }, 'name'],
    [{ name: 'A' }, 'agentType'],
    [{ name: 'A', agentType: 'BOT' }, 'agentType'],
    [{ name: 'A', agentType: 'CUSTOM', description: 'x'.repeat(501) }, 'description'],
    [{ name: 'A', agentType: 'CUSTOM', environment: 'QA' }, 'environment'],
    [{ name: 'A', agentType: 'CUSTOM', callbackUrl: 'not a url' }, 'callbackUrl'],
  ])('error: VALIDATION_ERROR for %j', async (body, field) => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents', { body })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: [field] })]),
    )
  })

  test('error: INVALID_ADDRESS for a malformed publicKey', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents', {
      body: { ...seedCreateBody, publicKey: '0x123' },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_ADDRESS')
    expect(response.body.issues[0].path).toEqual(['publicKey'])
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents', {
      key: readOnlyKey(h),
      body: seedCreateBody,
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('error: AUTH_FAILED without a key', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents', { key: null, body: seedCreateBody })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
  })

  test('behavior: records a CREATE audit entry', async () => {
    const h = createHarness()
    const agent = await createAgent(h, seedCreateBody)
    const entry = lastAudit(h)
    expect(entry).toMatchObject({
      action: 'CREATE',
      resource: 'agent',
      resourceId: agent.id,
      actorType: 'API',
      previousState: null,
    })
    expect(entry?.newState).toMatchObject({ name: 'Research Agent', status: 'ACTIVE' })
  })
})

describe('agents.list', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/agents')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      agents: [],
      total: 0,
      limit: 50,
      offset: 0,
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('behavior: newest first, paginated', async () => {
    const h = createHarness()
    const first = await createAgent(h, { name: 'First' })
    h.clock.freeze(h.clock.now() + 1000)
    const second = await createAgent(h, { name: 'Second' })
    h.clock.freeze(h.clock.now() + 1000)
    const third = await createAgent(h, { name: 'Third' })
    const page1 = await h.call('GET', '/api/agents?limit=2')
    expect(page1.body.agents.map((agent: { id: string }) => agent.id)).toEqual([
      third.id,
      second.id,
    ])
    expect(page1.body).toMatchObject({
      total: 3,
      limit: 2,
      offset: 0,
      pagination: { total: 3, limit: 2, offset: 0, hasMore: true },
    })
    const page2 = await h.call('GET', '/api/agents?limit=2&offset=2')
    expect(page2.body.agents.map((agent: { id: string }) => agent.id)).toEqual([first.id])
    expect(page2.body.pagination.hasMore).toBe(false)
  })

  test('args: status', async () => {
    const h = createHarness()
    const paused = await createAgent(h, { name: 'Paused' })
    await createAgent(h, { name: 'Active' })
    await h.call('PATCH', `/api/agents/${paused.id}`, { body: { status: 'PAUSED' } })
    const response = await h.call('GET', '/api/agents?status=PAUSED')
    expect(response.body.agents.map((agent: { name: string }) => agent.name)).toEqual(['Paused'])
    expect(response.body.total).toBe(1)
  })

  test('args: search matches name or description, case-insensitively', async () => {
    const h = createHarness()
    await createAgent(h, { name: 'Research Agent', description: 'Market research' })
    await createAgent(h, { name: 'Support', description: 'Handles REFUNDS' })
    await createAgent(h, { name: 'Other' })
    const byName = await h.call('GET', '/api/agents?search=research')
    expect(byName.body.agents.map((agent: { name: string }) => agent.name)).toEqual([
      'Research Agent',
    ])
    const byDescription = await h.call('GET', '/api/agents?search=refunds')
    expect(byDescription.body.agents.map((agent: { name: string }) => agent.name)).toEqual([
      'Support',
    ])
    const wildcard = await h.call('GET', '/api/agents?search=%25')
    expect(wildcard.body.total).toBe(0)
  })

  test('behavior: never lists another organization’s agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    await createAgent(h, { name: 'Mine' })
    await createAgent(h, { name: 'Theirs' }, other.key)
    const response = await h.call('GET', '/api/agents')
    expect(response.body.agents.map((agent: { name: string }) => agent.name)).toEqual(['Mine'])
  })

  test.each([
    ['limit=0', 'limit'],
    ['limit=0', 'limit'],
    ['offset=-1', 'offset'],
    ['status=GONE', 'status'],
  ])('error: VALIDATION_ERROR for ?%s', async (query, field) => {
    const h = createHarness()
    const response = await h.call('GET', `/api/agents?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual([field])
  })

  test('behavior: a READ_ONLY key may list', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/agents', { key: readOnlyKey(h) })
    expect(response.status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE with an agent SDK key', async () => {
    const h = createHarness()
    const { key } = h.createAgentWithKey()
    const response = await h.call('GET', '/api/agents', { key })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('agents.bulkImport', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents/bulk-import', { body: seedBulkImportBody })
    expect(response.status).toBe(200)
    expect(response.body.summary).toEqual({ total: 2, created: 2, skipped: 0, failed: 0 })
    expect(response.body.skipped).toEqual([])
    expect(response.body.errors).toEqual([])
    expect(response.body.created).toEqual([
      expect.objectContaining({
        name: 'GPT-4 Assistant',
        agentType: 'OPENAI_ASSISTANT',
        status: 'ACTIVE',
        publicKey: '0x1234567890abcdef1234567890abcdef12345678',
        description: 'Handles customer support',
        externalId: 'asst_abc123',
      }),
      expect.objectContaining({
        name: 'Claude Agent',
        agentType: 'ANTHROPIC_CLAUDE',
        externalId: null,
      }),
    ])
    expect((await h.call('GET', '/api/agents')).body.total).toBe(2)
  })

  test('behavior: agentType defaults to CUSTOM', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents/bulk-import', {
      body: {
        agents: [{ name: 'Plain', publicKey: '0x1234567890abcdef1234567890abcdef12345678' }],
      },
    })
    expect(response.body.created[0].agentType).toBe('CUSTOM')
  })

  test('behavior: skipExisting (default true) skips known publicKeys, case-insensitively', async () => {
    const h = createHarness()
    await createAgent(h, {
      name: 'Existing',
      publicKey: '0x1234567890ABCDEF1234567890ABCDEF12345678',
    })
    const { skipExisting: _, ...withoutFlag } = seedBulkImportBody
    const response = await h.call('POST', '/api/agents/bulk-import', { body: withoutFlag })
    expect(response.status).toBe(200)
    expect(response.body.summary).toEqual({ total: 2, created: 1, skipped: 1, failed: 0 })
    expect(response.body.skipped).toEqual([
      {
        name: 'GPT-4 Assistant',
        publicKey: '0x1234567890abcdef1234567890abcdef12345678',
        reason: expect.any(String),
      },
    ])
    expect(response.body.created.map((agent: { name: string }) => agent.name)).toEqual([
      'Claude Agent',
    ])
  })

  test('behavior: a publicKey repeated inside the batch is skipped after the first', async () => {
    const h = createHarness()
    const publicKey = '0x1234567890abcdef1234567890abcdef12345678'
    const response = await h.call('POST', '/api/agents/bulk-import', {
      body: {
        agents: [
          { name: 'One', publicKey },
          { name: 'Two', publicKey: publicKey.toUpperCase().replace('0X', '0x') },
        ],
      },
    })
    expect(response.body.summary).toEqual({ total: 2, created: 1, skipped: 1, failed: 0 })
  })

  test('behavior: skipExisting false imports a known publicKey', async () => {
    const h = createHarness()
    await createAgent(h, { name: 'Existing', publicKey: seedBulkImportBody.agents[0]?.publicKey })
    const response = await h.call('POST', '/api/agents/bulk-import', {
      body: { ...seedBulkImportBody, skipExisting: false },
    })
    expect(response.body.summary).toEqual({ total: 2, created: 2, skipped: 0, failed: 0 })
  })

  test('behavior: duplicate names are reported in errors and the rest is created', async () => {
    const h = createHarness()
    await createAgent(h, { name: 'Claude Agent' })
    const response = await h.call('POST', '/api/agents/bulk-import', {
      body: {
        agents: [
          ...seedBulkImportBody.agents,
          { name: 'GPT-4 Assistant', publicKey: '0x00000000000000000000000000000000000000aa' },
        ],
      },
    })
    expect(response.status).toBe(200)
    expect(response.body.summary).toEqual({ total: 3, created: 1, skipped: 0, failed: 2 })
    expect(response.body.errors).toEqual([
      { index: 1, name: 'Claude Agent', error: expect.stringContaining('already exists') },
      { index: 2, name: 'GPT-4 Assistant', error: expect.stringContaining('already exists') },
    ])
    expect(response.body.created.map((agent: { name: string }) => agent.name)).toEqual([
      'GPT-4 Assistant',
    ])
  })

  test.each([
    [{ agents: [] }, ['agents']],
    [
      {
        agents: Array.from({ length: 101 }, (_, i) => ({
          name: `A${i}`,
          publicKey: `0x${i.toString(16).padStart(40, '0')}`,
        })),
      },
      ['agents'],
    ],
    [{ agents: [{ name: 'No key' }] }, ['agents', 0, 'publicKey']],
    [
      { agents: [{ publicKey: '0x1234567890abcdef1234567890abcdef12345678' }] },
      ['agents', 0, 'name'],
    ],
    [{}, ['agents']],
  ])('error: VALIDATION_ERROR for bad bodies (%#)', async (body, path) => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents/bulk-import', { body })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual(path)
  })

  test('behavior: exactly 100 agents are accepted', async () => {
    const h = createHarness()
    const agents = Array.from({ length: 100 }, (_, i) => ({
      name: `A${i}`,
      publicKey: `0x${(i + 1).toString(16).padStart(40, '0')}`,
    }))
    const response = await h.call('POST', '/api/agents/bulk-import', { body: { agents } })
    expect(response.status).toBe(200)
    expect(response.body.summary.created).toBe(100)
  })

  test('error: INVALID_ADDRESS for a malformed publicKey', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents/bulk-import', {
      body: { agents: [{ name: 'Bad', publicKey: 'nope' }] },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_ADDRESS')
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/agents/bulk-import', {
      key: readOnlyKey(h),
      body: seedBulkImportBody,
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('behavior: one CREATE audit entry per created agent', async () => {
    const h = createHarness()
    await h.call('POST', '/api/agents/bulk-import', { body: seedBulkImportBody })
    const entries = auditEntries(h)
    expect(entries.map((entry) => [entry.action, entry.resource])).toEqual([
      ['CREATE', 'agent'],
      ['CREATE', 'agent'],
    ])
    expect(entries[0]?.metadata).toMatchObject({ bulkImport: true })
  })
})

describe('agents.retrieve', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h, seedCreateBody)
    const response = await h.call('GET', `/api/agents/${agent.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      ...agent,
      wallets: [],
      policies: [],
      _count: { sentTransactions: 0 },
    })
  })

  test('behavior: includes wallet links, policies and the transaction count', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const wallet = insertWallet(h, { name: 'Treasury' })
    await linkWallet(h, agent.id, wallet.id, { spendLimitPerTx: 25.5 })
    const policy = insertPolicy(h, { name: 'Caps' })
    await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    for (let i = 0; i < 3; i++) {
      h.db
        .insert(transactions)
        .values({
          id: createId(),
          organizationId: h.organization.id,
          agentId: agent.id,
          walletId: wallet.id,
          kind: 'PAYMENT',
          status: 'CONFIRMED',
          amountMicros: 1_000_000,
          currency: 'pathUSD',
          chainId: '42431',
          createdAt: h.clock.now(),
        })
        .run()
    }
    const response = await h.call('GET', `/api/agents/${agent.id}`)
    expect(response.body.wallets).toEqual([
      expect.objectContaining({
        walletId: wallet.id,
        delegationType: 'LIMITED',
        spendLimitPerTx: 25.5,
        spendLimitDaily: 1000,
        spendLimitWeekly: null,
        spendLimitMonthly: null,
        wallet: {
          id: wallet.id,
          name: 'Treasury',
          address: wallet.address,
          chainId: '42431',
          custodyType: 'PRIVY',
          status: 'ACTIVE',
        },
      }),
    ])
    expect(response.body.policies).toEqual([
      { id: policy.id, name: 'Caps', policyType: 'SPEND_LIMIT', priority: 50, isActive: true },
    ])
    expect(response.body._count).toEqual({ sentTransactions: 3 })
  })

  test('error: NOT_FOUND for an unknown id', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/agents/cmissing000000000000000000')
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('NOT_FOUND')
  })

  test('error: NOT_FOUND for another organization’s agent', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    const response = await h.call('GET', `/api/agents/${theirs.id}`)
    expect(response.status).toBe(404)
    expect(response.body.code).toBe('NOT_FOUND')
  })

  test('error: VALIDATION_ERROR for a malformed id', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/agents/bad%20id')
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual(['agentId'])
  })
})

describe('agents.update', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h, seedCreateBody)
    h.clock.freeze(h.clock.now() + 60_000)
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, { body: seedUpdateBody })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      ...agent,
      name: 'Updated Agent Name',
      description: 'Updated description',
      status: 'PAUSED',
      updatedAt: '2026-04-08T12:01:00.000Z',
    })
  })

  test('behavior: an empty body changes nothing and records nothing', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const entries = auditCount(h)
    h.clock.freeze(h.clock.now() + 60_000)
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, { body: {} })
    expect(response.status).toBe(200)
    expect(response.body).toEqual(agent)
    expect(auditCount(h)).toBe(entries)
  })

  test('args: description null clears it; identity fields update', async () => {
    const h = createHarness()
    const agent = await createAgent(h, seedCreateBody)
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { description: null, riskTier: 'HIGH', identityTags: ['a', 'b'], externalId: null },
    })
    expect(response.body).toMatchObject({
      description: null,
      riskTier: 'HIGH',
      identityTags: ['a', 'b'],
      externalId: null,
    })
  })

  test('args: freezeConfig merges with earlier overrides', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { freezeConfig: { maxConsecutiveViolations: 3 } },
    })
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { autoFreezeEnabled: true, freezeConfig: { minTrustScore: 0.4 } },
    })
    expect(response.body.autoFreezeEnabled).toBe(true)
    expect(response.body.freezeConfig).toEqual({
      ...defaultFreezeConfig,
      autoFreezeEnabled: true,
      maxConsecutiveViolations: 3,
      minTrustScore: 0.4,
    })
  })

  test('error: INVALID_STATUS when leaving REVOKED', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    for (const status of ['ACTIVE', 'PAUSED', 'SUSPENDED']) {
      const response = await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status } })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('INVALID_STATUS')
    }
    expect((await h.call('GET', `/api/agents/${agent.id}`)).body.status).toBe('REVOKED')
  })

  test('behavior: a REVOKED agent can still be renamed', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { name: 'Retired', status: 'REVOKED' },
    })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ name: 'Retired', status: 'REVOKED' })
  })

  test('error: CONFLICT when the new name belongs to another agent', async () => {
    const h = createHarness()
    await createAgent(h, { name: 'Taken' })
    const agent = await createAgent(h, { name: 'Mine' })
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, { body: { name: 'Taken' } })
    expect(response.status).toBe(409)
    expect(response.body.code).toBe('CONFLICT')
    const same = await h.call('PATCH', `/api/agents/${agent.id}`, { body: { name: 'Mine' } })
    expect(same.status).toBe(200)
  })

  test.each([
    [{ status: 'DELETED' }, 'status'],
    [{ name: '' }, 'name'],
    [{ freezeConfig: { minTrustScore: 2 } }, 'freezeConfig'],
    [{ autoFreezeEnabled: 'yes' }, 'autoFreezeEnabled'],
  ])('error: VALIDATION_ERROR for %j', async (body, field) => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, { body })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path[0]).toBe(field)
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of ['cmissing000000000000000000', theirs.id]) {
      const response = await h.call('PATCH', `/api/agents/${id}`, { body: { name: 'X' } })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, {
      key: readOnlyKey(h),
      body: { name: 'X' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('behavior: audit entries carry before and after state', async () => {
    const h = createHarness()
    const agent = await createAgent(h, seedCreateBody)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: seedUpdateBody })
    const update = lastAudit(h)
    expect(update).toMatchObject({ action: 'UPDATE', resource: 'agent', resourceId: agent.id })
    expect(update?.previousState).toMatchObject({ name: 'Research Agent', status: 'ACTIVE' })
    expect(update?.newState).toMatchObject({ name: 'Updated Agent Name', status: 'PAUSED' })
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'SUSPENDED' } })
    expect(lastAudit(h)?.action).toBe('SUSPEND')
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'ACTIVE' } })
    expect(lastAudit(h)?.action).toBe('ACTIVATE')
  })
})

describe('agents.delete', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('DELETE', `/api/agents/${agent.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ success: true })
    expect((await h.call('GET', `/api/agents/${agent.id}`)).status).toBe(404)
  })

  test('behavior: removes the agent’s links, assignments and keys with it', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const wallet = insertWallet(h)
    await linkWallet(h, agent.id, wallet.id)
    const policy = insertPolicy(h)
    await h.call('POST', `/api/agents/${agent.id}/policies`, { body: { policyId: policy.id } })
    await h.call('DELETE', `/api/agents/${agent.id}`)
    expect(h.db.select().from(agentPolicies).all()).toEqual([])
    expect(walletStatus(h, wallet.id)).toBe('ACTIVE')
    // The name is free again.
    await createAgent(h, { name: agent.name })
  })

  test('behavior: records a DELETE audit entry', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('DELETE', `/api/agents/${agent.id}`)
    expect(lastAudit(h)).toMatchObject({
      action: 'DELETE',
      resource: 'agent',
      resourceId: agent.id,
      newState: null,
    })
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of ['cmissing000000000000000000', theirs.id]) {
      const response = await h.call('DELETE', `/api/agents/${id}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect((await h.call('GET', `/api/agents/${theirs.id}`, { key: other.key })).status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('DELETE', `/api/agents/${agent.id}`, { key: readOnlyKey(h) })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('agents.freeze', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const active = insertWallet(h, { name: 'Active' })
    const alreadyFrozen = insertWallet(h, { name: 'Frozen', status: 'FROZEN' })
    const unlinked = insertWallet(h, { name: 'Unlinked' })
    await linkWallet(h, agent.id, active.id)
    await linkWallet(h, agent.id, alreadyFrozen.id)
    const response = await h.call('POST', `/api/agents/${agent.id}/freeze`, {
      body: { reason: 'Suspicious activity' },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      agent: expect.objectContaining({
        id: agent.id,
        status: 'SUSPENDED',
        frozenAt: NOW,
        frozenReason: 'Suspicious activity',
      }),
      frozenWalletIds: [active.id],
      unfrozenWalletIds: [],
    })
    expect(walletStatus(h, active.id)).toBe('FROZEN')
    expect(walletStatus(h, unlinked.id)).toBe('ACTIVE')
  })

  test('behavior: an empty body freezes manually', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/freeze`)
    expect(response.status).toBe(200)
    expect(response.body.agent).toMatchObject({ status: 'SUSPENDED', frozenReason: 'MANUAL' })
  })

  test('behavior: records SUSPEND for the agent and UPDATE for each frozen wallet', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const wallet = insertWallet(h)
    await linkWallet(h, agent.id, wallet.id)
    const before = auditCount(h)
    await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    const entries = auditEntries(h).slice(before)
    expect(entries.map((entry) => [entry.action, entry.resource, entry.resourceId])).toEqual([
      ['SUSPEND', 'agent', agent.id],
      ['UPDATE', 'wallet', wallet.id],
    ])
    expect(entries[0]?.metadata).toMatchObject({ trigger: 'MANUAL', frozenWalletIds: [wallet.id] })
  })

  test('error: INVALID_STATUS for a REVOKED agent', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const response = await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_STATUS')
  })

  test('error: VALIDATION_ERROR for a too-long reason', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/freeze`, {
      body: { reason: 'x'.repeat(501) },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['reason'])
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of ['cmissing000000000000000000', theirs.id]) {
      const response = await h.call('POST', `/api/agents/${id}/freeze`, { body: {} })
      expect(response.status).toBe(404)
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/freeze`, {
      key: readOnlyKey(h),
      body: {},
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('agents.unfreeze', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const wallet = insertWallet(h)
    const frozenElsewhere = insertWallet(h, { status: 'FROZEN' })
    await linkWallet(h, agent.id, wallet.id)
    await linkWallet(h, agent.id, frozenElsewhere.id)
    await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    const response = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      agent: expect.objectContaining({ status: 'ACTIVE', frozenAt: null, frozenReason: null }),
      frozenWalletIds: [],
      unfrozenWalletIds: [wallet.id],
    })
    expect(walletStatus(h, wallet.id)).toBe('ACTIVE')
    expect(walletStatus(h, frozenElsewhere.id)).toBe('FROZEN')
  })

  test('args: unfreezeWallets false leaves the wallets frozen (a later unfreeze restores them)', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const wallet = insertWallet(h)
    await linkWallet(h, agent.id, wallet.id)
    await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    const response = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, {
      body: { unfreezeWallets: false, reason: 'reviewed' },
    })
    expect(response.body.agent.status).toBe('ACTIVE')
    expect(response.body.unfrozenWalletIds).toEqual([])
    expect(walletStatus(h, wallet.id)).toBe('FROZEN')
    const again = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(again.body.unfrozenWalletIds).toEqual([wallet.id])
    expect(walletStatus(h, wallet.id)).toBe('ACTIVE')
  })

  test('behavior: records ACTIVATE for the agent', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(lastAudit(h)).toMatchObject({
      action: 'ACTIVATE',
      resource: 'agent',
      resourceId: agent.id,
    })
  })

  test('error: INVALID_STATUS for a REVOKED agent', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const response = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_STATUS')
  })

  test('error: VALIDATION_ERROR for a non-boolean unfreezeWallets', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, {
      body: { unfreezeWallets: 'no' },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['unfreezeWallets'])
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of ['cmissing000000000000000000', theirs.id]) {
      const response = await h.call('POST', `/api/agents/${id}/unfreeze`, { body: {} })
      expect(response.status).toBe(404)
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, {
      key: readOnlyKey(h),
      body: {},
    })
    expect(response.status).toBe(403)
  })
})

describe('agents.retrieveFreezeConfig', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/freeze-config`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      agentId: agent.id,
      freezeConfig: {
        autoFreezeEnabled: false,
        maxConsecutiveViolations: 5,
        maxConsecutiveFailures: 5,
        spendVelocityMultiplier: 3,
        largeTransactionMultiplier: 10,
        minTrustScore: 0.2,
        trustScoreDropPercent: 30,
        maxUniqueRecipientsPerHour: 10,
      },
    })
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of ['cmissing000000000000000000', theirs.id]) {
      expect((await h.call('GET', `/api/agents/${id}/freeze-config`)).status).toBe(404)
    }
  })

  test('behavior: a READ_ONLY key may read it', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/freeze-config`, {
      key: readOnlyKey(h),
    })
    expect(response.status).toBe(200)
  })
})

describe('agents.updateFreezeConfig', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, {
      body: { autoFreezeEnabled: true, maxConsecutiveViolations: 3 },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      agentId: agent.id,
      freezeConfig: {
        ...defaultFreezeConfig,
        autoFreezeEnabled: true,
        maxConsecutiveViolations: 3,
      },
    })
    const read = await h.call('GET', `/api/agents/${agent.id}/freeze-config`)
    expect(read.body).toEqual(response.body)
    const detail = await h.call('GET', `/api/agents/${agent.id}`)
    expect(detail.body.autoFreezeEnabled).toBe(true)
    expect(detail.body.freezeConfig.maxConsecutiveViolations).toBe(3)
  })

  test('behavior: omitted fields keep earlier values', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, {
      body: { autoFreezeEnabled: true, spendVelocityMultiplier: 4.5 },
    })
    const response = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, {
      body: { maxUniqueRecipientsPerHour: 20 },
    })
    expect(response.body.freezeConfig).toMatchObject({
      autoFreezeEnabled: true,
      spendVelocityMultiplier: 4.5,
      maxUniqueRecipientsPerHour: 20,
      maxConsecutiveFailures: 5,
    })
  })

  test.each([
    [{ maxConsecutiveViolations: 0 }, 'maxConsecutiveViolations'],
    [{ maxConsecutiveFailures: 1.5 }, 'maxConsecutiveFailures'],
    [{ minTrustScore: 1.5 }, 'minTrustScore'],
    [{ trustScoreDropPercent: 101 }, 'trustScoreDropPercent'],
    [{ spendVelocityMultiplier: 0 }, 'spendVelocityMultiplier'],
    [{ autoFreezeEnabled: 1 }, 'autoFreezeEnabled'],
  ])('error: VALIDATION_ERROR for %j', async (body, field) => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, { body })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual([field])
  })

  test('behavior: records an UPDATE audit entry', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, { body: { minTrustScore: 0.3 } })
    const entry = lastAudit(h)
    expect(entry).toMatchObject({ action: 'UPDATE', resource: 'agent', resourceId: agent.id })
    expect(entry?.newState).toMatchObject({ freezeConfig: { minTrustScore: 0.3 } })
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of ['cmissing000000000000000000', theirs.id]) {
      const response = await h.call('PATCH', `/api/agents/${id}/freeze-config`, { body: {} })
      expect(response.status).toBe(404)
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, {
      key: readOnlyKey(h),
      body: { minTrustScore: 0.3 },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
