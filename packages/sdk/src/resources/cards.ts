import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type CardApproveParams,
  type CardApproveResult,
  type CardConfirmParams,
  type CardConfirmResult,
  sdkCardEndpoints,
} from '@conto/schemas'

/** Card payments (`/api/sdk/cards/*`): approve a charge, make it on the card, confirm it. */
export class Cards {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Asks Conto whether the agent may charge a card it holds; the decision is a result (HTTP 200)
   * discriminated on `status`, and only APPROVED carries the single-use `approvalToken`. The
   * body always carries an `idempotencyKey` (a UUID v4 unless you give one).
   *
   * @example
   * ```ts
   * const decision = await conto.cards.approve({ cardId, amount: 49, merchantName: 'Figma', merchantCategory: 'SOFTWARE', purpose: 'Seat' })
   * if (decision.status === 'APPROVED') chargeCard(decision.approvalToken)
   * ```
   * @throws {ValidationError} `VALIDATION_ERROR` / `INVALID_AMOUNT` for a bad body.
   * @throws {NotFoundError} `NOT_FOUND` when the card is not assigned to the agent.
   * @see https://conto.finance/docs/sdk/cards
   */
  approve(params: CardApproveParams, options: CallOptions = {}): APIPromise<CardApproveResult> {
    const idempotencyKey =
      params.idempotencyKey ?? options.idempotencyKey ?? globalThis.crypto.randomUUID()
    return callEndpoint(
      this.#transport,
      sdkCardEndpoints.approve,
      { body: { ...params, idempotencyKey } },
      { ...options, idempotencyKey: options.idempotencyKey ?? idempotencyKey },
    )
  }

  /**
   * Reports how an approved card charge ended (`COMPLETED` or `FAILED`), with the approval's
   * token; a completed charge counts toward the spend limits.
   *
   * @example
   * ```ts
   * await conto.cards.confirm(decision.requestId, { approvalToken, transactionReference: 'ch_123', amount: 49, status: 'COMPLETED' })
   * ```
   * @throws {ContoApiError} `EXPIRED`, `INVALID_APPROVAL_TOKEN` (400), `ALREADY_CONFIRMED` (409).
   * @throws {NotFoundError} `NOT_FOUND` for an unknown request id.
   * @see https://conto.finance/docs/sdk/cards
   */
  confirm(
    requestId: string,
    params: CardConfirmParams,
    options: CallOptions = {},
  ): APIPromise<CardConfirmResult> {
    return callEndpoint(
      this.#transport,
      sdkCardEndpoints.confirm,
      { params: { requestId }, body: params },
      options,
    )
  }
}
