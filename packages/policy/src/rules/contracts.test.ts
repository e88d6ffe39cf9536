import { describe, expect, test } from 'vitest'
import { evaluateRule, OTHER_ADDRESS, outcomeOf, RECIPIENT, rule } from '../../test/fixtures.js'
import type { PaymentInput } from '../evaluation-input.js'

const ROUTER = '0xE592427A0AEce92De3Edee1F18E0157C05861564'
const TRANSFER = '0xa9059cbb'
const APPROVE = '0x095ea7b3'

const pay = (payment: Partial<PaymentInput> = {}) => ({
  payment: { amount: 10, recipientAddress: RECIPIENT, ...payment },
})

describe('contractRules', () => {
  test.each([
    // operator, value, action, payment, status
    ['IN_LIST', [ROUTER], 'ALLOW', { targetContractAddress: ROUTER }, 'APPROVED'],
    ['IN_LIST', [ROUTER.toLowerCase()], 'ALLOW', { targetContractAddress: ROUTER }, 'APPROVED'],
    ['IN_LIST', [ROUTER], 'ALLOW', { targetContractAddress: ROUTER.toLowerCase() }, 'APPROVED'],
    ['IN_LIST', [ROUTER], 'ALLOW', { targetContractAddress: OTHER_ADDRESS }, 'DENIED'],
    // Without a target contract the recipient is the contract.
    ['IN_LIST', [RECIPIENT], 'ALLOW', {}, 'APPROVED'],
    ['IN_LIST', [ROUTER], 'ALLOW', {}, 'DENIED'],
    ['IN_LIST', [RECIPIENT], 'ALLOW', { targetContractAddress: ROUTER }, 'DENIED'],
    [
      'IN_LIST',
      { contracts: [], protocols: ['uniswap'] },
      'ALLOW',
      { protocol: 'Uniswap' },
      'APPROVED',
    ],
    ['IN_LIST', { protocols: ['Uniswap'] }, 'ALLOW', { protocol: 'UNISWAP' }, 'APPROVED'],
    ['IN_LIST', { protocols: ['uniswap'] }, 'ALLOW', { protocol: 'sushiswap' }, 'DENIED'],
    ['IN_LIST', { protocols: ['uniswap'] }, 'ALLOW', {}, 'DENIED'],
    [
      'IN_LIST',
      { contracts: [ROUTER], protocols: ['uniswap'] },
      'ALLOW',
      { protocol: 'uniswap' },
      'APPROVED',
    ],
    [
      'IN_LIST',
      { contracts: [ROUTER], protocols: ['uniswap'] },
      'ALLOW',
      { targetContractAddress: ROUTER },
      'APPROVED',
    ],
    // Selectors narrow a listed contract to the listed functions.
    [
      'IN_LIST',
      { contracts: [ROUTER], functionSelectors: [TRANSFER] },
      'ALLOW',
      { targetContractAddress: ROUTER, functionSelector: TRANSFER },
      'APPROVED',
    ],
    [
      'IN_LIST',
      { contracts: [ROUTER], functionSelectors: [TRANSFER.toUpperCase().replace('0X', '0x')] },
      'ALLOW',
      { targetContractAddress: ROUTER, functionSelector: TRANSFER },
      'APPROVED',
    ],
    [
      'IN_LIST',
      { contracts: [ROUTER], functionSelectors: [TRANSFER] },
      'ALLOW',
      { targetContractAddress: ROUTER, functionSelector: APPROVE },
      'DENIED',
    ],
    [
      'IN_LIST',
      { contracts: [ROUTER], functionSelectors: [TRANSFER] },
      'ALLOW',
      { targetContractAddress: ROUTER },
      'DENIED',
    ],
    [
      'IN_LIST',
      { contracts: [ROUTER], functionSelectors: [TRANSFER] },
      'ALLOW',
      { targetContractAddress: OTHER_ADDRESS, functionSelector: TRANSFER },
      'DENIED',
    ],
    [
      'IN_LIST',
      { protocols: ['uniswap'], functionSelectors: [TRANSFER] },
      'ALLOW',
      { protocol: 'uniswap', functionSelector: TRANSFER },
      'APPROVED',
    ],
    // NOT_IN_LIST is the negation.
    ['NOT_IN_LIST', [ROUTER], 'ALLOW', { targetContractAddress: ROUTER }, 'DENIED'],
    ['NOT_IN_LIST', [ROUTER], 'ALLOW', { targetContractAddress: OTHER_ADDRESS }, 'APPROVED'],
    [
      'NOT_IN_LIST',
      { contracts: [ROUTER], functionSelectors: [APPROVE] },
      'ALLOW',
      { targetContractAddress: ROUTER, functionSelector: TRANSFER },
      'APPROVED',
    ],
    ['IN_LIST', [ROUTER], 'DENY', { targetContractAddress: ROUTER }, 'DENIED'],
    ['IN_LIST', [ROUTER], 'DENY', { targetContractAddress: OTHER_ADDRESS }, 'APPROVED'],
    ['NOT_IN_LIST', [ROUTER], 'DENY', { targetContractAddress: OTHER_ADDRESS }, 'DENIED'],
    [
      'IN_LIST',
      [ROUTER],
      'REQUIRE_APPROVAL',
      { targetContractAddress: ROUTER },
      'REQUIRES_APPROVAL',
    ],
    ['IN_LIST', [ROUTER], 'REQUIRE_APPROVAL', {}, 'APPROVED'],
  ] as const)(
    'behavior: CONTRACT_ALLOWLIST %s %j %s with %j → %s',
    (operator, value, action, payment, status) => {
      const decision = evaluateRule(
        rule('CONTRACT_ALLOWLIST', operator, value, action),
        pay(payment),
      )
      expect(decision.status).toBe(status)
    },
  )

  test('behavior: a payment with neither contract nor protocol fails the allow-list', () => {
    const decision = evaluateRule(rule('CONTRACT_ALLOWLIST', 'IN_LIST', [ROUTER]), {
      payment: { amount: 10 },
    })
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]).toMatchObject({ type: 'CONTRACT_NOT_ALLOWED', current: null })
    expect(decision.reasons[0]).toBe(
      `Contract call is not on the contract allow-list (allowed: ${ROUTER})`,
    )
  })

  test.each(['x402', 'mpp', 'card'] as const)('behavior: skipped for %s payments', (kind) => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', 'IN_LIST', [ROUTER]),
      pay({ kind, targetContractAddress: OTHER_ADDRESS }),
    )
    expect(decision.status).toBe('APPROVED')
    expect(outcomeOf(decision)).toBe('SKIPPED')
  })

  test('error: a contract outside the allow-list is named', () => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', 'IN_LIST', { contracts: [ROUTER], protocols: ['uniswap'] }),
      pay({ targetContractAddress: OTHER_ADDRESS }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CONTRACT_NOT_ALLOWED',
      ruleType: 'CONTRACT_ALLOWLIST',
      current: OTHER_ADDRESS,
      limit: [ROUTER, 'uniswap'],
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Contract 0x1234567890abcdef1234567890abcdef12345678 is not on the contract allow-list (allowed: 0xE592427A0AEce92De3Edee1F18E0157C05861564, uniswap)",
      ]
    `)
  })

  test('error: an unlisted protocol is named', () => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', 'IN_LIST', { protocols: ['uniswap'] }),
      pay({ targetContractAddress: OTHER_ADDRESS, protocol: 'sushiswap' }),
    )
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Contract 0x1234567890abcdef1234567890abcdef12345678 (protocol sushiswap) is not on the contract allow-list (allowed: uniswap)",
      ]
    `)
  })

  test('error: an unlisted function of a listed contract is named', () => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', 'IN_LIST', { contracts: [ROUTER], functionSelectors: [TRANSFER] }),
      pay({ targetContractAddress: ROUTER, functionSelector: APPROVE }),
    )
    expect(decision.violations[0]).toMatchObject({ current: APPROVE, limit: [TRANSFER] })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Function 0x095ea7b3 is not allowed on 0xE592427A0AEce92De3Edee1F18E0157C05861564 (allowed: 0xa9059cbb)",
      ]
    `)
  })

  test('error: a call without a selector fails a selector list', () => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', 'IN_LIST', { contracts: [ROUTER], functionSelectors: [TRANSFER] }),
      pay({ targetContractAddress: ROUTER }),
    )
    expect(decision.violations[0]).toMatchObject({ current: null, limit: [TRANSFER] })
    expect(decision.reasons[0]).toBe(
      `Contract ${ROUTER} has no function selector; only these functions are allowed: ${TRANSFER}`,
    )
  })

  test('error: a listed contract under DENY is named', () => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', 'IN_LIST', { contracts: [], protocols: ['tornado'] }, 'DENY'),
      pay({ protocol: 'Tornado' }),
    )
    expect(decision.violations[0]).toMatchObject({
      type: 'CONTRACT_NOT_ALLOWED',
      current: RECIPIENT,
    })
    expect(decision.reasons).toMatchInlineSnapshot(`
      [
        "Contract 0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1 (Tornado) is restricted by policy",
      ]
    `)
  })

  test('behavior: a 200-contract allow-list admits any listed contract in any case', () => {
    const contracts = Array.from(
      { length: 200 },
      (_, index) => `0x${index.toString(16).padStart(40, 'b')}`,
    )
    const allowList = rule('CONTRACT_ALLOWLIST', 'IN_LIST', contracts)
    const last = contracts[199] as string
    expect(
      evaluateRule(
        allowList,
        pay({ targetContractAddress: last.toUpperCase().replace('0X', '0x') }),
      ).status,
    ).toBe('APPROVED')
    const denied = evaluateRule(allowList, pay({ targetContractAddress: OTHER_ADDRESS }))
    expect(denied.status).toBe('DENIED')
    expect(denied.reasons[0]).toMatch(/and 190 more\)$/)
  })

  test.each([
    ['IN_LIST', { contracts: [], protocols: [] }],
    ['IN_LIST', []],
    ['IN_LIST', ['0x123']],
    ['IN_LIST', { contracts: [ROUTER], functionSelectors: ['transfer'] }],
    ['IN_LIST', 'uniswap'],
    ['EQUALS', [ROUTER]],
  ])('error: a malformed CONTRACT_ALLOWLIST rule %s %j fails closed', (operator, value) => {
    const decision = evaluateRule(
      rule('CONTRACT_ALLOWLIST', operator, value),
      pay({ targetContractAddress: ROUTER }),
    )
    expect(decision.status).toBe('DENIED')
    expect(decision.violations[0]?.type).toBe('INVALID_RULE')
    expect(decision.reasons[0]).toContain('CONTRACT_ALLOWLIST')
  })
})
