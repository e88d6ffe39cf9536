import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback webhook receiver for tests (node:http on 127.0.0.1, port 0): records every request
 * and answers with the status (and body) the test scripts, request by request.
 */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** `Date.now()` when it arrived (real time: retry delays run on it). */
  readonly receivedAt: number
}

export interface WebhookReceiver {
  readonly url: string
  readonly received: ReceivedWebhook[]
  /** Resolves once `count` requests arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startWebhookReceiver(
  respond: (index: number) => { status: number; body?: string } = () => ({ status: 200 }),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  const waiters: Array<{ count: number; resolve: () => void }> = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const index = received.length
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      })
      const answer = respond(index)
      res.writeHead(answer.status, { 'content-type': 'text/plain' })
      res.end(answer.body ?? 'ok')
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    waitFor(count, timeoutMs = 15_000) {
      if (received.length >= count) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`received ${received.length} of ${count} webhooks`)),
          timeoutMs,
        )
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
        })
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const safeEqual = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * Checks both signatures of a received webhook the way a receiver would, independently of the
 * server's code: `X-Conto-Signature` keyed with the whole secret (UTF-8), `webhook-signature`
 * with the base64-decoded part after `whsec_` over `id.timestamp.body`.
 */
export function verifyReceivedSignatures(secret: string, request: ReceivedWebhook): boolean {
  const contoExpected = `sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`
  const id = String(request.headers['webhook-id'])
  const timestamp = String(request.headers['webhook-timestamp'])
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const standardExpected = `v1,${createHmac('sha256', key)
    .update(`${id}.${timestamp}.${request.body}`)
    .digest('base64')}`
  return (
    safeEqual(String(request.headers['x-conto-signature']), contoExpected) &&
    safeEqual(String(request.headers['webhook-signature']), standardExpected)
  )
}
