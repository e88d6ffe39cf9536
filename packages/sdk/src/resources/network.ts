import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import { type NetworkTrust, sdkCounterpartyEndpoints } from '@conto/schemas'

/** The Conto network (`/api/sdk/network/*`): what all organizations know about an address. */
export class Network {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Returns the anonymised cross-organization trust score of an address (0.5 and `UNKNOWN` for
   * an address the network has never seen).
   *
   * @example
   * ```ts
   * const { globalScore, trustLevel } = await conto.network.trust(recipientAddress)
   * ```
   * @throws {ValidationError} `INVALID_ADDRESS` for an address that is neither EVM nor Solana.
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `network:read`.
   * @see https://conto.finance/docs/sdk/counterparties
   */
  trust(address: string, options: CallOptions = {}): APIPromise<NetworkTrust> {
    return callEndpoint(
      this.#transport,
      sdkCounterpartyEndpoints.networkTrust,
      { query: { address } },
      options,
    )
  }
}
