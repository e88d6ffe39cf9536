/**
 * The Defaults page (`seeds/002`) as typed constants: one place that the server, the policy
 * evaluator and the clients all read, so a default can never differ between them.
 */
export const defaults = {
  chain: {
    /** Applied when `chainId` is omitted on `POST /api/wallets` and `POST /api/sdk/payments/request`. */
    apiChainId: '42431',
    /** Used by the CLI's interactive prompts. */
    cliChainId: '4217',
    chainType: 'EVM',
  },
  wallet: {
    walletType: 'EOA',
    chainType: 'EVM',
    chainId: '42431',
    /** The default chain of a SOLANA wallet created without `chainId` (the testnet, like 42431). */
    solanaChainId: 'solana-devnet',
    custodyType: 'PRIVY',
    isWatchOnly: false,
  },
  /** Wallets are chosen in this order when an agent has several linked wallets. */
  custodyPriority: ['PRIVY', 'SPONGE', 'SMART_CONTRACT', 'EXTERNAL'],
  agentWalletLink: {
    delegationType: 'LIMITED',
    spendLimitPerTx: 100,
    spendLimitDaily: 1000,
    spendLimitWeekly: null,
    spendLimitMonthly: null,
    allowedHoursStart: 0,
    allowedHoursEnd: 24,
    allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    timezone: 'UTC',
  },
  /** The EXTERNAL wallet auto-created by `POST /api/sdk/payments/approve` for an unknown sender. */
  externalWalletAutoCreate: {
    spendLimitPerTx: null,
    spendLimitDaily: 1000,
    spendLimitWeekly: 5000,
    spendLimitMonthly: 20000,
    custodyType: 'EXTERNAL',
    enforcementMode: 'MONITORING_ONLY',
  },
  /** Lifetime of approval tokens, in seconds; tokens are single-use. */
  approvalTtlSeconds: {
    paymentRequest: 5 * 60,
    externalApproval: 10 * 60,
    cardApproval: 5 * 60,
  },
  sdkKey: {
    expiresInDays: 365,
    maxExpiresInDays: 730,
    keyType: 'standard',
  },
  paymentRequest: {
    currency: 'USDC',
    urgency: 'NORMAL',
    autoExecute: false,
  },
  policy: {
    priority: 50,
    minPriority: 0,
    maxPriority: 100,
    isActive: true,
    ruleAction: 'ALLOW',
  },
  counterparty: {
    trustScore: 0.5,
    trustLevel: 'UNKNOWN',
    riskLevel: 'MEDIUM',
    verified: false,
    type: 'VENDOR',
  },
  /** Trust level by score: the first band whose `minScore` the score exceeds (BLOCKED from 0). */
  trustBands: [
    { level: 'TRUSTED', minScore: 0.75 },
    { level: 'VERIFIED', minScore: 0.5 },
    { level: 'UNKNOWN', minScore: 0.2 },
    { level: 'BLOCKED', minScore: 0 },
  ],
  rateLimits: {
    sdkPayment: { limit: 60, windowSeconds: 60, key: 'agent' },
    sdkRead: { limit: 120, windowSeconds: 60, key: 'agent' },
    auth: { limit: 10, windowSeconds: 300, key: 'ip' },
    accountAuth: { limit: 5, windowSeconds: 300, key: 'account' },
    dashboard: { limit: 100, windowSeconds: 60, key: 'user' },
  },
  pagination: {
    limit: 50,
    maxLimit: 100,
    offset: 0,
  },
  webhook: {
    maxAttempts: 3,
    /** Delay before each attempt, in milliseconds: immediately, then 1 s, then 4 s. */
    retryDelaysMs: [0, 1000, 4000],
    timeoutMs: 10_000,
    signatureHeader: 'X-Conto-Signature',
    signatureToleranceSeconds: 300,
  },
  autoFreeze: {
    autoFreezeEnabled: false,
    maxConsecutiveViolations: 5,
    maxConsecutiveFailures: 5,
    spendVelocityMultiplier: 3,
    largeTransactionMultiplier: 10,
    minTrustScore: 0.2,
    trustScoreDropPercent: 30,
    maxUniqueRecipientsPerHour: 10,
  },
  budgetRequest: {
    pendingTtlHours: 24,
    approvedWindowHours: 24,
  },
  sandbox: {
    agentName: 'Sandbox Agent',
    agentType: 'CUSTOM',
    mode: 'test',
    expiresInDays: 7,
    wallet: {
      custodyType: 'EXTERNAL',
      enforcementMode: 'SDK_REQUIRED',
      chainId: '42431',
      balance: 100,
      currency: 'pathUSD',
      spendLimitPerTx: 5,
      spendLimitDaily: 25,
    },
  },
  card: {
    spendLimitDaily: 1000,
    spendLimitPerTx: 500,
    agentSpendLimitPerTx: 250,
    agentSpendLimitDaily: 500,
  },
  orgRole: 'MEMBER',
  /** Countries screened on every payment, whatever the policies say (OFAC). */
  sanctionedCountries: ['CU', 'IR', 'KP', 'SY'],
  /** Idempotency keys are remembered this long per credential. */
  idempotencyRetentionHours: 24,
  idempotencyKeyMaxLength: 128,
  requestTimeoutMs: 30_000,
  baseUrl: 'https://conto.finance',
  serverPort: 3006,
} as const

export type Defaults = typeof defaults

/** The trust level a score falls in (0.0–1.0), per the Defaults page bands. */
export function trustLevelForScore(score: number): 'TRUSTED' | 'VERIFIED' | 'UNKNOWN' | 'BLOCKED' {
  for (const band of defaults.trustBands) {
    if (band.level === 'BLOCKED' || score > band.minScore) return band.level
  }
  return 'BLOCKED'
}
