import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  isContoApiError,
  isContoError,
  type Transport,
} from '@conto/client-core'
import {
  type ApproveExternalPaymentParams,
  type ApproveExternalPaymentResult,
  type ConfirmExternalPaymentParams,
  type ConfirmExternalPaymentResult,
  type ExecutePaymentResult,
  type PaymentExecution,
  type PaymentRequestResult,
  type PaymentStatusResult,
  type RequestPaymentParams,
  sdkPaymentEndpoints,
} from '@conto/schemas'
import {
  ApprovalRequiredError,
  PaymentDeniedError,
  VerificationRequiredError,
} from '../payment-errors.js'

// 5xx codes that say for certain nothing was executed: no point reading the status first.
const DEFINITE_SERVER_ERRORS = new Set(['NOT_IMPLEMENTED', 'CUSTODY_NOT_CONFIGURED'])

/**
 * Payments (`/api/sdk/payments/*`): ask Conto before paying (`request`), execute an approved
 * request through the wallet's custody provider (`execute`), or both at once (`pay`); follow a
 * request through its lifecycle (`status`); and, for EXTERNAL wallets the agent signs itself,
 * pre-approve a transfer (`approve`) and report it once sent (`confirm`).
 */
export class Payments {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Asks Conto whether the agent may make this payment, and returns the decision (HTTP 200 for
   * every decision; a denial is a result, not an error). Switch on `status`: APPROVED (reserved
   * for 5 minutes: call `execute()`), DENIED (`reasons`, `violations`), REQUIRES_APPROVAL
   * (`approvalRequestId`) or VERIFICATION_REQUIRED (`verification.verifyUrl`).
   *
   * The body always carries an `idempotencyKey` (a UUID v4 unless you give one), sent unchanged
   * on every retry, so a retried request never creates a second payment request.
   *
   * @example
   * ```ts
   * const result = await conto.payments.request({ amount: 25, recipientAddress, purpose: 'API credits' })
   * switch (result.status) {
   *   case 'APPROVED': await conto.payments.execute(result.requestId); break
   *   case 'DENIED': console.log(result.reasons); break
   *   case 'REQUIRES_APPROVAL': console.log('waiting for', result.approvalRequestId); break
   *   case 'VERIFICATION_REQUIRED': console.log('verify at', result.verification.verifyUrl); break
   * }
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR`, `INVALID_AMOUNT`, `INVALID_ADDRESS` for a bad body.
   * @throws {ContoApiError} `NO_WALLET`, `EXTERNAL_WALLET_ERROR`, `WALLET_CONFIG_ERROR` (400), `AGENT_NOT_ACTIVE` (403), `IDEMPOTENCY_CONFLICT` (409).
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request` (or `payments:execute` with `autoExecute`).
   * @see https://conto.finance/docs/sdk/payments
   */
  request(
    params: RequestPaymentParams,
    options: CallOptions = {},
  ): APIPromise<PaymentRequestResult> {
    const idempotencyKey =
      params.idempotencyKey ?? options.idempotencyKey ?? globalThis.crypto.randomUUID()
    return callEndpoint(
      this.#transport,
      sdkPaymentEndpoints.request,
      { body: { ...params, idempotencyKey } },
      { ...options, idempotencyKey: options.idempotencyKey ?? idempotencyKey },
    )
  }

  /**
   * Executes an APPROVED payment request through the wallet's custody provider and returns the
   * transfer (`COMPLETED` with `simulated: true` in test mode, `CONFIRMING` live).
   *
   * Never blindly retried. After an ambiguous failure (a timeout, a connection error or a 5xx),
   * it reads `status(requestId)` first: if the request was executed it returns that execution,
   * otherwise it tries once more with the same `Idempotency-Key`. `maxRetries` does not apply.
   *
   * @example
   * ```ts
   * const { transactionId, txHash, explorerUrl } = await conto.payments.execute(result.requestId)
   * ```
   * @throws {ContoApiError} `EXPIRED` (past `expiresAt`), `INVALID_STATUS` (not APPROVED, or already executed), `EXTERNAL_WALLET` (use approve/confirm), `INSUFFICIENT_BALANCE` (400); `WALLET_FROZEN`, `AGENT_NOT_ACTIVE` (403).
   * @throws {NotFoundError} `NOT_FOUND` for an unknown request id.
   * @throws {ConnectionError} when the outcome stayed unknown (the status could not be read either).
   * @see https://conto.finance/docs/sdk/payments
   */
  async execute(requestId: string, options: CallOptions = {}): Promise<ExecutePaymentResult> {
    const attempt = {
      ...options,
      maxRetries: 0,
      idempotencyKey: options.idempotencyKey ?? globalThis.crypto.randomUUID(),
    }
    const executeOnce = () =>
      callEndpoint(this.#transport, sdkPaymentEndpoints.execute, { params: { requestId } }, attempt)
    try {
      return await executeOnce()
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error
      const executed = await this.#executionOf(requestId, options, error)
      if (executed) return executed
      try {
        return await executeOnce()
      } catch (retryError) {
        // The first attempt may have executed after all while the status was being read.
        if (isContoApiError(retryError) && retryError.code === 'INVALID_STATUS') {
          const late = await this.#executionOf(requestId, options, retryError)
          if (late) return late
        }
        throw retryError
      }
    }
  }

  /**
   * Requests a payment and executes it when approved, in one call. Unlike `request()`, a decision
   * other than APPROVED is thrown: {@link PaymentDeniedError} (`PAYMENT_DENIED`, 403, with
   * `reasons` and `violations`), {@link ApprovalRequiredError} (`REQUIRES_APPROVAL`, 202, with
   * `requestId` and `approvalRequestId`) or {@link VerificationRequiredError}.
   *
   * @example
   * ```ts
   * try {
   *   const { txHash } = await conto.payments.pay({ amount: 10, recipientAddress })
   * } catch (error) {
   *   if ('code' in error && error.code === 'PAYMENT_DENIED') console.log(error.message)
   * }
   * ```
   * @throws {PaymentDeniedError} `PAYMENT_DENIED` when policy denies the payment.
   * @throws {ApprovalRequiredError} `REQUIRES_APPROVAL` when a human must approve it first.
   * @throws {VerificationRequiredError} `VERIFICATION_REQUIRED` when the merchant needs a step-up.
   * @throws {ContoApiError} anything `request()` or `execute()` throws.
   * @see https://conto.finance/docs/sdk/payments
   */
  async pay(
    params: RequestPaymentParams,
    options: CallOptions = {},
  ): Promise<ExecutePaymentResult> {
    const { data: decision, response } = await this.request(params, options).withResponse()
    switch (decision.status) {
      case 'APPROVED':
        if (decision.execution) return toExecutePaymentResult(decision, decision.execution)
        return this.execute(decision.requestId, {
          timeoutMs: options.timeoutMs,
          signal: options.signal,
          headers: options.headers,
        })
      case 'DENIED':
        throw new PaymentDeniedError(decision, response.headers)
      case 'REQUIRES_APPROVAL':
        throw new ApprovalRequiredError(decision, response.headers)
      case 'VERIFICATION_REQUIRED':
        throw new VerificationRequiredError(decision, response.headers)
    }
  }

  /**
   * Returns a payment request and where it is in its lifecycle: `APPROVED`, `DENIED`,
   * `REQUIRES_APPROVAL`, `EXECUTED`, `COMPLETED`, `FAILED`, `EXPIRED`, …, with the `execution`
   * once executed.
   *
   * @example
   * ```ts
   * const { status, execution } = await conto.payments.status(requestId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown request id.
   * @see https://conto.finance/docs/sdk/payments
   */
  status(requestId: string, options: CallOptions = {}): APIPromise<PaymentStatusResult> {
    return callEndpoint(
      this.#transport,
      sdkPaymentEndpoints.status,
      { params: { requestId } },
      options,
    )
  }

  /**
   * The same as {@link Payments.status}: the name the documentation's examples use.
   *
   * @example
   * ```ts
   * const { status } = await conto.payments.getStatus(requestId)
   * ```
   * @throws {NotFoundError} `NOT_FOUND` for an unknown request id.
   */
  getStatus(requestId: string, options: CallOptions = {}): APIPromise<PaymentStatusResult> {
    return this.status(requestId, options)
  }

  /**
   * Pre-approves a transfer from the agent's EXTERNAL wallet (one it signs itself). Approved:
   * an `approvalToken` valid 10 minutes; send the transfer, then `confirm()` it. Denied:
   * `{ approved: false, reasons, violations }` (HTTP 200, not an error).
   *
   * @example
   * ```ts
   * const approval = await conto.payments.approve({ amount: 20, recipientAddress, senderAddress })
   * if (approval.approved) {
   *   const txHash = await sendTransfer()
   *   await conto.payments.confirm(approval.approvalId, { txHash, approvalToken: approval.approvalToken })
   * }
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR`, `INVALID_AMOUNT`, `INVALID_ADDRESS` for a bad body.
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:approve`; `WALLET_FROZEN`, `AGENT_NOT_ACTIVE`.
   * @see https://conto.finance/docs/sdk/external-wallets
   */
  approve(
    params: ApproveExternalPaymentParams,
    options: CallOptions = {},
  ): APIPromise<ApproveExternalPaymentResult> {
    return callEndpoint(this.#transport, sdkPaymentEndpoints.approve, { body: params }, options)
  }

  /**
   * Reports the on-chain transfer of an approved external payment, with the approval's one-time
   * token; the transaction is recorded as `CONFIRMING` and counts toward the spend limits.
   *
   * @example
   * ```ts
   * await conto.payments.confirm(approval.approvalId, { txHash, approvalToken: approval.approvalToken })
   * ```
   * @throws {ContoApiError} `EXPIRED` (10 minutes passed), `INVALID_APPROVAL_TOKEN` (400), `ALREADY_CONFIRMED` (409).
   * @throws {NotFoundError} `NOT_FOUND` for an unknown approval id.
   * @see https://conto.finance/docs/sdk/external-wallets
   */
  confirm(
    approvalId: string,
    params: ConfirmExternalPaymentParams,
    options: CallOptions = {},
  ): APIPromise<ConfirmExternalPaymentResult> {
    return callEndpoint(
      this.#transport,
      sdkPaymentEndpoints.confirm,
      { params: { approvalId }, body: params },
      options,
    )
  }

  /** The execution of `requestId` if the status says it was executed; else `undefined`. */
  async #executionOf(
    requestId: string,
    options: CallOptions,
    failure: unknown,
  ): Promise<ExecutePaymentResult | undefined> {
    let status: PaymentStatusResult
    try {
      status = await this.status(requestId, {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        headers: options.headers,
      })
    } catch {
      // The outcome stays unknown: report the failure of execute itself, not of the status read.
      throw failure
    }
    return status.execution ? toExecutePaymentResult(status, status.execution) : undefined
  }
}

/** A timeout, a lost connection or a 5xx: `/execute` may or may not have run. */
function isAmbiguousFailure(error: unknown): boolean {
  if (!isContoError(error)) return false
  if (error.status === 0) return error.code === 'TIMEOUT' || error.code === 'NETWORK_ERROR'
  return isContoApiError(error) && error.status >= 500 && !DEFINITE_SERVER_ERRORS.has(error.code)
}

/** The `execute()` result for an execution found on a decision (auto-execute) or a status. */
function toExecutePaymentResult(
  source: Pick<PaymentStatusResult, 'requestId' | 'amount' | 'currency' | 'recipientAddress'> &
    Partial<Pick<PaymentStatusResult, 'wallet' | 'chain'>>,
  execution: PaymentExecution,
): ExecutePaymentResult {
  return {
    transactionId: execution.transactionId,
    requestId: source.requestId,
    txHash: execution.txHash,
    explorerUrl: execution.explorerUrl,
    status: execution.status,
    ...(execution.simulated === undefined ? {} : { simulated: execution.simulated }),
    amount: source.amount,
    currency: source.currency,
    chainId: source.chain?.chainId ?? source.wallet?.chainId ?? '',
    walletId: source.wallet?.id ?? '',
    recipientAddress: source.recipientAddress,
  }
}
