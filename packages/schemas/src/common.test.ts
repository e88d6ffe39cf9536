import { describe, expect, test } from 'vitest'
import * as z from 'zod/mini'
import { evmAddress as evm, solanaAddress as solana } from '../test/fixtures.js'
import {
  addressSchema,
  amountSchema,
  approvalTokenSchema,
  enumSchema,
  evmAddressSchema,
  fromMicros,
  hasAtMostSixDecimals,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  queryBooleanSchema,
  spendLimitSchema,
  timezoneSchema,
  toMicros,
  txHashSchema,
} from './common.js'
import { wireErrorCodeOf } from './errors.js'

describe('amountSchema', () => {
  const amount = amountSchema()

  test('default', () => {
    expect(amount.parse(50)).toBe(50)
    expect(amount.parse(0.000001)).toBe(0.000001)
    expect(amount.parse(1.123456)).toBe(1.123456)
  })

  test('behavior: float noise from arithmetic is not a 7th decimal', () => {
    expect(amount.parse(0.1 + 0.2)).toBeCloseTo(0.3)
  })

  test.each([
    ['zero', 0],
    ['negative', -1],
    ['7 decimals', 1.1234567],
    ['a string', '10'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('error: INVALID_AMOUNT for %s', (_, value) => {
    const result = amount.safeParse(value)
    expect(result.success).toBe(false)
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_AMOUNT')
  })

  test('error: a missing amount is a plain validation error', () => {
    const result = z.object({ amount }).safeParse({})
    expect(result.error?.issues[0]?.message).toBe('amount is required')
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('VALIDATION_ERROR')
  })

  test('args: positive false allows 0', () => {
    expect(amountSchema({ positive: false }).parse(0)).toBe(0)
    expect(amountSchema({ positive: false }).safeParse(-0.5).success).toBe(false)
  })
})

describe('spendLimitSchema', () => {
  test('default', () => {
    expect(spendLimitSchema.parse(null)).toBeNull()
    expect(spendLimitSchema.parse(0)).toBe(0)
    expect(spendLimitSchema.parse(1000)).toBe(1000)
    expect(spendLimitSchema.safeParse(-1).success).toBe(false)
  })
})

describe('hasAtMostSixDecimals', () => {
  test('default', () => {
    expect(hasAtMostSixDecimals(1)).toBe(true)
    expect(hasAtMostSixDecimals(123456.654321)).toBe(true)
    expect(hasAtMostSixDecimals(0.0000001)).toBe(false)
    expect(hasAtMostSixDecimals(Number.NaN)).toBe(false)
  })
})

describe('toMicros', () => {
  test('default', () => {
    expect(toMicros(0.1) + toMicros(0.2)).toBe(toMicros(0.3))
    expect(toMicros(1.5)).toBe(1_500_000)
    expect(fromMicros(toMicros(250.75))).toBe(250.75)
  })
})

describe('addressSchema', () => {
  test('default', () => {
    expect(addressSchema.parse(evm)).toBe(evm)
    expect(addressSchema.parse(evm.toLowerCase())).toBe(evm.toLowerCase())
    expect(addressSchema.parse(solana)).toBe(solana)
  })

  test.each([
    ['too short', '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a'],
    ['too long', `${evm}0`],
    ['not hex', '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3aZ'],
    ['base58 with 0', '0EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'],
    ['empty', ''],
  ])('error: INVALID_ADDRESS when %s', (_, value) => {
    const result = addressSchema.safeParse(value)
    expect(result.success).toBe(false)
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_ADDRESS')
  })

  test('behavior: evmAddressSchema refuses Solana addresses', () => {
    expect(evmAddressSchema.safeParse(solana).success).toBe(false)
  })
})

describe('txHashSchema', () => {
  test('default', () => {
    expect(txHashSchema.safeParse(`0x${'ab'.repeat(32)}`).success).toBe(true)
    expect(txHashSchema.safeParse(`0x${'ab'.repeat(31)}`).success).toBe(false)
    expect(txHashSchema.safeParse('5'.repeat(87)).success).toBe(true)
  })
})

describe('approvalTokenSchema', () => {
  test('default', () => {
    expect(approvalTokenSchema.safeParse('a'.repeat(64)).success).toBe(true)
    const result = approvalTokenSchema.safeParse('a'.repeat(63))
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_APPROVAL_TOKEN')
  })
})

describe('idSchema', () => {
  test('default', () => {
    expect(idSchema.parse('cmm59z8fj000l49h7bjqza11p')).toBe('cmm59z8fj000l49h7bjqza11p')
    expect(idSchema.safeParse('').success).toBe(false)
    expect(idSchema.safeParse('../etc/passwd').success).toBe(false)
    expect(idSchema.safeParse('a'.repeat(129)).success).toBe(false)
  })
})

describe('isoTimestampSchema', () => {
  test('default', () => {
    expect(isoTimestampSchema.safeParse('2026-04-07T12:00:00.000Z').success).toBe(true)
    expect(isoTimestampSchema.safeParse('2024-01-15T10:00:00Z').success).toBe(true)
    expect(isoTimestampSchema.safeParse('2026-04-07').success).toBe(false)
    expect(isoTimestampSchema.safeParse('yesterday').success).toBe(false)
  })
})

describe('enumSchema', () => {
  test('error: the message names the field and lists the allowed values', () => {
    const result = enumSchema(['A', 'B'], 'kind').safeParse('C')
    expect(result.error?.issues[0]?.message).toMatchInlineSnapshot(
      `"Invalid kind "C": expected one of A, B"`,
    )
  })

  test('error: missing', () => {
    const result = z.object({ kind: enumSchema(['A'], 'kind') }).safeParse({})
    expect(result.error?.issues[0]?.message).toBe('kind is required')
  })
})

describe('openEnumSchema', () => {
  test('behavior: accepts values added later', () => {
    const schema = openEnumSchema(['A', 'B'])
    expect(schema.parse('A')).toBe('A')
    expect(schema.parse('NEW_VALUE')).toBe('NEW_VALUE')
    expect(schema.safeParse(1).success).toBe(false)
  })
})

describe('paginationQuerySchema', () => {
  test('default', () => {
    expect(paginationQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
    expect(paginationQuerySchema.parse({ limit: '100', offset: '20' })).toEqual({
      limit: 100,
      offset: 20,
    })
  })

  test('behavior: a limit above 100 is capped at 100 (conto-api §6.4)', () => {
    expect(paginationQuerySchema.parse({ limit: '101' }).limit).toBe(100)
    expect(paginationQuerySchema.parse({ limit: 5000 }).limit).toBe(100)
  })

  test.each([{ limit: '0' }, { limit: 'abc' }, { offset: '-1' }, { limit: '1.5' }])(
    'error: %o',
    (query) => {
      expect(paginationQuerySchema.safeParse(query).success).toBe(false)
    },
  )
})

describe('queryBooleanSchema', () => {
  test('default', () => {
    expect(queryBooleanSchema.parse('true')).toBe(true)
    expect(queryBooleanSchema.parse('false')).toBe(false)
    expect(queryBooleanSchema.parse('1')).toBe(true)
    expect(queryBooleanSchema.safeParse('yes').success).toBe(false)
  })
})

describe('listEnvelopeSchema', () => {
  test('default', () => {
    const schema = listEnvelopeSchema('items', z.object({ id: z.string() }))
    const value = schema.parse({
      items: [{ id: 'a', extra: 1 }],
      pagination: { total: 1, limit: 50, offset: 0, hasMore: false },
      future: true,
    })
    expect(value.items).toEqual([{ id: 'a' }])
  })
})

describe('timezoneSchema', () => {
  test('default', () => {
    expect(timezoneSchema.parse('UTC')).toBe('UTC')
    expect(timezoneSchema.parse('America/New_York')).toBe('America/New_York')
    expect(timezoneSchema.safeParse('Mars/Olympus').error?.issues[0]?.message).toContain(
      'Invalid timezone "Mars/Olympus"',
    )
  })
})
