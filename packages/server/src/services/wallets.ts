import {
  type CreateWalletResponse,
  type createWalletParamsSchema,
  defaultEnforcementMode,
  type FundWalletResponse,
  fromMicros,
  type fundWalletParamsSchema,
  getPrimaryStablecoin,
  type ListWalletsResponse,
  type listWalletsQuerySchema,
  managedCustodyTypes,
  toMicros,
  type updateWalletParamsSchema,
  type Wallet,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import {
  countWalletHistory,
  deleteWallet as deleteWalletRow,
  findWallet,
  findWalletByAddress,
  findWalletByExternalId,
  insertWallet,
  listWallets as listWalletRows,
  updateWallet as updateWalletRow,
  type WalletRow,
} from '../db/repositories/wallets.js'
import { inTransaction } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { emitEvent } from './events.js'
import { paginationOf } from './pagination.js'
import { generateWalletKey } from './wallet-keys.js'

/**
 * Wallets (§2.5): registration (idempotent per address or provider id and chain), managed-key
 * generation, freeze/unfreeze, archive, deletion guarded by history, and test-mode funding.
 */

export type { WalletRow }

/** A wallet row as the API returns it (`balance` and `usdcBalance` carry the same value). */
export function toWalletResponse(row: WalletRow): Wallet {
  const balance = fromMicros(row.balanceMicros)
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    walletType: row.walletType,
    chainType: row.chainType,
    chainId: row.chainId,
    custodyType: row.custodyType,
    balance,
    usdcBalance: balance,
    currency: row.currency,
    status: row.status,
    isWatchOnly: row.isWatchOnly,
    enforcementMode: row.enforcementMode,
    externalWalletId: row.externalWalletId,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

type ListWalletsQuery = z.output<typeof listWalletsQuerySchema>
type CreateWalletInput = z.output<typeof createWalletParamsSchema>
type UpdateWalletInput = z.output<typeof updateWalletParamsSchema>
type FundWalletInput = z.output<typeof fundWalletParamsSchema>

const isManaged = (custodyType: string): boolean =>
  (managedCustodyTypes as readonly string[]).includes(custodyType)

function audit(
  call: ServiceCall,
  tx: Parameters<typeof recordAudit>[0],
  entry: {
    action: string
    walletId: string
    before?: WalletRow
    after?: WalletRow
    metadata?: Record<string, unknown>
  },
): void {
  recordAudit(tx, call.deps.clock.now(), {
    organizationId: organizationIdOf(call.auth),
    action: entry.action,
    resource: 'wallet',
    resourceId: entry.walletId,
    previousState: entry.before ? toWalletResponse(entry.before) : null,
    newState: entry.after ? toWalletResponse(entry.after) : null,
    actor: actorOf(call.auth),
    request: call.request,
    ...(entry.metadata ? { metadata: entry.metadata } : {}),
  })
}

export function listWallets(call: ServiceCall, query: ListWalletsQuery): ListWalletsResponse {
  const { rows, total } = listWalletRows(
    call.deps.db,
    organizationIdOf(call.auth),
    {
      status: query.status,
      chainType: query.chainType,
      chainId: query.chainId,
      custodyType: query.custodyType,
    },
    { limit: query.limit, offset: query.offset },
  )
  return {
    wallets: rows.map(toWalletResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function retrieveWallet(call: ServiceCall, walletId: string): Wallet {
  return toWalletResponse(requireWallet(call, walletId))
}

function requireWallet(call: ServiceCall, walletId: string): WalletRow {
  const row = findWallet(call.deps.db, organizationIdOf(call.auth), walletId)
  if (!row) throw notFound('Wallet', walletId)
  return row
}

/**
 * Creates, attaches or imports a wallet. An existing wallet with the same (address, chainId) —
 * address compared case-insensitively — or (externalWalletId, chainId) is returned instead
 * (`created: false`); a managed wallet without an address gets a freshly generated key.
 */
export function createWallet(
  call: ServiceCall,
  input: CreateWalletInput,
): { created: boolean; wallet: CreateWalletResponse } {
  const organizationId = organizationIdOf(call.auth)
  const address = input.address ?? input.importAddress
  const addressKey = address?.toLowerCase()
  return inTransaction(call.deps.db, (tx) => {
    const byAddress =
      addressKey === undefined
        ? undefined
        : findWalletByAddress(tx, organizationId, addressKey, input.chainId)
    const byExternalId =
      input.externalWalletId === undefined
        ? undefined
        : findWalletByExternalId(tx, organizationId, input.externalWalletId, input.chainId)
    const existing = byAddress ?? byExternalId
    if (existing) {
      assertSameRegistration(existing, byAddress, byExternalId, addressKey, input.externalWalletId)
      return { created: false, wallet: { ...toWalletResponse(existing), created: false } }
    }
    const now = call.deps.clock.now()
    const generated =
      address === undefined && isManaged(input.custodyType)
        ? generateWalletKey(input.chainType, call.deps.secret)
        : undefined
    const finalAddress = address ?? generated?.address ?? null
    const row = insertWallet(tx, {
      id: createId(),
      organizationId,
      name: input.name,
      address: finalAddress,
      addressKey: finalAddress?.toLowerCase() ?? null,
      walletType: input.walletType,
      chainType: input.chainType,
      chainId: input.chainId,
      custodyType: input.custodyType,
      balanceMicros: 0,
      currency: getPrimaryStablecoin(input.chainId) ?? 'USDC',
      status: 'ACTIVE',
      isWatchOnly: input.isWatchOnly,
      enforcementMode: input.enforcementMode ?? defaultEnforcementMode(input.custodyType),
      externalWalletId: input.externalWalletId ?? null,
      encryptedPrivateKey: generated?.encryptedPrivateKey ?? null,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    })
    audit(call, tx, { action: 'CREATE', walletId: row.id, after: row })
    return { created: true, wallet: { ...toWalletResponse(row), created: true } }
  })
}

/** A repeat registration must not point at two different wallets or contradict the one found. */
function assertSameRegistration(
  existing: WalletRow,
  byAddress: WalletRow | undefined,
  byExternalId: WalletRow | undefined,
  addressKey: string | undefined,
  externalWalletId: string | undefined,
): void {
  if (byAddress && byExternalId && byAddress.id !== byExternalId.id) {
    throw new ApiError(
      'CONFLICT',
      'address and externalWalletId are registered to two different wallets on this chain',
      { walletIds: [byAddress.id, byExternalId.id] },
    )
  }
  if (
    addressKey !== undefined &&
    existing.addressKey !== null &&
    existing.addressKey !== addressKey
  ) {
    throw new ApiError(
      'CONFLICT',
      `externalWalletId is already registered on this chain with address ${existing.address}`,
      { walletId: existing.id },
    )
  }
  if (
    externalWalletId !== undefined &&
    existing.externalWalletId !== null &&
    existing.externalWalletId !== externalWalletId
  ) {
    throw new ApiError(
      'CONFLICT',
      'address is already registered on this chain with a different externalWalletId',
      { walletId: existing.id },
    )
  }
}

/** Renames, freezes/unfreezes or changes the enforcement mode; an archived wallet stays archived. */
export function updateWallet(
  call: ServiceCall,
  walletId: string,
  input: UpdateWalletInput,
): Wallet {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = findWallet(tx, organizationId, walletId)
    if (!before) throw notFound('Wallet', walletId)
    if (input.status !== undefined && before.status === 'ARCHIVED') {
      throw new ApiError(
        'INVALID_STATUS',
        `Wallet ${walletId} is ARCHIVED and cannot be set to ${input.status}`,
        { currentStatus: before.status },
      )
    }
    const changes: Partial<WalletRow> = {}
    if (input.name !== undefined && input.name !== before.name) changes.name = input.name
    if (input.status !== undefined && input.status !== before.status) changes.status = input.status
    if (input.enforcementMode !== undefined && input.enforcementMode !== before.enforcementMode) {
      changes.enforcementMode = input.enforcementMode
    }
    if (input.isWatchOnly !== undefined && input.isWatchOnly !== before.isWatchOnly) {
      changes.isWatchOnly = input.isWatchOnly
    }
    if (Object.keys(changes).length === 0) return toWalletResponse(before)
    const after = updateWalletRow(tx, organizationId, walletId, {
      ...changes,
      updatedAt: call.deps.clock.now(),
    })
    if (!after) throw notFound('Wallet', walletId)
    audit(call, tx, {
      action: 'UPDATE',
      walletId,
      before,
      after,
      metadata: { changes: Object.keys(changes) },
    })
    return toWalletResponse(after)
  })
}

/** Sets status ARCHIVED (idempotent: an archived wallet is returned unchanged). */
export function archiveWallet(call: ServiceCall, walletId: string): Wallet {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = findWallet(tx, organizationId, walletId)
    if (!before) throw notFound('Wallet', walletId)
    if (before.status === 'ARCHIVED') return toWalletResponse(before)
    const now = call.deps.clock.now()
    const after = updateWalletRow(tx, organizationId, walletId, {
      status: 'ARCHIVED',
      archivedAt: now,
      updatedAt: now,
    })
    if (!after) throw notFound('Wallet', walletId)
    audit(call, tx, {
      action: 'UPDATE',
      walletId,
      before,
      after,
      metadata: { operation: 'archive' },
    })
    return toWalletResponse(after)
  })
}

/** Deletes a wallet without payment history (and its agent links); otherwise 409 CONFLICT. */
export function deleteWallet(
  call: ServiceCall,
  walletId: string,
): { success: true; message: string } {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = findWallet(tx, organizationId, walletId)
    if (!before) throw notFound('Wallet', walletId)
    const history = countWalletHistory(tx, organizationId, walletId)
    if (history.transactions > 0 || history.paymentRequests > 0 || history.externalApprovals > 0) {
      throw new ApiError(
        'CONFLICT',
        `Wallet ${walletId} has payment history and cannot be deleted: archive it instead`,
        {
          transactionCount: history.transactions,
          paymentRequestCount: history.paymentRequests + history.externalApprovals,
        },
      )
    }
    deleteWalletRow(tx, organizationId, walletId)
    audit(call, tx, { action: 'DELETE', walletId, before })
    return { success: true as const, message: `Wallet ${walletId} deleted` }
  })
}

/**
 * Gives a wallet without an address a freshly generated signing key and its address. A wallet
 * that already has an address is returned unchanged; EXTERNAL wallets bring their own address.
 */
export function provisionWallet(call: ServiceCall, walletId: string): Wallet {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = findWallet(tx, organizationId, walletId)
    if (!before) throw notFound('Wallet', walletId)
    if (before.custodyType === 'EXTERNAL') {
      throw new ApiError(
        'EXTERNAL_WALLET',
        'EXTERNAL wallets are not provisioned by Conto: register them with their address',
      )
    }
    if (before.address !== null) return toWalletResponse(before)
    if (before.status === 'ARCHIVED') {
      throw new ApiError(
        'INVALID_STATUS',
        `Wallet ${walletId} is ARCHIVED and cannot be provisioned`,
        {
          currentStatus: before.status,
        },
      )
    }
    const generated = generateWalletKey(before.chainType, call.deps.secret)
    const after = updateWalletRow(tx, organizationId, walletId, {
      address: generated.address,
      addressKey: generated.address.toLowerCase(),
      encryptedPrivateKey: generated.encryptedPrivateKey,
      updatedAt: call.deps.clock.now(),
    })
    if (!after) throw notFound('Wallet', walletId)
    audit(call, tx, {
      action: 'UPDATE',
      walletId,
      before,
      after,
      metadata: { operation: 'provision' },
    })
    return toWalletResponse(after)
  })
}

/**
 * Credits a test-mode wallet's ledger balance by `amount` (the route is test-mode only) and
 * announces `wallet.funded` (`{ walletId, amount, currency, balance }`, in units) in the same
 * transaction, so the event exists exactly when the credit was committed.
 */
export function fundWallet(
  call: ServiceCall,
  walletId: string,
  input: FundWalletInput,
): FundWalletResponse {
  const organizationId = organizationIdOf(call.auth)
  const amountMicros = toMicros(input.amount)
  return inTransaction(call.deps.db, (tx) => {
    const before = findWallet(tx, organizationId, walletId)
    if (!before) throw notFound('Wallet', walletId)
    if (before.status === 'ARCHIVED') {
      throw new ApiError('INVALID_STATUS', `Wallet ${walletId} is ARCHIVED and cannot be funded`, {
        currentStatus: before.status,
      })
    }
    const balanceMicros = before.balanceMicros + amountMicros
    if (!Number.isSafeInteger(amountMicros) || !Number.isSafeInteger(balanceMicros)) {
      const message = 'amount is too large: the balance would exceed what a wallet can hold'
      throw new ApiError('INVALID_AMOUNT', message, { issues: [{ path: ['amount'], message }] })
    }
    const after = updateWalletRow(tx, organizationId, walletId, {
      balanceMicros,
      updatedAt: call.deps.clock.now(),
    })
    if (!after) throw notFound('Wallet', walletId)
    audit(call, tx, {
      action: 'FUND',
      walletId,
      before,
      after,
      metadata: { amount: fromMicros(amountMicros), currency: after.currency },
    })
    emitEvent(tx, call.deps.clock.now(), organizationId, 'wallet.funded', {
      walletId,
      amount: fromMicros(amountMicros),
      currency: after.currency,
      balance: fromMicros(after.balanceMicros),
    })
    return {
      wallet: toWalletResponse(after),
      funded: fromMicros(amountMicros),
      balance: fromMicros(after.balanceMicros),
    }
  })
}
