import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PageParams,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type Counterparty,
  type CounterpartyDetail,
  type CreateCounterpartyParams,
  endpoints,
  type ListCounterpartiesQuery,
  type ListCounterpartiesResponse,
  type SuccessResponse,
  type UpdateCounterpartyParams,
} from '@conto/schemas'

/**
 * `admin.counterparties`: the addresses your agents pay, with trust and approval status
 * (`/api/counterparties`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class CounterpartiesResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists counterparties; filter by status, type, approval status or a search term.
   *
   * @example
   * ```ts
   * const page = await admin.counterparties.list({ search: 'openai' })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `counterparties:read`.
   */
  list(
    params?: ListCounterpartiesQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListCounterpartiesResponse['counterparties'][number], ListCounterpartiesResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.counterparties.list,
      { query: params },
      (body) => body.counterparties,
      options,
    )
  }

  /**
   * Creates a counterparty for an address.
   *
   * @example
   * ```ts
   * const vendor = await admin.counterparties.create({ name: 'API vendor', address: '0x…', category: 'SOFTWARE' })
   * ```
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_ADDRESS` when the address is not an EVM or Solana address.
   * @throws {ConflictError} `CONFLICT` when a counterparty with this address exists.
   * @throws {PermissionDeniedError} when the key lacks `counterparties:write`.
   */
  create(params: CreateCounterpartyParams, options?: CallOptions): APIPromise<Counterparty> {
    return callEndpoint(this.#transport, endpoints.counterparties.create, { body: params }, options)
  }

  /**
   * Retrieves a counterparty with its transaction statistics.
   *
   * @example
   * ```ts
   * const vendor = await admin.counterparties.retrieve(counterpartyId)
   * ```
   * @throws {NotFoundError} when the counterparty does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `counterparties:read`.
   */
  retrieve(counterpartyId: string, options?: CallOptions): APIPromise<CounterpartyDetail> {
    return callEndpoint(
      this.#transport,
      endpoints.counterparties.retrieve,
      { params: { counterpartyId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const vendor = await admin.counterparties.get(counterpartyId)
   * ```
   * @throws {NotFoundError} when the counterparty does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `counterparties:read`.
   */
  get(counterpartyId: string, options?: CallOptions): APIPromise<CounterpartyDetail> {
    return this.retrieve(counterpartyId, options)
  }

  /**
   * Updates a counterparty (name, status, trust, approval status, …).
   *
   * @example
   * ```ts
   * await admin.counterparties.update(counterpartyId, { status: 'BLOCKED' })
   * ```
   * @throws {NotFoundError} when the counterparty does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_ADDRESS` when the new address is not valid.
   * @throws {ConflictError} `CONFLICT` when another counterparty has the new address.
   * @throws {PermissionDeniedError} when the key lacks `counterparties:write`.
   */
  update(
    counterpartyId: string,
    params: UpdateCounterpartyParams,
    options?: CallOptions,
  ): APIPromise<Counterparty> {
    return callEndpoint(
      this.#transport,
      endpoints.counterparties.update,
      { params: { counterpartyId }, body: params },
      options,
    )
  }

  /**
   * Deletes a counterparty.
   *
   * @example
   * ```ts
   * await admin.counterparties.delete(counterpartyId)
   * ```
   * @throws {NotFoundError} when the counterparty does not exist.
   * @throws {PermissionDeniedError} when the key lacks `counterparties:write`.
   */
  delete(counterpartyId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.counterparties.delete,
      { params: { counterpartyId } },
      options,
    )
  }
}
