import type { ServiceDeps } from '../deps.js'
import { expireAllOverdueApprovalRequests } from './approval-requests.js'

/**
 * Expires approval requests when their timeout passes, off the request path: every
 * `intervalMs` it expires each overdue PENDING approval request of every organization (EXPIRED,
 * the waiting payment request EXPIRED and its hold released, `approval.expired` announced).
 * Reads stay correct without it — they expire what they find overdue first — but the event
 * should not wait for somebody to look. Started and stopped by `main.ts` with the delivery
 * workers.
 */
export interface ExpirySweeper {
  start(): void
  stop(): void
  /** One sweep now; how many requests it expired. */
  sweep(): number
}

export function createExpirySweeper(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'logger'>,
  options: { readonly intervalMs?: number } = {},
): ExpirySweeper {
  let timer: ReturnType<typeof setInterval> | undefined
  const sweep = (): number => expireAllOverdueApprovalRequests(deps)
  return {
    start() {
      if (timer !== undefined) return
      timer = setInterval(() => {
        try {
          sweep()
        } catch (error) {
          deps.logger.error('approval expiry sweep failed', { error: String(error) })
        }
      }, options.intervalMs ?? 1_000)
      timer.unref()
    },
    stop() {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
    },
    sweep,
  }
}
