import {
  assertKeyKind,
  ContoError,
  createTransport,
  type FetchFunction,
  type FetchOptions,
  type Logger,
  type LogLevel,
  type RequestEvent,
  type ResponseEvent,
  readEnv,
  type Transport,
} from '@conto/client-core'
import { AGENT_KEY_PREFIX, keyKindOf, ORG_KEY_PREFIX } from '@conto/schemas'
import { AgentsResource } from './resources/agents.js'
import { AlertsResource } from './resources/alerts.js'
import { AnalyticsResource } from './resources/analytics.js'
import { ApiKeysResource } from './resources/api-keys.js'
import { ApprovalRequestsResource } from './resources/approval-requests.js'
import { ApprovalWorkflowsResource } from './resources/approval-workflows.js'
import { ApprovalsResource } from './resources/approvals.js'
import { AuditLogsResource } from './resources/audit-logs.js'
import { BudgetRequestsResource } from './resources/budget-requests.js'
import { CardsResource } from './resources/cards.js'
import { ChannelsResource } from './resources/channels.js'
import { CounterpartiesResource } from './resources/counterparties.js'
import { MembersResource } from './resources/members.js'
import { MetaResource } from './resources/meta.js'
import { OrganizationResource } from './resources/organization.js'
import { PoliciesResource } from './resources/policies.js'
import { SandboxResource } from './resources/sandbox.js'
import { TeamResource } from './resources/team.js'
import { TestClockResource } from './resources/test-clock.js'
import { TransactionsResource } from './resources/transactions.js'
import { WalletsResource } from './resources/wallets.js'
import { WebhooksResource } from './resources/webhooks.js'
import { PACKAGE_ID } from './version.js'

/** Options of {@link ContoAdmin}; only the organization key is needed. */
export interface ContoAdminOptions {
  /**
   * The organization API key (`conto_…`, not `conto_agent_…`); default `CONTO_ORG_API_KEY`.
   * Never logged and never put in an error.
   */
  orgApiKey?: string | undefined
  /** Default `CONTO_BASE_URL`, else `CONTO_API_URL`, else `https://conto.finance`. */
  baseUrl?: string | undefined
  /** Per-attempt timeout in milliseconds; default 30 000. Each call can override it. */
  timeoutMs?: number | undefined
  /**
   * Retries after the first attempt; default 3. Each call can override it. Waits 1 s, 2 s, 4 s, …
   * (capped at 10 s, less up to 25 % jitter) unless the server asks for a wait within 0–60 s.
   */
  maxRetries?: number | undefined
  /** The `fetch` to call: default the global one; tests pass an in-process server's handler. */
  fetch?: FetchFunction | undefined
  /** Extra `fetch` options for every request (e.g. undici's `dispatcher`). */
  fetchOptions?: FetchOptions | undefined
  /** Where log lines go; default `console`. */
  logger?: Logger | undefined
  /** Default `CONTO_LOG`, else `warn`; `debug` logs every request and response. */
  logLevel?: LogLevel | undefined
  /** Called before every attempt; the `authorization` header is redacted. */
  onRequest?: ((event: RequestEvent) => void) | undefined
  /** Called when an attempt receives a response, with its status and elapsed time. */
  onResponse?: ((event: ResponseEvent) => void) | undefined
}

/**
 * The Conto organization client: agents, wallets, policies, counterparties, API keys, members,
 * transactions, approvals, webhooks, alerts, audit logs, analytics, cards and the test clock
 * (`/api/*`). It takes an organization API key; agents use `Conto` from `@conto/sdk` with their
 * own SDK key.
 *
 * @example
 * ```ts
 * import { ContoAdmin } from '@conto/admin'
 *
 * const admin = new ContoAdmin({ orgApiKey: process.env.CONTO_ORG_API_KEY })
 * const agent = await admin.agents.create({ name: 'Shopping agent', agentType: 'CUSTOM' })
 * const policy = await admin.policies.create({ name: 'Limits', policyType: 'SPEND_LIMIT' })
 * await admin.agents.assignPolicy(agent.id, policy.id)
 * ```
 * @throws {ContoError} `AUTH_FAILED` when no key is given and `CONTO_ORG_API_KEY` is unset, or
 *   when the key is an agent SDK key (`conto_agent_…`: use `Conto` from `@conto/sdk`) or not a
 *   Conto key at all. No request is sent.
 * @throws {RangeError} when `timeoutMs` or `maxRetries` is not a valid number.
 * @throws {TypeError} when `baseUrl` is not an absolute http(s) URL.
 * @see https://conto.finance/docs/sdk/admin
 */
export class ContoAdmin {
  /** Agents, their wallet links, policies, relationships, SDK keys, cards and auto-freeze. */
  readonly agents: AgentsResource
  /** The anonymous agent sandbox (no credential). */
  readonly sandbox: SandboxResource
  /** Managed and external wallets, incl. `archive`, `provision` and test-mode `fund`. */
  readonly wallets: WalletsResource
  /** Spending policies and their rules. */
  readonly policies: PoliciesResource
  /** The addresses agents pay. */
  readonly counterparties: CounterpartiesResource
  /** Payments made by the organization's agents, incl. `retry`. */
  readonly transactions: TransactionsResource
  /** Security and spending alerts. */
  readonly alerts: AlertsResource
  /** Payments waiting for a human decision: `approve`, `reject`. */
  readonly approvalRequests: ApprovalRequestsResource
  /** Who approves which payments. */
  readonly approvalWorkflows: ApprovalWorkflowsResource
  /** Notification channels for approvals and alerts. */
  readonly channels: ChannelsResource
  /**
   * Deciding an approval request with a channel's one-time token (`action`), and the documented
   * names `listRequests`, `approve`, `reject` for `approvalRequests.list`, `.approve`, `.reject`.
   */
  readonly approvals: ApprovalsResource
  /** Webhook endpoints, their deliveries, tests and secret rotation. */
  readonly webhooks: WebhooksResource
  /** The hash-chained audit trail: `list`, `export`, `verify`. */
  readonly auditLogs: AuditLogsResource
  /** The documented name of {@link ContoAdmin.auditLogs} (the same object): `list`, `export`. */
  readonly audit: AuditLogsResource
  /** Spend totals and breakdowns. */
  readonly analytics: AnalyticsResource
  /** The organization the key belongs to. */
  readonly organization: OrganizationResource
  /** The organization's team. */
  readonly members: MembersResource
  /** The documented name for reading the team: `listMembers` (the same as `members.list`). */
  readonly team: TeamResource
  /** Organization API keys. */
  readonly apiKeys: ApiKeysResource
  /** Bring-your-own payment cards. */
  readonly cards: CardsResource
  /** Agents' requests for more budget. */
  readonly budgetRequests: BudgetRequestsResource
  /**
   * The documented name of {@link ContoAdmin.budgetRequests} (the same object): `list`,
   * `approve`, `reject`.
   */
  readonly budgets: BudgetRequestsResource
  /** The clock of a test-mode server. */
  readonly testClock: TestClockResource
  /** Health check and OpenAPI document. */
  readonly meta: MetaResource

  /** The base URL every request goes to, without a trailing slash. */
  readonly baseUrl: string

  constructor(options: ContoAdminOptions = {}) {
    const orgApiKey = options.orgApiKey ?? readEnv('CONTO_ORG_API_KEY')
    assertOrgKey(orgApiKey)
    const transport: Transport = createTransport({
      apiKey: orgApiKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      fetch: options.fetch,
      fetchOptions: options.fetchOptions,
      logger: options.logger,
      logLevel: options.logLevel,
      onRequest: options.onRequest,
      onResponse: options.onResponse,
      clientInfo: PACKAGE_ID,
    })
    this.baseUrl = transport.baseUrl
    this.agents = new AgentsResource(transport)
    this.sandbox = new SandboxResource(transport)
    this.wallets = new WalletsResource(transport)
    this.policies = new PoliciesResource(transport)
    this.counterparties = new CounterpartiesResource(transport)
    this.transactions = new TransactionsResource(transport)
    this.alerts = new AlertsResource(transport)
    this.approvalRequests = new ApprovalRequestsResource(transport)
    this.approvalWorkflows = new ApprovalWorkflowsResource(transport)
    this.channels = new ChannelsResource(transport)
    this.approvals = new ApprovalsResource(transport, this.approvalRequests)
    this.webhooks = new WebhooksResource(transport)
    this.auditLogs = new AuditLogsResource(transport)
    this.audit = this.auditLogs
    this.analytics = new AnalyticsResource(transport)
    this.organization = new OrganizationResource(transport)
    this.members = new MembersResource(transport)
    this.team = new TeamResource(transport, this.members)
    this.apiKeys = new ApiKeysResource(transport)
    this.cards = new CardsResource(transport)
    this.budgetRequests = new BudgetRequestsResource(transport)
    this.budgets = this.budgetRequests
    this.testClock = new TestClockResource(transport)
    this.meta = new MetaResource(transport)
  }
}

/**
 * An agent SDK key gets a message that names the package to use, since that is the usual mix-up
 * (the docs import both classes); every other check is client-core's.
 */
function assertOrgKey(key: string | undefined): asserts key is string {
  if (typeof key === 'string' && keyKindOf(key.trim()) === 'agent') {
    throw new ContoError(
      `ContoAdmin takes an organization API key (${ORG_KEY_PREFIX}…), but this is an agent SDK key (${AGENT_KEY_PREFIX}…): use \`Conto\` from @conto/sdk for it.`,
      {
        code: 'AUTH_FAILED',
        status: 401,
        details: [
          'Agent SDK keys go to new Conto({ apiKey }) (import { Conto } from "@conto/sdk"); organization API keys to new ContoAdmin({ orgApiKey }).',
        ],
      },
    )
  }
  assertKeyKind(key, 'org', 'ContoAdmin')
}
