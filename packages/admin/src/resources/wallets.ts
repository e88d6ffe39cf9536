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
  type CreateWalletParams,
  type CreateWalletResponse,
  endpoints,
  type FundWalletParams,
  type FundWalletResponse,
  type ListWalletsQuery,
  type ListWalletsResponse,
  type SuccessResponse,
  type UpdateWalletParams,
  type Wallet,
} from '@conto/schemas'

/**
 * `admin.wallets`: the organization's wallets, managed (custodial) and external (`/api/wallets`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class WalletsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists wallets; filter by status, chain or custody type.
   *
   * @example
   * ```ts
   * for await (const wallet of admin.wallets.list({ custodyType: 'EXTERNAL' })) console.log(wallet.address)
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `wallets:read`.
   */
  list(
    params?: ListWalletsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListWalletsResponse['wallets'][number], ListWalletsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.wallets.list,
      { query: params },
      (body) => body.wallets,
      options,
    )
  }

  /**
   * Creates a wallet: a managed one (an address is generated) or an EXTERNAL one you control.
   * `created` is `false` when an existing wallet with the same address was returned instead.
   *
   * @example
   * ```ts
   * const wallet = await admin.wallets.create({ name: 'Ops', custodyType: 'PRIVY', chainType: 'EVM', chainId: '8453' })
   * ```
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_ADDRESS` when the address is not valid for the chain.
   * @throws {ConflictError} `CONFLICT` when the address and `externalWalletId` point at two
   *   different wallets.
   * @throws {InternalServerError} `CUSTODY_NOT_CONFIGURED` when the server cannot create managed
   *   wallets of this custody type.
   * @throws {PermissionDeniedError} when the key lacks `wallets:write`.
   */
  create(params: CreateWalletParams, options?: CallOptions): APIPromise<CreateWalletResponse> {
    return callEndpoint(this.#transport, endpoints.wallets.create, { body: params }, options)
  }

  /**
   * Retrieves a wallet with its balances.
   *
   * @example
   * ```ts
   * const { balance } = await admin.wallets.retrieve(walletId)
   * ```
   * @throws {NotFoundError} when the wallet does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `wallets:read`.
   */
  retrieve(walletId: string, options?: CallOptions): APIPromise<Wallet> {
    return callEndpoint(
      this.#transport,
      endpoints.wallets.retrieve,
      { params: { walletId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { balance } = await admin.wallets.get(walletId)
   * ```
   * @throws {NotFoundError} when the wallet does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `wallets:read`.
   */
  get(walletId: string, options?: CallOptions): APIPromise<Wallet> {
    return this.retrieve(walletId, options)
  }

  /**
   * Updates a wallet's name, status, enforcement mode or watch-only flag.
   *
   * @example
   * ```ts
   * await admin.wallets.update(walletId, { status: 'FROZEN' })
   * ```
   * @throws {NotFoundError} when the wallet does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_STATUS` when an archived wallet would change status.
   * @throws {PermissionDeniedError} when the key lacks `wallets:write`.
   */
  update(walletId: string, params: UpdateWalletParams, options?: CallOptions): APIPromise<Wallet> {
    return callEndpoint(
      this.#transport,
      endpoints.wallets.update,
      { params: { walletId }, body: params },
      options,
    )
  }

  /**
   * Archives a wallet: it stays on record but can no longer pay.
   *
   * @example
   * ```ts
   * const wallet = await admin.wallets.archive(walletId) // wallet.status === 'ARCHIVED'
   * ```
   * @throws {NotFoundError} when the wallet does not exist.
   * @throws {PermissionDeniedError} when the key lacks `wallets:write`.
   */
  archive(walletId: string, options?: CallOptions): APIPromise<Wallet> {
    return callEndpoint(
      this.#transport,
      endpoints.wallets.archive,
      { params: { walletId } },
      options,
    )
  }

  /**
   * Deletes a wallet.
   *
   * @example
   * ```ts
   * await admin.wallets.delete(walletId)
   * ```
   * @throws {NotFoundError} when the wallet does not exist.
   * @throws {ConflictError} `CONFLICT` when the wallet has payment history (archive it instead).
   * @throws {PermissionDeniedError} when the key lacks `wallets:write`.
   */
  delete(walletId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.wallets.delete,
      { params: { walletId } },
      options,
    )
  }

  /**
   * Provisions a managed wallet with its custody provider (gives it an address when it has none).
   *
   * @example
   * ```ts
   * const wallet = await admin.wallets.provision(walletId)
   * ```
   * @throws {NotFoundError} when the wallet does not exist.
   * @throws {ContoApiError} `EXTERNAL_WALLET` for an EXTERNAL wallet; `INVALID_STATUS` when it is
   *   archived.
   * @throws {InternalServerError} `CUSTODY_NOT_CONFIGURED` when the custody provider is not set up.
   * @throws {PermissionDeniedError} when the key lacks `wallets:write`.
   */
  provision(walletId: string, options?: CallOptions): APIPromise<Wallet> {
    return callEndpoint(
      this.#transport,
      endpoints.wallets.provision,
      { params: { walletId } },
      options,
    )
  }

  /**
   * Adds test funds to a managed wallet (test-mode organizations only).
   *
   * @example
   * ```ts
   * const { balance } = await admin.wallets.fund(walletId, { amount: 500 })
   * ```
   * @throws {NotFoundError} when the wallet does not exist, or the server is not in test mode.
   * @throws {ContoApiError} `INVALID_AMOUNT` when `amount` is not a positive amount;
   *   `INVALID_STATUS` when the wallet is archived.
   * @throws {PermissionDeniedError} when the key lacks `wallets:write`.
   */
  fund(
    walletId: string,
    params: FundWalletParams,
    options?: CallOptions,
  ): APIPromise<FundWalletResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.wallets.fund,
      { params: { walletId }, body: params },
      options,
    )
  }
}
