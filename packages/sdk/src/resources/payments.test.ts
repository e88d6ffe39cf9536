import { describe, expect, test } from 'vitest'
import {
  agentKey,
  apiError,
  approved,
  baseUrl,
  createStubFetch,
  denied,
  executeResult,
  execution,
  json,
  RECIPIENT,
  REQUEST_ID,
  type RecordedRequest,
  requiresApproval,
  statusOf,
  uuidV4,
} from '../../test/fixtures.js'
import { Conto } from '../client.js'
import {
  ApprovalRequiredError,
  PaymentDeniedError,
  VerificationRequiredError,
} from '../payment-errors.js'

type Route = Parameters<typeof createStubFetch>[0]

function setup(route: Route, options: { timeoutMs?: number } = {}) {
  const stub = createStubFetch(route)
  const conto = new Conto({ apiKey: agentKey, baseUrl, fetch: stub.fetch, ...options })
  return { conto, requests: stub.requests }
}

const calls = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.path}`)
const EXECUTE = `POST /api/sdk/payments/${REQUEST_ID}/execute`
const STATUS = `GET /api/sdk/payments/${REQUEST_ID}`

describe('payments.request', () => {
  test('default: returns the decision and always sends a body idempotencyKey', async () => {
    const { conto, requests } = setup(() => json(approved))
    const result = await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    expect(result).toEqual(approved)
    const body = requests[0]?.body as { idempotencyKey: string }
    expect(body).toEqual({
      amount: 10,
      recipientAddress: RECIPIENT,
      idempotencyKey: expect.any(String),
    })
    expect(body.idempotencyKey).toMatch(uuidV4)
    // The Idempotency-Key header carries the same key.
    expect(requests[0]?.headers.get('idempotency-key')).toBe(body.idempotencyKey)
  })

  test('behavior: the idempotencyKey is reused across retries', async () => {
    const { conto, requests } = setup((_, index) =>
      index < 2 ? apiError(503, 'INTERNAL_ERROR') : json(approved),
    )
    await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    expect(requests).toHaveLength(3)
    const keys = requests.map((r) => (r.body as { idempotencyKey: string }).idempotencyKey)
    expect(new Set(keys).size).toBe(1)
    expect(new Set(requests.map((r) => r.headers.get('idempotency-key'))).size).toBe(1)
  })

  test('args: idempotencyKey given in the params is kept', async () => {
    const { conto, requests } = setup(() => json(approved))
    await conto.payments.request({
      amount: 10,
      recipientAddress: RECIPIENT,
      idempotencyKey: 'order-42',
    })
    expect(requests[0]?.body).toMatchObject({ idempotencyKey: 'order-42' })
    expect(requests[0]?.headers.get('idempotency-key')).toBe('order-42')
  })

  test('args: options.idempotencyKey becomes the body key too', async () => {
    const { conto, requests } = setup(() => json(approved))
    await conto.payments.request(
      { amount: 10, recipientAddress: RECIPIENT },
      { idempotencyKey: 'order-43' },
    )
    expect(requests[0]?.body).toMatchObject({ idempotencyKey: 'order-43' })
  })

  test('behavior: every call gets a fresh key', async () => {
    const { conto, requests } = setup(() => json(approved))
    await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    await conto.payments.request({ amount: 10, recipientAddress: RECIPIENT })
    const [first, second] = requests.map(
      (r) => (r.body as { idempotencyKey: string }).idempotencyKey,
    )
    expect(first).not.toBe(second)
  })
})

describe('payments.execute', () => {
  test('default', async () => {
    const { conto, requests } = setup(() => json(executeResult))
    await expect(conto.payments.execute(REQUEST_ID)).resolves.toEqual(executeResult)
    expect(calls(requests)).toEqual([EXECUTE])
    expect(requests[0]?.headers.get('idempotency-key')).toMatch(uuidV4)
  })

  test('behavior: a timeout reads the status and returns the execution found there', async () => {
    const { conto, requests } = setup(
      (request) => (request.method === 'POST' ? 'hang' : json(statusOf('EXECUTED', true))),
      { timeoutMs: 20 },
    )
    await expect(conto.payments.execute(REQUEST_ID)).resolves.toEqual(executeResult)
    expect(calls(requests)).toEqual([EXECUTE, STATUS])
  })

  test('behavior: a 5xx on a request still APPROVED retries execute once, with the same key', async () => {
    const { conto, requests } = setup((request, index) => {
      if (request.method === 'GET') return json(statusOf('APPROVED', false))
      return index === 0 ? apiError(500, 'INTERNAL_ERROR') : json(executeResult)
    })
    await expect(conto.payments.execute(REQUEST_ID)).resolves.toEqual(executeResult)
    expect(calls(requests)).toEqual([EXECUTE, STATUS, EXECUTE])
    expect(requests[2]?.headers.get('idempotency-key')).toBe(
      requests[0]?.headers.get('idempotency-key'),
    )
  })

  test('behavior: a connection error is handled like a timeout', async () => {
    const { conto, requests } = setup((request, index) => {
      if (request.method === 'GET') return json(statusOf('APPROVED', false))
      return index === 0 ? 'reset' : json(executeResult)
    })
    await expect(conto.payments.execute(REQUEST_ID)).resolves.toEqual(executeResult)
    expect(calls(requests)).toEqual([EXECUTE, STATUS, EXECUTE])
  })

  test('behavior: the retry is made once only', async () => {
    const { conto, requests } = setup((request) =>
      request.method === 'GET'
        ? json(statusOf('APPROVED', false))
        : apiError(502, 'INTERNAL_ERROR'),
    )
    await expect(conto.payments.execute(REQUEST_ID)).rejects.toMatchObject({
      name: 'InternalServerError',
      status: 502,
    })
    expect(calls(requests)).toEqual([EXECUTE, STATUS, EXECUTE])
  })

  test('behavior: an INVALID_STATUS on the retry means the first attempt executed after all', async () => {
    let statusReads = 0
    const { conto, requests } = setup((request, index) => {
      if (request.method === 'GET') {
        statusReads += 1
        return json(statusOf(statusReads === 1 ? 'EXECUTING' : 'EXECUTED', statusReads > 1))
      }
      return index === 0 ? apiError(504, 'INTERNAL_ERROR') : apiError(400, 'INVALID_STATUS')
    })
    await expect(conto.payments.execute(REQUEST_ID)).resolves.toEqual(executeResult)
    expect(calls(requests)).toEqual([EXECUTE, STATUS, EXECUTE, STATUS])
  })

  test('behavior: when the status cannot be read either, the original failure is thrown', async () => {
    const { conto, requests } = setup(
      (request) => (request.method === 'POST' ? 'hang' : apiError(503, 'INTERNAL_ERROR')),
      { timeoutMs: 20 },
    )
    await expect(conto.payments.execute(REQUEST_ID, { maxRetries: 5 })).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'TIMEOUT',
      status: 0,
    })
    // One execute (maxRetries does not apply to it), then the status read with the client's
    // default retries (3).
    expect(calls(requests)).toEqual([EXECUTE, STATUS, STATUS, STATUS, STATUS])
  })

  test('error: INVALID_STATUS on the first attempt is thrown without reading the status', async () => {
    const { conto, requests } = setup(() =>
      apiError(400, 'INVALID_STATUS', { currentStatus: 'EXECUTED', execution }),
    )
    await expect(conto.payments.execute(REQUEST_ID)).rejects.toMatchObject({
      name: 'ContoApiError',
      code: 'INVALID_STATUS',
      status: 400,
    })
    expect(calls(requests)).toEqual([EXECUTE])
  })

  test('error: CUSTODY_NOT_CONFIGURED (500) is definite: no status read, no retry', async () => {
    const { conto, requests } = setup(() => apiError(500, 'CUSTODY_NOT_CONFIGURED'))
    await expect(conto.payments.execute(REQUEST_ID)).rejects.toMatchObject({
      code: 'CUSTODY_NOT_CONFIGURED',
    })
    expect(calls(requests)).toEqual([EXECUTE])
  })

  test('error: an aborted call is not retried', async () => {
    const controller = new AbortController()
    const { conto, requests } = setup(() => {
      controller.abort(new Error('stop'))
      return 'hang'
    })
    await expect(conto.payments.execute(REQUEST_ID, { signal: controller.signal })).rejects.toThrow(
      'stop',
    )
    expect(calls(requests)).toEqual([EXECUTE])
  })

  test('error: an empty requestId is refused before any request', async () => {
    const { conto, requests } = setup(() => json(executeResult))
    await expect(conto.payments.execute('')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      shortMessage:
        'requestId must be a non-empty string, got an empty string (POST /api/sdk/payments/{requestId}/execute).',
    })
    expect(requests).toHaveLength(0)
  })
})

describe('payments.pay', () => {
  test('default: requests, then executes', async () => {
    const { conto, requests } = setup((request) =>
      request.path.endsWith('/request') ? json(approved) : json(executeResult),
    )
    await expect(conto.payments.pay({ amount: 10, recipientAddress: RECIPIENT })).resolves.toEqual(
      executeResult,
    )
    expect(calls(requests)).toEqual(['POST /api/sdk/payments/request', EXECUTE])
  })

  test('behavior: an auto-executed approval is returned without a second call', async () => {
    const { conto, requests } = setup(() => json({ ...approved, execution }))
    const result = await conto.payments.pay({
      amount: 10,
      recipientAddress: RECIPIENT,
      autoExecute: true,
    })
    expect(result).toEqual(executeResult)
    expect(requests).toHaveLength(1)
  })

  test('error: PAYMENT_DENIED', async () => {
    const { conto, requests } = setup(() => json(denied))
    const error = await conto.payments
      .pay({ amount: 150, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaymentDeniedError)
    expect(error).toMatchObject({
      code: 'PAYMENT_DENIED',
      status: 403,
      requestId: REQUEST_ID,
      reasons: denied.reasons,
      violations: denied.violations,
      body: denied,
    })
    expect((error as Error).message).toMatchInlineSnapshot(`
      "The payment of 150 pathUSD to 0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1 was denied by policy.

      Reason: Amount $150.00 exceeds the wallet per-transaction limit of $100.00
      Next step: Pay a smaller amount

      Docs: https://conto.finance/docs/errors/PAYMENT_DENIED
      Request ID: c0paymentrequest0000000001
      Version: @conto/client-core@0.0.0"
    `)
    expect(requests).toHaveLength(1)
  })

  test('error: REQUIRES_APPROVAL', async () => {
    const { conto } = setup(() => json(requiresApproval))
    const error = await conto.payments
      .pay({ amount: 60, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApprovalRequiredError)
    expect(error).toMatchObject({
      code: 'REQUIRES_APPROVAL',
      status: 202,
      requestId: REQUEST_ID,
      approvalRequestId: requiresApproval.approvalRequestId,
    })
    expect('code' in (error as object)).toBe(true)
  })

  test('error: VERIFICATION_REQUIRED', async () => {
    const verifyUrl = 'https://verify.example/step-up'
    const { conto } = setup(() =>
      json({ ...approved, status: 'VERIFICATION_REQUIRED', verification: { verifyUrl } }),
    )
    const error = await conto.payments
      .pay({ amount: 10, recipientAddress: RECIPIENT })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VerificationRequiredError)
    expect(error).toMatchObject({ code: 'VERIFICATION_REQUIRED', verifyUrl })
  })
})

describe('payments.getStatus', () => {
  test('default: the same call as status()', async () => {
    const { conto, requests } = setup(() => json(statusOf('APPROVED', false)))
    const viaStatus = await conto.payments.status(REQUEST_ID)
    const viaAlias = await conto.payments.getStatus(REQUEST_ID)
    expect(viaAlias).toEqual(viaStatus)
    expect(calls(requests)).toEqual([STATUS, STATUS])
  })
})

describe('payments.confirm', () => {
  test('default: the approval id goes in the path, encoded', async () => {
    const { conto, requests } = setup(() =>
      json({
        confirmed: true,
        transactionId: 't1',
        status: 'CONFIRMING',
        amount: 20,
        currency: 'pathUSD',
        recipient: RECIPIENT,
        txHash: `0x${'ab'.repeat(32)}`,
        explorerUrl: 'https://explore.moderato.tempo.xyz/tx/0xab',
        approvalId: 'a/b',
      }),
    )
    await conto.payments.confirm('a/b', {
      txHash: `0x${'ab'.repeat(32)}`,
      approvalToken: 'f'.repeat(64),
    })
    expect(requests[0]?.path).toBe('/api/sdk/payments/a%2Fb/confirm')
  })
})
