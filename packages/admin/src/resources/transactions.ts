import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PageParams,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  endpoints,
  type ListTransactionsQuery,
  type ListTransactionsResponse,
  type RetryTransactionResponse,
  type Transaction,
} from '@conto/schemas'

/**
 * `admin.transactions`: every payment of the organization's agents (`/api/transactions`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class TransactionsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists transactions, newest first; filter by agent, wallet, status, date range or amount.
   *
   * @example
   * ```ts
   * for await (const tx of admin.transactions.list({ agentId, status: 'CONFIRMED' })) console.log(tx.amount)
   * ```
   * @throws {ValidationError} when a filter is not valid (e.g. `startDate` after `endDate`).
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  list(
    params?: ListTransactionsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListTransactionsResponse['transactions'][number], ListTransactionsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.transactions.list,
      { query: params },
      (body) => body.transactions,
      options,
    )
  }

  /**
   * Retrieves a transaction.
   *
   * @example
   * ```ts
   * const tx = await admin.transactions.retrieve(transactionId)
   * ```
   * @throws {NotFoundError} when the transaction does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  retrieve(transactionId: string, options?: CallOptions): APIPromise<Transaction> {
    return callEndpoint(
      this.#transport,
      endpoints.transactions.retrieve,
      { params: { transactionId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const tx = await admin.transactions.get(transactionId)
   * ```
   * @throws {NotFoundError} when the transaction does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  get(transactionId: string, options?: CallOptions): APIPromise<Transaction> {
    return this.retrieve(transactionId, options)
  }

  /**
   * Retries a FAILED transaction.
   *
   * @example
   * ```ts
   * const { transaction, retried } = await admin.transactions.retry(transactionId)
   * ```
   * @throws {NotFoundError} when the transaction does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when the transaction did not fail;
   *   `INSUFFICIENT_BALANCE` when the wallet cannot cover it; `POLICY_DENIED` when the limits no
   *   longer allow it.
   * @throws {PermissionDeniedError} `AGENT_NOT_ACTIVE` or `WALLET_FROZEN` when the agent or the
   *   wallet was suspended since; `INSUFFICIENT_SCOPE` without `transactions:write`.
   */
  retry(transactionId: string, options?: CallOptions): APIPromise<RetryTransactionResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.transactions.retry,
      { params: { transactionId } },
      options,
    )
  }
}
