import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Secrets at rest (managed wallets' private keys, notification channels' bot tokens): AES-256-GCM
 * under the 32-byte server secret, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 * GCM's tag makes any edit fail decryption. An optional `context` is bound in as associated data,
 * so a sealed value copied to another row or field (a DB edit) no longer opens; without one the
 * output is exactly the wallet keys' historical format.
 */

const VERSION = 'v1'
const IV_BYTES = 12

/** Encrypts `plaintext` (UTF-8) under the server secret, bound to `context` when given. */
export function sealSecret(plaintext: string, secret: Uint8Array, context?: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv)
  if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/**
 * Decrypts what `sealSecret` produced with the same `context`; throws when it was tampered with,
 * the secret differs or the context does not match.
 */
export function openSecret(sealed: string, secret: Uint8Array, context?: string): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split('.')
  if (
    version !== VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    rest.length > 0
  ) {
    throw new Error('Malformed encrypted secret')
  }
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'))
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8')
  } catch (error) {
    throw new Error('Encrypted secret failed authentication', { cause: error })
  }
}

function keyOf(secret: Uint8Array): Buffer {
  if (secret.length !== 32) throw new Error('The server secret must be 32 bytes')
  return Buffer.from(secret)
}
