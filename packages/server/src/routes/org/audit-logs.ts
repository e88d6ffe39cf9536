import { exportAuditLogs, listAuditLogs, verifyAuditLogs } from '../../services/audit-logs.js'
import { defineHandlers } from '../define-handlers.js'

/** Audit logs (§2.12): list, export (JSON or CSV), verify the hash chain. */
export const auditLogHandlers = defineHandlers({
  'auditLogs.list': ({ query, auth, deps }) => listAuditLogs({ deps, auth }, query),
  'auditLogs.export': ({ body, auth, deps, request }) =>
    exportAuditLogs({ deps, auth, request }, body),
  'auditLogs.verify': ({ auth, deps }) => verifyAuditLogs({ deps, auth }),
})
