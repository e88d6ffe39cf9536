import { describe, expect, test } from 'vitest'
import { errorCodeOf } from '../test/parse-result.js'
import {
  agentRelationshipSchema,
  agentWalletLinkSchema,
  createAgentWalletLinkParamsSchema,
  listAgentRelationshipsResponseSchema,
  listAgentWalletLinksQuerySchema,
  listAgentWalletLinksResponseSchema,
  updateAgentRelationshipParamsSchema,
  updateAgentWalletLinkParamsSchema,
} from './agent-wallet-link.js'
import { agentWalletLinkEndpoints } from './endpoints/agent-wallet-links.js'

const walletId = 'cmm59z8fj000m49h7bjqza22q'

const wallet = {
  id: walletId,
  name: 'Operations Wallet',
  address: '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
  walletType: 'EOA',
  chainType: 'EVM',
  chainId: '42431',
  custodyType: 'PRIVY',
  balance: 250,
  usdcBalance: 250,
  currency: 'pathUSD',
  status: 'ACTIVE',
  isWatchOnly: false,
  enforcementMode: 'ENFORCED',
  externalWalletId: null,
  createdAt: '2026-04-07T12:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}

const link = {
  id: 'cmm59z8fj000n49h7bjqza33r',
  agentId: 'cmm59z8fj000l49h7bjqza11p',
  walletId,
  wallet,
  delegationType: 'LIMITED',
  spendLimitPerTx: 100,
  spendLimitDaily: 1000,
  spendLimitWeekly: null,
  spendLimitMonthly: null,
  spentToday: 12.5,
  spentThisWeek: 40,
  spentThisMonth: 120.25,
  allowedHoursStart: 0,
  allowedHoursEnd: 24,
  allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  timezone: 'UTC',
  createdAt: '2026-04-07T12:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}

describe('createAgentWalletLinkParamsSchema', () => {
  test('default: the seed 001 "Link Wallet to Agent" body', () => {
    const body = {
      walletId: 'cmm59z8fj000m49h7bjqza22q',
      delegationType: 'LIMITED',
      spendLimitPerTx: 100,
      spendLimitDaily: 1000,
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    }
    expect(createAgentWalletLinkParamsSchema.parse(body)).toEqual({
      ...body,
      spendLimitWeekly: null,
      spendLimitMonthly: null,
      timezone: 'UTC',
    })
  })

  test('default: only walletId gets every Defaults-page value', () => {
    expect(createAgentWalletLinkParamsSchema.parse({ walletId })).toEqual({
      walletId,
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
  })

  test('behavior: the default allowedDays is a fresh array each time', () => {
    const first = createAgentWalletLinkParamsSchema.parse({ walletId })
    first.allowedDays.push('Sat')
    expect(createAgentWalletLinkParamsSchema.parse({ walletId }).allowedDays).toHaveLength(5)
  })

  test('error: walletId is required and must be an id', () => {
    expect(createAgentWalletLinkParamsSchema.safeParse({}).success).toBe(false)
    expect(createAgentWalletLinkParamsSchema.safeParse({ walletId: 'a b' }).success).toBe(false)
  })

  test('args: null means unlimited and 0 blocks everything', () => {
    expect(
      createAgentWalletLinkParamsSchema.parse({
        walletId,
        spendLimitPerTx: null,
        spendLimitDaily: 0,
        spendLimitWeekly: 5000,
        spendLimitMonthly: 20000.123456,
      }),
    ).toMatchObject({
      spendLimitPerTx: null,
      spendLimitDaily: 0,
      spendLimitWeekly: 5000,
      spendLimitMonthly: 20000.123456,
    })
  })

  test('error: negative limits and 7 decimals give INVALID_AMOUNT', () => {
    for (const spendLimitPerTx of [-1, 0.0000001, '100']) {
      const result = createAgentWalletLinkParamsSchema.safeParse({ walletId, spendLimitPerTx })
      expect(result.success, String(spendLimitPerTx)).toBe(false)
      expect(errorCodeOf(result), String(spendLimitPerTx)).toBe('INVALID_AMOUNT')
    }
  })

  test('args: every delegationType', () => {
    for (const delegationType of ['FULL', 'LIMITED', 'VIEW_ONLY', 'PREAPPROVED', 'ALLOWLIST']) {
      expect(
        createAgentWalletLinkParamsSchema.parse({ walletId, delegationType }).delegationType,
      ).toBe(delegationType)
    }
  })

  test('error: unknown delegationType lists the allowed values', () => {
    expect(
      createAgentWalletLinkParamsSchema.safeParse({ walletId, delegationType: 'ADMIN' }).error
        ?.issues[0]?.message,
    ).toBe(
      'Invalid delegationType "ADMIN": expected one of FULL, LIMITED, VIEW_ONLY, PREAPPROVED, ALLOWLIST',
    )
  })

  test('args: allowedHoursStart is 0-23 and allowedHoursEnd 1-24', () => {
    const parse = (allowedHoursStart: unknown, allowedHoursEnd: unknown) =>
      createAgentWalletLinkParamsSchema.safeParse({ walletId, allowedHoursStart, allowedHoursEnd })
        .success
    expect(parse(0, 24)).toBe(true)
    expect(parse(23, 24)).toBe(true)
    expect(parse(0, 1)).toBe(true)
    expect(parse(9, 17)).toBe(true)
    expect(parse(-1, 24)).toBe(false)
    expect(parse(24, 24)).toBe(false)
    expect(parse(0, 0)).toBe(false)
    expect(parse(0, 25)).toBe(false)
    expect(parse(8.5, 17)).toBe(false)
    expect(parse('9', 17)).toBe(false)
  })

  test('behavior: a window may wrap midnight', () => {
    expect(
      createAgentWalletLinkParamsSchema.parse({
        walletId,
        allowedHoursStart: 22,
        allowedHoursEnd: 6,
      }),
    ).toMatchObject({ allowedHoursStart: 22, allowedHoursEnd: 6 })
  })

  test('error: the window must not be empty', () => {
    const result = createAgentWalletLinkParamsSchema.safeParse({
      walletId,
      allowedHoursStart: 9,
      allowedHoursEnd: 9,
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['allowedHoursEnd'])
    // the default end (24) applies when only the start is given
    expect(
      createAgentWalletLinkParamsSchema.safeParse({ walletId, allowedHoursStart: 23 }).success,
    ).toBe(true)
  })

  test('args: allowedDays', () => {
    const week = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    expect(
      createAgentWalletLinkParamsSchema.parse({ walletId, allowedDays: week }).allowedDays,
    ).toEqual(week)
    expect(
      createAgentWalletLinkParamsSchema.parse({ walletId, allowedDays: ['Sat'] }).allowedDays,
    ).toEqual(['Sat'])
  })

  test('error: allowedDays with an unknown day, a repeat, or none', () => {
    expect(
      createAgentWalletLinkParamsSchema.safeParse({ walletId, allowedDays: ['Monday'] }).error
        ?.issues[0]?.message,
    ).toBe('Invalid day "Monday": expected one of Mon, Tue, Wed, Thu, Fri, Sat, Sun')
    expect(
      createAgentWalletLinkParamsSchema.safeParse({ walletId, allowedDays: ['Mon', 'Mon'] })
        .success,
    ).toBe(false)
    expect(createAgentWalletLinkParamsSchema.safeParse({ walletId, allowedDays: [] }).success).toBe(
      false,
    )
  })

  test('args: IANA time zones', () => {
    expect(
      createAgentWalletLinkParamsSchema.parse({ walletId, timezone: 'America/New_York' }).timezone,
    ).toBe('America/New_York')
    expect(
      createAgentWalletLinkParamsSchema.safeParse({ walletId, timezone: 'Mars/Olympus' }).error
        ?.issues[0]?.message,
    ).toMatch(/Invalid timezone "Mars\/Olympus"/)
  })
})

describe('updateAgentWalletLinkParamsSchema', () => {
  test('default: no defaults are applied', () => {
    expect(updateAgentWalletLinkParamsSchema.parse({})).toEqual({})
    expect(updateAgentWalletLinkParamsSchema.parse({ spendLimitDaily: 500 })).toEqual({
      spendLimitDaily: 500,
    })
  })

  test('args: null clears a limit, 0 blocks', () => {
    expect(
      updateAgentWalletLinkParamsSchema.parse({ spendLimitPerTx: null, spendLimitWeekly: 0 }),
    ).toEqual({ spendLimitPerTx: null, spendLimitWeekly: 0 })
  })

  test('error: the window is checked when both ends are sent', () => {
    expect(
      updateAgentWalletLinkParamsSchema.safeParse({ allowedHoursStart: 9, allowedHoursEnd: 9 })
        .success,
    ).toBe(false)
    expect(updateAgentWalletLinkParamsSchema.safeParse({ allowedHoursStart: 18 }).success).toBe(
      true,
    )
  })

  test('error: invalid values', () => {
    expect(
      errorCodeOf(updateAgentWalletLinkParamsSchema.safeParse({ spendLimitMonthly: -10 })),
    ).toBe('INVALID_AMOUNT')
    expect(updateAgentWalletLinkParamsSchema.safeParse({ timezone: 'Nowhere' }).success).toBe(false)
    expect(updateAgentWalletLinkParamsSchema.safeParse({ delegationType: 'ALL' }).success).toBe(
      false,
    )
  })
})

describe('agentWalletLinkSchema', () => {
  test('default: a link parses', () => {
    expect(agentWalletLinkSchema.parse(link)).toEqual(link)
  })

  test('behavior: unknown delegation types still parse', () => {
    expect(agentWalletLinkSchema.safeParse({ ...link, delegationType: 'DELEGATED' }).success).toBe(
      true,
    )
  })

  test('error: a link without its wallet fails', () => {
    const { wallet: _wallet, ...withoutWallet } = link
    expect(agentWalletLinkSchema.safeParse(withoutWallet).success).toBe(false)
  })
})

describe('listAgentWalletLinksResponseSchema', () => {
  test('default: { wallets, pagination }', () => {
    const body = { wallets: [link], pagination: { total: 1, limit: 50, offset: 0, hasMore: false } }
    expect(listAgentWalletLinksResponseSchema.parse(body)).toEqual(body)
    expect(listAgentWalletLinksQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })
})

const relationship = {
  id: 'cmm59z8fj000p49h7bjqza44s',
  agentId: 'cmm59z8fj000l49h7bjqza11p',
  counterpartyId: 'cpty_123',
  spendLimitPerTx: 50,
  spendLimitDaily: null,
  spendLimitMonthly: 1000,
  createdAt: '2026-04-07T12:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}

describe('updateAgentRelationshipParamsSchema', () => {
  test('default: partial, nullable', () => {
    expect(updateAgentRelationshipParamsSchema.parse({})).toEqual({})
    expect(
      updateAgentRelationshipParamsSchema.parse({
        spendLimitPerTx: 50,
        spendLimitDaily: null,
        spendLimitMonthly: 0,
      }),
    ).toEqual({ spendLimitPerTx: 50, spendLimitDaily: null, spendLimitMonthly: 0 })
  })

  test('error: negative and 7-decimal limits give INVALID_AMOUNT', () => {
    expect(
      errorCodeOf(updateAgentRelationshipParamsSchema.safeParse({ spendLimitDaily: -1 })),
    ).toBe('INVALID_AMOUNT')
    expect(
      errorCodeOf(updateAgentRelationshipParamsSchema.safeParse({ spendLimitPerTx: 1.0000001 })),
    ).toBe('INVALID_AMOUNT')
  })
})

describe('agentRelationshipSchema', () => {
  test('default: a relationship and a list parse', () => {
    expect(agentRelationshipSchema.parse(relationship)).toEqual(relationship)
    const body = {
      relationships: [relationship],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listAgentRelationshipsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('agentWalletLinkEndpoints', () => {
  test('default: the ids', () => {
    expect(Object.values(agentWalletLinkEndpoints).map((endpoint) => endpoint.id)).toEqual([
      'agents.listWallets',
      'agents.linkWallet',
      'agents.updateWalletLink',
      'agents.unlinkWallet',
      'agents.listRelationships',
      'agents.updateRelationship',
    ])
  })

  test('behavior: linking accepts agents:write or wallets:write', () => {
    expect(agentWalletLinkEndpoints.linkWallet.scopes).toEqual(['agents:write', 'wallets:write'])
    expect(agentWalletLinkEndpoints.linkWallet.successStatus).toBe(201)
  })
})
