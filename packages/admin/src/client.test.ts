import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ContoError,
  isContoApiError,
  NotFoundError,
  ResponseValidationError,
} from '@conto/client-core'
import { endpointList, findEndpoint } from '@conto/schemas'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { agentKey, baseUrl, createStubFetch, orgKey } from '../test/stub-fetch.js'
import { ContoAdmin } from './client.js'

const orgEndpoints = endpointList.filter((endpoint) => endpoint.surface === 'org')

type AnyMethod = (...args: unknown[]) => PromiseLike<unknown>

/** `admin.<group>.<action>` for a registry id `<group>.<action>`. */
function methodOf(admin: ContoAdmin, id: string): AnyMethod | undefined {
  const [group = '', action = ''] = id.split('.')
  const resource = (admin as unknown as Record<string, Record<string, unknown>>)[group]
  const method = resource?.[action]
  return typeof method === 'function' ? (method.bind(resource) as AnyMethod) : undefined
}

/** Calls a method with placeholder ids for its path parameters and `{}` for the rest. */
async function callWithPlaceholders(method: AnyMethod, pathParams: number): Promise<void> {
  // The last declared parameter of every method is the per-call options.
  const positional = Math.max(method.length - 1, pathParams)
  const args: unknown[] = Array.from({ length: positional }, (_, index) =>
    index < pathParams ? `id_${index + 1}` : {},
  )
  await Promise.resolve(method(...args, { maxRetries: 0 })).then(
    () => {},
    () => {},
  )
}

function pathParamCount(path: string): number {
  return path.match(/\{[^}]+\}/g)?.length ?? 0
}

/**
 * Methods named as the Conto documentation names them (spec §3.2), each calling the registry
 * endpoint given here; everything else on `ContoAdmin` is named after its registry id.
 */
const documentedAliases: Record<string, string> = {
  'agents.get': 'agents.retrieve',
  'alerts.get': 'alerts.retrieve',
  'analytics.get': 'analytics.retrieve',
  'approvalRequests.get': 'approvalRequests.retrieve',
  'approvalWorkflows.get': 'approvalWorkflows.retrieve',
  'cards.get': 'cards.retrieve',
  'channels.get': 'channels.retrieve',
  'counterparties.get': 'counterparties.retrieve',
  'organization.get': 'organization.retrieve',
  'policies.get': 'policies.retrieve',
  'testClock.get': 'testClock.retrieve',
  'transactions.get': 'transactions.retrieve',
  'wallets.get': 'wallets.retrieve',
  'webhooks.get': 'webhooks.retrieve',
  'approvals.listRequests': 'approvalRequests.list',
  'approvals.approve': 'approvalRequests.approve',
  'approvals.reject': 'approvalRequests.reject',
  'team.listMembers': 'members.list',
  'audit.list': 'auditLogs.list',
  'audit.export': 'auditLogs.export',
  'audit.verify': 'auditLogs.verify',
  'budgets.list': 'budgetRequests.list',
  'budgets.approve': 'budgetRequests.approve',
  'budgets.reject': 'budgetRequests.reject',
}

/** `group.method` for every public method of every resource of the client. */
function methodsOf(admin: ContoAdmin): string[] {
  return Object.entries(admin)
    .filter(([, value]) => typeof value === 'object' && value !== null)
    .flatMap(([group, resource]) =>
      Object.getOwnPropertyNames(Object.getPrototypeOf(resource))
        .filter((name) => name !== 'constructor')
        .map((name) => `${group}.${name}`),
    )
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('ContoAdmin', () => {
  test('default', async () => {
    const { fetch, requests } = createStubFetch(() =>
      Response.json({
        id: 'org_1',
        name: 'Acme',
        mode: 'test',
        createdAt: '2026-04-08T12:00:00.000Z',
      }),
    )
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl: `${baseUrl}/`, fetch })
    expect(admin.baseUrl).toBe(baseUrl)
    await expect(admin.organization.retrieve()).resolves.toMatchObject({ name: 'Acme' })
    const [request] = requests
    expect(request?.url.href).toBe(`${baseUrl}/api/organizations/me`)
    expect(request?.headers.get('authorization')).toBe(`Bearer ${orgKey}`)
    expect(request?.headers.get('x-conto-client')).toMatch(
      /^@conto\/admin@\S+ @conto\/client-core@/,
    )
  })

  test('args: orgApiKey defaults to CONTO_ORG_API_KEY', async () => {
    vi.stubEnv('CONTO_ORG_API_KEY', orgKey)
    const { fetch, requests } = createStubFetch()
    const admin = new ContoAdmin({ baseUrl, fetch })
    await admin.auditLogs.verify().catch(() => {})
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${orgKey}`)
  })

  test('args: CONTO_BASE_URL is the default base URL', () => {
    vi.stubEnv('CONTO_BASE_URL', 'http://localhost:3006')
    expect(new ContoAdmin({ orgApiKey: orgKey }).baseUrl).toBe('http://localhost:3006')
  })

  test('args: CONTO_API_URL is the base URL when CONTO_BASE_URL is unset', () => {
    vi.stubEnv('CONTO_BASE_URL', '')
    vi.stubEnv('CONTO_API_URL', 'http://localhost:4000/')
    expect(new ContoAdmin({ orgApiKey: orgKey }).baseUrl).toBe('http://localhost:4000')
    vi.stubEnv('CONTO_BASE_URL', 'http://localhost:3006')
    expect(new ContoAdmin({ orgApiKey: orgKey }).baseUrl).toBe('http://localhost:3006')
    expect(new ContoAdmin({ orgApiKey: orgKey, baseUrl: 'https://eu.conto.finance' }).baseUrl).toBe(
      'https://eu.conto.finance',
    )
    vi.stubEnv('CONTO_BASE_URL', '')
    vi.stubEnv('CONTO_API_URL', '')
    expect(new ContoAdmin({ orgApiKey: orgKey }).baseUrl).toBe('https://conto.finance')
  })

  test('behavior: retries a 429 up to 3 times by default, waiting 1 s, 2 s, 4 s', async () => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    try {
      const at: number[] = []
      const { fetch, requests } = createStubFetch(() => {
        at.push(Date.now())
        return Response.json({ error: 'slow down', code: 'RATE_LIMITED' }, { status: 429 })
      })
      const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
      const settled = admin.organization.retrieve().then(
        () => undefined,
        (error: unknown) => error,
      )
      await vi.runAllTimersAsync()
      expect(await settled).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
      expect(requests).toHaveLength(4)
      expect(at.slice(1).map((t, i) => t - (at[i] ?? 0))).toEqual([1000, 2000, 4000])
    } finally {
      vi.useRealTimers()
      vi.restoreAllMocks()
    }
  })

  test('error: AUTH_FAILED for an agent SDK key, naming Conto from @conto/sdk', () => {
    const attempt = () => new ContoAdmin({ orgApiKey: agentKey })
    expect(attempt).toThrow(ContoError)
    let error: unknown
    try {
      attempt()
    } catch (caught) {
      error = caught
    }
    expect(error).toMatchObject({ code: 'AUTH_FAILED', name: 'ContoError' })
    expect((error as ContoError).message).not.toContain(agentKey)
    expect(
      (error as ContoError).message.replace(/@conto\/client-core@\S+/, '@conto/client-core@x'),
    ).toMatchInlineSnapshot(`
      "ContoAdmin takes an organization API key (conto_…), but this is an agent SDK key (conto_agent_…): use \`Conto\` from @conto/sdk for it.

      Agent SDK keys go to new Conto({ apiKey }) (import { Conto } from "@conto/sdk"); organization API keys to new ContoAdmin({ orgApiKey }).

      Docs: https://conto.finance/docs/errors/AUTH_FAILED
      Version: @conto/client-core@x"
    `)
  })

  test('error: AUTH_FAILED for an agent SDK key in CONTO_ORG_API_KEY', () => {
    vi.stubEnv('CONTO_ORG_API_KEY', agentKey)
    expect(() => new ContoAdmin()).toThrow(/use `Conto` from @conto\/sdk/)
  })

  test('error: AUTH_FAILED when no key is given and CONTO_ORG_API_KEY is unset', () => {
    vi.stubEnv('CONTO_ORG_API_KEY', '')
    expect(() => new ContoAdmin()).toThrow(/CONTO_ORG_API_KEY/)
  })

  test('error: AUTH_FAILED for a key that is not a Conto key', () => {
    expect(() => new ContoAdmin({ orgApiKey: 'sk_live_123' })).toThrow(/does not start with conto_/)
  })

  test('error: invalid options fail in the constructor', () => {
    expect(() => new ContoAdmin({ orgApiKey: orgKey, timeoutMs: 0 })).toThrow(RangeError)
    expect(() => new ContoAdmin({ orgApiKey: orgKey, maxRetries: -1 })).toThrow(RangeError)
    expect(() => new ContoAdmin({ orgApiKey: orgKey, baseUrl: 'conto.finance' })).toThrow(TypeError)
  })
})

describe('ContoAdmin resources', () => {
  test.each(orgEndpoints.map((endpoint) => [endpoint.id, endpoint] as const))(
    'behavior: %s has a method that calls its endpoint',
    async (id, endpoint) => {
      const { fetch, requests } = createStubFetch()
      const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
      const method = methodOf(admin, id)
      expect(method, `admin.${id}()`).toBeTypeOf('function')
      await callWithPlaceholders(method as AnyMethod, pathParamCount(endpoint.path))
      expect(requests).toHaveLength(1)
      const [request] = requests
      expect(findEndpoint(request?.method ?? '', request?.url.pathname ?? '')?.id).toBe<string>(id)

      const isPublic = endpoint.keyKinds.length === 0
      expect(request?.headers.get('authorization')).toBe(isPublic ? null : `Bearer ${orgKey}`)
      const keyed = endpoint.method === 'POST' || endpoint.method === 'DELETE'
      expect(request?.headers.has('idempotency-key')).toBe(keyed)
      if (endpoint.body) expect(request?.body).toBeTypeOf('object')
      else expect(request?.body).toBeUndefined()
    },
  )

  test('behavior: every method is an endpoint of the registry or a documented alias of one', () => {
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl })
    const ids = new Set<string>(orgEndpoints.map((endpoint) => endpoint.id))
    const methods = methodsOf(admin)
    const endpointMethods = methods.filter((id) => !(id in documentedAliases))
    expect(endpointMethods.filter((id) => !ids.has(id))).toEqual([])
    expect(endpointMethods).toHaveLength(ids.size)
    expect(Object.keys(documentedAliases).filter((id) => !methods.includes(id))).toEqual([])
    expect(Object.values(documentedAliases).filter((id) => !ids.has(id))).toEqual([])
  })

  test('behavior: audit and budgets are the auditLogs and budgetRequests objects', () => {
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl })
    expect(admin.audit).toBe(admin.auditLogs)
    expect(admin.budgets).toBe(admin.budgetRequests)
  })

  test.each(Object.entries(documentedAliases))(
    'behavior: the alias %s calls the endpoint of %s',
    async (alias, target) => {
      const endpoint = orgEndpoints.find((candidate) => candidate.id === target)
      const pathParams = pathParamCount(endpoint?.path ?? '')
      const sent = async (id: string) => {
        const { fetch, requests } = createStubFetch()
        const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
        const method = methodOf(admin, id)
        expect(method, `admin.${id}()`).toBeTypeOf('function')
        await callWithPlaceholders(method as AnyMethod, pathParams)
        expect(requests).toHaveLength(1)
        return requests.map((request) => ({
          method: request.method,
          url: request.url.href,
          body: request.body,
          authorization: request.headers.get('authorization'),
        }))
      }
      const viaAlias = await sent(alias)
      expect(
        findEndpoint(viaAlias[0]?.method ?? '', new URL(viaAlias[0]?.url ?? '').pathname)?.id,
      ).toBe(target)
      expect(viaAlias).toEqual(await sent(target))
    },
  )

  test('args: ids and positional arguments land in the path, query and body', async () => {
    const { fetch, requests } = createStubFetch()
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch, maxRetries: 0 })
    const ignore = () => {}
    await admin.agents.assignPolicy('agent_1', 'policy_1').catch(ignore)
    await admin.agents.unassignPolicy('agent_1', 'policy_1').catch(ignore)
    await admin.agents.revokeSdkKey('agent_1', 'key_1').catch(ignore)
    await admin.agents.updateWalletLink('agent_1', 'wallet_1', { spendLimitDaily: 5 }).catch(ignore)
    await admin.cards.linkPolicy('card_1', 'policy_1').catch(ignore)
    await admin.policies.deleteRule('policy 1/x', 'rule_1').catch(ignore)
    expect(
      requests.map((request) => ({
        call: `${request.method} ${request.url.pathname}${request.url.search}`,
        body: request.body,
      })),
    ).toEqual([
      { call: 'POST /api/agents/agent_1/policies', body: { policyId: 'policy_1' } },
      { call: 'DELETE /api/agents/agent_1/policies?policyId=policy_1', body: undefined },
      { call: 'DELETE /api/agents/agent_1/sdk-keys?keyId=key_1', body: undefined },
      { call: 'PATCH /api/agents/agent_1/wallets/wallet_1', body: { spendLimitDaily: 5 } },
      { call: 'POST /api/cards/card_1/policies', body: { policyId: 'policy_1' } },
      { call: 'DELETE /api/policies/policy%201%2Fx/rules/rule_1', body: undefined },
    ])
  })

  test('args: per-call options reach the request', async () => {
    const { fetch, requests } = createStubFetch(() =>
      Response.json({ error: 'Agent not found', code: 'NOT_FOUND' }, { status: 404 }),
    )
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
    const error = await admin.agents
      .delete('agent_1', { idempotencyKey: 'my-key', headers: { 'x-trace': 't1' } })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(requests[0]?.headers.get('idempotency-key')).toBe('my-key')
    expect(requests[0]?.headers.get('x-trace')).toBe('t1')
  })

  test('args: an aborted signal stops the call before it is sent', async () => {
    const { fetch, requests } = createStubFetch()
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(admin.wallets.retrieve('wallet_1', { signal: controller.signal })).rejects.toThrow(
      'stop',
    )
    expect(requests).toHaveLength(0)
  })

  test('error: VALIDATION_ERROR for an empty id, before any request', async () => {
    const { fetch, requests } = createStubFetch()
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
    const error = await admin.agents.retrieve('').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContoError)
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', status: 400 })
    expect(isContoApiError(error)).toBe(false)
    expect((error as ContoError).shortMessage).toBe(
      'agentId must be a non-empty string, got an empty string (GET /api/agents/{agentId}).',
    )
    await expect(admin.agents.listWallets('  ')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    })
    await expect(
      admin.agents.unlinkWallet('agent_1', undefined as unknown as string),
    ).rejects.toThrow(
      'walletId must be a non-empty string, got undefined (DELETE /api/agents/{agentId}/wallets/{walletId}).',
    )
    expect(requests).toHaveLength(0)
  })

  test('error: a response that does not match the registry schema', async () => {
    const { fetch } = createStubFetch(() => Response.json({ id: 42 }))
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })
    await expect(admin.agents.retrieve('agent_1')).rejects.toBeInstanceOf(ResponseValidationError)
  })

  test('behavior: lists await as a page and walk every page with for await', async () => {
    const agent = (id: string) => ({
      id,
      name: id,
      agentType: 'CUSTOM',
      status: 'ACTIVE',
      description: null,
      publicKey: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      updatedAt: '2026-04-08T12:00:00.000Z',
    })
    const all = ['a1', 'a2', 'a3'].map(agent)
    const { fetch, requests } = createStubFetch(({ url }) => {
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const agents = all.slice(offset, offset + limit)
      const pagination = { total: all.length, limit, offset, hasMore: offset + limit < all.length }
      return Response.json({ agents, total: all.length, limit, offset, pagination })
    })
    const admin = new ContoAdmin({ orgApiKey: orgKey, baseUrl, fetch })

    const page = await admin.agents.list({ limit: 2, status: 'ACTIVE' })
    expect(page.items.map((item) => item.id)).toEqual(['a1', 'a2'])
    expect(page.pagination).toEqual({ total: 3, limit: 2, offset: 0, hasMore: true })

    const ids: string[] = []
    for await (const item of admin.agents.list({ limit: 2, status: 'ACTIVE' })) ids.push(item.id)
    expect(ids).toEqual(['a1', 'a2', 'a3'])
    expect(await admin.agents.list({ limit: 2 }).toArray({ limit: 1 })).toHaveLength(1)
    expect(requests.map((request) => request.url.search)).toEqual([
      '?limit=2&status=ACTIVE&offset=0',
      '?limit=2&status=ACTIVE&offset=0',
      '?limit=2&status=ACTIVE&offset=2',
      '?limit=2&offset=0',
    ])
  })
})

describe('ContoAdmin TSDoc', () => {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

  /** The TSDoc block right above `  <action>(` in `src/resources/<group>.ts`. */
  function docOf(id: string): string {
    const [group = '', action = ''] = id.split('.')
    const source = readFileSync(
      join(import.meta.dirname, 'resources', `${kebab(group)}.ts`),
      'utf8',
    )
    const at = source.indexOf(`\n  ${action}(`)
    const start = source.lastIndexOf('/**', at)
    return at < 0 || start < 0 ? '' : source.slice(start, at)
  }

  test.each(orgEndpoints.map((endpoint) => [endpoint.id, endpoint] as const))(
    'behavior: %s has a summary, an example and every error code of its registry entry',
    (id, endpoint) => {
      const doc = docOf(id)
      expect(doc, id).toMatch(/^\/\*\*\n {3}\* \S/)
      expect(doc).toContain('@example')
      expect(doc).toContain('@throws')
      for (const code of endpoint.errors) expect(doc, `${id} @throws ${code}`).toContain(code)
    },
  )
})
