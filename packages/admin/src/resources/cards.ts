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
  type CardPolicyLinkResponse,
  type CardResponse,
  type CreateCardParams,
  endpoints,
  type ListCardsQuery,
  type ListCardsResponse,
  type SetCardStateParams,
} from '@conto/schemas'

/**
 * `admin.cards`: bring-your-own payment cards that agents may use (`/api/cards`). Assign a card
 * to an agent with `admin.agents.assignCard()`.
 *
 * @see https://conto.finance/docs/guides/card-management
 */
export class CardsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Registers a card (only its last four digits, brand and limits; never the card number).
   *
   * @example
   * ```ts
   * const { card } = await admin.cards.create({ name: 'Ops card', last4: '4242', brand: 'VISA' })
   * ```
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_AMOUNT` for a malformed limit.
   * @throws {PermissionDeniedError} when the key lacks `agents:write` and `wallets:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  create(params: CreateCardParams, options?: CallOptions): APIPromise<CardResponse> {
    return callEndpoint(this.#transport, endpoints.cards.create, { body: params }, options)
  }

  /**
   * Lists cards; filter by status.
   *
   * @example
   * ```ts
   * const { items } = await admin.cards.list({ status: 'ACTIVE' })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `agents:read` and `wallets:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  list(
    params?: ListCardsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListCardsResponse['cards'][number], ListCardsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.cards.list,
      { query: params },
      (body) => body.cards,
      options,
    )
  }

  /**
   * Retrieves a card.
   *
   * @example
   * ```ts
   * const { card } = await admin.cards.retrieve(cardId)
   * ```
   * @throws {NotFoundError} when the card does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:read` and `wallets:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  retrieve(cardId: string, options?: CallOptions): APIPromise<CardResponse> {
    return callEndpoint(this.#transport, endpoints.cards.retrieve, { params: { cardId } }, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { card } = await admin.cards.get(cardId)
   * ```
   * @throws {NotFoundError} when the card does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:read` and `wallets:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  get(cardId: string, options?: CallOptions): APIPromise<CardResponse> {
    return this.retrieve(cardId, options)
  }

  /**
   * Pauses, resumes or cancels a card.
   *
   * @example
   * ```ts
   * await admin.cards.setState(cardId, { state: 'PAUSED' })
   * ```
   * @throws {NotFoundError} when the card does not exist.
   * @throws {ValidationError} when `state` is not valid.
   * @throws {ContoApiError} `INVALID_STATUS` when a cancelled card would change state.
   * @throws {PermissionDeniedError} when the key lacks `agents:write` and `wallets:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  setState(
    cardId: string,
    params: SetCardStateParams,
    options?: CallOptions,
  ): APIPromise<CardResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.cards.setState,
      { params: { cardId }, body: params },
      options,
    )
  }

  /**
   * Links a policy to a card, so card payments are evaluated against it.
   *
   * @example
   * ```ts
   * await admin.cards.linkPolicy(cardId, policyId)
   * ```
   * @throws {NotFoundError} when the card or the policy does not exist.
   * @throws {ConflictError} `CONFLICT` when the policy is already linked to the card.
   * @throws {PermissionDeniedError} when the key lacks `agents:write` and `wallets:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  linkPolicy(
    cardId: string,
    policyId: string,
    options?: CallOptions,
  ): APIPromise<CardPolicyLinkResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.cards.linkPolicy,
      { params: { cardId }, body: { policyId } },
      options,
    )
  }
}
