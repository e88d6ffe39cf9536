import {
  ConflictError,
  ContoAdmin,
  ContoApiError,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '@conto/admin'
import { createApp, openDatabase } from '@conto/server'
import { describe, expect, test } from 'vitest'
import { START } from '../support/server.js'
import {
  address,
  failureOf,
  OTHER_ADDRESS,
  RECIPIENT,
  startAdminServer,
  UNKNOWN_ID,
} from './admin-fixtures.js'

/**
 * `ContoAdmin` against the real reference server: wallets, policies and rules, counterparties,
 * API keys, members, the sandbox, the meta routes and the test clock.
 */

describe('wallets', () => {
  test('default: create, list, retrieve, update', async () => {
    const { admin, credentials } = startAdminServer()
    const wallet = await admin.wallets.create({ name: 'Ops', custodyType: 'PRIVY' })
    expect(wallet).toMatchObject({ name: 'Ops', custodyType: 'PRIVY', created: true })
    expect(wallet.address).toMatch(/^0x[0-9a-fA-F]{40}$/)

    const again = await admin.wallets.create({
      name: 'Seeded again',
      custodyType: 'EXTERNAL',
      address: credentials.externalWalletAddress,
    })
    expect(again).toMatchObject({ id: credentials.externalWalletId, created: false })

    const ids = (await admin.wallets.list().toArray({ limit: 10 })).map((item) => item.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        wallet.id,
        credentials.managedWalletId,
        credentials.externalWalletId,
      ]),
    )
    const external = await admin.wallets.list({ custodyType: 'EXTERNAL' })
    expect(external.items.map((item) => item.id)).toEqual([credentials.externalWalletId])

    expect((await admin.wallets.retrieve(wallet.id)).name).toBe('Ops')
    const renamed = await admin.wallets.update(wallet.id, { name: 'Operations', status: 'FROZEN' })
    expect(renamed).toMatchObject({ name: 'Operations', status: 'FROZEN' })
  })

  test('default: fund, archive, delete', async () => {
    const { admin, credentials } = startAdminServer()
    const before = await admin.wallets.retrieve(credentials.managedWalletId)
    const funded = await admin.wallets.fund(credentials.managedWalletId, { amount: 250 })
    expect(funded.balance).toBe(before.balance + 250)

    const spare = await admin.wallets.create({ name: 'Spare', custodyType: 'PRIVY' })
    expect((await admin.wallets.archive(spare.id)).status).toBe('ARCHIVED')
    await expect(admin.wallets.fund(spare.id, { amount: 1 })).rejects.toMatchObject({
      code: 'INVALID_STATUS',
    })
    await expect(admin.wallets.delete(spare.id)).resolves.toMatchObject({ success: true })
    await expect(admin.wallets.retrieve(spare.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('default: provision', async () => {
    const { admin, credentials } = startAdminServer()
    const managed = await admin.wallets.provision(credentials.managedWalletId)
    expect(managed.id).toBe(credentials.managedWalletId)
    expect(managed.address).toMatch(/^0x/)
  })

  test('error: EXTERNAL_WALLET when provisioning an external wallet', async () => {
    const { admin, credentials } = startAdminServer()
    const error = await failureOf(admin.wallets.provision(credentials.externalWalletId))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'EXTERNAL_WALLET' })
  })

  test('error: CONFLICT when deleting a wallet with payment history', async () => {
    const { admin, credentials, pay } = startAdminServer()
    await pay(5)
    const error = await failureOf(admin.wallets.delete(credentials.managedWalletId))
    expect(error).toBeInstanceOf(ConflictError)
  })

  test('error: VALIDATION_ERROR for an invalid address', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(
      admin.wallets.create({ name: 'Bad', custodyType: 'EXTERNAL', address: '0x123' }),
    )
    expect(error).toBeInstanceOf(ContoApiError)
    expect((error as ContoApiError).status).toBe(400)
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.wallets.retrieve(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    await expect(admin.wallets.archive(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('error: NOT_FOUND for fund on a live server', async () => {
    const app = createApp({ database: openDatabase(':memory:'), mode: 'live' })
    const live = new ContoAdmin({
      orgApiKey: `conto_${'1'.repeat(64)}`,
      baseUrl: 'http://conto.live',
      fetch: (input, init) => app.fetch(new Request(input, init)),
      maxRetries: 0,
    })
    await expect(live.wallets.fund(UNKNOWN_ID, { amount: 1 })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('policies', () => {
  const maxAmount = { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 200 } as const

  test('default: create, list, retrieve, update, delete', async () => {
    const { admin, credentials } = startAdminServer()
    const policy = await admin.policies.create({
      name: 'Spend limits',
      policyType: 'SPEND_LIMIT',
      rules: [maxAmount],
      agentIds: [credentials.agentId],
    })
    expect(policy.rules).toHaveLength(1)
    expect(policy.agentPolicies.map((assignment) => assignment.agent.id)).toEqual([
      credentials.agentId,
    ])

    const listed = await admin.policies.list({ agentId: credentials.agentId })
    expect(listed.items.map((item) => item.id)).toContain(policy.id)
    expect((await admin.policies.retrieve(policy.id)).name).toBe('Spend limits')

    const updated = await admin.policies.update(policy.id, { isActive: false, priority: 10 })
    expect(updated).toMatchObject({ isActive: false, priority: 10 })
    await expect(admin.policies.delete(policy.id)).resolves.toMatchObject({ success: true })
    await expect(admin.policies.retrieve(policy.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('default: listRules, addRules, setRules, deleteRule', async () => {
    const { admin } = startAdminServer()
    const policy = await admin.policies.create({ name: 'Rules', policyType: 'SPEND_LIMIT' })
    expect((await admin.policies.listRules(policy.id)).items).toEqual([])

    const added = await admin.policies.addRules(policy.id, maxAmount)
    expect(added.rules.map((rule) => rule.ruleType)).toEqual(['MAX_AMOUNT'])
    await admin.policies.addRules(policy.id, {
      rules: [{ ruleType: 'DAILY_LIMIT', operator: 'LTE', value: 1000 }],
    })
    const rules = await admin.policies.listRules(policy.id)
    expect(rules.items.map((rule) => rule.ruleType)).toEqual(['MAX_AMOUNT', 'DAILY_LIMIT'])

    const [first] = rules.items
    await expect(admin.policies.deleteRule(policy.id, first?.id ?? '')).resolves.toMatchObject({
      success: true,
    })
    const set = await admin.policies.setRules(policy.id, {
      rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 50 }],
    })
    expect(set.rules.map((rule) => rule.ruleType)).toEqual(['MAX_AMOUNT'])
    expect((await admin.policies.setRules(policy.id, { rules: [] })).rules).toEqual([])
  })

  test('error: VALIDATION_ERROR for a rule value that does not fit its type', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(
      admin.policies.create({
        name: 'Broken',
        policyType: 'SPEND_LIMIT',
        rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 'lots' }],
      }),
    )
    expect(error).toBeInstanceOf(ContoApiError)
    expect((error as ContoApiError).status).toBe(400)
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.policies.listRules(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
    const policy = await admin.policies.create({ name: 'P', policyType: 'SPEND_LIMIT' })
    await expect(admin.policies.deleteRule(policy.id, UNKNOWN_ID)).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  test('error: INSUFFICIENT_SCOPE for a read-only key', async () => {
    const { admin, connect } = startAdminServer()
    const { key } = await admin.apiKeys.create({ name: 'Reader', scopePreset: 'READ_ONLY' })
    const reader = connect(key)
    await expect(reader.policies.list()).resolves.toBeDefined()
    const error = await failureOf(
      reader.policies.create({ name: 'Nope', policyType: 'SPEND_LIMIT' }),
    )
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect(error).toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
  })
})

describe('counterparties', () => {
  test('default: create, list, retrieve, update, delete', async () => {
    const { admin } = startAdminServer()
    const vendor = await admin.counterparties.create({
      name: 'Data vendor',
      address: RECIPIENT,
      category: 'DATA',
    })
    expect(vendor).toMatchObject({ name: 'Data vendor', chainType: 'EVM' })

    const page = await admin.counterparties.list({ search: 'Data' })
    expect(page.items.map((item) => item.id)).toEqual([vendor.id])
    expect((await admin.counterparties.retrieve(vendor.id)).transactionCount).toBe(0)

    const updated = await admin.counterparties.update(vendor.id, { status: 'BLOCKED' })
    expect(updated.status).toBe('BLOCKED')
    await expect(admin.counterparties.delete(vendor.id)).resolves.toMatchObject({ success: true })
    await expect(admin.counterparties.retrieve(vendor.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('error: CONFLICT for an address already registered', async () => {
    const { admin } = startAdminServer()
    await admin.counterparties.create({ name: 'First', address: OTHER_ADDRESS })
    await expect(
      admin.counterparties.create({ name: 'Second', address: OTHER_ADDRESS }),
    ).rejects.toBeInstanceOf(ConflictError)
  })

  test('error: INVALID_ADDRESS', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(admin.counterparties.create({ name: 'Bad', address: 'nope' }))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_ADDRESS' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.counterparties.update(UNKNOWN_ID, { notes: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(admin.counterparties.delete(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('apiKeys', () => {
  test('default: create, list, revoke', async () => {
    const { admin, connect } = startAdminServer()
    const created = await admin.apiKeys.create({ name: 'CI', scopePreset: 'READ_ONLY' })
    expect(created.key).toMatch(/^conto_[0-9a-f]{64}$/)
    const ci = connect(created.key)
    await expect(ci.organization.retrieve()).resolves.toMatchObject({ mode: 'test' })

    const keys = await admin.apiKeys.list()
    expect(keys.items.map((key) => key.id)).toContain(created.id)
    expect(JSON.stringify(keys.response)).not.toContain(created.key)

    await expect(admin.apiKeys.revoke(created.id)).resolves.toMatchObject({ id: created.id })
    await expect(ci.organization.retrieve()).rejects.toMatchObject({
      status: 401,
      code: 'AUTH_FAILED',
    })
    const withRevoked = await admin.apiKeys.list({ includeRevoked: true })
    expect(withRevoked.items.find((key) => key.id === created.id)?.revokedAt).toEqual(
      expect.any(String),
    )
  })

  test('error: FORBIDDEN or INSUFFICIENT_SCOPE when a limited key mints keys', async () => {
    const { admin, connect } = startAdminServer()
    const { key } = await admin.apiKeys.create({ name: 'Reader', scopePreset: 'READ_ONLY' })
    const error = await failureOf(
      connect(key).apiKeys.create({ name: 'Escalate', scopePreset: 'ADMIN' }),
    )
    expect(error).toBeInstanceOf(PermissionDeniedError)
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.apiKeys.revoke(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('members and organization', () => {
  test('default: organization.retrieve, members.list, invite, update, remove', async () => {
    const { admin, credentials } = startAdminServer()
    const organization = await admin.organization.retrieve()
    expect(organization.id).toBe(credentials.organizationId)

    const owners = await admin.members.list({ role: 'OWNER' })
    expect(owners.items).toHaveLength(1)

    const invited = await admin.members.invite({ email: 'ops@example.com', role: 'VIEWER' })
    expect(invited).toMatchObject({ email: 'ops@example.com', role: 'VIEWER' })
    expect((await admin.members.update(invited.id, { role: 'MANAGER' })).role).toBe('MANAGER')
    await expect(admin.members.remove(invited.id)).resolves.toMatchObject({ success: true })
    expect((await admin.members.list()).items.map((member) => member.id)).not.toContain(invited.id)
  })

  test('error: CONFLICT for a member invited twice', async () => {
    const { admin } = startAdminServer()
    await admin.members.invite({ email: 'twice@example.com', role: 'MEMBER' })
    await expect(
      admin.members.invite({ email: 'twice@example.com', role: 'MEMBER' }),
    ).rejects.toBeInstanceOf(ConflictError)
  })

  test('error: VALIDATION_ERROR for an invalid email', async () => {
    const { admin } = startAdminServer()
    await expect(
      admin.members.invite({ email: 'not-an-email', role: 'MEMBER' }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  test('error: FORBIDDEN when removing the owner', async () => {
    const { admin } = startAdminServer()
    const [owner] = (await admin.members.list({ role: 'OWNER' })).items
    const error = await failureOf(admin.members.remove(owner?.id ?? UNKNOWN_ID))
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect(error).toMatchObject({ code: 'FORBIDDEN' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.members.update(UNKNOWN_ID, { role: 'VIEWER' })).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })
})

describe('sandbox', () => {
  test('default: describe, create', async () => {
    const { admin, connect } = startAdminServer()
    const description = await admin.sandbox.describe()
    expect(description.path).toBe('/api/agents/sandbox')

    const sandbox = await admin.sandbox.create({ name: 'Trial agent' })
    expect(sandbox.organization.mode).toBe('test')
    expect(sandbox.agent.name).toBe('Trial agent')
    const trial = connect(sandbox.orgApiKey.key)
    await expect(trial.organization.retrieve()).resolves.toMatchObject({
      id: sandbox.organization.id,
    })
  })

  test('behavior: sandbox calls carry no Authorization header', async () => {
    const { baseUrl, credentials, fetch } = startAdminServer()
    const seen: (string | null)[] = []
    const admin = new ContoAdmin({
      orgApiKey: credentials.orgApiKey,
      baseUrl,
      fetch: (input, init) => {
        seen.push(new Request(input, init).headers.get('authorization'))
        return fetch(input, init)
      },
    })
    await admin.sandbox.describe()
    await admin.organization.retrieve()
    expect(seen).toEqual([null, `Bearer ${credentials.orgApiKey}`])
  })

  test('error: VALIDATION_ERROR', async () => {
    const { admin } = startAdminServer()
    await expect(admin.sandbox.create({ name: '' })).rejects.toBeInstanceOf(ValidationError)
  })

  test('error: INVALID_ADDRESS', async () => {
    const { admin } = startAdminServer()
    await expect(admin.sandbox.create({ publicKey: '0x1' })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_ADDRESS',
    })
  })
})

describe('meta', () => {
  test('default: health, openapi', async () => {
    const { admin } = startAdminServer()
    await expect(admin.meta.health()).resolves.toMatchObject({ status: 'ok', mode: 'test' })
    const document = await admin.meta.openapi()
    expect(document.openapi).toMatch(/^3\.1/)
    expect(Object.keys(document.paths)).toContain('/api/agents/{agentId}/policies')
  })
})

describe('testClock', () => {
  test('default: retrieve, advance, reset', async () => {
    const { admin } = startAdminServer()
    expect(await admin.testClock.retrieve()).toEqual({
      now: new Date(START).toISOString(),
      frozen: true,
    })
    const advanced = await admin.testClock.advance({ advanceSeconds: 3600 })
    expect(advanced).toEqual({ now: new Date(START + 3_600_000).toISOString(), frozen: true })
    const at = await admin.testClock.advance({ now: '2026-05-01T00:00:00.000Z' })
    expect(at.now).toBe('2026-05-01T00:00:00.000Z')
    await expect(admin.testClock.reset()).resolves.toMatchObject({ frozen: false })
  })

  test('error: VALIDATION_ERROR for both now and advanceSeconds', async () => {
    const { admin } = startAdminServer()
    await expect(
      admin.testClock.advance({ now: '2026-05-01T00:00:00.000Z', advanceSeconds: 1 }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  test('error: NOT_FOUND on a live server', async () => {
    const app = createApp({ database: openDatabase(':memory:'), mode: 'live' })
    const live = new ContoAdmin({
      orgApiKey: `conto_${address(1).slice(2)}${'0'.repeat(24)}`,
      baseUrl: 'http://conto.live',
      fetch: (input, init) => app.fetch(new Request(input, init)),
      maxRetries: 0,
    })
    await expect(live.testClock.retrieve()).rejects.toBeInstanceOf(NotFoundError)
    await expect(live.testClock.reset()).rejects.toBeInstanceOf(NotFoundError)
  })
})
