import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type ServiceSpendQuery,
  type ServiceSpendServicesResponse,
  type ServiceSpendSummaryResponse,
  serviceSpendEndpoints,
} from '@conto/schemas'

/** Machine spend on x402 and MPP services (`/api/sdk/service-spend/*`). */
export class ServiceSpend {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Returns total service spend and calls for a period and protocol, with the recent anomaly
   * alerts.
   *
   * @example
   * ```ts
   * const { summary } = await conto.serviceSpend.summary({ period: '7d', protocol: 'x402' })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `analytics:read`.
   * @see https://conto.finance/docs/sdk/service-spend
   */
  summary(
    query: ServiceSpendQuery = {},
    options: CallOptions = {},
  ): APIPromise<ServiceSpendSummaryResponse> {
    return callEndpoint(this.#transport, serviceSpendEndpoints.summary, { query }, options)
  }

  /**
   * Returns the top services by spend, each with its top endpoints.
   *
   * @example
   * ```ts
   * const { services } = await conto.serviceSpend.services({ period: '30d', limit: 5 })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `analytics:read`.
   * @see https://conto.finance/docs/sdk/service-spend
   */
  services(
    query: ServiceSpendQuery = {},
    options: CallOptions = {},
  ): APIPromise<ServiceSpendServicesResponse> {
    return callEndpoint(this.#transport, serviceSpendEndpoints.services, { query }, options)
  }
}
