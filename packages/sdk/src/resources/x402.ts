import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type X402BudgetQuery,
  type X402BudgetResponse,
  type X402PreAuthorizeParams,
  type X402PreAuthorizeResult,
  type X402RecordBatchParams,
  type X402RecordPaymentParams,
  type X402RecordResponse,
  type X402ServicesResponse,
  x402Endpoints,
} from '@conto/schemas'

/**
 * x402 pay-per-request payments (`/api/sdk/x402/*`): pre-authorize against the policies, pay the
 * resource, then record the settled payment (there is no confirm step).
 */
export class X402 {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Checks an x402 payment against the policies before paying: `{ authorized: true, wallet }` or
   * `{ authorized: false, reasons, violations }` (HTTP 200 either way).
   *
   * @example
   * ```ts
   * const check = await conto.x402.preAuthorize({ amount: 0.01, recipientAddress, resourceUrl })
   * if (check.authorized) await payWithX402()
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR`, `INVALID_AMOUNT`, `INVALID_ADDRESS` for a bad body.
   * @throws {ContoApiError} `NO_WALLET` (400), `AGENT_NOT_ACTIVE`, `WALLET_FROZEN` (403).
   * @see https://conto.finance/docs/sdk/x402
   */
  preAuthorize(
    params: X402PreAuthorizeParams,
    options: CallOptions = {},
  ): APIPromise<X402PreAuthorizeResult> {
    return callEndpoint(this.#transport, x402Endpoints.preAuthorize, { body: params }, options)
  }

  /**
   * Records one settled x402 payment (`txHash` or `transactionHash`); anomaly alerts it raises
   * come back in `alerts`.
   *
   * @example
   * ```ts
   * await conto.x402.record({ amount: 0.01, recipientAddress, resourceUrl, txHash })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR`, `INVALID_AMOUNT`, `INVALID_ADDRESS` for a bad body.
   * @throws {ConflictError} `CONFLICT` when the transaction hash was already recorded.
   * @see https://conto.finance/docs/sdk/x402
   */
  record(
    params: X402RecordPaymentParams,
    options: CallOptions = {},
  ): APIPromise<X402RecordResponse> {
    return callEndpoint(this.#transport, x402Endpoints.record, { body: params }, options)
  }

  /**
   * Records 1–100 settled x402 payments in one call.
   *
   * @example
   * ```ts
   * await conto.x402.recordBatch({ payments: [first, second] })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR` for a bad payment or more than 100 of them.
   * @throws {ConflictError} `CONFLICT` when a transaction hash was already recorded.
   * @see https://conto.finance/docs/sdk/x402
   */
  recordBatch(
    params: X402RecordBatchParams,
    options: CallOptions = {},
  ): APIPromise<X402RecordResponse> {
    return callEndpoint(this.#transport, x402Endpoints.record, { body: params }, options)
  }

  /**
   * Lists the x402 services the agent has paid, with spend and call counts.
   *
   * @example
   * ```ts
   * const { services } = await conto.x402.services()
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request` or `analytics:read`.
   * @see https://conto.finance/docs/sdk/x402
   */
  services(options: CallOptions = {}): APIPromise<X402ServicesResponse> {
    return callEndpoint(this.#transport, x402Endpoints.services, {}, options)
  }

  /**
   * Returns the remaining x402 budget, the burn rate and the policy limits that apply
   * (optionally for one `sessionId`).
   *
   * @example
   * ```ts
   * const budget = await conto.x402.budget({ sessionId })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request` or `analytics:read`.
   * @see https://conto.finance/docs/sdk/x402
   */
  budget(query: X402BudgetQuery = {}, options: CallOptions = {}): APIPromise<X402BudgetResponse> {
    return callEndpoint(this.#transport, x402Endpoints.budget, { query }, options)
  }
}
