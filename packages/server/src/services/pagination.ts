/** The `pagination` object of a list response: `count` is how many rows this page holds. */
export function paginationOf(
  total: number,
  page: { readonly limit: number; readonly offset: number },
  count: number,
) {
  return { total, limit: page.limit, offset: page.offset, hasMore: page.offset + count < total }
}
