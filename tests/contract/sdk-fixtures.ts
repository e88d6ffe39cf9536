import { Conto, type ContoOptions } from '@conto/sdk'
import { startContractServer } from '../support/server.js'

/**
 * What the sdk contract tests share: a fresh seeded server, a `Conto` on the seeded agent key,
 * and a few org-side calls (made with plain `fetch` on the seeded org key, so these tests depend
 * on nothing but the sdk and the server).
 */
export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const OTHER_RECIPIENT = '0x8ba1f109551bD432803012645Ac136ddd64DBA72'
export const TX_HASH = `0x${'ab'.repeat(32)}`
export const MINUTE = 60_000

export function startSdkServer(options: Omit<ContoOptions, 'apiKey' | 'fetch' | 'baseUrl'> = {}) {
  const server = startContractServer()
  const { credentials } = server
  const connect = (apiKey: string, more: Omit<ContoOptions, 'apiKey'> = {}) =>
    new Conto({ apiKey, baseUrl: server.baseUrl, fetch: server.fetch, ...options, ...more })

  /** Calls the organization API with the seeded org key; throws on a non-2xx answer. */
  async function org<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await server.fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${credentials.orgApiKey}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }

  /** A second key for the seeded agent with exactly these scopes. */
  async function agentKeyWith(scopes: string[]): Promise<string> {
    const created = await org<{ key: string }>(
      'POST',
      `/api/agents/${credentials.agentId}/sdk-keys`,
      { name: `Contract key ${scopes.join(' ')}`, scopes },
    )
    return created.key
  }

  /** Routes payments of `amountThreshold` or more to humans. */
  function requireApprovalFrom(amountThreshold: number) {
    return org<{ id: string }>('POST', '/api/approval-workflows', {
      name: `Payments from ${amountThreshold}`,
      triggerConditions: { amountThreshold },
    })
  }

  return {
    ...server,
    conto: connect(credentials.agentSdkKey),
    connect,
    org,
    agentKeyWith,
    requireApprovalFrom,
  }
}
