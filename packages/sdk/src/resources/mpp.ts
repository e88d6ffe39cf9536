import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type MppBudgetQuery,
  type MppBudgetResponse,
  type MppPreAuthorizeParams,
  type MppPreAuthorizeResult,
  type MppRecordParams,
  type MppRecordResponse,
  type MppServicesResponse,
  mppEndpoints,
} from '@conto/schemas'

/**
 * Machine Payment Protocol sessions and charges on Tempo (`/api/sdk/mpp/*`): pre-authorize, open
 * the session, pay, close, then record the settled amount.
 */
export class Mpp {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Checks an MPP session or charge against the policies before opening it:
   * `{ authorized: true, wallet }` or `{ authorized: false, reasons, violations }`.
   *
   * @example
   * ```ts
   * const check = await conto.mpp.preAuthorize({ amount: 1, recipientAddress, resourceUrl, intent: 'session', depositAmount: 5 })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR`, `INVALID_AMOUNT`, `INVALID_ADDRESS` for a bad body.
   * @throws {ContoApiError} `NO_WALLET` (400), `AGENT_NOT_ACTIVE`, `WALLET_FROZEN` (403).
   * @see https://conto.finance/docs/sdk/mpp
   */
  preAuthorize(
    params: MppPreAuthorizeParams,
    options: CallOptions = {},
  ): APIPromise<MppPreAuthorizeResult> {
    return callEndpoint(this.#transport, mppEndpoints.preAuthorize, { body: params }, options)
  }

  /**
   * Records the settled amount of an MPP session or charge (with the per-call breakdown in
   * `calls` when there is one).
   *
   * @example
   * ```ts
   * await conto.mpp.record({ amount: 0.4, recipientAddress, resourceUrl, sessionId, txHash })
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR`, `INVALID_AMOUNT`, `INVALID_ADDRESS` for a bad body.
   * @throws {ConflictError} `CONFLICT` when the transaction hash was already recorded.
   * @see https://conto.finance/docs/sdk/mpp
   */
  record(params: MppRecordParams, options: CallOptions = {}): APIPromise<MppRecordResponse> {
    return callEndpoint(this.#transport, mppEndpoints.record, { body: params }, options)
  }

  /**
   * Lists the MPP services the agent has paid, with spend and call counts.
   *
   * @example
   * ```ts
   * const { services } = await conto.mpp.services()
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request` or `analytics:read`.
   * @see https://conto.finance/docs/sdk/mpp
   */
  services(options: CallOptions = {}): APIPromise<MppServicesResponse> {
    return callEndpoint(this.#transport, mppEndpoints.services, {}, options)
  }

  /**
   * Returns the remaining MPP session and policy budget (optionally for one `sessionId`).
   *
   * @example
   * ```ts
   * const budget = await conto.mpp.budget({ sessionId })
   * ```
   * @throws {PermissionDeniedError} `INSUFFICIENT_SCOPE` without `payments:request` or `analytics:read`.
   * @see https://conto.finance/docs/sdk/mpp
   */
  budget(query: MppBudgetQuery = {}, options: CallOptions = {}): APIPromise<MppBudgetResponse> {
    return callEndpoint(this.#transport, mppEndpoints.budget, { query }, options)
  }
}
