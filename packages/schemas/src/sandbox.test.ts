import { describe, expect, test } from 'vitest'
import { now as createdAt } from '../test/fixtures.js'
import { defaults } from './defaults.js'
import { sandboxEndpoints } from './endpoints/sandbox.js'
import { wireErrorCodeOf } from './errors.js'
import {
  createSandboxParamsSchema,
  createSandboxResponseSchema,
  sandboxDescriptionSchema,
  sandboxSelfDescription,
} from './sandbox.js'

const sdkKey = `conto_agent_${'12'.repeat(32)}`
const orgKey = `conto_${'34'.repeat(32)}`
const expiresAt = '2026-04-14T12:00:00.000Z'

const sandboxResponse = {
  organization: { id: 'org_sandbox1', name: 'Sandbox Organization', mode: 'test' },
  agent: {
    id: 'cmm59z8fj000l49h7bjqza11p',
    name: 'Sandbox Agent',
    agentType: 'CUSTOM',
    status: 'ACTIVE',
    description: null,
    publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
    externalId: null,
    createdAt,
    updatedAt: createdAt,
  },
  wallet: {
    id: 'cmm59z8fj000m49h7bjqza22q',
    name: 'Sandbox Wallet',
    address: '0x1111111111111111111111111111111111111111',
    walletType: 'EOA',
    chainType: 'EVM',
    chainId: defaults.sandbox.wallet.chainId,
    custodyType: defaults.sandbox.wallet.custodyType,
    balance: defaults.sandbox.wallet.balance,
    usdcBalance: defaults.sandbox.wallet.balance,
    currency: defaults.sandbox.wallet.currency,
    status: 'ACTIVE',
    isWatchOnly: false,
    enforcementMode: defaults.sandbox.wallet.enforcementMode,
    externalWalletId: null,
    spendLimitPerTx: defaults.sandbox.wallet.spendLimitPerTx,
    spendLimitDaily: defaults.sandbox.wallet.spendLimitDaily,
    createdAt,
    updatedAt: createdAt,
  },
  sdkKey: {
    key: sdkKey,
    keyPrefix: sdkKey.slice(0, 16),
    scopes: ['payments:request', 'payments:approve', 'payments:confirm', 'wallets:read'],
    expiresAt,
  },
  orgApiKey: { key: orgKey, keyPrefix: orgKey.slice(0, 16), scopes: ['agents:read'], expiresAt },
  credentials: { sdkKey, apiKey: orgKey },
  expiresAt,
  baseUrl: 'http://127.0.0.1:3006',
  message: 'Sandbox created. Save these keys now: they are shown once and expire in 7 days.',
}

describe('createSandboxParamsSchema', () => {
  test('default: an empty body gets the sandbox defaults', () => {
    expect(createSandboxParamsSchema.parse({})).toEqual({
      name: 'Sandbox Agent',
      agentType: 'CUSTOM',
    })
  })

  test('args: every optional field', () => {
    const body = {
      name: 'Research Buyer Agent',
      description: 'Tests policy-checked payments',
      organizationName: 'Acme Labs',
      agentType: 'ANTHROPIC_CLAUDE',
      publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
      externalId: 'asst_abc123',
      metadata: { runtime: 'codex', attempt: 2 },
      callbackUrl: 'https://example.com/conto/callback',
    }
    expect(createSandboxParamsSchema.parse(body)).toEqual(body)
  })

  test('args: name 100/101 and description 500/501 characters', () => {
    expect(createSandboxParamsSchema.safeParse({ name: 'a'.repeat(100) }).success).toBe(true)
    expect(createSandboxParamsSchema.safeParse({ name: 'a'.repeat(101) }).success).toBe(false)
    expect(createSandboxParamsSchema.safeParse({ description: 'd'.repeat(500) }).success).toBe(true)
    expect(createSandboxParamsSchema.safeParse({ description: 'd'.repeat(501) }).success).toBe(
      false,
    )
    expect(createSandboxParamsSchema.safeParse({ organizationName: 'o'.repeat(101) }).success).toBe(
      false,
    )
  })

  test('error: invalid agentType, publicKey, callbackUrl', () => {
    expect(
      createSandboxParamsSchema.safeParse({ agentType: 'BOT' }).error?.issues[0]?.message,
    ).toBe(
      'Invalid agentType "BOT": expected one of OPENAI_ASSISTANT, ANTHROPIC_CLAUDE, LANGCHAIN, AUTOGPT, CUSTOM',
    )
    expect(
      wireErrorCodeOf(
        createSandboxParamsSchema.safeParse({ publicKey: '0x12' }).error?.issues ?? [],
      ),
    ).toBe('INVALID_ADDRESS')
    expect(createSandboxParamsSchema.safeParse({ callbackUrl: 'not a url' }).success).toBe(false)
  })
})

describe('createSandboxResponseSchema', () => {
  test('default: a sandbox with the documented wallet defaults parses', () => {
    const parsed = createSandboxResponseSchema.parse(sandboxResponse)
    expect(parsed).toEqual(sandboxResponse)
    expect(parsed.wallet).toMatchObject({
      custodyType: 'EXTERNAL',
      enforcementMode: 'SDK_REQUIRED',
      chainId: '42431',
      balance: 100,
      currency: 'pathUSD',
      spendLimitPerTx: 5,
      spendLimitDaily: 25,
    })
  })

  test('behavior: baseUrl is optional', () => {
    const { baseUrl: _baseUrl, ...withoutBaseUrl } = sandboxResponse
    expect(createSandboxResponseSchema.safeParse(withoutBaseUrl).success).toBe(true)
  })

  test('error: the organization is always in test mode', () => {
    expect(
      createSandboxResponseSchema.safeParse({
        ...sandboxResponse,
        organization: { ...sandboxResponse.organization, mode: 'live' },
      }).success,
    ).toBe(false)
  })

  test('error: keys of the wrong kind', () => {
    expect(
      createSandboxResponseSchema.safeParse({
        ...sandboxResponse,
        sdkKey: { ...sandboxResponse.sdkKey, key: orgKey },
      }).success,
    ).toBe(false)
  })
})

describe('sandboxSelfDescription', () => {
  test('default: parses and repeats the Defaults page', () => {
    const description = sandboxDescriptionSchema.parse(sandboxSelfDescription)
    expect(description.defaults).toEqual({
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
    expect(description.method).toBe('POST')
    expect(description.path).toBe('/api/agents/sandbox')
    expect(description.requiredFields).toEqual([])
  })

  test('behavior: the described fields are exactly the body fields', () => {
    expect(sandboxSelfDescription.optionalFields).toEqual(
      Object.keys(createSandboxParamsSchema.shape),
    )
    expect(sandboxSelfDescription.fields?.map((field) => field.name)).toEqual(
      sandboxSelfDescription.optionalFields,
    )
  })

  test("behavior: the shape of Conto's hosted description parses too", () => {
    const hosted = {
      description: 'Anonymous agent sandbox signup',
      usage: 'POST here to create a test-mode organization, agent, wallet and keys.',
      authentication: 'None. Returned secrets are shown once and expire after 7 days.',
      requiredFields: [],
      optionalFields: [
        'name',
        'description',
        'organizationName',
        'agentType',
        'publicKey',
        'externalId',
        'metadata',
        'callbackUrl',
      ],
      defaults: {
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
      },
      execution: {
        mode: 'simulated',
        description: 'Policy evaluation and spend tracking are real; nothing moves on chain.',
        successState: 'request returns APPROVED, execute returns COMPLETED with simulated: true.',
      },
    }
    expect(sandboxDescriptionSchema.parse(hosted)).toEqual(hosted)
  })
})

describe('sandboxEndpoints', () => {
  test('behavior: public routes; POST counts against the auth limit', () => {
    for (const endpoint of Object.values(sandboxEndpoints)) {
      expect(endpoint.keyKinds).toEqual([])
      expect(endpoint.path).toBe('/api/agents/sandbox')
    }
    expect(sandboxEndpoints.create.method).toBe('POST')
    expect(sandboxEndpoints.create.rateLimit).toBe('auth')
    expect(sandboxEndpoints.create.successStatus).toBe(201)
    expect(sandboxEndpoints.describe.method).toBe('GET')
  })
})
