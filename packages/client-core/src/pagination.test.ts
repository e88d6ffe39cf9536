import { HttpResponse, http } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, test } from 'vitest'
import { baseUrl, createMswServer } from '../test/fixtures.js'
import { createTransport } from './create-transport.js'
import { createPage, Page, PagePromise } from './pagination.js'

interface Agent {
  id: string
}
interface ListAgentsResponse {
  agents: Agent[]
  pagination: { total: number; limit: number; offset: number; hasMore: boolean }
}

const server = createMswServer()
const agents = Array.from({ length: 7 }, (_, i) => ({ id: `agt_${i + 1}` }))
const requested: string[] = []

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  requested.length = 0
})
afterAll(() => server.close())

function serveAgents(total = agents) {
  server.use(
    http.get(`${baseUrl}/api/agents`, ({ request }) => {
      const url = new URL(request.url)
      requested.push(url.search)
      const limit = Number(url.searchParams.get('limit') ?? 50)
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const page = total.slice(offset, offset + limit)
      return HttpResponse.json({
        agents: page,
        pagination: {
          total: total.length,
          limit,
          offset,
          hasMore: offset + page.length < total.length,
        },
      })
    }),
  )
}

function listAgents(params?: { limit?: number; offset?: number; status?: string }) {
  const transport = createTransport()
  return createPage({
    params,
    fetchPage: (page) =>
      transport.request<ListAgentsResponse>({
        method: 'GET',
        path: '/api/agents',
        query: { ...params, ...page },
      }),
    items: (body) => body.agents,
  })
}

describe('createPage', () => {
  test('default: await gives the first page', async () => {
    serveAgents()
    const page = await listAgents({ limit: 3 })
    expect(page).toBeInstanceOf(Page)
    expectTypeOf(page).toEqualTypeOf<Page<Agent, ListAgentsResponse>>()
    expectTypeOf(listAgents().toArray({ limit: 1 })).resolves.toEqualTypeOf<Agent[]>()
    expect(page.items).toEqual(agents.slice(0, 3))
    expect(page.pagination).toEqual({ total: 7, limit: 3, offset: 0, hasMore: true })
    expect(page.response.agents).toHaveLength(3)
    expect(page.hasNextPage()).toBe(true)
    expect(requested).toEqual(['?limit=3&offset=0'])
  })

  test('behavior: for await walks every item of every page', async () => {
    serveAgents()
    const seen: string[] = []
    for await (const agent of listAgents({ limit: 3, status: 'ACTIVE' })) seen.push(agent.id)
    expect(seen).toEqual(agents.map((a) => a.id))
    expect(requested).toEqual([
      '?limit=3&status=ACTIVE&offset=0',
      '?limit=3&status=ACTIVE&offset=3',
      '?limit=3&status=ACTIVE&offset=6',
    ])
  })

  test('behavior: for await over an awaited page continues from it', async () => {
    serveAgents()
    const first = await listAgents({ limit: 3, offset: 3 })
    const seen: string[] = []
    for await (const agent of first) seen.push(agent.id)
    expect(seen).toEqual(['agt_4', 'agt_5', 'agt_6', 'agt_7'])
    const second = await first.getNextPage()
    expect(second?.items).toEqual([{ id: 'agt_7' }])
    expect(await second?.getNextPage()).toBeUndefined()
  })

  test('behavior: breaking out of for await fetches no more pages', async () => {
    serveAgents()
    for await (const agent of listAgents({ limit: 3 })) {
      if (agent.id === 'agt_2') break
    }
    expect(requested).toEqual(['?limit=3&offset=0'])
  })

  test('args: toArray({ limit }) caps the items and the pages fetched', async () => {
    serveAgents()
    expect((await listAgents({ limit: 3 }).toArray({ limit: 4 })).map((a) => a.id)).toEqual([
      'agt_1',
      'agt_2',
      'agt_3',
      'agt_4',
    ])
    expect(requested).toEqual(['?limit=3&offset=0', '?limit=3&offset=3'])
    expect(await listAgents({ limit: 3 }).toArray({ limit: 100 })).toEqual(agents)
    expect(await (await listAgents({ limit: 5 })).toArray({ limit: 1 })).toEqual([{ id: 'agt_1' }])
  })

  test('error: toArray() without a cap', async () => {
    serveAgents()
    const list = listAgents()
    // @ts-expect-error: the cap is required
    await expect(list.toArray()).rejects.toThrowErrorMatchingInlineSnapshot(
      `[RangeError: toArray() needs a cap: pass { limit: n } with a whole number ≥ 1 (got undefined), so a long list cannot exhaust memory]`,
    )
    await expect(list.toArray({ limit: 0 })).rejects.toThrow(RangeError)
    await expect(list.toArray({ limit: 2.5 })).rejects.toThrow(RangeError)
  })

  test('behavior: an empty list', async () => {
    serveAgents([])
    const page = await listAgents()
    expect(page.items).toEqual([])
    expect(page.hasNextPage()).toBe(false)
    expect(await listAgents().toArray({ limit: 10 })).toEqual([])
  })

  test('behavior: stops on an empty page even when hasMore says otherwise', async () => {
    let calls = 0
    const page = createPage({
      fetchPage: async () => {
        calls++
        return {
          items: [] as number[],
          pagination: { total: 9, limit: 3, offset: 0, hasMore: true },
        }
      },
      items: (body) => body.items,
    })
    expect(await page.toArray({ limit: 10 })).toEqual([])
    expect(calls).toBe(1)
  })

  test('behavior: envelopes without a pagination object', async () => {
    // Agents repeat total/limit/offset at the top level.
    const topLevel = createPage({
      params: { limit: 2 },
      fetchPage: async ({ offset }) => ({
        agents: agents.slice(offset, offset + 2),
        total: agents.length,
        limit: 2,
        offset,
      }),
      items: (body) => body.agents,
    })
    expect(await topLevel.toArray({ limit: 100 })).toEqual(agents)
    // A bare list is a single page.
    const bare = await createPage({
      fetchPage: async () => ({ wallets: [1, 2] }),
      items: (body) => body.wallets,
    })
    expect(bare.pagination).toEqual({ total: 2, limit: 2, offset: 0, hasMore: false })
  })

  test('behavior: PagePromise is a promise', async () => {
    serveAgents()
    const list = listAgents({ limit: 2 })
    expect(list).toBeInstanceOf(PagePromise)
    expect(Object.prototype.toString.call(list)).toBe('[object PagePromise]')
    expect((await list.then((page) => page.items)).length).toBe(2)
    expect(await list.finally(() => {})).toBeInstanceOf(Page)

    server.use(http.get(`${baseUrl}/api/agents`, () => HttpResponse.json({}, { status: 404 })))
    const failing = listAgents()
    await expect(failing.catch((error: unknown) => (error as Error).name)).resolves.toBe(
      'NotFoundError',
    )
    await expect(failing.toArray({ limit: 1 })).rejects.toThrow('404')
  })
})
