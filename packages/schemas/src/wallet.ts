import * as z from 'zod/mini'
import { type ChainType, chainIdSchema, chainTypeSchema, chainTypes, getChain } from './chain.js'
import {
  addressSchema,
  amountSchema,
  amountValueSchema,
  enumSchema,
  idSchema,
  isEvmAddress,
  isoTimestampSchema,
  isSolanaAddress,
  issueParams,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  successResponseSchema,
} from './common.js'
import { defaults } from './defaults.js'

/**
 * Wallets (§2.5, §4.3, the Defaults page, the Custody Modes guide): where an organization's money
 * sits, who holds its keys (`custodyType`) and how far Conto can stop a spend (`enforcementMode`).
 */

/** Who can sign: managed providers (PRIVY, SPONGE), the customer (EXTERNAL), or a contract. */
export const custodyTypes = ['PRIVY', 'SPONGE', 'EXTERNAL', 'SMART_CONTRACT'] as const
export type CustodyType = (typeof custodyTypes)[number]
export const custodyTypeSchema = enumSchema(custodyTypes, 'custodyType')

export const walletTypes = ['EOA', 'SMART_WALLET', 'MULTISIG'] as const
export type WalletType = (typeof walletTypes)[number]
export const walletTypeSchema = enumSchema(walletTypes, 'walletType')

/** Canonical wallet statuses (`ARCHIVED` is spelt `CLOSED` by the old docs). */
export const walletStatuses = ['ACTIVE', 'FROZEN', 'ARCHIVED'] as const
export type WalletStatus = (typeof walletStatuses)[number]
export const walletStatusSchema = enumSchema(walletStatuses, 'status')

/** A `status` filter: the canonical statuses, plus `CLOSED` read as an alias of `ARCHIVED`. */
export const walletStatusFilterSchema = z.pipe(
  enumSchema([...walletStatuses, 'CLOSED'] as const, 'status'),
  z.transform((status): WalletStatus => (status === 'CLOSED' ? 'ARCHIVED' : status)),
)

/**
 * How far Conto can stop a spend: `ENFORCED` (Conto is in the execution path: managed and smart
 * contract wallets), `SDK_REQUIRED` (the agent must obtain an approval through the SDK before it
 * transfers), `MONITORING_ONLY` (transfers are recorded and checked, never blocked).
 */
export const enforcementModes = ['SDK_REQUIRED', 'MONITORING_ONLY', 'ENFORCED'] as const
export type EnforcementMode = (typeof enforcementModes)[number]
export const enforcementModeSchema = enumSchema(enforcementModes, 'enforcementMode')

/** The enforcement mode a new wallet gets when `enforcementMode` is omitted. */
export function defaultEnforcementMode(custodyType: CustodyType): EnforcementMode {
  return custodyType === 'EXTERNAL' ? 'SDK_REQUIRED' : 'ENFORCED'
}

/** Custody types whose payments Conto executes itself (`request → execute`). */
export const managedCustodyTypes = ['PRIVY', 'SPONGE'] as const satisfies readonly CustodyType[]

export const walletNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )

/** A wallet as the API returns it. */
export const walletSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `null` until the wallet is provisioned on chain. */
  address: z.nullable(z.string()),
  walletType: openEnumSchema(walletTypes),
  chainType: openEnumSchema(chainTypes),
  chainId: z.string(),
  custodyType: openEnumSchema(custodyTypes),
  balance: amountValueSchema,
  /** Same value as `balance` (the old docs' name for it). */
  usdcBalance: amountValueSchema,
  /** The chain's primary stablecoin (`pathUSD` on 42431, `USDC.e` on 4217, else `USDC`). */
  currency: z.string(),
  status: openEnumSchema(walletStatuses),
  isWatchOnly: z.boolean(),
  enforcementMode: openEnumSchema(enforcementModes),
  /** The custody provider's wallet id (e.g. a Privy wallet id), when there is one. */
  externalWalletId: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
})
export type Wallet = z.infer<typeof walletSchema>

/** What a create body says about custody, before `custodyType` is resolved. */
interface CustodyRequest {
  readonly custodyType?: CustodyType | undefined
  readonly importAddress?: string | undefined
  readonly isWatchOnly: boolean
}

/**
 * The custody type a create body asks for: the one sent, else EXTERNAL for an import
 * (`importAddress`) or a watch-only wallet (Conto registers both as EXTERNAL custody: it holds
 * no key for them), else the documented default (PRIVY).
 */
function resolveCustodyType(wallet: CustodyRequest): CustodyType {
  if (wallet.custodyType !== undefined) return wallet.custodyType
  if (wallet.importAddress !== undefined || wallet.isWatchOnly) return 'EXTERNAL'
  return defaults.wallet.custodyType
}

/**
 * The chain a create body asks for (`getDefaultChain()`): `chainType` sent, else the type of the
 * `chainId` sent, else EVM; `chainId` sent, else the default chain of that type.
 */
function resolveChain(wallet: {
  chainType?: ChainType | undefined
  chainId?: string | undefined
}): {
  chainType: ChainType
  chainId: string
} {
  const chainType =
    wallet.chainType ??
    (wallet.chainId === undefined ? undefined : getChain(wallet.chainId)?.chainType) ??
    defaults.wallet.chainType
  const chainId =
    wallet.chainId ??
    (chainType === 'SOLANA' ? defaults.wallet.solanaChainId : defaults.wallet.chainId)
  return { chainType, chainId }
}

/** `POST /api/wallets` as sent, checked; `createWalletParamsSchema` resolves `custodyType`. */
const createWalletBodySchema = z
  .object({
    name: walletNameSchema,
    walletType: z._default(walletTypeSchema, defaults.wallet.walletType),
    /** Omitted: the type of `chainId` when given, else EVM. */
    chainType: z.optional(chainTypeSchema),
    /** Omitted: 42431 (Tempo Testnet) for EVM, `solana-devnet` for SOLANA. */
    chainId: z.optional(chainIdSchema),
    /** Omitted: EXTERNAL with `importAddress` or `isWatchOnly: true`, else PRIVY. */
    custodyType: z.optional(custodyTypeSchema).check(
      z.meta({
        description:
          'Default: EXTERNAL when importAddress is given or isWatchOnly is true (imported and ' +
          'watch-only wallets are EXTERNAL custody), else PRIVY',
      }),
    ),
    isWatchOnly: z._default(z.boolean(), defaults.wallet.isWatchOnly),
    address: z.optional(addressSchema),
    /** The watch-only import flow's name for `address`. */
    importAddress: z.optional(addressSchema),
    externalWalletId: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    /** Default: `SDK_REQUIRED` for EXTERNAL custody, else `ENFORCED` (`defaultEnforcementMode`). */
    enforcementMode: z.optional(enforcementModeSchema),
  })
  .check(
    z.superRefine((body, ctx) => {
      const wallet = { ...body, ...resolveChain(body) }
      const chain = getChain(wallet.chainId)
      if (chain && chain.chainType !== wallet.chainType) {
        ctx.addIssue({
          code: 'custom',
          path: ['chainId'],
          message: `chainId ${wallet.chainId} is a ${chain.chainType} chain but chainType is ${wallet.chainType}`,
        })
      }
      if (wallet.custodyType !== undefined && wallet.custodyType !== 'EXTERNAL') {
        const implied = [
          ...(wallet.importAddress !== undefined ? ['importAddress'] : []),
          ...(wallet.isWatchOnly ? ['isWatchOnly: true'] : []),
        ]
        if (implied.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['custodyType'],
            message: `custodyType ${wallet.custodyType} cannot be combined with ${implied.join(' or ')}: imported and watch-only wallets are EXTERNAL custody`,
          })
        }
      }
      if (resolveCustodyType(wallet) === 'EXTERNAL' && !wallet.address && !wallet.importAddress) {
        ctx.addIssue({
          code: 'custom',
          path: ['address'],
          message: 'address (or importAddress) is required for EXTERNAL custody',
        })
      }
      if (
        wallet.address &&
        wallet.importAddress &&
        wallet.address.toLowerCase() !== wallet.importAddress.toLowerCase()
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['importAddress'],
          message: 'address and importAddress must be the same address when both are given',
          ...issueParams('INVALID_ADDRESS'),
        })
      }
      const matches = wallet.chainType === 'SOLANA' ? isSolanaAddress : isEvmAddress
      for (const field of ['address', 'importAddress'] as const) {
        const value = wallet[field]
        if (value !== undefined && !matches(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message:
              wallet.chainType === 'SOLANA'
                ? `${field} must be a Solana address (32-44 base58 characters) for chainType SOLANA`
                : `${field} must be an EVM address (0x + 40 hex characters) for chainType EVM`,
            ...issueParams('INVALID_ADDRESS'),
          })
        }
      }
    }),
  )

/**
 * Body of `POST /api/wallets`: create a managed wallet, attach an existing provider wallet
 * (`custodyType` + `externalWalletId` + `address`) or import an EXTERNAL one (`address`, or the
 * watch-only import flow's `importAddress` / `isWatchOnly: true`, which imply EXTERNAL custody).
 * Registration is idempotent per (`address`, `chainId`) and per (`externalWalletId`, `chainId`).
 * The parsed body always carries the resolved `custodyType`.
 */
export const createWalletParamsSchema = z.pipe(
  createWalletBodySchema,
  z.transform((wallet) => ({
    ...wallet,
    ...resolveChain(wallet),
    custodyType: resolveCustodyType(wallet),
  })),
)
export type CreateWalletParams = z.input<typeof createWalletParamsSchema>

/** `POST /api/wallets`: the wallet, and whether this call created it (201) or found it (200). */
export const createWalletResponseSchema = z.extend(walletSchema, {
  created: z.boolean().check(
    z.meta({
      description:
        'true when the wallet was created (HTTP 201); false when an idempotent repeat returned the existing wallet (HTTP 200)',
    }),
  ),
})
export type CreateWalletResponse = z.infer<typeof createWalletResponseSchema>

/** Body of `PATCH /api/wallets/{walletId}` (archive with `POST …/archive`). */
export const updateWalletParamsSchema = z.object({
  name: z.optional(walletNameSchema),
  status: z.optional(enumSchema(['ACTIVE', 'FROZEN'], 'status')),
  enforcementMode: z.optional(enforcementModeSchema),
  isWatchOnly: z.optional(z.boolean()),
})
export type UpdateWalletParams = z.input<typeof updateWalletParamsSchema>

/** Query of `GET /api/wallets`. */
export const listWalletsQuerySchema = z.extend(paginationQuerySchema, {
  status: z.optional(walletStatusFilterSchema),
  chainType: z.optional(chainTypeSchema),
  chainId: z.optional(chainIdSchema),
  custodyType: z.optional(custodyTypeSchema),
})
export type ListWalletsQuery = z.input<typeof listWalletsQuerySchema>

export const listWalletsResponseSchema = listEnvelopeSchema('wallets', walletSchema)
export type ListWalletsResponse = z.infer<typeof listWalletsResponseSchema>

/** Body of `POST /api/wallets/{walletId}/fund` (test mode only): credit the wallet's balance. */
export const fundWalletParamsSchema = z.object({
  amount: amountSchema({ description: 'Amount to credit, in stablecoin units' }),
})
export type FundWalletParams = z.input<typeof fundWalletParamsSchema>

export const fundWalletResponseSchema = z.object({
  wallet: walletSchema,
  /** The amount credited. */
  funded: amountValueSchema,
  /** The balance after funding. */
  balance: amountValueSchema,
})
export type FundWalletResponse = z.infer<typeof fundWalletResponseSchema>

export const deleteWalletResponseSchema = successResponseSchema

/** Path parameters `{walletId}`. */
export const walletIdParamsSchema = z.object({ walletId: idSchema })
