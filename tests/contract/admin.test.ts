import {
  AuthenticationError,
  ConflictError,
  ContoAdmin,
  ContoApiError,
  ContoError,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '@conto/admin'
import { describe, expect, test } from 'vitest'
import {
  address,
  failureOf,
  OTHER_ADDRESS,
  startAdminServer,
  UNKNOWN_ID,
} from './admin-fixtures.js'

/**
 * `ContoAdmin` against the real reference server: the constructor, the organization, and
 * `admin.agents` (agents, freeze, wallet links, relationships, policy assignment, SDK keys).
 * More resources are in `admin-*.test.ts`.
 */

describe('ContoAdmin', () => {
  test('default', async () => {
    const { admin, credentials } = startAdminServer()
    const organization = await admin.organization.retrieve()
    expect(organization).toMatchObject({ id: credentials.organizationId, mode: 'test' })
  })

  test('error: AUTH_FAILED for an agent SDK key, before any request', () => {
    const { baseUrl, credentials, fetch } = startAdminServer()
    let requests = 0
    const counting: typeof fetch = (input, init) => {
      requests++
      return fetch(input, init)
    }
    const error = (() => {
      try {
        new ContoAdmin({ orgApiKey: credentials.agentSdkKey, baseUrl, fetch: counting })
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(ContoError)
    expect(error).toMatchObject({ code: 'AUTH_FAILED' })
    expect((error as Error).message).toContain('use `Conto` from @conto/sdk')
    expect((error as Error).message).not.toContain(credentials.agentSdkKey)
    expect(requests).toBe(0)
  })

  test('error: AUTH_FAILED for an unknown org key', async () => {
    const { connect } = startAdminServer()
    const admin = connect(`conto_${'0'.repeat(64)}`)
    const error = await failureOf(admin.organization.retrieve())
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ status: 401, code: 'AUTH_FAILED' })
    expect((error as ContoApiError).requestId).toEqual(expect.any(String))
  })

  test('behavior: .withResponse() gives the request id and the raw response', async () => {
    const { admin } = startAdminServer()
    const { data, requestId, response } = await admin.organization.retrieve().withResponse()
    expect(data.mode).toBe('test')
    expect(requestId).toEqual(expect.any(String))
    expect(response.status).toBe(200)
  })
})

describe('agents.list', () => {
  test('default', async () => {
    const { admin, credentials } = startAdminServer()
    const page = await admin.agents.list()
    expect(page.items.map((agent) => agent.id)).toContain(credentials.agentId)
    expect(page.pagination).toMatchObject({ offset: 0, hasMore: false })
    expect(page.response.total).toBe(page.items.length)
  })

  test('behavior: for await walks every page; toArray stops at its cap', async () => {
    const { admin } = startAdminServer()
    await admin.agents.bulkImport({
      agents: ['A', 'B', 'C', 'D'].map((name, index) => ({
        name: `Bulk ${name}`,
        publicKey: address(index + 1),
      })),
    })
    const names: string[] = []
    for await (const agent of admin.agents.list({ limit: 2 })) names.push(agent.name)
    expect(names).toHaveLength(5)
    expect(new Set(names).size).toBe(5)
    expect(await admin.agents.list({ limit: 2 }).toArray({ limit: 3 })).toHaveLength(3)
    const searched = await admin.agents.list({ search: 'Bulk', status: 'ACTIVE' })
    expect(searched.items).toHaveLength(4)
  })

  test('error: VALIDATION_ERROR for an out-of-range limit; above 100 is capped', async () => {
    const { admin } = startAdminServer()
    const capped = await admin.agents.list({ limit: 1000 })
    expect(capped.pagination.limit).toBe(100)
    const error = await failureOf(admin.agents.list({ limit: 0 }))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' })
    expect((error as Error).message).toContain('limit')
  })

  test('error: INSUFFICIENT_SCOPE for a key without agents:read', async () => {
    const { admin, connect } = startAdminServer()
    const { key } = await admin.apiKeys.create({ name: 'Team only', scopes: ['team:read'] })
    const error = await failureOf(connect(key).agents.list())
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect(error).toMatchObject({ status: 403, code: 'INSUFFICIENT_SCOPE' })
  })
})

describe('agents.create', () => {
  test('default', async () => {
    const { admin } = startAdminServer()
    const agent = await admin.agents.create({
      name: 'Research agent',
      agentType: 'ANTHROPIC_CLAUDE',
      description: 'Buys datasets',
    })
    expect(agent).toMatchObject({ name: 'Research agent', status: 'ACTIVE' })
    expect(agent.publicKey).toMatch(/^0x[0-9a-fA-F]{40}$/)
  })

  test('error: CONFLICT for a name already in use', async () => {
    const { admin } = startAdminServer()
    await admin.agents.create({ name: 'Twin', agentType: 'CUSTOM' })
    const error = await failureOf(admin.agents.create({ name: 'Twin', agentType: 'CUSTOM' }))
    expect(error).toBeInstanceOf(ConflictError)
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT' })
  })

  test('error: VALIDATION_ERROR lists every issue', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(
      admin.agents.create({ name: '', agentType: 'ROBOT' } as unknown as Parameters<
        typeof admin.agents.create
      >[0]),
    )
    expect(error).toBeInstanceOf(ValidationError)
    const issues = (error as ValidationError).issues.map((issue) => issue.path.join('.'))
    expect(issues).toEqual(expect.arrayContaining(['name', 'agentType']))
  })
})

describe('agents.bulkImport', () => {
  test('default', async () => {
    const { admin } = startAdminServer()
    const result = await admin.agents.bulkImport({
      agents: [
        { name: 'Bulk one', publicKey: address(1) },
        { name: 'Bulk two', publicKey: address(2), agentType: 'LANGCHAIN' },
      ],
    })
    expect(result.created.map((agent) => agent.name)).toEqual(['Bulk one', 'Bulk two'])
    expect(result.summary).toMatchObject({ created: 2 })
  })

  test('error: VALIDATION_ERROR for an empty list', async () => {
    const { admin } = startAdminServer()
    await expect(admin.agents.bulkImport({ agents: [] })).rejects.toBeInstanceOf(ValidationError)
  })
})

describe('agents.retrieve', () => {
  test('default', async () => {
    const { admin, credentials } = startAdminServer()
    const agent = await admin.agents.retrieve(credentials.agentId)
    expect(agent.id).toBe(credentials.agentId)
    expect(agent.wallets.map((link) => link.walletId)).toEqual(
      expect.arrayContaining([credentials.managedWalletId, credentials.externalWalletId]),
    )
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    const error = await failureOf(admin.agents.retrieve(UNKNOWN_ID))
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' })
  })
})

describe('agents.update', () => {
  test('default', async () => {
    const { admin, credentials } = startAdminServer()
    const agent = await admin.agents.update(credentials.agentId, {
      description: 'Pays for APIs',
      status: 'PAUSED',
    })
    expect(agent).toMatchObject({ description: 'Pays for APIs', status: 'PAUSED' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.agents.update(UNKNOWN_ID, { description: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })
})

describe('agents.delete', () => {
  test('default', async () => {
    const { admin } = startAdminServer()
    const agent = await admin.agents.create({ name: 'Short-lived', agentType: 'CUSTOM' })
    await expect(admin.agents.delete(agent.id)).resolves.toMatchObject({ success: true })
    await expect(admin.agents.retrieve(agent.id)).rejects.toBeInstanceOf(NotFoundError)
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.agents.delete(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('agents.freeze / agents.unfreeze', () => {
  test('default', async () => {
    const { admin, credentials } = startAdminServer()
    const frozen = await admin.agents.freeze(credentials.agentId, { reason: 'Investigating' })
    expect(frozen.agent.status).toBe('SUSPENDED')
    expect(frozen.frozenWalletIds).toEqual(
      expect.arrayContaining([credentials.managedWalletId, credentials.externalWalletId]),
    )
    expect((await admin.wallets.retrieve(credentials.managedWalletId)).status).toBe('FROZEN')

    const unfrozen = await admin.agents.unfreeze(credentials.agentId)
    expect(unfrozen.agent.status).toBe('ACTIVE')
    expect(unfrozen.unfrozenWalletIds).toContain(credentials.managedWalletId)
  })

  test('error: INVALID_STATUS for a revoked agent', async () => {
    const { admin, credentials } = startAdminServer()
    await admin.agents.update(credentials.agentId, { status: 'REVOKED' })
    await expect(admin.agents.unfreeze(credentials.agentId)).rejects.toMatchObject({
      code: 'INVALID_STATUS',
    })
    const error = await failureOf(admin.agents.freeze(credentials.agentId))
    expect(error).toBeInstanceOf(ContoApiError)
    expect(error).toMatchObject({ status: 400, code: 'INVALID_STATUS' })
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.agents.freeze(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('agents.retrieveFreezeConfig / agents.updateFreezeConfig', () => {
  test('default', async () => {
    const { admin, credentials } = startAdminServer()
    const before = await admin.agents.retrieveFreezeConfig(credentials.agentId)
    expect(before.agentId).toBe(credentials.agentId)
    expect(before.freezeConfig.maxConsecutiveViolations).toEqual(expect.any(Number))

    const after = await admin.agents.updateFreezeConfig(credentials.agentId, {
      maxConsecutiveViolations: 7,
    })
    expect(after.freezeConfig.maxConsecutiveViolations).toBe(7)
    expect(
      (await admin.agents.retrieveFreezeConfig(credentials.agentId)).freezeConfig
        .maxConsecutiveViolations,
    ).toBe(7)
  })

  test('error: VALIDATION_ERROR for a threshold out of range', async () => {
    const { admin, credentials } = startAdminServer()
    await expect(
      admin.agents.updateFreezeConfig(credentials.agentId, { maxConsecutiveViolations: -1 }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  test('error: NOT_FOUND', async () => {
    const { admin } = startAdminServer()
    await expect(admin.agents.retrieveFreezeConfig(UNKNOWN_ID)).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })
})

describe('agents wallet links', () => {
  test('default: listWallets, linkWallet, updateWalletLink, unlinkWallet', async () => {
    const { admin, credentials } = startAdminServer()
    const seeded = await admin.agents.listWallets(credentials.agentId)
    expect(seeded.items.map((link) => link.walletId).sort()).toEqual(
      [credentials.managedWalletId, credentials.externalWalletId].sort(),
    )

    const wallet = await admin.wallets.create({
      name: 'Travel',
      custodyType: 'EXTERNAL',
      address: OTHER_ADDRESS,
    })
    const link = await admin.agents.linkWallet(credentials.agentId, {
      walletId: wallet.id,
      spendLimitPerTx: 25,
      spendLimitDaily: 100,
    })
    expect(link).toMatchObject({ walletId: wallet.id, spendLimitPerTx: 25, spendLimitDaily: 100 })

    const updated = await admin.agents.updateWalletLink(credentials.agentId, wallet.id, {
      spendLimitDaily: 250,
    })
    expect(updated.spendLimitDaily).toBe(250)

    await expect(admin.agents.unlinkWallet(credentials.agentId, wallet.id)).resolves.toMatchObject({
      success: true,
    })
    expect((await admin.agents.listWallets(credentials.agentId)).items).toHaveLength(2)
  })

  test('error: CONFLICT for a wallet already linked', async () => {
    const { admin, credentials } = startAdminServer()
    const error = await failureOf(
      admin.agents.linkWallet(credentials.agentId, { walletId: credentials.managedWalletId }),
    )
    expect(error).toBeInstanceOf(ConflictError)
  })

  test('error: INVALID_AMOUNT for a negative limit', async () => {
    const { admin, credentials } = startAdminServer()
    const error = await failureOf(
      admin.agents.updateWalletLink(credentials.agentId, credentials.managedWalletId, {
        spendLimitDaily: -5,
      }),
    )
    expect(error).toBeInstanceOf(ContoApiError)
    expect((error as ContoApiError).status).toBe(400)
  })

  test('error: NOT_FOUND for an unknown link', async () => {
    const { admin, credentials } = startAdminServer()
    await expect(admin.agents.unlinkWallet(credentials.agentId, UNKNOWN_ID)).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(admin.agents.listWallets(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('agents relationships', () => {
  test('default: updateRelationship, listRelationships', async () => {
    const { admin, credentials } = startAdminServer()
    const vendor = await admin.counterparties.create({ name: 'Vendor', address: OTHER_ADDRESS })
    expect((await admin.agents.listRelationships(credentials.agentId)).items).toEqual([])

    const relationship = await admin.agents.updateRelationship(credentials.agentId, vendor.id, {
      spendLimitDaily: 40,
    })
    expect(relationship).toMatchObject({ counterpartyId: vendor.id, spendLimitDaily: 40 })
    const page = await admin.agents.listRelationships(credentials.agentId)
    expect(page.items.map((item) => item.counterpartyId)).toEqual([vendor.id])
  })

  test('error: NOT_FOUND for an unknown counterparty', async () => {
    const { admin, credentials } = startAdminServer()
    await expect(
      admin.agents.updateRelationship(credentials.agentId, UNKNOWN_ID, { spendLimitDaily: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('agents policy assignment', () => {
  test('default: assignPolicy, listPolicies, unassignPolicy', async () => {
    const { admin, credentials } = startAdminServer()
    const policy = await admin.policies.create({ name: 'Caps', policyType: 'SPEND_LIMIT' })
    const assignment = await admin.agents.assignPolicy(credentials.agentId, policy.id)
    expect(assignment).toMatchObject({ agentId: credentials.agentId, policyId: policy.id })

    const page = await admin.agents.listPolicies(credentials.agentId)
    expect(page.items.map((item) => item.policyId)).toContain(policy.id)

    await expect(
      admin.agents.unassignPolicy(credentials.agentId, policy.id),
    ).resolves.toMatchObject({ success: true })
    expect((await admin.agents.listPolicies(credentials.agentId)).items).toEqual([])
  })

  test('error: CONFLICT for a policy already assigned', async () => {
    const { admin, credentials } = startAdminServer()
    const policy = await admin.policies.create({ name: 'Caps', policyType: 'SPEND_LIMIT' })
    await admin.agents.assignPolicy(credentials.agentId, policy.id)
    await expect(admin.agents.assignPolicy(credentials.agentId, policy.id)).rejects.toBeInstanceOf(
      ConflictError,
    )
  })

  test('error: NOT_FOUND for an unknown policy', async () => {
    const { admin, credentials } = startAdminServer()
    await expect(admin.agents.assignPolicy(credentials.agentId, UNKNOWN_ID)).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(
      admin.agents.unassignPolicy(credentials.agentId, UNKNOWN_ID),
    ).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('agents SDK keys', () => {
  test('default: createSdkKey, listSdkKeys, revokeSdkKey', async () => {
    const { admin, agentCall, credentials } = startAdminServer()
    const created = await admin.agents.createSdkKey(credentials.agentId, {
      name: 'Production',
      expiresInDays: 30,
    })
    expect(created.key).toMatch(/^conto_agent_[0-9a-f]{64}$/)
    const profile = await agentCall<{ id: string }>('GET', '/api/sdk/agent', undefined, created.key)
    expect(profile.id).toBe(credentials.agentId)

    const keys = await admin.agents.listSdkKeys(credentials.agentId).toArray({ limit: 10 })
    expect(keys.map((key) => key.id)).toContain(created.id)
    expect(JSON.stringify(keys)).not.toContain(created.key)

    const revoked = await admin.agents.revokeSdkKey(credentials.agentId, created.id)
    expect(revoked).toMatchObject({ success: true, id: created.id })
    await expect(agentCall('GET', '/api/sdk/agent', undefined, created.key)).rejects.toThrow(/401/)
  })

  test('error: VALIDATION_ERROR for a lifetime over two years', async () => {
    const { admin, credentials } = startAdminServer()
    await expect(
      admin.agents.createSdkKey(credentials.agentId, { name: 'Forever', expiresInDays: 10_000 }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  test('error: NOT_FOUND for an unknown key', async () => {
    const { admin, credentials } = startAdminServer()
    await expect(admin.agents.revokeSdkKey(credentials.agentId, UNKNOWN_ID)).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(admin.agents.listSdkKeys(UNKNOWN_ID)).rejects.toBeInstanceOf(NotFoundError)
  })
})
