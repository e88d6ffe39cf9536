import { describe, expect, test } from 'vitest'
import { evmAddress, solanaAddress } from '../test/fixtures.js'
import { errorCodeOf } from '../test/parse-result.js'
import { walletEndpoints } from './endpoints/wallets.js'
import {
  createWalletParamsSchema,
  createWalletResponseSchema,
  defaultEnforcementMode,
  fundWalletParamsSchema,
  fundWalletResponseSchema,
  listWalletsQuerySchema,
  listWalletsResponseSchema,
  updateWalletParamsSchema,
  walletIdParamsSchema,
  walletSchema,
  walletStatusFilterSchema,
} from './wallet.js'

const walletFixture = {
  id: 'cmm59z8fj000m49h7bjqza22q',
  name: 'Operations Wallet',
  address: evmAddress,
  walletType: 'EOA',
  chainType: 'EVM',
  chainId: '42431',
  custodyType: 'PRIVY',
  balance: 250.5,
  usdcBalance: 250.5,
  currency: 'pathUSD',
  status: 'ACTIVE',
  isWatchOnly: false,
  enforcementMode: 'ENFORCED',
  externalWalletId: null,
  createdAt: '2026-04-07T12:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}

describe('createWalletParamsSchema', () => {
  test('default: the Defaults-page values are applied', () => {
    expect(createWalletParamsSchema.parse({ name: 'Ops' })).toEqual({
      name: 'Ops',
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: 'PRIVY',
      isWatchOnly: false,
    })
  })

  test('args: name is 1-100 characters (trimmed)', () => {
    expect(createWalletParamsSchema.safeParse({ name: 'a'.repeat(100) }).success).toBe(true)
    expect(createWalletParamsSchema.safeParse({ name: 'a'.repeat(101) }).success).toBe(false)
    expect(createWalletParamsSchema.safeParse({ name: '' }).success).toBe(false)
    expect(createWalletParamsSchema.safeParse({ name: '   ' }).success).toBe(false)
    expect(createWalletParamsSchema.parse({ name: '  Ops  ' }).name).toBe('Ops')
  })

  test('error: name is required', () => {
    const result = createWalletParamsSchema.safeParse({})
    expect(result.error?.issues[0]?.message).toBe('name is required')
  })

  test('args: chainId accepts a number and is normalised to a string', () => {
    expect(createWalletParamsSchema.parse({ name: 'Base', chainId: 8453 }).chainId).toBe('8453')
    expect(createWalletParamsSchema.parse({ name: 'Base', chainId: '8453' }).chainId).toBe('8453')
  })

  test('error: unknown chainId lists the known chains', () => {
    const result = createWalletParamsSchema.safeParse({ name: 'X', chainId: 999 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(
      /Unknown chainId "999": expected one of .*42431/,
    )
  })

  test('behavior: an omitted chainType or chainId follows the other (getDefaultChain)', () => {
    expect(createWalletParamsSchema.parse({ name: 'X', chainId: 'solana-mainnet' })).toMatchObject({
      chainType: 'SOLANA',
      chainId: 'solana-mainnet',
    })
    expect(createWalletParamsSchema.parse({ name: 'X', chainType: 'SOLANA' })).toMatchObject({
      chainType: 'SOLANA',
      chainId: 'solana-devnet',
    })
    expect(createWalletParamsSchema.parse({ name: 'X', chainId: '8453' })).toMatchObject({
      chainType: 'EVM',
      chainId: '8453',
    })
    expect(createWalletParamsSchema.parse({ name: 'X' })).toMatchObject({
      chainType: 'EVM',
      chainId: '42431',
    })
  })

  test('error: chainId must belong to chainType', () => {
    const result = createWalletParamsSchema.safeParse({
      name: 'X',
      chainType: 'EVM',
      chainId: 'solana-mainnet',
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['chainId'])
    expect(result.error?.issues[0]?.message).toMatch(/SOLANA chain but chainType is EVM/)
  })

  test('args: every custodyType and walletType is accepted', () => {
    for (const custodyType of ['PRIVY', 'SPONGE', 'SMART_CONTRACT']) {
      expect(createWalletParamsSchema.parse({ name: 'W', custodyType }).custodyType).toBe(
        custodyType,
      )
    }
    for (const walletType of ['EOA', 'SMART_WALLET', 'MULTISIG']) {
      expect(createWalletParamsSchema.parse({ name: 'W', walletType }).walletType).toBe(walletType)
    }
  })

  test('error: unknown custodyType lists the allowed values', () => {
    const result = createWalletParamsSchema.safeParse({ name: 'W', custodyType: 'COINBASE' })
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid custodyType "COINBASE": expected one of PRIVY, SPONGE, EXTERNAL, SMART_CONTRACT',
    )
  })

  test('error: EXTERNAL custody requires an address', () => {
    const result = createWalletParamsSchema.safeParse({ name: 'W', custodyType: 'EXTERNAL' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['address'])
    expect(result.error?.issues[0]?.message).toMatch(/required for EXTERNAL custody/)
  })

  test('args: EXTERNAL custody with address or importAddress', () => {
    expect(
      createWalletParamsSchema.parse({ name: 'W', custodyType: 'EXTERNAL', address: evmAddress }),
    ).toMatchObject({ custodyType: 'EXTERNAL', address: evmAddress })
    expect(
      createWalletParamsSchema.safeParse({
        name: 'W',
        custodyType: 'EXTERNAL',
        importAddress: evmAddress,
        isWatchOnly: true,
      }).success,
    ).toBe(true)
  })

  test('default: an import (importAddress) is EXTERNAL custody', () => {
    expect(createWalletParamsSchema.parse({ name: 'W4', importAddress: evmAddress })).toEqual({
      name: 'W4',
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: 'EXTERNAL',
      isWatchOnly: false,
      importAddress: evmAddress,
    })
  })

  test('default: a watch-only wallet is EXTERNAL custody', () => {
    expect(
      createWalletParamsSchema.parse({ name: 'W17', isWatchOnly: true, address: evmAddress }),
    ).toMatchObject({ custodyType: 'EXTERNAL', isWatchOnly: true, address: evmAddress })
    expect(
      createWalletParamsSchema.parse({ name: 'W', isWatchOnly: true, importAddress: evmAddress }),
    ).toMatchObject({ custodyType: 'EXTERNAL', isWatchOnly: true, importAddress: evmAddress })
  })

  test('default: without importAddress or isWatchOnly the custody type stays PRIVY', () => {
    expect(createWalletParamsSchema.parse({ name: 'W' }).custodyType).toBe('PRIVY')
    expect(createWalletParamsSchema.parse({ name: 'W', isWatchOnly: false }).custodyType).toBe(
      'PRIVY',
    )
    expect(createWalletParamsSchema.parse({ name: 'W', address: evmAddress }).custodyType).toBe(
      'PRIVY',
    )
  })

  test('args: explicit EXTERNAL with importAddress or isWatchOnly', () => {
    expect(
      createWalletParamsSchema.parse({
        name: 'W',
        custodyType: 'EXTERNAL',
        importAddress: evmAddress,
      }),
    ).toMatchObject({ custodyType: 'EXTERNAL', importAddress: evmAddress })
    expect(
      createWalletParamsSchema.parse({
        name: 'W',
        custodyType: 'EXTERNAL',
        isWatchOnly: true,
        address: evmAddress,
      }),
    ).toMatchObject({ custodyType: 'EXTERNAL', isWatchOnly: true })
  })

  test('error: another explicit custodyType with importAddress or isWatchOnly', () => {
    for (const custodyType of ['PRIVY', 'SPONGE', 'SMART_CONTRACT']) {
      for (const extra of [
        { importAddress: evmAddress },
        { isWatchOnly: true, address: evmAddress },
        { importAddress: evmAddress, isWatchOnly: true },
      ]) {
        const result = createWalletParamsSchema.safeParse({ name: 'W', custodyType, ...extra })
        const label = `${custodyType} ${JSON.stringify(extra)}`
        expect(result.success, label).toBe(false)
        expect(errorCodeOf(result), label).toBe('VALIDATION_ERROR')
        expect(result.error?.issues, label).toHaveLength(1)
        expect(result.error?.issues[0]?.path, label).toEqual(['custodyType'])
        expect(result.error?.issues[0]?.message, label).toMatch(
          new RegExp(`^custodyType ${custodyType} cannot be combined with .*EXTERNAL custody`),
        )
      }
    }
  })

  test('error: a watch-only wallet without an address', () => {
    const result = createWalletParamsSchema.safeParse({ name: 'W', isWatchOnly: true })
    expect(result.success).toBe(false)
    expect(errorCodeOf(result)).toBe('VALIDATION_ERROR')
    expect(result.error?.issues[0]?.path).toEqual(['address'])
    expect(result.error?.issues[0]?.message).toMatch(/required for EXTERNAL custody/)
  })

  test('args: attach an existing Privy wallet (externalWalletId + address)', () => {
    expect(
      createWalletParamsSchema.parse({
        name: 'Privy',
        custodyType: 'PRIVY',
        externalWalletId: 'privy-wallet-123',
        address: evmAddress,
      }),
    ).toMatchObject({ externalWalletId: 'privy-wallet-123', address: evmAddress })
  })

  test('args: a Solana wallet', () => {
    expect(
      createWalletParamsSchema.parse({
        name: 'Sol',
        chainType: 'SOLANA',
        chainId: 'solana-devnet',
        custodyType: 'EXTERNAL',
        address: solanaAddress,
      }),
    ).toMatchObject({ chainType: 'SOLANA', chainId: 'solana-devnet', address: solanaAddress })
  })

  test('error: the address must match chainType', () => {
    const evmOnSolana = createWalletParamsSchema.safeParse({
      name: 'Sol',
      chainType: 'SOLANA',
      chainId: 'solana-mainnet',
      custodyType: 'EXTERNAL',
      address: evmAddress,
    })
    expect(evmOnSolana.success).toBe(false)
    expect(errorCodeOf(evmOnSolana)).toBe('INVALID_ADDRESS')
    expect(evmOnSolana.error?.issues[0]?.message).toMatch(/Solana address .* for chainType SOLANA/)

    const solanaOnEvm = createWalletParamsSchema.safeParse({
      name: 'W',
      custodyType: 'EXTERNAL',
      address: solanaAddress,
    })
    expect(errorCodeOf(solanaOnEvm)).toBe('INVALID_ADDRESS')
    expect(solanaOnEvm.error?.issues[0]?.message).toMatch(/EVM address .* for chainType EVM/)
  })

  test('error: malformed addresses give INVALID_ADDRESS', () => {
    for (const address of ['0x123', 'not-an-address', `${evmAddress}00`]) {
      const result = createWalletParamsSchema.safeParse({ name: 'W', address })
      expect(result.success, address).toBe(false)
      expect(errorCodeOf(result), address).toBe('INVALID_ADDRESS')
    }
  })

  test('error: address and importAddress must agree', () => {
    const result = createWalletParamsSchema.safeParse({
      name: 'W',
      custodyType: 'EXTERNAL',
      address: evmAddress,
      importAddress: '0x0000000000000000000000000000000000000001',
    })
    expect(errorCodeOf(result)).toBe('INVALID_ADDRESS')
    expect(
      createWalletParamsSchema.safeParse({
        name: 'W',
        custodyType: 'EXTERNAL',
        address: evmAddress,
        importAddress: evmAddress.toLowerCase(),
      }).success,
    ).toBe(true)
  })

  test('args: enforcementMode', () => {
    for (const enforcementMode of ['SDK_REQUIRED', 'MONITORING_ONLY', 'ENFORCED']) {
      expect(createWalletParamsSchema.parse({ name: 'W', enforcementMode }).enforcementMode).toBe(
        enforcementMode,
      )
    }
    expect(
      createWalletParamsSchema.safeParse({ name: 'W', enforcementMode: 'STRICT' }).error?.issues[0]
        ?.message,
    ).toBe(
      'Invalid enforcementMode "STRICT": expected one of SDK_REQUIRED, MONITORING_ONLY, ENFORCED',
    )
  })
})

describe('defaultEnforcementMode', () => {
  test('default: EXTERNAL → SDK_REQUIRED, others → ENFORCED', () => {
    expect(defaultEnforcementMode('EXTERNAL')).toBe('SDK_REQUIRED')
    expect(defaultEnforcementMode('PRIVY')).toBe('ENFORCED')
    expect(defaultEnforcementMode('SPONGE')).toBe('ENFORCED')
    expect(defaultEnforcementMode('SMART_CONTRACT')).toBe('ENFORCED')
  })
})

describe('updateWalletParamsSchema', () => {
  test('default: an empty body is valid and adds nothing', () => {
    expect(updateWalletParamsSchema.parse({})).toEqual({})
  })

  test('args: status ACTIVE or FROZEN', () => {
    expect(updateWalletParamsSchema.parse({ status: 'FROZEN' })).toEqual({ status: 'FROZEN' })
    expect(updateWalletParamsSchema.parse({ status: 'ACTIVE', name: 'New' })).toEqual({
      status: 'ACTIVE',
      name: 'New',
    })
  })

  test('error: ARCHIVED is set through archive, not update', () => {
    expect(
      updateWalletParamsSchema.safeParse({ status: 'ARCHIVED' }).error?.issues[0]?.message,
    ).toBe('Invalid status "ARCHIVED": expected one of ACTIVE, FROZEN')
  })

  test('args: name, enforcementMode, isWatchOnly', () => {
    expect(
      updateWalletParamsSchema.parse({ enforcementMode: 'MONITORING_ONLY', isWatchOnly: true }),
    ).toEqual({ enforcementMode: 'MONITORING_ONLY', isWatchOnly: true })
    expect(updateWalletParamsSchema.safeParse({ name: 'a'.repeat(101) }).success).toBe(false)
  })
})

describe('walletStatusFilterSchema', () => {
  test('behavior: CLOSED is an alias of ARCHIVED', () => {
    expect(walletStatusFilterSchema.parse('CLOSED')).toBe('ARCHIVED')
    expect(walletStatusFilterSchema.parse('ARCHIVED')).toBe('ARCHIVED')
    expect(walletStatusFilterSchema.parse('FROZEN')).toBe('FROZEN')
  })

  test('error: unknown status lists the allowed values', () => {
    expect(walletStatusFilterSchema.safeParse('DELETED').error?.issues[0]?.message).toBe(
      'Invalid status "DELETED": expected one of ACTIVE, FROZEN, ARCHIVED, CLOSED',
    )
  })
})

describe('listWalletsQuerySchema', () => {
  test('default: pagination defaults', () => {
    expect(listWalletsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: filters from a query string', () => {
    expect(
      listWalletsQuerySchema.parse({
        status: 'CLOSED',
        chainType: 'EVM',
        chainId: '42431',
        custodyType: 'EXTERNAL',
        limit: '10',
        offset: '20',
      }),
    ).toEqual({
      status: 'ARCHIVED',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: 'EXTERNAL',
      limit: 10,
      offset: 20,
    })
  })

  test('error: limit above 100, unknown chainType', () => {
    // Above 100 reads as 100 (conto-api §6.4: cap 100).
    expect(listWalletsQuerySchema.parse({ limit: '101' }).limit).toBe(100)
    expect(
      listWalletsQuerySchema.safeParse({ chainType: 'BITCOIN' }).error?.issues[0]?.message,
    ).toBe('Invalid chainType "BITCOIN": expected one of EVM, SOLANA')
  })
})

describe('walletSchema', () => {
  test('default: a wallet parses', () => {
    expect(walletSchema.parse(walletFixture)).toEqual(walletFixture)
  })

  test('behavior: an unprovisioned wallet has a null address', () => {
    expect(walletSchema.safeParse({ ...walletFixture, address: null }).success).toBe(true)
  })

  test('behavior: enum values added later still parse', () => {
    expect(
      walletSchema.safeParse({ ...walletFixture, custodyType: 'TURNKEY', status: 'PENDING' })
        .success,
    ).toBe(true)
  })

  test('error: a missing field fails', () => {
    const { updatedAt: _updatedAt, ...withoutUpdatedAt } = walletFixture
    expect(walletSchema.safeParse(withoutUpdatedAt).success).toBe(false)
  })
})

describe('createWalletResponseSchema', () => {
  test('default: the wallet plus created', () => {
    expect(createWalletResponseSchema.parse({ ...walletFixture, created: true }).created).toBe(true)
    expect(createWalletResponseSchema.parse({ ...walletFixture, created: false }).created).toBe(
      false,
    )
  })

  test('error: created is required', () => {
    expect(createWalletResponseSchema.safeParse(walletFixture).success).toBe(false)
  })
})

describe('listWalletsResponseSchema', () => {
  test('default: wallets with pagination', () => {
    const body = {
      wallets: [walletFixture],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listWalletsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('fundWalletParamsSchema', () => {
  test('args: amounts with up to 6 decimals', () => {
    expect(fundWalletParamsSchema.parse({ amount: 100 })).toEqual({ amount: 100 })
    expect(fundWalletParamsSchema.parse({ amount: 0.000001 })).toEqual({ amount: 0.000001 })
  })

  test('error: 7 decimals, zero, negative, non-numbers give INVALID_AMOUNT', () => {
    for (const amount of [0.0000001, 0, -5, '10', Number.NaN]) {
      const result = fundWalletParamsSchema.safeParse({ amount })
      expect(result.success, String(amount)).toBe(false)
      expect(errorCodeOf(result), String(amount)).toBe('INVALID_AMOUNT')
    }
  })

  test('error: amount is required', () => {
    expect(fundWalletParamsSchema.safeParse({}).success).toBe(false)
  })
})

describe('fundWalletResponseSchema', () => {
  test('default: wallet, funded and balance', () => {
    const body = { wallet: { ...walletFixture, balance: 350.5 }, funded: 100, balance: 350.5 }
    expect(fundWalletResponseSchema.parse(body)).toEqual(body)
  })
})

describe('walletIdParamsSchema', () => {
  test('error: ids with other characters are rejected', () => {
    expect(walletIdParamsSchema.safeParse({ walletId: 'wal_123' }).success).toBe(true)
    expect(walletIdParamsSchema.safeParse({ walletId: '../etc' }).success).toBe(false)
  })
})

describe('walletEndpoints', () => {
  test('default: the keys', () => {
    expect(Object.keys(walletEndpoints)).toEqual([
      'list',
      'create',
      'retrieve',
      'update',
      'archive',
      'delete',
      'provision',
      'fund',
    ])
  })

  test('behavior: fund is test-mode only; every route is an org wallets route', () => {
    expect(walletEndpoints.fund.testModeOnly).toBe(true)
    for (const endpoint of Object.values(walletEndpoints)) {
      expect(endpoint.id.startsWith('wallets.')).toBe(true)
      expect(endpoint.tag).toBe('Wallets')
      expect(endpoint.keyKinds).toEqual(['org'])
    }
    expect(walletEndpoints.create.successStatus).toBe(201)
  })
})
