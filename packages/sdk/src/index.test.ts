import { expect, test } from 'vitest'
import * as exports from './index.js'

test('exports', () => {
  expect(Object.keys(exports).sort()).toMatchInlineSnapshot(`
    [
      "APIPromise",
      "ApprovalRequiredError",
      "AuthenticationError",
      "ConflictError",
      "ConnectionError",
      "Conto",
      "ContoAdmin",
      "ContoApiError",
      "ContoError",
      "InternalServerError",
      "NotFoundError",
      "Page",
      "PagePromise",
      "PaymentDeniedError",
      "PermissionDeniedError",
      "RateLimitError",
      "ResponseValidationError",
      "TimeoutError",
      "VERSION",
      "ValidationError",
      "VerificationRequiredError",
      "WebhookVerificationError",
      "isContoApiError",
      "isContoError",
      "signWebhookForTest",
      "verifyWebhook",
    ]
  `)
})
