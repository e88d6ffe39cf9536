/** Values the tests share: one timestamp, addresses, a transaction hash and an approval token. */

export const now = '2026-04-07T12:00:00.000Z'

/** A checksummed EVM address. */
export const evmAddress = '0x742d35Cc6634C0532925a3b844Bc9e7595f2e3a1'
/** A second EVM address (lowercase), for the other side of a payment. */
export const otherEvmAddress = '0x1234567890abcdef1234567890abcdef12345678'
export const solanaAddress = '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'

export const txHash = '0x5e1d3a76fbf824220eafc8c79ad578ad2b67d01b0c2425eb1f1347e8f50882ab'

/** A 64-hex approval token, as `payments.approve` and `cards.approve` return. */
export const approvalToken = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2'
