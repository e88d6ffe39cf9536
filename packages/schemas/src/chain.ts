import * as z from 'zod/mini'
import { enumSchema } from './common.js'

/**
 * The chain table (§4.4 and the Defaults page): chain id → name, type, stablecoin, network and
 * explorer. Chain ids are strings on the wire (`"42431"`, `"solana-mainnet"`).
 */

export const chainTypes = ['EVM', 'SOLANA'] as const
export type ChainType = (typeof chainTypes)[number]
export const chainTypeSchema = enumSchema(chainTypes, 'chainType')

export interface ChainInfo {
  readonly chainId: string
  readonly name: string
  readonly chainType: ChainType
  /** Symbol of the chain's primary stablecoin, returned as `currency` in payment responses. */
  readonly stablecoin: string
  readonly network: 'mainnet' | 'testnet'
  readonly explorerUrl: string
  /** Query string appended to explorer links (Solana devnet needs `?cluster=devnet`). */
  readonly explorerQuery?: string
  /** ERC-20 contract of the stablecoin on EVM chains (used by simulated settlement). */
  readonly stablecoinAddress?: `0x${string}`
  /** Numeric EVM chain id for signing; absent on Solana. */
  readonly evmChainId?: number
}

export const chains = {
  '42431': {
    chainId: '42431',
    name: 'Tempo Testnet',
    chainType: 'EVM',
    stablecoin: 'pathUSD',
    network: 'testnet',
    explorerUrl: 'https://explore.moderato.tempo.xyz',
    stablecoinAddress: '0x20c0000000000000000000000000000000000000',
    evmChainId: 42431,
  },
  '4217': {
    chainId: '4217',
    name: 'Tempo Mainnet',
    chainType: 'EVM',
    stablecoin: 'USDC.e',
    network: 'mainnet',
    explorerUrl: 'https://explore.tempo.xyz',
    evmChainId: 4217,
  },
  '8453': {
    chainId: '8453',
    name: 'Base',
    chainType: 'EVM',
    stablecoin: 'USDC',
    network: 'mainnet',
    explorerUrl: 'https://basescan.org',
    stablecoinAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
    evmChainId: 8453,
  },
  '84532': {
    chainId: '84532',
    name: 'Base Sepolia',
    chainType: 'EVM',
    stablecoin: 'USDC',
    network: 'testnet',
    explorerUrl: 'https://sepolia.basescan.org',
    stablecoinAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
    evmChainId: 84532,
  },
  '1': {
    chainId: '1',
    name: 'Ethereum',
    chainType: 'EVM',
    stablecoin: 'USDC',
    network: 'mainnet',
    explorerUrl: 'https://etherscan.io',
    stablecoinAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
    evmChainId: 1,
  },
  '42161': {
    chainId: '42161',
    name: 'Arbitrum One',
    chainType: 'EVM',
    stablecoin: 'USDC',
    network: 'mainnet',
    explorerUrl: 'https://arbiscan.io',
    stablecoinAddress: '0xaf88d065e77c8cC2239327C5EDb3A432268e5831',
    evmChainId: 42161,
  },
  '137': {
    chainId: '137',
    name: 'Polygon',
    chainType: 'EVM',
    stablecoin: 'USDC',
    network: 'mainnet',
    explorerUrl: 'https://polygonscan.com',
    stablecoinAddress: '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359',
    evmChainId: 137,
  },
  'solana-mainnet': {
    chainId: 'solana-mainnet',
    name: 'Solana Mainnet',
    chainType: 'SOLANA',
    stablecoin: 'USDC',
    network: 'mainnet',
    explorerUrl: 'https://solscan.io',
  },
  'solana-devnet': {
    chainId: 'solana-devnet',
    name: 'Solana Devnet',
    chainType: 'SOLANA',
    stablecoin: 'USDC',
    network: 'testnet',
    explorerUrl: 'https://solscan.io',
    explorerQuery: '?cluster=devnet',
  },
} as const satisfies Record<string, ChainInfo>

export type ChainId = keyof typeof chains
export const chainIds = Object.keys(chains) as [ChainId, ...ChainId[]]

/** Looks up a chain by id (string or number); `undefined` when Conto does not know it. */
export function getChain(chainId: string | number): ChainInfo | undefined {
  const key = String(chainId)
  return Object.hasOwn(chains, key) ? chains[key as ChainId] : undefined
}

export const isKnownChainId = (chainId: string | number): boolean => getChain(chainId) !== undefined

/** The chain's primary stablecoin symbol (`getPrimaryStablecoin` in Conto's docs). */
export function getPrimaryStablecoin(chainId: string | number): string | undefined {
  return getChain(chainId)?.stablecoin
}

/** Explorer link for a transaction on a known chain, e.g. `https://basescan.org/tx/0x…`. */
export function explorerTxUrl(chainId: string | number, txHash: string): string | undefined {
  const chain = getChain(chainId)
  return chain ? `${chain.explorerUrl}/tx/${txHash}${chain.explorerQuery ?? ''}` : undefined
}

/** Explorer link for an address on a known chain. */
export function explorerAddressUrl(chainId: string | number, address: string): string | undefined {
  const chain = getChain(chainId)
  if (!chain) return undefined
  const segment = chain.chainType === 'SOLANA' ? 'account' : 'address'
  return `${chain.explorerUrl}/${segment}/${address}${chain.explorerQuery ?? ''}`
}

/**
 * A chain id on requests: a known chain id as a string or number (`42431`, `"42431"`,
 * `"solana-mainnet"`), normalised to the string form.
 */
export const chainIdSchema = z
  .pipe(
    z.union([z.string(), z.number().check(z.int())]),
    z.transform((value) => String(value)),
  )
  .check(
    z.refine(isKnownChainId, {
      error: (issue) =>
        `Unknown chainId ${JSON.stringify(issue.input)}: expected one of ${chainIds.join(', ')}`,
    }),
    z.meta({ description: 'Chain id (string or number)', examples: ['42431'] }),
  )

/** A chain summary as payment responses carry it. */
export const chainSummarySchema = z.object({
  chainId: z.string(),
  chainName: z.string(),
  chainType: z.string(),
  explorerUrl: z.optional(z.string()),
})
export type ChainSummary = z.infer<typeof chainSummarySchema>
