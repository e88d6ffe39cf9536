import { generateKeyPairSync } from 'node:crypto'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { openSecret, sealSecret } from './secret-box.js'

/**
 * Managed wallets' signing keys. A key is generated here (secp256k1 with viem for EVM chains,
 * ed25519 for Solana) and only ever stored encrypted with AES-256-GCM under the server secret
 * (`secret-box.ts`), as `v1.<iv>.<tag>.<ciphertext>` (base64url parts). GCM's tag makes any edit
 * fail decryption.
 */

/** Encrypts a private key (`0x` + hex) under the 32-byte server secret. */
export function encryptPrivateKey(privateKey: Hex, secret: Uint8Array): string {
  return sealSecret(privateKey, secret)
}

/** Decrypts what `encryptPrivateKey` produced; throws when it was tampered with or the secret differs. */
export function decryptPrivateKey(encrypted: string, secret: Uint8Array): Hex {
  return openSecret(encrypted, secret) as Hex
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
