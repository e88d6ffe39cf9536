/** The response of a successful call, before its body is read. */
export interface RawResponse {
  response: Response
  /** The `request-id` (or `x-request-id`) header of the response. */
  requestId: string | undefined
}

/** What {@link APIPromise.withResponse} resolves to. */
export interface WithResponse<T> {
  /** The parsed body, the same value awaiting the promise gives. */
  data: T
  /** The raw response (its body has been read). */
  response: Response
  /** The `request-id` of the response; quote it to support. */
  requestId: string | undefined
}

// A call nobody awaits must not crash Node with an unhandled rejection; awaiting it still throws.
const ignore = () => {}

/**
 * The promise every transport call returns: await it for the parsed body, or ask for more with
 * `.withResponse()` (body, raw `Response` and request id) or `.asResponse()` (the raw `Response`
 * with its body unread). The request starts at once; the body is read and parsed only when awaited.
 *
 * @example
 * ```ts
 * const { data, requestId } = await transport
 *   .request({ method: 'GET', path: '/api/sdk/agent' })
 *   .withResponse()
 * ```
 */
export class APIPromise<T> implements Promise<T> {
  readonly #raw: Promise<RawResponse>
  readonly #parse: (raw: RawResponse) => Promise<T>
  #parsed: Promise<WithResponse<T>> | undefined

  constructor(raw: Promise<RawResponse>, parse: (raw: RawResponse) => Promise<T>) {
    this.#raw = raw
    this.#parse = parse
    raw.catch(ignore)
  }

  /**
   * The raw `Response`, its body unread (do not also await the promise: the body can be read once).
   *
   * @throws {ContoApiError} on a non-2xx response, after the retries.
   * @throws {ConnectionError} when no response arrived (a {@link TimeoutError} on timeout).
   */
  asResponse(): Promise<Response> {
    return this.#raw.then((raw) => raw.response)
  }

  /**
   * The parsed body together with the raw `Response` and the request id.
   *
   * @throws {ContoApiError} on a non-2xx response, after the retries.
   * @throws {ConnectionError} when no response arrived (a {@link TimeoutError} on timeout).
   * @throws {ResponseValidationError} when the body is not JSON or does not match the schema.
   */
  withResponse(): Promise<WithResponse<T>> {
    this.#parsed ??= this.#raw.then(async (raw) => ({
      data: await this.#parse(raw),
      response: raw.response,
      requestId: raw.requestId,
    }))
    return this.#parsed
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is a promise, so it has a `then`.
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.withResponse()
      .then((result) => result.data)
      .then(onfulfilled, onrejected)
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<T | TResult> {
    return this.then(undefined, onrejected)
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally)
  }

  readonly [Symbol.toStringTag] = 'APIPromise'
}
