/**
 * @module @conto/admin
 * `ContoAdmin`, the Conto organization client: agents, wallets, policies and rules,
 * counterparties, API keys, members, transactions, approvals, webhooks, alerts, audit logs,
 * analytics, cards, budget requests, the sandbox and the test clock (`/api/*`). Every method is
 * built from its entry in the `@conto/schemas` endpoint registry; lists return pages you can
 * await or walk with `for await`. Also exports the error classes, `verifyWebhook()` and the
 * parameter and result types of every method.
 *
 * @example
 * ```ts
 * import { ContoAdmin } from '@conto/admin'
 *
 * const admin = new ContoAdmin({ orgApiKey: process.env.CONTO_ORG_API_KEY })
 * for await (const agent of admin.agents.list()) console.log(agent.name, agent.status)
 * ```
 */

export type { CallOptions } from '@conto/client-core'
export {
  APIPromise,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  ContoApiError,
  ContoError,
  type FetchFunction,
  type FetchOptions,
  InternalServerError,
  isContoApiError,
  isContoError,
  type Logger,
  type LogLevel,
  NotFoundError,
  Page,
  type PageParams,
  PagePromise,
  PermissionDeniedError,
  RateLimitError,
  type RequestEvent,
  type ResponseEvent,
  ResponseValidationError,
  type SignedWebhook,
  type SignWebhookForTestOptions,
  signWebhookForTest,
  TimeoutError,
  type ToArrayOptions,
  ValidationError,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeadersInput,
  type WebhookTestPayload,
  WebhookVerificationError,
  type WithResponse,
} from '@conto/client-core'
export type {
  AcknowledgeAlertParams,
  AddPolicyRulesParams,
  AddPolicyRulesResponse,
  AdvanceTestClockParams,
  Agent,
  AgentDetail,
  AgentPolicyAssignment,
  AgentRelationship,
  AgentWalletLink,
  Alert,
  Analytics,
  ApiKey,
  ApprovalActionParams,
  ApprovalActionResponse,
  ApprovalRequest,
  ApprovalWorkflow,
  ApproveApprovalRequestParams,
  ApproveBudgetRequestParams,
  AssignCardParams,
  AssignCardResponse,
  BudgetRequestResponse,
  BulkImportAgentsParams,
  BulkImportAgentsResponse,
  CardPolicyLinkResponse,
  CardResponse,
  Counterparty,
  CounterpartyDetail,
  CreateAgentParams,
  CreateAgentWalletLinkParams,
  CreateApiKeyParams,
  CreateApiKeyResponse,
  CreateApprovalWorkflowParams,
  CreateCardParams,
  CreateCounterpartyParams,
  CreateNotificationChannelParams,
  CreatePolicyParams,
  CreateSandboxParams,
  CreateSandboxResponse,
  CreateSdkKeyParams,
  CreateSdkKeyResponse,
  CreateWalletParams,
  CreateWalletResponse,
  CreateWebhookParams,
  CreateWebhookResponse,
  DecideApprovalRequestResponse,
  ErrorCode,
  ExportAuditLogsParams,
  ExportAuditLogsResponse,
  FreezeAgentParams,
  FreezeAgentResponse,
  FreezeConfigResponse,
  FrozenTestClock,
  FundWalletParams,
  FundWalletResponse,
  HealthResponse,
  InviteMemberParams,
  ListAgentPoliciesQuery,
  ListAgentPoliciesResponse,
  ListAgentRelationshipsQuery,
  ListAgentRelationshipsResponse,
  ListAgentsQuery,
  ListAgentsResponse,
  ListAgentWalletLinksQuery,
  ListAgentWalletLinksResponse,
  ListAlertsQuery,
  ListAlertsResponse,
  ListApiKeysQuery,
  ListApiKeysResponse,
  ListApprovalRequestsQuery,
  ListApprovalRequestsResponse,
  ListApprovalWorkflowsQuery,
  ListApprovalWorkflowsResponse,
  ListAuditLogsQuery,
  ListAuditLogsResponse,
  ListBudgetRequestsQuery,
  ListBudgetRequestsResponse,
  ListCardsQuery,
  ListCardsResponse,
  ListCounterpartiesQuery,
  ListCounterpartiesResponse,
  ListMembersQuery,
  ListMembersResponse,
  ListNotificationChannelsQuery,
  ListNotificationChannelsResponse,
  ListPoliciesQuery,
  ListPoliciesResponse,
  ListPolicyRulesResponse,
  ListSdkKeysQuery,
  ListSdkKeysResponse,
  ListTransactionsQuery,
  ListTransactionsResponse,
  ListWalletsQuery,
  ListWalletsResponse,
  ListWebhookDeliveriesQuery,
  ListWebhookDeliveriesResponse,
  ListWebhooksQuery,
  ListWebhooksResponse,
  Member,
  NotificationChannel,
  OpenApiDocument,
  Organization,
  Pagination,
  Policy,
  RejectApprovalRequestParams,
  RejectBudgetRequestParams,
  ResetTestClockResponse,
  ResolveAlertParams,
  RetrieveAnalyticsQuery,
  RetryTransactionResponse,
  RevokeApiKeyResponse,
  RevokeSdkKeyResponse,
  RotateWebhookSecretResponse,
  Rule,
  RuleInputParams,
  SandboxDescription,
  SdkKey,
  SetCardStateParams,
  SetPolicyRulesParams,
  SetPolicyRulesResponse,
  SuccessResponse,
  TestClock,
  TestNotificationChannelResponse,
  TestWebhookResponse,
  Transaction,
  UnfreezeAgentParams,
  UpdateAgentParams,
  UpdateAgentRelationshipParams,
  UpdateAgentWalletLinkParams,
  UpdateApprovalWorkflowParams,
  UpdateCounterpartyParams,
  UpdateFreezeConfigParams,
  UpdateMemberParams,
  UpdateNotificationChannelParams,
  UpdatePolicyParams,
  UpdateWalletParams,
  UpdateWebhookParams,
  VerifyAuditLogsResponse,
  Wallet,
  Webhook,
  WebhookDelivery,
  WebhookEvent,
  WebhookEventType,
} from '@conto/schemas'
export { ContoAdmin, type ContoAdminOptions } from './client.js'
export type { AgentsResource } from './resources/agents.js'
export type { AlertsResource } from './resources/alerts.js'
export type { AnalyticsResource } from './resources/analytics.js'
export type { ApiKeysResource } from './resources/api-keys.js'
export type { ApprovalRequestsResource } from './resources/approval-requests.js'
export type { ApprovalWorkflowsResource } from './resources/approval-workflows.js'
export type { ApprovalsResource } from './resources/approvals.js'
export type { AuditLogsResource } from './resources/audit-logs.js'
export type { BudgetRequestsResource } from './resources/budget-requests.js'
export type { CardsResource } from './resources/cards.js'
export type { ChannelsResource } from './resources/channels.js'
export type { CounterpartiesResource } from './resources/counterparties.js'
export type { MembersResource } from './resources/members.js'
export type { MetaResource } from './resources/meta.js'
export type { OrganizationResource } from './resources/organization.js'
export type { PoliciesResource } from './resources/policies.js'
export type { SandboxResource } from './resources/sandbox.js'
export type { TeamResource } from './resources/team.js'
export type { TestClockResource } from './resources/test-clock.js'
export type { TransactionsResource } from './resources/transactions.js'
export type { WalletsResource } from './resources/wallets.js'
export type { WebhooksResource } from './resources/webhooks.js'
export { VERSION } from './version.js'
