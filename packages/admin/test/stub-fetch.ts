import type { FetchFunction } from '@conto/client-core'

/** Synthetic keys: the shape of real ones, never a real one. */
export const orgKey = `conto_${'b2'.repeat(32)}`
export const agentKey = `conto_agent_${'a1'.repeat(32)}`

export const baseUrl = 'https://conto.test'

/** One request as the stub saw it. */
export interface RecordedRequest {
  method: string
  url: URL
  headers: Headers
  body: unknown
}

type Reply = (request: RecordedRequest) => Response | Promise<Response>

/**
 * A `fetch` that records every request and answers with `reply` (by default `200 {}`), so a
 * test can check what a method sends without a server.
 */
export function createStubFetch(reply: Reply = () => Response.json({})) {
  const requests: RecordedRequest[] = []
  const fetch: FetchFunction = async (request) => {
    const text = await request.text()
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
    }
    requests.push(recorded)
    return reply(recorded)
  }
  return { fetch, requests }
}
