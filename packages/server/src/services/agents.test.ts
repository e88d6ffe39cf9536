import { defaultFreezeConfig } from '@conto/schemas'
import { isAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  definedOnly,
  generateAgentPublicKey,
  resolveFreezeConfig,
  toAgentResponse,
} from './agents.js'

const row = {
  id: 'cagent',
  organizationId: 'corg',
  name: 'Agent',
  agentType: 'CUSTOM',
  status: 'ACTIVE',
  description: null,
  publicKey: null,
  externalId: null,
  purpose: null,
  environment: null,
  riskTier: null,
  ownerMembershipId: null,
  allowedContexts: null,
  identityTags: null,
  metadata: null,
  callbackUrl: null,
  autoFreezeEnabled: false,
  freezeConfig: null,
  frozenAt: null,
  frozenReason: null,
  frozenWalletIds: null,
  consecutiveViolations: 0,
  consecutiveFailures: 0,
  createdAt: Date.parse('2026-04-08T12:00:00.000Z'),
  updatedAt: Date.parse('2026-04-08T12:00:00.000Z'),
}

describe('resolveFreezeConfig', () => {
  test('default', () => {
    expect(resolveFreezeConfig(row)).toEqual(defaultFreezeConfig)
  })

  test('behavior: overrides win; autoFreezeEnabled comes from its column', () => {
    expect(
      resolveFreezeConfig({
        ...row,
        autoFreezeEnabled: true,
        freezeConfig: { maxConsecutiveFailures: 2, autoFreezeEnabled: 0 },
      }),
    ).toEqual({ ...defaultFreezeConfig, autoFreezeEnabled: true, maxConsecutiveFailures: 2 })
  })
})

describe('toAgentResponse', () => {
  test('default', () => {
    expect(
      toAgentResponse({ ...row, frozenAt: Date.parse('2026-04-09T00:00:00.000Z') }),
    ).toMatchObject({
      id: 'cagent',
      allowedContexts: [],
      identityTags: [],
      frozenAt: '2026-04-09T00:00:00.000Z',
      createdAt: '2026-04-08T12:00:00.000Z',
    })
    expect(toAgentResponse(row)).not.toHaveProperty('frozenWalletIds')
    expect(toAgentResponse(row)).not.toHaveProperty('organizationId')
  })
})

describe('definedOnly', () => {
  test('default', () => {
    expect(definedOnly({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null })
  })
})

describe('generateAgentPublicKey', () => {
  test('default', () => {
    const key = generateAgentPublicKey()
    expect(isAddress(key, { strict: true })).toBe(true)
    expect(generateAgentPublicKey()).not.toBe(key)
  })
})
