import { describe, expect, test } from 'vitest'
import { now as createdAt } from '../test/fixtures.js'
import {
  listSdkWalletsQuerySchema,
  listSdkWalletsResponseSchema,
  sdkAgentProfileSchema,
  sdkSetupResponseSchema,
  sdkWalletSchema,
} from './agent-setup.js'
import { sdkAgentEndpoints } from './endpoints/sdk-agent.js'

const sdkWallet = {
  id: 'cmm59z8fj000m49h7bjqza22q',
  name: 'Operations Wallet',
  address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  chainId: '42431',
  chainType: 'EVM',
  custodyType: 'PRIVY',
  status: 'ACTIVE',
  balance: 500,
  currency: 'pathUSD',
  limits: { perTransaction: 100, daily: 1000, weekly: null, monthly: null },
  spent: { today: 150, thisWeek: 300, thisMonth: 900 },
  remaining: { perTransaction: 100, daily: 850, weekly: null, monthly: null },
  allowedHoursStart: 0,
  allowedHoursEnd: 24,
  allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  timezone: 'UTC',
  delegationType: 'LIMITED',
}

const setup = {
  agent: {
    id: 'cmm59z8fj000l49h7bjqza11p',
    name: 'Shopper',
    status: 'ACTIVE',
    agentType: 'CUSTOM',
  },
  organization: { id: 'org_1', name: 'Acme' },
  wallets: [sdkWallet],
  policies: [
    { id: 'pol_1', name: 'Daily cap', policyType: 'SPEND_LIMIT', priority: 50, isActive: true },
  ],
  scopes: ['payments:request', 'wallets:read'],
  keyType: 'standard',
  expiresAt: '2027-04-07T12:00:00.000Z',
}

describe('sdkWalletSchema', () => {
  test('default: a wallet with limits, spend and remaining headroom', () => {
    expect(sdkWalletSchema.parse(sdkWallet)).toEqual(sdkWallet)
  })

  test('behavior: null limits mean unlimited', () => {
    const unlimited = {
      ...sdkWallet,
      limits: { perTransaction: null, daily: null, weekly: null, monthly: null },
      remaining: { perTransaction: null, daily: null, weekly: null, monthly: null },
    }
    expect(sdkWalletSchema.parse(unlimited)).toEqual(unlimited)
  })

  test('error: spent counters are numbers, never null', () => {
    expect(
      sdkWalletSchema.safeParse({ ...sdkWallet, spent: { today: null, thisWeek: 0, thisMonth: 0 } })
        .success,
    ).toBe(false)
  })

  test('behavior: an unprovisioned EXTERNAL wallet and new enum values', () => {
    expect(
      sdkWalletSchema.safeParse({
        ...sdkWallet,
        address: null,
        custodyType: 'EXTERNAL',
        delegationType: 'SESSION',
      }).success,
    ).toBe(true)
  })
})

describe('sdkSetupResponseSchema', () => {
  test('default: a setup summary parses', () => {
    expect(sdkSetupResponseSchema.parse(setup)).toEqual(setup)
  })

  test('behavior: no wallets, no policies', () => {
    expect(sdkSetupResponseSchema.safeParse({ ...setup, wallets: [], policies: [] }).success).toBe(
      true,
    )
  })

  test('error: the organization is required', () => {
    const { organization: _organization, ...withoutOrganization } = setup
    expect(sdkSetupResponseSchema.safeParse(withoutOrganization).success).toBe(false)
  })
})

describe('sdkAgentProfileSchema', () => {
  test('default: the agent and its organization', () => {
    const profile = {
      id: 'cmm59z8fj000l49h7bjqza11p',
      name: 'Shopper',
      agentType: 'CUSTOM',
      status: 'ACTIVE',
      description: null,
      publicKey: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
      externalId: null,
      createdAt,
      updatedAt: createdAt,
      organization: { id: 'org_1', name: 'Acme' },
    }
    expect(sdkAgentProfileSchema.parse(profile)).toEqual(profile)
  })
})

describe('listSdkWalletsResponseSchema', () => {
  test('default: { wallets, pagination }', () => {
    const body = {
      wallets: [sdkWallet],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listSdkWalletsResponseSchema.parse(body)).toEqual(body)
    expect(listSdkWalletsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })
})

describe('sdkAgentEndpoints', () => {
  test('default: the ids', () => {
    expect(Object.values(sdkAgentEndpoints).map((endpoint) => endpoint.id)).toEqual([
      'sdk.setup',
      'sdkAgent.retrieve',
      'sdkWallets.list',
    ])
  })

  test('behavior: read routes', () => {
    for (const endpoint of Object.values(sdkAgentEndpoints)) {
      expect(endpoint.rateLimit).toBe('sdkRead')
    }
    expect(sdkAgentEndpoints.setup.scopes).toEqual([])
    expect(sdkAgentEndpoints.retrieveAgent.scopes).toEqual(['agents:read'])
    expect(sdkAgentEndpoints.listWallets.scopes).toEqual(['wallets:read'])
    expect(sdkAgentEndpoints.listWallets.tag).toBe('SDK Wallets')
  })
})
