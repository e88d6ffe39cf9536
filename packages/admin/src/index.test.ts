import { expect, test } from 'vitest'
import * as exports from './index.js'

test('exports', () => {
  expect(Object.keys(exports).sort()).toMatchInlineSnapshot(`
    [
      "APIPromise",
      "AuthenticationError",
      "ConflictError",
      "ConnectionError",
      "ContoAdmin",
      "ContoApiError",
      "ContoError",
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
      "isContoApiError",
      "isContoError",
      "signWebhookForTest",
      "verifyWebhook",
    ]
  `)
})
