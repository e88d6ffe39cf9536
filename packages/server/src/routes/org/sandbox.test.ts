import { orgKeyScopePresets, sandboxSelfDescription } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, START } from '../../../test/harness.js'
import { auditLogs, organizations } from '../../db/schema.js'

const SEVEN_DAYS = 7 * 86_400_000
const expiresAt = new Date(START + SEVEN_DAYS).toISOString()

describe('sandbox.describe', () => {
  test('default', async () => {
    const { call } = createHarness()
    const response = await call('GET', '/api/agents/sandbox', { key: null })
    expect(response.status).toBe(200)
    expect(response.body).toEqual(sandboxSelfDescription)
    expect(response.body.defaults).toEqual({
      name: 'Sandbox Agent',
      agentType: 'CUSTOM',
      mode: 'test',
      expiresInDays: 7,
      wallet: {
        custodyType: 'EXTERNAL',
        enforcementMode: 'SDK_REQUIRED',
        chainId: '42431',
        balance: 100,
        currency: 'pathUSD',
        spendLimitPerTx: 5,
        spendLimitDaily: 25,
      },
    })
  })

  test('behavior: a key is not needed and not checked', async () => {
    const { call } = createHarness()
    const response = await call('GET', '/api/agents/sandbox', { key: 'conto_not-a-key' })
    expect(response.status).toBe(200)
  })

  test('behavior: literal path wins over /api/agents/{agentId}', async () => {
    const { call } = createHarness()
    const response = await call('GET', '/api/agents/sandbox')
    expect(response.body.requiredFields).toEqual([])
  })
})

describe('sandbox.create', () => {
  test('default', async () => {
    const { call } = createHarness()
    const response = await call('POST', '/api/agents/sandbox', { key: null })
    expect(response.status).toBe(201)
    const body = response.body
    expect(body).toMatchObject({
      organization: { id: expect.any(String), name: 'Sandbox Organization', mode: 'test' },
      agent: {
        id: expect.any(String),
        name: 'Sandbox Agent',
        agentType: 'CUSTOM',
        status: 'ACTIVE',
        publicKey: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
        createdAt: new Date(START).toISOString(),
      },
      wallet: {
        custodyType: 'EXTERNAL',
        enforcementMode: 'SDK_REQUIRED',
        chainId: '42431',
        chainType: 'EVM',
        balance: 100,
        usdcBalance: 100,
        currency: 'pathUSD',
        status: 'ACTIVE',
        address: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
        spendLimitPerTx: 5,
        spendLimitDaily: 25,
      },
      sdkKey: {
        key: expect.stringMatching(/^conto_agent_[0-9a-f]{64}$/),
        keyPrefix: expect.stringMatching(/^conto_agent_/),
        expiresAt,
      },
      orgApiKey: {
        key: expect.stringMatching(/^conto_[0-9a-f]{64}$/),
        keyPrefix: expect.stringMatching(/^conto_/),
        scopes: [...orgKeyScopePresets.READ_ONLY],
        expiresAt,
      },
      expiresAt,
      message: expect.stringContaining('7 days'),
    })
    expect(body.sdkKey.scopes).toEqual(
      expect.arrayContaining([
        'payments:request',
        'payments:execute',
        'payments:approve',
        'payments:confirm',
        'wallets:read',
        'agents:read',
        'transactions:read',
        'policies:read',
      ]),
    )
    expect(body.sdkKey.scopes.filter((scope: string) => scope.endsWith(':write'))).toEqual([])
    expect(body.credentials).toEqual({ sdkKey: body.sdkKey.key, apiKey: body.orgApiKey.key })
  })

  test('behavior: a separate test-mode organization marked isSandbox, expiring in 7 days', async () => {
    const { call, db, organization } = createHarness()
    const { body } = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    expect(body.organization.id).not.toBe(organization.id)
    const row = db
      .select()
      .from(organizations)
      .where(eq(organizations.id, body.organization.id))
      .get()
    expect(row).toMatchObject({ mode: 'test', isSandbox: true, expiresAt: START + SEVEN_DAYS })
    const second = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    expect(second.body.organization.id).not.toBe(body.organization.id)
  })

  test('behavior: the SDK key works on /api/sdk/* and sees the linked wallet', async () => {
    const { call } = createHarness()
    const { body } = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    const setup = await call('GET', '/api/sdk/setup', { key: body.sdkKey.key })
    expect(setup.status).toBe(200)
    expect(setup.body).toMatchObject({
      agent: { id: body.agent.id, name: 'Sandbox Agent' },
      organization: { id: body.organization.id },
      keyType: 'standard',
      expiresAt,
      wallets: [
        {
          id: body.wallet.id,
          custodyType: 'EXTERNAL',
          balance: 100,
          currency: 'pathUSD',
          limits: { perTransaction: 5, daily: 25, weekly: null, monthly: null },
          remaining: { perTransaction: 5, daily: 25, weekly: null, monthly: null },
        },
      ],
    })
    expect(setup.body.scopes).toEqual(body.sdkKey.scopes)
  })

  test('behavior: the org API key reads the sandbox only and cannot write', async () => {
    const { call } = createHarness()
    const { body } = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    const agents = await call('GET', '/api/agents', { key: body.orgApiKey.key })
    expect(agents.status).toBe(200)
    expect(agents.body.agents.map((agent: { id: string }) => agent.id)).toEqual([body.agent.id])
    const write = await call('POST', '/api/agents', {
      key: body.orgApiKey.key,
      body: { name: 'Nope', agentType: 'CUSTOM' },
    })
    expect(write.status).toBe(403)
    expect(write.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('behavior: every credential expires with the organization', async () => {
    const { call, clock } = createHarness()
    const { body } = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    clock.freeze(START + SEVEN_DAYS - 1)
    expect((await call('GET', '/api/sdk/agent', { key: body.sdkKey.key })).status).toBe(200)
    expect((await call('GET', '/api/agents', { key: body.orgApiKey.key })).status).toBe(200)
    clock.freeze(START + SEVEN_DAYS)
    const agent = await call('GET', '/api/sdk/agent', { key: body.sdkKey.key })
    expect(agent.status).toBe(401)
    expect(agent.body.code).toBe('EXPIRED_KEY')
    const org = await call('GET', '/api/agents', { key: body.orgApiKey.key })
    expect(org.status).toBe(401)
    expect(org.body.code).toBe('EXPIRED_KEY')
  })

  test('args: every optional field', async () => {
    const { call } = createHarness()
    const publicKey = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
    const response = await call('POST', '/api/agents/sandbox', {
      key: null,
      body: {
        name: 'Research Bot',
        description: 'Reads papers',
        organizationName: 'My Lab',
        agentType: 'ANTHROPIC_CLAUDE',
        publicKey,
        externalId: 'asst_123',
        metadata: { team: 'research' },
        callbackUrl: 'https://example.com/callback',
      },
    })
    expect(response.status).toBe(201)
    expect(response.body.organization.name).toBe('My Lab')
    expect(response.body.agent).toMatchObject({
      name: 'Research Bot',
      description: 'Reads papers',
      agentType: 'ANTHROPIC_CLAUDE',
      publicKey,
      externalId: 'asst_123',
      metadata: { team: 'research' },
      callbackUrl: 'https://example.com/callback',
    })
  })

  test('behavior: a name of the maximum length is fine', async () => {
    const { call } = createHarness()
    const name = 'n'.repeat(100)
    const response = await call('POST', '/api/agents/sandbox', { key: null, body: { name } })
    expect(response.status).toBe(201)
    expect(response.body.agent.name).toBe(name)
    expect(response.body.wallet.name).toBe('Sandbox Wallet')
  })

  test('behavior: sandboxes are test mode whatever the server mode', async () => {
    const { call } = createHarness({ mode: 'live' })
    const response = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    expect(response.status).toBe(201)
    expect(response.body.organization.mode).toBe('test')
  })

  test('behavior: the creation is audited in the sandbox organization', async () => {
    const { call, db } = createHarness()
    const { body } = await call('POST', '/api/agents/sandbox', { key: null, body: {} })
    const entries = db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.organizationId, body.organization.id))
      .all()
    const actions = entries.map((entry) => `${entry.action} ${entry.resource}`)
    expect(actions).toEqual(
      expect.arrayContaining([
        'CREATE organization',
        'CREATE agent',
        'CREATE wallet',
        'FUND wallet',
        'CREATE sdk_key',
      ]),
    )
    expect(entries.find((entry) => entry.resource === 'organization')?.actorType).toBe('SYSTEM')
  })

  test('error: VALIDATION_ERROR for invalid fields', async () => {
    const { call } = createHarness()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ agentType: 'ROBOT' }, 'agentType'],
      [{ publicKey: '0x123' }, 'publicKey'],
      [{ callbackUrl: 'not a url' }, 'callbackUrl'],
      [{ organizationName: '' }, 'organizationName'],
      [{ description: 'x'.repeat(501) }, 'description'],
    ]
    for (const [body, field] of cases) {
      const response = await call('POST', '/api/agents/sandbox', { key: null, body })
      expect(response.status, field).toBe(400)
      expect(response.body.code, field).toMatch(/^(VALIDATION_ERROR|INVALID_ADDRESS)$/)
      expect(response.body.issues, field).toContainEqual(expect.objectContaining({ path: [field] }))
    }
  })

  test('error: VALIDATION_ERROR for a body that is not a JSON object', async () => {
    const { call } = createHarness()
    const response = await call('POST', '/api/agents/sandbox', { key: null, body: '[1]' })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
  })

  test('error: RATE_LIMITED after 10 sandboxes per address in 5 minutes', async () => {
    const { call, clock } = createHarness()
    const headers = { 'x-forwarded-for': '203.0.113.9' }
    for (let index = 0; index < 10; index++) {
      expect(
        (await call('POST', '/api/agents/sandbox', { key: null, body: {}, headers })).status,
      ).toBe(201)
    }
    const limited = await call('POST', '/api/agents/sandbox', { key: null, body: {}, headers })
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('RATE_LIMITED')
    expect(limited.headers.get('retry-after')).toBe('300')
    clock.freeze(START + 300_000)
    expect(
      (await call('POST', '/api/agents/sandbox', { key: null, body: {}, headers })).status,
    ).toBe(201)
  })
})
