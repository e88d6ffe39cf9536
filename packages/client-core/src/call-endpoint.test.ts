import { endpoints } from '@conto/schemas'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { agentKey, baseUrl } from '../test/fixtures.js'
import { buildPath, listEndpoint } from './call-endpoint.js'
import { createTransport } from './create-transport.js'

/** A `fetch` that answers from `route` and records the query string of every request. */
function createStubFetch(route: (request: Request, index: number) => Response) {
  const requests: { search: string }[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init)
    requests.push({ search: new URL(request.url).search })
    return route(request, requests.length - 1)
  }
  return { fetch, requests }
}

const json = (body: unknown) => Response.json(body)

const policy = (id: string) => ({ id })

describe('buildPath', () => {
  test('default: fills and encodes the placeholders', () => {
    expect(buildPath(endpoints.payments.execute, { requestId: 'r 1/2' })).toBe(
      '/api/sdk/payments/r%201%2F2/execute',
    )
  })

  test('error: VALIDATION_ERROR for a missing or blank parameter', () => {
    expect(() => buildPath(endpoints.payments.status, {})).toThrowErrorMatchingInlineSnapshot(`
      [ContoError: requestId must be a non-empty string, got undefined (GET /api/sdk/payments/{requestId}).

      Docs: https://conto.finance/docs/errors/VALIDATION_ERROR
      Version: @conto/client-core@0.0.0]
    `)
    expect(() => buildPath(endpoints.payments.status, { requestId: '  ' })).toThrow(/blank string/)
  })
})

describe('listEndpoint', () => {
  test('behavior: walks every page, keeping the filters', async () => {
    const pages = [
      {
        policies: [policy('p1'), policy('p2')],
        pagination: { total: 3, limit: 2, offset: 0, hasMore: true },
      },
      { policies: [policy('p3')], pagination: { total: 3, limit: 2, offset: 2, hasMore: false } },
    ]
    const stub = createStubFetch((_, index) => json(pages[index]))
    const transport = createTransport({ apiKey: agentKey, baseUrl, fetch: stub.fetch })
    const ids: string[] = []
    // The registry entry with a response schema that accepts these trimmed-down policies.
    const endpoint = {
      ...endpoints.sdkPolicies.list,
      response: z.object({ policies: z.array(z.object({ id: z.string() })) }).loose(),
    }
    const list = listEndpoint(
      transport,
      endpoint,
      { query: { walletId: 'w1', limit: 2 } },
      (body) => body.policies,
    )
    for await (const item of list) ids.push(item.id)
    expect(ids).toEqual(['p1', 'p2', 'p3'])
    expect(stub.requests.map((r) => r.search)).toEqual([
      '?walletId=w1&limit=2&offset=0',
      '?walletId=w1&limit=2&offset=2',
    ])
  })
})
