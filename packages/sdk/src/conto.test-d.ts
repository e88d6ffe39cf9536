import type { APIPromise, Page, PagePromise } from '@conto/client-core'
import type {
  ApproveExternalPaymentResult,
  ExecutePaymentResult,
  endpoints,
  ListSdkTransactionsQuery,
  ListSdkWalletsResponse,
  PaymentExecution,
  PaymentRequestResult,
  PaymentStatusResult,
  RequestPaymentParams,
  SdkWallet,
  Violation,
} from '@conto/schemas'
import { describe, expectTypeOf, test } from 'vitest'
import type * as z from 'zod/mini'
import type { Conto } from './client.js'
import type { ApprovalRequiredError, PaymentDeniedError } from './payment-errors.js'

declare const conto: Conto
const recipientAddress = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'

type Input<T extends z.core.$ZodType | undefined> = z.input<NonNullable<T>>
type Output<T extends z.core.$ZodType> = z.output<T>
type Param<TMethod extends (...args: never[]) => unknown, N extends number> = Parameters<TMethod>[N]

describe('payments.request', () => {
  test('default: the result is a union typed on status', () => {
    expectTypeOf(conto.payments.request).returns.toEqualTypeOf<APIPromise<PaymentRequestResult>>()
    expectTypeOf<PaymentRequestResult['status']>().toEqualTypeOf<
      'APPROVED' | 'DENIED' | 'REQUIRES_APPROVAL' | 'VERIFICATION_REQUIRED'
    >()
    expectTypeOf<PaymentRequestResult>().toEqualTypeOf<
      Output<typeof endpoints.payments.request.response>
    >()
  })

  test('behavior: execution exists only on APPROVED', async () => {
    const result = await conto.payments.request({ amount: 10, recipientAddress })
    // @ts-expect-error `execution` cannot be read before the status is checked.
    result.execution
    switch (result.status) {
      case 'APPROVED':
        expectTypeOf(result.execution).toEqualTypeOf<PaymentExecution | undefined>()
        expectTypeOf(result.expiresAt).toEqualTypeOf<string>()
        break
      case 'DENIED':
        expectTypeOf(result).not.toHaveProperty('execution')
        expectTypeOf(result.violations).toEqualTypeOf<Violation[]>()
        break
      case 'REQUIRES_APPROVAL':
        expectTypeOf(result).not.toHaveProperty('execution')
        expectTypeOf(result.approvalRequestId).toEqualTypeOf<string | undefined>()
        break
      case 'VERIFICATION_REQUIRED':
        expectTypeOf(result).not.toHaveProperty('execution')
        expectTypeOf(result.verification.verifyUrl).toEqualTypeOf<string>()
        break
      default:
        expectTypeOf(result).toBeNever()
    }
  })

  test('args: params are the registry body input', () => {
    expectTypeOf<Param<typeof conto.payments.request, 0>>().toEqualTypeOf<
      Input<typeof endpoints.payments.request.body>
    >()
    conto.payments.request({
      amount: 10,
      recipientAddress,
      urgency: 'HIGH',
      autoExecute: true,
      dryRun: false,
      context: { project: 'alpha' },
    })
    // @ts-expect-error recipientAddress is required.
    conto.payments.request({ amount: 10 })
    // @ts-expect-error urgency is one of LOW, NORMAL, HIGH, CRITICAL.
    conto.payments.request({ amount: 10, recipientAddress, urgency: 'URGENT' })
    // @ts-expect-error autoExecute is a boolean.
    conto.payments.request({ amount: 10, recipientAddress, autoExecute: 'yes' })
    // @ts-expect-error unknown fields are not accepted.
    conto.payments.request({ amount: 10, recipientAddress, memo: 'x' })
  })
})

describe('payments', () => {
  test('execute and pay resolve to the execution', () => {
    expectTypeOf(conto.payments.execute).parameter(0).toEqualTypeOf<string>()
    expectTypeOf(conto.payments.execute).returns.resolves.toEqualTypeOf<ExecutePaymentResult>()
    expectTypeOf(conto.payments.pay).returns.resolves.toEqualTypeOf<ExecutePaymentResult>()
    expectTypeOf<ExecutePaymentResult>().toEqualTypeOf<
      Output<typeof endpoints.payments.execute.response>
    >()
  })

  test('status and getStatus are the same call', () => {
    expectTypeOf(conto.payments.status).toEqualTypeOf(conto.payments.getStatus)
    expectTypeOf(conto.payments.status).returns.resolves.toEqualTypeOf<PaymentStatusResult>()
  })

  test('approve is discriminated on approved; confirm takes the registry body', () => {
    expectTypeOf(
      conto.payments.approve,
    ).returns.resolves.toEqualTypeOf<ApproveExternalPaymentResult>()
    expectTypeOf<Param<typeof conto.payments.approve, 0>>().toEqualTypeOf<
      Input<typeof endpoints.payments.approve.body>
    >()
    expectTypeOf<Param<typeof conto.payments.confirm, 1>>().toEqualTypeOf<
      Input<typeof endpoints.payments.confirm.body>
    >()
    // @ts-expect-error confirm needs the approval token.
    conto.payments.confirm('approval', { txHash: '0x' })
  })

  test('pay() errors carry the decision', () => {
    expectTypeOf<PaymentDeniedError['code']>().toEqualTypeOf<'PAYMENT_DENIED'>()
    expectTypeOf<PaymentDeniedError['status']>().toEqualTypeOf<403>()
    expectTypeOf<PaymentDeniedError['violations']>().toEqualTypeOf<Violation[]>()
    expectTypeOf<PaymentDeniedError['requestId']>().toEqualTypeOf<string>()
    expectTypeOf<ApprovalRequiredError['code']>().toEqualTypeOf<'REQUIRES_APPROVAL'>()
    expectTypeOf<ApprovalRequiredError['status']>().toEqualTypeOf<202>()
    expectTypeOf<ApprovalRequiredError['approvalRequestId']>().toEqualTypeOf<string | undefined>()
  })
})

describe('lists', () => {
  test('wallets.list returns a page of wallets with limits and spend', async () => {
    expectTypeOf(conto.wallets.list).returns.toEqualTypeOf<
      PagePromise<SdkWallet, ListSdkWalletsResponse>
    >()
    const page = await conto.wallets.list()
    expectTypeOf(page).toEqualTypeOf<Page<SdkWallet, ListSdkWalletsResponse>>()
    expectTypeOf(page.items).toEqualTypeOf<readonly SdkWallet[]>()
    for await (const wallet of conto.wallets.list()) {
      expectTypeOf(wallet.limits.perTransaction).toEqualTypeOf<number | null>()
      expectTypeOf(wallet.spent.today).toEqualTypeOf<number>()
    }
  })

  test('args: list filters are the registry query input', () => {
    expectTypeOf<Param<typeof conto.policies.list, 0>>().toEqualTypeOf<
      Input<typeof endpoints.sdkPolicies.list.query> | undefined
    >()
    expectTypeOf<Param<typeof conto.transactions.list, 0>>().toEqualTypeOf<
      Input<typeof endpoints.sdkTransactions.list.query> | undefined
    >()
    conto.policies.list({ walletId: 'w1' })
    // @ts-expect-error status is a transaction status.
    conto.transactions.list({ status: 'DONE' })
  })
})

describe('other resources', () => {
  test('args: bodies are the registry body input', () => {
    expectTypeOf<Param<typeof conto.x402.record, 0>>().toMatchTypeOf<
      Input<typeof endpoints.x402.record.body>
    >()
    expectTypeOf<Param<typeof conto.x402.recordBatch, 0>>().toMatchTypeOf<
      Input<typeof endpoints.x402.record.body>
    >()
    expectTypeOf<Param<typeof conto.mpp.record, 0>>().toEqualTypeOf<
      Input<typeof endpoints.mpp.record.body>
    >()
    expectTypeOf<Param<typeof conto.a2a.request, 0>>().toEqualTypeOf<
      Input<typeof endpoints.a2a.request.body>
    >()
    expectTypeOf<Param<typeof conto.cards.approve, 0>>().toEqualTypeOf<
      Input<typeof endpoints.cards.approve.body>
    >()
    expectTypeOf<Param<typeof conto.budgets.request, 0>>().toEqualTypeOf<
      Input<typeof endpoints.budgets.request.body>
    >()
    expectTypeOf<Param<typeof conto.counterparties.create, 0>>().toEqualTypeOf<
      Input<typeof endpoints.sdkCounterparties.create.body>
    >()
  })

  test('results are the registry response output', () => {
    expectTypeOf(conto.setup).returns.resolves.toEqualTypeOf<
      Output<typeof endpoints.sdk.setup.response>
    >()
    expectTypeOf(conto.agent.retrieve).returns.resolves.toEqualTypeOf<
      Output<typeof endpoints.sdkAgent.retrieve.response>
    >()
    expectTypeOf(conto.network.trust).returns.resolves.toEqualTypeOf<
      Output<typeof endpoints.sdkNetwork.trust.response>
    >()
    expectTypeOf(conto.a2a.execute).returns.resolves.toEqualTypeOf<
      Output<typeof endpoints.a2a.execute.response>
    >()
    expectTypeOf(conto.serviceSpend.summary).returns.resolves.toEqualTypeOf<
      Output<typeof endpoints.serviceSpend.summary.response>
    >()
  })
})

describe('input types', () => {
  test('args: an amount is a number, not whatever the preprocessing accepts at run time', () => {
    expectTypeOf<RequestPaymentParams['amount']>().toEqualTypeOf<number>()
    conto.payments.request({ amount: 10, recipientAddress })
    // @ts-expect-error an amount is a JSON number
    conto.payments.request({ amount: 'x' as unknown as object, recipientAddress })
    // @ts-expect-error nor a numeric string: amounts travel as JSON numbers
    conto.payments.request({ amount: '10', recipientAddress })
    conto.payments.pay({ amount: 0.5, recipientAddress })
    // @ts-expect-error pay() takes the same body as request()
    conto.payments.pay({ amount: null, recipientAddress })
    conto.x402.record({
      amount: 0.01,
      recipientAddress,
      resourceUrl: 'https://api.example.com/data',
      txHash: `0x${'ab'.repeat(32)}`,
    })
    conto.x402.record({
      // @ts-expect-error the x402 amount is a number too
      amount: true,
      recipientAddress,
      resourceUrl: 'https://api.example.com/data',
      txHash: `0x${'ab'.repeat(32)}`,
    })
  })

  test('args: limit and offset take numbers, or the numeric strings a query string carries', () => {
    expectTypeOf<ListSdkTransactionsQuery['limit']>().toEqualTypeOf<number | string | undefined>()
    expectTypeOf<ListSdkTransactionsQuery['offset']>().toEqualTypeOf<number | string | undefined>()
    conto.transactions.list({ limit: 20 })
    conto.transactions.list({ limit: 20, offset: 40 })
    conto.transactions.list({ limit: '20' })
    conto.alerts.list({ limit: 5 })
    // @ts-expect-error not an object
    conto.transactions.list({ limit: {} })
    // @ts-expect-error not a boolean
    conto.wallets.list({ offset: true })
  })
})

describe('documented aliases', () => {
  test('default: each alias has exactly the signature of the method it names', () => {
    expectTypeOf(conto.agent.get).toEqualTypeOf(conto.agent.retrieve)
    expectTypeOf(conto.transactions.get).toEqualTypeOf(conto.transactions.retrieve)
    expectTypeOf(conto.counterparties.get).toEqualTypeOf(conto.counterparties.retrieve)
    expectTypeOf(conto.a2a.get).toEqualTypeOf(conto.a2a.retrieve)
    expectTypeOf(conto.budgets.get).toEqualTypeOf(conto.budgets.retrieve)
    expectTypeOf(conto.analytics.get).toEqualTypeOf(conto.analytics.retrieve)
    expectTypeOf(conto.payments.getStatus).toEqualTypeOf(conto.payments.status)
  })
})
