import { ContoAdmin, type ContoAdminOptions } from '@conto/admin'
import { startContractServer } from '../support/server.js'

/**
 * What the admin contract tests share: a fresh seeded server and a `ContoAdmin` on the seeded
 * org key (no retries, so an expected 409 or 501 answers at once). Agent-side calls (payments
 * that create transactions, alerts and approval requests) go through plain `fetch` on the
 * seeded agent key, so these tests depend on nothing but the admin client and the server.
 */
export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const OTHER_ADDRESS = '0x8ba1f109551bD432803012645Ac136ddd64DBA72'
export const UNKNOWN_ID = 'cunknown000000000000000'

/** A distinct, valid EVM address per number. */
export const address = (n: number) => `0x${n.toString(16).padStart(40, 'a')}`

type AdminOptions = Omit<ContoAdminOptions, 'orgApiKey' | 'fetch' | 'baseUrl'>

export function startAdminServer(options: AdminOptions = {}) {
  const server = startContractServer()
  const { credentials } = server
  const connect = (orgApiKey: string, more: AdminOptions = {}) =>
    new ContoAdmin({
      orgApiKey,
      baseUrl: server.baseUrl,
      fetch: server.fetch,
      maxRetries: 0,
      ...options,
      ...more,
    })

  /** Calls the agent API (`/api/sdk/*`); throws on a non-2xx answer. */
  async function agentCall<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    key: string = credentials.agentSdkKey,
  ): Promise<T> {
    const response = await server.fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }

  /** The seeded agent asks to pay `amount` (auto-executed when approved). */
  function pay(amount: number, more: Record<string, unknown> = {}) {
    return agentCall<{ status: string; requestId: string; approvalRequestId?: string }>(
      'POST',
      '/api/sdk/payments/request',
      { amount, recipientAddress: RECIPIENT, autoExecute: true, ...more },
    )
  }

  return { ...server, admin: connect(credentials.orgApiKey), connect, agentCall, pay }
}

/** Awaits a call that must fail and returns its error. */
export async function failureOf(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail, but it succeeded')
}
