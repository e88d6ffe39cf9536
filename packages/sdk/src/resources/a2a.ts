import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type A2aRequest,
  type A2aRequestResponse,
  type A2aStatsResponse,
  type ApproveA2aRequestParams,
  a2aEndpoints,
  type CreateA2aRequestParams,
  type CreateA2aRequestResponse,
  type ExecuteA2aRequestResponse,
  type ListA2aRequestsQuery,
  type ListA2aRequestsResponse,
  type RejectA2aRequestParams,
  type ResolveA2aAgentParams,
  type ResolveA2aAgentResponse,
} from '@conto/schemas'

/**
 * Agent-to-agent payment requests within one organization (`/api/sdk/a2a/*`): one agent asks
 * another to pay it; the payer approves or rejects, then executes under its own policies.
 */
export class A2a {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Asks another agent of the organization (by `targetAgentId` or `targetWalletAddress`) to pay
   * the calling agent; the request starts `PENDING`.
   *
   * @example
   * ```ts
   * const { paymentRequest } = await conto.a2a.request({ targetAgentId, amount: 12, purpose: 'Data enrichment' })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR` / `INVALID_AMOUNT` for a bad body.
   * @throws {NotFoundError} `NOT_FOUND` when no agent of the organization matches the target.
   * @see https://conto.finance/docs/sdk/a2a
   */
  request(
    params: CreateA2aRequestParams,
    options: CallOptions = {},
  ): APIPromise<CreateA2aRequestResponse> {
    return callEndpoint(this.#transport, a2aEndpoints.request, { body: params }, options)
  }

  /**
   * Lists the calling agent's A2A requests, incoming and outgoing unless `direction` is given.
   *
   * @example
   * ```ts
   * const { items } = await conto.a2a.list({ direction: 'incoming', status: 'PENDING' })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request`.
   * @see https://conto.finance/docs/sdk/a2a
   */
  list(
    query: ListA2aRequestsQuery = {},
    options: CallOptions = {},
  ): PagePromise<A2aRequest, ListA2aRequestsResponse> {
    return listEndpoint(
      this.#transport,
      a2aEndpoints.list,
      { query },
      (body) => body.requests,
      options,
    )
  }

  /**
   * Returns one A2A request the calling agent sent or received.
   *
   * @example
   * ```ts
   * const { paymentRequest } = await conto.a2a.retrieve(requestId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id.
   * @see https://conto.finance/docs/sdk/a2a
   */
  retrieve(requestId: string, options: CallOptions = {}): APIPromise<A2aRequestResponse> {
    return callEndpoint(this.#transport, a2aEndpoints.retrieve, { params: { requestId } }, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { paymentRequest } = await conto.a2a.get(requestId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id.
   */
  get(requestId: string, options: CallOptions = {}): APIPromise<A2aRequestResponse> {
    return this.retrieve(requestId, options)
  }

  /**
   * Approves an incoming A2A request (the payer's side), with an optional reason.
   *
   * @example
   * ```ts
   * await conto.a2a.approve(requestId, { reason: 'Invoice checked' })
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id.
   * @throws {ContoApiError} `INVALID_STATUS` (400) when the request is no longer PENDING.
   * @see https://conto.finance/docs/sdk/a2a
   */
  approve(
    requestId: string,
    params: ApproveA2aRequestParams = {},
    options: CallOptions = {},
  ): APIPromise<A2aRequestResponse> {
    return callEndpoint(
      this.#transport,
      a2aEndpoints.approve,
      { params: { requestId }, body: params },
      options,
    )
  }

  /**
   * Rejects an incoming A2A request (the payer's side); the reason is stored.
   *
   * @example
   * ```ts
   * await conto.a2a.reject(requestId, { reason: 'Not ordered' })
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id.
   * @throws {ContoApiError} `INVALID_STATUS` (400) when the request is no longer PENDING.
   * @see https://conto.finance/docs/sdk/a2a
   */
  reject(
    requestId: string,
    params: RejectA2aRequestParams,
    options: CallOptions = {},
  ): APIPromise<A2aRequestResponse> {
    return callEndpoint(
      this.#transport,
      a2aEndpoints.reject,
      { params: { requestId }, body: params },
      options,
    )
  }

  /**
   * Pays an approved incoming A2A request; the payment goes through the payer's policies.
   *
   * @example
   * ```ts
   * const { decision, transaction } = await conto.a2a.execute(requestId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown id.
   * @throws {ContoApiError} `INVALID_STATUS`, `INSUFFICIENT_BALANCE`, `EXPIRED` (400).
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:execute`.
   * @see https://conto.finance/docs/sdk/a2a
   */
  execute(requestId: string, options: CallOptions = {}): APIPromise<ExecuteA2aRequestResponse> {
    return callEndpoint(this.#transport, a2aEndpoints.execute, { params: { requestId } }, options)
  }

  /**
   * Finds the agent of the organization behind a wallet address.
   *
   * @example
   * ```ts
   * const { agentId, agentName } = await conto.a2a.resolve({ walletAddress })
   * ```
   * @throws {NotFoundError} `NOT_FOUND` when no agent of the organization uses the address.
   * @see https://conto.finance/docs/sdk/a2a
   */
  resolve(
    params: ResolveA2aAgentParams,
    options: CallOptions = {},
  ): APIPromise<ResolveA2aAgentResponse> {
    return callEndpoint(this.#transport, a2aEndpoints.resolve, { body: params }, options)
  }

  /**
   * Returns counts and amounts of the calling agent's A2A requests, per direction.
   *
   * @example
   * ```ts
   * const { incoming, outgoing } = await conto.a2a.stats()
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request`.
   * @see https://conto.finance/docs/sdk/a2a
   */
  stats(options: CallOptions = {}): APIPromise<A2aStatsResponse> {
    return callEndpoint(this.#transport, a2aEndpoints.stats, {}, options)
  }
}
