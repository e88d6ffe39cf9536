import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type ListSdkTransactionsQuery,
  type ListTransactionsResponse,
  sdkTransactionEndpoints,
  type Transaction,
} from '@conto/schemas'

/** The calling agent's transactions (`/api/sdk/transactions`). */
export class Transactions {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the calling agent's transactions, newest first, optionally by `status` and date range.
   *
   * @example
   * ```ts
   * for await (const transaction of conto.transactions.list({ status: 'COMPLETED' })) {
   *   console.log(transaction.amount, transaction.txHash)
   * }
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `transactions:read`.
   * @see https://conto.finance/docs/sdk/transactions
   */
  list(
    query: ListSdkTransactionsQuery = {},
    options: CallOptions = {},
  ): PagePromise<Transaction, ListTransactionsResponse> {
    return listEndpoint(
      this.#transport,
      sdkTransactionEndpoints.list,
      { query },
      (body) => body.transactions,
      options,
    )
  }

  /**
   * Returns one of the calling agent's transactions.
   *
   * @example
   * ```ts
   * const transaction = await conto.transactions.retrieve(execution.transactionId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id, or another agent's transaction.
   * @see https://conto.finance/docs/sdk/transactions
   */
  retrieve(transactionId: string, options: CallOptions = {}): APIPromise<Transaction> {
    return callEndpoint(
      this.#transport,
      sdkTransactionEndpoints.retrieve,
      { params: { transactionId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const transaction = await conto.transactions.get(execution.transactionId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id, or another agent's transaction.
   */
  get(transactionId: string, options: CallOptions = {}): APIPromise<Transaction> {
    return this.retrieve(transactionId, options)
  }
}
