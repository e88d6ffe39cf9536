import {
  listTransactions,
  retrieveTransaction,
  retryTransaction,
} from '../../services/transactions.js'
import { defineHandlers } from '../define-handlers.js'

/** Transactions (§2.8): list with filters, retrieve, retry a failed one. */
export const transactionHandlers = defineHandlers({
  'transactions.list': ({ query, auth, deps }) => listTransactions({ deps, auth }, query),
  'transactions.retrieve': ({ params, auth, deps }) =>
    retrieveTransaction({ deps, auth }, params.transactionId),
  'transactions.retry': ({ params, auth, deps, request }) =>
    retryTransaction({ deps, auth, request }, params.transactionId),
})
