import { describe, expect, expectTypeOf, test } from 'vitest'
import {
  evmAddress as recipient,
  otherEvmAddress as sender,
  solanaAddress as solanaSender,
  approvalToken as token,
  txHash,
} from '../test/fixtures.js'
import { wireErrorCodeOf } from './errors.js'
import {
  type ApprovedExternalPaymentResult,
  type ApproveExternalPaymentResult,
  approveExternalPaymentParamsSchema,
  approveExternalPaymentResultSchema,
  confirmExternalPaymentParamsSchema,
  confirmExternalPaymentResultSchema,
  type DeniedExternalPaymentResult,
  externalApprovalIdParamsSchema,
  externalApprovalSchema,
  externalApprovalStatuses,
} from './external-approval.js'

const evaluation = {
  policiesEvaluated: 1,
  rulesEvaluated: 2,
  matched: [{ policyId: 'pol_1', ruleId: 'rule_1', ruleType: 'MAX_AMOUNT', outcome: 'PASSED' }],
  remaining: { perTransaction: null, daily: 990, weekly: 4990, monthly: 19990 },
}

const minimal = { amount: 10, recipientAddress: recipient, senderAddress: sender }

describe('approveExternalPaymentParamsSchema', () => {
  test('default: the skill `approve` call (§8.1) with a numeric chainId', () => {
    expect(
      approveExternalPaymentParamsSchema.parse({
        ...minimal,
        chainId: 42431,
        purpose: 'API credits',
        category: 'API_PROVIDER',
      }),
    ).toEqual({
      ...minimal,
      chainId: '42431',
      purpose: 'API credits',
      category: 'API_PROVIDER',
    })
  })

  test('default: chainId is optional (the server applies 42431)', () => {
    expect(approveExternalPaymentParamsSchema.parse(minimal)).toEqual(minimal)
  })

  test('args: every field of the §2.16 approve table', () => {
    const body = {
      ...minimal,
      chainId: '8453',
      recipientName: 'Anthropic',
      purpose: 'Claude credits',
      category: 'AI_SERVICES',
      context: { project: 'atlas' },
      targetContractAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
      functionSelector: '0xa9059cbb',
      idempotencyKey: 'k'.repeat(128),
    }
    expect(approveExternalPaymentParamsSchema.parse(body)).toEqual(body)
  })

  test('args: a Solana sender', () => {
    const parsed = approveExternalPaymentParamsSchema.parse({
      ...minimal,
      senderAddress: solanaSender,
      chainId: 'solana-mainnet',
    })
    expect(parsed.chainId).toBe('solana-mainnet')
  })

  test('error: amounts and addresses carry their wire codes', () => {
    for (const amount of [0, -1, 1.1234567]) {
      const result = approveExternalPaymentParamsSchema.safeParse({ ...minimal, amount })
      const issue = result.error?.issues[0] as { params?: { errorCode?: string } } | undefined
      expect(issue?.params?.errorCode, String(amount)).toBe('INVALID_AMOUNT')
    }
    const badSender = approveExternalPaymentParamsSchema.safeParse({
      ...minimal,
      senderAddress: '0xabc',
    })
    expect(wireErrorCodeOf(badSender.error?.issues ?? [])).toBe('INVALID_ADDRESS')
    expect(badSender.error?.issues[0]?.path).toEqual(['senderAddress'])
  })

  test('error: senderAddress is required', () => {
    const result = approveExternalPaymentParamsSchema.safeParse({
      amount: 10,
      recipientAddress: recipient,
    })
    expect(result.error?.issues[0]?.path).toEqual(['senderAddress'])
  })

  test('error: idempotencyKey longer than 128 characters', () => {
    const result = approveExternalPaymentParamsSchema.safeParse({
      ...minimal,
      idempotencyKey: 'k'.repeat(129),
    })
    expect(result.success).toBe(false)
  })
})

describe('approveExternalPaymentResultSchema', () => {
  const approved = {
    approved: true,
    approvalId: 'cmm5apprv000l49h7bjqza11p',
    approvalToken: token,
    expiresAt: '2026-04-07T12:10:00.000Z',
    confirmUrl: '/api/sdk/payments/cmm5apprv000l49h7bjqza11p/confirm',
    limits: { dailyUsed: 10, dailyLimit: 1000, dailyRemaining: 990 },
    walletId: 'wal_ext1',
    walletCreated: true,
    reasons: ['Within daily limit'],
    evaluation,
  }
  const denied = {
    approved: false,
    reasons: ['Recipient is not on the allow-list'],
    violations: [
      {
        type: 'WHITELIST_VIOLATION',
        limit: ['0xabcdefabcdefabcdefabcdefabcdefabcdefabcd'],
        current: recipient,
        message: 'Recipient is not an allowed counterparty',
      },
    ],
    requiresHumanApproval: false,
    evaluation,
  }

  test('default: approved (§2.16 shape)', () => {
    const parsed = approveExternalPaymentResultSchema.parse(approved)
    expect(parsed.approved && parsed.approvalToken).toBe(token)
  })

  test('args: approved with unlimited daily limit', () => {
    const parsed = approveExternalPaymentResultSchema.parse({
      ...approved,
      limits: { dailyUsed: 10, dailyLimit: null, dailyRemaining: null },
    })
    expect(parsed.approved && parsed.limits.dailyLimit).toBeNull()
  })

  test('default: denied (§2.16 shape)', () => {
    const parsed = approveExternalPaymentResultSchema.parse(denied)
    expect(parsed.approved).toBe(false)
    expect(!parsed.approved && parsed.violations[0]?.type).toBe('WHITELIST_VIOLATION')
  })

  test('args: waiting for a human', () => {
    const parsed = approveExternalPaymentResultSchema.parse({
      ...denied,
      violations: [],
      requiresHumanApproval: true,
      approvalId: 'cmm5apprv000l49h7bjqza11q',
      approvalRequestId: 'apr_9',
    })
    expect(!parsed.approved && parsed.requiresHumanApproval).toBe(true)
  })

  test('error: the approval token must be 64 hex characters', () => {
    for (const approvalToken of [token.slice(1), `${token}a`, `${token.slice(1)}g`]) {
      expect(
        approveExternalPaymentResultSchema.safeParse({ ...approved, approvalToken }).success,
      ).toBe(false)
    }
    expect(
      approveExternalPaymentResultSchema.safeParse({
        ...approved,
        approvalToken: token.toUpperCase(),
      }).success,
    ).toBe(true)
  })

  test('error: `approved` must be a boolean', () => {
    expect(
      approveExternalPaymentResultSchema.safeParse({ ...approved, approved: 'true' }).success,
    ).toBe(false)
  })

  test('behavior: the union narrows on approved (types)', () => {
    expectTypeOf<ApprovedExternalPaymentResult>().toHaveProperty('approvalToken')
    expectTypeOf<DeniedExternalPaymentResult>().not.toHaveProperty('approvalToken')
    expectTypeOf<DeniedExternalPaymentResult>().toHaveProperty('requiresHumanApproval')
    const result = approveExternalPaymentResultSchema.parse(
      approved,
    ) as ApproveExternalPaymentResult
    if (result.approved) expectTypeOf(result.approvalToken).toEqualTypeOf<string>()
    else expectTypeOf(result.violations).toBeArray()
  })
})

describe('confirmExternalPaymentParamsSchema', () => {
  test('default: the skill `confirm` call', () => {
    expect(confirmExternalPaymentParamsSchema.parse({ txHash, approvalToken: token })).toEqual({
      txHash,
      approvalToken: token,
    })
  })

  test('args: a Solana signature as txHash', () => {
    const signature =
      '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW'
    expect(
      confirmExternalPaymentParamsSchema.safeParse({ txHash: signature, approvalToken: token })
        .success,
    ).toBe(true)
  })

  test('error: a malformed token is INVALID_APPROVAL_TOKEN', () => {
    const result = confirmExternalPaymentParamsSchema.safeParse({ txHash, approvalToken: 'abc' })
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('INVALID_APPROVAL_TOKEN')
  })

  test('error: a malformed txHash', () => {
    for (const bad of ['0x123', `${txHash}0`, txHash.slice(2)]) {
      expect(
        confirmExternalPaymentParamsSchema.safeParse({ txHash: bad, approvalToken: token }).success,
      ).toBe(false)
    }
  })

  test('error: both fields are required', () => {
    expect(confirmExternalPaymentParamsSchema.safeParse({ txHash }).success).toBe(false)
    expect(confirmExternalPaymentParamsSchema.safeParse({ approvalToken: token }).success).toBe(
      false,
    )
  })
})

describe('confirmExternalPaymentResultSchema', () => {
  test('default: the §2.16 confirm response', () => {
    const body = {
      confirmed: true,
      transactionId: 'tx_ext1',
      status: 'CONFIRMING',
      amount: 10,
      currency: 'pathUSD',
      recipient,
      txHash,
      explorerUrl: `https://explore.moderato.tempo.xyz/tx/${txHash}`,
      approvalId: 'cmm5apprv000l49h7bjqza11p',
    }
    expect(confirmExternalPaymentResultSchema.parse(body)).toEqual(body)
    expect(
      confirmExternalPaymentResultSchema.safeParse({ ...body, confirmed: false }).success,
    ).toBe(false)
  })
})

describe('externalApprovalSchema', () => {
  const record = {
    id: 'cmm5apprv000l49h7bjqza11p',
    status: 'CONFIRMED',
    amount: 10,
    currency: 'pathUSD',
    recipientAddress: recipient,
    recipientName: null,
    purpose: 'API credits',
    category: 'API_PROVIDER',
    senderAddress: sender,
    chainId: '42431',
    walletId: 'wal_ext1',
    agentId: 'agt_1',
    approvalRequestId: null,
    expiresAt: '2026-04-07T12:10:00.000Z',
    confirmedAt: '2026-04-07T12:03:00.000Z',
    transactionId: 'tx_ext1',
    createdAt: '2026-04-07T12:00:00.000Z',
  }

  test('default', () => {
    expect(externalApprovalSchema.parse(record)).toEqual(record)
  })

  test('args: every status', () => {
    for (const status of externalApprovalStatuses) {
      expect(externalApprovalSchema.safeParse({ ...record, status }).success).toBe(true)
    }
  })
})

describe('externalApprovalIdParamsSchema', () => {
  test('default', () => {
    expect(externalApprovalIdParamsSchema.parse({ approvalId: 'apr_1' })).toEqual({
      approvalId: 'apr_1',
    })
    expect(externalApprovalIdParamsSchema.safeParse({ approvalId: 'a/b' }).success).toBe(false)
  })
})
