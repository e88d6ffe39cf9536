import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type Analytics,
  type RetrieveSdkAnalyticsQuery,
  sdkAnalyticsEndpoints,
} from '@conto/schemas'

/** The calling agent's spend analytics (`/api/sdk/analytics`). */
export class SpendAnalytics {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Returns the calling agent's spend analytics for a period (default `30d`).
   *
   * @example
   * ```ts
   * const { totals } = await conto.analytics.retrieve({ period: '7d' })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `analytics:read`.
   * @see https://conto.finance/docs/sdk/analytics
   */
  retrieve(
    query: RetrieveSdkAnalyticsQuery = {},
    options: CallOptions = {},
  ): APIPromise<Analytics> {
    return callEndpoint(this.#transport, sdkAnalyticsEndpoints.retrieve, { query }, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { totals } = await conto.analytics.get({ period: '7d' })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `analytics:read`.
   */
  get(query: RetrieveSdkAnalyticsQuery = {}, options: CallOptions = {}): APIPromise<Analytics> {
    return this.retrieve(query, options)
  }
}
