import { describe, expect, test } from 'vitest'
import { now, approvalToken as token } from '../test/fixtures.js'
import { errorCodeOf, messagesOf } from '../test/parse-result.js'
import {
  agentCardLinkSchema,
  assignCardParamsSchema,
  assignCardResponseSchema,
  cardApproveParamsSchema,
  cardApproveResultSchema,
  cardBrands,
  cardConfirmParamsSchema,
  cardConfirmResultSchema,
  cardLast4Schema,
  cardPolicyLinkResponseSchema,
  cardResponseSchema,
  cardSchema,
  createCardParamsSchema,
  linkCardPolicyParamsSchema,
  listCardsQuerySchema,
  listCardsResponseSchema,
  mccSchema,
  setCardStateParamsSchema,
} from './card.js'
import { defaults } from './defaults.js'
import type { EndpointDefinition } from './endpoint.js'
import { cardEndpoints, sdkCardEndpoints } from './endpoints/cards.js'

const card = {
  id: 'clx_abc123',
  name: 'Marketing Card',
  provider: 'MANUAL',
  last4: '4242',
  brand: 'VISA',
  cardType: 'VIRTUAL',
  status: 'ACTIVE',
  spendLimitDaily: 1000,
  spendLimitPerTx: 500,
  createdAt: now,
  updatedAt: now,
}

describe('cardLast4Schema', () => {
  test('default: exactly four digits', () => {
    expect(cardLast4Schema.parse('4242')).toBe('4242')
    expect(cardLast4Schema.parse('0000')).toBe('0000')
  })

  test('error: three, five, non-digit or numeric last4', () => {
    for (const value of ['424', '42424', 'abcd', '42 4', '', 4242]) {
      const result = cardLast4Schema.safeParse(value)
      expect(result.success, String(value)).toBe(false)
    }
    expect(messagesOf(cardLast4Schema.safeParse('424'))).toContain('exactly 4 digits')
  })
})

describe('mccSchema', () => {
  test('default: a four-digit merchant category code', () => {
    for (const mcc of ['5411', '5812', '7995', '0742']) expect(mccSchema.parse(mcc)).toBe(mcc)
  })

  test('error: wrong length, letters, numbers', () => {
    for (const value of ['541', '54111', 'ab12', ' 541', 5411]) {
      expect(mccSchema.safeParse(value).success, String(value)).toBe(false)
    }
    expect(messagesOf(mccSchema.safeParse('541'))).toContain('exactly 4 digits')
  })
})

describe('createCardParamsSchema', () => {
  const minimal = { name: 'Marketing Card', last4: '4242', brand: 'VISA' }

  test('default: provider MANUAL, VIRTUAL, limits from defaults.card', () => {
    expect(createCardParamsSchema.parse(minimal)).toEqual({
      ...minimal,
      provider: 'MANUAL',
      cardType: 'VIRTUAL',
      spendLimitDaily: defaults.card.spendLimitDaily,
      spendLimitPerTx: defaults.card.spendLimitPerTx,
    })
    expect(defaults.card.spendLimitDaily).toBe(1000)
    expect(defaults.card.spendLimitPerTx).toBe(500)
  })

  test('args: the documented POST /api/cards example', () => {
    const body = {
      provider: 'MANUAL',
      name: 'Marketing Card',
      last4: '4242',
      brand: 'VISA',
      cardType: 'VIRTUAL',
      spendLimitDaily: 1000,
      spendLimitPerTx: 500,
    }
    expect(createCardParamsSchema.parse(body)).toEqual(body)
  })

  test('args: every brand, provider and card type', () => {
    for (const brand of cardBrands) {
      expect(createCardParamsSchema.parse({ ...minimal, brand }).brand).toBe(brand)
    }
    for (const provider of ['MANUAL', 'STRIPE_ISSUING', 'LITHIC']) {
      expect(createCardParamsSchema.parse({ ...minimal, provider }).provider).toBe(provider)
    }
    expect(createCardParamsSchema.parse({ ...minimal, cardType: 'PHYSICAL' }).cardType).toBe(
      'PHYSICAL',
    )
  })

  test('args: limits of 0 (blocks everything) and null (unlimited); 6 decimals', () => {
    const parsed = createCardParamsSchema.parse({
      ...minimal,
      spendLimitDaily: null,
      spendLimitPerTx: 0,
    })
    expect(parsed.spendLimitDaily).toBeNull()
    expect(parsed.spendLimitPerTx).toBe(0)
    expect(
      createCardParamsSchema.parse({ ...minimal, spendLimitPerTx: 1.123456 }).spendLimitPerTx,
    ).toBe(1.123456)
  })

  test('behavior: name is trimmed; 100 characters allowed', () => {
    expect(createCardParamsSchema.parse({ ...minimal, name: '  Ops  ' }).name).toBe('Ops')
    expect(createCardParamsSchema.parse({ ...minimal, name: 'n'.repeat(100) }).name).toHaveLength(
      100,
    )
  })

  test('error: name of 0 or 101 characters', () => {
    for (const name of ['', '   ', 'n'.repeat(101)]) {
      const result = createCardParamsSchema.safeParse({ ...minimal, name })
      expect(messagesOf(result)).toContain('name must be 1-100 characters')
    }
    expect(
      messagesOf(createCardParamsSchema.safeParse({ last4: '4242', brand: 'VISA' })),
    ).toContain('name is required')
  })

  test('error: unknown brand, provider and card type list the allowed values', () => {
    expect(messagesOf(createCardParamsSchema.safeParse({ ...minimal, brand: 'DISCOVER' }))).toBe(
      'Invalid brand "DISCOVER": expected one of VISA, MASTERCARD, AMEX, OTHER',
    )
    expect(messagesOf(createCardParamsSchema.safeParse({ ...minimal, provider: 'MARQETA' }))).toBe(
      'Invalid provider "MARQETA": expected one of MANUAL, STRIPE_ISSUING, LITHIC',
    )
    expect(messagesOf(createCardParamsSchema.safeParse({ ...minimal, cardType: 'METAL' }))).toBe(
      'Invalid cardType "METAL": expected one of VIRTUAL, PHYSICAL',
    )
    expect(messagesOf(createCardParamsSchema.safeParse({ name: 'x', last4: '4242' }))).toContain(
      'brand is required',
    )
  })

  test('error: last4 must be 4 digits', () => {
    const result = createCardParamsSchema.safeParse({ ...minimal, last4: '42424' })
    expect(result.error?.issues[0]?.path).toEqual(['last4'])
  })

  test('error: negative limits and 7 decimals are INVALID_AMOUNT', () => {
    for (const value of [-1, 1.1234567]) {
      const result = createCardParamsSchema.safeParse({ ...minimal, spendLimitDaily: value })
      expect(errorCodeOf(result), String(value)).toBe('INVALID_AMOUNT')
    }
  })
})

describe('cardSchema', () => {
  test('default: a full card and the { card } envelope', () => {
    expect(cardSchema.parse(card)).toEqual(card)
    expect(cardResponseSchema.parse({ card })).toEqual({ card })
  })

  test('behavior: the documented create response, with the fields the contract adds', () => {
    const documented = {
      card: {
        id: 'clx_abc123',
        name: 'Marketing Card',
        provider: 'MANUAL',
        last4: '4242',
        brand: 'VISA',
        status: 'ACTIVE',
      },
    }
    expect(cardResponseSchema.safeParse(documented).success).toBe(false)
    const completed = {
      card: {
        ...documented.card,
        cardType: 'VIRTUAL',
        spendLimitDaily: 1000,
        spendLimitPerTx: 500,
        createdAt: now,
        updatedAt: now,
      },
    }
    expect(cardResponseSchema.parse(completed)).toEqual(completed)
  })

  test('behavior: values added to the enums later still parse (open enums)', () => {
    expect(cardSchema.parse({ ...card, brand: 'DISCOVER', status: 'EXPIRED' }).brand).toBe(
      'DISCOVER',
    )
  })

  test('args: null limits', () => {
    expect(cardSchema.parse({ ...card, spendLimitDaily: null }).spendLimitDaily).toBeNull()
  })
})

describe('listCardsQuerySchema', () => {
  test('default: limit 50, offset 0', () => {
    expect(listCardsQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 })
  })

  test('args: status filter and string numbers', () => {
    expect(listCardsQuerySchema.parse({ status: 'PAUSED', limit: '100', offset: '10' })).toEqual({
      status: 'PAUSED',
      limit: 100,
      offset: 10,
    })
  })

  test('error: unknown status, limit 101', () => {
    expect(messagesOf(listCardsQuerySchema.safeParse({ status: 'FROZEN' }))).toBe(
      'Invalid status "FROZEN": expected one of ACTIVE, PAUSED, CANCELLED',
    )
    expect(listCardsQuerySchema.parse({ limit: 101 }).limit).toBe(100)
  })

  test('args: list response envelope', () => {
    const body = { cards: [card], pagination: { total: 1, limit: 50, offset: 0, hasMore: false } }
    expect(listCardsResponseSchema.parse(body)).toEqual(body)
  })
})

describe('setCardStateParamsSchema', () => {
  test('args: the three documented states', () => {
    for (const state of ['PAUSED', 'ACTIVE', 'CANCELLED']) {
      expect(setCardStateParamsSchema.parse({ state })).toEqual({ state })
    }
  })

  test('error: unknown or missing state', () => {
    expect(messagesOf(setCardStateParamsSchema.safeParse({ state: 'FROZEN' }))).toBe(
      'Invalid state "FROZEN": expected one of ACTIVE, PAUSED, CANCELLED',
    )
    expect(messagesOf(setCardStateParamsSchema.safeParse({}))).toBe('state is required')
  })
})

describe('linkCardPolicyParamsSchema', () => {
  test('default: { policyId } and the created link', () => {
    expect(linkCardPolicyParamsSchema.parse({ policyId: 'pol_1' })).toEqual({ policyId: 'pol_1' })
    const response = {
      cardPolicy: { id: 'cp_1', cardId: 'clx_abc123', policyId: 'pol_1', createdAt: now },
    }
    expect(cardPolicyLinkResponseSchema.parse(response)).toEqual(response)
  })

  test('error: missing or malformed policyId', () => {
    expect(linkCardPolicyParamsSchema.safeParse({}).success).toBe(false)
    expect(linkCardPolicyParamsSchema.safeParse({ policyId: 'pol 1' }).success).toBe(false)
  })
})

describe('assignCardParamsSchema', () => {
  test('default: per-agent limits 250/500, link-style days, hours and timezone', () => {
    expect(assignCardParamsSchema.parse({ cardId: 'clx_abc123' })).toEqual({
      cardId: 'clx_abc123',
      spendLimitPerTx: 250,
      spendLimitDaily: 500,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      allowedHoursStart: 0,
      allowedHoursEnd: 24,
      timezone: 'UTC',
      blockedCategories: [],
      blockedMerchants: [],
    })
    expect(defaults.card.agentSpendLimitPerTx).toBe(250)
    expect(defaults.card.agentSpendLimitDaily).toBe(500)
  })

  test('args: the documented assign example', () => {
    const body = {
      cardId: 'clx_abc123',
      spendLimitPerTx: 250,
      spendLimitDaily: 500,
      allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      allowedHoursStart: 9,
      allowedHoursEnd: 17,
      blockedCategories: ['7995'],
    }
    expect(assignCardParamsSchema.parse(body)).toEqual({
      ...body,
      timezone: 'UTC',
      blockedMerchants: [],
    })
  })

  test('args: every optional field', () => {
    const body = {
      cardId: 'clx_abc123',
      spendLimitPerTx: 100,
      spendLimitDaily: 300,
      spendLimitWeekly: 1000,
      spendLimitMonthly: null,
      allowedDays: ['Sat', 'Sun'],
      allowedHoursStart: 22,
      allowedHoursEnd: 6,
      timezone: 'America/New_York',
      allowedCategories: ['5411', '5812'],
      blockedCategories: ['7995'],
      allowedMerchants: ['Amazon', 'Stripe'],
      blockedMerchants: ['Casino.com'],
    }
    expect(assignCardParamsSchema.parse(body)).toEqual(body)
  })

  test('error: category MCCs must be 4 digits', () => {
    const blocked = assignCardParamsSchema.safeParse({
      cardId: 'c1',
      blockedCategories: ['7995', 'GAMBLING'],
    })
    expect(blocked.error?.issues[0]?.path).toEqual(['blockedCategories', 1])
    expect(messagesOf(blocked)).toContain('exactly 4 digits')
    const allowed = assignCardParamsSchema.safeParse({ cardId: 'c1', allowedCategories: ['541'] })
    expect(allowed.error?.issues[0]?.path).toEqual(['allowedCategories', 0])
  })

  test('error: hours out of range, unknown day, unknown timezone', () => {
    for (const hours of [
      { allowedHoursStart: -1 },
      { allowedHoursStart: 24 },
      { allowedHoursEnd: 0 },
      { allowedHoursEnd: 25 },
      { allowedHoursStart: 9.5 },
    ]) {
      expect(assignCardParamsSchema.safeParse({ cardId: 'c1', ...hours }).success).toBe(false)
    }
    expect(
      messagesOf(assignCardParamsSchema.safeParse({ cardId: 'c1', allowedDays: ['Monday'] })),
    ).toContain('Invalid day "Monday"')
    expect(
      messagesOf(assignCardParamsSchema.safeParse({ cardId: 'c1', timezone: 'Mars/Olympus' })),
    ).toContain('Invalid timezone')
  })

  test('error: negative limit is INVALID_AMOUNT; cardId required', () => {
    const result = assignCardParamsSchema.safeParse({ cardId: 'c1', spendLimitWeekly: -5 })
    expect(errorCodeOf(result)).toBe('INVALID_AMOUNT')
    expect(assignCardParamsSchema.safeParse({}).success).toBe(false)
  })
})

describe('agentCardLinkSchema', () => {
  const link = {
    id: 'acl_1',
    agentId: 'agt_1',
    cardId: 'clx_abc123',
    spendLimitPerTx: 250,
    spendLimitDaily: 500,
    spendLimitWeekly: null,
    spendLimitMonthly: null,
    allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    allowedHoursStart: 9,
    allowedHoursEnd: 17,
    timezone: 'UTC',
    allowedCategories: null,
    blockedCategories: ['7995'],
    allowedMerchants: null,
    blockedMerchants: [],
    createdAt: now,
    updatedAt: now,
  }

  test('default: a link, with and without the embedded card', () => {
    expect(agentCardLinkSchema.parse(link)).toEqual(link)
    expect(assignCardResponseSchema.parse({ agentCard: { ...link, card } })).toEqual({
      agentCard: { ...link, card },
    })
  })
})

describe('cardApproveParamsSchema', () => {
  const documented = {
    amount: 99.99,
    merchantName: 'AWS',
    merchantCategory: 'INFRASTRUCTURE',
    purpose: 'EC2 instance charges',
    cardId: 'card_abc123',
  }

  test('default: the documented approve example', () => {
    expect(cardApproveParamsSchema.parse(documented)).toEqual(documented)
  })

  test('args: mcc and idempotencyKey (128 characters)', () => {
    const body = { ...documented, mcc: '5734', idempotencyKey: 'k'.repeat(128) }
    expect(cardApproveParamsSchema.parse(body)).toEqual(body)
  })

  test('error: mcc not 4 digits; idempotencyKey of 129 characters', () => {
    const mcc = cardApproveParamsSchema.safeParse({ ...documented, mcc: '57344' })
    expect(mcc.error?.issues[0]?.path).toEqual(['mcc'])
    expect(
      cardApproveParamsSchema.safeParse({ ...documented, idempotencyKey: 'k'.repeat(129) }).success,
    ).toBe(false)
  })

  test('error: required fields', () => {
    for (const field of ['amount', 'merchantName', 'merchantCategory', 'purpose', 'cardId']) {
      const body: Record<string, unknown> = { ...documented }
      delete body[field]
      const result = cardApproveParamsSchema.safeParse(body)
      expect(result.error?.issues[0]?.path, field).toEqual([field])
    }
    expect(
      messagesOf(cardApproveParamsSchema.safeParse({ ...documented, purpose: '  ' })),
    ).toContain('purpose must be 1-500 characters')
  })

  test('error: amount 0, negative, 7 decimals are INVALID_AMOUNT; 6 decimals pass', () => {
    for (const amount of [0, -1, 1.1234567, Number.NaN]) {
      const result = cardApproveParamsSchema.safeParse({ ...documented, amount })
      expect(errorCodeOf(result), String(amount)).toBe('INVALID_AMOUNT')
    }
    expect(cardApproveParamsSchema.parse({ ...documented, amount: 1.123456 }).amount).toBe(1.123456)
  })
})

describe('cardApproveResultSchema', () => {
  const base = {
    requestId: 'card_req_xyz',
    amount: 99.99,
    expiresAt: '2025-06-15T10:05:00Z',
    reasons: [],
    violations: [],
  }

  test('default: APPROVED carries the approval token', () => {
    const result = cardApproveResultSchema.parse({
      ...base,
      status: 'APPROVED',
      approvalToken: token,
      reasons: ['Within card daily limit'],
    })
    expect(result.status === 'APPROVED' && result.approvalToken).toBe(token)
  })

  test('error: APPROVED without a token', () => {
    expect(cardApproveResultSchema.safeParse({ ...base, status: 'APPROVED' }).success).toBe(false)
  })

  test('args: the documented DENIED example, with amount and expiresAt', () => {
    const denied = {
      requestId: 'card_req_xyz',
      status: 'DENIED',
      reasons: ['Daily spending limit exceeded'],
      violations: [
        { type: 'DAILY_LIMIT', limit: 500, current: 450, message: 'Would exceed daily limit' },
      ],
    }
    const completed = { ...denied, amount: 99.99, expiresAt: '2025-06-15T10:05:00Z' }
    expect(cardApproveResultSchema.parse(completed)).toEqual(completed)
  })

  test('args: REQUIRES_APPROVAL with approvalRequestId and an evaluation trace', () => {
    const body = {
      ...base,
      status: 'REQUIRES_APPROVAL',
      approvalRequestId: 'apr_1',
      evaluation: {
        policiesEvaluated: 1,
        rulesEvaluated: 1,
        matched: [],
        remaining: { perTransaction: 250, daily: 400, weekly: null, monthly: null },
      },
    }
    expect(cardApproveResultSchema.parse(body)).toEqual(body)
  })

  test('error: unknown status', () => {
    expect(cardApproveResultSchema.safeParse({ ...base, status: 'EXECUTED' }).success).toBe(false)
  })
})

describe('cardConfirmParamsSchema', () => {
  const body = {
    approvalToken: token,
    transactionReference: 'ch_1234567890',
    amount: 99.99,
    status: 'COMPLETED',
  }

  test('default: the documented confirm example plus the approval token', () => {
    expect(cardConfirmParamsSchema.parse(body)).toEqual(body)
    expect(cardConfirmParamsSchema.parse({ ...body, status: 'FAILED' }).status).toBe('FAILED')
  })

  test('error: the token is required and must be 64 hex characters', () => {
    const { approvalToken: _, ...withoutToken } = body
    expect(cardConfirmParamsSchema.safeParse(withoutToken).success).toBe(false)
    const bad = cardConfirmParamsSchema.safeParse({ ...body, approvalToken: 'abc' })
    expect(errorCodeOf(bad)).toBe('INVALID_APPROVAL_TOKEN')
  })

  test('error: unknown status lists the allowed values; empty reference', () => {
    expect(messagesOf(cardConfirmParamsSchema.safeParse({ ...body, status: 'PENDING' }))).toBe(
      'Invalid status "PENDING": expected one of COMPLETED, FAILED',
    )
    expect(cardConfirmParamsSchema.safeParse({ ...body, transactionReference: '' }).success).toBe(
      false,
    )
  })

  test('args: the confirmation response', () => {
    const response = {
      confirmed: true,
      transactionId: 'tx_1',
      requestId: 'card_req_xyz',
      status: 'COMPLETED',
      amount: 99.99,
      currency: 'USD',
    }
    expect(cardConfirmResultSchema.parse(response)).toEqual(response)
    expect(cardConfirmResultSchema.safeParse({ ...response, confirmed: false }).success).toBe(false)
  })
})

describe('cardEndpoints', () => {
  const all: EndpointDefinition[] = [
    ...Object.values(cardEndpoints),
    ...Object.values(sdkCardEndpoints),
  ]

  test('default: the §2.14 and §2.19 routes', () => {
    expect(all.map((endpoint) => `${endpoint.id} ${endpoint.method} ${endpoint.path}`)).toEqual([
      'cards.create POST /api/cards',
      'cards.list GET /api/cards',
      'cards.retrieve GET /api/cards/{cardId}',
      'cards.setState PATCH /api/cards/{cardId}/state',
      'cards.linkPolicy POST /api/cards/{cardId}/policies',
      'agents.assignCard POST /api/agents/{agentId}/cards',
      'cards.approve POST /api/sdk/cards/approve',
      'cards.confirm POST /api/sdk/cards/{requestId}/confirm',
    ])
  })

  test('behavior: org routes take org keys; SDK routes count as payments', () => {
    for (const endpoint of Object.values(cardEndpoints)) {
      expect(endpoint.keyKinds).toEqual(['org'])
      expect(endpoint.tag).toBe('Cards')
    }
    for (const endpoint of Object.values(sdkCardEndpoints)) {
      expect(endpoint.rateLimit).toBe('sdkPayment')
      expect(endpoint.tag).toBe('SDK Cards')
    }
  })

  test('args: scopes and success statuses', () => {
    expect(cardEndpoints.list.scopes).toEqual(['agents:read', 'wallets:read'])
    expect(cardEndpoints.create.scopes).toEqual(['agents:write', 'wallets:write'])
    expect(cardEndpoints.create.successStatus).toBe(201)
    expect(cardEndpoints.assignCard.successStatus).toBe(201)
    expect(sdkCardEndpoints.approve.scopes).toEqual(['payments:request'])
    expect(sdkCardEndpoints.confirm.scopes).toEqual(['payments:confirm'])
    expect(sdkCardEndpoints.confirm.errors).toEqual(
      expect.arrayContaining(['INVALID_APPROVAL_TOKEN', 'EXPIRED', 'ALREADY_CONFIRMED']),
    )
  })
})
