import { defineEndpoint } from '../endpoint.js'
import {
  listSdkTransactionsQuerySchema,
  listTransactionsQuerySchema,
  listTransactionsResponseSchema,
  retryTransactionResponseSchema,
  transactionIdParamsSchema,
  transactionSchema,
} from '../transaction.js'

/** Transactions (§2.8, §2.17): the organization's transfers, and an agent's own. */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Transactions',
} as const

export const transactionEndpoints = {
  list: defineEndpoint(org, {
    id: 'transactions.list',
    method: 'GET',
    path: '/api/transactions',
    scopes: ['transactions:read'],
    query: listTransactionsQuerySchema,
    response: listTransactionsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List transactions (filter by agent, wallet, status, dates, amounts)',
  }),
  retrieve: defineEndpoint(org, {
    id: 'transactions.retrieve',
    method: 'GET',
    path: '/api/transactions/{transactionId}',
    scopes: ['transactions:read'],
    params: transactionIdParamsSchema,
    response: transactionSchema,
    successStatus: 200,
    errors: [],
    summary: 'Get a transaction',
  }),
  retry: defineEndpoint(org, {
    id: 'transactions.retry',
    method: 'POST',
    path: '/api/transactions/{transactionId}/retry',
    // §2.8 "S, O, A [transactions:write]": any agent key holding the scope, for its own
    // transactions only (the one org route a standard agent key may call).
    keyKinds: ['org', 'agent'],
    scopes: ['transactions:write'],
    params: transactionIdParamsSchema,
    response: retryTransactionResponseSchema,
    successStatus: 200,
    errors: [
      'INVALID_STATUS',
      'INSUFFICIENT_BALANCE',
      'WALLET_FROZEN',
      'AGENT_NOT_ACTIVE',
      'POLICY_DENIED',
    ],
    summary: 'Retry a FAILED transaction',
  }),
}

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  rateLimit: 'sdkRead',
  tag: 'SDK Transactions',
} as const

export const sdkTransactionEndpoints = {
  list: defineEndpoint(sdk, {
    id: 'sdkTransactions.list',
    method: 'GET',
    path: '/api/sdk/transactions',
    scopes: ['transactions:read'],
    query: listSdkTransactionsQuerySchema,
    response: listTransactionsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: "List the calling agent's transactions",
  }),
  retrieve: defineEndpoint(sdk, {
    id: 'sdkTransactions.retrieve',
    method: 'GET',
    path: '/api/sdk/transactions/{transactionId}',
    scopes: ['transactions:read'],
    params: transactionIdParamsSchema,
    response: transactionSchema,
    successStatus: 200,
    errors: [],
    summary: "Get one of the calling agent's transactions",
  }),
}
