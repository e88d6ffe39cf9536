import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import { type Analytics, endpoints, type RetrieveAnalyticsQuery } from '@conto/schemas'

/**
 * `admin.analytics`: spend totals and breakdowns over a trailing period (`/api/analytics`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class AnalyticsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Retrieves spend analytics: totals, by agent, by category and by day.
   *
   * @example
   * ```ts
   * const { totals, byAgent } = await admin.analytics.retrieve({ period: '7d' })
   * ```
   * @throws {ValidationError} when `period` is not one of `24h`, `7d`, `30d`, `90d`, `all`.
   * @throws {PermissionDeniedError} when the key lacks `analytics:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without analytics.
   */
  retrieve(params?: RetrieveAnalyticsQuery, options?: CallOptions): APIPromise<Analytics> {
    return callEndpoint(this.#transport, endpoints.analytics.retrieve, { query: params }, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { totals, byAgent } = await admin.analytics.get({ period: '7d' })
   * ```
   * @throws {ValidationError} when `period` is not one of `24h`, `7d`, `30d`, `90d`, `all`.
   * @throws {PermissionDeniedError} when the key lacks `analytics:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without analytics.
   */
  get(params?: RetrieveAnalyticsQuery, options?: CallOptions): APIPromise<Analytics> {
    return this.retrieve(params, options)
  }
}
