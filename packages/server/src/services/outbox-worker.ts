import type { Logger } from '../logger.js'

/**
 * The queue runner behind the webhook and notification-channel workers: polls a persisted outbox
 * for due rows off the request path, runs at most `concurrency` attempts at once (one per row;
 * a second call for a row in flight joins it), and stops cleanly — in-flight attempts see an
 * aborted signal and leave their rows PENDING for the next start.
 */
export interface OutboxQueue<TRow extends { readonly id: string }> {
  /** Names the queue in log lines, e.g. `webhook delivery`. */
  readonly name: string
  readonly logger: Logger
  /** How often to look for due rows, in ms. */
  readonly intervalMs: number
  /** Most attempts in flight at once. */
  readonly concurrency: number
  /** Up to `limit` rows due at `now` (real time), oldest first. */
  listDue(now: number, limit: number): readonly TRow[]
  /** One attempt at a row; it records its own outcome. */
  attempt(row: TRow): Promise<void>
  /** Records a row whose attempt threw, so it is not retried forever. */
  giveUp(row: TRow): void
}

export interface OutboxWorker<TRow extends { readonly id: string }> {
  /** Polls for due rows every `intervalMs` until `stop()`. */
  start(): void
  /** Stops polling, aborts in-flight attempts (their rows stay PENDING) and waits for them. */
  stop(): Promise<void>
  /** Makes one attempt at everything due now and waits until nothing is in flight. */
  drain(): Promise<void>
  /** Makes one attempt at `row` now; joins it when already in flight. */
  run(row: TRow): Promise<void>
  /** Aborted while the worker stops: attempts pass it to their requests. */
  readonly signal: AbortSignal
}

export function createOutboxWorker<TRow extends { readonly id: string }>(
  queue: OutboxQueue<TRow>,
): OutboxWorker<TRow> {
  const inFlight = new Map<string, Promise<void>>()
  let stopping = new AbortController()
  let timer: ReturnType<typeof setInterval> | undefined
  let polling = false

  function run(row: TRow): Promise<void> {
    const running = inFlight.get(row.id)
    if (running) return running
    const attempt = queue.attempt(row).catch((error: unknown) => {
      queue.logger.error(`${queue.name} failed unexpectedly`, { id: row.id, error: String(error) })
      try {
        queue.giveUp(row)
      } catch {
        // The database is gone (shutting down): the row stays PENDING for the next start.
      }
    })
    const tracked = attempt.finally(() => inFlight.delete(row.id))
    inFlight.set(row.id, tracked)
    return tracked
  }

  /** Starts every due row not yet in flight (nor in `skip`); how many it started. */
  function startDue(skip?: Set<string>): number {
    const room = queue.concurrency - inFlight.size
    if (room <= 0) return 0
    const due = queue.listDue(Date.now(), room + inFlight.size + (skip?.size ?? 0))
    let started = 0
    for (const row of due) {
      if (started >= room) break
      if (inFlight.has(row.id) || skip?.has(row.id)) continue
      skip?.add(row.id)
      void run(row)
      started += 1
    }
    return started
  }

  function poll(): void {
    if (polling) return
    polling = true
    try {
      startDue()
    } catch (error) {
      queue.logger.error(`${queue.name} poll failed`, { error: String(error) })
    } finally {
      polling = false
    }
  }

  return {
    get signal() {
      return stopping.signal
    },
    start() {
      if (timer) return
      if (stopping.signal.aborted) stopping = new AbortController()
      timer = setInterval(poll, queue.intervalMs)
      timer.unref?.()
      poll()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      stopping.abort()
      await Promise.all([...inFlight.values()])
      stopping = new AbortController()
    },
    async drain() {
      const attempted = new Set<string>()
      for (;;) {
        const started = startDue(attempted)
        if (started === 0 && inFlight.size === 0) return
        await Promise.all([...inFlight.values()])
      }
    },
    run,
  }
}
