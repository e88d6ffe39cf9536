import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The server secret (32 bytes) that encrypts managed wallets' keys at rest: read from
 * `<dataDir>/secret`, generated there (mode 0600) on first start.
 */
export function loadOrCreateSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'secret')
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
    if (secret.length !== 32) throw new Error(`${file} must hold 32 bytes as hex`)
    return new Uint8Array(secret)
  }
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32)
  writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600 })
  return new Uint8Array(secret)
}
