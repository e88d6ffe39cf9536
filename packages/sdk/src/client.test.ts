import { isContoError } from '@conto/client-core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { agentKey, baseUrl, createStubFetch, json, orgKey } from '../test/fixtures.js'
import { Conto } from './client.js'
import { VERSION } from './version.js'

const setupBody = {
  agent: { id: 'ag1', name: 'Agent', status: 'ACTIVE', agentType: 'CUSTOM' },
  organization: { id: 'org1', name: 'Org' },
  wallets: [],
  policies: [],
  scopes: ['payments:request'],
}

afterEach(() => {
  vi.unstubAllEnvs()
})

function refusal(create: () => unknown) {
  try {
    create()
  } catch (error) {
    return error
  }
  throw new Error('expected the constructor to throw')
}

describe('Conto', () => {
  test('default: sends the agent key as a Bearer token, and names the client', async () => {
    const stub = createStubFetch(() => json(setupBody))
    const conto = new Conto({ apiKey: agentKey, baseUrl, fetch: stub.fetch })
    await conto.setup().catch(() => undefined)
    const headers = stub.requests[0]?.headers
    expect(stub.requests[0]?.path).toBe('/api/sdk/setup')
    expect(headers?.get('authorization')).toBe(`Bearer ${agentKey}`)
    expect(headers?.get('x-conto-client')).toContain(`@conto/sdk@${VERSION}`)
    expect(conto.baseUrl).toBe(baseUrl)
  })

  test('args: apiKey falls back to CONTO_API_KEY', async () => {
    vi.stubEnv('CONTO_API_KEY', agentKey)
    const stub = createStubFetch(() => json(setupBody))
    const conto = new Conto({ baseUrl, fetch: stub.fetch })
    await conto.setup().catch(() => undefined)
    expect(stub.requests[0]?.headers.get('authorization')).toBe(`Bearer ${agentKey}`)
  })

  test('args: baseUrl falls back to CONTO_BASE_URL, then CONTO_API_URL, then https://conto.finance', () => {
    vi.stubEnv('CONTO_BASE_URL', '')
    vi.stubEnv('CONTO_API_URL', '')
    expect(new Conto({ apiKey: agentKey }).baseUrl).toBe('https://conto.finance')
    vi.stubEnv('CONTO_API_URL', 'http://127.0.0.1:4000/')
    expect(new Conto({ apiKey: agentKey }).baseUrl).toBe('http://127.0.0.1:4000')
    vi.stubEnv('CONTO_BASE_URL', 'http://127.0.0.1:3006/')
    expect(new Conto({ apiKey: agentKey }).baseUrl).toBe('http://127.0.0.1:3006')
    expect(new Conto({ apiKey: agentKey, baseUrl: 'https://eu.conto.finance' }).baseUrl).toBe(
      'https://eu.conto.finance',
    )
  })

  test('behavior: retries a 5xx up to 3 times by default, waiting 1 s, 2 s, 4 s', async () => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    try {
      const at: number[] = []
      const stub = createStubFetch(() => {
        at.push(Date.now())
        return json({ error: 'down', code: 'INTERNAL_ERROR' }, 503)
      })
      const conto = new Conto({ apiKey: agentKey, baseUrl, fetch: stub.fetch })
      const settled = conto.setup().then(
        () => undefined,
        (error: unknown) => error,
      )
      await vi.runAllTimersAsync()
      expect(await settled).toMatchObject({ status: 503 })
      expect(stub.requests).toHaveLength(4)
      expect(at.slice(1).map((t, i) => t - (at[i] ?? 0))).toEqual([1000, 2000, 4000])
    } finally {
      vi.useRealTimers()
      vi.restoreAllMocks()
    }
  })

  test('args: onRequest and onResponse see every attempt, without the key', async () => {
    const stub = createStubFetch(() => json(setupBody))
    const seen: string[] = []
    const conto = new Conto({
      apiKey: agentKey,
      baseUrl,
      fetch: stub.fetch,
      onRequest: (event) => seen.push(`→ ${event.method} ${event.headers['authorization']}`),
      onResponse: (event) => seen.push(`← ${event.status}`),
    })
    await conto.setup().catch(() => undefined)
    expect(seen).toEqual(['→ GET Bearer [redacted]', '← 200'])
  })

  test('error: AUTH_FAILED for an organization key, pointing to ContoAdmin', () => {
    const error = refusal(() => new Conto({ apiKey: orgKey }))
    expect(isContoError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 })
    expect((error as Error).message).toContain('use ContoAdmin for it')
    expect((error as Error).message).not.toContain(orgKey)
    expect((error as Error).message).toMatchInlineSnapshot(`
      "Conto takes an agent SDK key (conto_agent_…), but this is an organization API key (conto_…): use ContoAdmin for it.

      Agent SDK keys go to new Conto({ apiKey }); organization API keys to new ContoAdmin({ orgApiKey }).

      Docs: https://conto.finance/docs/errors/AUTH_FAILED
      Version: @conto/client-core@0.0.0"
    `)
  })

  test('error: AUTH_FAILED without a key', () => {
    vi.stubEnv('CONTO_API_KEY', '')
    const error = refusal(() => new Conto())
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 })
    expect((error as Error).message).toContain('CONTO_API_KEY')
  })

  test('error: AUTH_FAILED for a key of no known kind', () => {
    const error = refusal(() => new Conto({ apiKey: 'sk_live_123' }))
    expect(error).toMatchObject({ code: 'AUTH_FAILED' })
    expect((error as Error).message).not.toContain('sk_live_123')
  })
})
