import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import { type ApprovalActionParams, type ApprovalActionResponse, endpoints } from '@conto/schemas'

/**
 * `admin.approvals`: deciding an approval request with the one-time token a notification channel
 * delivered (`/api/approvals/action`). The token is the credential, so this call is sent without
 * the organization key.
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class ApprovalsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
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
}
