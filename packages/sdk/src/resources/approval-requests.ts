import {
  type CallOptions,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type ListSdkApprovalRequestsQuery,
  type ListSdkApprovalRequestsResponse,
  type SdkApprovalRequest,
  sdkApprovalRequestEndpoints,
} from '@conto/schemas'

/** The human approvals the calling agent's payments wait for (`/api/sdk/approval-requests`). */
export class ApprovalRequests {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the approval requests of the calling agent's payments, optionally by `type` and
   * `status`.
   *
   * @example
   * ```ts
   * const { items } = await conto.approvalRequests.list({ status: 'PENDING' })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request`.
   * @see https://conto.finance/docs/sdk/approvals
   */
  list(
    query: ListSdkApprovalRequestsQuery = {},
    options: CallOptions = {},
  ): PagePromise<SdkApprovalRequest, ListSdkApprovalRequestsResponse> {
    return listEndpoint(
      this.#transport,
      sdkApprovalRequestEndpoints.list,
      { query },
      (body) => body.requests,
      options,
    )
  }
}
