import {
  type Counterparty,
  type CounterpartyDetail,
  type CounterpartyNetworkTrust,
  type createCounterpartyParamsSchema,
  defaults,
  fromMicros,
  isEvmAddress,
  isSolanaAddress,
  type ListCounterpartiesResponse,
  type listCounterpartiesQuerySchema,
  type NetworkTrust,
  trustLevelForScore,
  type updateCounterpartyParamsSchema,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import {
  type CounterpartyRow,
  deleteCounterparty as deleteCounterpartyRow,
  findCounterparty,
  findCounterpartyByAddress,
  insertCounterparty,
  listCounterparties as listCounterpartyRows,
  networkAggregate,
  type PaymentStats,
  paymentStatsByAddress,
  updateCounterparty as updateCounterpartyRow,
} from '../db/repositories/counterparties.js'
import { inTransaction, type Tx } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall, type ServiceDeps } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/**
 * Counterparties (§2.7, §2.17, §4.18): the addresses an organization pays, with trust score,
 * trust level (kept in the score bands unless set explicitly) and risk level, their payment
 * stats, and the anonymised cross-organization network trust of an address.
 */

export type { CounterpartyRow }

type ListQuery = z.output<typeof listCounterpartiesQuerySchema>
type CreateInput = z.output<typeof createCounterpartyParamsSchema>
type UpdateInput = z.output<typeof updateCounterpartyParamsSchema>

const NO_PAYMENTS: PaymentStats = { transactionCount: 0, volumeMicros: 0, lastTransactionAt: null }

/** Case-insensitive matching key of an address. */
export const addressKeyOf = (address: string): string => address.toLowerCase()

const chainTypeOf = (address: string): 'EVM' | 'SOLANA' | undefined =>
  isEvmAddress(address) ? 'EVM' : isSolanaAddress(address) ? 'SOLANA' : undefined

/** Trust scores are averaged in floating point; round away the noise. */
const roundScore = (score: number): number => Math.round(score * 1_000_000) / 1_000_000

/** A counterparty row with its payment stats, as the API returns it. */
export function toCounterpartyResponse(
  row: CounterpartyRow,
  stats: PaymentStats = NO_PAYMENTS,
): Counterparty {
  const chainType = chainTypeOf(row.address)
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    ...(chainType ? { chainType } : {}),
    type: row.type,
    status: row.status,
    trustScore: row.trustScore,
    trustLevel: row.trustLevel,
    riskLevel: row.riskLevel,
    verified: row.verified,
    category: row.category,
    approvalStatus: row.approvalStatus,
    notes: row.notes,
    description: row.description,
    website: row.website,
    country: row.country,
    transactionCount: stats.transactionCount,
    totalVolume: fromMicros(stats.volumeMicros),
    averageAmount:
      stats.transactionCount === 0
        ? 0
        : fromMicros(Math.round(stats.volumeMicros / stats.transactionCount)),
    lastTransactionAt: toIsoOrNull(stats.lastTransactionAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

function statsOf(db: ServiceCall['deps']['db'] | Tx, row: CounterpartyRow): PaymentStats {
  return (
    paymentStatsByAddress(db, row.organizationId, [row.addressKey]).get(row.addressKey) ??
    NO_PAYMENTS
  )
}

/**
 * Network trust of an address across every organization: how many organizations registered it,
 * their mean trust score, and the settled payments to it. Never exposes another organization's
 * records. `null` when no organization registered the address.
 */
export function counterpartyNetworkTrust(
  deps: Pick<ServiceDeps, 'db'>,
  address: string,
): CounterpartyNetworkTrust | null {
  const aggregate = networkAggregate(deps.db, addressKeyOf(address))
  if (aggregate.averageTrustScore === null || aggregate.lastUpdatedAt === null) return null
  return {
    globalScore: roundScore(aggregate.averageTrustScore),
    transactionCount: aggregate.transactionCount,
    organizationCount: aggregate.organizationCount,
    lastUpdated: toIso(aggregate.lastUpdatedAt),
  }
}

/**
 * `GET /api/sdk/network/trust`: the network's view of an address. An address no organization
 * registered scores the default 0.5 (UNKNOWN) with zero organizations.
 */
export function networkTrustOf(deps: Pick<ServiceDeps, 'db'>, address: string): NetworkTrust {
  const aggregate = networkAggregate(deps.db, addressKeyOf(address))
  const globalScore =
    aggregate.averageTrustScore === null
      ? defaults.counterparty.trustScore
      : roundScore(aggregate.averageTrustScore)
  const lastUpdated = Math.max(aggregate.lastUpdatedAt ?? -1, aggregate.lastTransactionAt ?? -1)
  return {
    address,
    globalScore,
    transactionCount: aggregate.transactionCount,
    organizationCount: aggregate.organizationCount,
    trustLevel: trustLevelForScore(globalScore),
    lastUpdated: lastUpdated < 0 ? null : toIso(lastUpdated),
  }
}

function toDetail(call: ServiceCall, row: CounterpartyRow): CounterpartyDetail {
  return {
    ...toCounterpartyResponse(row, statsOf(call.deps.db, row)),
    networkTrust: counterpartyNetworkTrust(call.deps, row.address),
  }
}

function audit(
  call: ServiceCall,
  tx: Tx,
  action: string,
  counterpartyId: string,
  before: CounterpartyRow | undefined,
  after: CounterpartyRow | undefined,
): void {
  recordAudit(tx, call.deps.clock.now(), {
    organizationId: organizationIdOf(call.auth),
    action,
    resource: 'counterparty',
    resourceId: counterpartyId,
    previousState: before ? toCounterpartyResponse(before) : null,
    newState: after ? toCounterpartyResponse(after) : null,
    actor: actorOf(call.auth),
    request: call.request,
  })
}

function conflict(address: string, existing: CounterpartyRow): ApiError {
  return new ApiError(
    'CONFLICT',
    `A counterparty with address ${address} already exists in this organization`,
    { counterpartyId: existing.id },
  )
}

export function listCounterparties(
  call: ServiceCall,
  query: ListQuery,
): ListCounterpartiesResponse {
  const organizationId = organizationIdOf(call.auth)
  const { rows, total } = listCounterpartyRows(
    call.deps.db,
    organizationId,
    {
      trustLevel: query.status,
      type: query.type,
      approvalStatus: query.approvalStatus,
      search: query.search,
    },
    { limit: query.limit, offset: query.offset },
  )
  const stats = paymentStatsByAddress(
    call.deps.db,
    organizationId,
    rows.map((row) => row.addressKey),
  )
  return {
    counterparties: rows.map((row) => toCounterpartyResponse(row, stats.get(row.addressKey))),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function retrieveCounterparty(
  call: ServiceCall,
  counterpartyId: string,
): CounterpartyDetail {
  const row = findCounterparty(call.deps.db, organizationIdOf(call.auth), counterpartyId)
  if (!row) throw notFound('Counterparty', counterpartyId)
  return toDetail(call, row)
}

/** The caller organization's counterparty at `address` (case-insensitive), with network trust. */
export function retrieveCounterpartyByAddress(
  call: ServiceCall,
  address: string,
): CounterpartyDetail {
  const row = findCounterpartyByAddress(
    call.deps.db,
    organizationIdOf(call.auth),
    addressKeyOf(address),
  )
  if (!row) throw new ApiError('NOT_FOUND', `No counterparty with address ${address}`)
  return toDetail(call, row)
}

/** Creates a counterparty (defaults and trust level already applied by the schema). */
export function createCounterparty(call: ServiceCall, input: CreateInput): Counterparty {
  const organizationId = organizationIdOf(call.auth)
  const addressKey = addressKeyOf(input.address)
  // The schema fills both in; typed optional, so repeat its rule as the fallback.
  const trustLevel = input.trustLevel ?? input.status ?? trustLevelForScore(input.trustScore)
  const status = input.status ?? trustLevel
  return inTransaction(call.deps.db, (tx) => {
    const existing = findCounterpartyByAddress(tx, organizationId, addressKey)
    if (existing) throw conflict(input.address, existing)
    const now = call.deps.clock.now()
    const row = insertCounterparty(tx, {
      id: createId(),
      organizationId,
      name: input.name,
      address: input.address,
      addressKey,
      type: input.type,
      status,
      trustScore: input.trustScore,
      trustLevel,
      riskLevel: input.riskLevel,
      verified: input.verified,
      category: input.category ?? null,
      approvalStatus: input.approvalStatus ?? null,
      notes: input.notes ?? null,
      description: input.description ?? null,
      website: input.website ?? null,
      country: input.country ?? null,
      createdAt: now,
      updatedAt: now,
    })
    audit(call, tx, 'CREATE', row.id, undefined, row)
    return toCounterpartyResponse(row, statsOf(tx, row))
  })
}

/**
 * The trust level and status after an update: an explicit `trustLevel` wins, then `status`
 * (blocking sets both), then the band of a changed `trustScore`; `status` follows the level
 * unless given.
 */
export function resolveTrust(
  before: Pick<CounterpartyRow, 'trustScore' | 'trustLevel' | 'status'>,
  input: Pick<UpdateInput, 'trustScore' | 'trustLevel' | 'status'>,
): { trustScore: number; trustLevel: string; status: string } {
  const trustScore = input.trustScore ?? before.trustScore
  const trustLevel =
    input.trustLevel ??
    input.status ??
    (input.trustScore !== undefined && input.trustScore !== before.trustScore
      ? trustLevelForScore(input.trustScore)
      : before.trustLevel)
  const status = input.status ?? (trustLevel !== before.trustLevel ? trustLevel : before.status)
  return { trustScore, trustLevel, status }
}

export function updateCounterparty(
  call: ServiceCall,
  counterpartyId: string,
  input: UpdateInput,
): Counterparty {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = findCounterparty(tx, organizationId, counterpartyId)
    if (!before) throw notFound('Counterparty', counterpartyId)
    const changes: Partial<CounterpartyRow> = { ...resolveTrust(before, input) }
    if (input.address !== undefined) {
      const addressKey = addressKeyOf(input.address)
      const clash = findCounterpartyByAddress(tx, organizationId, addressKey, counterpartyId)
      if (clash) throw conflict(input.address, clash)
      changes.address = input.address
      changes.addressKey = addressKey
    }
    if (input.name !== undefined) changes.name = input.name
    if (input.type !== undefined) changes.type = input.type
    if (input.riskLevel !== undefined) changes.riskLevel = input.riskLevel
    if (input.verified !== undefined) changes.verified = input.verified
    if (input.approvalStatus !== undefined) changes.approvalStatus = input.approvalStatus
    if (input.category !== undefined) changes.category = input.category
    if (input.notes !== undefined) changes.notes = input.notes
    if (input.description !== undefined) changes.description = input.description
    if (input.website !== undefined) changes.website = input.website
    if (input.country !== undefined) changes.country = input.country
    const changed = (Object.keys(changes) as (keyof CounterpartyRow)[]).filter(
      (key) => changes[key] !== before[key],
    )
    if (changed.length === 0) return toCounterpartyResponse(before, statsOf(tx, before))
    const after = updateCounterpartyRow(tx, organizationId, counterpartyId, {
      ...changes,
      updatedAt: call.deps.clock.now(),
    })
    if (!after) throw notFound('Counterparty', counterpartyId)
    audit(call, tx, 'UPDATE', counterpartyId, before, after)
    return toCounterpartyResponse(after, statsOf(tx, after))
  })
}

export function deleteCounterparty(
  call: ServiceCall,
  counterpartyId: string,
): { success: true; message: string } {
  const organizationId = organizationIdOf(call.auth)
  return inTransaction(call.deps.db, (tx) => {
    const before = findCounterparty(tx, organizationId, counterpartyId)
    if (!before) throw notFound('Counterparty', counterpartyId)
    deleteCounterpartyRow(tx, organizationId, counterpartyId)
    audit(call, tx, 'DELETE', counterpartyId, before, undefined)
    return { success: true as const, message: `Counterparty ${counterpartyId} deleted` }
  })
}
