import { describe, expect, test } from 'vitest'
import {
  agentScopes,
  keyKindOf,
  orgKeyScopePresets,
  orgScopes,
  sdkKeyScopePresets,
} from './scope.js'

describe('sdkKeyScopePresets', () => {
  test('default: the standard preset has no execute/approve/confirm', () => {
    expect(sdkKeyScopePresets.standard).not.toContain('payments:execute')
    expect(sdkKeyScopePresets.standard).not.toContain('payments:approve')
    expect(sdkKeyScopePresets.standard).not.toContain('payments:confirm')
    expect(sdkKeyScopePresets.standard).toHaveLength(9)
  })

  test('behavior: admin adds payments and write scopes', () => {
    for (const scope of sdkKeyScopePresets.standard)
      expect(sdkKeyScopePresets.admin).toContain(scope)
    for (const scope of [
      'payments:execute',
      'agents:write',
      'wallets:write',
      'policies:write',
    ] as const)
      expect(sdkKeyScopePresets.admin).toContain(scope)
    for (const scope of sdkKeyScopePresets.admin) expect(agentScopes).toContain(scope)
  })
})

describe('orgKeyScopePresets', () => {
  test('default', () => {
    expect(orgKeyScopePresets.READ_ONLY.every((scope) => scope.endsWith(':read'))).toBe(true)
    expect(orgKeyScopePresets.STANDARD).toContain('agents:write')
    expect(orgKeyScopePresets.STANDARD).not.toContain('team:write')
    expect(orgKeyScopePresets.ADMIN).toEqual([...orgScopes])
  })
})

describe('keyKindOf', () => {
  test('default', () => {
    expect(keyKindOf(`conto_agent_${'a'.repeat(64)}`)).toBe('agent')
    expect(keyKindOf(`conto_${'a'.repeat(64)}`)).toBe('org')
    expect(keyKindOf('sk_live_123')).toBe('unknown')
  })
})
