import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes } from 'node:crypto'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

/**
 * Managed wallets' signing keys. A key is generated here (secp256k1 with viem for EVM chains,
 * ed25519 for Solana) and only ever stored encrypted with AES-256-GCM under the server secret,
 * as `v1.<iv>.<tag>.<ciphertext>` (base64url parts). GCM's tag makes any edit fail decryption.
 */

const VERSION = 'v1'
const IV_BYTES = 12

/** Encrypts a private key (`0x` + hex) under the 32-byte server secret. */
export function encryptPrivateKey(privateKey: Hex, secret: Uint8Array): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv)
  const ciphertext = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/** Decrypts what `encryptPrivateKey` produced; throws when it was tampered with or the secret differs. */
export function decryptPrivateKey(encrypted: string, secret: Uint8Array): Hex {
  const [version, iv, tag, ciphertext, ...rest] = encrypted.split('.')
  if (
    version !== VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    rest.length > 0
  ) {
    throw new Error('Malformed encrypted private key')
  }
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  let plaintext: string
  try {
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8')
  } catch (error) {
    throw new Error('Encrypted private key failed authentication', { cause: error })
  }
  return plaintext as Hex
}

function keyOf(secret: Uint8Array): Buffer {
  if (secret.length !== 32) throw new Error('The server secret must be 32 bytes')
  return Buffer.from(secret)
}

/** A freshly generated wallet key: its address and its encrypted private key. */
export interface GeneratedWalletKey {
  readonly address: string
  readonly encryptedPrivateKey: string
}

/**
 * Generates a signing key for a managed wallet on a chain of `chainType`: an EVM account
 * (checksummed address) or a Solana keypair (base58 public key; the 32-byte seed is stored).
 */
export function generateWalletKey(chainType: string, secret: Uint8Array): GeneratedWalletKey {
  if (chainType === 'SOLANA') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const publicRaw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')
    const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url')
    return {
      address: toBase58(publicRaw),
      encryptedPrivateKey: encryptPrivateKey(`0x${seed.toString('hex')}`, secret),
    }
  }
  const privateKey = generatePrivateKey()
  return {
    address: privateKeyToAccount(privateKey).address,
    encryptedPrivateKey: encryptPrivateKey(privateKey, secret),
  }
}

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** Bitcoin-alphabet base58, as Solana spells public keys. */
export function toBase58(bytes: Uint8Array): string {
  let value = 0n
  for (const byte of bytes) value = value * 256n + BigInt(byte)
  let out = ''
  while (value > 0n) {
    out = BASE58_ALPHABET[Number(value % 58n)] + out
    value /= 58n
  }
  for (const byte of bytes) {
    if (byte !== 0) break
    out = `1${out}`
  }
  return out
}
