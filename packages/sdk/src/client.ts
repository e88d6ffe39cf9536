import {
  type APIPromise,
  assertKeyKind,
  type CallOptions,
  callEndpoint,
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
import { type SdkSetupResponse, sdkAgentEndpoints } from '@conto/schemas'
import { A2a } from './resources/a2a.js'
import { CurrentAgent } from './resources/agent.js'
import { Alerts } from './resources/alerts.js'
import { SpendAnalytics } from './resources/analytics.js'
import { ApprovalRequests } from './resources/approval-requests.js'
import { AuditLogs } from './resources/audit-logs.js'
import { Budgets } from './resources/budgets.js'
import { Cards } from './resources/cards.js'
import { Counterparties } from './resources/counterparties.js'
import { Mpp } from './resources/mpp.js'
import { Network } from './resources/network.js'
import { Payments } from './resources/payments.js'
import { Policies } from './resources/policies.js'
import { PolicyExceptions } from './resources/policy-exceptions.js'
import { ServiceSpend } from './resources/service-spend.js'
import { Transactions } from './resources/transactions.js'
import { Wallets } from './resources/wallets.js'
import { X402 } from './resources/x402.js'
import { PACKAGE_ID } from './version.js'

/** Options of {@link Conto}; only the key is needed, and it can come from `CONTO_API_KEY`. */
export interface ContoOptions {
  /** The agent SDK key (`conto_agent_…`); default `CONTO_API_KEY`. Never logged. */
  apiKey?: string | undefined
  /** Default `CONTO_BASE_URL`, else `CONTO_API_URL`, else `https://conto.finance`. */
  baseUrl?: string | undefined
  /** Per-attempt timeout in milliseconds; default 30 000. Can be overridden per call. */
  timeoutMs?: number | undefined
  /**
   * Retries after the first attempt; default 3. Can be overridden per call. Waits 1 s, 2 s, 4 s, …
   * (capped at 10 s, less up to 25 % jitter) unless the server asks for a wait within 0–60 s.
   */
  maxRetries?: number | undefined
  /** The `fetch` to call (tests, proxies, in-process servers); default the global `fetch`. */
  fetch?: FetchFunction | undefined
  /** Extra `fetch` options for every request (for example undici's `dispatcher`). */
  fetchOptions?: FetchOptions | undefined
  /** Headers sent with every request; `null` removes a default header. */
  defaultHeaders?: Record<string, string | null | undefined> | undefined
  /** Where log lines go; default `console`. */
  logger?: Logger | undefined
  /** Default `CONTO_LOG`, else `warn`. Requests and responses are logged at `debug`. */
  logLevel?: LogLevel | undefined
  /** Called before every attempt; the `authorization` header is redacted. */
  onRequest?: ((event: RequestEvent) => void) | undefined
  /** Called when an attempt receives a response, with its status and elapsed time. */
  onResponse?: ((event: ResponseEvent) => void) | undefined
}

/**
 * The Conto client for AI agents: every `/api/sdk/*` endpoint, authenticated with the agent's SDK
 * key. Ask before paying with `payments.request()` (a denial is a result, not an error), execute
 * with `payments.execute()`, or do both with `payments.pay()`.
 *
 * @example
 * ```ts
 * import { Conto } from '@conto/sdk'
 *
 * const conto = new Conto({ apiKey: process.env.CONTO_API_KEY })
 * const result = await conto.payments.request({ amount: 25, recipientAddress, purpose: 'API credits' })
 * switch (result.status) {
 *   case 'APPROVED': await conto.payments.execute(result.requestId); break
 *   case 'DENIED': console.log(result.reasons[0]); break
 *   case 'REQUIRES_APPROVAL': console.log('a human decides', result.approvalRequestId); break
 *   case 'VERIFICATION_REQUIRED': console.log('verify at', result.verification.verifyUrl); break
 * }
 * ```
 * @throws {ContoError} `AUTH_FAILED` when the key is missing or is not an agent SDK key
 *   (an organization key `conto_…` belongs to `ContoAdmin`).
 * @see https://conto.finance/docs/sdk
 */
export class Conto {
  /** Request, execute and follow payments; approve and confirm external-wallet transfers. */
  readonly payments: Payments
  /** The calling agent's profile. */
  readonly agent: CurrentAgent
  /** The agent's wallets with limits, spend and headroom. */
  readonly wallets: Wallets
  /** The policies in effect for the agent. */
  readonly policies: Policies
  /** The agent's requests for exceptions from a policy. */
  readonly policyExceptions: PolicyExceptions
  /** The agent's transactions. */
  readonly transactions: Transactions
  /** The human approvals the agent's payments wait for. */
  readonly approvalRequests: ApprovalRequests
  /** The organization's counterparties. */
  readonly counterparties: Counterparties
  /** Cross-organization trust scores. */
  readonly network: Network
  /** The agent's alerts. */
  readonly alerts: Alerts
  /** The agent's spend analytics. */
  readonly analytics: SpendAnalytics
  /** The audit trail of the agent's actions. */
  readonly auditLogs: AuditLogs
  /** Agent-to-agent payment requests. */
  readonly a2a: A2a
  /** Card payments: approve, then confirm. */
  readonly cards: Cards
  /** x402 pay-per-request payments. */
  readonly x402: X402
  /** Machine Payment Protocol sessions and charges. */
  readonly mpp: Mpp
  /** Spend on x402 and MPP services. */
  readonly serviceSpend: ServiceSpend
  /** Budget requests. */
  readonly budgets: Budgets
  readonly #transport: Transport

  constructor(options: ContoOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('CONTO_API_KEY')
    assertKeyKind(apiKey, 'agent', 'Conto')
    const transport = createTransport({
      apiKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      fetch: options.fetch,
      fetchOptions: options.fetchOptions,
      defaultHeaders: options.defaultHeaders,
      logger: options.logger,
      logLevel: options.logLevel,
      onRequest: options.onRequest,
      onResponse: options.onResponse,
      clientInfo: PACKAGE_ID,
    })
    this.#transport = transport
    this.payments = new Payments(transport)
    this.agent = new CurrentAgent(transport)
    this.wallets = new Wallets(transport)
    this.policies = new Policies(transport)
    this.policyExceptions = new PolicyExceptions(transport)
    this.transactions = new Transactions(transport)
    this.approvalRequests = new ApprovalRequests(transport)
    this.counterparties = new Counterparties(transport)
    this.network = new Network(transport)
    this.alerts = new Alerts(transport)
    this.analytics = new SpendAnalytics(transport)
    this.auditLogs = new AuditLogs(transport)
    this.a2a = new A2a(transport)
    this.cards = new Cards(transport)
    this.x402 = new X402(transport)
    this.mpp = new Mpp(transport)
    this.serviceSpend = new ServiceSpend(transport)
    this.budgets = new Budgets(transport)
  }

  /** The base URL every request goes to. */
  get baseUrl(): string {
    return this.#transport.baseUrl
  }

  /**
   * Checks the key's setup in one call: the agent, its organization, its wallets with limits and
   * spend, the policies in effect and the key's scopes. Works with any valid agent key.
   *
   * @example
   * ```ts
   * const { agent, wallets, scopes } = await conto.setup()
   * if (wallets.length === 0) console.warn('Link a wallet to this agent first')
   * ```
   * @throws {AuthenticationError} `AUTH_FAILED` / `EXPIRED_KEY` for an unknown, revoked or expired key.
   * @see https://conto.finance/docs/sdk/setup
   */
  setup(options: CallOptions = {}): APIPromise<SdkSetupResponse> {
    return callEndpoint(this.#transport, sdkAgentEndpoints.setup, {}, options)
  }
}
