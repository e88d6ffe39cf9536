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
  type AcknowledgeAlertParams,
  type Alert,
  endpoints,
  type ListAlertsQuery,
  type ListAlertsResponse,
  type ResolveAlertParams,
} from '@conto/schemas'

/**
 * `admin.alerts`: security and spending alerts raised for the organization (`/api/alerts`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class AlertsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists alerts, newest first; filter by status, severity, type or agent.
   *
   * @example
   * ```ts
   * const open = await admin.alerts.list({ status: 'OPEN' }).toArray({ limit: 100 })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `alerts:read`.
   */
  list(
    params?: ListAlertsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListAlertsResponse['alerts'][number], ListAlertsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.alerts.list,
      { query: params },
      (body) => body.alerts,
      options,
    )
  }

  /**
   * Retrieves an alert.
   *
   * @example
   * ```ts
   * const alert = await admin.alerts.retrieve(alertId)
   * ```
   * @throws {NotFoundError} when the alert does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `alerts:read`.
   */
  retrieve(alertId: string, options?: CallOptions): APIPromise<Alert> {
    return callEndpoint(
      this.#transport,
      endpoints.alerts.retrieve,
      { params: { alertId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const alert = await admin.alerts.get(alertId)
   * ```
   * @throws {NotFoundError} when the alert does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `alerts:read`.
   */
  get(alertId: string, options?: CallOptions): APIPromise<Alert> {
    return this.retrieve(alertId, options)
  }

  /**
   * Acknowledges an alert, optionally with a note.
   *
   * @example
   * ```ts
   * await admin.alerts.acknowledge(alertId, { note: 'Looking into it' })
   * ```
   * @throws {NotFoundError} when the alert does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when the alert is already resolved.
   * @throws {PermissionDeniedError} when the key lacks `alerts:write`.
   */
  acknowledge(
    alertId: string,
    params?: AcknowledgeAlertParams,
    options?: CallOptions,
  ): APIPromise<Alert> {
    return callEndpoint(
      this.#transport,
      endpoints.alerts.acknowledge,
      { params: { alertId }, body: params },
      options,
    )
  }

  /**
   * Resolves an alert, optionally with a note.
   *
   * @example
   * ```ts
   * await admin.alerts.resolve(alertId, { note: 'False positive' })
   * ```
   * @throws {NotFoundError} when the alert does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when the alert is already resolved.
   * @throws {PermissionDeniedError} when the key lacks `alerts:write`.
   */
  resolve(alertId: string, params?: ResolveAlertParams, options?: CallOptions): APIPromise<Alert> {
    return callEndpoint(
      this.#transport,
      endpoints.alerts.resolve,
      { params: { alertId }, body: params },
      options,
    )
  }
}
