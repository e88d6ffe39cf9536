import { describe, expect, test } from 'vitest'
import { defaults } from './defaults.js'
import { organizationEndpoints } from './endpoints/organization.js'
import {
  inviteMemberParamsSchema,
  listMembersQuerySchema,
  listMembersResponseSchema,
  memberSchema,
  organizationSchema,
  orgRoleRank,
  orgRoleSchema,
  orgRoles,
  updateMemberParamsSchema,
} from './member.js'

const memberFixture = {
  id: 'cmm59z8fj000l49h7bjqza11p',
  role: 'ADMIN',
  userId: 'usr_1',
  email: 'ada@example.com',
  name: 'Ada',
  createdAt: '2026-04-07T12:00:00.000Z',
}

describe('orgRoleSchema', () => {
  test('default', () => {
    expect(orgRoles).toEqual(['OWNER', 'ADMIN', 'MANAGER', 'MEMBER', 'VIEWER'])
    for (const role of orgRoles) expect(orgRoleSchema.parse(role)).toBe(role)
  })

  test('behavior: the hierarchy OWNER > ADMIN > MANAGER > VIEWER > MEMBER', () => {
    const ranked = [...orgRoles].sort((a, b) => orgRoleRank[b] - orgRoleRank[a])
    expect(ranked).toEqual(['OWNER', 'ADMIN', 'MANAGER', 'VIEWER', 'MEMBER'])
  })

  test('error: unknown role lists the allowed values', () => {
    expect(orgRoleSchema.safeParse('GUEST').error?.issues[0]?.message).toBe(
      'Invalid role "GUEST": expected one of OWNER, ADMIN, MANAGER, MEMBER, VIEWER',
    )
  })
})

describe('organizationSchema', () => {
  test('default', () => {
    const body = { id: 'org_1', name: 'Acme', mode: 'test', createdAt: '2026-04-07T12:00:00.000Z' }
    expect(organizationSchema.parse(body)).toEqual(body)
    expect(organizationSchema.safeParse({ ...body, mode: 'live' }).success).toBe(true)
  })

  test('error: missing mode', () => {
    expect(
      organizationSchema.safeParse({ id: 'o', name: 'A', createdAt: '2026-04-07T12:00:00.000Z' })
        .success,
    ).toBe(false)
  })
})

describe('memberSchema', () => {
  test('default', () => {
    expect(memberSchema.parse(memberFixture)).toEqual(memberFixture)
  })

  test('args: a member without a display name', () => {
    expect(memberSchema.safeParse({ ...memberFixture, name: null }).success).toBe(true)
  })

  test('error: missing email', () => {
    const { email: _email, ...rest } = memberFixture
    expect(memberSchema.safeParse(rest).success).toBe(false)
  })
})

describe('listMembersResponseSchema', () => {
  test('default', () => {
    const body = {
      members: [memberFixture],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listMembersResponseSchema.parse(body)).toEqual(body)
  })

  test('args: query with a role filter', () => {
    expect(listMembersQuerySchema.parse({ role: 'VIEWER', limit: '10' })).toEqual({
      role: 'VIEWER',
      limit: 10,
      offset: 0,
    })
  })
})

describe('inviteMemberParamsSchema', () => {
  test('default', () => {
    const parsed = inviteMemberParamsSchema.parse({ email: 'new@example.com' })
    expect(parsed).toEqual({ email: 'new@example.com', role: 'MEMBER' })
    expect(parsed.role).toBe(defaults.orgRole)
  })

  test('args: name and role', () => {
    expect(
      inviteMemberParamsSchema.parse({ email: 'm@example.com', name: 'Mo', role: 'MANAGER' }),
    ).toEqual({
      email: 'm@example.com',
      name: 'Mo',
      role: 'MANAGER',
    })
  })

  test('error: OWNER cannot be invited', () => {
    expect(
      inviteMemberParamsSchema.safeParse({ email: 'm@example.com', role: 'OWNER' }).error?.issues[0]
        ?.message,
    ).toBe('Invalid role "OWNER": expected one of ADMIN, MANAGER, MEMBER, VIEWER')
  })

  test('error: email missing or malformed; name too long', () => {
    expect(inviteMemberParamsSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'email is required',
    )
    expect(inviteMemberParamsSchema.safeParse({ email: 'nope' }).error?.issues[0]?.message).toBe(
      'email must be an email address',
    )
    expect(
      inviteMemberParamsSchema.safeParse({ email: 'a@b.co', name: 'a'.repeat(101) }).success,
    ).toBe(false)
    expect(
      inviteMemberParamsSchema.safeParse({ email: 'a@b.co', name: 'a'.repeat(100) }).success,
    ).toBe(true)
  })
})

describe('updateMemberParamsSchema', () => {
  test('default', () => {
    expect(updateMemberParamsSchema.parse({ role: 'VIEWER' })).toEqual({ role: 'VIEWER' })
  })

  test('error: role required and never OWNER', () => {
    expect(updateMemberParamsSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'role is required',
    )
    expect(updateMemberParamsSchema.safeParse({ role: 'OWNER' }).success).toBe(false)
  })
})

describe('organizationEndpoints', () => {
  const all = Object.values(organizationEndpoints)

  test('default: the ids', () => {
    expect(all.map((endpoint) => endpoint.id)).toEqual([
      'organization.retrieve',
      'members.list',
      'members.invite',
      'members.update',
      'members.remove',
    ])
  })

  test('behavior: scopes, methods and tags', () => {
    expect(organizationEndpoints.listMembers.scopes).toEqual(['team:read'])
    for (const endpoint of [
      organizationEndpoints.inviteMember,
      organizationEndpoints.updateMember,
      organizationEndpoints.removeMember,
    ]) {
      expect(endpoint.scopes).toEqual(['team:write'])
    }
    expect(organizationEndpoints.inviteMember.method).toBe('POST')
    expect(organizationEndpoints.inviteMember.successStatus).toBe(201)
    expect(organizationEndpoints.updateMember.method).toBe('PATCH')
    expect(organizationEndpoints.removeMember.method).toBe('DELETE')
    for (const endpoint of all) {
      expect(endpoint.tag).toBe('Organization')
      expect(endpoint.keyKinds).toEqual(['org'])
    }
  })
})
