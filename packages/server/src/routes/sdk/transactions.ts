import { listSdkTransactions, retrieveSdkTransaction } from '../../services/transactions.js'
import { defineHandlers } from '../define-handlers.js'

/** The calling agent's own transactions (§2.17). */
export const sdkTransactionHandlers = defineHandlers({
  'sdkTransactions.list': ({ query, auth, deps }) => listSdkTransactions({ deps, auth }, query),
  'sdkTransactions.retrieve': ({ params, auth, deps }) =>
    retrieveSdkTransaction({ deps, auth }, params.transactionId),
})
