import { randomBytes } from 'node:crypto'
import { getAddress, isAddress } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { decryptPrivateKey, encryptPrivateKey, generateWalletKey, toBase58 } from './wallet-keys.js'

const secret = new Uint8Array(randomBytes(32))

describe('encryptPrivateKey', () => {
  test('default: round trip', () => {
    const privateKey = generatePrivateKey()
    const encrypted = encryptPrivateKey(privateKey, secret)
    expect(encrypted).not.toContain(privateKey.slice(2))
    expect(encrypted.startsWith('v1.')).toBe(true)
    expect(decryptPrivateKey(encrypted, secret)).toBe(privateKey)
  })

  test('behavior: a fresh IV every time', () => {
    const privateKey = generatePrivateKey()
    expect(encryptPrivateKey(privateKey, secret)).not.toBe(encryptPrivateKey(privateKey, secret))
  })

  test('error: tampered ciphertext fails authentication', () => {
    const encrypted = encryptPrivateKey(generatePrivateKey(), secret)
    const [version, iv, tag, ciphertext] = encrypted.split('.') as [string, string, string, string]
    const bytes = Buffer.from(ciphertext, 'base64url')
    bytes[0] = (bytes[0] ?? 0) ^ 0x01
    const tampered = [version, iv, tag, bytes.toString('base64url')].join('.')
    expect(() => decryptPrivateKey(tampered, secret)).toThrow(/failed authentication/)
  })

  test('error: tampered tag or IV fails authentication', () => {
    const encrypted = encryptPrivateKey(generatePrivateKey(), secret)
    const [version, iv, tag, ciphertext] = encrypted.split('.') as [string, string, string, string]
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url')
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x80
      return bytes.toString('base64url')
    }
    expect(() =>
      decryptPrivateKey([version, iv, flip(tag), ciphertext].join('.'), secret),
    ).toThrow()
    expect(() =>
      decryptPrivateKey([version, flip(iv), tag, ciphertext].join('.'), secret),
    ).toThrow()
  })

  test('error: another secret cannot decrypt', () => {
    const encrypted = encryptPrivateKey(generatePrivateKey(), secret)
    expect(() => decryptPrivateKey(encrypted, new Uint8Array(randomBytes(32)))).toThrow(
      /failed authentication/,
    )
  })

  test('error: malformed input', () => {
    expect(() => decryptPrivateKey('not-encrypted', secret)).toThrow(/Malformed/)
    expect(() => decryptPrivateKey('v2.a.b.c', secret)).toThrow(/Malformed/)
  })

  test('error: a secret that is not 32 bytes', () => {
    expect(() => encryptPrivateKey(generatePrivateKey(), new Uint8Array(16))).toThrow(/32 bytes/)
  })
})

describe('generateWalletKey', () => {
  test('default: an EVM key whose checksummed address matches the encrypted key', () => {
    const { address, encryptedPrivateKey } = generateWalletKey('EVM', secret)
    expect(isAddress(address, { strict: true })).toBe(true)
    expect(getAddress(address)).toBe(address)
    const privateKey = decryptPrivateKey(encryptedPrivateKey, secret)
    expect(privateKeyToAccount(privateKey).address).toBe(address)
  })

  test('behavior: a Solana keypair has a base58 32-byte public key', () => {
    const { address, encryptedPrivateKey } = generateWalletKey('SOLANA', secret)
    expect(address).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/)
    expect(decryptPrivateKey(encryptedPrivateKey, secret)).toMatch(/^0x[0-9a-f]{64}$/)
  })
})

describe('toBase58', () => {
  test('default: known vectors', () => {
    expect(toBase58(new Uint8Array(32))).toBe('11111111111111111111111111111111')
    expect(toBase58(Buffer.from('hello world'))).toBe('StV1DL6CwTryKyV')
    expect(toBase58(Buffer.from([0, 0, 1]))).toBe('112')
  })
})
