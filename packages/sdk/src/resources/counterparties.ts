import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  type Counterparty,
  type CounterpartyDetail,
  type CreateCounterpartyParams,
  type ListCounterpartiesQuery,
  type ListCounterpartiesResponse,
  sdkCounterpartyEndpoints,
} from '@conto/schemas'

/** The organization's counterparties, as the agent sees them (`/api/sdk/counterparties`). */
export class Counterparties {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the organization's counterparties, optionally filtered.
   *
   * @example
   * ```ts
   * const trusted = await conto.counterparties.list({ status: 'TRUSTED' }).toArray({ limit: 50 })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `counterparties:read`.
   * @see https://conto.finance/docs/sdk/counterparties
   */
  list(
    query: ListCounterpartiesQuery = {},
    options: CallOptions = {},
  ): PagePromise<Counterparty, ListCounterpartiesResponse> {
    return listEndpoint(
      this.#transport,
      sdkCounterpartyEndpoints.list,
      { query },
      (body) => body.counterparties,
      options,
    )
  }

  /**
   * Returns the counterparty at an address (compared case-insensitively), with its network trust.
   *
   * @example
   * ```ts
   * const counterparty = await conto.counterparties.retrieve(recipientAddress)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` when the organization has no counterparty at `address`.
   * @throws {ValidationError} `INVALID_ADDRESS` for an address that is neither EVM nor Solana.
   * @see https://conto.finance/docs/sdk/counterparties
   */
  retrieve(address: string, options: CallOptions = {}): APIPromise<CounterpartyDetail> {
    return callEndpoint(
      this.#transport,
      sdkCounterpartyEndpoints.retrieve,
      { params: { address } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const counterparty = await conto.counterparties.get(recipientAddress)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` when the organization has no counterparty at `address`.
   * @throws {ValidationError} `INVALID_ADDRESS` for an address that is neither EVM nor Solana.
   */
  get(address: string, options: CallOptions = {}): APIPromise<CounterpartyDetail> {
    return this.retrieve(address, options)
  }

  /**
   * Creates a counterparty (someone the agent pays or is paid by).
   *
   * @example
   * ```ts
   * await conto.counterparties.create({ name: 'OpenAI', address: recipientAddress, type: 'VENDOR' })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR` / `INVALID_ADDRESS` for a bad body.
   * @throws {ConflictError} `CONFLICT` when a counterparty already has this address.
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `counterparties:write`.
   * @see https://conto.finance/docs/sdk/counterparties
   */
  create(params: CreateCounterpartyParams, options: CallOptions = {}): APIPromise<Counterparty> {
    return callEndpoint(this.#transport, sdkCounterpartyEndpoints.create, { body: params }, options)
  }
}
