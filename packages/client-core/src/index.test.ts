import { expect, test } from 'vitest'
import * as exports from './index.js'

test('exports', () => {
  expect(Object.keys(exports).sort()).toMatchInlineSnapshot(`
    [
      "APIPromise",
      "AuthenticationError",
      "ConflictError",
      "ConnectionError",
      "ContoApiError",
      "ContoError",
      "ERROR_DOCS_BASE_URL",
      "InternalServerError",
      "NotFoundError",
      "Page",
      "PagePromise",
      "PermissionDeniedError",
      "RateLimitError",
      "ResponseValidationError",
      "TimeoutError",
      "VERSION",
      "ValidationError",
      "WebhookVerificationError",
      "assertKeyKind",
      "buildPath",
      "callEndpoint",
      "createContoApiError",
      "createPage",
      "createTransport",
      "docsUrlOf",
      "isContoApiError",
      "isContoError",
      "listEndpoint",
      "logLevels",
      "readEnv",
      "signWebhookForTest",
      "verifyWebhook",
    ]
  `)
})
