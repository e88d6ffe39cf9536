import { describe, expect, test } from 'vitest'
import type { EndpointDefinition } from '../endpoint.js'
import {
  approvalActionEndpoints,
  approvalRequestEndpoints,
  approvalWorkflowEndpoints,
  channelEndpoints,
  sdkApprovalRequestEndpoints,
} from './approvals.js'

/** Org keys only; only `create` answers 201. */
function expectOrgKeysAnd200(group: Record<string, EndpointDefinition>) {
  for (const endpoint of Object.values(group)) {
    expect(endpoint.keyKinds, endpoint.id).toEqual(['org'])
    expect(endpoint.successStatus, endpoint.id).toBe(endpoint.id.endsWith('.create') ? 201 : 200)
  }
}

describe('approvalRequestEndpoints', () => {
  test('behavior: org keys, transactions scopes, 200', () => {
    expectOrgKeysAnd200(approvalRequestEndpoints)
    expect(approvalRequestEndpoints.list.scopes).toEqual(['transactions:read'])
    expect(approvalRequestEndpoints.approve.scopes).toEqual(['transactions:write'])
    expect(approvalRequestEndpoints.reject.path).toBe(
      '/api/approval-requests/{approvalRequestId}/reject',
    )
  })
})

describe('approvalWorkflowEndpoints', () => {
  test('behavior: org keys, policies:write to create', () => {
    expectOrgKeysAnd200(approvalWorkflowEndpoints)
    expect(approvalWorkflowEndpoints.create.scopes).toEqual(['policies:write'])
  })
})

describe('channelEndpoints', () => {
  test('behavior: org keys; a test route per channel', () => {
    expectOrgKeysAnd200(channelEndpoints)
    expect(channelEndpoints.test.path).toBe('/api/channels/{channelId}/test')
  })
})

describe('sdkApprovalRequestEndpoints', () => {
  test('behavior: payments:request, read rate limit, 200', () => {
    expect(sdkApprovalRequestEndpoints.list).toMatchObject({
      scopes: ['payments:request'],
      rateLimit: 'sdkRead',
      successStatus: 200,
    })
  })
})

describe('approvalActionEndpoints', () => {
  test('behavior: the public channel callback', () => {
    expect(approvalActionEndpoints.action).toMatchObject({
      method: 'POST',
      path: '/api/approvals/action',
      keyKinds: [],
      scopes: [],
      rateLimit: 'auth',
      successStatus: 200,
    })
  })
})
