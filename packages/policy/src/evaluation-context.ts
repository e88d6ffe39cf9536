import { defaults, isSolanaAddress, type RulePaymentKind } from '@conto/schemas'
import { type SpendWindow, type ZonedTime, zonedTime } from './calendar.js'
import type { EvaluationInput, Timestamp, WindowSpend } from './evaluation-input.js'
import { type Micros, micros } from './money.js'
import { resolveServiceAddress, type ServiceAddress } from './service-address.js'
import { indexTimes, type TimeIndex } from './time-index.js'

/** Marks a cached fact that is not computed yet (the fact itself may be `undefined`). */
const UNSET: unique symbol = Symbol('unset')
type Cached<T> = T | typeof UNSET

/**
 * One evaluation's view of its input, converted once: amounts in micro-units, `now` in epoch
 * milliseconds, addresses lower-cased, and facts that several rules share (zoned times,
 * timestamps, country, trust level, service address, normalised card and MPP fields), each
 * computed at most once, when first read. Rule evaluators read the payment only through this.
 */
export class EvaluationContext {
  readonly kind: RulePaymentKind
  readonly amount: Micros
  readonly nowMs: number
  /** Lower-cased recipient address. */
  readonly recipient: string | undefined
  /** Upper-cased category, for case-insensitive comparison. */
  readonly category: string | undefined
  /** The link's zone: the default for TIME_WINDOW, DAY_OF_WEEK and BLACKOUT_PERIOD values. */
  readonly timezone: string
  private readonly zoned = new Map<string, ZonedTime>()
  private cachedCountry: Cached<string | undefined> = UNSET
  private cachedTrustLevel: string | undefined
  private cachedService: ServiceAddress | undefined
  private cachedMcc: Cached<string | undefined> = UNSET
  private cachedMerchantName: Cached<string | undefined> = UNSET
  private cachedIntent: Cached<string | undefined> = UNSET
  private cachedMethod: Cached<string | undefined> = UNSET
  private cachedSessionStartedMs: Cached<number | undefined> = UNSET
  private cachedIsSolanaRecipient: boolean | undefined

  constructor(readonly input: EvaluationInput) {
    const { payment } = input
    this.kind = payment.kind ?? 'standard'
    this.amount = micros(payment.amount)
    this.nowMs = toEpochMs(input.now)
    this.recipient = payment.recipientAddress?.toLowerCase()
    this.category = payment.category?.trim().toUpperCase()
    this.timezone = input.wallet?.link?.timezone ?? 'UTC'
  }

  /** Wall-clock time of the decision in `timezone` (default: the link's zone). */
  zonedNow(timezone: string = this.timezone): ZonedTime {
    let time = this.zoned.get(timezone)
    if (!time) {
      time = zonedTime(this.nowMs, timezone)
      this.zoned.set(timezone, time)
    }
    return time
  }

  /** The agent's spend (spent + reserved) in a calendar window, before this payment. */
  agentSpend(window: SpendWindow): Micros {
    return windowSpend(this.input.spend, window)
  }

  /** Spend through this agent–wallet link in a calendar window. */
  linkSpend(window: SpendWindow): Micros {
    return windowSpend(this.input.spend?.link, window)
  }

  counterpartySpend(window: SpendWindow): Micros {
    return windowSpend(this.input.spend?.counterparty, window)
  }

  serviceSpend(window: SpendWindow): Micros {
    return windowSpend(this.input.spend?.serviceDomain, window)
  }

  endpointSpend(window: SpendWindow): Micros {
    return windowSpend(this.input.spend?.endpoint, window)
  }

  sessionSpend(): Micros {
    return micros(this.input.spend?.session ?? 0)
  }

  /** Recent approved payment times of the agent, as epoch milliseconds. */
  /** Recent approved payment times of the agent, indexed for window counts. */
  recentPaymentTimes(): TimeIndex {
    return indexTimes(this.input.recentPaymentTimes)
  }

  /** Recent approved payment times to this endpoint, indexed for window counts. */
  recentEndpointPaymentTimes(): TimeIndex {
    return indexTimes(this.input.recentEndpointPaymentTimes)
  }

  /** Trust score of the counterparty, 0.0–1.0; an unknown counterparty counts as 0.5. */
  get trustScore(): number {
    return this.input.counterparty?.trustScore ?? defaults.counterparty.trustScore
  }

  /** Trust level of the counterparty, upper-cased; an unknown counterparty counts as UNKNOWN. */
  get trustLevel(): string {
    this.cachedTrustLevel ??= (
      this.input.counterparty?.trustLevel ?? defaults.counterparty.trustLevel
    ).toUpperCase()
    return this.cachedTrustLevel
  }

  /** The recipient's country (payment, then `context.country`, then counterparty), upper-cased. */
  get country(): string | undefined {
    if (this.cachedCountry === UNSET) {
      const { payment, counterparty } = this.input
      const fromContext = payment.context?.['country']
      const country =
        payment.country ??
        (typeof fromContext === 'string' ? fromContext : undefined) ??
        counterparty?.country
      this.cachedCountry = country?.trim().toUpperCase() || undefined
    }
    return this.cachedCountry
  }

  /** Whether the recipient address, as written (base58 is case-sensitive), is a Solana one. */
  get isSolanaRecipient(): boolean {
    if (this.cachedIsSolanaRecipient === undefined) {
      const recipient = this.input.payment.recipientAddress?.trim()
      this.cachedIsSolanaRecipient = recipient !== undefined && isSolanaAddress(recipient)
    }
    return this.cachedIsSolanaRecipient
  }

  /**
   * x402/MPP: the payment's service domain, lower-cased without port or trailing dot:
   * `serviceDomain`, else the host name of `resourceUrl`; undefined when it names none.
   */
  get serviceDomain(): string | undefined {
    return this.service().domain
  }

  /** x402/MPP: the port of the service (explicit, else the scheme's default); '' when unknown. */
  get servicePort(): string {
    return this.service().port
  }

  private service(): ServiceAddress {
    this.cachedService ??= resolveServiceAddress(this.input.payment)
    return this.cachedService
  }

  /** Card: the merchant category code, trimmed; undefined when blank. */
  get mcc(): string | undefined {
    if (this.cachedMcc === UNSET) this.cachedMcc = this.input.payment.mcc?.trim() || undefined
    return this.cachedMcc
  }

  /** Card: the merchant name folded for comparison (trimmed, lower-cased); undefined when blank. */
  get merchantName(): string | undefined {
    if (this.cachedMerchantName === UNSET) {
      this.cachedMerchantName = this.input.payment.merchantName?.trim().toLowerCase() || undefined
    }
    return this.cachedMerchantName
  }

  /** MPP: the session intent folded for comparison (trimmed, lower-cased); undefined when blank. */
  get intent(): string | undefined {
    if (this.cachedIntent === UNSET) {
      this.cachedIntent = this.input.payment.intent?.trim().toLowerCase() || undefined
    }
    return this.cachedIntent
  }

  /** MPP: the HTTP method of the paid call, trimmed and upper-cased; undefined when blank. */
  get method(): string | undefined {
    if (this.cachedMethod === UNSET) {
      this.cachedMethod = this.input.payment.method?.trim().toUpperCase() || undefined
    }
    return this.cachedMethod
  }

  /** MPP: the deposit that opens a session, in micro-units; undefined when the payment has none. */
  get deposit(): Micros | undefined {
    const deposit = this.input.payment.depositAmount
    return deposit === undefined ? undefined : micros(deposit)
  }

  /** MPP: when the payment's session opened, in epoch ms (NaN when unreadable); undefined if not. */
  get sessionStartedMs(): number | undefined {
    if (this.cachedSessionStartedMs === UNSET) {
      const started = this.input.mpp?.sessionStartedAt
      this.cachedSessionStartedMs = started === undefined ? undefined : toEpochMs(started)
    }
    return this.cachedSessionStartedMs
  }
}

/** Spend in `window`, falling back to the next smaller window that is known (a lower bound). */
function windowSpend(spend: WindowSpend | undefined, window: SpendWindow): Micros {
  if (!spend) return 0
  switch (window) {
    case 'daily':
      return micros(spend.daily ?? 0)
    case 'weekly':
      return micros(spend.weekly ?? 0)
    case 'monthly':
      return micros(spend.monthly ?? 0)
    case 'quarterly':
      return micros(spend.quarterly ?? spend.monthly ?? 0)
    case 'yearly':
      return micros(spend.yearly ?? spend.quarterly ?? spend.monthly ?? 0)
  }
}

/** Epoch milliseconds of a `Date`, number or ISO string (NaN for an unparseable string). */
export function toEpochMs(time: Timestamp): number {
  if (typeof time === 'number') return time
  if (typeof time === 'string') return Date.parse(time)
  return time.getTime()
}
