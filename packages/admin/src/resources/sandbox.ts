import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type CreateSandboxParams,
  type CreateSandboxResponse,
  endpoints,
  type SandboxDescription,
} from '@conto/schemas'

/**
 * `admin.sandbox`: the anonymous agent sandbox (`/api/agents/sandbox`). It needs no credential,
 * so these calls are sent without the organization key.
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class SandboxResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Describes the sandbox endpoint: its fields, defaults and what it creates.
   *
   * @example
   * ```ts
   * const { requiredFields, defaults } = await admin.sandbox.describe()
   * ```
   * @throws {RateLimitError} when the sandbox rate limit is exhausted.
   */
  describe(options?: CallOptions): APIPromise<SandboxDescription> {
    return callEndpoint(this.#transport, endpoints.sandbox.describe, {}, options)
  }

  /**
   * Creates a throw-away test organization with an agent, a linked EXTERNAL wallet, an agent SDK
   * key and a read-only org key, all expiring after 7 days.
   *
   * @example
   * ```ts
   * const { credentials } = await admin.sandbox.create({ name: 'Trial agent' })
   * const conto = new Conto({ apiKey: credentials.sdkKey })
   * ```
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {RateLimitError} when the sandbox rate limit is exhausted.
   */
  create(params?: CreateSandboxParams, options?: CallOptions): APIPromise<CreateSandboxResponse> {
    return callEndpoint(this.#transport, endpoints.sandbox.create, { body: params }, options)
  }
}
