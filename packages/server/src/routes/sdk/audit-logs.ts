import { listAgentAuditLogs } from '../../services/audit-logs.js'
import { defineHandlers } from '../define-handlers.js'

/** The calling agent's audit view (§2.12): entries it made or about it. */
export const sdkAuditLogHandlers = defineHandlers({
  'sdkAuditLogs.list': ({ query, auth, deps }) => listAgentAuditLogs({ deps, auth }, query),
})
