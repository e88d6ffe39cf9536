import type { SeedCredentials } from '../src/services/seed.js'

/** The IPC protocol between `payments.bench.ts` (the load generator) and `server-process.ts`. */
export type BenchCommand =
  | { readonly kind: 'start' }
  | { readonly kind: 'createAgents'; readonly count: number }
  | { readonly kind: 'insertHistory' }
  | { readonly kind: 'insertLiveReservations'; readonly count: number }
  | { readonly kind: 'deleteLiveReservations' }
  | { readonly kind: 'cpuUsage' }
  | { readonly kind: 'close' }

export type BenchReply =
  | { readonly kind: 'started'; readonly url: string; readonly credentials: SeedCredentials }
  | { readonly kind: 'agents'; readonly keys: readonly string[]; readonly seconds: number }
  | { readonly kind: 'done'; readonly seconds: number }
  | { readonly kind: 'cpuUsage'; readonly micros: number }
  | { readonly kind: 'error'; readonly message: string }

export const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
export const ALL_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
export const NO_LIMITS = {
  spendLimitPerTx: null,
  spendLimitDaily: null,
  spendLimitWeekly: null,
  spendLimitMonthly: null,
  allowedDays: ALL_DAYS,
}
export const DAY_MS = 86_400_000
export const HISTORY_ROWS = 1_000_000
