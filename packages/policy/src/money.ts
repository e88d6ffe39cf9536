import { MICROS_PER_UNIT } from '@conto/schemas'

/**
 * Money inside the evaluator is integer micro-units (6 decimals), so 0.1 + 0.2 equals 0.3 and
 * limits compare exactly. Wire amounts are converted once, at the boundary.
 */
export type Micros = number

/** Wire amount (stablecoin units) → micro-units. */
export const micros = (amount: number): Micros => Math.round(amount * MICROS_PER_UNIT)

/** Micro-units → wire amount. */
export const units = (value: Micros): number => value / MICROS_PER_UNIT

/** Optional wire amount → micro-units; `null`/`undefined` stay as they are (unlimited/unknown). */
export function microsOrNull(amount: number | null | undefined): Micros | null {
  return amount === null || amount === undefined ? null : micros(amount)
}

/**
 * A dollar figure for messages: `$1,000.00`; sub-cent amounts keep their digits (`$0.005`).
 */
export function formatUsd(value: Micros): string {
  const negative = value < 0
  const absolute = Math.abs(value)
  const whole = Math.floor(absolute / MICROS_PER_UNIT)
  const fraction = absolute % MICROS_PER_UNIT
  let decimals = String(fraction).padStart(6, '0').replace(/0+$/, '')
  if (decimals.length < 2) decimals = decimals.padEnd(2, '0')
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}$${grouped}.${decimals}`
}
