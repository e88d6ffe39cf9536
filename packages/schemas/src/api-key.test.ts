import { describe, expect, test } from 'vitest'
import {
  apiKeySchema,
  createApiKeyParamsSchema,
  createApiKeyResponseSchema,
  listApiKeysQuerySchema,
  listApiKeysResponseSchema,
  ORG_API_KEY_MAX_EXPIRES_IN_DAYS,
  revokeApiKeyResponseSchema,
} from './api-key.js'
import { apiKeyEndpoints } from './endpoints/api-keys.js'
import { orgApiKeyPattern } from './scope.js'

const secret = `conto_${'ab'.repeat(32)}`

const apiKeyFixture = {
  id: 'key_cmm59z8fj000l49h7bjqza11p',
  name: 'CI provisioning',
  keyPrefix: secret.slice(0, 16),
  scopes: ['agents:read', 'agents:write'],
  scopePreset: 'STANDARD',
  expiresAt: null,
  lastUsedAt: '2026-04-07T12:00:00.000Z',
  revokedAt: null,
  createdAt: '2026-04-01T12:00:00.000Z',
}

describe('createApiKeyParamsSchema', () => {
  test('default', () => {
    expect(createApiKeyParamsSchema.parse({ name: 'CI' })).toEqual({
      name: 'CI',
      scopePreset: 'STANDARD',
    })
  })

  test('args: the documented body (conto-api.md §2.13)', () => {
    expect(
      createApiKeyParamsSchema.parse({ name: 'Ops', scopePreset: 'READ_ONLY', expiresInDays: 90 }),
    ).toEqual({ name: 'Ops', scopePreset: 'READ_ONLY', expiresInDays: 90 })
  })

  test('behavior: explicit scopes leave scopePreset unset', () => {
    expect(createApiKeyParamsSchema.parse({ name: 'Narrow', scopes: ['team:read'] })).toEqual({
      name: 'Narrow',
      scopes: ['team:read'],
    })
  })

  test('behavior: omitting expiresInDays means the key never expires', () => {
    expect(createApiKeyParamsSchema.parse({ name: 'Forever' }).expiresInDays).toBeUndefined()
  })

  test('args: expiresInDays bounds', () => {
    expect(createApiKeyParamsSchema.safeParse({ name: 'A', expiresInDays: 1 }).success).toBe(true)
    expect(
      createApiKeyParamsSchema.safeParse({
        name: 'A',
        expiresInDays: ORG_API_KEY_MAX_EXPIRES_IN_DAYS,
      }).success,
    ).toBe(true)
  })

  test.each([0, -1, 1.5, '30', ORG_API_KEY_MAX_EXPIRES_IN_DAYS + 1])(
    'error: expiresInDays %s',
    (expiresInDays) => {
      expect(createApiKeyParamsSchema.safeParse({ name: 'A', expiresInDays }).success).toBe(false)
    },
  )

  test('behavior: name 100 characters pass, 101 fail', () => {
    expect(createApiKeyParamsSchema.safeParse({ name: 'a'.repeat(100) }).success).toBe(true)
    expect(
      createApiKeyParamsSchema.safeParse({ name: 'a'.repeat(101) }).error?.issues[0]?.message,
    ).toBe('name must be 1-100 characters')
  })

  test('error: name missing', () => {
    expect(createApiKeyParamsSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'name is required',
    )
  })

  test('error: unknown preset lists the allowed values', () => {
    expect(
      createApiKeyParamsSchema.safeParse({ name: 'A', scopePreset: 'CUSTOM' }).error?.issues[0]
        ?.message,
    ).toBe('Invalid scopePreset "CUSTOM": expected one of READ_ONLY, STANDARD, ADMIN')
  })

  test('error: agent-only scopes and an empty scope list', () => {
    expect(
      createApiKeyParamsSchema.safeParse({ name: 'A', scopes: ['payments:request'] }).success,
    ).toBe(false)
    expect(createApiKeyParamsSchema.safeParse({ name: 'A', scopes: [] }).success).toBe(false)
  })
})

describe('createApiKeyResponseSchema', () => {
  test('default', () => {
    const body = {
      id: apiKeyFixture.id,
      key: secret,
      keyPrefix: apiKeyFixture.keyPrefix,
      name: 'CI provisioning',
      scopes: ['agents:read'],
      scopePreset: 'READ_ONLY',
      expiresAt: '2026-07-06T12:00:00.000Z',
      createdAt: '2026-04-07T12:00:00.000Z',
      message: 'Save this key now! It will not be shown again.',
    }
    expect(createApiKeyResponseSchema.parse(body)).toEqual(body)
    expect(orgApiKeyPattern.test(body.key)).toBe(true)
  })

  test('behavior: a custom key has no preset and may never expire', () => {
    const parsed = createApiKeyResponseSchema.safeParse({
      id: 'k1',
      key: secret,
      keyPrefix: 'conto_abababab',
      name: 'n',
      scopes: ['team:read'],
      scopePreset: null,
      expiresAt: null,
      createdAt: '2026-04-07T12:00:00.000Z',
      message: 'Save this key now!',
    })
    expect(parsed.success).toBe(true)
  })
})

describe('apiKeySchema', () => {
  test('default', () => {
    expect(apiKeySchema.parse(apiKeyFixture)).toEqual(apiKeyFixture)
  })

  test('args: createdBy present or null', () => {
    const createdBy = { id: 'mem_1', email: 'owner@example.com', name: 'Owner' }
    expect(apiKeySchema.parse({ ...apiKeyFixture, createdBy }).createdBy).toEqual(createdBy)
    expect(apiKeySchema.parse({ ...apiKeyFixture, createdBy: null }).createdBy).toBeNull()
  })

  test('behavior: a listed key never carries the secret', () => {
    expect('key' in apiKeySchema.parse({ ...apiKeyFixture, key: secret })).toBe(false)
  })

  test('error: missing revokedAt', () => {
    const { revokedAt: _revokedAt, ...rest } = apiKeyFixture
    expect(apiKeySchema.safeParse(rest).success).toBe(false)
  })
})

describe('listApiKeysQuerySchema', () => {
  test('default', () => {
    expect(listApiKeysQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: includeRevoked as a query string', () => {
    expect(listApiKeysQuerySchema.parse({ includeRevoked: 'true' }).includeRevoked).toBe(true)
    expect(listApiKeysQuerySchema.parse({ includeRevoked: 'false' }).includeRevoked).toBe(false)
  })
})

describe('listApiKeysResponseSchema', () => {
  test('default', () => {
    const body = {
      apiKeys: [apiKeyFixture],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listApiKeysResponseSchema.parse(body)).toEqual(body)
  })
})

describe('revokeApiKeyResponseSchema', () => {
  test('default', () => {
    const body = { success: true, id: apiKeyFixture.id, revokedAt: '2026-04-07T12:00:00.000Z' }
    expect(revokeApiKeyResponseSchema.parse(body)).toEqual(body)
  })

  test('error: success false', () => {
    expect(
      revokeApiKeyResponseSchema.safeParse({
        success: false,
        id: 'k',
        revokedAt: '2026-04-07T12:00:00.000Z',
      }).success,
    ).toBe(false)
  })
})

describe('apiKeyEndpoints', () => {
  const all = Object.values(apiKeyEndpoints)

  test('default: the ids', () => {
    expect(all.map((endpoint) => endpoint.id)).toEqual([
      'apiKeys.list',
      'apiKeys.create',
      'apiKeys.revoke',
    ])
  })

  test('behavior: scopes and tags', () => {
    expect(apiKeyEndpoints.list.scopes).toEqual(['team:read'])
    expect(apiKeyEndpoints.create.scopes).toEqual(['team:write'])
    expect(apiKeyEndpoints.revoke.scopes).toEqual(['team:write'])
    expect(apiKeyEndpoints.create.successStatus).toBe(201)
    for (const endpoint of all) {
      expect(endpoint.tag).toBe('API Keys')
      expect(endpoint.keyKinds).toEqual(['org'])
    }
  })
})
