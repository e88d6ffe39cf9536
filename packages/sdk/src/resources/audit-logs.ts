import {
  type CallOptions,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type AuditLog,
  type ListAuditLogsQuery,
  type ListAuditLogsResponse,
  sdkAuditLogEndpoints,
} from '@conto/schemas'

/** The audit trail of the calling agent's actions (`/api/sdk/audit-logs`). */
export class AuditLogs {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the audit log entries of the calling agent's actions, newest first.
   *
   * @example
   * ```ts
   * const { items } = await conto.auditLogs.list({ action: 'PAYMENT_EXECUTED' })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `audit:read`.
   * @see https://conto.finance/docs/sdk/audit-logs
   */
  list(
    query: ListAuditLogsQuery = {},
    options: CallOptions = {},
  ): PagePromise<AuditLog, ListAuditLogsResponse> {
    return listEndpoint(
      this.#transport,
      sdkAuditLogEndpoints.list,
      { query },
      (body) => body.logs,
      options,
    )
  }
}
