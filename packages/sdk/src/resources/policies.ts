import {
  type CallOptions,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type ListSdkPoliciesQuery,
  type ListSdkPoliciesResponse,
  type Policy,
  sdkPolicyEndpoints,
} from '@conto/schemas'

/** The policies in effect for the calling agent (`/api/sdk/policies`). */
export class Policies {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the policies that apply to the calling agent, optionally only those for one wallet.
   *
   * @example
   * ```ts
   * const { items } = await conto.policies.list({ walletId })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `policies:read`.
   * @see https://conto.finance/docs/sdk/policies
   */
  list(
    query: ListSdkPoliciesQuery = {},
    options: CallOptions = {},
  ): PagePromise<Policy, ListSdkPoliciesResponse> {
    return listEndpoint(
      this.#transport,
      sdkPolicyEndpoints.list,
      { query },
      (body) => body.policies,
      options,
    )
  }
}
