import { desc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../../test/harness.js'
import { createClock } from '../../clock.js'
import { auditLogs } from '../../db/schema.js'
import { issueOrgApiKey } from '../../services/organizations.js'
import { restoreTestClock } from '../../services/test-clock.js'

function lastAudit(h: Harness) {
  return h.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, h.organization.id))
    .orderBy(desc(auditLogs.sequence))
    .limit(1)
    .get()
}

const readOnlyKey = (h: Harness) =>
  issueOrgApiKey(h.db, h.clock.now(), {
    organizationId: h.organization.id,
    name: 'Read only',
    scopePreset: 'READ_ONLY',
  }).key

describe('testClock.retrieve', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/test/clock')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ now: '2026-04-08T12:00:00.000Z', frozen: true })
  })

  test('behavior: any org key may read the clock', async () => {
    const h = createHarness()
    const response = await h.call('GET', '/api/test/clock', { key: readOnlyKey(h) })
    expect(response.status).toBe(200)
  })

  test('error: NOT_FOUND in live mode', async () => {
    const h = createHarness({ mode: 'live' })
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await h.call(method, '/api/test/clock', {
        ...(method === 'POST' ? { body: { advanceSeconds: 60 } } : {}),
      })
      expect(response.status, method).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
    expect(h.clock.now()).toBe(START)
  })

  test('error: INSUFFICIENT_SCOPE for an agent key; AUTH_FAILED without a key', async () => {
    const h = createHarness()
    const agent = await h.call('GET', '/api/test/clock', {
      key: h.createAgentWithKey({ keyType: 'admin' }).key,
    })
    expect(agent.status).toBe(403)
    expect(agent.body.code).toBe('INSUFFICIENT_SCOPE')
    const anonymous = await h.call('GET', '/api/test/clock', { key: null })
    expect(anonymous.status).toBe(401)
  })
})

describe('testClock.advance', () => {
  test('default', async () => {
    const h = createHarness()
    const response = await h.call('POST', '/api/test/clock', { body: { advanceSeconds: 3600 } })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ now: '2026-04-08T13:00:00.000Z', frozen: true })
    expect(h.clock.now()).toBe(START + 3_600_000)
    expect((await h.call('GET', '/api/test/clock')).body).toEqual(response.body)
    expect(lastAudit(h)).toMatchObject({
      action: 'SETTINGS_CHANGED',
      resource: 'settings',
      previousState: { now: '2026-04-08T12:00:00.000Z', frozen: true },
      newState: { now: '2026-04-08T13:00:00.000Z', frozen: true },
    })
  })

  test('args: now freezes at that instant (any offset); negative advanceSeconds moves back', async () => {
    const h = createHarness()
    const at = await h.call('POST', '/api/test/clock', {
      body: { now: '2026-01-01T09:30:00+02:00' },
    })
    expect(at.body).toEqual({ now: '2026-01-01T07:30:00.000Z', frozen: true })
    const back = await h.call('POST', '/api/test/clock', { body: { advanceSeconds: -1800 } })
    expect(back.body.now).toBe('2026-01-01T07:00:00.000Z')
  })

  test('behavior: freezes a clock running on real time', async () => {
    const h = createHarness()
    h.clock.reset()
    const response = await h.call('POST', '/api/test/clock', {
      body: { now: '2030-01-01T00:00:00.000Z' },
    })
    expect(response.body.frozen).toBe(true)
    expect(h.clock.frozen).toBe(true)
    expect(h.clock.now()).toBe(Date.parse('2030-01-01T00:00:00.000Z'))
  })

  test('behavior: the frozen instant survives a restart (restoreTestClock)', async () => {
    const h = createHarness()
    await h.call('POST', '/api/test/clock', { body: { now: '2027-02-03T04:05:06.000Z' } })
    const restarted = createClock()
    restoreTestClock(h.db, restarted)
    expect(restarted.frozen).toBe(true)
    expect(restarted.now()).toBe(Date.parse('2027-02-03T04:05:06.000Z'))
    await h.call('DELETE', '/api/test/clock')
    const again = createClock()
    restoreTestClock(h.db, again)
    expect(again.frozen).toBe(false)
  })

  test('error: VALIDATION_ERROR for neither, both, or bad values', async () => {
    const h = createHarness()
    const cases: Record<string, unknown>[] = [
      {},
      { now: '2026-01-01T00:00:00.000Z', advanceSeconds: 5 },
      { now: 'tomorrow' },
      { advanceSeconds: 1.5 },
      { advanceSeconds: '60' },
      { advanceSeconds: 1e15 },
    ]
    for (const body of cases) {
      const response = await h.call('POST', '/api/test/clock', { body })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.code).toBe('VALIDATION_ERROR')
      expect(response.body.issues.length).toBeGreaterThan(0)
    }
    expect(h.clock.now()).toBe(START)
  })
})

describe('testClock.reset', () => {
  test('default', async () => {
    const h = createHarness()
    const before = Date.now()
    const response = await h.call('DELETE', '/api/test/clock')
    expect(response.status).toBe(200)
    expect(response.body.frozen).toBe(false)
    expect(Date.parse(response.body.now)).toBeGreaterThanOrEqual(before)
    expect(h.clock.frozen).toBe(false)
    const now = await h.call('GET', '/api/test/clock')
    expect(now.body.frozen).toBe(false)
    expect(lastAudit(h)).toMatchObject({
      action: 'SETTINGS_CHANGED',
      previousState: { now: '2026-04-08T12:00:00.000Z', frozen: true },
      newState: { frozen: false },
    })
  })
})
