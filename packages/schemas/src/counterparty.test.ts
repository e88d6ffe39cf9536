import { describe, expect, test } from 'vitest'
import { evmAddress as evm, solanaAddress as solana } from '../test/fixtures.js'
import {
  counterpartyAddressParamsSchema,
  counterpartyDetailSchema,
  counterpartySchema,
  createCounterpartyParamsSchema,
  listCounterpartiesQuerySchema,
  listCounterpartiesResponseSchema,
  networkTrustQuerySchema,
  networkTrustSchema,
  trustLevelSchema,
  trustScoreSchema,
  updateCounterpartyParamsSchema,
} from './counterparty.js'
import { defaults, trustLevelForScore } from './defaults.js'
import { counterpartyEndpoints, sdkCounterpartyEndpoints } from './endpoints/counterparties.js'
import { wireErrorCodeOf } from './errors.js'

const counterpartyFixture = {
  id: 'cpty_abc123',
  name: 'Acme Cloud',
  address: evm,
  chainType: 'EVM',
  type: 'VENDOR',
  status: 'VERIFIED',
  trustScore: 0.62,
  trustLevel: 'VERIFIED',
  riskLevel: 'MEDIUM',
  verified: true,
  category: 'CLOUD',
  approvalStatus: 'APPROVED',
  notes: null,
  description: 'Cloud hosting',
  website: 'https://acme.example',
  country: 'US',
  transactionCount: 12,
  totalVolume: 1250.5,
  averageAmount: 104.208333,
  lastTransactionAt: '2026-04-07T12:00:00.000Z',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-04-07T12:00:00.000Z',
}

const networkTrustFixture = {
  globalScore: 0.71,
  transactionCount: 340,
  organizationCount: 9,
  lastUpdated: '2026-04-07T00:00:00.000Z',
}

describe('createCounterpartyParamsSchema', () => {
  test('default', () => {
    const parsed = createCounterpartyParamsSchema.parse({ name: 'Acme', address: evm })
    expect(parsed).toEqual({
      name: 'Acme',
      address: evm,
      type: 'VENDOR',
      trustScore: 0.5,
      trustLevel: 'UNKNOWN',
      status: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      verified: false,
    })
    expect(parsed.trustScore).toBe(defaults.counterparty.trustScore)
    expect(parsed.trustLevel).toBe(defaults.counterparty.trustLevel)
    expect(parsed.riskLevel).toBe(defaults.counterparty.riskLevel)
    expect(parsed.verified).toBe(defaults.counterparty.verified)
    expect(parsed.type).toBe(defaults.counterparty.type)
  })

  test('args: the shopping starter body (conto-api.md §8.1)', () => {
    const parsed = createCounterpartyParamsSchema.parse({
      name: 'Retail Merchant',
      address: evm,
      type: 'VENDOR',
      category: 'MERCHANDISE',
      approvalStatus: 'APPROVED',
    })
    expect(parsed.category).toBe('MERCHANDISE')
    expect(parsed.approvalStatus).toBe('APPROVED')
  })

  test('args: every field', () => {
    const parsed = createCounterpartyParamsSchema.parse({
      name: 'Solana DEX',
      address: solana,
      category: 'PAYMENTS',
      status: 'SUSPICIOUS',
      notes: 'watch closely',
      type: 'PROTOCOL',
      description: 'x'.repeat(500),
      approvalStatus: 'PENDING',
      website: 'https://dex.example/about',
      country: 'DE',
      trustScore: 0.3,
      trustLevel: 'SUSPICIOUS',
      riskLevel: 'HIGH',
      verified: true,
    })
    expect(parsed.status).toBe('SUSPICIOUS')
    expect(parsed.trustLevel).toBe('SUSPICIOUS')
    expect(parsed.type).toBe('PROTOCOL')
  })

  test.each([
    [0.9, 'TRUSTED'],
    [0.6, 'VERIFIED'],
    [0.5, 'UNKNOWN'],
    [0.1, 'BLOCKED'],
  ])('behavior: omitted trustLevel follows the band of trustScore %s', (trustScore, level) => {
    const parsed = createCounterpartyParamsSchema.parse({ name: 'A', address: evm, trustScore })
    expect(parsed.trustLevel).toBe(level)
    expect(parsed.trustLevel).toBe(trustLevelForScore(trustScore))
    expect(parsed.status).toBe(level)
  })

  test('behavior: an explicit status sets the trust level when trustLevel is omitted', () => {
    const parsed = createCounterpartyParamsSchema.parse({
      name: 'A',
      address: evm,
      status: 'BLOCKED',
    })
    expect(parsed.trustLevel).toBe('BLOCKED')
    expect(parsed.status).toBe('BLOCKED')
  })

  test('behavior: name is trimmed; 100 characters pass, 101 fail', () => {
    expect(createCounterpartyParamsSchema.parse({ name: '  Acme  ', address: evm }).name).toBe(
      'Acme',
    )
    expect(
      createCounterpartyParamsSchema.safeParse({ name: 'a'.repeat(100), address: evm }).success,
    ).toBe(true)
    const result = createCounterpartyParamsSchema.safeParse({ name: 'a'.repeat(101), address: evm })
    expect(result.error?.issues[0]?.message).toBe('name must be 1-100 characters')
  })

  test('error: name missing or empty', () => {
    expect(
      createCounterpartyParamsSchema.safeParse({ address: evm }).error?.issues[0]?.message,
    ).toBe('name is required')
    expect(createCounterpartyParamsSchema.safeParse({ name: '   ', address: evm }).success).toBe(
      false,
    )
  })

  test('error: description over 500 characters', () => {
    const result = createCounterpartyParamsSchema.safeParse({
      name: 'A',
      address: evm,
      description: 'x'.repeat(501),
    })
    expect(result.error?.issues[0]?.message).toBe('description must be at most 500 characters')
  })

  test.each([
    ['EVM lower case', evm.toLowerCase()],
    ['EVM mixed case', evm],
    ['Solana', solana],
  ])('args: address %s', (_, address) => {
    expect(createCounterpartyParamsSchema.safeParse({ name: 'A', address }).success).toBe(true)
  })

  test.each([
    ['too short', '0x1234'],
    ['not hex', '0xZZ2d35Cc6634C0532925a3b844Bc9e7595f2e3a1'],
    ['base58 with 0', '0EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'],
  ])('error: INVALID_ADDRESS for %s', (_, address) => {
    const result = createCounterpartyParamsSchema.safeParse({ name: 'A', address })
    expect(result.success).toBe(false)
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_ADDRESS')
  })

  test('error: address missing', () => {
    const result = createCounterpartyParamsSchema.safeParse({ name: 'A' })
    expect(result.error?.issues[0]?.message).toBe('address is required')
  })

  test('error: unknown type lists the allowed values', () => {
    const result = createCounterpartyParamsSchema.safeParse({
      name: 'A',
      address: evm,
      type: 'SHOP',
    })
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid type "SHOP": expected one of VENDOR, SERVICE_PROVIDER, AGENT, INDIVIDUAL, EXCHANGE, PROTOCOL, OTHER',
    )
  })

  test('error: unknown riskLevel, trustLevel and approvalStatus list the allowed values', () => {
    const risk = createCounterpartyParamsSchema.safeParse({
      name: 'A',
      address: evm,
      riskLevel: 'EXTREME',
    })
    expect(risk.error?.issues[0]?.message).toBe(
      'Invalid riskLevel "EXTREME": expected one of LOW, MEDIUM, HIGH, CRITICAL',
    )
    const trust = createCounterpartyParamsSchema.safeParse({
      name: 'A',
      address: evm,
      trustLevel: 'OK',
    })
    expect(trust.error?.issues[0]?.message).toBe(
      'Invalid trustLevel "OK": expected one of TRUSTED, VERIFIED, UNKNOWN, BLOCKED, SUSPICIOUS',
    )
    const approval = createCounterpartyParamsSchema.safeParse({
      name: 'A',
      address: evm,
      approvalStatus: 'MAYBE',
    })
    expect(approval.error?.issues[0]?.message).toBe(
      'Invalid approvalStatus "MAYBE": expected one of APPROVED, PENDING, REJECTED',
    )
  })

  test.each(['us', 'USA', 'U', '12'])(
    'error: country %s is not two upper-case letters',
    (country) => {
      expect(
        createCounterpartyParamsSchema.safeParse({ name: 'A', address: evm, country }).success,
      ).toBe(false)
    },
  )

  test.each(['not a url', 'ftp://files.example', 'javascript:alert(1)'])(
    'error: website %s',
    (website) => {
      expect(
        createCounterpartyParamsSchema.safeParse({ name: 'A', address: evm, website }).success,
      ).toBe(false)
    },
  )
})

describe('trustScoreSchema', () => {
  test.each([0, 0.2, 0.5, 0.75, 1])('args: %s is within bounds', (score) => {
    expect(trustScoreSchema.parse(score)).toBe(score)
  })

  test.each([-0.01, 1.01, 70])('error: %s is out of bounds', (score) => {
    const result = trustScoreSchema.safeParse(score)
    expect(result.error?.issues[0]?.message).toBe('trustScore must be between 0 and 1')
  })

  test('error: a string score', () => {
    expect(trustScoreSchema.safeParse('0.5').success).toBe(false)
  })

  test('behavior: bounds apply on create and update', () => {
    expect(
      createCounterpartyParamsSchema.safeParse({ name: 'A', address: evm, trustScore: 0 }).success,
    ).toBe(true)
    expect(
      createCounterpartyParamsSchema.safeParse({ name: 'A', address: evm, trustScore: 1 }).success,
    ).toBe(true)
    expect(
      createCounterpartyParamsSchema.safeParse({ name: 'A', address: evm, trustScore: -0.01 })
        .success,
    ).toBe(false)
    expect(
      createCounterpartyParamsSchema.safeParse({ name: 'A', address: evm, trustScore: 1.01 })
        .success,
    ).toBe(false)
    expect(updateCounterpartyParamsSchema.safeParse({ trustScore: 1.01 }).success).toBe(false)
    expect(updateCounterpartyParamsSchema.safeParse({ trustScore: 0 }).success).toBe(true)
  })
})

describe('trustLevelSchema', () => {
  test('default', () => {
    for (const level of ['TRUSTED', 'VERIFIED', 'UNKNOWN', 'BLOCKED', 'SUSPICIOUS']) {
      expect(trustLevelSchema.parse(level)).toBe(level)
    }
  })

  test('error: lower case is rejected', () => {
    expect(trustLevelSchema.safeParse('trusted').success).toBe(false)
  })
})

describe('updateCounterpartyParamsSchema', () => {
  test('default', () => {
    expect(updateCounterpartyParamsSchema.parse({})).toEqual({})
  })

  test('args: a block and clearing nullable fields', () => {
    const parsed = updateCounterpartyParamsSchema.parse({
      status: 'BLOCKED',
      trustLevel: 'BLOCKED',
      riskLevel: 'CRITICAL',
      notes: null,
      website: null,
      country: null,
      description: null,
      category: null,
    })
    expect(parsed.status).toBe('BLOCKED')
    expect(parsed.notes).toBeNull()
  })

  test('behavior: no defaults are applied on update', () => {
    const parsed = updateCounterpartyParamsSchema.parse({ name: 'Renamed' })
    expect(parsed).toEqual({ name: 'Renamed' })
  })

  test('error: invalid fields', () => {
    expect(updateCounterpartyParamsSchema.safeParse({ name: '' }).success).toBe(false)
    expect(updateCounterpartyParamsSchema.safeParse({ description: 'x'.repeat(501) }).success).toBe(
      false,
    )
    expect(updateCounterpartyParamsSchema.safeParse({ type: 'SHOP' }).success).toBe(false)
    const address = updateCounterpartyParamsSchema.safeParse({ address: '0x12' })
    expect(wireErrorCodeOf(address.error?.issues ?? [])).toBe('INVALID_ADDRESS')
  })
})

describe('listCounterpartiesQuerySchema', () => {
  test('default', () => {
    expect(listCounterpartiesQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: filters as query strings (shopping starter: ?search=&limit=20)', () => {
    expect(
      listCounterpartiesQuerySchema.parse({
        limit: '20',
        offset: '40',
        status: 'TRUSTED',
        search: '0x742d',
        type: 'VENDOR',
        approvalStatus: 'APPROVED',
      }),
    ).toEqual({
      limit: 20,
      offset: 40,
      status: 'TRUSTED',
      search: '0x742d',
      type: 'VENDOR',
      approvalStatus: 'APPROVED',
    })
  })

  test('error: limit over 100 and an unknown status', () => {
    // Above 100 reads as 100 (conto-api §6.4: cap 100).
    expect(listCounterpartiesQuerySchema.parse({ limit: '101' }).limit).toBe(100)
    const result = listCounterpartiesQuerySchema.safeParse({ status: 'GOOD' })
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid status "GOOD": expected one of TRUSTED, VERIFIED, UNKNOWN, BLOCKED, SUSPICIOUS',
    )
  })
})

describe('counterpartySchema', () => {
  test('default', () => {
    expect(counterpartySchema.parse(counterpartyFixture)).toEqual(counterpartyFixture)
  })

  test('behavior: nullable fields, no chainType, networkTrust present or null', () => {
    const { chainType: _chainType, ...rest } = counterpartyFixture
    const minimal = {
      ...rest,
      category: null,
      approvalStatus: null,
      description: null,
      website: null,
      country: null,
      lastTransactionAt: null,
    }
    expect(counterpartySchema.safeParse(minimal).success).toBe(true)
    expect(counterpartySchema.safeParse({ ...minimal, networkTrust: null }).success).toBe(true)
    expect(
      counterpartySchema.safeParse({ ...minimal, networkTrust: networkTrustFixture }).success,
    ).toBe(true)
  })

  test('behavior: values added to the API later still parse', () => {
    const parsed = counterpartySchema.parse({
      ...counterpartyFixture,
      type: 'MERCHANT',
      riskLevel: 'SEVERE',
    })
    expect(parsed.type).toBe('MERCHANT')
  })

  test('error: trust score outside 0-1 or a missing field', () => {
    expect(counterpartySchema.safeParse({ ...counterpartyFixture, trustScore: 70 }).success).toBe(
      false,
    )
    const { verified: _verified, ...withoutVerified } = counterpartyFixture
    expect(counterpartySchema.safeParse(withoutVerified).success).toBe(false)
  })
})

describe('counterpartyDetailSchema', () => {
  test('default', () => {
    const detail = { ...counterpartyFixture, networkTrust: networkTrustFixture }
    expect(counterpartyDetailSchema.parse(detail)).toEqual(detail)
    expect(
      counterpartyDetailSchema.safeParse({ ...counterpartyFixture, networkTrust: null }).success,
    ).toBe(true)
  })

  test('error: networkTrust is required on the detail view', () => {
    expect(counterpartyDetailSchema.safeParse(counterpartyFixture).success).toBe(false)
  })
})

describe('listCounterpartiesResponseSchema', () => {
  test('default', () => {
    const body = {
      counterparties: [counterpartyFixture],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
    }
    expect(listCounterpartiesResponseSchema.parse(body)).toEqual(body)
  })

  test('error: missing pagination', () => {
    expect(listCounterpartiesResponseSchema.safeParse({ counterparties: [] }).success).toBe(false)
  })
})

describe('networkTrustSchema', () => {
  test('default', () => {
    const body = { address: evm, ...networkTrustFixture, trustLevel: 'VERIFIED' }
    expect(networkTrustSchema.parse(body)).toEqual(body)
  })

  test('args: an address the network has never seen', () => {
    const body = {
      address: evm,
      globalScore: 0.5,
      transactionCount: 0,
      organizationCount: 0,
      trustLevel: 'UNKNOWN',
      lastUpdated: null,
    }
    expect(networkTrustSchema.parse(body)).toEqual(body)
  })

  test('error: the query needs a valid address', () => {
    expect(networkTrustQuerySchema.safeParse({}).error?.issues[0]?.message).toBe(
      'address is required',
    )
    const result = networkTrustQuerySchema.safeParse({ address: 'nope' })
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_ADDRESS')
    expect(counterpartyAddressParamsSchema.safeParse({ address: solana }).success).toBe(true)
  })
})

describe('counterpartyEndpoints', () => {
  test('behavior: key kinds, rate limits, scopes and tags', () => {
    for (const endpoint of Object.values(counterpartyEndpoints)) {
      expect(endpoint.keyKinds).toEqual(['org'])
      expect(endpoint.tag).toBe('Counterparties')
      expect(endpoint.scopes).toEqual([
        endpoint.method === 'GET' ? 'counterparties:read' : 'counterparties:write',
      ])
    }
    for (const endpoint of Object.values(sdkCounterpartyEndpoints)) {
      expect(endpoint.rateLimit).toBe('sdkRead')
    }
    expect(sdkCounterpartyEndpoints.networkTrust).toMatchObject({
      id: 'sdkNetwork.trust',
      path: '/api/sdk/network/trust',
      scopes: ['network:read'],
      tag: 'SDK Network',
    })
    expect(sdkCounterpartyEndpoints.retrieve.path).toBe('/api/sdk/counterparties/{address}')
    expect(counterpartyEndpoints.create.successStatus).toBe(201)
    expect(sdkCounterpartyEndpoints.create.successStatus).toBe(201)
  })
})
