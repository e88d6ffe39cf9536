import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type BudgetRequestResponse,
  type CreateBudgetRequestParams,
  type GetBudgetRequestsQuery,
  type GetBudgetRequestsResponse,
  sdkBudgetRequestEndpoints,
} from '@conto/schemas'

/**
 * Budget requests (`/api/sdk/budget-request`): the agent asks humans for a budget; once
 * approved, every payment must fit in it as well as pass the policies.
 */
export class Budgets {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Asks for a budget; it starts `PENDING` and expires after 24 hours if nobody decides.
   *
   * @example
   * ```ts
   * const { budgetRequest } = await conto.budgets.request({ amount: 500, purpose: 'Q3 data purchases' })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR` / `INVALID_AMOUNT` for a bad body.
   * @throws {ConflictError} `BUDGET_REQUEST_EXISTS` while another request is PENDING or APPROVED.
   * @see https://conto.finance/docs/sdk/budgets
   */
  request(
    params: CreateBudgetRequestParams,
    options: CallOptions = {},
  ): APIPromise<BudgetRequestResponse> {
    return callEndpoint(
      this.#transport,
      sdkBudgetRequestEndpoints.request,
      { body: params },
      options,
    )
  }

  /**
   * Returns the calling agent's budget requests (newest first, optionally by `status`), and the
   * one with `id` as `budgetRequest` when `id` is given.
   *
   * @example
   * ```ts
   * const { budgetRequest } = await conto.budgets.retrieve({ id: budgetRequestId })
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown `id`.
   * @see https://conto.finance/docs/sdk/budgets
   */
  retrieve(
    query: GetBudgetRequestsQuery = {},
    options: CallOptions = {},
  ): APIPromise<GetBudgetRequestsResponse> {
    return callEndpoint(this.#transport, sdkBudgetRequestEndpoints.retrieve, { query }, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { budgetRequest } = await conto.budgets.get({ id: budgetRequestId })
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown `id`.
   */
  get(
    query: GetBudgetRequestsQuery = {},
    options: CallOptions = {},
  ): APIPromise<GetBudgetRequestsResponse> {
    return this.retrieve(query, options)
  }
}
