import { orgKeyScopePresets } from '@conto/schemas'
import { desc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../../../test/harness.js'
import { apiKeys, auditLogs } from '../../db/schema.js'
import { createId } from '../../ids.js'
import { hashKey } from '../../keys.js'
import { issueOrgApiKey } from '../../services/organizations.js'

function issue(
  h: Harness,
  input: { scopePreset?: 'READ_ONLY' | 'STANDARD' | 'ADMIN'; scopes?: string[] },
) {
  return issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Issued',
    ...input,
  })
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

async function create(h: Harness, body: Record<string, unknown>, key?: string) {
  const response = await h.call('POST', '/api/api-keys', {
    ...(key === undefined ? {} : { key }),
    body,
  })
  expect(response.status, response.text).toBe(201)
  return response.body
}

describe('apiKeys.create', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/api-keys', { body: { name: 'CI' } })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^conto_[0-9a-f]{64}$/),
      keyPrefix: expect.stringMatching(/^conto_[0-9a-f]{10}\.\.\.$/),
      name: 'CI',
      scopes: [...orgKeyScopePresets.STANDARD],
      scopePreset: 'STANDARD',
      expiresAt: null,
      createdAt: '2026-04-08T12:00:00.000Z',
      message: expect.any(String),
    })
    expect(response.body.key.startsWith(response.body.keyPrefix.slice(0, -3))).toBe(true)
    const stored = h.db.select().from(apiKeys).where(eq(apiKeys.id, response.body.id)).get()
    expect(stored?.keyHash).toBe(hashKey(response.body.key))
    expect(JSON.stringify(stored)).not.toContain(response.body.key)
    expect(lastAudit(h)).toMatchObject({
      action: 'CREATE',
      resource: 'api_key',
      resourceId: response.body.id,
    })
    expect(JSON.stringify(lastAudit(h))).not.toContain(response.body.key)
  })

  test('behavior: the new key works and carries its scopes', async () => {
    const h = createHarness()
    const created = await create(h, { name: 'Reader', scopePreset: 'READ_ONLY' })
    expect(created.scopes).toEqual([...orgKeyScopePresets.READ_ONLY])
    const read = await h.call('GET', '/api/api-keys', { key: created.key })
    expect(read.status).toBe(200)
    const write = await h.call('POST', '/api/api-keys', { key: created.key, body: { name: 'X' } })
    expect(write.status).toBe(403)
    expect(write.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('args: scopePreset ADMIN, explicit scopes, expiresInDays', async () => {
    const h = createHarness()
    const admin = await create(h, { name: 'Admin', scopePreset: 'ADMIN' })
    expect(admin).toMatchObject({ scopePreset: 'ADMIN', scopes: [...orgKeyScopePresets.ADMIN] })
    const custom = await create(h, {
      name: 'Custom',
      scopes: ['agents:read', 'agents:read', 'team:read'],
    })
    expect(custom).toMatchObject({ scopePreset: null, scopes: ['agents:read', 'team:read'] })
    const expiring = await create(h, { name: 'Temp', expiresInDays: 30 })
    expect(expiring.expiresAt).toBe('2026-05-08T12:00:00.000Z')
  })

  test('error: VALIDATION_ERROR for a bad name, preset, scope or expiry', async () => {
    const h = createHarness()
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'K', scopePreset: 'ROOT' }, 'scopePreset'],
      [{ name: 'K', scopes: [] }, 'scopes'],
      [{ name: 'K', scopes: ['payments:execute'] }, 'scopes'],
      [{ name: 'K', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'K', expiresInDays: 3651 }, 'expiresInDays'],
      [{ name: 'K', expiresInDays: 1.5 }, 'expiresInDays'],
    ]
    for (const [body, field] of cases) {
      const response = await h.call('POST', '/api/api-keys', { body })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues[0].path[0]).toBe(field)
    }
  })

  test('error: FORBIDDEN for an ADMIN key, or scopes, the caller does not hold', async () => {
    const h = createHarness()
    const teamOnly = issue(h, { scopes: ['team:read', 'team:write'] }).key
    for (const body of [
      { name: 'Escalate', scopePreset: 'ADMIN' },
      { name: 'Escalate', scopePreset: 'STANDARD' },
      { name: 'Escalate', scopes: ['audit:read'] },
    ]) {
      const response = await h.call('POST', '/api/api-keys', { key: teamOnly, body })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('FORBIDDEN')
    }
    await create(h, { name: 'Same', scopes: ['team:read'] }, teamOnly)
  })

  test('error: INSUFFICIENT_SCOPE for a READ_ONLY key, a STANDARD key and an agent key', async () => {
    const h = createHarness()
    const keys = [
      issue(h, { scopePreset: 'READ_ONLY' }).key,
      issue(h, { scopePreset: 'STANDARD' }).key,
      h.createAgentWithKey({ keyType: 'admin' }).key,
    ]
    for (const key of keys) {
      const response = await h.call('POST', '/api/api-keys', { key, body: { name: 'K' } })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })

  test('error: EXPIRED_KEY once a key outlives expiresInDays on the test clock', async () => {
    const h = createHarness()
    const created = await create(h, { name: 'Short', expiresInDays: 1 })
    expect((await h.call('GET', '/api/api-keys', { key: created.key })).status).toBe(200)
    const advanced = await h.call('POST', '/api/test/clock', {
      body: { advanceSeconds: 2 * 86_400 },
    })
    expect(advanced.status).toBe(200)
    const response = await h.call('GET', '/api/api-keys', { key: created.key })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('EXPIRED_KEY')
    expect((await h.call('GET', '/api/api-keys')).status).toBe(200)
  })
})

describe('apiKeys.list', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/api-keys')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      apiKeys: [
        {
          id: expect.any(String),
          name: 'Admin key',
          keyPrefix: expect.stringMatching(/^conto_[0-9a-f]{10}\.\.\.$/),
          scopes: [...orgKeyScopePresets.ADMIN],
          scopePreset: 'ADMIN',
          expiresAt: null,
          lastUsedAt: '2026-04-08T12:00:00.000Z',
          revokedAt: null,
          createdAt: '2026-04-08T12:00:00.000Z',
          createdBy: null,
        },
      ],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
    expect(response.text).not.toContain(h.orgKey)
    expect(response.text).not.toContain('keyHash')
  })

  test('behavior: newest first; the creating member is embedded', async () => {
    const h = createHarness()
    h.clock.freeze(h.clock.now() + 1000)
    const byOwner = issueOrgApiKey(h.db, h.clock.now(), {
      organizationId: h.organization.id,
      name: 'Dashboard',
      createdByMemberId: h.owner.id,
    })
    const response = await h.call('GET', '/api/api-keys')
    expect(response.body.apiKeys.map((k: { name: string }) => k.name)).toEqual([
      'Dashboard',
      'Admin key',
    ])
    expect(response.body.apiKeys[0].id).toBe(byOwner.row.id)
    expect(response.body.apiKeys[0].createdBy).toEqual({
      id: h.owner.id,
      email: 'owner@acme.test',
      name: null,
    })
  })

  test('args: includeRevoked, limit and offset', async () => {
    const h = createHarness()
    const revoked = await create(h, { name: 'Old' })
    await create(h, { name: 'New' })
    expect((await h.call('DELETE', `/api/api-keys/${revoked.id}`)).status).toBe(200)
    const active = await h.call('GET', '/api/api-keys')
    expect(active.body.apiKeys.map((k: { name: string }) => k.name).sort()).toEqual([
      'Admin key',
      'New',
    ])
    const all = await h.call('GET', '/api/api-keys?includeRevoked=true')
    expect(all.body.pagination.total).toBe(3)
    const old = all.body.apiKeys.find((k: { id: string }) => k.id === revoked.id)
    expect(old.revokedAt).toBe('2026-04-08T12:00:00.000Z')
    const page = await h.call('GET', '/api/api-keys?includeRevoked=true&limit=1&offset=1')
    expect(page.body.apiKeys).toHaveLength(1)
    expect(page.body.pagination).toEqual({ total: 3, limit: 1, offset: 1, hasMore: true })
  })

  test('behavior: a READ_ONLY key may list; another organization’s keys are not listed', async () => {
    const h = createHarness()
    h.createOtherOrganization()
    const response = await h.call('GET', '/api/api-keys', {
      key: issue(h, { scopePreset: 'READ_ONLY' }).key,
    })
    expect(response.status).toBe(200)
    expect(response.body.apiKeys).toHaveLength(2)
  })

  test('error: VALIDATION_ERROR for bad filters', async () => {
    const h = createHarness()
    for (const query of ['includeRevoked=maybe', 'limit=0']) {
      const response = await h.call('GET', `/api/api-keys?${query}`)
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
    }
  })

  test('error: INSUFFICIENT_SCOPE for a key without team:read and for an agent key', async () => {
    const h = createHarness()
    for (const key of [issue(h, { scopes: ['agents:read'] }).key, h.createAgentWithKey().key]) {
      const response = await h.call('GET', '/api/api-keys', { key })
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
    }
  })
})

describe('apiKeys.revoke', () => {
  test('default', async () => {
    const h = createHarness()
    const created = await create(h, { name: 'Doomed' })
    h.clock.freeze(h.clock.now() + 5000)
    const response = await h.call('DELETE', `/api/api-keys/${created.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      success: true,
      id: created.id,
      revokedAt: '2026-04-08T12:00:05.000Z',
    })
    expect(lastAudit(h)).toMatchObject({
      action: 'PERMISSION_REVOKED',
      resource: 'api_key',
      resourceId: created.id,
      previousState: expect.objectContaining({ revokedAt: null }),
      newState: expect.objectContaining({ revokedAt: '2026-04-08T12:00:05.000Z' }),
    })
  })

  test('error: AUTH_FAILED for a revoked key, immediately', async () => {
    const h = createHarness()
    const created = await create(h, { name: 'Doomed' })
    expect((await h.call('GET', '/api/organizations/me', { key: created.key })).status).toBe(200)
    await h.call('DELETE', `/api/api-keys/${created.id}`)
    const response = await h.call('GET', '/api/organizations/me', { key: created.key })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('AUTH_FAILED')
  })

  test('behavior: a key may revoke itself', async () => {
    const h = createHarness()
    const own = h.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashKey(h.orgKey)))
      .get()
    const response = await h.call('DELETE', `/api/api-keys/${own?.id}`)
    expect(response.status).toBe(200)
    expect((await h.call('GET', '/api/api-keys')).status).toBe(401)
  })

  test('behavior: revoking twice returns the first revokedAt', async () => {
    const h = createHarness()
    const created = await create(h, { name: 'Doomed' })
    const first = await h.call('DELETE', `/api/api-keys/${created.id}`)
    h.clock.freeze(h.clock.now() + 60_000)
    const second = await h.call('DELETE', `/api/api-keys/${created.id}`)
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
  })

  test('error: FORBIDDEN for a key holding scopes the caller lacks', async () => {
    const h = createHarness()
    const teamOnly = issue(h, { scopes: ['team:read', 'team:write'] }).key
    const admin = await create(h, { name: 'Admin', scopePreset: 'ADMIN' })
    const response = await h.call('DELETE', `/api/api-keys/${admin.id}`, { key: teamOnly })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('FORBIDDEN')
    expect((await h.call('GET', '/api/api-keys', { key: admin.key })).status).toBe(200)
  })

  test('error: NOT_FOUND for an unknown id and another organization’s key', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await create(h, { name: 'Theirs' }, other.key)
    for (const id of [createId(), theirs.id]) {
      const response = await h.call('DELETE', `/api/api-keys/${id}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect((await h.call('GET', '/api/organizations/me', { key: theirs.key })).status).toBe(200)
  })

  test('error: INSUFFICIENT_SCOPE for a STANDARD key', async () => {
    const h = createHarness()
    const created = await create(h, { name: 'K' })
    const response = await h.call('DELETE', `/api/api-keys/${created.id}`, {
      key: issue(h, { scopePreset: 'STANDARD' }).key,
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })
})
