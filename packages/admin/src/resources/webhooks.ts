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
  type CreateWebhookParams,
  type CreateWebhookResponse,
  endpoints,
  type ListWebhookDeliveriesQuery,
  type ListWebhookDeliveriesResponse,
  type ListWebhooksQuery,
  type ListWebhooksResponse,
  type RotateWebhookSecretResponse,
  type SuccessResponse,
  type TestWebhookResponse,
  type UpdateWebhookParams,
  type Webhook,
} from '@conto/schemas'

/**
 * `admin.webhooks`: endpoints that receive signed event deliveries (`/api/webhooks`). Verify
 * deliveries with `verifyWebhook()`.
 *
 * @see https://conto.finance/docs/guides/webhooks
 */
export class WebhooksResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists webhook endpoints (without their secrets).
   *
   * @example
   * ```ts
   * const { items } = await admin.webhooks.list()
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  list(
    params?: ListWebhooksQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListWebhooksResponse['webhooks'][number], ListWebhooksResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.webhooks.list,
      { query: params },
      (body) => body.webhooks,
      options,
    )
  }

  /**
   * Creates a webhook endpoint; the signing `secret` is in the response, shown this once.
   *
   * @example
   * ```ts
   * const { id, secret } = await admin.webhooks.create({ url: 'https://example.com/conto', events: ['payment.confirmed'] })
   * ```
   * @throws {ValidationError} when an event is unknown.
   * @throws {ContoApiError} `INVALID_WEBHOOK_URL` when the URL is not a public https URL.
   * @throws {PermissionDeniedError} when the key lacks `team:write`.
   */
  create(params: CreateWebhookParams, options?: CallOptions): APIPromise<CreateWebhookResponse> {
    return callEndpoint(this.#transport, endpoints.webhooks.create, { body: params }, options)
  }

  /**
   * Retrieves a webhook endpoint (without its secret).
   *
   * @example
   * ```ts
   * const webhook = await admin.webhooks.retrieve(webhookId)
   * ```
   * @throws {NotFoundError} when the webhook does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  retrieve(webhookId: string, options?: CallOptions): APIPromise<Webhook> {
    return callEndpoint(
      this.#transport,
      endpoints.webhooks.retrieve,
      { params: { webhookId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const webhook = await admin.webhooks.get(webhookId)
   * ```
   * @throws {NotFoundError} when the webhook does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  get(webhookId: string, options?: CallOptions): APIPromise<Webhook> {
    return this.retrieve(webhookId, options)
  }

  /**
   * Updates a webhook endpoint's URL, events, description or active flag.
   *
   * @example
   * ```ts
   * await admin.webhooks.update(webhookId, { isActive: false })
   * ```
   * @throws {NotFoundError} when the webhook does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_WEBHOOK_URL` when the new URL is not a public https URL.
   * @throws {PermissionDeniedError} when the key lacks `team:write`.
   */
  update(
    webhookId: string,
    params: UpdateWebhookParams,
    options?: CallOptions,
  ): APIPromise<Webhook> {
    return callEndpoint(
      this.#transport,
      endpoints.webhooks.update,
      { params: { webhookId }, body: params },
      options,
    )
  }

  /**
   * Deletes a webhook endpoint.
   *
   * @example
   * ```ts
   * await admin.webhooks.delete(webhookId)
   * ```
   * @throws {NotFoundError} when the webhook does not exist.
   * @throws {PermissionDeniedError} when the key lacks `team:write`.
   */
  delete(webhookId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.webhooks.delete,
      { params: { webhookId } },
      options,
    )
  }

  /**
   * Sends a signed `webhook.test` event to the endpoint and returns the delivery.
   *
   * @example
   * ```ts
   * const { delivery } = await admin.webhooks.test(webhookId)
   * ```
   * @throws {NotFoundError} when the webhook does not exist.
   * @throws {PermissionDeniedError} when the key lacks `team:write`.
   */
  test(webhookId: string, options?: CallOptions): APIPromise<TestWebhookResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.webhooks.test,
      { params: { webhookId } },
      options,
    )
  }

  /**
   * Replaces the endpoint's signing secret; the new `secret` is shown this once.
   *
   * @example
   * ```ts
   * const { secret } = await admin.webhooks.rotateSecret(webhookId)
   * ```
   * @throws {NotFoundError} when the webhook does not exist.
   * @throws {PermissionDeniedError} when the key lacks `team:write`.
   */
  rotateSecret(webhookId: string, options?: CallOptions): APIPromise<RotateWebhookSecretResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.webhooks.rotateSecret,
      { params: { webhookId } },
      options,
    )
  }

  /**
   * Lists the deliveries made to a webhook endpoint, newest first, with their attempts.
   *
   * @example
   * ```ts
   * const failed = await admin.webhooks.listDeliveries(webhookId, { status: 'FAILED' }).toArray({ limit: 20 })
   * ```
   * @throws {NotFoundError} when the webhook does not exist.
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  listDeliveries(
    webhookId: string,
    params?: ListWebhookDeliveriesQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<
    ListWebhookDeliveriesResponse['deliveries'][number],
    ListWebhookDeliveriesResponse
  > {
    return listEndpoint(
      this.#transport,
      endpoints.webhooks.listDeliveries,
      { params: { webhookId }, query: params },
      (body) => body.deliveries,
      options,
    )
  }
}
