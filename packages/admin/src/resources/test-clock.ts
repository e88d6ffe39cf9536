import { type APIPromise, type CallOptions, callEndpoint, type Transport } from '@conto/client-core'
import {
  type AdvanceTestClockParams,
  endpoints,
  type FrozenTestClock,
  type ResetTestClockResponse,
  type TestClock,
} from '@conto/schemas'

/**
 * `admin.testClock`: the server clock of a test-mode server (`/api/test/clock`), for testing
 * daily limits, time windows and expiries without waiting. Live servers answer 404.
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class TestClockResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Retrieves the server's current time and whether the clock is frozen.
   *
   * @example
   * ```ts
   * const { now, frozen } = await admin.testClock.retrieve()
   * ```
   * @throws {NotFoundError} when the server is not in test mode.
   */
  retrieve(options?: CallOptions): APIPromise<TestClock> {
    return callEndpoint(this.#transport, endpoints.testClock.retrieve, {}, options)
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const { now, frozen } = await admin.testClock.get()
   * ```
   * @throws {NotFoundError} when the server is not in test mode.
   */
  get(options?: CallOptions): APIPromise<TestClock> {
    return this.retrieve(options)
  }

  /**
   * Freezes the clock at `now`, or moves it forward by `advanceSeconds`.
   *
   * @example
   * ```ts
   * await admin.testClock.advance({ advanceSeconds: 24 * 60 * 60 }) // tomorrow: daily limits reset
   * ```
   * @throws {NotFoundError} when the server is not in test mode.
   * @throws {ValidationError} when neither or both of `now` and `advanceSeconds` are given.
   */
  advance(params: AdvanceTestClockParams, options?: CallOptions): APIPromise<FrozenTestClock> {
    return callEndpoint(this.#transport, endpoints.testClock.advance, { body: params }, options)
  }

  /**
   * Unfreezes the clock: the server follows real time again.
   *
   * @example
   * ```ts
   * await admin.testClock.reset()
   * ```
   * @throws {NotFoundError} when the server is not in test mode.
   */
  reset(options?: CallOptions): APIPromise<ResetTestClockResponse> {
    return callEndpoint(this.#transport, endpoints.testClock.reset, {}, options)
  }
}
