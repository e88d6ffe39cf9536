import type { Handlers } from './define-handlers.js'
import { agentPolicyHandlers } from './org/agent-policies.js'
import { agentWalletLinkHandlers } from './org/agent-wallet-links.js'
import { agentHandlers } from './org/agents.js'
import { alertHandlers } from './org/alerts.js'
import { apiKeyHandlers } from './org/api-keys.js'
import { approvalActionHandlers } from './org/approval-actions.js'
import { approvalRequestHandlers } from './org/approval-requests.js'
import { approvalWorkflowHandlers } from './org/approval-workflows.js'
import { auditLogHandlers } from './org/audit-logs.js'
import { channelHandlers } from './org/channels.js'
import { counterpartyHandlers } from './org/counterparties.js'
import { metaHandlers } from './org/meta.js'
import { organizationHandlers } from './org/organization.js'
import { policyHandlers } from './org/policies.js'
import { sandboxHandlers } from './org/sandbox.js'
import { sdkKeyHandlers } from './org/sdk-keys.js'
import { testClockHandlers } from './org/test-clock.js'
import { transactionHandlers } from './org/transactions.js'
import { walletHandlers } from './org/wallets.js'
import { webhookHandlers } from './org/webhooks.js'
import { sdkAgentHandlers } from './sdk/agent.js'
import { sdkAlertHandlers } from './sdk/alerts.js'
import { sdkApprovalRequestHandlers } from './sdk/approval-requests.js'
import { sdkAuditLogHandlers } from './sdk/audit-logs.js'
import { sdkCounterpartyHandlers } from './sdk/counterparties.js'
import { sdkPaymentHandlers } from './sdk/payments.js'
import { sdkPolicyHandlers } from './sdk/policies.js'
import { sdkTransactionHandlers } from './sdk/transactions.js'

/** Every route handler, by endpoint id; one module per resource under `org/` and `sdk/`. */
export const handlers: Handlers = {
  ...metaHandlers,
  ...agentHandlers,
  ...agentWalletLinkHandlers,
  ...agentPolicyHandlers,
  ...sdkKeyHandlers,
  ...walletHandlers,
  ...counterpartyHandlers,
  ...policyHandlers,
  ...organizationHandlers,
  ...apiKeyHandlers,
  ...testClockHandlers,
  ...sandboxHandlers,
  ...sdkAgentHandlers,
  ...sdkPolicyHandlers,
  ...sdkCounterpartyHandlers,
  ...sdkPaymentHandlers,
  ...sdkTransactionHandlers,
  ...transactionHandlers,
  ...approvalRequestHandlers,
  ...sdkApprovalRequestHandlers,
  ...approvalWorkflowHandlers,
  ...channelHandlers,
  ...approvalActionHandlers,
  ...webhookHandlers,
  ...alertHandlers,
  ...sdkAlertHandlers,
  ...auditLogHandlers,
  ...sdkAuditLogHandlers,
}
