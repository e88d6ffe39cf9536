import { ContoAdmin } from '@conto/admin'
import { createApp, createClock, openDatabase, seedDatabase } from '@conto/server'
import { describe, expect, test } from 'vitest'
import { main } from './index.js'

/**
 * Runs the example against the reference server in-process: `createApp()` on an in-memory,
 * seeded database, reached through the client's `fetch` option (no port).
 */
function startServer() {
  const clock = createClock()
  // A Wednesday, 10:00 in Berlin: inside the link's Mon–Fri 08–18 window.
  clock.freeze(Date.parse('2026-04-08T08:00:00.000Z'))
  const app = createApp({ database: openDatabase(':memory:'), clock, mode: 'test' })
  const credentials = seedDatabase(app.deps, { baseUrl: 'http://conto.test' })
  const admin = new ContoAdmin({
    orgApiKey: credentials.orgApiKey,
    baseUrl: 'http://conto.test',
    fetch: (request) => app.fetch(request),
  })
  /** What the agent itself would call with its new key (the example only uses the org key). */
  const asAgent = (key: string, method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  return { admin, app, asAgent }
}

describe('main', () => {
  test('default: sets up the agent, its wallet, policy and SDK key', async () => {
    const { admin } = startServer()
    const lines: string[] = []
    const result = await main(admin, (line) => lines.push(line))

    const agent = await admin.agents.retrieve(result.agentId)
    expect(agent.name).toBe('Procurement agent')
    expect(agent.wallets.map((link) => link.walletId)).toEqual([result.walletId])
    expect(agent.policies.map((policy) => policy.id)).toEqual([result.policyId])

    const [link] = (await admin.agents.listWallets(result.agentId)).items
    expect(link).toMatchObject({ spendLimitPerTx: 50, spendLimitDaily: 200 })
    const rules = await admin.policies.listRules(result.policyId)
    expect(rules.items.map((rule) => rule.ruleType)).toEqual([
      'MAX_AMOUNT',
      'DAILY_LIMIT',
      'REQUIRE_APPROVAL_ABOVE',
    ])
    const keys = await admin.agents.listSdkKeys(result.agentId)
    expect(keys.items.map((key) => key.id)).toEqual([result.sdkKeyId])

    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^Agent {3}Procurement agent \(\S+\), ACTIVE$/)
    expect(lines.join('\n')).not.toContain(result.sdkKey)
  })

  test('behavior: the new SDK key works for the agent, within the policy', async () => {
    const { admin, asAgent } = startServer()
    const result = await main(admin, () => {})
    await admin.wallets.fund(result.walletId, { amount: 500 })
    const recipientAddress = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'

    const profile = await asAgent(result.sdkKey, 'GET', '/api/sdk/agent')
    expect(profile.status).toBe(200)
    expect(((await profile.json()) as { id: string }).id).toBe(result.agentId)

    const decide = async (amount: number) => {
      const response = await asAgent(result.sdkKey, 'POST', '/api/sdk/payments/request', {
        amount,
        recipientAddress,
      })
      return ((await response.json()) as { status: string }).status
    }
    expect(await decide(20)).toBe('APPROVED')
    expect(await decide(30)).toBe('REQUIRES_APPROVAL')
    expect(await decide(60)).toBe('DENIED')
  })
})
