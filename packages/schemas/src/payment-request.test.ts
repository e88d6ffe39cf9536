import { describe, expect, expectTypeOf, test } from 'vitest'
import {
  evmAddress as evmRecipient,
  solanaAddress as solanaRecipient,
  txHash,
} from '../test/fixtures.js'
import { wireErrorCodeOf } from './errors.js'
import {
  type ApprovedPaymentRequestResult,
  type DeniedPaymentRequestResult,
  executePaymentResultSchema,
  type PaymentExecution,
  type PaymentRequestResult,
  paymentKinds,
  paymentRequestIdParamsSchema,
  paymentRequestResultSchema,
  paymentRequestStatuses,
  paymentStatusResultSchema,
  paymentUrgencies,
  type RequestPaymentParams,
  type RequiresApprovalPaymentRequestResult,
  requestPaymentParamsSchema,
} from './payment-request.js'

const evaluation = {
  policiesEvaluated: 2,
  rulesEvaluated: 5,
  matched: [
    { policyId: 'pol_1', ruleId: 'rule_1', ruleType: 'MAX_AMOUNT', outcome: 'PASSED' },
    { policyId: 'pol_1', ruleId: 'rule_2', ruleType: 'DAILY_LIMIT', outcome: 'PASSED' },
  ],
  remaining: { perTransaction: 50, daily: 950, weekly: null, monthly: null },
}

const wallet = {
  id: 'wal_managed1',
  address: '0x1234567890abcdef1234567890abcdef12345678',
  chainId: '42431',
  custodyType: 'PRIVY',
  availableBalance: 9950,
}

const chain = {
  chainId: '42431',
  chainName: 'Tempo Testnet',
  chainType: 'EVM',
  explorerUrl: 'https://explore.moderato.tempo.xyz',
}

/** §2.16 response fields, as an APPROVED decision with a successful auto-execute. */
const approvedResult = {
  requestId: 'cmm59z8fj000l49h7bjqza11p',
  status: 'APPROVED',
  amount: 50,
  currency: 'pathUSD',
  recipientAddress: evmRecipient,
  reasons: ['Within per-transaction limit', 'Within daily limit'],
  violations: [],
  evaluation,
  wallet,
  walletSelectionReason: 'Highest-priority custody (PRIVY) with sufficient balance',
  chain,
  expiresAt: '2026-04-07T12:05:00.000Z',
  execution: {
    transactionId: 'tx_abc123',
    txHash,
    explorerUrl: `https://explore.moderato.tempo.xyz/tx/${txHash}`,
    status: 'CONFIRMING',
  },
  createdAt: '2026-04-07T12:00:00.000Z',
}

/** §2.16 + §5.3: a DENIED decision with the enriched denial context. */
const deniedResult = {
  requestId: 'cmm59z8fj000l49h7bjqza11q',
  status: 'DENIED',
  amount: 300,
  currency: 'pathUSD',
  recipientAddress: evmRecipient,
  reasons: ['Would exceed daily limit: $250 remaining'],
  violations: [
    {
      type: 'DAILY_LIMIT',
      limit: 1000,
      current: 750,
      message: 'Daily spend limit exceeded: $750/$1000 used today',
    },
  ],
  evaluation: {
    ...evaluation,
    remaining: { perTransaction: 100, daily: 250, weekly: null, monthly: null },
  },
  wallet,
  chain,
  context: {
    wallets: [{ ...wallet, name: 'Ops wallet' }],
    nextSteps: [
      'Wait until the daily limit resets at 00:00 UTC',
      'Ask an admin to raise the limit',
    ],
    alternatives: [
      {
        id: 'wal_base1',
        address: '0xabcdefabcdefabcdefabcdefabcdefabcdefabcd',
        chainId: '8453',
        custodyType: 'SPONGE',
        availableBalance: 500,
        reason: 'Sufficient balance and daily headroom',
      },
    ],
  },
  createdAt: '2026-04-07T12:00:00.000Z',
}

const requiresApprovalResult = {
  requestId: 'cmm59z8fj000l49h7bjqza11r',
  status: 'REQUIRES_APPROVAL',
  amount: 750,
  currency: 'USDC',
  recipientAddress: solanaRecipient,
  reasons: ['Amount above approval threshold of $500'],
  violations: [],
  evaluation,
  approvalRequestId: 'apr_123',
  createdAt: '2026-04-07T12:00:00.000Z',
}

const verificationRequiredResult = {
  requestId: 'cmm59z8fj000l49h7bjqza11s',
  status: 'VERIFICATION_REQUIRED',
  amount: 20,
  currency: 'USDC',
  recipientAddress: evmRecipient,
  reasons: ['Merchant requires AgentScore verification'],
  violations: [],
  evaluation,
  verification: { verifyUrl: 'https://agentscore.example/verify/abc', provider: 'agentscore' },
  createdAt: '2026-04-07T12:00:00.000Z',
}

const minimal = { amount: 50, recipientAddress: evmRecipient }

function codeOf(input: unknown) {
  const result = requestPaymentParamsSchema.safeParse(input)
  expect(result.success).toBe(false)
  return (result.error?.issues[0] as { params?: { errorCode?: string } } | undefined)?.params
    ?.errorCode
}

describe('requestPaymentParamsSchema', () => {
  test('default: urgency NORMAL, autoExecute false, dryRun false; chainId left to the server', () => {
    expect(requestPaymentParamsSchema.parse(minimal)).toEqual({
      amount: 50,
      recipientAddress: evmRecipient,
      urgency: 'NORMAL',
      autoExecute: false,
      dryRun: false,
    })
  })

  test('default: every field of the §2.16 body table', () => {
    const body = {
      amount: 50.5,
      recipientAddress: evmRecipient,
      recipientName: 'OpenAI',
      purpose: 'GPT-4 API credits',
      category: 'AI_SERVICES',
      context: { department: 'research', project: 'atlas' },
      walletId: 'wal_managed1',
      chainId: 42431,
      urgency: 'HIGH',
      autoExecute: true,
      targetContractAddress: '0x20c0000000000000000000000000000000000000',
      functionSelector: '0xa9059cbb',
      idempotencyKey: 'shop-checkout_123-nonce_1',
      sessionId: 'mcp-session-42',
      dryRun: true,
      compliance: { agentScore: { operatorId: 'op_1' } },
    } satisfies RequestPaymentParams
    expect(requestPaymentParamsSchema.parse(body)).toEqual({ ...body, chainId: '42431' })
  })

  test('default: the shopping-starter request (§8.1)', () => {
    const parsed = requestPaymentParamsSchema.parse({
      amount: 24.99,
      recipientAddress: evmRecipient,
      recipientName: 'Merch Store',
      purpose: 'Order #1042',
      category: 'MERCHANDISE',
      walletId: 'wal_managed1',
      autoExecute: false,
      idempotencyKey: 'retail-checkout_8f2a-7c1d',
      context: { checkoutId: 'checkout_8f2a', cart: [{ sku: 'TSHIRT', qty: 1 }] },
    })
    expect(parsed.autoExecute).toBe(false)
  })

  test('default: the MCP pay/request_payment params (§8.1)', () => {
    const parsed = requestPaymentParamsSchema.parse({
      amount: 5,
      recipientAddress: solanaRecipient,
      recipientName: 'Helius',
      purpose: 'RPC credits',
      category: 'INFRASTRUCTURE',
      sessionId: 'sess_1',
    })
    expect(parsed.sessionId).toBe('sess_1')
  })

  test('args: amounts with up to 6 decimals are accepted', () => {
    expect(requestPaymentParamsSchema.parse({ ...minimal, amount: 1.123456 }).amount).toBe(1.123456)
    expect(requestPaymentParamsSchema.parse({ ...minimal, amount: 0.000001 }).amount).toBe(0.000001)
  })

  test('error: 0, negative, 7-decimal and non-numeric amounts are INVALID_AMOUNT', () => {
    expect(codeOf({ ...minimal, amount: 0 })).toBe('INVALID_AMOUNT')
    expect(codeOf({ ...minimal, amount: -1 })).toBe('INVALID_AMOUNT')
    expect(codeOf({ ...minimal, amount: 1.1234567 })).toBe('INVALID_AMOUNT')
    expect(codeOf({ ...minimal, amount: '50' })).toBe('INVALID_AMOUNT')
    expect(codeOf({ ...minimal, amount: Number.NaN })).toBe('INVALID_AMOUNT')
    expect(codeOf({ ...minimal, amount: Number.POSITIVE_INFINITY })).toBe('INVALID_AMOUNT')
  })

  test('error: a missing amount fails', () => {
    const result = requestPaymentParamsSchema.safeParse({ recipientAddress: evmRecipient })
    expect(result.error?.issues[0]?.path).toEqual(['amount'])
    expect(result.error?.issues[0]?.message).toBe('amount is required')
  })

  test('args: EVM (any case) and Solana recipients are accepted', () => {
    for (const recipientAddress of [evmRecipient, evmRecipient.toLowerCase(), solanaRecipient]) {
      expect(requestPaymentParamsSchema.safeParse({ ...minimal, recipientAddress }).success).toBe(
        true,
      )
    }
  })

  test('error: malformed recipients are INVALID_ADDRESS', () => {
    for (const recipientAddress of [
      '0x123',
      `${evmRecipient}0`,
      '0xZZ2d35Cc6634C0532925a3b844Bc9e7595f2e3a1',
      '742d35Cc6634C0532925a3b844Bc9e7595f2e3a1aa',
      'not-an-address',
      '0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl',
      '',
    ]) {
      expect(codeOf({ ...minimal, recipientAddress }), recipientAddress).toBe('INVALID_ADDRESS')
    }
  })

  test('error: targetContractAddress must be an EVM address', () => {
    expect(codeOf({ ...minimal, targetContractAddress: solanaRecipient })).toBe('INVALID_ADDRESS')
  })

  test('args: functionSelector is 0x + 8 hex', () => {
    expect(
      requestPaymentParamsSchema.safeParse({ ...minimal, functionSelector: '0xa9059cbb' }).success,
    ).toBe(true)
    expect(
      requestPaymentParamsSchema.safeParse({ ...minimal, functionSelector: '0xa9059c' }).success,
    ).toBe(false)
  })

  test('args: idempotencyKey is 1-128 characters', () => {
    const parse = (idempotencyKey: string) =>
      requestPaymentParamsSchema.safeParse({ ...minimal, idempotencyKey }).success
    expect(parse('k'.repeat(128))).toBe(true)
    expect(parse('k'.repeat(129))).toBe(false)
    expect(parse('')).toBe(false)
  })

  test('args: purpose ≤ 500 and category ≤ 100 characters', () => {
    const ok = (extra: object) =>
      requestPaymentParamsSchema.safeParse({ ...minimal, ...extra }).success
    expect(ok({ purpose: 'p'.repeat(500) })).toBe(true)
    expect(ok({ purpose: 'p'.repeat(501) })).toBe(false)
    expect(ok({ category: 'c'.repeat(100) })).toBe(true)
    expect(ok({ category: 'c'.repeat(101) })).toBe(false)
    expect(ok({ category: 'software' })).toBe(true)
  })

  test('args: chainId accepts known chains as strings or numbers', () => {
    expect(requestPaymentParamsSchema.parse({ ...minimal, chainId: 8453 }).chainId).toBe('8453')
    expect(requestPaymentParamsSchema.parse({ ...minimal, chainId: 'solana-devnet' }).chainId).toBe(
      'solana-devnet',
    )
    expect(requestPaymentParamsSchema.safeParse({ ...minimal, chainId: 999 }).success).toBe(false)
  })

  test('args: every urgency', () => {
    for (const urgency of paymentUrgencies) {
      expect(requestPaymentParamsSchema.parse({ ...minimal, urgency }).urgency).toBe(urgency)
    }
  })

  test('error: unknown urgency lists the allowed ones', () => {
    const result = requestPaymentParamsSchema.safeParse({ ...minimal, urgency: 'URGENT' })
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid urgency "URGENT": expected one of LOW, NORMAL, HIGH, CRITICAL',
    )
    expect(wireErrorCodeOf(result.error?.issues ?? [])).toBe('VALIDATION_ERROR')
  })

  test('error: autoExecute and dryRun must be booleans', () => {
    expect(requestPaymentParamsSchema.safeParse({ ...minimal, autoExecute: 'yes' }).success).toBe(
      false,
    )
    expect(requestPaymentParamsSchema.safeParse({ ...minimal, dryRun: 1 }).success).toBe(false)
  })
})

describe('paymentRequestResultSchema', () => {
  test('default: APPROVED with auto-execution (§2.16 fields)', () => {
    const parsed = paymentRequestResultSchema.parse(approvedResult)
    expect(parsed.status).toBe('APPROVED')
    if (parsed.status === 'APPROVED') expect(parsed.execution?.status).toBe('CONFIRMING')
  })

  test('args: APPROVED with simulated settlement, a dry run, and an auto-execute failure', () => {
    const simulated = paymentRequestResultSchema.parse({
      ...approvedResult,
      execution: { ...approvedResult.execution, status: 'COMPLETED', simulated: true },
    })
    expect(simulated.status === 'APPROVED' && simulated.execution?.simulated).toBe(true)
    const { execution: _execution, ...withoutExecution } = approvedResult
    expect(paymentRequestResultSchema.parse({ ...withoutExecution, dryRun: true }).dryRun).toBe(
      true,
    )
    const failed = paymentRequestResultSchema.parse({
      ...withoutExecution,
      autoExecuteError: 'Custody provider timeout; call /execute',
    })
    expect(failed.status === 'APPROVED' && failed.autoExecuteError).toMatch(/execute/)
  })

  test('error: APPROVED requires expiresAt', () => {
    const { expiresAt: _expiresAt, ...rest } = approvedResult
    expect(paymentRequestResultSchema.safeParse(rest).success).toBe(false)
  })

  test('default: DENIED with violations and denial context', () => {
    const parsed = paymentRequestResultSchema.parse(deniedResult)
    expect(parsed.status === 'DENIED' && parsed.context?.nextSteps).toHaveLength(2)
    expect(parsed.violations[0]?.type).toBe('DAILY_LIMIT')
  })

  test('default: REQUIRES_APPROVAL with approvalRequestId', () => {
    const parsed = paymentRequestResultSchema.parse(requiresApprovalResult)
    expect(parsed.status === 'REQUIRES_APPROVAL' && parsed.approvalRequestId).toBe('apr_123')
  })

  test('default: VERIFICATION_REQUIRED with verifyUrl (extra verification fields kept)', () => {
    const parsed = paymentRequestResultSchema.parse(verificationRequiredResult)
    expect(parsed.status === 'VERIFICATION_REQUIRED' && parsed.verification).toEqual(
      verificationRequiredResult.verification,
    )
  })

  test('behavior: branch-only fields are stripped from other branches', () => {
    const parsed = paymentRequestResultSchema.parse({
      ...deniedResult,
      execution: approvedResult.execution,
    })
    expect('execution' in parsed).toBe(false)
  })

  test('behavior: unknown violation types and matched outcomes added later still parse', () => {
    const parsed = paymentRequestResultSchema.parse({
      ...deniedResult,
      violations: [{ type: 'FUTURE_RULE', limit: null, current: null, message: 'New rule' }],
    })
    expect(parsed.violations[0]?.type).toBe('FUTURE_RULE')
  })

  test('error: unknown status and missing evaluation fail', () => {
    expect(
      paymentRequestResultSchema.safeParse({ ...deniedResult, status: 'EXECUTED' }).success,
    ).toBe(false)
    const { evaluation: _evaluation, ...rest } = deniedResult
    expect(paymentRequestResultSchema.safeParse(rest).success).toBe(false)
  })

  test('behavior: the union narrows on status (types)', () => {
    expectTypeOf<ApprovedPaymentRequestResult>().toHaveProperty('execution')
    expectTypeOf<ApprovedPaymentRequestResult['execution']>().toEqualTypeOf<
      PaymentExecution | undefined
    >()
    expectTypeOf<DeniedPaymentRequestResult>().not.toHaveProperty('execution')
    expectTypeOf<RequiresApprovalPaymentRequestResult>().not.toHaveProperty('execution')
    expectTypeOf<
      Extract<PaymentRequestResult, { status: 'VERIFICATION_REQUIRED' }>
    >().not.toHaveProperty('execution')
    expectTypeOf<DeniedPaymentRequestResult>().toHaveProperty('context')
    expectTypeOf<RequiresApprovalPaymentRequestResult>().toHaveProperty('approvalRequestId')
    expectTypeOf<PaymentRequestResult['status']>().toEqualTypeOf<
      'APPROVED' | 'DENIED' | 'REQUIRES_APPROVAL' | 'VERIFICATION_REQUIRED'
    >()
    const result = paymentRequestResultSchema.parse(approvedResult)
    if (result.status === 'APPROVED') {
      expectTypeOf(result.execution).toEqualTypeOf<PaymentExecution | undefined>()
      expectTypeOf(result.expiresAt).toEqualTypeOf<string>()
    } else {
      expectTypeOf(result).not.toHaveProperty('execution')
    }
  })
})

describe('executePaymentResultSchema', () => {
  const live = {
    transactionId: 'tx_abc123',
    requestId: 'cmm59z8fj000l49h7bjqza11p',
    txHash,
    explorerUrl: `https://basescan.org/tx/${txHash}`,
    status: 'CONFIRMING',
    amount: 50,
    currency: 'USDC',
    chainId: '8453',
    walletId: 'wal_managed1',
    recipientAddress: evmRecipient,
  }

  test('default: a live execution', () => {
    expect(executePaymentResultSchema.parse(live)).toEqual(live)
  })

  test('args: simulated settlement (sandbox)', () => {
    const parsed = executePaymentResultSchema.parse({
      ...live,
      status: 'COMPLETED',
      simulated: true,
    })
    expect(parsed.simulated).toBe(true)
  })

  test('error: txHash is required', () => {
    const { txHash: _txHash, ...rest } = live
    expect(executePaymentResultSchema.safeParse(rest).success).toBe(false)
  })
})

describe('paymentStatusResultSchema', () => {
  const record = {
    requestId: 'cmm59z8fj000l49h7bjqza11p',
    status: 'EXECUTED',
    amount: 50,
    currency: 'pathUSD',
    recipientAddress: evmRecipient,
    recipientName: 'OpenAI',
    purpose: 'GPT-4 API credits',
    category: null,
    urgency: 'NORMAL',
    wallet,
    chain,
    expiresAt: '2026-04-07T12:05:00.000Z',
    reasons: ['Within daily limit'],
    violations: [],
    evaluation,
    execution: approvedResult.execution,
    createdAt: '2026-04-07T12:00:00.000Z',
    updatedAt: '2026-04-07T12:00:03.000Z',
  }

  test('default: an executed request', () => {
    expect(paymentStatusResultSchema.parse(record)).toEqual(record)
  })

  test('args: every lifecycle status, and one added later', () => {
    for (const status of [...paymentRequestStatuses, 'SETTLED_LATER']) {
      expect(paymentStatusResultSchema.safeParse({ ...record, status }).success, status).toBe(true)
    }
  })

  test('args: a denied request has no expiry', () => {
    const parsed = paymentStatusResultSchema.parse({
      ...record,
      status: 'DENIED',
      expiresAt: null,
      execution: undefined,
      violations: deniedResult.violations,
    })
    expect(parsed.expiresAt).toBeNull()
  })

  test('args: a pending approval carries approvalRequestId', () => {
    const parsed = paymentStatusResultSchema.parse({
      ...record,
      status: 'PENDING_APPROVAL',
      approvalRequestId: 'apr_123',
    })
    expect(parsed.approvalRequestId).toBe('apr_123')
  })
})

describe('paymentRequestIdParamsSchema', () => {
  test('default', () => {
    expect(paymentRequestIdParamsSchema.parse({ requestId: 'cmm59z8fj000l49h7bjqza11p' })).toEqual({
      requestId: 'cmm59z8fj000l49h7bjqza11p',
    })
  })

  test('error: ids with other characters', () => {
    expect(paymentRequestIdParamsSchema.safeParse({ requestId: '../etc' }).success).toBe(false)
  })
})

describe('paymentKinds', () => {
  test('default', () => {
    expect(paymentKinds).toEqual(['standard', 'x402', 'mpp', 'card'])
  })
})
