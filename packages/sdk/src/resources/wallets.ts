import {
  type CallOptions,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type ListSdkWalletsQuery,
  type ListSdkWalletsResponse,
  type SdkWallet,
  sdkAgentEndpoints,
} from '@conto/schemas'

/** The calling agent's wallets (`/api/sdk/wallets`), with their limits, spend and headroom. */
export class Wallets {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the wallets linked to the calling agent, each with its balance, link `limits`,
   * `spent` today / this week / this month and `remaining` headroom.
   *
   * @example
   * ```ts
   * const { items } = await conto.wallets.list()
   * for (const wallet of items) console.log(wallet.name, wallet.balance, wallet.remaining.daily)
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `wallets:read`.
   * @see https://conto.finance/docs/sdk/wallets
   */
  list(
    query: ListSdkWalletsQuery = {},
    options: CallOptions = {},
  ): PagePromise<SdkWallet, ListSdkWalletsResponse> {
    return listEndpoint(
      this.#transport,
      sdkAgentEndpoints.listWallets,
      { query },
      (body) => body.wallets,
      options,
    )
  }
}
