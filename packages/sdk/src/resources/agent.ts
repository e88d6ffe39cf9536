import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import { type SdkAgentProfile, sdkAgentEndpoints } from '@conto/schemas'

/** The calling agent (`/api/sdk/agent`): its own profile. */
export class CurrentAgent {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Returns the calling agent's profile: name, type, status, freeze settings and organization.
   *
   * @example
   * ```ts
   * const { name, status } = await conto.agent.retrieve()
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `agents:read`.
   * @throws {AuthenticationError} `AUTH_FAILED` / `EXPIRED_KEY` for an unusable key.
   * @see https://conto.finance/docs/sdk/agent
   */
  retrieve(options: CallOptions = {}): APIPromise<SdkAgentProfile> {
    return callEndpoint(this.#transport, sdkAgentEndpoints.retrieveAgent, {}, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { name, status } = await conto.agent.get()
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `agents:read`.
   * @throws {AuthenticationError} `AUTH_FAILED` / `EXPIRED_KEY` for an unusable key.
   */
  get(options: CallOptions = {}): APIPromise<SdkAgentProfile> {
    return this.retrieve(options)
  }
}
