/**
 * @module @conto/sdk
 * Conto for AI agents: ask before you pay. `Conto` covers every `/api/sdk/*` endpoint (payment
 * requests and execution, external wallets, x402, MPP, A2A, cards, and the agent's wallets,
 * policies, transactions and alerts). The package also re-exports the error classes, the webhook
 * helpers and the wire types, and `ContoAdmin` for the organization API.
 *
 * @example
 * ```ts
 * import { Conto } from '@conto/sdk'
 *
 * const conto = new Conto() // reads CONTO_API_KEY
 * const result = await conto.payments.request({ amount: 10, recipientAddress })
 * if (result.status === 'APPROVED') await conto.payments.execute(result.requestId)
 * ```
 */
export { ContoAdmin, type ContoAdminOptions } from '@conto/admin'
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
  type WebhookVerificationFailure,
  type WithResponse,
} from '@conto/client-core'
export type {
  A2aRequest,
  A2aRequestResponse,
  A2aStatsResponse,
  AcknowledgeAlertParams,
  Alert,
  Analytics,
  ApproveA2aRequestParams,
  ApprovedPaymentRequestResult,
  ApproveExternalPaymentParams,
  ApproveExternalPaymentResult,
  AuditLog,
  BudgetRequest,
  BudgetRequestResponse,
  CardApproveParams,
  CardApproveResult,
  CardConfirmParams,
  CardConfirmResult,
  ConfirmExternalPaymentParams,
  ConfirmExternalPaymentResult,
  Counterparty,
  CounterpartyDetail,
  CreateA2aRequestParams,
  CreateA2aRequestResponse,
  CreateBudgetRequestParams,
  CreateCounterpartyParams,
  CreatePolicyExceptionParams,
  DeniedPaymentRequestResult,
  ErrorCode,
  ExecuteA2aRequestResponse,
  ExecutePaymentResult,
  GetBudgetRequestsQuery,
  GetBudgetRequestsResponse,
  ListA2aRequestsQuery,
  ListAlertsResponse,
  ListAuditLogsQuery,
  ListCounterpartiesQuery,
  ListPolicyExceptionsQuery,
  ListSdkAlertsQuery,
  ListSdkApprovalRequestsQuery,
  ListSdkPoliciesQuery,
  ListSdkTransactionsQuery,
  ListSdkWalletsQuery,
  MppBudgetQuery,
  MppBudgetResponse,
  MppPreAuthorizeParams,
  MppPreAuthorizeResult,
  MppRecordParams,
  MppRecordResponse,
  MppServicesResponse,
  NetworkTrust,
  Pagination,
  PaymentExecution,
  PaymentRequestResult,
  PaymentRequestStatus,
  PaymentStatusResult,
  Policy,
  PolicyException,
  RejectA2aRequestParams,
  RequestPaymentParams,
  RequiresApprovalPaymentRequestResult,
  ResolveA2aAgentParams,
  ResolveA2aAgentResponse,
  RetrieveSdkAnalyticsQuery,
  SdkAgentProfile,
  SdkApprovalRequest,
  SdkSetupResponse,
  SdkWallet,
  ServiceSpendQuery,
  ServiceSpendServicesResponse,
  ServiceSpendSummaryResponse,
  Transaction,
  VerificationRequiredPaymentRequestResult,
  Violation,
  WebhookEvent,
  X402BudgetQuery,
  X402BudgetResponse,
  X402PreAuthorizeParams,
  X402PreAuthorizeResult,
  X402RecordBatchParams,
  X402RecordPaymentParams,
  X402RecordResponse,
  X402ServicesResponse,
} from '@conto/schemas'
export { Conto, type ContoOptions } from './client.js'
export {
  ApprovalRequiredError,
  PaymentDeniedError,
  VerificationRequiredError,
} from './payment-errors.js'
export type { A2a } from './resources/a2a.js'
export type { CurrentAgent } from './resources/agent.js'
export type { Alerts } from './resources/alerts.js'
export type { SpendAnalytics } from './resources/analytics.js'
export type { ApprovalRequests } from './resources/approval-requests.js'
export type { AuditLogs } from './resources/audit-logs.js'
export type { Budgets } from './resources/budgets.js'
export type { Cards } from './resources/cards.js'
export type { Counterparties } from './resources/counterparties.js'
export type { Mpp } from './resources/mpp.js'
export type { Network } from './resources/network.js'
export type { Payments } from './resources/payments.js'
export type { Policies } from './resources/policies.js'
export type { PolicyExceptions } from './resources/policy-exceptions.js'
export type { ServiceSpend } from './resources/service-spend.js'
export type { Transactions } from './resources/transactions.js'
export type { Wallets } from './resources/wallets.js'
export type { X402 } from './resources/x402.js'
export { VERSION } from './version.js'
