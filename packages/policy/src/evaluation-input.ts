import type { RulePaymentKind } from '@conto/schemas'

/**
 * Everything a decision needs, as plain data. Amounts are wire amounts (stablecoin units, JSON
 * numbers); times are `Date`s, epoch milliseconds or ISO strings (epoch milliseconds are
 * fastest for long lists such as `recentPaymentTimes`).
 */

export type Timestamp = Date | number | string

/** The payment being decided. */
export interface PaymentInput {
  /** `standard` (default), `x402`, `mpp` or `card`; rules that do not apply to it are skipped. */
  readonly kind?: RulePaymentKind
  readonly amount: number
  /** Recipient address (absent for card payments). */
  readonly recipientAddress?: string
  readonly category?: string
  readonly chainId?: string
  /** Contract the payment calls (CONTRACT_ALLOWLIST); defaults to the recipient. */
  readonly targetContractAddress?: string
  /** 4-byte selector of the contract call (`0xa9059cbb`). */
  readonly functionSelector?: string
  /** Protocol name of the contract call (`uniswap`), matched by CONTRACT_ALLOWLIST protocols. */
  readonly protocol?: string
  /** ISO 3166-1 alpha-2 country of the recipient; else `context.country`, else the counterparty's. */
  readonly country?: string
  /** Free metadata (`{ department, project, country }`). */
  readonly context?: Readonly<Record<string, unknown>>
  /** x402/MPP: the service's domain (`api.openai.com`). */
  readonly serviceDomain?: string
  /** x402/MPP: the paid resource (an endpoint). */
  readonly resourceUrl?: string
  /** x402/MPP session id. */
  readonly sessionId?: string
  /** MPP: `session` (opens or uses a session) or `charge`. */
  readonly intent?: string
  /** MPP: deposit to open the session with. */
  readonly depositAmount?: number
  /** MPP: HTTP method of the paid call. */
  readonly method?: string
  /** Card: merchant name. */
  readonly merchantName?: string
  /** Card: merchant category code (4 digits). */
  readonly mcc?: string
}

export interface AgentInput {
  readonly id: string
  /** Only `ACTIVE` agents may pay. */
  readonly status: string
  readonly agentType?: string
}

/**
 * The agent–wallet link's limits. A missing limit or `null` is unlimited; `0` blocks every
 * payment. Missing hours mean all day; missing days mean every day; time zone defaults to UTC.
 */
export interface LinkInput {
  readonly spendLimitPerTx?: number | null
  readonly spendLimitDaily?: number | null
  readonly spendLimitWeekly?: number | null
  readonly spendLimitMonthly?: number | null
  /** 0–23. */
  readonly allowedHoursStart?: number
  /** 1–24; a start after the end wraps midnight. */
  readonly allowedHoursEnd?: number
  readonly allowedDays?: readonly string[]
  /** IANA zone the hours and days are read in. */
  readonly timezone?: string
}

export interface WalletInput {
  readonly id: string
  readonly custodyType?: string
  /** Available balance (balance less reservations); `null`/absent = unknown, not checked. */
  readonly balance?: number | null
  readonly link?: LinkInput
}

export interface RuleInput {
  readonly id: string
  readonly ruleType: string
  /** Canonical name or alias (`LTE`, `IN`, …). */
  readonly operator: string
  /** The wire string (`"1000"`, `["a","b"]` JSON-encoded, …). */
  readonly value: string
  /** `ALLOW` (default), `DENY` or `REQUIRE_APPROVAL`. */
  readonly action?: string
}

export interface PolicyInput {
  readonly id: string
  readonly name: string
  /** 0–100, higher first; default 50. */
  readonly priority?: number
  /** Inactive policies are ignored; default true. */
  readonly isActive?: boolean
  /** Breaks priority ties (earlier first); without it, input order does. */
  readonly createdAt?: Timestamp
  /** Evaluated in this order. */
  readonly rules: readonly RuleInput[]
}

/** Spend in the calendar windows (UTC), spent plus live reservations, in stablecoin units. */
export interface WindowSpend {
  readonly daily?: number
  readonly weekly?: number
  readonly monthly?: number
  /** Falls back to `monthly` (a lower bound) when absent. */
  readonly quarterly?: number
  /** Falls back to `quarterly`, then `monthly`, when absent. */
  readonly yearly?: number
}

/**
 * The spend snapshot. Top-level windows are the agent's spend across its wallets (policy
 * limits); `link` is this agent's spend through the chosen wallet (link limits).
 */
export interface SpendSnapshot extends WindowSpend {
  readonly link?: WindowSpend
  /** To this recipient (relationship limits). */
  readonly counterparty?: WindowSpend
  /** To this x402/MPP service domain (`*_MAX_PER_SERVICE`). */
  readonly serviceDomain?: WindowSpend
  /** To this x402/MPP endpoint (`*_MAX_PER_ENDPOINT`, per day). */
  readonly endpoint?: WindowSpend
  /** In this x402/MPP session (`*_SESSION_BUDGET`). */
  readonly session?: number
}

export interface RelationshipLimitsInput {
  readonly spendLimitPerTx?: number | null
  readonly spendLimitDaily?: number | null
  readonly spendLimitMonthly?: number | null
}

export interface CounterpartyInput {
  /** 0.0–1.0; unknown counterparties count as 0.5. */
  readonly trustScore?: number
  /** TRUSTED, VERIFIED, UNKNOWN, SUSPICIOUS or BLOCKED; unknown counterparties count as UNKNOWN. */
  readonly trustLevel?: string
  readonly country?: string
  /** Never paid before by this organization (approval workflows' `newRecipients`). */
  readonly isNew?: boolean
  /** Fairscale reputation (0–100) of a Solana recipient. */
  readonly fairscaleScore?: number
  /** Per-counterparty limits of this agent (AgentRelationship). */
  readonly relationship?: RelationshipLimitsInput
}

/** An APPROVED budget request the payment must fit in. */
export interface BudgetRequestInput {
  readonly id: string
  readonly approvedAmount: number
  readonly currentSpend: number
}

export interface ApprovalWorkflowTriggers {
  /** Matches amounts at or above. */
  readonly amountThreshold?: number
  readonly currency?: string
  readonly categories?: readonly string[]
  readonly agentIds?: readonly string[]
  readonly agentTypes?: readonly string[]
  /** Matches payments to recipients never paid before. */
  readonly newRecipients?: boolean
  /** Matches counterparties at this trust level or lower. */
  readonly counterpartyTrustLevel?: string
}

export interface ApprovalWorkflowInput {
  readonly id: string
  readonly name: string
  readonly priority?: number
  readonly isActive?: boolean
  readonly createdAt?: Timestamp
  readonly triggerConditions: ApprovalWorkflowTriggers
}

/** MPP session facts for the session rules. */
export interface MppSessionInput {
  /** Sessions of this agent open right now. */
  readonly openSessions?: number
  /** When the payment's session was opened (absent: the payment opens it). */
  readonly sessionStartedAt?: Timestamp
}

export interface EvaluationInput {
  readonly payment: PaymentInput
  readonly agent: AgentInput
  /** The chosen wallet and its link; without it the link and balance stages are skipped. */
  readonly wallet?: WalletInput
  /** Policies that apply to the agent (assigned and org-wide); inactive ones are ignored. */
  readonly policies: readonly PolicyInput[]
  readonly spend?: SpendSnapshot
  /** When this agent's recent APPROVED/EXECUTED payment requests were made (VELOCITY_LIMIT). */
  readonly recentPaymentTimes?: readonly Timestamp[]
  /** The same, for this x402/MPP endpoint (`*_VELOCITY_PER_ENDPOINT`). */
  readonly recentEndpointPaymentTimes?: readonly Timestamp[]
  readonly counterparty?: CounterpartyInput
  readonly budgetRequest?: BudgetRequestInput
  /** Active approval workflows of the organization. */
  readonly approvalWorkflows?: readonly ApprovalWorkflowInput[]
  readonly mpp?: MppSessionInput
  /** Screened recipient addresses (any case); a match denies (SANCTIONED_ADDRESS). */
  readonly sanctionedAddresses?: readonly string[] | ReadonlySet<string>
  /** Countries always denied; default the built-in OFAC set `CU, IR, KP, SY`. */
  readonly sanctionedCountries?: readonly string[]
  /** The decision instant. */
  readonly now: Timestamp
}
