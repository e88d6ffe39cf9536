import { describe, expect, test } from 'vitest'
import { input, NOW, SOLANA_RECIPIENT } from '../test/fixtures.js'
import { EvaluationContext } from './evaluation-context.js'
import type { EvaluationInput, PaymentInput } from './evaluation-input.js'

const contextOf = (
  payment: Partial<PaymentInput> = {},
  overrides: Partial<EvaluationInput> = {},
): EvaluationContext =>
  new EvaluationContext(input({ ...overrides, payment: { amount: 1, ...payment } }))

describe('EvaluationContext', () => {
  test('behavior: a list of epoch milliseconds is used as it is, other times are converted', () => {
    const times = [1, 2, 3]
    expect(contextOf({}, { recentPaymentTimes: times }).recentPaymentTimes().times).toBe(times)
    const mixed = [1, NOW, new Date(5)]
    const converted = contextOf({}, { recentEndpointPaymentTimes: mixed })
    expect(converted.recentEndpointPaymentTimes().times).toEqual([1, Date.parse(NOW), 5])
    expect(contextOf().recentPaymentTimes().times).toEqual([])
  })

  test('behavior: country and trust level are read once', () => {
    const context = contextOf(
      { context: { country: ' de ' } },
      { counterparty: { trustLevel: 'verified' } },
    )
    expect(context.country).toBe('DE')
    expect(context.country).toBe(context.country)
    expect(context.trustLevel).toBe('VERIFIED')
    expect(contextOf().country).toBeUndefined()
    expect(contextOf().trustLevel).toBe('UNKNOWN')
  })

  test('behavior: isSolanaRecipient reads the address as written (base58 is case-sensitive)', () => {
    expect(contextOf({ recipientAddress: ` ${SOLANA_RECIPIENT} ` }).isSolanaRecipient).toBe(true)
    // Lower-cased, its `L`s become `l`, which base58 does not use.
    const lowered = contextOf({ recipientAddress: SOLANA_RECIPIENT.toLowerCase() })
    expect(lowered.isSolanaRecipient).toBe(false)
    expect(contextOf().isSolanaRecipient).toBe(false)
    expect(contextOf({ kind: 'card' }).isSolanaRecipient).toBe(false)
  })

  test('behavior: the service domain and port', () => {
    const explicit = contextOf({ serviceDomain: ' API.Example.com.:8443 ' })
    expect(explicit.serviceDomain).toBe('api.example.com')
    expect(explicit.servicePort).toBe('8443')
    const fromUrl = contextOf({ resourceUrl: 'http://evil.com\\@api.openai.com/v1' })
    expect(fromUrl.serviceDomain).toBe('evil.com')
    expect(fromUrl.servicePort).toBe('80')
    const sameHost = contextOf({
      serviceDomain: 'api.example.com',
      resourceUrl: 'https://api.example.com:9000/x',
    })
    expect(sameHost.servicePort).toBe('9000')
    expect(contextOf().serviceDomain).toBeUndefined()
  })

  test('behavior: card and MPP fields are normalised for comparison; blank is absent', () => {
    const context = contextOf(
      {
        mcc: ' 5411 ',
        merchantName: ' Casino.COM ',
        intent: ' Session ',
        method: ' post ',
        depositAmount: 1.5,
      },
      { mpp: { sessionStartedAt: NOW } },
    )
    expect(context.mcc).toBe('5411')
    expect(context.merchantName).toBe('casino.com')
    expect(context.intent).toBe('session')
    expect(context.method).toBe('POST')
    expect(context.deposit).toBe(1_500_000)
    expect(context.sessionStartedMs).toBe(Date.parse(NOW))
    const blank = contextOf({ mcc: ' ', merchantName: '', intent: ' ', method: '' })
    expect([blank.mcc, blank.merchantName, blank.intent, blank.method]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    expect(blank.deposit).toBeUndefined()
    expect(blank.sessionStartedMs).toBeUndefined()
    expect(contextOf({}, { mpp: { sessionStartedAt: 'soon' } }).sessionStartedMs).toBeNaN()
  })
})
