/**
 * `pnpm bench` in @conto/policy: the median time of one decision over a realistic policy set,
 * and decisions per second. Target on a 2-core machine: median ≤ 5 µs per decision, flat in the
 * number of past transactions (the spend snapshot is an input, not a history).
 */
import { evaluatePolicy } from '../src/evaluate-policy.js'
import type { EvaluationInput, PolicyInput } from '../src/evaluation-input.js'

const hex = (n: number) => n.toString(16).padStart(40, '0')
const recipient = `0x${hex(4242)}`
const allowlist = [recipient, ...Array.from({ length: 199 }, (_, i) => `0x${hex(i + 1)}`)]
const now = Date.parse('2026-04-08T12:00:00Z')

let id = 0
const r = (ruleType: string, operator: string, value: unknown, action = 'ALLOW') => ({
  id: `r${++id}`,
  ruleType,
  operator,
  value: typeof value === 'string' ? value : JSON.stringify(value),
  action,
})

// 20 rules across 5 policies.
const policies: PolicyInput[] = [
  {
    id: 'p_limits',
    name: 'Spend limits',
    priority: 90,
    rules: [
      r('MAX_AMOUNT', 'LTE', '500'),
      r('DAILY_LIMIT', 'LTE', '5000'),
      r('WEEKLY_LIMIT', 'LTE', '20000'),
      r('MONTHLY_LIMIT', 'LTE', '50000'),
    ],
  },
  {
    id: 'p_counterparties',
    name: 'Vendors',
    priority: 70,
    rules: [
      r('ALLOWED_COUNTERPARTIES', 'IN_LIST', allowlist),
      r('TRUST_SCORE', 'GTE', '0.5'),
      r('COUNTERPARTY_STATUS', 'NOT_IN_LIST', ['BLOCKED', 'SUSPICIOUS']),
      r('BLOCKED_COUNTERPARTIES', 'IN_LIST', [`0x${hex(999_999)}`], 'DENY'),
    ],
  },
  {
    id: 'p_categories',
    name: 'Categories',
    priority: 50,
    rules: [
      r('BLOCKED_CATEGORIES', 'IN_LIST', ['GAMBLING', 'ADULT', 'CRYPTO_EXCHANGE'], 'DENY'),
      r('ALLOWED_CATEGORIES', 'IN_LIST', ['CLOUD', 'API_PROVIDER', 'SAAS', 'INFRASTRUCTURE']),
      r('GEOGRAPHIC_RESTRICTION', 'IN_LIST', ['RU', 'BY'], 'DENY'),
      r('CONTRACT_ALLOWLIST', 'IN_LIST', allowlist.slice(0, 50)),
    ],
  },
  {
    id: 'p_time',
    name: 'Business hours',
    priority: 40,
    rules: [
      r('TIME_WINDOW', 'BETWEEN', { start: '06:00', end: '22:00' }),
      r('DAY_OF_WEEK', 'IN_LIST', ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']),
      r('DATE_RANGE', 'BETWEEN', { start: '2026-01-01', end: '2026-12-31' }),
      r(
        'BLACKOUT_PERIOD',
        'BETWEEN',
        { windows: [{ start: '02:00', end: '04:00', reason: 'Maintenance', recurring: true }] },
        'DENY',
      ),
    ],
  },
  {
    id: 'p_velocity',
    name: 'Velocity and approvals',
    priority: 10,
    rules: [
      r('VELOCITY_LIMIT', 'LTE', { maxCount: 5000, period: 'DAY' }),
      r('VELOCITY_LIMIT', 'LTE', { maxCount: 2000, period: 'HOUR' }),
      r('BUDGET_CAP', 'LTE', { amount: 100000, period: 'QUARTERLY' }),
      r('REQUIRE_APPROVAL_ABOVE', 'GT', '400', 'REQUIRE_APPROVAL'),
    ],
  },
]

const recentPaymentTimes = Array.from({ length: 1000 }, (_, i) => now - i * 30_000)

function scenario(pastTransactions: number): EvaluationInput {
  // The spend snapshot is what the server sums in indexed windows: its size does not depend on
  // how many transactions produced it.
  const perTransaction = 1.5
  const total = pastTransactions * perTransaction
  return {
    payment: { kind: 'standard', amount: 125.5, recipientAddress: recipient, category: 'cloud' },
    agent: { id: 'agt', status: 'ACTIVE', agentType: 'CUSTOM' },
    wallet: {
      id: 'wal',
      custodyType: 'PRIVY',
      balance: 1_000_000,
      link: {
        spendLimitPerTx: 1000,
        spendLimitDaily: 10_000,
        allowedHoursStart: 0,
        allowedHoursEnd: 24,
        allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
        timezone: 'UTC',
      },
    },
    policies,
    spend: {
      daily: Math.min(total, 900),
      weekly: Math.min(total, 4000),
      monthly: Math.min(total, 9000),
      quarterly: Math.min(total, 20000),
      link: { daily: Math.min(total, 900) },
    },
    recentPaymentTimes,
    counterparty: { trustScore: 0.8, trustLevel: 'TRUSTED' },
    now,
  }
}

function measure(label: string, input: EvaluationInput) {
  const first = evaluatePolicy(input)
  if (first.status !== 'APPROVED')
    throw new Error(`${label}: expected APPROVED, got ${first.status}: ${first.reasons.join('; ')}`)
  for (let i = 0; i < 20_000; i++) evaluatePolicy(input) // warm-up
  const batches = 200
  const perBatch = 1000
  const samples: number[] = []
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < perBatch; i++) evaluatePolicy(input)
    samples.push(Number(process.hrtime.bigint() - start) / perBatch / 1000)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)] ?? 0
  const p99 = samples[Math.floor(samples.length * 0.99)] ?? 0
  console.log(
    `${label.padEnd(36)} median ${median.toFixed(2)} µs/decision  p99(batch) ${p99.toFixed(2)} µs  ${Math.round(1e6 / median).toLocaleString('en-US')} decisions/s`,
  )
  return median
}

console.log(
  `@conto/policy: ${policies.reduce((n, p) => n + p.rules.length, 0)} rules in ${policies.length} policies, 200-entry allow-list, 1,000 recent timestamps`,
)
const none = measure('0 past transactions', scenario(0))
const many = measure('1,000,000 past transactions', scenario(1_000_000))
console.log(
  `ratio (1M / 0): ${(many / none).toFixed(2)}×; target: median ≤ 5 µs → ${none <= 5 && many <= 5 ? 'met' : 'NOT met'}`,
)
