import {
  exportAuditLogsParamsSchema,
  exportAuditLogsResponseSchema,
  listAuditLogsQuerySchema,
  listAuditLogsResponseSchema,
  verifyAuditLogsResponseSchema,
} from '../audit-log.js'
import { defineEndpoint } from '../endpoint.js'

/** Audit logs (§2.12): the organization's hash-chained change log and the agent's own view. */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  scopes: ['audit:read'],
  tag: 'Audit Logs',
} as const

export const auditLogEndpoints = {
  list: defineEndpoint(org, {
    id: 'auditLogs.list',
    method: 'GET',
    path: '/api/audit-logs',
    query: listAuditLogsQuerySchema,
    response: listAuditLogsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List audit log entries, newest first',
  }),
  export: defineEndpoint(org, {
    id: 'auditLogs.export',
    method: 'POST',
    path: '/api/audit-logs/export',
    body: exportAuditLogsParamsSchema,
    response: exportAuditLogsResponseSchema,
    successStatus: 200,
    errors: ['FORBIDDEN'],
    summary: 'Export audit log entries as JSON or CSV (logged as AUDIT_LOG_EXPORTED)',
  }),
  verify: defineEndpoint(org, {
    id: 'auditLogs.verify',
    method: 'GET',
    path: '/api/audit-logs/verify',
    response: verifyAuditLogsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Verify the hash chain of the organization’s audit log',
  }),
}

export const sdkAuditLogEndpoints = {
  list: defineEndpoint({
    id: 'sdkAuditLogs.list',
    method: 'GET',
    path: '/api/sdk/audit-logs',
    surface: 'sdk',
    keyKinds: ['agent'],
    scopes: ['audit:read'],
    rateLimit: 'sdkRead',
    query: listAuditLogsQuerySchema,
    response: listAuditLogsResponseSchema,
    successStatus: 200,
    errors: [],
    tag: 'SDK Audit Logs',
    summary: 'List audit log entries about the calling agent',
  }),
}
