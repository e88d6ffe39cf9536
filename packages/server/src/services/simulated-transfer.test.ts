import { createPrivateKey, createPublicKey, randomBytes, verify } from 'node:crypto'
import { decodeFunctionData, erc20Abi, keccak256, parseTransaction } from 'viem'
import { describe, expect, test } from 'vitest'
import { SIMULATED_GAS, signSimulatedTransfer } from './simulated-transfer.js'
import { decryptPrivateKey, generateWalletKey } from './wallet-keys.js'

const secret = new Uint8Array(randomBytes(32))
const RECIPIENT = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
const SOLANA_RECIPIENT = 'DRpbCBMxVnDK7maPM5tGv6MvB3v1sRMC86PZ8okm21hy'

function transfer(chainType: 'EVM' | 'SOLANA', overrides: Record<string, unknown> = {}) {
  const key = generateWalletKey(chainType, secret)
  return {
    chainId: chainType === 'EVM' ? '8453' : 'solana-mainnet',
    encryptedPrivateKey: key.encryptedPrivateKey,
    fromAddress: key.address,
    toAddress: chainType === 'EVM' ? RECIPIENT : SOLANA_RECIPIENT,
    amountMicros: 1_500_000,
    nonce: 7,
    reference: 'req_1',
    ...overrides,
  }
}

describe('signSimulatedTransfer', () => {
  test('default', async () => {
    const signed = await signSimulatedTransfer(transfer('EVM'), secret)
    expect(signed.txHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(signed.txHash).toBe(keccak256(signed.signedTransaction ?? '0x'))
    const parsed = parseTransaction(signed.signedTransaction ?? '0x')
    expect(parsed).toMatchObject({
      type: 'eip1559',
      chainId: 8453,
      nonce: 7,
      to: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
      gas: SIMULATED_GAS.gas,
      maxFeePerGas: SIMULATED_GAS.maxFeePerGas,
    })
    const call = decodeFunctionData({ abi: erc20Abi, data: parsed.data ?? '0x' })
    expect(call.functionName).toBe('transfer')
    expect(call.args?.[0]?.toLowerCase()).toBe(RECIPIENT.toLowerCase())
    expect(call.args?.[1]).toBe(1_500_000n)
  })

  test('behavior: deterministic for the same transfer and nonce', async () => {
    const input = transfer('EVM')
    const a = await signSimulatedTransfer(input, secret)
    const b = await signSimulatedTransfer(input, secret)
    const c = await signSimulatedTransfer({ ...input, nonce: 8 }, secret)
    expect(a.txHash).toBe(b.txHash)
    expect(c.txHash).not.toBe(a.txHash)
  })

  test('behavior: Solana signs a message with the ed25519 key', async () => {
    const input = transfer('SOLANA')
    const signed = await signSimulatedTransfer(input, secret)
    expect(signed.signedTransaction).toBeUndefined()
    expect(signed.txHash).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/)
    const again = await signSimulatedTransfer(input, secret)
    expect(again.txHash).toBe(signed.txHash)
    // The signature verifies against the wallet's public key.
    const seed = Buffer.from(decryptPrivateKey(input.encryptedPrivateKey, secret).slice(2), 'hex')
    const privateKey = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    })
    const message = [
      'conto-simulated-transfer:v1',
      input.chainId,
      input.fromAddress,
      input.toAddress,
      input.amountMicros,
      input.nonce,
      input.reference,
    ].join(':')
    const signature = base58Decode(signed.txHash)
    expect(verify(null, Buffer.from(message), createPublicKey(privateKey), signature)).toBe(true)
  })

  test('error: a recipient of the wrong chain type', async () => {
    await expect(
      signSimulatedTransfer(transfer('EVM', { toAddress: SOLANA_RECIPIENT }), secret),
    ).rejects.toThrow(/not an EVM address/)
    await expect(
      signSimulatedTransfer(transfer('SOLANA', { toAddress: RECIPIENT }), secret),
    ).rejects.toThrow(/not a Solana address/)
  })

  test('error: a key that does not belong to the wallet address', async () => {
    const input = transfer('EVM', { fromAddress: RECIPIENT })
    await expect(signSimulatedTransfer(input, secret)).rejects.toThrow(/does not belong/)
  })

  test('error: a key encrypted under another secret', async () => {
    const other = new Uint8Array(randomBytes(32))
    await expect(signSimulatedTransfer(transfer('EVM'), other)).rejects.toThrow(/authentication/)
  })
})

function base58Decode(text: string): Buffer {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
  let value = 0n
  for (const char of text) value = value * 58n + BigInt(alphabet.indexOf(char))
  const bytes: number[] = []
  while (value > 0n) {
    bytes.unshift(Number(value % 256n))
    value /= 256n
  }
  for (const char of text) {
    if (char !== '1') break
    bytes.unshift(0)
  }
  return Buffer.from(bytes)
}
