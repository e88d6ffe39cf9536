import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type AcknowledgeAlertParams,
  type Alert,
  type ListAlertsResponse,
  type ListSdkAlertsQuery,
  sdkAlertEndpoints,
} from '@conto/schemas'

/** The calling agent's alerts (`/api/sdk/alerts`): denials, anomalies, freezes. */
export class Alerts {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the calling agent's alerts, newest first; `unread: true` keeps the unacknowledged ones.
   *
   * @example
   * ```ts
   * const { items } = await conto.alerts.list({ unread: true })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `alerts:read`.
   * @see https://conto.finance/docs/sdk/alerts
   */
  list(
    query: ListSdkAlertsQuery = {},
    options: CallOptions = {},
  ): PagePromise<Alert, ListAlertsResponse> {
    return listEndpoint(
      this.#transport,
      sdkAlertEndpoints.list,
      { query },
      (body) => body.alerts,
      options,
    )
  }

  /**
   * Acknowledges an alert, with an optional note.
   *
   * @example
   * ```ts
   * await conto.alerts.acknowledge(alert.id, { note: 'Expected: new vendor' })
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown alert id.
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `alerts:write`.
   * @see https://conto.finance/docs/sdk/alerts
   */
  acknowledge(
    alertId: string,
    params: AcknowledgeAlertParams = {},
    options: CallOptions = {},
  ): APIPromise<Alert> {
    return callEndpoint(
      this.#transport,
      sdkAlertEndpoints.acknowledge,
      { params: { alertId }, body: params },
      options,
    )
  }
}
