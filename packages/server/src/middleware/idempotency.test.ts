import { describe, expect, test } from 'vitest'
import { createTestApp } from '../../test/create-test-app.js'
import { START } from '../../test/harness.js'
import { ApiError } from '../errors.js'
import { createId } from '../ids.js'
import { issueOrgApiKey } from '../services/organizations.js'

/** `Idempotency-Key` on POST and DELETE, stored per credential for 24 h (contract §5). */
function setup(options: { failFirst?: boolean } = {}) {
  let calls = 0
  const harness = createTestApp({
    validateResponses: 'off',
    handlers: {
      'agents.create': async ({ body }) => {
        calls += 1
        if (options.failFirst && calls === 1) throw new ApiError('CONFLICT', 'try again')
        // Yield, so concurrent requests really overlap.
        await new Promise((resolve) => setTimeout(resolve, 5))
        return { id: createId(), name: body?.name, call: calls, at: Math.random() } as never
      },
      'agents.delete': () => {
        calls += 1
        return { success: true, call: calls } as never
      },
    },
  })
  const create = (key: string | undefined, body: unknown, credential?: string) =>
    harness.call('POST', '/api/agents', {
      body,
      ...(credential ? { key: credential } : {}),
      headers: key === undefined ? {} : { 'idempotency-key': key },
    })
  return { ...harness, create, calls: () => calls }
}

const body = { name: 'Once', agentType: 'CUSTOM' }

describe('Idempotency-Key', () => {
  test('default: the same key and body replays the stored response byte for byte', async () => {
    const { create, calls } = setup()
    const first = await create('key-1', body)
    const second = await create('key-1', body)
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.text).toBe(first.text)
    expect(calls()).toBe(1)
  })

  test('behavior: key order in the body does not matter', async () => {
    const { create, calls } = setup()
    const first = await create('key-1', { name: 'Once', agentType: 'CUSTOM' })
    const second = await create('key-1', { agentType: 'CUSTOM', name: 'Once' })
    expect(second.text).toBe(first.text)
    expect(calls()).toBe(1)
  })

  test('error: IDEMPOTENCY_CONFLICT for the same key with a different body', async () => {
    const { create, calls } = setup()
    await create('key-1', body)
    const conflict = await create('key-1', { ...body, name: 'Twice' })
    expect(conflict.status).toBe(409)
    expect(conflict.body).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', error: expect.any(String) })
    expect(calls()).toBe(1)
  })

  test('error: IDEMPOTENCY_CONFLICT for the same key on another route', async () => {
    const { create, call } = setup()
    await create('key-1', body)
    const conflict = await call('DELETE', `/api/agents/${createId()}`, {
      headers: { 'idempotency-key': 'key-1' },
    })
    expect(conflict.status).toBe(409)
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT')
  })

  test('behavior: without a key every call has its own effect', async () => {
    const { create, calls } = setup()
    const first = await create(undefined, body)
    const second = await create(undefined, body)
    expect(second.text).not.toBe(first.text)
    expect(calls()).toBe(2)
  })

  test('behavior: keys are per credential', async () => {
    const { create, calls, db, clock, organization } = setup()
    const otherKey = issueOrgApiKey(db, clock.now(), {
      organizationId: organization.id,
      name: 'Second key',
      scopePreset: 'ADMIN',
    }).key
    const first = await create('shared', body)
    const second = await create('shared', body, otherKey)
    expect(second.status).toBe(201)
    expect(second.text).not.toBe(first.text)
    expect(calls()).toBe(2)
  })

  test('behavior: concurrent requests with one key produce one effect', async () => {
    const { create, calls } = setup()
    const responses = await Promise.all(Array.from({ length: 5 }, () => create('burst', body)))
    expect(calls()).toBe(1)
    for (const response of responses) expect(response.text).toBe(responses[0]?.text)
  })

  test('behavior: a failed call is not stored, so the key can be retried', async () => {
    const { create, calls } = setup({ failFirst: true })
    const failed = await create('retry-me', body)
    expect(failed.status).toBe(409)
    expect(failed.body.code).toBe('CONFLICT')
    const retried = await create('retry-me', body)
    expect(retried.status).toBe(201)
    expect(calls()).toBe(2)
    expect((await create('retry-me', body)).text).toBe(retried.text)
  })

  test('behavior: validation failures are not stored either', async () => {
    const { create, calls } = setup()
    const invalid = await create('fix-me', { agentType: 'CUSTOM' })
    expect(invalid.status).toBe(400)
    const valid = await create('fix-me', body)
    expect(valid.status).toBe(201)
    expect(calls()).toBe(1)
  })

  test('behavior: keys are remembered for 24 hours on the test clock', async () => {
    const { create, clock, calls } = setup()
    const first = await create('daily', body)
    clock.freeze(START + 24 * 3_600_000 - 1)
    expect((await create('daily', body)).text).toBe(first.text)
    expect((await create('daily', { ...body, name: 'Other' })).status).toBe(409)
    clock.freeze(START + 24 * 3_600_000 + 1)
    const fresh = await create('daily', { ...body, name: 'Other' })
    expect(fresh.status).toBe(201)
    expect(calls()).toBe(2)
  })

  test('behavior: DELETE replays too', async () => {
    const { call, calls } = setup()
    const path = `/api/agents/${createId()}`
    const headers = { 'idempotency-key': 'delete-1' }
    const first = await call('DELETE', path, { headers })
    const second = await call('DELETE', path, { headers })
    expect(second.text).toBe(first.text)
    expect(calls()).toBe(1)
  })

  test('error: VALIDATION_ERROR for a key longer than 255 characters', async () => {
    const { create, calls } = setup()
    const response = await create('k'.repeat(256), body)
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(calls()).toBe(0)
  })
})
