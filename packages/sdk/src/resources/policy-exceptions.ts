import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type CreatePolicyExceptionParams,
  type ListPolicyExceptionsQuery,
  type ListPolicyExceptionsResponse,
  type PolicyException,
  sdkPolicyEndpoints,
} from '@conto/schemas'

/** The calling agent's requests for exceptions from a policy (`/api/sdk/policy-exceptions`). */
export class PolicyExceptions {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the calling agent's policy exception requests, optionally by `status` or `policyId`.
   *
   * @example
   * ```ts
   * const pending = await conto.policyExceptions.list({ status: 'PENDING' }).toArray({ limit: 100 })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `policies:exceptions`.
   * @see https://conto.finance/docs/sdk/policies
   */
  list(
    query: ListPolicyExceptionsQuery = {},
    options: CallOptions = {},
  ): PagePromise<PolicyException, ListPolicyExceptionsResponse> {
    return listEndpoint(
      this.#transport,
      sdkPolicyEndpoints.listExceptions,
      { query },
      (body) => body.exceptions,
      options,
    )
  }

  /**
   * Asks a human to except the agent from a policy or rule (for one payment when `amount` is
   * given); it starts `PENDING`.
   *
   * @example
   * ```ts
   * await conto.policyExceptions.create({ policyId, reason: 'One-off conference ticket', amount: 450 })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR` / `INVALID_AMOUNT` for a bad body.
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `policies:exceptions`.
   * @see https://conto.finance/docs/sdk/policies
   */
  create(
    params: CreatePolicyExceptionParams,
    options: CallOptions = {},
  ): APIPromise<PolicyException> {
    return callEndpoint(
      this.#transport,
      sdkPolicyEndpoints.createException,
      { body: params },
      options,
    )
  }
}
