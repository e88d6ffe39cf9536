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
  type CreateNotificationChannelParams,
  endpoints,
  type ListNotificationChannelsQuery,
  type ListNotificationChannelsResponse,
  type NotificationChannel,
  type SuccessResponse,
  type TestNotificationChannelResponse,
  type UpdateNotificationChannelParams,
} from '@conto/schemas'

/**
 * `admin.channels`: notification channels (Slack, email, …) that receive approval requests and
 * alerts (`/api/channels`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class ChannelsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists notification channels.
   *
   * @example
   * ```ts
   * const { items } = await admin.channels.list({ type: 'SLACK' })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  list(
    params?: ListNotificationChannelsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<
    ListNotificationChannelsResponse['channels'][number],
    ListNotificationChannelsResponse
  > {
    return listEndpoint(
      this.#transport,
      endpoints.channels.list,
      { query: params },
      (body) => body.channels,
      options,
    )
  }

  /**
   * Creates a notification channel; `config` depends on the channel `type`.
   *
   * @example
   * ```ts
   * await admin.channels.create({ type: 'SLACK', name: 'Approvals', config: { botToken: 'xoxb-…', channelId: 'C0123456789' } })
   * ```
   * @throws {ValidationError} when `params` do not match the schema of the channel type.
   * @throws {ContoApiError} `INVALID_WEBHOOK_URL` when a WEBHOOK channel's URL is not allowed.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  create(
    params: CreateNotificationChannelParams,
    options?: CallOptions,
  ): APIPromise<NotificationChannel> {
    return callEndpoint(this.#transport, endpoints.channels.create, { body: params }, options)
  }

  /**
   * Retrieves a notification channel.
   *
   * @example
   * ```ts
   * const channel = await admin.channels.retrieve(channelId)
   * ```
   * @throws {NotFoundError} when the channel does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  retrieve(channelId: string, options?: CallOptions): APIPromise<NotificationChannel> {
    return callEndpoint(
      this.#transport,
      endpoints.channels.retrieve,
      { params: { channelId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const channel = await admin.channels.get(channelId)
   * ```
   * @throws {NotFoundError} when the channel does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  get(channelId: string, options?: CallOptions): APIPromise<NotificationChannel> {
    return this.retrieve(channelId, options)
  }

  /**
   * Updates a notification channel.
   *
   * @example
   * ```ts
   * await admin.channels.update(channelId, { isActive: false })
   * ```
   * @throws {NotFoundError} when the channel does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_WEBHOOK_URL` when a WEBHOOK channel's URL is not allowed.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  update(
    channelId: string,
    params: UpdateNotificationChannelParams,
    options?: CallOptions,
  ): APIPromise<NotificationChannel> {
    return callEndpoint(
      this.#transport,
      endpoints.channels.update,
      { params: { channelId }, body: params },
      options,
    )
  }

  /**
   * Deletes a notification channel.
   *
   * @example
   * ```ts
   * await admin.channels.delete(channelId)
   * ```
   * @throws {NotFoundError} when the channel does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  delete(channelId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.channels.delete,
      { params: { channelId } },
      options,
    )
  }

  /**
   * Sends a test notification through a channel.
   *
   * @example
   * ```ts
   * const { success } = await admin.channels.test(channelId)
   * ```
   * @throws {NotFoundError} when the channel does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without notification channels.
   */
  test(channelId: string, options?: CallOptions): APIPromise<TestNotificationChannelResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.channels.test,
      { params: { channelId } },
      options,
    )
  }
}
