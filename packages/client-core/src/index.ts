/**
 * @module @conto/client-core
 * The transport shared by `@conto/sdk` (`Conto`) and `@conto/admin` (`ContoAdmin`): base URL,
 * Bearer auth, timeouts, retries with backoff, idempotency keys, request ids, the error classes,
 * `limit`/`offset` pagination and webhook verification. Runs on any runtime with `fetch` and
 * WebCrypto; no `node:` imports. Users import these through `@conto/sdk` or `@conto/admin`.
 */
export { APIPromise, type RawResponse, type WithResponse } from './api-promise.js'
export { assertKeyKind, type KeyKind } from './assert-key-kind.js'
export {
  type AnyEndpoint,
  type BodyOf,
  buildPath,
  type CallOptions,
  callEndpoint,
  type EndpointInput,
  listEndpoint,
  type ParamsOf,
  type QueryOf,
  type ResultOf,
} from './call-endpoint.js'
export {
  createTransport,
  type FetchFunction,
  type FetchOptions,
  type HttpMethod,
  type QueryValue,
  type RequestEvent,
  type RequestOptions,
  type ResponseEvent,
  type ResponseSchema,
  type Transport,
  type TransportOptions,
} from './create-transport.js'
export {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  type ConnectionErrorOptions,
  ContoApiError,
  type ContoApiErrorOptions,
  ContoError,
  type ContoErrorOptions,
  type CreateContoApiErrorParams,
  createContoApiError,
  docsUrlOf,
  ERROR_DOCS_BASE_URL,
  InternalServerError,
  isContoApiError,
  isContoError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  type ResponseValidationErrorOptions,
  TimeoutError,
  ValidationError,
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from './errors.js'
export { readEnv } from './internal/read-env.js'
export { type Logger, type LogLevel, logLevels } from './logger.js'
export {
  type CreatePageOptions,
  createPage,
  Page,
  type PageParams,
  PagePromise,
  type ToArrayOptions,
} from './pagination.js'
export {
  type SignedWebhook,
  type SignWebhookForTestOptions,
  signWebhookForTest,
  type WebhookTestPayload,
} from './sign-webhook-for-test.js'
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeadersInput,
} from './verify-webhook.js'
export { VERSION } from './version.js'
