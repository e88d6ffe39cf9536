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
  type ExportAuditLogsParams,
  type ExportAuditLogsResponse,
  endpoints,
  type ListAuditLogsQuery,
  type ListAuditLogsResponse,
  type VerifyAuditLogsResponse,
} from '@conto/schemas'

/**
 * `admin.auditLogs`: the organization's hash-chained audit trail (`/api/audit-logs`).
 *
 * @see https://conto.finance/docs/guides/audit-logs
 */
export class AuditLogsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists audit log entries, newest first; filter by action, resource, actor or date range.
   *
   * @example
   * ```ts
   * for await (const entry of admin.auditLogs.list({ resource: 'agent', resourceId: agentId })) console.log(entry.action)
   * ```
   * @throws {ValidationError} when a filter is not valid (e.g. `startDate` after `endDate`).
   * @throws {PermissionDeniedError} when the key lacks `audit:read`.
   */
  list(
    params?: ListAuditLogsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListAuditLogsResponse['logs'][number], ListAuditLogsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.auditLogs.list,
      { query: params },
      (body) => body.logs,
      options,
    )
  }

  /**
   * Exports audit log entries as JSON entries or CSV text (`format`, default `json`).
   *
   * @example
   * ```ts
   * const csv = await admin.auditLogs.export({ format: 'csv', startDate: '2026-04-01' })
   * if (csv.format === 'csv') await writeFile('audit.csv', csv.data)
   * ```
   * @throws {ValidationError} when a filter or the format is not valid.
   * @throws {PermissionDeniedError} `FORBIDDEN` when the caller may not export the log;
   *   `INSUFFICIENT_SCOPE` without `audit:read`.
   */
  export(
    params?: ExportAuditLogsParams,
    options?: CallOptions,
  ): APIPromise<ExportAuditLogsResponse> {
    return callEndpoint(this.#transport, endpoints.auditLogs.export, { body: params }, options)
  }

  /**
   * Recomputes the audit hash chain and reports the first entry that does not match.
   *
   * @example
   * ```ts
   * const { valid, firstInvalidId } = await admin.auditLogs.verify()
   * ```
   * @throws {PermissionDeniedError} when the key lacks `audit:read`.
   */
  verify(options?: CallOptions): APIPromise<VerifyAuditLogsResponse> {
    return callEndpoint(this.#transport, endpoints.auditLogs.verify, {}, options)
  }
}
