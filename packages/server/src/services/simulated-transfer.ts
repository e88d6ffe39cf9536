import { createPrivateKey, sign } from 'node:crypto'
import { getChain, isEvmAddress, isSolanaAddress } from '@conto/schemas'
import { type Address, encodeFunctionData, erc20Abi, type Hex, keccak256, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { decryptPrivateKey, toBase58 } from './wallet-keys.js'

/**
 * Simulated settlement (contract §4): a managed wallet's real key signs a real transfer that is
 * never broadcast, so the recorded hash is genuine. No RPC is ever called.
 *
 * - EVM: an EIP-1559 transaction calling the chain stablecoin's ERC-20 `transfer(recipient,
 *   amount)` (6-decimal token units = micro-units), nonce = the wallet's transaction count,
 *   fixed gas values; `txHash = keccak256(signedTransaction)`, exactly what a node would report.
 *   A chain whose stablecoin contract the chain table does not know (Tempo Mainnet) gets the same
 *   call addressed to the zero address, a sentinel for "token contract unknown".
 * - Solana: the wallet's ed25519 key signs a deterministic transfer message; the base58 signature
 *   stands in for the transaction signature Solana uses as its transaction id.
 */

export interface SimulatedTransferInput {
  readonly chainId: string
  /** The managed wallet's encrypted key and address. */
  readonly encryptedPrivateKey: string
  readonly fromAddress: string
  readonly toAddress: string
  readonly amountMicros: number
  readonly nonce: number
  /** Makes Solana messages unique per payment request. */
  readonly reference: string
}

export interface SimulatedTransfer {
  readonly txHash: string
  /** The signed EVM transaction (absent on Solana). */
  readonly signedTransaction?: Hex
}

/** Fixed fee values: nothing is broadcast, so they only have to be plausible. */
export const SIMULATED_GAS = {
  gas: 100_000n,
  maxFeePerGas: 2_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
} as const

export async function signSimulatedTransfer(
  input: SimulatedTransferInput,
  secret: Uint8Array,
): Promise<SimulatedTransfer> {
  const chain = getChain(input.chainId)
  if (!chain) throw new Error(`Unknown chain ${input.chainId}`)
  if (!Number.isSafeInteger(input.amountMicros) || input.amountMicros <= 0) {
    throw new Error('The amount must be a positive number of micro-units')
  }
  const privateKey = decryptPrivateKey(input.encryptedPrivateKey, secret)
  if (chain.chainType === 'SOLANA') return signSolana(input, privateKey)
  if (chain.evmChainId === undefined) throw new Error(`Chain ${chain.chainId} has no EVM chain id`)
  if (!isEvmAddress(input.toAddress)) {
    throw new Error(`Recipient ${input.toAddress} is not an EVM address`)
  }
  const account = privateKeyToAccount(privateKey)
  if (account.address.toLowerCase() !== input.fromAddress.toLowerCase()) {
    throw new Error('The stored key does not belong to the wallet address')
  }
  const data = encodeFunctionData({
    abi: erc20Abi,
    functionName: 'transfer',
    args: [input.toAddress.toLowerCase() as Address, BigInt(input.amountMicros)],
  })
  const signedTransaction = await account.signTransaction({
    type: 'eip1559',
    chainId: chain.evmChainId,
    nonce: input.nonce,
    to: chain.stablecoinAddress ?? zeroAddress,
    value: 0n,
    data,
    ...SIMULATED_GAS,
  })
  return { txHash: keccak256(signedTransaction), signedTransaction }
}

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

function signSolana(input: SimulatedTransferInput, privateKey: Hex): SimulatedTransfer {
  if (!isSolanaAddress(input.toAddress)) {
    throw new Error(`Recipient ${input.toAddress} is not a Solana address`)
  }
  const seed = Buffer.from(privateKey.slice(2), 'hex')
  if (seed.length !== 32) throw new Error('Malformed Solana key')
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
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
  return { txHash: toBase58(sign(null, Buffer.from(message, 'utf8'), key)) }
}
