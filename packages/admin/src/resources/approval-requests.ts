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
  type ApprovalRequest,
  type ApproveApprovalRequestParams,
  type DecideApprovalRequestResponse,
  endpoints,
  type ListApprovalRequestsQuery,
  type ListApprovalRequestsResponse,
  type RejectApprovalRequestParams,
} from '@conto/schemas'

/**
 * `admin.approvalRequests`: payments waiting for a human decision (`/api/approval-requests`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class ApprovalRequestsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists approval requests; filter by status, type or agent.
   *
   * @example
   * ```ts
   * for await (const request of admin.approvalRequests.list({ status: 'PENDING' })) console.log(request.amount)
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  list(
    params?: ListApprovalRequestsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListApprovalRequestsResponse['requests'][number], ListApprovalRequestsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.approvalRequests.list,
      { query: params },
      (body) => body.requests,
      options,
    )
  }

  /**
   * Retrieves an approval request with its votes.
   *
   * @example
   * ```ts
   * const request = await admin.approvalRequests.retrieve(approvalRequestId)
   * ```
   * @throws {NotFoundError} when the request does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  retrieve(approvalRequestId: string, options?: CallOptions): APIPromise<ApprovalRequest> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalRequests.retrieve,
      { params: { approvalRequestId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const request = await admin.approvalRequests.get(approvalRequestId)
   * ```
   * @throws {NotFoundError} when the request does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  get(approvalRequestId: string, options?: CallOptions): APIPromise<ApprovalRequest> {
    return this.retrieve(approvalRequestId, options)
  }

  /**
   * Approves a pending request (one vote when its workflow needs several).
   *
   * @example
   * ```ts
   * const { approvalRequest } = await admin.approvalRequests.approve(approvalRequestId, { reason: 'Expected invoice' })
   * ```
   * @throws {NotFoundError} when the request does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when it is no longer pending; `EXPIRED` when it expired.
   * @throws {ConflictError} `CONFLICT` when this approver already voted.
   * @throws {PermissionDeniedError} `FORBIDDEN` when the workflow does not let this caller
   *   decide; `INSUFFICIENT_SCOPE` without `transactions:write`.
   */
  approve(
    approvalRequestId: string,
    params?: ApproveApprovalRequestParams,
    options?: CallOptions,
  ): APIPromise<DecideApprovalRequestResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalRequests.approve,
      { params: { approvalRequestId }, body: params },
      options,
    )
  }

  /**
   * Rejects a pending request.
   *
   * @example
   * ```ts
   * await admin.approvalRequests.reject(approvalRequestId, { reason: 'Unknown vendor' })
   * ```
   * @throws {NotFoundError} when the request does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when it is no longer pending; `EXPIRED` when it expired.
   * @throws {ConflictError} `CONFLICT` when this approver already voted.
   * @throws {PermissionDeniedError} `FORBIDDEN` when the workflow does not let this caller
   *   decide; `INSUFFICIENT_SCOPE` without `transactions:write`.
   */
  reject(
    approvalRequestId: string,
    params?: RejectApprovalRequestParams,
    options?: CallOptions,
  ): APIPromise<DecideApprovalRequestResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalRequests.reject,
      { params: { approvalRequestId }, body: params },
      options,
    )
  }
}
