import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import { endpoints, type Organization } from '@conto/schemas'

/**
 * `admin.organization`: the organization the key belongs to (`/api/organizations/me`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class OrganizationResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Retrieves the organization of the key: its id, name and mode (`live` or `test`).
   *
   * @example
   * ```ts
   * const { name, mode } = await admin.organization.retrieve()
   * ```
   * @throws {AuthenticationError} when the key is invalid, revoked or expired.
   */
  retrieve(options?: CallOptions): APIPromise<Organization> {
    return callEndpoint(this.#transport, endpoints.organization.retrieve, {}, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { name, mode } = await admin.organization.get()
   * ```
   * @throws {AuthenticationError} when the key is invalid, revoked or expired.
   */
  get(options?: CallOptions): APIPromise<Organization> {
    return this.retrieve(options)
  }
}
