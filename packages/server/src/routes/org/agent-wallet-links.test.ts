import { describe, expect, test } from 'vitest'
import {
  createAgent,
  insertCounterparty,
  insertReservation,
  insertSpend,
  insertWallet,
  lastAudit,
  linkWallet,
  readOnlyKey,
} from '../../../test/agent-fixtures.js'
import { createHarness, type Harness } from '../../../test/harness.js'

const NOW = '2026-04-08T12:00:00.000Z'
const MISSING = 'cmissing000000000000000000'

/** Seed 001 "Link Wallet to Agent" body, minus the walletId. */
const seedLinkBody = {
  delegationType: 'LIMITED',
  spendLimitPerTx: 100,
  spendLimitDaily: 1000,
  allowedHoursStart: 0,
  allowedHoursEnd: 24,
  allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
}

async function setUp(h: Harness) {
  const agent = await createAgent(h)
  const wallet = insertWallet(h, { name: 'Treasury', balanceMicros: 250_500_000 })
  return { agent, wallet }
}

describe('agents.linkWallet', () => {
  test('default', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
      body: { walletId: wallet.id, ...seedLinkBody },
    })
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      agentId: agent.id,
      walletId: wallet.id,
      wallet: expect.objectContaining({
        id: wallet.id,
        name: 'Treasury',
        address: wallet.address,
        balance: 250.5,
        status: 'ACTIVE',
      }),
      delegationType: 'LIMITED',
      spendLimitPerTx: 100,
      spendLimitDaily: 1000,
      spendLimitWeekly: null,
      spendLimitMonthly: null,
      spentToday: 0,
      spentThisWeek: 0,
      spentThisMonth: 0,
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      timezone: 'UTC',
      createdAt: NOW,
      updatedAt: NOW,
    })
  })

  test('behavior: only walletId applies the Defaults-page values', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const link = await linkWallet(h, agent.id, wallet.id)
    expect(link).toMatchObject({
      delegationType: 'LIMITED',
      spendLimitPerTx: 100,
      spendLimitDaily: 1000,
      spendLimitWeekly: null,
      spendLimitMonthly: null,
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      timezone: 'UTC',
    })
  })

  test('args: null limits are unlimited, 0 is kept, decimals survive', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const link = await linkWallet(h, agent.id, wallet.id, {
      delegationType: 'FULL',
      spendLimitPerTx: 0,
      spendLimitDaily: null,
      spendLimitWeekly: 0.000001,
      spendLimitMonthly: 12345.678901,
      allowedHoursStart: 22,
      allowedHoursEnd: 6,
      allowedDays: ['Sat', 'Sun'],
      timezone: 'America/New_York',
    })
    expect(link).toMatchObject({
      delegationType: 'FULL',
      spendLimitPerTx: 0,
      spendLimitDaily: null,
      spendLimitWeekly: 0.000001,
      spendLimitMonthly: 12345.678901,
      allowedHoursStart: 22,
      allowedHoursEnd: 6,
      allowedDays: ['Sat', 'Sun'],
      timezone: 'America/New_York',
    })
  })

  test('error: CONFLICT when the wallet is already linked', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
      body: { walletId: wallet.id },
    })
    expect(response.status).toBe(409)
    expect(response.body.code).toBe('CONFLICT')
  })

  test('error: NOT_FOUND for an unknown or foreign wallet', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const { agent } = await setUp(h)
    const theirs = insertWallet(h, { organizationId: other.organization.id })
    for (const walletId of [MISSING, theirs.id]) {
      const response = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
        body: { walletId },
      })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
      expect(response.body.error).toContain('Wallet')
    }
  })

  test('error: NOT_FOUND for an unknown or foreign agent', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    const wallet = insertWallet(h)
    for (const agentId of [MISSING, theirs.id]) {
      const response = await h.call('POST', `/api/agents/${agentId}/wallets`, {
        body: { walletId: wallet.id },
      })
      expect(response.status).toBe(404)
      expect(response.body.error).toContain('Agent')
    }
  })

  test('error: INVALID_STATUS for an archived wallet or a REVOKED agent', async () => {
    const h = createHarness()
    const { agent } = await setUp(h)
    const archived = insertWallet(h, { status: 'ARCHIVED' })
    const first = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
      body: { walletId: archived.id },
    })
    expect(first.status).toBe(400)
    expect(first.body.code).toBe('INVALID_STATUS')
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const second = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
      body: { walletId: insertWallet(h).id },
    })
    expect(second.status).toBe(400)
    expect(second.body.code).toBe('INVALID_STATUS')
  })

  test.each([
    [{ spendLimitPerTx: -1 }, 'INVALID_AMOUNT', 'spendLimitPerTx'],
    [{ spendLimitDaily: 1.0000001 }, 'INVALID_AMOUNT', 'spendLimitDaily'],
    [{ spendLimitWeekly: '100' }, 'INVALID_AMOUNT', 'spendLimitWeekly'],
    [{ delegationType: 'ALL' }, 'VALIDATION_ERROR', 'delegationType'],
    [{ allowedHoursStart: 24 }, 'VALIDATION_ERROR', 'allowedHoursStart'],
    [{ allowedHoursEnd: 0 }, 'VALIDATION_ERROR', 'allowedHoursEnd'],
    [{ allowedHoursStart: 9, allowedHoursEnd: 9 }, 'VALIDATION_ERROR', 'allowedHoursEnd'],
    [{ allowedDays: [] }, 'VALIDATION_ERROR', 'allowedDays'],
    [{ allowedDays: ['Mon', 'Mon'] }, 'VALIDATION_ERROR', 'allowedDays'],
    [{ allowedDays: ['Monday'] }, 'VALIDATION_ERROR', 'allowedDays'],
    [{ timezone: 'Mars/Base' }, 'VALIDATION_ERROR', 'timezone'],
  ])('error: %j → %s', async (extra, code, field) => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
      body: { walletId: wallet.id, ...extra },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe(code)
    expect(response.body.issues[0].path[0]).toBe(field)
  })

  test('error: VALIDATION_ERROR without walletId', async () => {
    const h = createHarness()
    const { agent } = await setUp(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/wallets`, { body: {} })
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['walletId'])
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const response = await h.call('POST', `/api/agents/${agent.id}/wallets`, {
      key: readOnlyKey(h),
      body: { walletId: wallet.id },
    })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE')
  })

  test('behavior: records a PERMISSION_GRANTED audit entry', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    const entry = lastAudit(h)
    expect(entry).toMatchObject({
      action: 'PERMISSION_GRANTED',
      resource: 'agent',
      resourceId: agent.id,
    })
    expect(entry?.metadata).toMatchObject({ change: 'wallet_linked', walletId: wallet.id })
    expect(entry?.newState).toMatchObject({ spendLimitPerTx: 100, spendLimitDaily: 1000 })
  })
})

describe('agents.listWallets', () => {
  test('default', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const link = await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('GET', `/api/agents/${agent.id}/wallets`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      wallets: [link],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('behavior: spent counters are this link’s spend plus live reservations per UTC window', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const otherAgent = await createAgent(h)
    const otherWallet = insertWallet(h)
    await linkWallet(h, agent.id, wallet.id)
    await linkWallet(h, agent.id, otherWallet.id)
    insertSpend(h, agent.id, wallet.id, '2026-04-08T09:00:00Z', 10_500_000) // today (Wed)
    insertSpend(h, agent.id, wallet.id, '2026-04-06T09:00:00Z', 20_000_000) // Monday
    insertSpend(h, agent.id, wallet.id, '2026-04-02T09:00:00Z', 25_000_000) // this month
    insertSpend(h, agent.id, wallet.id, '2026-03-31T09:00:00Z', 99_000_000) // last month
    insertSpend(h, otherAgent.id, wallet.id, '2026-04-08T09:00:00Z', 7_000_000) // other agent
    insertSpend(h, agent.id, otherWallet.id, '2026-04-08T09:00:00Z', 3_000_000) // other wallet
    insertReservation(h, agent.id, wallet.id, 4_500_000)
    const response = await h.call('GET', `/api/agents/${agent.id}/wallets`)
    const [first, second] = response.body.wallets
    expect(first).toMatchObject({
      walletId: wallet.id,
      spentToday: 15,
      spentThisWeek: 35,
      spentThisMonth: 60,
    })
    expect(second).toMatchObject({
      walletId: otherWallet.id,
      spentToday: 3,
      spentThisWeek: 3,
      spentThisMonth: 3,
    })
  })

  test('args: limit and offset', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const wallets = [insertWallet(h), insertWallet(h), insertWallet(h)]
    for (const wallet of wallets) await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('GET', `/api/agents/${agent.id}/wallets?limit=1&offset=1`)
    expect(response.body.wallets.map((link: { walletId: string }) => link.walletId)).toEqual([
      wallets[1]?.id,
    ])
    expect(response.body.pagination).toEqual({ total: 3, limit: 1, offset: 1, hasMore: true })
  })

  test('error: VALIDATION_ERROR for limit=0; a limit above 100 is capped at 100', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/wallets?limit=0`)
    expect(response.status).toBe(400)
    expect(response.body.issues[0].path).toEqual(['limit'])
    const capped = await h.call('GET', `/api/agents/${agent.id}/wallets?limit=101`)
    expect(capped.status).toBe(200)
    expect(capped.body.pagination.limit).toBe(100)
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of [MISSING, theirs.id]) {
      const response = await h.call('GET', `/api/agents/${id}/wallets`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('behavior: a READ_ONLY key may list', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/wallets`, { key: readOnlyKey(h) })
    expect(response.status).toBe(200)
  })
})

describe('agents.updateWalletLink', () => {
  test('default', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    const link = await linkWallet(h, agent.id, wallet.id)
    h.clock.freeze(h.clock.now() + 60_000)
    const response = await h.call('PATCH', `/api/agents/${agent.id}/wallets/${wallet.id}`, {
      body: { spendLimitPerTx: 50, spendLimitWeekly: 2500, allowedDays: ['Mon', 'Sat'] },
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      ...link,
      spendLimitPerTx: 50,
      spendLimitWeekly: 2500,
      allowedDays: ['Mon', 'Sat'],
      updatedAt: '2026-04-08T12:01:00.000Z',
    })
  })

  test('args: null clears a limit; omitted fields stay', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id, { timezone: 'Europe/Paris' })
    const response = await h.call('PATCH', `/api/agents/${agent.id}/wallets/${wallet.id}`, {
      body: { spendLimitDaily: null, delegationType: 'VIEW_ONLY' },
    })
    expect(response.body).toMatchObject({
      spendLimitPerTx: 100,
      spendLimitDaily: null,
      delegationType: 'VIEW_ONLY',
      timezone: 'Europe/Paris',
    })
  })

  test('error: VALIDATION_ERROR when the window would be empty against stored hours', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id, { allowedHoursStart: 9, allowedHoursEnd: 17 })
    const response = await h.call('PATCH', `/api/agents/${agent.id}/wallets/${wallet.id}`, {
      body: { allowedHoursStart: 17 },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
    expect(response.body.issues[0].path).toEqual(['allowedHoursEnd'])
  })

  test.each([
    [{ spendLimitPerTx: -5 }, 'INVALID_AMOUNT'],
    [{ spendLimitMonthly: 'lots' }, 'INVALID_AMOUNT'],
    [{ allowedHoursEnd: 25 }, 'VALIDATION_ERROR'],
    [{ timezone: 'Nowhere' }, 'VALIDATION_ERROR'],
  ])('error: %j → %s', async (body, code) => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('PATCH', `/api/agents/${agent.id}/wallets/${wallet.id}`, { body })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe(code)
  })

  test('error: NOT_FOUND when the wallet is not linked, or the agent is unknown or foreign', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const { agent, wallet } = await setUp(h)
    const theirs = await createAgent(h, {}, other.key)
    for (const path of [
      `/api/agents/${agent.id}/wallets/${wallet.id}`,
      `/api/agents/${MISSING}/wallets/${wallet.id}`,
      `/api/agents/${theirs.id}/wallets/${wallet.id}`,
    ]) {
      const response = await h.call('PATCH', path, { body: { spendLimitPerTx: 1 } })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('NOT_FOUND')
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('PATCH', `/api/agents/${agent.id}/wallets/${wallet.id}`, {
      key: readOnlyKey(h),
      body: { spendLimitPerTx: 1 },
    })
    expect(response.status).toBe(403)
  })

  test('behavior: records an UPDATE audit entry with before and after', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    await h.call('PATCH', `/api/agents/${agent.id}/wallets/${wallet.id}`, {
      body: { spendLimitPerTx: 5 },
    })
    const entry = lastAudit(h)
    expect(entry).toMatchObject({ action: 'UPDATE', resource: 'agent', resourceId: agent.id })
    expect(entry?.previousState).toMatchObject({ spendLimitPerTx: 100 })
    expect(entry?.newState).toMatchObject({ spendLimitPerTx: 5 })
  })
})

describe('agents.unlinkWallet', () => {
  test('default', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('DELETE', `/api/agents/${agent.id}/wallets/${wallet.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ success: true })
    const list = await h.call('GET', `/api/agents/${agent.id}/wallets`)
    expect(list.body.wallets).toEqual([])
    // The wallet itself stays.
    await linkWallet(h, agent.id, wallet.id)
  })

  test('error: NOT_FOUND when not linked, or for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const { agent, wallet } = await setUp(h)
    const theirs = await createAgent(h, {}, other.key)
    for (const path of [
      `/api/agents/${agent.id}/wallets/${wallet.id}`,
      `/api/agents/${MISSING}/wallets/${wallet.id}`,
      `/api/agents/${theirs.id}/wallets/${wallet.id}`,
    ]) {
      const response = await h.call('DELETE', path)
      expect(response.status).toBe(404)
    }
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    const response = await h.call('DELETE', `/api/agents/${agent.id}/wallets/${wallet.id}`, {
      key: readOnlyKey(h),
    })
    expect(response.status).toBe(403)
  })

  test('behavior: records a PERMISSION_REVOKED audit entry', async () => {
    const h = createHarness()
    const { agent, wallet } = await setUp(h)
    await linkWallet(h, agent.id, wallet.id)
    await h.call('DELETE', `/api/agents/${agent.id}/wallets/${wallet.id}`)
    expect(lastAudit(h)).toMatchObject({
      action: 'PERMISSION_REVOKED',
      resource: 'agent',
      resourceId: agent.id,
    })
  })
})

describe('agents.updateRelationship', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const counterparty = insertCounterparty(h)
    const response = await h.call(
      'PATCH',
      `/api/agents/${agent.id}/relationships/${counterparty.id}`,
      { body: { spendLimitPerTx: 50, spendLimitDaily: 200.25 } },
    )
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      id: expect.any(String),
      agentId: agent.id,
      counterpartyId: counterparty.id,
      spendLimitPerTx: 50,
      spendLimitDaily: 200.25,
      spendLimitMonthly: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
  })

  test('behavior: a second PATCH updates the same relationship; null clears', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const counterparty = insertCounterparty(h)
    const path = `/api/agents/${agent.id}/relationships/${counterparty.id}`
    const first = await h.call('PATCH', path, { body: { spendLimitPerTx: 50 } })
    h.clock.freeze(h.clock.now() + 1000)
    const second = await h.call('PATCH', path, {
      body: { spendLimitPerTx: null, spendLimitMonthly: 0 },
    })
    expect(second.body).toMatchObject({
      id: first.body.id,
      spendLimitPerTx: null,
      spendLimitMonthly: 0,
      createdAt: NOW,
      updatedAt: '2026-04-08T12:00:01.000Z',
    })
  })

  test('error: NOT_FOUND for an unknown or foreign counterparty', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const agent = await createAgent(h)
    const theirs = insertCounterparty(h, other.organization.id)
    for (const id of [MISSING, theirs.id]) {
      const response = await h.call('PATCH', `/api/agents/${agent.id}/relationships/${id}`, {
        body: { spendLimitPerTx: 1 },
      })
      expect(response.status).toBe(404)
      expect(response.body.error).toContain('Counterparty')
    }
  })

  test('error: NOT_FOUND for an unknown or foreign agent', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    const counterparty = insertCounterparty(h)
    for (const id of [MISSING, theirs.id]) {
      const response = await h.call('PATCH', `/api/agents/${id}/relationships/${counterparty.id}`, {
        body: {},
      })
      expect(response.status).toBe(404)
    }
  })

  test('error: INVALID_AMOUNT for a negative limit', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const counterparty = insertCounterparty(h)
    const response = await h.call(
      'PATCH',
      `/api/agents/${agent.id}/relationships/${counterparty.id}`,
      { body: { spendLimitDaily: -1 } },
    )
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('INVALID_AMOUNT')
    expect(response.body.issues[0].path).toEqual(['spendLimitDaily'])
  })

  test('error: INSUFFICIENT_SCOPE with a READ_ONLY org key', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const counterparty = insertCounterparty(h)
    const response = await h.call(
      'PATCH',
      `/api/agents/${agent.id}/relationships/${counterparty.id}`,
      { key: readOnlyKey(h), body: { spendLimitDaily: 1 } },
    )
    expect(response.status).toBe(403)
  })

  test('behavior: records CREATE then UPDATE on the relationship', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const counterparty = insertCounterparty(h)
    const path = `/api/agents/${agent.id}/relationships/${counterparty.id}`
    const created = await h.call('PATCH', path, { body: { spendLimitPerTx: 1 } })
    expect(lastAudit(h)).toMatchObject({
      action: 'CREATE',
      resource: 'relationship',
      resourceId: created.body.id,
    })
    await h.call('PATCH', path, { body: { spendLimitPerTx: 2 } })
    expect(lastAudit(h)).toMatchObject({ action: 'UPDATE', resource: 'relationship' })
  })
})

describe('agents.listRelationships', () => {
  test('default', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const empty = await h.call('GET', `/api/agents/${agent.id}/relationships`)
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual({
      relationships: [],
      pagination: { total: 0, limit: 50, offset: 0, hasMore: false },
    })
    const counterparty = insertCounterparty(h)
    const created = await h.call(
      'PATCH',
      `/api/agents/${agent.id}/relationships/${counterparty.id}`,
      { body: { spendLimitMonthly: 500 } },
    )
    const response = await h.call('GET', `/api/agents/${agent.id}/relationships`)
    expect(response.body).toEqual({
      relationships: [created.body],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    })
  })

  test('error: NOT_FOUND for unknown and foreign agents', async () => {
    const h = createHarness()
    const other = h.createOtherOrganization()
    const theirs = await createAgent(h, {}, other.key)
    for (const id of [MISSING, theirs.id]) {
      expect((await h.call('GET', `/api/agents/${id}/relationships`)).status).toBe(404)
    }
  })

  test('error: VALIDATION_ERROR for offset=-1', async () => {
    const h = createHarness()
    const agent = await createAgent(h)
    const response = await h.call('GET', `/api/agents/${agent.id}/relationships?offset=-1`)
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('VALIDATION_ERROR')
  })
})
