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
  type ApiKey,
  type CreateApiKeyParams,
  type CreateApiKeyResponse,
  endpoints,
  type ListApiKeysQuery,
  type ListApiKeysResponse,
  type RevokeApiKeyResponse,
} from '@conto/schemas'

/**
 * `admin.apiKeys`: the organization's API keys (`conto_…`), scoped by preset or by scope list
 * (`/api/api-keys`).
 *
 * @see https://conto.finance/docs/sdk/authentication
 */
export class ApiKeysResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the organization's API keys (prefixes only); revoked keys only when asked for.
   *
   * @example
   * ```ts
   * const { items } = await admin.apiKeys.list({ includeRevoked: true })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  list(
    params?: ListApiKeysQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ApiKey, ListApiKeysResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.apiKeys.list,
      { query: params },
      (body) => body.apiKeys,
      options,
    )
  }

  /**
   * Creates an organization API key; the secret is in `key`, shown this once.
   *
   * @example
   * ```ts
   * const { key } = await admin.apiKeys.create({ name: 'CI read-only', scopePreset: 'READ_ONLY', expiresInDays: 30 })
   * ```
   * @throws {ValidationError} when the name, preset, scopes or lifetime are not valid.
   * @throws {PermissionDeniedError} `FORBIDDEN` when asking for scopes the caller does not hold;
   *   `INSUFFICIENT_SCOPE` without `team:write`.
   */
  create(params: CreateApiKeyParams, options?: CallOptions): APIPromise<CreateApiKeyResponse> {
    return callEndpoint(this.#transport, endpoints.apiKeys.create, { body: params }, options)
  }

  /**
   * Revokes an organization API key (idempotent).
   *
   * @example
   * ```ts
   * await admin.apiKeys.revoke(apiKeyId)
   * ```
   * @throws {NotFoundError} when the key does not exist in this organization.
   * @throws {PermissionDeniedError} `FORBIDDEN` when revoking a key with scopes the caller does
   *   not hold; `INSUFFICIENT_SCOPE` without `team:write`.
   */
  revoke(apiKeyId: string, options?: CallOptions): APIPromise<RevokeApiKeyResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.apiKeys.revoke,
      { params: { apiKeyId } },
      options,
    )
  }
}
