import { transactions } from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import type { Harness } from './harness.js'

/** Inserts transaction rows directly (as settlement would), for the transaction read tests. */

export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const TX_HASH = `0x${'ab'.repeat(32)}`

export interface TransactionFixture {
  readonly agentId: string
  readonly organizationId?: string
  readonly walletId?: string | null
  readonly status?: string
  readonly amountMicros?: number
  readonly createdAt?: number
  readonly txHash?: string | null
  readonly chainId?: string
  readonly paymentRequestId?: string | null
  readonly failureReason?: string | null
}

export function insertTransaction(h: Harness, input: TransactionFixture): string {
  const id = createId()
  const createdAt = input.createdAt ?? h.clock.now()
  h.db
    .insert(transactions)
    .values({
      id,
      organizationId: input.organizationId ?? h.organization.id,
      agentId: input.agentId,
      walletId: input.walletId ?? null,
      kind: 'standard',
      status: input.status ?? 'COMPLETED',
      amountMicros: input.amountMicros ?? 10_000_000,
      currency: 'pathUSD',
      chainId: input.chainId ?? '42431',
      txHash: input.txHash === undefined ? TX_HASH : input.txHash,
      fromAddress: '0x1111111111111111111111111111111111111111',
      toAddress: RECIPIENT,
      toKey: RECIPIENT.toLowerCase(),
      recipientName: 'Vendor',
      purpose: 'API credits',
      category: 'SAAS',
      paymentRequestId: input.paymentRequestId ?? null,
      simulated: true,
      failureReason: input.failureReason ?? null,
      confirmedAt: input.status === 'FAILED' ? null : createdAt,
      createdAt,
    })
    .run()
  return id
}
