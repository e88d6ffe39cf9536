import * as z from 'zod/mini'
import {
  dateOrTimestampSchema,
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
} from './common.js'

/** Audit logs (§2.12, §4.16): the immutable, SHA-256 hash-chained record of every change. */

export const auditLogActions = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'APPROVE',
  'REJECT',
  'SUSPEND',
  'ACTIVATE',
  'FUND',
  'WITHDRAW',
  'TRANSFER',
  'PAYMENT_EXECUTED',
  'PAYMENT_CONFIRMED',
  'PAYMENT_DENIED',
  'PAYMENT_FAILED',
  'EXTERNAL_PAYMENT_APPROVAL',
  'EXTERNAL_PAYMENT_CONFIRMED',
  'POLICY_VIOLATION',
  'ALERT_CREATED',
  'ALERT_RESOLVED',
  'SETTINGS_CHANGED',
  'PERMISSION_GRANTED',
  'PERMISSION_REVOKED',
  'LOGIN',
  'LOGOUT',
  'AUDIT_LOG_EXPORTED',
] as const
export type AuditLogAction = (typeof auditLogActions)[number]

export const auditLogResources = [
  'agent',
  'wallet',
  'transaction',
  'policy',
  'policy_rule',
  'organization',
  'user',
  'member',
  'api_key',
  'sdk_key',
  'alert',
  'counterparty',
  'relationship',
  'settings',
  'approval_request',
  'approval_workflow',
  'payment_request',
] as const
export type AuditLogResource = (typeof auditLogResources)[number]

/** Who acted: a dashboard user, an org API key, an agent SDK key, or Conto itself. */
export const auditLogActorTypes = ['USER', 'API', 'AGENT', 'SYSTEM'] as const
export type AuditLogActorType = (typeof auditLogActorTypes)[number]

/** Hash-chain data and request details stored with each entry. */
export const auditLogMetadataSchema = z.looseObject({
  /** SHA-256 (hex) over this entry's content and `previousHash`. */
  auditHash: z.string(),
  /** The previous entry's `auditHash`; null for the first entry of the organization. */
  previousHash: z.nullable(z.string()),
  /** Names of the fields that changed (UPDATE). */
  changes: z.optional(z.array(z.string())),
  /** The org API key that made the change (actorType API). */
  apiKeyId: z.optional(z.string()),
})
export type AuditLogMetadata = z.infer<typeof auditLogMetadataSchema>

/** One audit log entry. */
export const auditLogSchema = z.object({
  id: z.string(),
  action: openEnumSchema(auditLogActions),
  resource: openEnumSchema(auditLogResources),
  resourceId: z.nullable(z.string()),
  previousState: z.nullable(z.unknown()),
  newState: z.nullable(z.unknown()),
  actorType: openEnumSchema(auditLogActorTypes),
  /** A user id, an API key id, an agent id, or `system`. */
  actorId: z.string(),
  ipAddress: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  metadata: auditLogMetadataSchema,
  createdAt: isoTimestampSchema,
})
export type AuditLog = z.infer<typeof auditLogSchema>

const auditLogFilters = {
  action: z.optional(enumSchema(auditLogActions, 'action')),
  resource: z.optional(enumSchema(auditLogResources, 'resource')),
  resourceId: z.optional(idSchema),
  actorType: z.optional(enumSchema(auditLogActorTypes, 'actorType')),
  actorId: z.optional(idSchema),
  startDate: z.optional(dateOrTimestampSchema),
  endDate: z.optional(dateOrTimestampSchema),
}

/** `startDate` must not be after `endDate` when both are given. */
const dateRangeIsOrdered = (value: {
  startDate?: string | undefined
  endDate?: string | undefined
}) =>
  value.startDate === undefined ||
  value.endDate === undefined ||
  Date.parse(value.startDate) <= Date.parse(value.endDate)
const dateRangeMessage = { message: 'startDate must not be after endDate', path: ['startDate'] }

/** Query of `GET /api/audit-logs` and `GET /api/sdk/audit-logs`. */
export const listAuditLogsQuerySchema = z
  .extend(paginationQuerySchema, auditLogFilters)
  .check(z.refine(dateRangeIsOrdered, dateRangeMessage))
export type ListAuditLogsQuery = z.input<typeof listAuditLogsQuerySchema>

export const listAuditLogsResponseSchema = listEnvelopeSchema('logs', auditLogSchema)
export type ListAuditLogsResponse = z.infer<typeof listAuditLogsResponseSchema>

export const auditLogExportFormats = ['json', 'csv'] as const
export type AuditLogExportFormat = (typeof auditLogExportFormats)[number]

/** Body of `POST /api/audit-logs/export` (the export itself is logged as `AUDIT_LOG_EXPORTED`). */
export const exportAuditLogsParamsSchema = z
  .object({
    ...auditLogFilters,
    format: z._default(enumSchema(auditLogExportFormats, 'format'), 'json'),
  })
  .check(z.refine(dateRangeIsOrdered, dateRangeMessage))
export type ExportAuditLogsParams = z.input<typeof exportAuditLogsParamsSchema>

/** `json` exports carry the entries; `csv` exports carry the CSV text (header row first). */
export const exportAuditLogsResponseSchema = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('json'),
    count: z.number().check(z.int()),
    data: z.array(auditLogSchema),
    exportedAt: isoTimestampSchema,
  }),
  z.object({
    format: z.literal('csv'),
    count: z.number().check(z.int()),
    data: z.string(),
    exportedAt: isoTimestampSchema,
  }),
])
export type ExportAuditLogsResponse = z.infer<typeof exportAuditLogsResponseSchema>

/** `GET /api/audit-logs/verify`: recomputes the organization's hash chain. */
export const verifyAuditLogsResponseSchema = z.object({
  valid: z.boolean(),
  /** Number of entries checked. */
  checked: z.number().check(z.int()),
  /** The first entry whose hash or link does not match; null when the chain is intact. */
  firstInvalidId: z.nullable(z.string()),
})
export type VerifyAuditLogsResponse = z.infer<typeof verifyAuditLogsResponseSchema>
