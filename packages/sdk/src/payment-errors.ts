import { ContoApiError } from '@conto/client-core'
import type {
  DeniedPaymentRequestResult,
  RequiresApprovalPaymentRequestResult,
  VerificationRequiredPaymentRequestResult,
  Violation,
} from '@conto/schemas'

/**
 * The errors `payments.pay()` throws for a decision that is not APPROVED. `payments.request()`
 * returns the same decisions as results instead. Each one is a {@link ContoApiError} whose
 * `body` is the decision and whose `requestId` is the payment request's id (pass it to
 * `payments.status()`), so `'code' in error`, `isContoApiError(error)` and `instanceof` all work.
 */

const money = (amount: number, currency: string) => `${amount} ${currency}`

/**
 * `pay()` was denied by policy (`PAYMENT_DENIED`, 403): `reasons` and `violations` say why.
 *
 * @example
 * ```ts
 * try {
 *   await conto.payments.pay({ amount: 500, recipientAddress })
 * } catch (error) {
 *   if (error instanceof PaymentDeniedError) console.log(error.violations[0]?.type)
 *   else throw error
 * }
 * ```
 * @see https://conto.finance/docs/errors/PAYMENT_DENIED
 */
export class PaymentDeniedError extends ContoApiError {
  override name = 'PaymentDeniedError'
  override readonly code = 'PAYMENT_DENIED'
  override readonly status = 403
  /** The payment request's id; the denied request stays readable with `payments.status()`. */
  override readonly requestId: string
  /** Human-readable reasons (exactly one on a denial). */
  override readonly reasons: string[]
  /** The rule that denied the payment: type, limit and current value. */
  override readonly violations: Violation[]
  /** The full decision `payments.request()` would have returned. */
  override readonly body: DeniedPaymentRequestResult

  constructor(decision: DeniedPaymentRequestResult, headers: Headers = new Headers()) {
    super({
      status: 403,
      code: 'PAYMENT_DENIED',
      message: `The payment of ${money(decision.amount, decision.currency)} to ${decision.recipientAddress} was denied by policy.`,
      requestId: decision.requestId,
      headers,
      body: decision,
      details: [
        ...decision.reasons.map((reason) => `Reason: ${reason}`),
        ...(decision.context?.nextSteps ?? []).map((step) => `Next step: ${step}`),
      ],
    })
    this.requestId = decision.requestId
    this.reasons = decision.reasons
    this.violations = decision.violations
    this.body = decision
  }
}

/**
 * `pay()` needs a human approval first (`REQUIRES_APPROVAL`, 202). Once `approvalRequestId` is
 * approved the request becomes APPROVED: poll `payments.status(requestId)`, then
 * `payments.execute(requestId)`.
 *
 * @example
 * ```ts
 * try {
 *   await conto.payments.pay({ amount: 80, recipientAddress })
 * } catch (error) {
 *   if (error instanceof ApprovalRequiredError) await waitForApproval(error.requestId)
 *   else throw error
 * }
 * ```
 * @see https://conto.finance/docs/errors/REQUIRES_APPROVAL
 */
export class ApprovalRequiredError extends ContoApiError {
  override name = 'ApprovalRequiredError'
  override readonly code = 'REQUIRES_APPROVAL'
  override readonly status = 202
  /** The payment request's id, to poll with `payments.status()` and execute once approved. */
  override readonly requestId: string
  /** The approval request humans decide on (absent on a dry run). */
  readonly approvalRequestId: string | undefined
  /** Why the payment was routed to humans. */
  override readonly reasons: string[]
  /** The full decision `payments.request()` would have returned. */
  override readonly body: RequiresApprovalPaymentRequestResult

  constructor(decision: RequiresApprovalPaymentRequestResult, headers: Headers = new Headers()) {
    super({
      status: 202,
      code: 'REQUIRES_APPROVAL',
      message: `The payment of ${money(decision.amount, decision.currency)} to ${decision.recipientAddress} needs a human approval first.`,
      requestId: decision.requestId,
      headers,
      body: decision,
      details: [
        ...decision.reasons.map((reason) => `Reason: ${reason}`),
        ...(decision.approvalRequestId ? [`Approval request: ${decision.approvalRequestId}`] : []),
        'Poll payments.status(requestId) and call payments.execute(requestId) once it is APPROVED.',
      ],
    })
    this.requestId = decision.requestId
    this.approvalRequestId = decision.approvalRequestId
    this.reasons = decision.reasons
    this.body = decision
  }
}

/**
 * `pay()` needs the merchant's identity step-up first (`VERIFICATION_REQUIRED`, 403): complete it
 * at `verifyUrl`, then request the payment again.
 *
 * @example
 * ```ts
 * if (error instanceof VerificationRequiredError) redirect(error.verifyUrl)
 * ```
 */
export class VerificationRequiredError extends ContoApiError {
  override name = 'VerificationRequiredError'
  override readonly code = 'VERIFICATION_REQUIRED'
  override readonly status = 403
  /** The payment request's id. */
  override readonly requestId: string
  /** Where to complete the verification. */
  readonly verifyUrl: string
  /** The full decision `payments.request()` would have returned. */
  override readonly body: VerificationRequiredPaymentRequestResult

  constructor(
    decision: VerificationRequiredPaymentRequestResult,
    headers: Headers = new Headers(),
  ) {
    super({
      status: 403,
      code: 'VERIFICATION_REQUIRED',
      message: `The payment of ${money(decision.amount, decision.currency)} to ${decision.recipientAddress} needs a verification step first.`,
      requestId: decision.requestId,
      headers,
      body: decision,
      details: [`Verify at: ${decision.verification.verifyUrl}`],
    })
    this.requestId = decision.requestId
    this.verifyUrl = decision.verification.verifyUrl
    this.body = decision
  }
}
