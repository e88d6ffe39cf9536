import { agentFreezeWebhookDataSchema } from '@conto/schemas'
import { describe, expect, test } from 'vitest'
import { createAgent, insertWallet, linkWallet } from '../../../test/agent-fixtures.js'
import { createHarness, type Harness } from '../../../test/harness.js'
import { eventNames, eventPayloads, subscribeWebhook } from '../../../test/payment-fixtures.js'

/**
 * Agent webhook events (§4.15) written by the agent endpoints: one delivery row per event for a
 * webhook subscribed to everything (no worker runs here), none when the call fails.
 */

const AGENT_EVENTS = new Set([
  'agent.created',
  'agent.updated',
  'agent.paused',
  'agent.resumed',
  'agent.frozen',
  'agent.unfrozen',
])

/** A harness with an agent created before the webhook subscribed (so its creation is not seen). */
async function setup(body: Record<string, unknown> = {}) {
  const h = createHarness()
  const agent = await createAgent(h, { name: 'Research Agent', agentType: 'CUSTOM', ...body })
  const webhookId = subscribeWebhook(h)
  return { h, agent, webhookId }
}

function agentEvents(h: Harness, webhookId: string): string[] {
  return eventNames(h, webhookId).filter((name) => AGENT_EVENTS.has(name))
}

function dataOf(h: Harness, webhookId: string, event: string) {
  return eventPayloads(h, webhookId, event).map((payload) => payload.data)
}

describe('agent.created', () => {
  test('default: POST /api/agents emits it once with the compact agent data', async () => {
    const h = createHarness()
    const webhookId = subscribeWebhook(h)
    const agent = await createAgent(h, { name: 'Research Agent', agentType: 'OPENAI_ASSISTANT' })
    expect(eventNames(h, webhookId)).toEqual(['agent.created'])
    expect(dataOf(h, webhookId, 'agent.created')).toEqual([
      {
        agentId: agent.id,
        name: 'Research Agent',
        status: 'ACTIVE',
        agentType: 'OPENAI_ASSISTANT',
      },
    ])
    const [payload] = eventPayloads(h, webhookId, 'agent.created') as unknown as Array<{
      id: string
      event: string
      timestamp: string
    }>
    expect(payload).toMatchObject({ event: 'agent.created', timestamp: '2026-04-08T12:00:00.000Z' })
    expect(payload?.id).toMatch(/^evt_/)
  })

  test('behavior: bulk import emits one per agent created, none for skipped or failed items', async () => {
    const h = createHarness()
    const existing = await createAgent(h, {
      name: 'Taken',
      publicKey: '0x1111111111111111111111111111111111111111',
    })
    const webhookId = subscribeWebhook(h)
    const response = await h.call('POST', '/api/agents/bulk-import', {
      body: {
        skipExisting: true,
        agents: [
          {
            name: 'GPT-4 Assistant',
            publicKey: '0x1234567890abcdef1234567890abcdef12345678',
            agentType: 'OPENAI_ASSISTANT',
          },
          { name: 'Skipped', publicKey: existing.publicKey, agentType: 'CUSTOM' },
          {
            name: 'Taken',
            publicKey: '0x2222222222222222222222222222222222222222',
            agentType: 'CUSTOM',
          },
          {
            name: 'Claude Agent',
            publicKey: '0xabcdef1234567890abcdef1234567890abcdef12',
            agentType: 'ANTHROPIC_CLAUDE',
          },
        ],
      },
    })
    expect(response.status, response.text).toBe(200)
    expect(response.body.summary).toMatchObject({ created: 2, skipped: 1, failed: 1 })
    const created = response.body.created as Array<{ id: string }>
    expect(eventNames(h, webhookId)).toEqual(['agent.created', 'agent.created'])
    expect(dataOf(h, webhookId, 'agent.created')).toEqual([
      {
        agentId: created[0]?.id,
        name: 'GPT-4 Assistant',
        status: 'ACTIVE',
        agentType: 'OPENAI_ASSISTANT',
      },
      {
        agentId: created[1]?.id,
        name: 'Claude Agent',
        status: 'ACTIVE',
        agentType: 'ANTHROPIC_CLAUDE',
      },
    ])
  })

  test('error: nothing is emitted when creation fails', async () => {
    const h = createHarness()
    await createAgent(h, { name: 'Research Agent' })
    const webhookId = subscribeWebhook(h)
    const invalid = await h.call('POST', '/api/agents', { body: { name: 'No type' } })
    expect(invalid.status).toBe(400)
    const conflict = await h.call('POST', '/api/agents', {
      body: { name: 'Research Agent', agentType: 'CUSTOM' },
    })
    expect(conflict.status).toBe(409)
    const badBulk = await h.call('POST', '/api/agents/bulk-import', {
      body: { agents: [{ name: 'X', publicKey: 'not-an-address', agentType: 'CUSTOM' }] },
    })
    expect(badBulk.status).toBe(400)
    expect(eventNames(h, webhookId)).toEqual([])
  })
})

describe('agent.updated', () => {
  test('default: a PATCH of other fields emits it with the changed field names', async () => {
    const { h, agent, webhookId } = await setup({ description: 'Old' })
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { name: 'Renamed', description: 'New', purpose: 'research' },
    })
    expect(response.status, response.text).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.updated'])
    expect(dataOf(h, webhookId, 'agent.updated')).toEqual([
      {
        agentId: agent.id,
        name: 'Renamed',
        status: 'ACTIVE',
        agentType: 'CUSTOM',
        changes: ['name', 'description', 'purpose'],
      },
    ])
  })

  test('behavior: only fields whose value changed are listed', async () => {
    const { h, agent, webhookId } = await setup({ description: 'Same', metadata: { a: 1, b: 2 } })
    await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: {
        name: 'Research Agent',
        description: 'Same',
        metadata: { b: 2, a: 1 },
        riskTier: 'LOW',
      },
    })
    expect(dataOf(h, webhookId, 'agent.updated')).toEqual([
      expect.objectContaining({ changes: ['riskTier'] }),
    ])
  })

  test('behavior: a PATCH that changes nothing emits nothing', async () => {
    const { h, agent, webhookId } = await setup({ description: 'Same' })
    const empty = await h.call('PATCH', `/api/agents/${agent.id}`, { body: {} })
    expect(empty.status).toBe(200)
    const same = await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { name: 'Research Agent', description: 'Same', status: 'ACTIVE' },
    })
    expect(same.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual([])
  })

  test('behavior: a status change together with other fields emits both events', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { name: 'Updated Agent Name', description: 'Updated description', status: 'PAUSED' },
    })
    expect(eventNames(h, webhookId)).toEqual(['agent.paused', 'agent.updated'])
    expect(dataOf(h, webhookId, 'agent.updated')).toEqual([
      {
        agentId: agent.id,
        name: 'Updated Agent Name',
        status: 'PAUSED',
        agentType: 'CUSTOM',
        changes: ['name', 'description', 'status'],
      },
    ])
  })

  test('behavior: revoking (no event of its own) emits agent.updated with status', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    expect(eventNames(h, webhookId)).toEqual(['agent.updated'])
    expect(dataOf(h, webhookId, 'agent.updated')).toEqual([
      {
        agentId: agent.id,
        name: agent.name,
        status: 'REVOKED',
        agentType: 'CUSTOM',
        changes: ['status'],
      },
    ])
  })

  test('behavior: the freeze-config endpoint emits it when the configuration changes', async () => {
    const { h, agent, webhookId } = await setup()
    const body = { autoFreezeEnabled: true, maxConsecutiveViolations: 3 }
    const first = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, { body })
    expect(first.status, first.text).toBe(200)
    const again = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, { body })
    expect(again.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.updated'])
    expect(dataOf(h, webhookId, 'agent.updated')).toEqual([
      expect.objectContaining({
        agentId: agent.id,
        changes: ['autoFreezeEnabled', 'freezeConfig'],
      }),
    ])
  })

  test('error: nothing is emitted when the PATCH fails', async () => {
    const { h, agent, webhookId } = await setup()
    const other = await createAgent(h, { name: 'Other' })
    const cases = [
      { body: { status: 'ASLEEP' }, status: 400 },
      { body: { name: '' }, status: 400 },
      { body: { name: 'Other', status: 'PAUSED' }, status: 409 },
    ]
    for (const { body, status } of cases) {
      const response = await h.call('PATCH', `/api/agents/${agent.id}`, { body })
      expect(response.status, response.text).toBe(status)
    }
    const badConfig = await h.call('PATCH', `/api/agents/${agent.id}/freeze-config`, {
      body: { maxConsecutiveViolations: 0 },
    })
    expect(badConfig.status).toBe(400)
    expect(agentEvents(h, webhookId)).toEqual(['agent.created'])
    expect(dataOf(h, webhookId, 'agent.created')).toEqual([
      expect.objectContaining({ agentId: other.id }),
    ])
  })

  test('error: leaving REVOKED fails without an event', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const response = await h.call('PATCH', `/api/agents/${agent.id}`, {
      body: { status: 'ACTIVE', name: 'Back' },
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(eventNames(h, webhookId)).toEqual(['agent.updated'])
  })
})

describe('agent.paused / agent.resumed', () => {
  test('default: PATCH status PAUSED then ACTIVE emits each once, without agent.updated', async () => {
    const { h, agent, webhookId } = await setup()
    const paused = await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'PAUSED' } })
    expect(paused.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.paused'])
    const resumed = await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'ACTIVE' } })
    expect(resumed.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.paused', 'agent.resumed'])
    const base = { agentId: agent.id, name: 'Research Agent', agentType: 'CUSTOM' }
    expect(dataOf(h, webhookId, 'agent.paused')).toEqual([{ ...base, status: 'PAUSED' }])
    expect(dataOf(h, webhookId, 'agent.resumed')).toEqual([{ ...base, status: 'ACTIVE' }])
  })

  test('behavior: pausing a paused agent emits nothing more', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'PAUSED' } })
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'PAUSED' } })
    expect(eventNames(h, webhookId)).toEqual(['agent.paused'])
  })

  test('behavior: unfreezing a PAUSED agent makes it ACTIVE and emits agent.resumed', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'PAUSED' } })
    const response = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(response.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.paused', 'agent.resumed'])
  })
})

describe('agent.frozen / agent.unfrozen', () => {
  test('default: a manual freeze and unfreeze emit each once with the freeze data', async () => {
    const { h, agent, webhookId } = await setup()
    await linkWallet(h, agent.id, insertWallet(h).id)
    const frozen = await h.call('POST', `/api/agents/${agent.id}/freeze`, {
      body: { reason: 'Suspicious activity' },
    })
    expect(frozen.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.frozen'])
    const unfrozen = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, {
      body: { reason: 'Reviewed' },
    })
    expect(unfrozen.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.frozen', 'agent.unfrozen'])
    const [frozenData] = dataOf(h, webhookId, 'agent.frozen')
    const [unfrozenData] = dataOf(h, webhookId, 'agent.unfrozen')
    expect(frozenData).toEqual({
      agentId: agent.id,
      reason: 'Suspicious activity',
      trigger: 'MANUAL',
    })
    expect(unfrozenData).toEqual({ agentId: agent.id, reason: 'Reviewed', trigger: 'MANUAL' })
    expect(agentFreezeWebhookDataSchema.parse(frozenData)).toEqual(frozenData)
    expect(agentFreezeWebhookDataSchema.parse(unfrozenData)).toEqual(unfrozenData)
  })

  test('behavior: without a reason the events carry reason null', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('POST', `/api/agents/${agent.id}/freeze`)
    await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(dataOf(h, webhookId, 'agent.frozen')).toEqual([
      { agentId: agent.id, reason: null, trigger: 'MANUAL' },
    ])
    expect(dataOf(h, webhookId, 'agent.unfrozen')).toEqual([
      { agentId: agent.id, reason: null, trigger: 'MANUAL' },
    ])
  })

  test('behavior: freezing a frozen agent, or unfreezing an active one, emits nothing', async () => {
    const { h, agent, webhookId } = await setup()
    const active = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(active.status).toBe(200)
    await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    const again = await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    expect(again.status).toBe(200)
    expect(eventNames(h, webhookId)).toEqual(['agent.frozen'])
  })

  test('behavior: PATCH status SUSPENDED / back to ACTIVE emits frozen / unfrozen', async () => {
    const { h, agent, webhookId } = await setup()
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'SUSPENDED' } })
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'ACTIVE' } })
    expect(eventNames(h, webhookId)).toEqual(['agent.frozen', 'agent.unfrozen'])
    expect(dataOf(h, webhookId, 'agent.frozen')).toEqual([
      { agentId: agent.id, reason: null, trigger: 'MANUAL' },
    ])
  })

  test('error: nothing is emitted when freeze or unfreeze fails', async () => {
    const { h, agent, webhookId } = await setup()
    const tooLong = await h.call('POST', `/api/agents/${agent.id}/freeze`, {
      body: { reason: 'x'.repeat(501) },
    })
    expect(tooLong.status).toBe(400)
    const badUnfreeze = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, {
      body: { unfreezeWallets: 'yes' },
    })
    expect(badUnfreeze.status).toBe(400)
    const unknown = await h.call('POST', '/api/agents/agt_unknown/freeze', { body: {} })
    expect(unknown.status).toBe(404)
    await h.call('PATCH', `/api/agents/${agent.id}`, { body: { status: 'REVOKED' } })
    const revokedFreeze = await h.call('POST', `/api/agents/${agent.id}/freeze`, { body: {} })
    expect(revokedFreeze.status).toBe(400)
    const revokedUnfreeze = await h.call('POST', `/api/agents/${agent.id}/unfreeze`, { body: {} })
    expect(revokedUnfreeze.status).toBe(400)
    expect(eventNames(h, webhookId)).toEqual(['agent.updated'])
  })
})
