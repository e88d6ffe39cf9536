import { randomBytes } from 'node:crypto'

/**
 * Opaque cuid-like ids (`c` + time + counter + randomness, base36): unique, URL-safe, roughly
 * ordered by creation. Clients must treat them as opaque.
 */
let counter = 0

/** Randomness drawn in blocks: one `randomBytes` call per 512 ids instead of one per id. */
const POOL_SIZE = 4096
let pool = Buffer.alloc(0)
let poolOffset = POOL_SIZE

function random64(): bigint {
  if (poolOffset + 8 > pool.length) {
    pool = randomBytes(POOL_SIZE)
    poolOffset = 0
  }
  const value = pool.readBigUInt64BE(poolOffset)
  poolOffset += 8
  return value
}

export function createId(): string {
  counter = (counter + 1) % 1_679_616
  const time = Date.now().toString(36).padStart(9, '0')
  const count = counter.toString(36).padStart(4, '0')
  const random = random64().toString(36).padStart(13, '0').slice(0, 12)
  return `c${time}${count}${random}`
}
