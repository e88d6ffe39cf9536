import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import type { EndpointDefinition } from '../endpoint.js'
import { statusByErrorCode } from '../errors.js'
import { agentScopes, orgScopes } from '../scope.js'
import { agentPolicyEndpoints, policyEndpoints, sdkPolicyEndpoints } from './policies.js'

const placeholdersOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
const paramKeysOf = (endpoint: EndpointDefinition) =>
  endpoint.params ? Object.keys((endpoint.params as z.ZodObject).shape) : []

const groups = {
  policies: policyEndpoints,
  agentPolicies: agentPolicyEndpoints,
  sdkPolicies: sdkPolicyEndpoints,
} as const
const all: EndpointDefinition[] = Object.values(groups).flatMap((group) => Object.values(group))

describe('policyEndpoints', () => {
  test('default: the §2.6 routes', () => {
    expect(
      Object.values(policyEndpoints).map((endpoint) => `${endpoint.method} ${endpoint.path}`),
    ).toEqual([
      'GET /api/policies',
      'POST /api/policies',
      'GET /api/policies/{policyId}',
      'PATCH /api/policies/{policyId}',
      'DELETE /api/policies/{policyId}',
      'GET /api/policies/{policyId}/rules',
      'POST /api/policies/{policyId}/rules',
      'PUT /api/policies/{policyId}/rules',
      'DELETE /api/policies/{policyId}/rules/{ruleId}',
    ])
  })

  test('args: org and admin agent keys, policies scopes, dashboard limits', () => {
    for (const endpoint of Object.values(policyEndpoints)) {
      expect(endpoint.surface).toBe('org')
      expect(endpoint.keyKinds).toEqual(['org', 'adminAgent'])
      expect(endpoint.rateLimit).toBe('dashboard')
      expect(endpoint.tag).toBe('Policies')
      expect(endpoint.scopes).toEqual([
        endpoint.method === 'GET' ? 'policies:read' : 'policies:write',
      ])
      expect(endpoint.id).toMatch(/^policies\./)
    }
    expect(policyEndpoints.create.successStatus).toBe(201)
    expect(policyEndpoints.addRules.successStatus).toBe(201)
    expect(policyEndpoints.setRules.successStatus).toBe(200)
  })
})

describe('agentPolicyEndpoints', () => {
  test('default: the §2.3 routes', () => {
    expect(
      Object.values(agentPolicyEndpoints).map(
        (endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`,
      ),
    ).toEqual([
      'agents.listPolicies GET /api/agents/{agentId}/policies',
      'agents.assignPolicy POST /api/agents/{agentId}/policies',
      'agents.unassignPolicy DELETE /api/agents/{agentId}/policies',
    ])
  })

  test('args: unassign takes policyId as a query parameter', () => {
    const { unassignPolicy } = agentPolicyEndpoints
    expect(Object.keys((unassignPolicy.query as z.ZodObject).shape)).toEqual(['policyId'])
    expect(unassignPolicy.body).toBeUndefined()
    for (const endpoint of Object.values(agentPolicyEndpoints)) {
      expect(endpoint.keyKinds).toEqual(['org'])
      expect(endpoint.tag).toBe('Agents')
    }
  })
})

describe('sdkPolicyEndpoints', () => {
  test('default: the §2.17 routes', () => {
    expect(
      Object.values(sdkPolicyEndpoints).map(
        (endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path} ${endpoint.scopes}`,
      ),
    ).toEqual([
      'sdkPolicies.list GET /api/sdk/policies policies:read',
      'sdkPolicyExceptions.list GET /api/sdk/policy-exceptions policies:exceptions',
      'sdkPolicyExceptions.create POST /api/sdk/policy-exceptions policies:exceptions',
    ])
  })

  test('args: agent keys, sdkRead, SDK Policies tag', () => {
    for (const endpoint of Object.values(sdkPolicyEndpoints)) {
      expect(endpoint.surface).toBe('sdk')
      expect(endpoint.keyKinds).toEqual(['agent'])
      expect(endpoint.rateLimit).toBe('sdkRead')
      expect(endpoint.tag).toBe('SDK Policies')
    }
    expect(Object.keys((sdkPolicyEndpoints.list.query as z.ZodObject).shape)).toContain('walletId')
  })
})

describe('policy endpoint groups', () => {
  test('behavior: ids are unique', () => {
    const ids = all.map((endpoint) => endpoint.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('behavior: path params match the {param} placeholders', () => {
    for (const endpoint of all) {
      expect(paramKeysOf(endpoint).sort(), endpoint.id).toEqual(
        placeholdersOf(endpoint.path).sort(),
      )
    }
  })

  test('behavior: surfaces, scopes and error codes are consistent', () => {
    for (const endpoint of all) {
      expect(endpoint.surface).toBe(endpoint.path.startsWith('/api/sdk/') ? 'sdk' : 'org')
      const known: readonly string[] = endpoint.surface === 'sdk' ? agentScopes : orgScopes
      for (const scope of endpoint.scopes) expect(known, endpoint.id).toContain(scope)
      for (const code of endpoint.errors) expect(Object.keys(statusByErrorCode)).toContain(code)
      expect(endpoint.successStatus).toBe(
        endpoint.method === 'POST' && !endpoint.id.endsWith('.execute') ? 201 : 200,
      )
      if (endpoint.method === 'GET' || endpoint.method === 'DELETE') {
        expect(endpoint.body, endpoint.id).toBeUndefined()
      }
    }
  })
})
