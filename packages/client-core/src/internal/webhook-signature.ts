import { WEBHOOK_SECRET_PREFIX } from '@conto/schemas'
import { fromBase64, utf8 } from './encoding.js'

/**
 * The two signatures of a Conto webhook delivery (contract §5):
 * - `X-Conto-Signature: sha256=<hex>`: HMAC-SHA256 of the raw body, keyed with the whole secret
 *   string as UTF-8 (Conto's published verification snippet).
 * - `webhook-signature: v1,<base64>`: HMAC-SHA256 of `id.timestamp.body`, keyed with the
 *   base64-decoded part of the secret after `whsec_` (the Standard Webhooks spec).
 */

/** The key bytes of `X-Conto-Signature`. */
export function contoSigningKey(secret: string): Uint8Array<ArrayBuffer> {
  return utf8(secret)
}

/** The key bytes of `webhook-signature`; `undefined` when the secret is not base64 after `whsec_`. */
export function standardSigningKey(secret: string): Uint8Array<ArrayBuffer> | undefined {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret
  const bytes = fromBase64(encoded)
  return bytes && bytes.length > 0 ? bytes : undefined
}

/** The bytes `webhook-signature` signs: `<id>.<timestamp>.<body>`. */
export function standardSignedContent(
  id: string,
  timestamp: string,
  body: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const prefix = utf8(`${id}.${timestamp}.`)
  const content = new Uint8Array(prefix.length + body.length)
  content.set(prefix)
  content.set(body, prefix.length)
  return content
}

function importHmacKey(key: Uint8Array<ArrayBuffer>) {
  return globalThis.crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
}

/** HMAC-SHA256 of `data`. */
export async function hmacSha256(
  key: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const signature = await globalThis.crypto.subtle.sign('HMAC', await importHmacKey(key), data)
  return new Uint8Array(signature)
}

/**
 * Compares two byte strings in time that depends only on their lengths (which are public: a
 * SHA-256 MAC is always 32 bytes), so a forger learns nothing from how long a rejection takes.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}
