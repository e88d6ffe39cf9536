import { describe, expect, test } from 'vitest'
import * as z from 'zod/mini'
import {
  errorCodeDescriptions,
  errorCodes,
  errorResponseSchema,
  isErrorCode,
  statusByErrorCode,
  toValidationIssues,
  wireErrorCodeOf,
} from './errors.js'

describe('statusByErrorCode', () => {
  test('default: the documented codes have their documented statuses', () => {
    expect(statusByErrorCode).toMatchObject({
      AUTH_FAILED: 401,
      EXPIRED_KEY: 401,
      INSUFFICIENT_SCOPE: 403,
      PAYMENT_DENIED: 403,
      REQUIRES_APPROVAL: 202,
      INSUFFICIENT_BALANCE: 400,
      DAILY_LIMIT_EXCEEDED: 400,
      PER_TX_LIMIT_EXCEEDED: 400,
      EXPIRED: 400,
      NOT_FOUND: 404,
      INVALID_STATUS: 400,
      NO_WALLET: 400,
      EXTERNAL_WALLET: 400,
      POLICY_DENIED: 400,
      EXTERNAL_WALLET_ERROR: 400,
      WALLET_CONFIG_ERROR: 400,
      CUSTODY_NOT_CONFIGURED: 500,
      VALIDATION_ERROR: 400,
      INVALID_AMOUNT: 400,
      INVALID_ADDRESS: 400,
      RATE_LIMITED: 429,
      TIMEOUT: 0,
      INTERNAL_ERROR: 500,
      BUDGET_REQUEST_EXISTS: 409,
      IDEMPOTENCY_CONFLICT: 409,
      AGENT_NOT_ACTIVE: 403,
      INVALID_APPROVAL_TOKEN: 400,
      WALLET_FROZEN: 403,
    })
  })

  test('behavior: every code has a description and is SCREAMING_SNAKE', () => {
    for (const code of errorCodes) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/)
      expect(errorCodeDescriptions[code].length).toBeGreaterThan(10)
    }
  })
})

describe('isErrorCode', () => {
  test('default', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(42)).toBe(false)
  })
})

describe('errorResponseSchema', () => {
  test('default: keeps extra fields', () => {
    const body = {
      error: 'Rate limit exceeded. Please slow down your requests.',
      code: 'RATE_LIMITED',
      retryAfter: 12,
      requestId: 'req_1',
    }
    expect(errorResponseSchema.parse(body)).toEqual(body)
    expect(errorResponseSchema.parse({ ...body, violations: [] })).toHaveProperty('violations')
  })

  test('error: code and error are required', () => {
    expect(errorResponseSchema.safeParse({ error: 'x' }).success).toBe(false)
  })
})

describe('wireErrorCodeOf', () => {
  test('default: VALIDATION_ERROR without a coded issue', () => {
    const result = z.object({ name: z.string() }).safeParse({})
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('VALIDATION_ERROR')
  })

  test('behavior: ignores unknown codes in params', () => {
    const result = z
      .string()
      .check(z.refine(() => false, { params: { errorCode: 'NOT_A_CODE' } }))
      .safeParse('x')
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('VALIDATION_ERROR')
  })
})

describe('toValidationIssues', () => {
  test('default', () => {
    const result = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } })
    expect(toValidationIssues(result.error?.issues ?? [])).toEqual([
      {
        path: ['a', 'b'],
        message: 'Invalid input: expected number, received string',
        code: 'invalid_type',
      },
    ])
  })
})
