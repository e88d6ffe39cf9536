import { randomBytes } from 'node:crypto'
import { generatePrivateKey } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { openSecret, sealSecret } from './secret-box.js'
import { decryptPrivateKey, encryptPrivateKey } from './wallet-keys.js'

const secret = new Uint8Array(randomBytes(32))

describe('sealSecret', () => {
  test('default: round trip, a fresh IV every time', () => {
    const sealed = sealSecret('xoxb-synthetic', secret)
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(sealed).not.toContain('synthetic')
    expect(openSecret(sealed, secret)).toBe('xoxb-synthetic')
    expect(sealSecret('xoxb-synthetic', secret)).not.toBe(sealed)
  })

  test('behavior: the wallet keys keep their stored format', () => {
    const privateKey = generatePrivateKey()
    expect(openSecret(encryptPrivateKey(privateKey, secret), secret)).toBe(privateKey)
    expect(decryptPrivateKey(sealSecret(privateKey, secret), secret)).toBe(privateKey)
  })

  test('behavior: a context binds the value to where it is stored', () => {
    const sealed = sealSecret('token', secret, 'notification_channel:c1:botToken')
    expect(openSecret(sealed, secret, 'notification_channel:c1:botToken')).toBe('token')
    expect(() => openSecret(sealed, secret, 'notification_channel:c2:botToken')).toThrow(
      /failed authentication/,
    )
    expect(() => openSecret(sealed, secret)).toThrow(/failed authentication/)
  })

  test('error: tampered ciphertext or another secret fails authentication', () => {
    const [version, iv, tag, ciphertext] = sealSecret('token', secret).split('.') as [
      string,
      string,
      string,
      string,
    ]
    const bytes = Buffer.from(ciphertext, 'base64url')
    bytes[0] = (bytes[0] ?? 0) ^ 0x01
    const tampered = [version, iv, tag, bytes.toString('base64url')].join('.')
    expect(() => openSecret(tampered, secret)).toThrow(/failed authentication/)
    expect(() => openSecret(sealSecret('token', secret), new Uint8Array(randomBytes(32)))).toThrow(
      /failed authentication/,
    )
  })

  test('error: malformed input and a secret that is not 32 bytes', () => {
    expect(() => openSecret('plain', secret)).toThrow(/Malformed/)
    expect(() => openSecret('v2.a.b.c', secret)).toThrow(/Malformed/)
    expect(() => sealSecret('token', new Uint8Array(16))).toThrow(/32 bytes/)
  })
})
