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
      "createContoApiError",
      "createPage",
      "createTransport",
      "docsUrlOf",
      "isContoApiError",
      "isContoError",
      "logLevels",
      "signWebhookForTest",
      "verifyWebhook",
    ]
  `)
})
