import { describe, expect, test } from 'vitest'
import * as z from 'zod/mini'
import type { EndpointDefinition } from './endpoint.js'
import { endpointList, endpoints, findEndpoint } from './endpoint-registry.js'
import { errorCodes } from './errors.js'
import * as exported from './index.js'
import { agentScopes, orgScopes } from './scope.js'

/**
 * Every endpoint of conto-api.md §2 and of the project contract, as `METHOD path`. Placeholder
 * names do not matter (`{id}` matches `{alertId}`); query parameters are not part of the path.
 */
const documentedEndpoints = [
  // §2.1 agents
  'GET /api/agents',
  'POST /api/agents',
  'GET /api/agents/{}',
  'PATCH /api/agents/{}',
  'DELETE /api/agents/{}',
  'POST /api/agents/{}/freeze',
  'POST /api/agents/{}/unfreeze',
  'PATCH /api/agents/{}/freeze-config',
  'GET /api/agents/sandbox',
  'POST /api/agents/sandbox',
  'POST /api/agents/bulk-import',
  // §2.2 links (+ relationship limits of §2.7)
  'GET /api/agents/{}/wallets',
  'POST /api/agents/{}/wallets',
  'PATCH /api/agents/{}/wallets/{}',
  'DELETE /api/agents/{}/wallets/{}',
  'PATCH /api/agents/{}/relationships/{}',
  // §2.3 policy assignment
  'GET /api/agents/{}/policies',
  'POST /api/agents/{}/policies',
  'DELETE /api/agents/{}/policies',
  // §2.4 SDK keys
  'POST /api/agents/{}/sdk-keys',
  'GET /api/agents/{}/sdk-keys',
  'DELETE /api/agents/{}/sdk-keys',
  // §2.5 wallets (+ contract: fund)
  'GET /api/wallets',
  'POST /api/wallets',
  'GET /api/wallets/{}',
  'PATCH /api/wallets/{}',
  'POST /api/wallets/{}/archive',
  'DELETE /api/wallets/{}',
  'POST /api/wallets/{}/provision',
  'POST /api/wallets/{}/fund',
  // §2.6 policies and rules
  'GET /api/policies',
  'POST /api/policies',
  'GET /api/policies/{}',
  'PATCH /api/policies/{}',
  'DELETE /api/policies/{}',
  'GET /api/policies/{}/rules',
  'POST /api/policies/{}/rules',
  'PUT /api/policies/{}/rules',
  'DELETE /api/policies/{}/rules/{}',
  // §2.7 counterparties
  'GET /api/counterparties',
  'POST /api/counterparties',
  'GET /api/counterparties/{}',
  'PATCH /api/counterparties/{}',
  'DELETE /api/counterparties/{}',
  // §2.8 transactions
  'GET /api/transactions',
  'GET /api/transactions/{}',
  'POST /api/transactions/{}/retry',
  // §2.9 alerts
  'GET /api/alerts',
  'GET /api/alerts/{}',
  'POST /api/alerts/{}/acknowledge',
  'POST /api/alerts/{}/resolve',
  // §2.10 approvals, workflows, channels
  'GET /api/approval-workflows',
  'POST /api/approval-workflows',
  'PATCH /api/approval-workflows/{}',
  'DELETE /api/approval-workflows/{}',
  'GET /api/approval-requests',
  'POST /api/approval-requests/{}/approve',
  'POST /api/approval-requests/{}/reject',
  'GET /api/sdk/approval-requests',
  'GET /api/channels',
  'POST /api/channels',
  'GET /api/channels/{}',
  'POST /api/channels/{}/test',
  'POST /api/approvals/action',
  // §2.11 webhooks (+ contract: deliveries)
  'GET /api/webhooks',
  'POST /api/webhooks',
  'GET /api/webhooks/{}',
  'PATCH /api/webhooks/{}',
  'DELETE /api/webhooks/{}',
  'POST /api/webhooks/{}/rotate-secret',
  'POST /api/webhooks/{}/test',
  'GET /api/webhooks/{}/deliveries',
  // §2.12 audit and analytics
  'GET /api/audit-logs',
  'POST /api/audit-logs/export',
  'GET /api/analytics',
  'GET /api/sdk/audit-logs',
  // §2.13 organization, team, keys
  'GET /api/organizations/me/members',
  'POST /api/organizations/me/members',
  'DELETE /api/organizations/me/members/{}',
  'GET /api/api-keys',
  'POST /api/api-keys',
  'DELETE /api/api-keys/{}',
  // §2.14 cards
  'POST /api/cards',
  'GET /api/cards',
  'GET /api/cards/{}',
  'PATCH /api/cards/{}/state',
  'POST /api/agents/{}/cards',
  'POST /api/cards/{}/policies',
  // §2.15–2.17 setup, payments, agent reads
  'GET /api/sdk/setup',
  'POST /api/sdk/payments/request',
  'POST /api/sdk/payments/{}/execute',
  'GET /api/sdk/payments/{}',
  'POST /api/sdk/payments/approve',
  'POST /api/sdk/payments/{}/confirm',
  'GET /api/sdk/agent',
  'GET /api/sdk/wallets',
  'GET /api/sdk/transactions',
  'GET /api/sdk/transactions/{}',
  'GET /api/sdk/policies',
  'GET /api/sdk/counterparties',
  'GET /api/sdk/counterparties/{}',
  'POST /api/sdk/counterparties',
  'GET /api/sdk/alerts',
  'POST /api/sdk/alerts/{}/acknowledge',
  'GET /api/sdk/analytics',
  'GET /api/sdk/network/trust',
  'GET /api/sdk/policy-exceptions',
  'POST /api/sdk/policy-exceptions',
  // §2.18 A2A
  'POST /api/sdk/a2a/request',
  'GET /api/sdk/a2a/requests',
  'GET /api/sdk/a2a/requests/{}',
  'POST /api/sdk/a2a/requests/{}/approve',
  'POST /api/sdk/a2a/requests/{}/reject',
  'POST /api/sdk/a2a/requests/{}/execute',
  'POST /api/sdk/a2a/resolve',
  'GET /api/sdk/a2a/stats',
  // §2.19 cards (agent)
  'POST /api/sdk/cards/approve',
  'POST /api/sdk/cards/{}/confirm',
  // §2.20 x402
  'POST /api/sdk/x402/pre-authorize',
  'POST /api/sdk/x402/record',
  'GET /api/sdk/x402/services',
  'GET /api/sdk/x402/budget',
  // §2.21 MPP
  'POST /api/sdk/mpp/pre-authorize',
  'POST /api/sdk/mpp/record',
  'GET /api/sdk/mpp/services',
  'GET /api/sdk/mpp/budget',
  // §2.22 service spend
  'GET /api/sdk/service-spend/summary',
  'GET /api/sdk/service-spend/services',
  // §2.23 budget requests
  'POST /api/sdk/budget-request',
  'GET /api/sdk/budget-request',
  'GET /api/budget-requests',
  'POST /api/budget-requests/{}/approve',
  'POST /api/budget-requests/{}/reject',
  // project contract: health, OpenAPI, test clock
  'GET /health',
  'GET /api/openapi',
  'GET /api/test/clock',
  'POST /api/test/clock',
  'DELETE /api/test/clock',
] as const

/** The group objects the package exports (`agentEndpoints`, `sdkPaymentEndpoints`, …), by name. */
const groupObjects = Object.entries(exported).filter(([name]) => name.endsWith('Endpoints')) as [
  string,
  Record<string, EndpointDefinition>,
][]

/**
 * Keys that differ from the id's action: group objects that hold several id groups name the
 * group in the key too (`sdkPolicyEndpoints` holds `sdkPolicies.list` and `sdkPolicyExceptions.list`).
 */
const keysNamingTheIdGroup = [
  'organizationEndpoints.listMembers members.list',
  'organizationEndpoints.inviteMember members.invite',
  'organizationEndpoints.updateMember members.update',
  'organizationEndpoints.removeMember members.remove',
  'sdkAgentEndpoints.retrieveAgent sdkAgent.retrieve',
  'sdkAgentEndpoints.listWallets sdkWallets.list',
  'sdkCounterpartyEndpoints.networkTrust sdkNetwork.trust',
  'sdkPolicyEndpoints.listExceptions sdkPolicyExceptions.list',
  'sdkPolicyEndpoints.createException sdkPolicyExceptions.create',
]

const normalise = (method: string, path: string) => `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`

describe('endpoints', () => {
  const registered = new Set(
    endpointList.map((endpoint) => normalise(endpoint.method, endpoint.path)),
  )

  test.each(documentedEndpoints)('behavior: %s has an entry', (documented) => {
    expect(registered.has(documented)).toBe(true)
  })

  test('behavior: ids and method+path pairs are unique', () => {
    const ids = endpointList.map((endpoint) => endpoint.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(registered.size).toBe(endpointList.length)
  })

  test('behavior: the exported group objects hold exactly the registered endpoints', () => {
    const registered = new Set<EndpointDefinition>(endpointList)
    const grouped = groupObjects.flatMap(([, group]) => Object.values(group))
    const idsOf = (list: readonly EndpointDefinition[]) =>
      list.map((endpoint) => endpoint.id).sort()
    expect(idsOf(grouped.filter((endpoint) => !registered.has(endpoint)))).toEqual([])
    expect(idsOf(grouped)).toEqual(idsOf(endpointList))
  })

  test("behavior: an id's action is its key in the group object", () => {
    const otherKeys: string[] = []
    for (const [name, group] of groupObjects) {
      for (const [key, endpoint] of Object.entries(group)) {
        if (endpoint.id.split('.')[1] !== key) otherKeys.push(`${name}.${key} ${endpoint.id}`)
      }
    }
    expect(otherKeys.sort()).toEqual([...keysNamingTheIdGroup].sort())
  })

  test('behavior: every entry is complete and consistent', () => {
    for (const endpoint of endpointList) {
      const where = `${endpoint.id} (${endpoint.method} ${endpoint.path})`
      expect(endpoint.id, where).toMatch(/^[a-zA-Z0-9]+\.[a-zA-Z0-9]+$/)
      expect(endpoint.surface, where).toBe(endpoint.path.startsWith('/api/sdk/') ? 'sdk' : 'org')
      if (endpoint.surface === 'sdk') expect(endpoint.keyKinds, where).toEqual(['agent'])
      // The one org route the spec opens to every agent key (§2.8 "S, O, A [transactions:write]").
      else if (endpoint.id !== 'transactions.retry')
        expect(endpoint.keyKinds, where).not.toContain('agent')
      const knownScopes: readonly string[] = endpoint.surface === 'sdk' ? agentScopes : orgScopes
      for (const scope of endpoint.scopes) expect(knownScopes, where).toContain(scope)
      if (endpoint.keyKinds.length === 0) expect(endpoint.scopes, where).toEqual([])
      for (const code of endpoint.errors) expect(errorCodes, where).toContain(code)
      expect(endpoint.summary.length, where).toBeGreaterThan(3)
      expect(endpoint.tag.length, where).toBeGreaterThan(1)
      if (endpoint.method === 'GET' || endpoint.method === 'DELETE')
        expect(endpoint.body, where).toBeUndefined()
      const placeholders = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
      const params = endpoint.params ? Object.keys((endpoint.params as z.ZodMiniObject).shape) : []
      expect(params.sort(), where).toEqual(placeholders.sort())
    }
  })

  test('behavior: rate-limit classes follow the surface and the key kinds', () => {
    for (const endpoint of endpointList) {
      const where = `${endpoint.id} (${endpoint.method} ${endpoint.path})`
      if (endpoint.surface === 'sdk')
        expect(['sdkPayment', 'sdkRead'], where).toContain(endpoint.rateLimit)
      else if (endpoint.keyKinds.length > 0) expect(endpoint.rateLimit, where).toBe('dashboard')
      else expect(['auth', 'none'], where).toContain(endpoint.rateLimit)
    }
  })

  test('behavior: 201 only for POST, and every create answers 201', () => {
    for (const endpoint of endpointList) {
      const where = `${endpoint.id} (${endpoint.method} ${endpoint.path})`
      if (endpoint.successStatus === 201) expect(endpoint.method, where).toBe('POST')
      if (endpoint.id.endsWith('.create')) expect(endpoint.successStatus, where).toBe(201)
    }
  })

  test('behavior: every schema converts to JSON Schema (the OpenAPI document needs it)', () => {
    for (const endpoint of endpointList) {
      for (const [part, schema] of Object.entries({
        params: endpoint.params,
        query: endpoint.query,
        body: endpoint.body,
      })) {
        if (schema)
          expect(
            () => z.toJSONSchema(schema, { io: 'input' }),
            `${endpoint.id} ${part}`,
          ).not.toThrow()
      }
      expect(() => z.toJSONSchema(endpoint.response, { io: 'output' }), endpoint.id).not.toThrow()
    }
  })

  test('behavior: findEndpoint matches concrete paths', () => {
    expect(findEndpoint('GET', '/api/agents/cmm59z8fj000l49h7bjqza11p')?.id).toBe('agents.retrieve')
    expect(findEndpoint('POST', '/api/agents/bulk-import')?.id).toBe('agents.bulkImport')
    expect(findEndpoint('GET', '/api/agents/sandbox')?.id).toBe('sandbox.describe')
    expect(findEndpoint('GET', '/api/nope')).toBeUndefined()
    expect(endpoints.agents.list.path).toBe('/api/agents')
  })
})
