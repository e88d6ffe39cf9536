import { describe, expect, test } from 'vitest'
import { sdkKeyEndpoints } from './endpoints/sdk-keys.js'
import {
  createSdkKeyParamsSchema,
  createSdkKeyResponseSchema,
  listSdkKeysQuerySchema,
  listSdkKeysResponseSchema,
  revokeSdkKeyQuerySchema,
  revokeSdkKeyResponseSchema,
  SDK_KEY_SAVE_MESSAGE,
  sdkKeySchema,
} from './sdk-key.js'

const fullKey = `conto_agent_${'ab'.repeat(32)}`

const listItem = {
  id: 'cmm59z8fj000q49h7bjqza55t',
  name: 'Production Key',
  keyPrefix: 'conto_agent_abab',
  keyType: 'standard',
  scopes: ['payments:request', 'wallets:read'],
  expiresAt: '2027-04-07T12:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  createdAt: '2026-04-07T12:00:00.000Z',
}

describe('createSdkKeyParamsSchema', () => {
  test('default: the seed 001 body, with the Defaults-page keyType', () => {
    expect(createSdkKeyParamsSchema.parse({ name: 'Production Key', expiresInDays: 90 })).toEqual({
      name: 'Production Key',
      expiresInDays: 90,
      keyType: 'standard',
    })
  })

  test('default: expiresInDays 365, keyType standard, scopes omitted', () => {
    expect(createSdkKeyParamsSchema.parse({ name: 'k' })).toEqual({
      name: 'k',
      expiresInDays: 365,
      keyType: 'standard',
    })
  })

  test('args: name is 1-100 characters', () => {
    expect(createSdkKeyParamsSchema.safeParse({ name: 'a'.repeat(100) }).success).toBe(true)
    expect(createSdkKeyParamsSchema.safeParse({ name: 'a'.repeat(101) }).success).toBe(false)
    expect(createSdkKeyParamsSchema.safeParse({ name: ' ' }).success).toBe(false)
    expect(createSdkKeyParamsSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'name is required',
    )
  })

  test('args: expiresInDays is a whole number from 1 to 730', () => {
    const parse = (expiresInDays: unknown) =>
      createSdkKeyParamsSchema.safeParse({ name: 'k', expiresInDays })
    expect(parse(1).success).toBe(true)
    expect(parse(730).success).toBe(true)
    expect(parse(0).success).toBe(false)
    expect(parse(1.5).success).toBe(false)
    expect(parse('90').success).toBe(false)
    expect(parse(null).success).toBe(false)
    expect(parse(731).error?.issues[0]?.message).toBe('expiresInDays must be at most 730 (2 years)')
  })

  test('args: keyType admin and explicit scopes', () => {
    expect(
      createSdkKeyParamsSchema.parse({
        name: 'Admin',
        keyType: 'admin',
        scopes: ['payments:request', 'payments:execute'],
      }),
    ).toEqual({
      name: 'Admin',
      expiresInDays: 365,
      keyType: 'admin',
      scopes: ['payments:request', 'payments:execute'],
    })
  })

  test('error: unknown keyType and scope list the allowed values', () => {
    expect(
      createSdkKeyParamsSchema.safeParse({ name: 'k', keyType: 'root' }).error?.issues[0]?.message,
    ).toBe('Invalid keyType "root": expected one of standard, admin')
    expect(
      createSdkKeyParamsSchema.safeParse({ name: 'k', scopes: ['team:write'] }).error?.issues[0]
        ?.message,
    ).toMatch(/^Invalid scope "team:write": expected one of payments:request, /)
  })

  test('error: scopes must be non-empty and not repeat', () => {
    expect(createSdkKeyParamsSchema.safeParse({ name: 'k', scopes: [] }).success).toBe(false)
    expect(
      createSdkKeyParamsSchema.safeParse({ name: 'k', scopes: ['wallets:read', 'wallets:read'] })
        .success,
    ).toBe(false)
  })
})

describe('createSdkKeyResponseSchema', () => {
  test('default: the seed 001 response example parses', () => {
    const example = {
      id: 'cmm...',
      key: 'conto_agent_abc123def456...',
      name: 'Production Key',
      keyPrefix: 'conto_agent_abc...',
      expiresAt: '2024-04-15T00:00:00Z',
    }
    expect(createSdkKeyResponseSchema.parse(example)).toEqual(example)
  })

  test('default: the full response of this server', () => {
    const body = {
      id: 'cmm59z8fj000q49h7bjqza55t',
      key: fullKey,
      keyPrefix: 'conto_agent_abab',
      name: 'Production Key',
      keyType: 'standard',
      scopes: ['payments:request', 'wallets:read'],
      expiresAt: '2027-04-07T12:00:00.000Z',
      createdAt: '2026-04-07T12:00:00.000Z',
      message: SDK_KEY_SAVE_MESSAGE,
    }
    expect(createSdkKeyResponseSchema.parse(body)).toEqual(body)
    expect(SDK_KEY_SAVE_MESSAGE).toBe('Save this key now! It will not be shown again.')
  })

  test('error: the key must be an agent key', () => {
    expect(
      createSdkKeyResponseSchema.safeParse({
        id: 'k',
        key: `conto_${'ab'.repeat(32)}`,
        keyPrefix: 'conto_abab',
        name: 'k',
        expiresAt: '2027-04-07T12:00:00.000Z',
      }).success,
    ).toBe(false)
  })
})

describe('sdkKeySchema', () => {
  test('default: a list item parses and has no secret', () => {
    expect(sdkKeySchema.parse({ ...listItem, key: fullKey })).toEqual(listItem)
  })

  test('behavior: revoked and used keys', () => {
    expect(
      sdkKeySchema.safeParse({
        ...listItem,
        lastUsedAt: '2026-04-08T12:00:00.000Z',
        revokedAt: '2026-04-09T12:00:00.000Z',
      }).success,
    ).toBe(true)
  })
})

describe('listSdkKeysResponseSchema', () => {
  test('default: { keys, pagination }', () => {
    const body = {
      keys: [listItem],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listSdkKeysResponseSchema.parse(body)).toEqual(body)
    expect(listSdkKeysQuerySchema.parse({ limit: '5' })).toEqual({ limit: 5, offset: 0 })
  })
})

describe('revokeSdkKeyQuerySchema', () => {
  test('args: keyId is required', () => {
    expect(revokeSdkKeyQuerySchema.parse({ keyId: 'cmm59z8fj000q49h7bjqza55t' })).toEqual({
      keyId: 'cmm59z8fj000q49h7bjqza55t',
    })
    expect(revokeSdkKeyQuerySchema.safeParse({}).success).toBe(false)
  })

  test('default: the revoke response', () => {
    const body = {
      success: true,
      id: 'cmm59z8fj000q49h7bjqza55t',
      revokedAt: '2026-04-09T12:00:00.000Z',
    }
    expect(revokeSdkKeyResponseSchema.parse(body)).toEqual(body)
    expect(revokeSdkKeyResponseSchema.safeParse({ ...body, success: false }).success).toBe(false)
  })
})

describe('sdkKeyEndpoints', () => {
  test('default: the ids', () => {
    expect(Object.values(sdkKeyEndpoints).map((endpoint) => endpoint.id)).toEqual([
      'agents.createSdkKey',
      'agents.listSdkKeys',
      'agents.revokeSdkKey',
    ])
  })

  test('behavior: revoke is DELETE with keyId in the query', () => {
    const revoke = sdkKeyEndpoints.revokeSdkKey
    expect(revoke.method).toBe('DELETE')
    expect(revoke.path).toBe('/api/agents/{agentId}/sdk-keys')
    expect(revoke.query).toBe(revokeSdkKeyQuerySchema)
  })
})
