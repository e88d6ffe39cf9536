import { randomBytes } from 'node:crypto'
import { endpointList, orgKeyScopePresets, type RegisteredEndpoint } from '@conto/schemas'
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness, START } from '../../test/harness.js'
import {
  agentRelationships,
  agentWalletLinks,
  alerts,
  apiKeys,
  approvalRequests,
  approvalWorkflows,
  budgetRequests,
  cards,
  counterparties,
  members,
  notificationChannels,
  policies,
  policyRules,
  sdkKeys,
  transactions,
  wallets,
  webhooks,
} from '../db/schema.js'
import { createId } from '../ids.js'
import { issueOrgApiKey } from '../services/organizations.js'
import { handlers } from './index.js'

/**
 * Who may call what, for every authenticated endpoint of the registry. Org routes: no key,
 * a malformed header, an unknown, revoked or expired key → 401; an agent key → 403 (a standard
 * one even where admin agent keys are allowed); another organization's key on an id of this
 * organization → 404 without this organization's data; a READ_ONLY key on a write → 403.
 * SDK routes: no key → 401, an org key → 403. Authentication runs before everything else, so
 * endpoints still answering 501 give the same answers.
 */

const orgEndpoints = endpointList.filter(
  (endpoint) => endpoint.surface === 'org' && endpoint.keyKinds.length > 0,
)
const sdkEndpoints = endpointList.filter((endpoint) => endpoint.surface === 'sdk')

const readOnlyScopes: readonly string[] = orgKeyScopePresets.READ_ONLY
/** A write: the route needs a scope and the READ_ONLY preset holds none of its scopes. */
const isWrite = (endpoint: RegisteredEndpoint) =>
  endpoint.scopes.length > 0 && !endpoint.scopes.some((scope) => readOnlyScopes.includes(scope))
/** Routes open to every agent key holding their scopes (only `transactions.retry`, §2.8). */
const acceptsAnyAgent = (endpoint: RegisteredEndpoint) =>
  (endpoint.keyKinds as readonly string[]).includes('agent')
const acceptsAdminAgent = (endpoint: RegisteredEndpoint) =>
  acceptsAnyAgent(endpoint) || (endpoint.keyKinds as readonly string[]).includes('adminAgent')

const EXTERNAL_ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const COUNTERPARTY_ADDRESS = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'

/** Strings only this organization's rows contain: none may reach another organization. */
const secrets = {
  agent: 'Matrix Secret Agent',
  wallet: 'Matrix Secret Wallet',
  policy: 'Matrix Secret Policy',
  counterparty: 'Matrix Secret Vendor',
  purpose: 'matrix secret purpose',
  webhook: 'https://hooks.example.com/matrix-secret',
  card: 'Matrix Secret Card',
  workflow: 'Matrix Secret Workflow',
  channel: 'Matrix Secret Channel',
  alert: 'Matrix secret alert',
  member: 'matrix-secret@acme.test',
  apiKey: 'Matrix secret key',
}

type Fixture = ReturnType<typeof createFixture>

/** The harness organization with one row of every resource a path can name. */
function createFixture() {
  const h = createHarness()
  const { db, organization } = h
  const organizationId = organization.id
  const now = START
  const stamps = { createdAt: now, updatedAt: now }
  const agent = h.createAgentWithKey({ name: secrets.agent })
  const sdkKeyId = db
    .select({ id: sdkKeys.id })
    .from(sdkKeys)
    .where(eq(sdkKeys.agentId, agent.agentId))
    .get()?.id as string

  const walletId = createId()
  db.insert(wallets)
    .values({
      id: walletId,
      organizationId,
      name: secrets.wallet,
      address: EXTERNAL_ADDRESS,
      addressKey: EXTERNAL_ADDRESS.toLowerCase(),
      walletType: 'EOA',
      chainType: 'EVM',
      chainId: '42431',
      custodyType: 'EXTERNAL',
      balanceMicros: 5_000_000,
      currency: 'pathUSD',
      status: 'ACTIVE',
      enforcementMode: 'SDK_REQUIRED',
      ...stamps,
    })
    .run()
  db.insert(agentWalletLinks)
    .values({
      id: createId(),
      organizationId,
      agentId: agent.agentId,
      walletId,
      delegationType: 'LIMITED',
      spendLimitPerTxMicros: 100_000_000,
      spendLimitDailyMicros: 1_000_000_000,
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      timezone: 'UTC',
      ...stamps,
    })
    .run()

  const policyId = createId()
  db.insert(policies)
    .values({
      id: policyId,
      organizationId,
      name: secrets.policy,
      policyType: 'SPEND_LIMIT',
      priority: 50,
      isActive: true,
      scope: 'assigned',
      ...stamps,
    })
    .run()
  const ruleId = createId()
  db.insert(policyRules)
    .values({
      id: ruleId,
      policyId,
      position: 0,
      ruleType: 'MAX_AMOUNT',
      operator: 'LTE',
      value: '100',
      action: 'ALLOW',
      createdAt: now,
    })
    .run()

  const counterpartyId = createId()
  db.insert(counterparties)
    .values({
      id: counterpartyId,
      organizationId,
      name: secrets.counterparty,
      address: COUNTERPARTY_ADDRESS,
      addressKey: COUNTERPARTY_ADDRESS.toLowerCase(),
      type: 'VENDOR',
      status: 'UNKNOWN',
      trustScore: 0.5,
      trustLevel: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      verified: false,
      ...stamps,
    })
    .run()
  db.insert(agentRelationships)
    .values({ id: createId(), organizationId, agentId: agent.agentId, counterpartyId, ...stamps })
    .run()

  const transactionId = createId()
  db.insert(transactions)
    .values({
      id: transactionId,
      organizationId,
      agentId: agent.agentId,
      walletId,
      kind: 'standard',
      status: 'COMPLETED',
      amountMicros: 1_000_000,
      currency: 'pathUSD',
      chainId: '42431',
      fromAddress: EXTERNAL_ADDRESS,
      toAddress: COUNTERPARTY_ADDRESS,
      toKey: COUNTERPARTY_ADDRESS.toLowerCase(),
      purpose: secrets.purpose,
      createdAt: now,
    })
    .run()

  const alertId = createId()
  db.insert(alerts)
    .values({
      id: alertId,
      organizationId,
      type: 'UNUSUAL_ACTIVITY',
      severity: 'WARNING',
      status: 'ACTIVE',
      title: secrets.alert,
      message: secrets.alert,
      agentId: agent.agentId,
      createdAt: now,
    })
    .run()

  const approvalRequestId = createId()
  db.insert(approvalRequests)
    .values({
      id: approvalRequestId,
      organizationId,
      type: 'PAYMENT',
      status: 'PENDING',
      agentId: agent.agentId,
      amountMicros: 500_000_000,
      currency: 'pathUSD',
      recipientAddress: COUNTERPARTY_ADDRESS,
      purpose: secrets.purpose,
      requiredApprovals: 1,
      approvals: [],
      expiresAt: now + 86_400_000,
      createdAt: now,
    })
    .run()

  const workflowId = createId()
  db.insert(approvalWorkflows)
    .values({
      id: workflowId,
      organizationId,
      name: secrets.workflow,
      priority: 50,
      isActive: true,
      triggerConditions: { minAmount: 100 },
      requiredApprovals: 1,
      timeoutHours: 24,
      allowSelfApproval: false,
      approverRoles: ['OWNER'],
      specificApprovers: [],
      sequentialApproval: false,
      ...stamps,
    })
    .run()

  const channelId = createId()
  db.insert(notificationChannels)
    .values({
      id: channelId,
      organizationId,
      name: secrets.channel,
      type: 'WEBHOOK',
      config: { url: secrets.webhook },
      events: ['approval.requested'],
      isActive: true,
      ...stamps,
    })
    .run()

  const webhookId = createId()
  db.insert(webhooks)
    .values({
      id: webhookId,
      organizationId,
      url: secrets.webhook,
      events: ['payment.approved'],
      isActive: true,
      secret: `whsec_${randomBytes(32).toString('base64')}`,
      ...stamps,
    })
    .run()

  const memberId = createId()
  db.insert(members)
    .values({
      id: memberId,
      organizationId,
      userId: createId(),
      email: secrets.member,
      role: 'MEMBER',
      ...stamps,
    })
    .run()

  const apiKeyId = issueOrgApiKey(db, now, {
    organizationId,
    name: secrets.apiKey,
    scopePreset: 'STANDARD',
  }).row.id

  const cardId = createId()
  db.insert(cards)
    .values({
      id: cardId,
      organizationId,
      name: secrets.card,
      provider: 'MANUAL',
      last4: '4242',
      brand: 'VISA',
      cardType: 'VIRTUAL',
      status: 'ACTIVE',
      ...stamps,
    })
    .run()

  const budgetRequestId = createId()
  db.insert(budgetRequests)
    .values({
      id: budgetRequestId,
      organizationId,
      agentId: agent.agentId,
      amountMicros: 50_000_000,
      purpose: secrets.purpose,
      status: 'PENDING',
      expiresAt: now + 86_400_000,
      createdAt: now,
    })
    .run()

  const ids: Record<string, string> = {
    agentId: agent.agentId,
    walletId,
    policyId,
    ruleId,
    counterpartyId,
    transactionId,
    alertId,
    approvalRequestId,
    workflowId,
    channelId,
    webhookId,
    memberId,
    apiKeyId,
    cardId,
    budgetRequestId,
    sdkKeyId,
  }
  return { ...h, ids, agent }
}

/** Query strings some routes need before their handler runs (they name this org's rows). */
const requiredQuery: Partial<
  Record<RegisteredEndpoint['id'], (ids: Record<string, string>) => string>
> = {
  'agents.unassignPolicy': (ids) => `policyId=${ids['policyId']}`,
  'agents.revokeSdkKey': (ids) => `keyId=${ids['sdkKeyId']}`,
}

/** Valid bodies for the org routes with an id whose body has required fields. */
const sampleBodies: Partial<
  Record<RegisteredEndpoint['id'], (ids: Record<string, string>) => unknown>
> = {
  'agents.linkWallet': (ids) => ({ walletId: ids['walletId'] }),
  'agents.assignPolicy': (ids) => ({ policyId: ids['policyId'] }),
  'agents.createSdkKey': () => ({ name: 'Intruder key' }),
  'agents.assignCard': (ids) => ({ cardId: ids['cardId'] }),
  'wallets.fund': () => ({ amount: 1 }),
  'policies.addRules': () => ({
    rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: '100', action: 'ALLOW' }],
  }),
  'policies.setRules': () => ({ rules: [] }),
  'members.update': () => ({ role: 'VIEWER' }),
  'cards.setState': () => ({ state: 'PAUSED' }),
  'cards.linkPolicy': (ids) => ({ policyId: ids['policyId'] }),
}

function pathOf(endpoint: RegisteredEndpoint, ids: Record<string, string>): string {
  const path = endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const id = ids[name]
    if (id === undefined) throw new Error(`no fixture for {${name}} in ${endpoint.path}`)
    return id
  })
  const query = requiredQuery[endpoint.id]?.(ids)
  return query ? `${path}?${query}` : path
}

function bodyOf(endpoint: RegisteredEndpoint, ids: Record<string, string>): unknown {
  if (!endpoint.body) return undefined
  return sampleBodies[endpoint.id]?.(ids) ?? {}
}

const unknownOrgKey = () => `conto_${randomBytes(32).toString('hex')}`
const unknownAgentKey = () => `conto_agent_${randomBytes(32).toString('hex')}`

async function expectError(
  response: Promise<Awaited<ReturnType<Harness['call']>>>,
  status: number,
  code: string,
) {
  const result = await response
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code })
  expect(result.body.requestId).toBe(result.headers.get('request-id'))
  return result
}

const label = (endpoint: RegisteredEndpoint) =>
  `${endpoint.id} (${endpoint.method} ${endpoint.path})`

describe('authorization matrix: organization routes', () => {
  test('behavior: the sample bodies and queries are valid for their endpoints', () => {
    const fixture = createFixture()
    for (const endpoint of orgEndpoints) {
      const body = bodyOf(endpoint, fixture.ids)
      if (endpoint.body && sampleBodies[endpoint.id]) {
        expect(endpoint.body.safeParse(body).success, endpoint.id).toBe(true)
      }
      const query = requiredQuery[endpoint.id]
      if (endpoint.query && query) {
        const parsed = Object.fromEntries(new URLSearchParams(query(fixture.ids)))
        expect(endpoint.query.safeParse(parsed).success, endpoint.id).toBe(true)
      }
    }
  })

  test.each(orgEndpoints.map((endpoint) => [label(endpoint), endpoint] as const))(
    '%s',
    async (_, endpoint) => {
      const fixture = createFixture()
      const { call, db, clock, organization, ids } = fixture
      const path = pathOf(endpoint, ids)
      const body = bodyOf(endpoint, ids)
      const send = (key: string | null, headers: Record<string, string> = {}) =>
        call(endpoint.method, path, { key, headers, ...(body === undefined ? {} : { body }) })

      // Missing, malformed and unknown credentials.
      await expectError(send(null), 401, 'AUTH_FAILED')
      await expectError(
        call(endpoint.method, path, { key: null, headers: { authorization: 'Token abc' } }),
        401,
        'AUTH_FAILED',
      )
      await expectError(
        call(endpoint.method, path, { key: null, headers: { authorization: 'Bearer' } }),
        401,
        'AUTH_FAILED',
      )
      await expectError(send('not-a-conto-key'), 401, 'AUTH_FAILED')
      await expectError(send(unknownOrgKey()), 401, 'AUTH_FAILED')

      // A revoked key.
      const revoked = issueOrgApiKey(db, clock.now(), {
        organizationId: organization.id,
        name: 'Revoked',
        scopePreset: 'ADMIN',
      })
      db.update(apiKeys).set({ revokedAt: START }).where(eq(apiKeys.id, revoked.row.id)).run()
      await expectError(send(revoked.key), 401, 'AUTH_FAILED')

      // An agent key of this organization: a standard one is refused everywhere here, except on
      // a route open to every agent key, where only its scopes decide.
      if (acceptsAnyAgent(endpoint)) {
        const standard = await send(fixture.agent.key)
        expect(standard.status, `standard agent key on ${endpoint.id}`).not.toBe(401)
        if (standard.status === 403) expect(standard.body.code).toBe('INSUFFICIENT_SCOPE')
      } else {
        await expectError(send(fixture.agent.key), 403, 'INSUFFICIENT_SCOPE')
      }
      const admin = fixture.createAgentWithKey({ keyType: 'admin' })
      if (acceptsAdminAgent(endpoint)) {
        const allowed = await send(admin.key)
        expect([401, 403], `admin agent key on ${endpoint.id}`).not.toContain(allowed.status)
      } else {
        await expectError(send(admin.key), 403, 'INSUFFICIENT_SCOPE')
      }

      // READ_ONLY keys may read but not write.
      const readOnly = issueOrgApiKey(db, clock.now(), {
        organizationId: organization.id,
        name: 'Read only',
        scopePreset: 'READ_ONLY',
      }).key
      if (isWrite(endpoint)) {
        const refused = await expectError(send(readOnly), 403, 'INSUFFICIENT_SCOPE')
        expect(refused.body.requiredScopes).toEqual([...endpoint.scopes])
      } else {
        const allowed = await send(readOnly)
        expect([401, 403], `READ_ONLY key on ${endpoint.id}`).not.toContain(allowed.status)
      }

      // Another organization's key: this organization's ids do not exist for it.
      const other = fixture.createOtherOrganization()
      if (endpoint.path.includes('{')) {
        const response = await send(other.key)
        const expected = handlers[endpoint.id] ? 404 : 501
        expect(response.status, `${endpoint.id}: ${response.text}`).toBe(expected)
        if (expected === 404) expect(response.body.code).toBe('NOT_FOUND')
        for (const secret of Object.values(secrets)) expect(response.text).not.toContain(secret)
      } else if (endpoint.method === 'GET') {
        const response = await send(other.key)
        for (const secret of Object.values(secrets)) expect(response.text).not.toContain(secret)
      }

      // An expired key, on the test clock (checked last: it moves the clock).
      const expiring = issueOrgApiKey(db, clock.now(), {
        organizationId: organization.id,
        name: 'Expiring',
        scopePreset: 'ADMIN',
        expiresAt: START + 60_000,
      })
      clock.freeze(START + 60_000)
      await expectError(send(expiring.key), 401, 'EXPIRED_KEY')
      clock.freeze(START)
    },
  )

  test('behavior: test-mode-only routes do not exist in live mode, before authentication', async () => {
    const live = createHarness({ mode: 'live' })
    const testOnly = orgEndpoints.filter((endpoint) => endpoint.testModeOnly)
    expect(testOnly.length).toBeGreaterThan(0)
    for (const endpoint of testOnly) {
      const path = endpoint.path.replace(/\{[^}]+\}/g, createId())
      for (const key of [null, live.orgKey]) {
        const response = await live.call(endpoint.method, path, {
          key,
          ...(endpoint.body ? { body: {} } : {}),
        })
        expect(response.status, endpoint.id).toBe(404)
        expect(response.body.code).toBe('NOT_FOUND')
      }
    }
  })

  test('behavior: a revoked key stays refused after it is revoked', async () => {
    const fixture = createFixture()
    const key = issueOrgApiKey(fixture.db, START, {
      organizationId: fixture.organization.id,
      name: 'Soon revoked',
      scopePreset: 'ADMIN',
    })
    expect((await fixture.call('GET', '/api/organizations/me', { key: key.key })).status).toBe(200)
    fixture.db
      .update(apiKeys)
      .set({ revokedAt: START })
      .where(and(eq(apiKeys.id, key.row.id), eq(apiKeys.organizationId, fixture.organization.id)))
      .run()
    await expectError(
      fixture.call('GET', '/api/organizations/me', { key: key.key }),
      401,
      'AUTH_FAILED',
    )
  })
})

describe('authorization matrix: SDK routes', () => {
  const sdkIds: Record<string, string> = {
    requestId: createId(),
    approvalId: createId(),
    transactionId: createId(),
    alertId: createId(),
    address: COUNTERPARTY_ADDRESS,
  }

  test.each(sdkEndpoints.map((endpoint) => [label(endpoint), endpoint] as const))(
    '%s',
    async (_, endpoint) => {
      const fixture: Fixture = createFixture()
      const { call, db, clock, organization } = fixture
      const path = pathOf(endpoint, sdkIds)
      const body = endpoint.body ? {} : undefined
      const send = (key: string | null) =>
        call(endpoint.method, path, { key, ...(body === undefined ? {} : { body }) })

      await expectError(send(null), 401, 'AUTH_FAILED')
      await expectError(
        call(endpoint.method, path, { key: null, headers: { authorization: 'Basic Zm9v' } }),
        401,
        'AUTH_FAILED',
      )
      await expectError(send(unknownAgentKey()), 401, 'AUTH_FAILED')

      // Organization keys never call /api/sdk/*, whatever their scopes.
      await expectError(send(fixture.orgKey), 403, 'INSUFFICIENT_SCOPE')
      const readOnly = issueOrgApiKey(db, clock.now(), {
        organizationId: organization.id,
        name: 'Read only',
        scopePreset: 'READ_ONLY',
      }).key
      await expectError(send(readOnly), 403, 'INSUFFICIENT_SCOPE')

      // A revoked agent key.
      const revoked = fixture.createAgentWithKey()
      db.update(sdkKeys).set({ revokedAt: START }).where(eq(sdkKeys.agentId, revoked.agentId)).run()
      await expectError(send(revoked.key), 401, 'AUTH_FAILED')

      // An agent key without any of the route's scopes.
      if (endpoint.scopes.length > 0) {
        const unrelated = fixture.createAgentWithKey({ scopes: ['network:read'] })
        if (!(endpoint.scopes as readonly string[]).includes('network:read')) {
          await expectError(send(unrelated.key), 403, 'INSUFFICIENT_SCOPE')
        }
      }

      // An expired agent key, on the test clock.
      const expiring = fixture.createAgentWithKey({ expiresAt: START + 60_000 })
      clock.freeze(START + 60_000)
      await expectError(send(expiring.key), 401, 'EXPIRED_KEY')
      clock.freeze(START)
    },
  )
})
