import { desc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import { auditLogs, members } from '../../db/schema.js'
import { createId } from '../../ids.js'
import { issueOrgApiKey } from '../../services/organizations.js'

function keyWith(h: Harness, scopePreset: 'READ_ONLY' | 'STANDARD', createdByMemberId?: string) {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: scopePreset,
    scopePreset,
    ...(createdByMemberId === undefined ? {} : { createdByMemberId }),
  }).key
}

/** An ADMIN-preset key created by `memberId` (acts with that member's role). */
function memberKey(h: Harness, memberId: string) {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Member key',
    scopePreset: 'ADMIN',
    createdByMemberId: memberId,
  }).key
}

function lastAudit(h: Harness) {
  return h.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, h.organization.id))
    .orderBy(desc(auditLogs.sequence))
    .limit(1)
    .get()
}

async function invite(h: Harness, body: Record<string, unknown>, key?: string) {
  const response = await h.call('POST', '/api/organizations/me/members', {
    ...(key === undefined ? {} : { key }),
    body,
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}

describe('organization.retrieve', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/organizations/me')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      id: h.organization.id,
      name: 'Acme',
      mode: 'test',
      createdAt: '2026-04-08T12:00:00.000Z',
    })
  })

  test('behavior: any org key, whatever its scopes, sees its own organization', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const readOnly = await h.call('GET', '/api/organizations/me', { key: keyWith(h, 'READ_ONLY') })
    expect(readOnly.body.id).toBe(h.organization.id)
    const theirs = await h.call('GET', '/api/organizations/me', { key: other.key })
    expect(theirs.body).toMatchObject({ id: other.organization.id, name: 'Other Org' })
  })

  test('error: INSUFFICIENT_SCOPE for an agent key; AUTH_FAILED without a key', async () => {
    const h = createHarness()
    const agent = h.createAgentWithKey({ keyType: 'admin' })
    const byAgent = await h.call('GET', '/api/organizations/me', { key: agent.key })
    expect(byAgent.status).toBe(403)
    expect(byAgent.body.code).toBe('INSUFFICIENT_SCOPE')
    const anonymous = await h.call('GET', '/api/organizations/me', { key: null })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.code).toBe('AUTH_FAILED')
  })
})

describe('members.list', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/organizations/me/members')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      members: [
        {
          id: h.owner.id,
          role: 'OWNER',
          userId: h.owner.userId,
          email: 'owner@acme.test',
          name: null,
          createdAt: '2026-04-08T12:00:00.000Z',
        },
      ],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('args: role, limit and offset', async () => {
    const h = createHarness()
    await invite(h, { email: 'a@acme.test', role: 'ADMIN' })
    await invite(h, { email: 'b@acme.test' })
    await invite(h, { email: 'c@acme.test' })
    const admins = await h.call('GET', '/api/organizations/me/members?role=ADMIN')
    expect(admins.body.members.map((m: { email: string }) => m.email)).toEqual(['a@acme.test'])
    const page = await h.call('GET', '/api/organizations/me/members?limit=2&offset=1')
    expect(page.body.members.map((m: { email: string }) => m.email)).toEqual([
      'a@acme.test',
      'b@acme.test',
    ])
    expect(page.body.pagination).toEqual({ total: 4, limit: 2, offset: 1, hasMore: true })
  })

  test('behavior: a READ_ONLY key may list; another organization’s members are not listed', async () => {
    const h = createHarness()
    h.createOtherOrganization()
    const response = await h.call('GET', '/api/organizations/me/members', {
      key: keyWith(h, 'READ_ONLY'),
    })
    expect(response.status).toBe(200)
    expect(response.body.members).toHaveLength(1)
  })

  test('error: VALIDATION_ERROR for an unknown role filter', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/organizations/me/members?role=KING')
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual(['role'])
  })

  test('error: INSUFFICIENT_SCOPE for an agent key', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/organizations/me/members', {
      key: h.createAgentWithKey({ keyType: 'admin' }).key,
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('members.invite', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/organizations/me/members', {
      body: { email: 'new@acme.test' },
    })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      role: 'MEMBER',
      userId: expect.any(String),
      email: 'new@acme.test',
      name: null,
      createdAt: '2026-04-08T12:00:00.000Z',
    })
    expect(lastAudit(h)).toMatchObject({
      action: 'CREATE',
      resource: 'member',
      resourceId: response.body.id,
      actorType: 'API',
      newState: response.body,
    })
  })

  test('args: name and role', async () => {
    const h = createHarness()
    const member = await invite(h, { email: 'm@acme.test', name: 'Mia', role: 'MANAGER' })
    expect(member).toMatchObject({ name: 'Mia', role: 'MANAGER' })
  })

  test('error: VALIDATION_ERROR for OWNER, an unknown role and a bad email', async () => {
    const h = createHarness()
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'x@acme.test', role: 'OWNER' }, 'role'],
      [{ email: 'x@acme.test', role: 'KING' }, 'role'],
      [{ email: 'not-an-email' }, 'email'],
      [{}, 'email'],
    ]
    for (const [body, field] of cases) {
      const response = await h.call('POST', '/api/organizations/me/members', { body })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path).toEqual([field])
    }
  })

  test('error: CONFLICT for an email that is already a member (any case)', async () => {
    const h = createHarness()
    await invite(h, { email: 'dup@acme.test' })
    for (const email of ['dup@acme.test', 'DUP@Acme.test', 'owner@acme.test']) {
      const response = await h.call('POST', '/api/organizations/me/members', { body: { email } })
      expect(response.status).toBe(409)
      expect(response.body.code).toBe('CONFLICT')
    }
  })

  test('behavior: the same email may be a member of two organizations', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    await invite(h, { email: 'both@acme.test' })
    await invite(h, { email: 'both@acme.test' }, other.key)
  })

  test('error: FORBIDDEN for a role not strictly below the caller’s', async () => {
    const h = createHarness()
    const admin = await invite(h, { email: 'admin@acme.test', role: 'ADMIN' })
    const key = memberKey(h, admin.id)
    const response = await h.call('POST', '/api/organizations/me/members', {
      key,
      body: { email: 'peer@acme.test', role: 'ADMIN' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('FORBIDDEN')
    await invite(h, { email: 'below@acme.test', role: 'MANAGER' }, key)
  })

  test('error: INSUFFICIENT_SCOPE for a STANDARD key', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/organizations/me/members', {
      key: keyWith(h, 'STANDARD'),
      body: { email: 'x@acme.test' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('members.update', () => {
  test('default', async () => {
    const h = createHarness()
    const member = await invite(h, { email: 'm@acme.test' })
    h.clock.freeze(START + 1000)
    const response = await h.call('PATCH', `/api/organizations/me/members/${member.id}`, {
      body: { role: 'ADMIN' },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ ...member, role: 'ADMIN' })
    expect(lastAudit(h)).toMatchObject({
      action: 'UPDATE',
      resource: 'member',
      resourceId: member.id,
      previousState: { role: 'MEMBER' },
      newState: { role: 'ADMIN' },
    })
  })

  test('error: FORBIDDEN for the OWNER', async () => {
    const h = createHarness()
    const response = await h.call('PATCH', `/api/organizations/me/members/${h.owner.id}`, {
      body: { role: 'ADMIN' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('FORBIDDEN')
    const stored = h.db.select().from(members).where(eq(members.id, h.owner.id)).get()
    expect(stored?.role).toBe('OWNER')
  })

  test('error: FORBIDDEN for a member or role not strictly below the caller’s', async () => {
    const h = createHarness()
    const manager = await invite(h, { email: 'manager@acme.test', role: 'MANAGER' })
    const peer = await invite(h, { email: 'peer@acme.test', role: 'MANAGER' })
    const viewer = await invite(h, { email: 'viewer@acme.test', role: 'VIEWER' })
    const key = memberKey(h, manager.id)
    for (const [id, role] of [
      [peer.id, 'MEMBER'],
      [viewer.id, 'ADMIN'],
      [viewer.id, 'MANAGER'],
    ]) {
      const response = await h.call('PATCH', `/api/organizations/me/members/${id}`, {
        key,
        body: { role },
      })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('FORBIDDEN')
    }
    const ok = await h.call('PATCH', `/api/organizations/me/members/${viewer.id}`, {
      key,
      body: { role: 'MEMBER' },
    })
    expect(ok.status).toBe(200)
  })

  test('error: FORBIDDEN for a key whose creating member has left', async () => {
    const h = createHarness()
    const gone = await invite(h, { email: 'gone@acme.test', role: 'ADMIN' })
    const member = await invite(h, { email: 'm@acme.test' })
    const key = memberKey(h, gone.id)
    expect((await h.call('DELETE', `/api/organizations/me/members/${gone.id}`)).status).toBe(200)
    const response = await h.call('PATCH', `/api/organizations/me/members/${member.id}`, {
      key,
      body: { role: 'VIEWER' },
    })
    expect(response.status).toBe(403)
  })

  test('error: VALIDATION_ERROR for OWNER and a missing role', async () => {
    const h = createHarness()
    const member = await invite(h, { email: 'm@acme.test' })
    for (const body of [{ role: 'OWNER' }, {}]) {
      const response = await h.call('PATCH', `/api/organizations/me/members/${member.id}`, { body })
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path).toEqual(['role'])
    }
  })

  test('error: NOT_FOUND for an unknown id and another organization’s member', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await invite(h, { email: 't@other.test' }, other.key)
    for (const id of [createId(), theirs.id]) {
      const response = await h.call('PATCH', `/api/organizations/me/members/${id}`, {
        body: { role: 'ADMIN' },
      })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: INSUFFICIENT_SCOPE for a STANDARD key', async () => {
    const h = createHarness()
    const member = await invite(h, { email: 'm@acme.test' })
    const response = await h.call('PATCH', `/api/organizations/me/members/${member.id}`, {
      key: keyWith(h, 'STANDARD'),
      body: { role: 'ADMIN' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})

describe('members.remove', () => {
  test('default', async () => {
    const h = createHarness()
    const member = await invite(h, { email: 'm@acme.test' })
    const response = await h.call('DELETE', `/api/organizations/me/members/${member.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ success: true })
    const list = await h.call('GET', '/api/organizations/me/members')
    expect(list.body.members.map((m: { id: string }) => m.id)).toEqual([h.owner.id])
    expect(lastAudit(h)).toMatchObject({
      action: 'DELETE',
      resource: 'member',
      resourceId: member.id,
      previousState: member,
    })
  })

  test('error: FORBIDDEN for the OWNER', async () => {
    const h = createHarness()
    const response = await h.call('DELETE', `/api/organizations/me/members/${h.owner.id}`)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('FORBIDDEN')
    expect(h.db.select().from(members).where(eq(members.id, h.owner.id)).get()).toBeDefined()
  })

  test('error: FORBIDDEN for a member not strictly below the caller’s role', async () => {
    const h = createHarness()
    const admin = await invite(h, { email: 'admin@acme.test', role: 'ADMIN' })
    const peer = await invite(h, { email: 'peer@acme.test', role: 'ADMIN' })
    const response = await h.call('DELETE', `/api/organizations/me/members/${peer.id}`, {
      key: memberKey(h, admin.id),
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('FORBIDDEN')
  })

  test('error: NOT_FOUND for an unknown id and another organization’s member', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await invite(h, { email: 't@other.test' }, other.key)
    for (const id of [createId(), theirs.id]) {
      const response = await h.call('DELETE', `/api/organizations/me/members/${id}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect(h.db.select().from(members).where(eq(members.id, theirs.id)).get()).toBeDefined()
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key', async () => {
    const h = createHarness()
    const member = await invite(h, { email: 'm@acme.test' })
    const response = await h.call('DELETE', `/api/organizations/me/members/${member.id}`, {
      key: keyWith(h, 'READ_ONLY'),
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
