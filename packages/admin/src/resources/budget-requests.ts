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
  type ApproveBudgetRequestParams,
  type BudgetRequestResponse,
  endpoints,
  type ListBudgetRequestsQuery,
  type ListBudgetRequestsResponse,
  type RejectBudgetRequestParams,
} from '@conto/schemas'

/**
 * `admin.budgetRequests`: agents' requests for more budget (`/api/budget-requests`).
 *
 * @see https://conto.finance/docs/sdk/budget-requests
 */
export class BudgetRequestsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists budget requests; filter by status or agent.
   *
   * @example
   * ```ts
   * const pending = await admin.budgetRequests.list({ status: 'PENDING' }).toArray({ limit: 50 })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without budget requests.
   */
  list(
    params?: ListBudgetRequestsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListBudgetRequestsResponse['budgetRequests'][number], ListBudgetRequestsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.budgetRequests.list,
      { query: params },
      (body) => body.budgetRequests,
      options,
    )
  }

  /**
   * Approves a budget request, optionally for a smaller amount or with an expiry.
   *
   * @example
   * ```ts
   * await admin.budgetRequests.approve(budgetRequestId, { approvedAmount: 200 })
   * ```
   * @throws {NotFoundError} when the request does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when it is no longer pending; `EXPIRED` when it
   *   expired; `INVALID_AMOUNT` for a malformed `approvedAmount`.
   * @throws {PermissionDeniedError} when the key lacks `transactions:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without budget requests.
   */
  approve(
    budgetRequestId: string,
    params?: ApproveBudgetRequestParams,
    options?: CallOptions,
  ): APIPromise<BudgetRequestResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.budgetRequests.approve,
      { params: { budgetRequestId }, body: params },
      options,
    )
  }

  /**
   * Rejects a budget request.
   *
   * @example
   * ```ts
   * await admin.budgetRequests.reject(budgetRequestId, { reason: 'Over quarterly budget' })
   * ```
   * @throws {NotFoundError} when the request does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when it is no longer pending; `EXPIRED` when it
   *   expired.
   * @throws {PermissionDeniedError} when the key lacks `transactions:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without budget requests.
   */
  reject(
    budgetRequestId: string,
    params?: RejectBudgetRequestParams,
    options?: CallOptions,
  ): APIPromise<BudgetRequestResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.budgetRequests.reject,
      { params: { budgetRequestId }, body: params },
      options,
    )
  }
}
