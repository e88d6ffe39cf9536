import { describe, expect, test } from 'vitest'
import {
  chainIdSchema,
  chains,
  explorerAddressUrl,
  explorerTxUrl,
  getChain,
  getPrimaryStablecoin,
} from './chain.js'
import { defaults } from './defaults.js'

const hash = `0x${'ab'.repeat(32)}`

describe('chains', () => {
  test('default: the Defaults page currencies and explorers', () => {
    expect(getPrimaryStablecoin(42431)).toBe('pathUSD')
    expect(getPrimaryStablecoin('4217')).toBe('USDC.e')
    for (const id of ['8453', '1', '42161', '137', '84532'])
      expect(getPrimaryStablecoin(id)).toBe('USDC')
    expect(getPrimaryStablecoin('solana-mainnet')).toBe('USDC')
    expect(chains['42431'].explorerUrl).toBe('https://explore.moderato.tempo.xyz')
    expect(chains['4217'].explorerUrl).toBe('https://explore.tempo.xyz')
    expect(getChain(defaults.chain.apiChainId)?.name).toBe('Tempo Testnet')
  })

  test('behavior: every entry is keyed by its own chainId', () => {
    for (const [key, chain] of Object.entries(chains)) expect(chain.chainId).toBe(key)
  })

  test('behavior: unknown chains', () => {
    expect(getChain('999')).toBeUndefined()
    expect(getChain('toString')).toBeUndefined()
    expect(explorerTxUrl('999', hash)).toBeUndefined()
  })
})

describe('explorerTxUrl', () => {
  test('default', () => {
    expect(explorerTxUrl(42431, hash)).toBe(`https://explore.moderato.tempo.xyz/tx/${hash}`)
    expect(explorerTxUrl('8453', hash)).toBe(`https://basescan.org/tx/${hash}`)
    expect(explorerTxUrl('solana-devnet', 'sig')).toBe('https://solscan.io/tx/sig?cluster=devnet')
  })
})

describe('explorerAddressUrl', () => {
  test('default', () => {
    expect(explorerAddressUrl('1', '0xabc')).toBe('https://etherscan.io/address/0xabc')
    expect(explorerAddressUrl('solana-mainnet', 'abc')).toBe('https://solscan.io/account/abc')
  })
})

describe('chainIdSchema', () => {
  test('default: numbers and strings normalise to the string id', () => {
    expect(chainIdSchema.parse(42431)).toBe('42431')
    expect(chainIdSchema.parse('8453')).toBe('8453')
    expect(chainIdSchema.parse('solana-mainnet')).toBe('solana-mainnet')
  })

  test('error: unknown chain lists the known ones', () => {
    const message = chainIdSchema.safeParse(999).error?.issues[0]?.message
    expect(message).toContain('Unknown chainId "999"')
    expect(message).toContain('42431')
  })
})
