import { describe, expect, test } from 'vitest'
import type { z } from 'zod/mini'
import type { EndpointDefinition } from '../endpoint.js'
import { agentPolicyEndpoints, policyEndpoints, sdkPolicyEndpoints } from './policies.js'

/** In the policy groups every POST creates something and answers 201; the rest answer 200. */
function expect201OnPost(group: Record<string, EndpointDefinition>) {
  for (const endpoint of Object.values(group))
    expect(endpoint.successStatus, endpoint.id).toBe(endpoint.method === 'POST' ? 201 : 200)
}

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

  test('args: org and admin agent keys, policies scopes', () => {
    for (const endpoint of Object.values(policyEndpoints)) {
      expect(endpoint.keyKinds).toEqual(['org', 'adminAgent'])
      expect(endpoint.tag).toBe('Policies')
      expect(endpoint.scopes).toEqual([
        endpoint.method === 'GET' ? 'policies:read' : 'policies:write',
      ])
      expect(endpoint.id).toMatch(/^policies\./)
    }
    expect201OnPost(policyEndpoints)
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
    expect(Object.keys((unassignPolicy.query as z.ZodMiniObject).shape)).toEqual(['policyId'])
    for (const endpoint of Object.values(agentPolicyEndpoints)) {
      expect(endpoint.keyKinds).toEqual(['org'])
      expect(endpoint.tag).toBe('Agents')
    }
    expect201OnPost(agentPolicyEndpoints)
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

  test('args: sdkRead, SDK Policies tag', () => {
    for (const endpoint of Object.values(sdkPolicyEndpoints)) {
      expect(endpoint.rateLimit).toBe('sdkRead')
      expect(endpoint.tag).toBe('SDK Policies')
    }
    expect(Object.keys((sdkPolicyEndpoints.list.query as z.ZodMiniObject).shape)).toContain(
      'walletId',
    )
    expect201OnPost(sdkPolicyEndpoints)
  })
})
