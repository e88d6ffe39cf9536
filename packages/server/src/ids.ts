import { randomBytes } from 'node:crypto'

/**
 * Opaque cuid-like ids (`c` + time + counter + randomness, base36): unique, URL-safe, roughly
 * ordered by creation. Clients must treat them as opaque.
 */
let counter = 0

export function createId(): string {
  counter = (counter + 1) % 1_679_616
  const time = Date.now().toString(36).padStart(9, '0')
  const count = counter.toString(36).padStart(4, '0')
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(0, 12)
  return `c${time}${count}${random}`
}
