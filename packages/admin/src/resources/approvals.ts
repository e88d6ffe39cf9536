import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  type PageParams,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type ApprovalActionParams,
  type ApprovalActionResponse,
  type ApproveApprovalRequestParams,
  type DecideApprovalRequestResponse,
  endpoints,
  type ListApprovalRequestsQuery,
  type ListApprovalRequestsResponse,
  type RejectApprovalRequestParams,
} from '@conto/schemas'
import { ApprovalRequestsResource } from './approval-requests.js'

/**
 * `admin.approvals`: deciding an approval request with the one-time token a notification channel
 * delivered (`/api/approvals/action`). The token is the credential, so this call is sent without
 * the organization key. It also carries the documented names `listRequests`, `approve` and
 * `reject`, which are `admin.approvalRequests.list`, `.approve` and `.reject`.
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class ApprovalsResource {
  readonly #transport: Transport
  readonly #requests: ApprovalRequestsResource

  constructor(transport: Transport, requests = new ApprovalRequestsResource(transport)) {
    this.#transport = transport
    this.#requests = requests
  }

  /**
   * Approves or rejects an approval request with a channel's one-time token.
   *
   * @example
   * ```ts
   * const { status } = await admin.approvals.action({ token, decision: 'APPROVED' })
   * ```
   * @throws {ValidationError} when the token is malformed or `decision` is unknown.
   * @throws {ContoApiError} `INVALID_APPROVAL_TOKEN`, `EXPIRED`, `INVALID_STATUS` or `FORBIDDEN`
   *   when the token cannot decide the request.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  action(params: ApprovalActionParams, options?: CallOptions): APIPromise<ApprovalActionResponse> {
    return callEndpoint(this.#transport, endpoints.approvals.action, { body: params }, options)
  }

  /**
   * The same as `admin.approvalRequests.list()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * for await (const request of admin.approvals.listRequests({ status: 'PENDING' })) console.log(request.amount)
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `transactions:read`.
   */
  listRequests(
    params?: ListApprovalRequestsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListApprovalRequestsResponse['requests'][number], ListApprovalRequestsResponse> {
    return this.#requests.list(params, options)
  }

  /**
   * The same as `admin.approvalRequests.approve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * await admin.approvals.approve(approvalRequestId, { reason: 'Expected invoice' })
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
    return this.#requests.approve(approvalRequestId, params, options)
  }

  /**
   * The same as `admin.approvalRequests.reject()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * await admin.approvals.reject(approvalRequestId, { reason: 'Unknown vendor' })
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
    return this.#requests.reject(approvalRequestId, params, options)
  }
}
