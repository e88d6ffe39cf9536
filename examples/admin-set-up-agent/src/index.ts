import type { ContoAdmin } from '@conto/admin'

/** What `main` set up; `sdkKey` is the agent's secret, shown once: hand it to the agent. */
export interface SetUpAgentResult {
  agentId: string
  walletId: string
  policyId: string
  sdkKeyId: string
  sdkKey: string
}

/**
 * A platform team gives a new AI agent everything it needs to pay safely: the agent, a managed
 * wallet linked to it with per-link limits, a spending policy with rules assigned to it, and an
 * SDK key for the agent's own code (`new Conto({ apiKey })`). Prints a short summary; the secret
 * key itself is never printed.
 */
export async function main(
  admin: ContoAdmin,
  log: (line: string) => void = console.log,
): Promise<SetUpAgentResult> {
  const agent = await admin.agents.create({
    name: 'Procurement agent',
    agentType: 'CUSTOM',
    description: 'Buys API credits and datasets for the research team',
  })

  // A managed wallet: Conto holds its key and signs the agent's approved payments.
  const wallet = await admin.wallets.create({ name: 'Procurement wallet', custodyType: 'PRIVY' })

  // The link's own limits apply on top of every policy: at most 50 per payment, 200 a day,
  // on weekdays during office hours.
  await admin.agents.linkWallet(agent.id, {
    walletId: wallet.id,
    spendLimitPerTx: 50,
    spendLimitDaily: 200,
    allowedDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    allowedHoursStart: 8,
    allowedHoursEnd: 18,
    timezone: 'Europe/Berlin',
  })

  const policy = await admin.policies.create({
    name: 'Procurement limits',
    policyType: 'SPEND_LIMIT',
    description: 'Small payments only; anything above 25 needs a human',
    rules: [
      { ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 50 },
      { ruleType: 'DAILY_LIMIT', operator: 'LTE', value: 150 },
      {
        ruleType: 'REQUIRE_APPROVAL_ABOVE',
        operator: 'GREATER_THAN',
        value: 25,
        action: 'REQUIRE_APPROVAL',
      },
    ],
  })
  await admin.agents.assignPolicy(agent.id, policy.id)

  const sdkKey = await admin.agents.createSdkKey(agent.id, {
    name: 'procurement-agent production',
    expiresInDays: 90,
  })

  log(`Agent   ${agent.name} (${agent.id}), ${agent.status}`)
  log(
    `Wallet  ${wallet.name} ${wallet.address ?? '(no address yet)'} linked: 50 per payment, 200 a day`,
  )
  log(`Policy  ${policy.name} (${policy.rules.length} rules) assigned`)
  log(
    `SDK key ${sdkKey.keyPrefix} expires ${sdkKey.expiresAt}: give it to the agent as CONTO_API_KEY`,
  )

  return {
    agentId: agent.id,
    walletId: wallet.id,
    policyId: policy.id,
    sdkKeyId: sdkKey.id,
    sdkKey: sdkKey.key,
  }
}
