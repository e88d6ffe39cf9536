import type {
  ApprovedPaymentRequestResult,
  DeniedPaymentRequestResult,
  PaymentStatusResult,
  RequiresApprovalPaymentRequestResult,
} from '@conto/schemas'

/** Synthetic keys: the shape of real ones, never a real one. */
export const agentKey = `conto_agent_${'a1'.repeat(32)}`
export const orgKey = `conto_${'b2'.repeat(32)}`

export const baseUrl = 'https://conto.test'
export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const REQUEST_ID = 'c0paymentrequest0000000001'
export const TRANSACTION_ID = 'c0transaction0000000000001'
export const TX_HASH = `0x${'5d'.repeat(32)}`

export const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** One request the stub received, with its body already read. */
export interface RecordedRequest {
  method: string
  path: string
  search: string
  headers: Headers
  body: unknown
}

type Reply = Response | Promise<Response> | 'hang' | 'reset'

/**
 * A `fetch` that answers each request with `route(request)` and records it. `'hang'` never
 * answers (for timeouts), `'reset'` fails like a dropped connection.
 */
export function createStubFetch(route: (request: RecordedRequest, index: number) => Reply) {
  const requests: RecordedRequest[] = []
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const text = await request.text()
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    }
    requests.push(recorded)
    const reply = route(recorded, requests.length - 1)
    if (reply === 'hang') return new Promise<Response>(() => {})
    if (reply === 'reset') throw new TypeError('fetch failed: socket hang up')
    return reply
  }
  return { fetch, requests }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'request-id': 'req_stub000000000001',
      ...headers,
    },
  })
}

/** The error envelope the Conto API sends; `retry-after-ms: 0` keeps retried tests instant. */
export function apiError(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
): Response {
  return json(
    { error: `${code} from the stub`, code, requestId: 'req_stub000000000001', ...extra },
    status,
    {
      'retry-after-ms': '0',
    },
  )
}

const evaluation = {
  policiesEvaluated: 0,
  rulesEvaluated: 0,
  matched: [],
  remaining: { perTransaction: 90, daily: 990, weekly: null, monthly: null },
}

const wallet = {
  id: 'c0wallet000000000000000001',
  address: '0x12679290fCA81bC49c8A48A14019b158e3E3Ab36',
  chainId: '42431',
  custodyType: 'PRIVY',
  availableBalance: 9990,
}

const chain = {
  chainId: '42431',
  chainName: 'Tempo Testnet',
  chainType: 'EVM',
  explorerUrl: 'https://explore.moderato.tempo.xyz',
}

const base = {
  requestId: REQUEST_ID,
  amount: 10,
  currency: 'pathUSD',
  recipientAddress: RECIPIENT,
  wallet,
  chain,
  evaluation,
  createdAt: '2026-04-08T12:00:00.000Z',
}

export const execution = {
  transactionId: TRANSACTION_ID,
  txHash: TX_HASH,
  explorerUrl: `https://explore.moderato.tempo.xyz/tx/${TX_HASH}`,
  status: 'COMPLETED',
  simulated: true,
} as const

export const approved: ApprovedPaymentRequestResult = {
  ...base,
  status: 'APPROVED',
  reasons: ['No policy restricts this payment'],
  violations: [],
  expiresAt: '2026-04-08T12:05:00.000Z',
}

export const denied: DeniedPaymentRequestResult = {
  ...base,
  amount: 150,
  status: 'DENIED',
  reasons: ['Amount $150.00 exceeds the wallet per-transaction limit of $100.00'],
  violations: [
    {
      type: 'PER_TX_LIMIT',
      limit: 100,
      current: 150,
      message: 'Amount $150.00 exceeds the wallet per-transaction limit of $100.00',
    },
  ],
  context: { nextSteps: ['Pay a smaller amount'] },
}

export const requiresApproval: RequiresApprovalPaymentRequestResult = {
  ...base,
  amount: 60,
  status: 'REQUIRES_APPROVAL',
  reasons: ['Large payments: amount 60 is at or above 50'],
  violations: [],
  approvalRequestId: 'c0approval0000000000000001',
}

export const executeResult = {
  ...execution,
  requestId: REQUEST_ID,
  amount: 10,
  currency: 'pathUSD',
  chainId: '42431',
  walletId: wallet.id,
  recipientAddress: RECIPIENT,
}

/** `GET /api/sdk/payments/{requestId}` at a lifecycle stage, with the execution once executed. */
export function statusOf(status: string, executed: boolean): PaymentStatusResult {
  return {
    ...base,
    status,
    recipientName: null,
    purpose: null,
    category: null,
    expiresAt: '2026-04-08T12:05:00.000Z',
    reasons: approved.reasons,
    violations: [],
    ...(executed ? { execution } : {}),
    failureReason: null,
    updatedAt: '2026-04-08T12:00:00.000Z',
  }
}
