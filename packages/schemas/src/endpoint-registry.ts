import type { HttpMethod } from './endpoint.js'
import { a2aEndpoints } from './endpoints/a2a.js'
import { agentWalletLinkEndpoints } from './endpoints/agent-wallet-links.js'
import { agentEndpoints } from './endpoints/agents.js'
import { alertEndpoints, sdkAlertEndpoints } from './endpoints/alerts.js'
import { analyticsEndpoints, sdkAnalyticsEndpoints } from './endpoints/analytics.js'
import { apiKeyEndpoints } from './endpoints/api-keys.js'
import {
  approvalActionEndpoints,
  approvalRequestEndpoints,
  approvalWorkflowEndpoints,
  channelEndpoints,
  sdkApprovalRequestEndpoints,
} from './endpoints/approvals.js'
import { auditLogEndpoints, sdkAuditLogEndpoints } from './endpoints/audit-logs.js'
import { budgetRequestEndpoints, sdkBudgetRequestEndpoints } from './endpoints/budget-requests.js'
import { cardEndpoints, sdkCardEndpoints } from './endpoints/cards.js'
import { counterpartyEndpoints, sdkCounterpartyEndpoints } from './endpoints/counterparties.js'
import { metaEndpoints } from './endpoints/meta.js'
import { mppEndpoints } from './endpoints/mpp.js'
import { organizationEndpoints } from './endpoints/organization.js'
import { agentPolicyEndpoints, policyEndpoints, sdkPolicyEndpoints } from './endpoints/policies.js'
import { sandboxEndpoints } from './endpoints/sandbox.js'
import { sdkAgentEndpoints } from './endpoints/sdk-agent.js'
import { sdkKeyEndpoints } from './endpoints/sdk-keys.js'
import { sdkPaymentEndpoints } from './endpoints/sdk-payments.js'
import { serviceSpendEndpoints } from './endpoints/service-spend.js'
import { testClockEndpoints } from './endpoints/test-clock.js'
import { sdkTransactionEndpoints, transactionEndpoints } from './endpoints/transactions.js'
import { walletEndpoints } from './endpoints/wallets.js'
import { webhookEndpoints } from './endpoints/webhooks.js'
import { x402Endpoints } from './endpoints/x402.js'

/**
 * The endpoint registry: every endpoint of the Conto API, one entry each. The server mounts its
 * routes from it, the OpenAPI document is generated from it, and the clients are checked against
 * it. Entries live in `endpoints/<group>.ts`; this file only assembles them.
 */

const groups = [
  agentEndpoints,
  agentWalletLinkEndpoints,
  agentPolicyEndpoints,
  sdkKeyEndpoints,
  sandboxEndpoints,
  walletEndpoints,
  policyEndpoints,
  counterpartyEndpoints,
  transactionEndpoints,
  alertEndpoints,
  approvalRequestEndpoints,
  approvalWorkflowEndpoints,
  channelEndpoints,
  approvalActionEndpoints,
  webhookEndpoints,
  auditLogEndpoints,
  analyticsEndpoints,
  organizationEndpoints,
  apiKeyEndpoints,
  cardEndpoints,
  budgetRequestEndpoints,
  testClockEndpoints,
  metaEndpoints,
  sdkAgentEndpoints,
  sdkPaymentEndpoints,
  sdkTransactionEndpoints,
  sdkPolicyEndpoints,
  sdkCounterpartyEndpoints,
  sdkAlertEndpoints,
  sdkAnalyticsEndpoints,
  sdkAuditLogEndpoints,
  sdkApprovalRequestEndpoints,
  a2aEndpoints,
  sdkCardEndpoints,
  x402Endpoints,
  mppEndpoints,
  serviceSpendEndpoints,
  sdkBudgetRequestEndpoints,
] as const

type ValuesOf<T> = T extends unknown ? T[keyof T] : never

/** Any entry of the registry, with its precise schema types. */
export type RegisteredEndpoint = ValuesOf<(typeof groups)[number]>

/** Every endpoint as a flat list, in registry order. */
export const endpointList: readonly RegisteredEndpoint[] = groups.flatMap(
  (group) => Object.values(group) as RegisteredEndpoint[],
)

type GroupOf<TId> = TId extends `${infer TGroup}.${string}` ? TGroup : never
type ActionOf<TId> = TId extends `${string}.${infer TAction}` ? TAction : never

/** The registry as a tree keyed by id: `endpoints.payments.request`, `endpoints.agents.list`. */
export type EndpointTree = {
  [TGroup in GroupOf<RegisteredEndpoint['id']>]: {
    [TEndpoint in RegisteredEndpoint as GroupOf<TEndpoint['id']> extends TGroup
      ? ActionOf<TEndpoint['id']>
      : never]: TEndpoint
  }
}

function buildTree(list: readonly RegisteredEndpoint[]): EndpointTree {
  const tree: Record<string, Record<string, RegisteredEndpoint>> = {}
  for (const endpoint of list) {
    const [group = '', action = ''] = endpoint.id.split('.')
    tree[group] ??= {}
    tree[group][action] = endpoint
  }
  return tree as EndpointTree
}

/** Every endpoint, by id: `endpoints.agents.list`, `endpoints.payments.request`, … */
export const endpoints: EndpointTree = buildTree(endpointList)

/** Looks an endpoint up by its id (`agents.list`). */
export function getEndpoint(id: RegisteredEndpoint['id']): RegisteredEndpoint
export function getEndpoint(id: string): RegisteredEndpoint | undefined
export function getEndpoint(id: string): RegisteredEndpoint | undefined {
  return endpointList.find((endpoint) => endpoint.id === id)
}

interface CompiledPath {
  readonly endpoint: RegisteredEndpoint
  readonly pattern: RegExp
  readonly literalSegments: number
}

const compiledPaths: readonly CompiledPath[] = endpointList.map((endpoint) => ({
  endpoint,
  pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  literalSegments: endpoint.path.split('/').filter((segment) => !segment.startsWith('{')).length,
}))

/**
 * The endpoint serving `method` + a concrete `path` (`/api/agents/abc`). Literal segments win
 * over placeholders, so `/api/agents/sandbox` is the sandbox, not an agent id.
 */
export function findEndpoint(method: string, path: string): RegisteredEndpoint | undefined {
  let best: CompiledPath | undefined
  for (const candidate of compiledPaths) {
    if (candidate.endpoint.method !== method || !candidate.pattern.test(path)) continue
    if (!best || candidate.literalSegments > best.literalSegments) best = candidate
  }
  return best?.endpoint
}

/** The methods a concrete path is served with (for 405 answers and `Allow` headers). */
export function methodsForPath(path: string): HttpMethod[] {
  return compiledPaths
    .filter((candidate) => candidate.pattern.test(path))
    .map((candidate) => candidate.endpoint.method)
}
