import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * The reference server's tables. Money is integer micro-units (`*Micros`, 6 decimals); times are
 * epoch milliseconds (`*At`); lists and objects are JSON text. Every row that belongs to an
 * organization carries `organizationId`, and every query filters on it.
 */

const id = () => text('id').primaryKey()
const createdAt = () => integer('created_at').notNull()
const updatedAt = () => integer('updated_at').notNull()
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>()

export const organizations = sqliteTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  mode: text('mode').$type<'test' | 'live'>().notNull(),
  /** Sandbox organizations expire (credentials valid for 7 days). */
  expiresAt: integer('expires_at'),
  isSandbox: integer('is_sandbox', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
})

export const members = sqliteTable(
  'members',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    email: text('email').notNull(),
    name: text('name'),
    role: text('role').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('members_org_email').on(t.organizationId, t.email)],
)

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the full key, hex. The key itself is never stored. */
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    scopes: json<string[]>('scopes').notNull(),
    scopePreset: text('scope_preset'),
    createdByMemberId: text('created_by_member_id'),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash), index('api_keys_org').on(t.organizationId)],
)

export const agents = sqliteTable(
  'agents',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    agentType: text('agent_type').notNull(),
    status: text('status').notNull(),
    description: text('description'),
    publicKey: text('public_key'),
    externalId: text('external_id'),
    purpose: text('purpose'),
    environment: text('environment'),
    riskTier: text('risk_tier'),
    ownerMembershipId: text('owner_membership_id'),
    allowedContexts: json<string[]>('allowed_contexts'),
    identityTags: json<string[]>('identity_tags'),
    metadata: json<Record<string, unknown>>('metadata'),
    callbackUrl: text('callback_url'),
    autoFreezeEnabled: integer('auto_freeze_enabled', { mode: 'boolean' }).notNull().default(false),
    freezeConfig: json<Record<string, number>>('freeze_config'),
    frozenAt: integer('frozen_at'),
    frozenReason: text('frozen_reason'),
    /** Wallets frozen by the last freeze, so unfreeze restores exactly those. */
    frozenWalletIds: json<string[]>('frozen_wallet_ids'),
    consecutiveViolations: integer('consecutive_violations').notNull().default(0),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agents_org_name').on(t.organizationId, t.name),
    index('agents_org_public_key').on(t.organizationId, t.publicKey),
  ],
)

export const sdkKeys = sqliteTable(
  'sdk_keys',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    keyType: text('key_type').$type<'standard' | 'admin'>().notNull(),
    scopes: json<string[]>('scopes').notNull(),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sdk_keys_hash').on(t.keyHash), index('sdk_keys_agent').on(t.agentId)],
)

export const wallets = sqliteTable(
  'wallets',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    address: text('address'),
    /** Lower-cased address for case-insensitive matching. */
    addressKey: text('address_key'),
    walletType: text('wallet_type').notNull(),
    chainType: text('chain_type').notNull(),
    chainId: text('chain_id').notNull(),
    custodyType: text('custody_type').notNull(),
    balanceMicros: integer('balance_micros').notNull().default(0),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    isWatchOnly: integer('is_watch_only', { mode: 'boolean' }).notNull().default(false),
    enforcementMode: text('enforcement_mode').notNull(),
    externalWalletId: text('external_wallet_id'),
    /** Managed wallets' signing key, encrypted with the server secret (AES-256-GCM). */
    encryptedPrivateKey: text('encrypted_private_key'),
    /** Nonce of the next simulated transfer signed from this wallet (one per settled transfer). */
    nextNonce: integer('next_nonce').notNull().default(0),
    archivedAt: integer('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('wallets_org').on(t.organizationId),
    uniqueIndex('wallets_org_address_chain').on(t.organizationId, t.addressKey, t.chainId),
    uniqueIndex('wallets_org_external_chain').on(t.organizationId, t.externalWalletId, t.chainId),
  ],
)

export const agentWalletLinks = sqliteTable(
  'agent_wallet_links',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    walletId: text('wallet_id')
      .notNull()
      .references(() => wallets.id, { onDelete: 'cascade' }),
    delegationType: text('delegation_type').notNull(),
    spendLimitPerTxMicros: integer('spend_limit_per_tx_micros'),
    spendLimitDailyMicros: integer('spend_limit_daily_micros'),
    spendLimitWeeklyMicros: integer('spend_limit_weekly_micros'),
    spendLimitMonthlyMicros: integer('spend_limit_monthly_micros'),
    allowedHoursStart: integer('allowed_hours_start').notNull(),
    allowedHoursEnd: integer('allowed_hours_end').notNull(),
    allowedDays: json<string[]>('allowed_days').notNull(),
    timezone: text('timezone').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('links_agent_wallet').on(t.agentId, t.walletId),
    index('links_wallet').on(t.walletId),
  ],
)

export const policies = sqliteTable(
  'policies',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    policyType: text('policy_type').notNull(),
    priority: integer('priority').notNull(),
    isActive: integer('is_active', { mode: 'boolean' }).notNull(),
    scope: text('scope').$type<'assigned' | 'org'>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('policies_org').on(t.organizationId)],
)

export const policyRules = sqliteTable(
  'policy_rules',
  {
    id: id(),
    policyId: text('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    /** Evaluation order inside the policy. */
    position: integer('position').notNull(),
    ruleType: text('rule_type').notNull(),
    operator: text('operator').notNull(),
    value: text('value').notNull(),
    action: text('action').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('rules_policy_position').on(t.policyId, t.position)],
)

export const agentPolicies = sqliteTable(
  'agent_policies',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    policyId: text('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agent_policies_pair').on(t.agentId, t.policyId),
    index('agent_policies_policy').on(t.policyId),
  ],
)

export const counterparties = sqliteTable(
  'counterparties',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    address: text('address').notNull(),
    addressKey: text('address_key').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    trustScore: real('trust_score').notNull(),
    trustLevel: text('trust_level').notNull(),
    riskLevel: text('risk_level').notNull(),
    verified: integer('verified', { mode: 'boolean' }).notNull(),
    category: text('category'),
    approvalStatus: text('approval_status'),
    notes: text('notes'),
    description: text('description'),
    website: text('website'),
    country: text('country'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('counterparties_org_address').on(t.organizationId, t.addressKey)],
)

export const agentRelationships = sqliteTable(
  'agent_relationships',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    counterpartyId: text('counterparty_id')
      .notNull()
      .references(() => counterparties.id, { onDelete: 'cascade' }),
    spendLimitPerTxMicros: integer('spend_limit_per_tx_micros'),
    spendLimitDailyMicros: integer('spend_limit_daily_micros'),
    spendLimitMonthlyMicros: integer('spend_limit_monthly_micros'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('relationships_pair').on(t.agentId, t.counterpartyId)],
)

export const paymentRequests = sqliteTable(
  'payment_requests',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    walletId: text('wallet_id').references(() => wallets.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    currency: text('currency').notNull(),
    chainId: text('chain_id').notNull(),
    recipientAddress: text('recipient_address'),
    recipientKey: text('recipient_key'),
    recipientName: text('recipient_name'),
    purpose: text('purpose'),
    category: text('category'),
    context: json<Record<string, unknown>>('context'),
    /** The contract call the payment makes, when it makes one (re-checked at approval and execution). */
    targetContractAddress: text('target_contract_address'),
    functionSelector: text('function_selector'),
    urgency: text('urgency').notNull(),
    autoExecute: integer('auto_execute', { mode: 'boolean' }).notNull(),
    /** The full decision (reasons, violations, evaluation) as returned. */
    decision: json<Record<string, unknown>>('decision').notNull(),
    walletSelectionReason: text('wallet_selection_reason'),
    approvalRequestId: text('approval_request_id'),
    transactionId: text('transaction_id'),
    failureReason: text('failure_reason'),
    idempotencyKey: text('idempotency_key'),
    expiresAt: integer('expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_requests_agent_created').on(t.agentId, t.createdAt),
    index('payment_requests_status_expires').on(t.status, t.expiresAt),
  ],
)

/**
 * Budget held by an APPROVED payment request or external approval, per agent and link, until it
 * is spent (executed/confirmed) or released (expired/denied/rejected). Window sums read only
 * live rows.
 */
export const reservations = sqliteTable(
  'reservations',
  {
    id: id(),
    organizationId: text('organization_id').notNull(),
    agentId: text('agent_id').notNull(),
    walletId: text('wallet_id').notNull(),
    recipientKey: text('recipient_key'),
    sourceType: text('source_type').$type<'payment_request' | 'external_approval'>().notNull(),
    sourceId: text('source_id').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    expiresAt: integer('expires_at').notNull(),
    releasedAt: integer('released_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reservations_source').on(t.sourceType, t.sourceId),
    // Window sums read live rows from this index alone (it covers every column they need).
    index('reservations_agent_live').on(
      t.agentId,
      t.releasedAt,
      t.expiresAt,
      t.createdAt,
      t.walletId,
      t.amountMicros,
    ),
  ],
)

export const transactions = sqliteTable(
  'transactions',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull(),
    walletId: text('wallet_id'),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    currency: text('currency').notNull(),
    chainId: text('chain_id').notNull(),
    txHash: text('tx_hash'),
    fromAddress: text('from_address'),
    toAddress: text('to_address'),
    toKey: text('to_key'),
    recipientName: text('recipient_name'),
    purpose: text('purpose'),
    category: text('category'),
    serviceDomain: text('service_domain'),
    resourceUrl: text('resource_url'),
    sessionId: text('session_id'),
    paymentRequestId: text('payment_request_id'),
    externalApprovalId: text('external_approval_id'),
    simulated: integer('simulated', { mode: 'boolean' }).notNull().default(false),
    failureReason: text('failure_reason'),
    confirmedAt: integer('confirmed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('transactions_agent_created').on(t.agentId, t.createdAt),
    index('transactions_wallet_agent_created').on(t.walletId, t.agentId, t.createdAt),
    index('transactions_org_created').on(t.organizationId, t.createdAt),
    index('transactions_agent_to_created').on(t.agentId, t.toKey, t.createdAt),
    index('transactions_wallet_hash').on(t.walletId, t.txHash),
    uniqueIndex('transactions_payment_request').on(t.paymentRequestId),
  ],
)

/**
 * Spend per agent, wallet and UTC day, kept in step with `transactions` so window sums read at
 * most a month of day rows — never the whole history.
 */
export const spendDays = sqliteTable(
  'spend_days',
  {
    agentId: text('agent_id').notNull(),
    walletId: text('wallet_id').notNull(),
    /** Start of the UTC day, epoch ms. */
    day: integer('day').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    uniqueIndex('spend_days_key').on(t.agentId, t.walletId, t.day),
    // Window sums read one year of an agent's days from this index alone.
    index('spend_days_agent_day').on(t.agentId, t.day, t.walletId, t.amountMicros),
  ],
)

export const externalApprovals = sqliteTable(
  'external_approvals',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull(),
    walletId: text('wallet_id'),
    status: text('status').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    currency: text('currency').notNull(),
    chainId: text('chain_id').notNull(),
    recipientAddress: text('recipient_address').notNull(),
    senderAddress: text('sender_address').notNull(),
    recipientName: text('recipient_name'),
    purpose: text('purpose'),
    category: text('category'),
    context: json<Record<string, unknown>>('context'),
    /** The contract call the transfer makes, when it makes one (re-checked after a human approval). */
    targetContractAddress: text('target_contract_address'),
    functionSelector: text('function_selector'),
    decision: json<Record<string, unknown>>('decision').notNull(),
    tokenHash: text('token_hash'),
    approvalRequestId: text('approval_request_id'),
    transactionId: text('transaction_id'),
    expiresAt: integer('expires_at'),
    confirmedAt: integer('confirmed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('external_approvals_agent').on(t.agentId, t.createdAt)],
)

export const approvalWorkflows = sqliteTable('approval_workflows', {
  id: id(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  priority: integer('priority').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull(),
  triggerConditions: json<Record<string, unknown>>('trigger_conditions').notNull(),
  requiredApprovals: integer('required_approvals').notNull(),
  timeoutHours: integer('timeout_hours').notNull(),
  allowSelfApproval: integer('allow_self_approval', { mode: 'boolean' }).notNull(),
  approverRoles: json<string[]>('approver_roles').notNull(),
  specificApprovers: json<string[]>('specific_approvers').notNull(),
  sequentialApproval: integer('sequential_approval', { mode: 'boolean' }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    status: text('status').notNull(),
    agentId: text('agent_id').notNull(),
    paymentRequestId: text('payment_request_id'),
    externalApprovalId: text('external_approval_id'),
    workflowId: text('workflow_id'),
    amountMicros: integer('amount_micros').notNull(),
    currency: text('currency').notNull(),
    recipientAddress: text('recipient_address'),
    purpose: text('purpose'),
    requiredApprovals: integer('required_approvals').notNull(),
    approvals: json<Array<Record<string, unknown>>>('approvals').notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    expiresAt: integer('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('approval_requests_org_status').on(t.organizationId, t.status),
    // The expiry sweeper finds overdue PENDING requests of every organization from this index.
    index('approval_requests_status_expires').on(t.status, t.expiresAt),
  ],
)

export const notificationChannels = sqliteTable('notification_channels', {
  id: id(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name'),
  type: text('type').notNull(),
  config: json<Record<string, unknown>>('config').notNull(),
  events: json<string[]>('events').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const webhooks = sqliteTable('webhooks', {
  id: id(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  description: text('description'),
  events: json<string[]>('events').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull(),
  secret: text('secret').notNull(),
  lastDeliveryAt: integer('last_delivery_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** One row per delivery attempt; pending rows are the persisted queue a restart resumes. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: id(),
    organizationId: text('organization_id').notNull(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    payload: text('payload').notNull(),
    attempt: integer('attempt').notNull(),
    status: text('status').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    nextAttemptAt: integer('next_attempt_at'),
    deliveredAt: integer('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('deliveries_webhook_created').on(t.webhookId, t.createdAt),
    index('deliveries_pending').on(t.status, t.nextAttemptAt),
  ],
)

/** Append-only, SHA-256 hash-chained per organization. */
export const auditLogs = sqliteTable(
  'audit_logs',
  {
    id: id(),
    organizationId: text('organization_id').notNull(),
    /** Position in the organization's chain (1, 2, …). */
    sequence: integer('sequence').notNull(),
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    resourceId: text('resource_id'),
    previousState: json<unknown>('previous_state'),
    newState: json<unknown>('new_state'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    metadata: json<Record<string, unknown>>('metadata'),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('audit_org_sequence').on(t.organizationId, t.sequence),
    index('audit_org_created').on(t.organizationId, t.createdAt),
  ],
)

export const alerts = sqliteTable(
  'alerts',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    agentId: text('agent_id'),
    walletId: text('wallet_id'),
    metadata: json<Record<string, unknown>>('metadata'),
    note: text('note'),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: integer('resolved_at'),
    resolvedBy: text('resolved_by'),
    createdAt: createdAt(),
  },
  (t) => [index('alerts_org_status').on(t.organizationId, t.status, t.createdAt)],
)

/** Stored responses of idempotent POSTs, per credential, kept 24 h. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    credentialId: text('credential_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    bodyHash: text('body_hash').notNull(),
    status: integer('status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_key').on(t.credentialId, t.key)],
)

export const budgetRequests = sqliteTable(
  'budget_requests',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    approvedAmountMicros: integer('approved_amount_micros'),
    currentSpendMicros: integer('current_spend_micros').notNull().default(0),
    purpose: text('purpose').notNull(),
    category: text('category'),
    metadata: json<Record<string, unknown>>('metadata'),
    status: text('status').notNull(),
    reason: text('reason'),
    expiresAt: integer('expires_at').notNull(),
    windowEndsAt: integer('window_ends_at'),
    decidedAt: integer('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('budget_requests_agent').on(t.agentId, t.status)],
)

export const cards = sqliteTable('cards', {
  id: id(),
  organizationId: text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  provider: text('provider').notNull(),
  last4: text('last4').notNull(),
  brand: text('brand').notNull(),
  cardType: text('card_type').notNull(),
  status: text('status').notNull(),
  spendLimitDailyMicros: integer('spend_limit_daily_micros'),
  spendLimitPerTxMicros: integer('spend_limit_per_tx_micros'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** Server-wide settings (the test clock's frozen instant). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

/** An agent's request to be excused from a policy or rule (`/api/sdk/policy-exceptions`). */
export const policyExceptions = sqliteTable(
  'policy_exceptions',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    policyId: text('policy_id'),
    ruleId: text('rule_id'),
    reason: text('reason').notNull(),
    amountMicros: integer('amount_micros'),
    status: text('status').notNull(),
    expiresAt: integer('expires_at'),
    decidedAt: integer('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [index('policy_exceptions_agent').on(t.agentId, t.createdAt)],
)

/** Agent-to-agent payment requests inside one organization. */
export const a2aRequests = sqliteTable(
  'a2a_requests',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requestingAgentId: text('requesting_agent_id').notNull(),
    requestedFromAgentId: text('requested_from_agent_id').notNull(),
    amountMicros: integer('amount_micros').notNull(),
    currency: text('currency').notNull(),
    purpose: text('purpose'),
    metadata: json<Record<string, unknown>>('metadata'),
    status: text('status').notNull(),
    reason: text('reason'),
    transactionId: text('transaction_id'),
    expiresAt: integer('expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('a2a_from').on(t.requestedFromAgentId, t.status),
    index('a2a_by').on(t.requestingAgentId, t.status),
  ],
)

/** A card assigned to an agent with per-agent limits and merchant rules. */
export const agentCards = sqliteTable(
  'agent_cards',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    cardId: text('card_id')
      .notNull()
      .references(() => cards.id, { onDelete: 'cascade' }),
    spendLimitPerTxMicros: integer('spend_limit_per_tx_micros'),
    spendLimitDailyMicros: integer('spend_limit_daily_micros'),
    spendLimitWeeklyMicros: integer('spend_limit_weekly_micros'),
    spendLimitMonthlyMicros: integer('spend_limit_monthly_micros'),
    allowedDays: json<string[]>('allowed_days').notNull(),
    allowedHoursStart: integer('allowed_hours_start').notNull(),
    allowedHoursEnd: integer('allowed_hours_end').notNull(),
    timezone: text('timezone').notNull(),
    allowedCategories: json<string[]>('allowed_categories'),
    blockedCategories: json<string[]>('blocked_categories').notNull(),
    allowedMerchants: json<string[]>('allowed_merchants'),
    blockedMerchants: json<string[]>('blocked_merchants').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('agent_cards_pair').on(t.agentId, t.cardId)],
)

/** A named policy linked to a card. */
export const cardPolicies = sqliteTable(
  'card_policies',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    cardId: text('card_id')
      .notNull()
      .references(() => cards.id, { onDelete: 'cascade' }),
    policyId: text('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('card_policies_pair').on(t.cardId, t.policyId)],
)

/**
 * The notification-channel outbox: one row per message an event sends through a channel, written
 * in the transaction of the change it announces; PENDING rows are the persisted queue the channel
 * worker sends (a restart resumes them). `payload` is the JSON envelope; its action tokens are
 * redacted once the message is finished.
 */
export const channelMessages = sqliteTable(
  'channel_messages',
  {
    id: id(),
    organizationId: text('organization_id').notNull(),
    channelId: text('channel_id')
      .notNull()
      .references(() => notificationChannels.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    payload: text('payload').notNull(),
    /** PENDING, then SENT (provider or receiver accepted it), SIMULATED (test mode) or FAILED. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Real time (not the test clock) of the next attempt, like webhook retries. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    sentAt: integer('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('channel_messages_pending').on(t.status, t.nextAttemptAt),
    index('channel_messages_channel').on(t.channelId, t.createdAt),
  ],
)

/**
 * One-time approve/reject tokens sent with an `approval.requested` channel message. Only the
 * SHA-256 of a token is stored; each is bound to its approval request, channel, message and
 * decision, expires with the approval request, and is spent (with its sibling) on first use.
 */
export const channelActionTokens = sqliteTable(
  'channel_action_tokens',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token (64 lowercase hex), hex. */
    tokenHash: text('token_hash').notNull(),
    approvalRequestId: text('approval_request_id').notNull(),
    channelId: text('channel_id')
      .notNull()
      .references(() => notificationChannels.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => channelMessages.id, { onDelete: 'cascade' }),
    /** APPROVED or REJECTED: the only decision this token can make. */
    decision: text('decision').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('channel_action_tokens_hash').on(t.tokenHash),
    index('channel_action_tokens_message').on(t.messageId),
  ],
)
