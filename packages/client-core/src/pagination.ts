import type { Pagination } from '@conto/schemas'

/** `limit`/`offset` of the page to fetch; `limit` is left to the server default when omitted. */
export interface PageParams {
  limit?: number | undefined
  offset?: number | undefined
}

/** What {@link createPage} needs to fetch and read one page of a list endpoint. */
export interface CreatePageOptions<TItem, TResponse> {
  /** Fetches one page; called with the first page's params, then with each next offset. */
  fetchPage: (params: { limit: number | undefined; offset: number }) => PromiseLike<TResponse>
  /** Picks the items out of a list envelope, e.g. `(body) => body.agents`. */
  items: (response: TResponse) => readonly TItem[]
  /** Where to start: `limit` (page size) and `offset` of the first page. */
  params?: PageParams | undefined
}

/** Options of `toArray()`: `limit` is required so a runaway list cannot exhaust memory. */
export interface ToArrayOptions {
  /** The most items to collect (a whole number ≥ 1). */
  limit: number
}

/**
 * One page of a list: its items, its `pagination` (`total`, `limit`, `offset`, `hasMore`) and the
 * whole envelope. Iterate it with `for await` to walk every item from this page to the last.
 */
export class Page<TItem, TResponse = unknown> implements AsyncIterable<TItem> {
  /** The items of this page. */
  readonly items: readonly TItem[]
  /** Where this page sits in the list. */
  readonly pagination: Pagination
  /** The list envelope as the API returned it. */
  readonly response: TResponse
  readonly #options: CreatePageOptions<TItem, TResponse>

  constructor(response: TResponse, options: CreatePageOptions<TItem, TResponse>) {
    this.response = response
    this.items = options.items(response)
    this.pagination = paginationOf(response, this.items, options.params)
    this.#options = options
  }

  /** `true` when the server reports more items after this page. */
  hasNextPage(): boolean {
    // An empty page with `hasMore: true` would otherwise loop forever.
    return this.pagination.hasMore && this.items.length > 0
  }

  /** The next page, or `undefined` after the last one. */
  async getNextPage(): Promise<Page<TItem, TResponse> | undefined> {
    if (!this.hasNextPage()) return undefined
    const params = {
      limit: this.#options.params?.limit,
      offset: this.pagination.offset + this.items.length,
    }
    const response = await this.#options.fetchPage(params)
    return new Page(response, { ...this.#options, params })
  }

  /** Every item from this page to the end of the list, fetching the next pages as needed. */
  async *[Symbol.asyncIterator](): AsyncIterator<TItem> {
    let page: Page<TItem, TResponse> | undefined = this
    while (page) {
      yield* page.items
      page = await page.getNextPage()
    }
  }

  /**
   * Collects items from this page onwards, at most `limit` of them.
   *
   * @throws {RangeError} when `limit` is missing or not a whole number ≥ 1.
   */
  toArray(options: ToArrayOptions): Promise<TItem[]> {
    return collect(this, options)
  }
}

/**
 * What a `list()` method returns: await it for the first page, or walk every item of every page
 * with `for await`, or collect a capped number of items with `toArray({ limit })`.
 *
 * @example
 * ```ts
 * const page = await admin.agents.list({ limit: 20 }) // page.items, page.pagination
 * for await (const agent of admin.agents.list()) console.log(agent.name)
 * const first500 = await admin.agents.list().toArray({ limit: 500 })
 * ```
 */
export class PagePromise<TItem, TResponse = unknown>
  implements Promise<Page<TItem, TResponse>>, AsyncIterable<TItem>
{
  readonly #page: Promise<Page<TItem, TResponse>>

  constructor(page: Promise<Page<TItem, TResponse>>) {
    this.#page = page
    // As with APIPromise: a list nobody awaits must not crash Node with an unhandled rejection.
    page.catch(() => {})
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is a promise, so it has a `then`.
  then<TResult1 = Page<TItem, TResponse>, TResult2 = never>(
    onfulfilled?: ((value: Page<TItem, TResponse>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#page.then(onfulfilled, onrejected)
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<Page<TItem, TResponse> | TResult> {
    return this.#page.catch(onrejected)
  }

  finally(onfinally?: (() => void) | null): Promise<Page<TItem, TResponse>> {
    return this.#page.finally(onfinally)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TItem> {
    yield* await this.#page
  }

  /**
   * Collects items across pages, at most `limit` of them (the cap is required).
   *
   * @throws {RangeError} when `limit` is missing or not a whole number ≥ 1.
   */
  toArray(options: ToArrayOptions): Promise<TItem[]> {
    return collect(this, options)
  }

  readonly [Symbol.toStringTag] = 'PagePromise'
}

/**
 * Starts fetching the first page of a `limit`/`offset` list and returns a {@link PagePromise}.
 * The next pages are fetched while iterating, from the offset after the last item received,
 * until the server answers `hasMore: false`.
 *
 * @example
 * ```ts
 * list(params?: ListAgentsQuery) {
 *   return createPage({
 *     params,
 *     fetchPage: (page) => transport.request({ method: 'GET', path: '/api/agents', query: { ...params, ...page }, schema }),
 *     items: (body) => body.agents,
 *   })
 * }
 * ```
 */
export function createPage<TItem, TResponse>(
  options: CreatePageOptions<TItem, TResponse>,
): PagePromise<TItem, TResponse> {
  const first = {
    limit: options.params?.limit,
    offset: options.params?.offset ?? 0,
  }
  const page = Promise.resolve()
    .then(() => options.fetchPage(first))
    .then((response) => new Page(response, { ...options, params: first }))
  return new PagePromise(page)
}

async function collect<TItem>(
  source: AsyncIterable<TItem>,
  options: ToArrayOptions | undefined,
): Promise<TItem[]> {
  const limit = options?.limit
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `toArray() needs a cap: pass { limit: n } with a whole number ≥ 1 (got ${String(limit)}), so a long list cannot exhaust memory`,
    )
  }
  const items: TItem[] = []
  for await (const item of source) {
    items.push(item)
    if (items.length >= limit) break
  }
  return items
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/**
 * The page's `pagination` object; lists documented without one (agents keep `total`, `limit`,
 * `offset` at the top level; some lists have none) are read as well as they can be.
 */
function paginationOf(
  response: unknown,
  items: readonly unknown[],
  params: PageParams | undefined,
): Pagination {
  const body = (typeof response === 'object' && response !== null ? response : {}) as Record<
    string,
    unknown
  >
  const nested = body['pagination'] as Record<string, unknown> | undefined
  const source = typeof nested === 'object' && nested !== null ? nested : body
  const offset = isCount(source['offset']) ? source['offset'] : (params?.offset ?? 0)
  const limit = isCount(source['limit']) ? source['limit'] : (params?.limit ?? items.length)
  const total = isCount(source['total']) ? source['total'] : undefined
  const hasMore =
    typeof source['hasMore'] === 'boolean'
      ? source['hasMore']
      : total !== undefined && offset + items.length < total
  return { total: total ?? offset + items.length, limit, offset, hasMore }
}
