import { sdkKeyScopePresets } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createAgent, lastAudit, readOnlyKey } from '../../../test/agent-fixtures.js'
import { createHarness } from '../../../test/harness.js'
import { sdkKeys } from '../../db/schema.js'
import { displayPrefix, hashKey } from '../../keys.js'

const NOW = '2026-04-08T12:00:00.000Z'
const MISSING = 'cmissing000000000000000000'
const DAY = 86_400_000

describe('agents.createSdkKey', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Production Key' },
    })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^conto_agent_[0-9a-f]{64}$/),
      keyPrefix: displayPrefix(response.body.key),
      name: 'Production Key',
      keyType: 'standard',
      scopes: [...sdkKeyScopePresets.standard],
      expiresAt: new Date(Date.parse(NOW) + 365 * DAY).toISOString(),
      createdAt: NOW,
      message: 'Save this key now! It will not be shown again.',
    })
  })

  test('behavior: the seed 001 body (expiresInDays 90)', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Production Key', expiresInDays: 90 },
    })
    expect(response.status).toBe(201)
    expect(response.body.expiresAt).toBe('2026-07-07T12:00:00.000Z')
  })

  test('behavior: only the SHA-256 hash and the display prefix are stored', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Stored' },
    })
    const row = h.db.select().from(sdkKeys).where(eq(sdkKeys.id, response.body.id)).get()
    expect(row).toMatchObject({
      agentId: agent.id,
      organizationId: h.organization.id,
      keyHash: hashKey(response.body.key),
      keyPrefix: response.body.keyPrefix,
      revokedAt: null,
    })
    expect(JSON.stringify(row)).not.toContain(response.body.key)
  })

  test('args: keyType admin gets the admin preset; explicit scopes win', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const admin = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Admin', keyType: 'admin' },
    })
    expect(admin.body).toMatchObject({ keyType: 'admin', scopes: [...sdkKeyScopePresets.admin] })
    const custom = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Custom', scopes: ['payments:request', 'payments:execute'] },
    })
    expect(custom.body).toMatchObject({
      keyType: 'standard',
      scopes: ['payments:request', 'payments:execute'],
    })
  })

  test('args: expiresInDays 730 is the maximum', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const ok = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Two years', expiresInDays: 730 },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.expiresAt).toBe(new Date(Date.parse(NOW) + 730 * DAY).toISOString())
    const tooLong = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Too long', expiresInDays: 731 },
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      issues: [expect.objectContaining({ path: ['expiresInDays'] })],
    })
  })

  test.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'k', expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'k', expiresInDays: 1.5 }, 'expiresInDays'],
    [{ name: 'k', expiresInDays: '30' }, 'expiresInDays'],
    [{ name: 'k', keyType: 'root' }, 'keyType'],
    [{ name: 'k', scopes: [] }, 'scopes'],
    [{ name: 'k', scopes: ['payments:fly'] }, 'scopes'],
    [{ name: 'k', scopes: ['payments:request', 'payments:request'] }, 'scopes'],
  ])('error: VALIDATION_ERROR for %j', async (body, field) => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, { body })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path[0]).toBe(field)
  })

  test('error: INVALID_STATUS for a REVOKED agent', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Late' },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_STATUS')
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of [MISSING, theirs.id]) {
      const response = await h.call('POST', `/api/agents/${id}/sdk-keys`, { body: { name: 'k' } })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      key: readOnlyKey(h),
      body: { name: 'k' },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('behavior: records a CREATE audit entry without the secret', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Audited' },
    })
    const entry = lastAudit(h)
    expect(entry).toMatchObject({
      action: 'CREATE',
      resource: 'sdk_key',
      resourceId: response.body.id,
    })
    expect(JSON.stringify(entry)).not.toContain(response.body.key)
  })
})

describe('agents.listSdkKeys', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const created = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Production Key', expiresInDays: 90 },
    })
    const response = await h.call('GET', `/api/agents/${agent.id}/sdk-keys`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      keys: [
        {
          id: created.body.id,
          name: 'Production Key',
          keyPrefix: created.body.keyPrefix,
          keyType: 'standard',
          scopes: [...sdkKeyScopePresets.standard],
          expiresAt: '2026-07-07T12:00:00.000Z',
          lastUsedAt: null,
          revokedAt: null,
          createdAt: NOW,
        },
      ],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
    expect(response.text).not.toContain(created.body.key)
  })

  test('behavior: only this agent’s keys, revoked ones included', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const peer = await createAgent(h)
    const first = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, { body: { name: 'A' } })
    await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, { body: { name: 'B' } })
    await h.call('POST', `/api/agents/${peer.id}/sdk-keys`, { body: { name: 'C' } })
    await h.call('DELETE', `/api/agents/${agent.id}/sdk-keys?keyId=${first.body.id}`)
    const response = await h.call('GET', `/api/agents/${agent.id}/sdk-keys`)
    expect(response.body.keys.map((key: { name: string }) => key.name)).toEqual(['A', 'B'])
    expect(response.body.keys[0].revokedAt).toBe(NOW)
    const page = await h.call('GET', `/api/agents/${agent.id}/sdk-keys?limit=1`)
    expect(page.body.pagination).toEqual({ total: 2, limit: 1, offset: 0, hasMore: true })
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of [MISSING, theirs.id]) {
      expect((await h.call('GET', `/api/agents/${id}/sdk-keys`)).status).toBe(404)
    }
  })

  test('behavior: a READ_ONLY key may list', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/sdk-keys`, {
      key: readOnlyKey(h),
    })
    expect(response.status).toBe(200)
  })
})

describe('agents.revokeSdkKey', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const created = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Doomed' },
    })
    h.clock.freeze(h.clock.now() + 5000)
    const response = await h.call(
      'DELETE',
      `/api/agents/${agent.id}/sdk-keys?keyId=${created.body.id}`,
    )
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      success: true,
      id: created.body.id,
      revokedAt: '2026-04-08T12:00:05.000Z',
    })
  })

  test('behavior: a revoked key no longer authenticates', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const created = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'Agent key' },
    })
    const before = await h.call('GET', '/api/sdk/agent', { key: created.body.key })
    // 200 once the SDK agent route is in; 501 while its handler is missing (auth runs first).
    expect([200, 501]).toContain(before.status)
    await h.call('DELETE', `/api/agents/${agent.id}/sdk-keys?keyId=${created.body.id}`)
    const after = await h.call('GET', '/api/sdk/agent', { key: created.body.key })
    expect(after.status).toBe(401)
    expect(after.body.code).toBe('AUTH_FAILED')
  })

  test('behavior: revoking twice returns the original revokedAt', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const created = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'k' },
    })
    const path = `/api/agents/${agent.id}/sdk-keys?keyId=${created.body.id}`
    const first = await h.call('DELETE', path)
    h.clock.freeze(h.clock.now() + 60_000)
    const second = await h.call('DELETE', path)
    expect(second.status).toBe(200)
    expect(second.body.revokedAt).toBe(first.body.revokedAt)
  })

  test('error: NOT_FOUND for an unknown key or another agent’s key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const peer = await createAgent(h)
    const peerKey = await h.call('POST', `/api/agents/${peer.id}/sdk-keys`, { body: { name: 'p' } })
    for (const keyId of [MISSING, peerKey.body.id]) {
      const response = await h.call('DELETE', `/api/agents/${agent.id}/sdk-keys?keyId=${keyId}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: NOT_FOUND for another organization’s agent and key', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    const key = await h.call('POST', `/api/agents/${theirs.id}/sdk-keys`, {
      key: other.key,
      body: { name: 't' },
    })
    const response = await h.call(
      'DELETE',
      `/api/agents/${theirs.id}/sdk-keys?keyId=${key.body.id}`,
    )
    expect(response.status).toBe(404)
    const list = await h.call('GET', `/api/agents/${theirs.id}/sdk-keys`, { key: other.key })
    expect(list.body.keys[0].revokedAt).toBeNull()
  })

  test('error: VALIDATION_ERROR without the keyId query parameter', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('DELETE', `/api/agents/${agent.id}/sdk-keys`)
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['keyId'])
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const created = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'k' },
    })
    const response = await h.call(
      'DELETE',
      `/api/agents/${agent.id}/sdk-keys?keyId=${created.body.id}`,
      {
        key: readOnlyKey(h),
      },
    )
    expect(response.status).toBe(403)
  })

  test('behavior: records a PERMISSION_REVOKED audit entry', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const created = await h.call('POST', `/api/agents/${agent.id}/sdk-keys`, {
      body: { name: 'k' },
    })
    await h.call('DELETE', `/api/agents/${agent.id}/sdk-keys?keyId=${created.body.id}`)
    const entry = lastAudit(h)
    expect(entry).toMatchObject({
      action: 'PERMISSION_REVOKED',
      resource: 'sdk_key',
      resourceId: created.body.id,
    })
    expect(entry?.newState).toMatchObject({ revokedAt: NOW })
  })
})
