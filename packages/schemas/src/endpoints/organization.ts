import { defineEndpoint } from '../endpoint.js'
import {
  inviteMemberParamsSchema,
  listMembersQuerySchema,
  listMembersResponseSchema,
  memberIdParamsSchema,
  memberSchema,
  organizationSchema,
  removeMemberResponseSchema,
  updateMemberParamsSchema,
} from '../member.js'

/** The caller's organization and its members (§2.13, §4.17). */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Organization',
} as const

export const organizationEndpoints = {
  retrieve: defineEndpoint(org, {
    id: 'organization.retrieve',
    method: 'GET',
    path: '/api/organizations/me',
    scopes: [],
    response: organizationSchema,
    successStatus: 200,
    errors: [],
    summary: 'Get the organization the API key belongs to',
  }),
  listMembers: defineEndpoint(org, {
    id: 'members.list',
    method: 'GET',
    path: '/api/organizations/me/members',
    scopes: ['team:read'],
    query: listMembersQuerySchema,
    response: listMembersResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List members of the organization',
  }),
  inviteMember: defineEndpoint(org, {
    id: 'members.invite',
    method: 'POST',
    path: '/api/organizations/me/members',
    scopes: ['team:write'],
    body: inviteMemberParamsSchema,
    response: memberSchema,
    successStatus: 201,
    errors: ['CONFLICT', 'FORBIDDEN'],
    summary: 'Invite a member (role defaults to MEMBER; never OWNER)',
  }),
  updateMember: defineEndpoint(org, {
    id: 'members.update',
    method: 'PATCH',
    path: '/api/organizations/me/members/{memberId}',
    scopes: ['team:write'],
    params: memberIdParamsSchema,
    body: updateMemberParamsSchema,
    response: memberSchema,
    successStatus: 200,
    errors: ['FORBIDDEN'],
    summary: "Change a member's role (only for members strictly below the caller)",
  }),
  removeMember: defineEndpoint(org, {
    id: 'members.remove',
    method: 'DELETE',
    path: '/api/organizations/me/members/{memberId}',
    scopes: ['team:write'],
    params: memberIdParamsSchema,
    response: removeMemberResponseSchema,
    successStatus: 200,
    errors: ['FORBIDDEN'],
    summary: 'Remove a member (never the OWNER)',
  }),
}
