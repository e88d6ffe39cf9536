import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import { endpoints, type HealthResponse, type OpenApiDocument } from '@conto/schemas'

/**
 * `admin.meta`: the server's health check and OpenAPI document. Both are public, so these calls
 * are sent without the organization key.
 *
 * @see https://conto.finance/docs/api/reference
 */
export class MetaResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Checks that the server is up, and reports its version and mode.
   *
   * @example
   * ```ts
   * const { status, mode } = await admin.meta.health()
   * ```
   * @throws {ConnectionError} when the server cannot be reached.
   */
  health(options?: CallOptions): APIPromise<HealthResponse> {
    return callEndpoint(this.#transport, endpoints.meta.health, {}, options)
  }

  /**
   * Retrieves the server's OpenAPI 3.1 document.
   *
   * @example
   * ```ts
   * const { info, paths } = await admin.meta.openapi()
   * ```
   * @throws {ConnectionError} when the server cannot be reached.
   */
  openapi(options?: CallOptions): APIPromise<OpenApiDocument> {
    return callEndpoint(this.#transport, endpoints.meta.openapi, {}, options)
  }
}
