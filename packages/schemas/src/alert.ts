import * as z from 'zod/mini'
import {
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  queryBooleanSchema,
} from './common.js'

/** Alerts (§2.9, §4.14): spend warnings, anomalies and freezes raised for an organization. */

/** Severities as stored and returned. */
export const alertSeverities = ['INFO', 'WARNING', 'CRITICAL'] as const
export type AlertSeverity = (typeof alertSeverities)[number]

/** Filter spellings of other tools (assistant: CRITICAL/HIGH/MEDIUM/LOW) and what they mean. */
export const alertSeverityAliases = {
  HIGH: 'CRITICAL',
  MEDIUM: 'WARNING',
  LOW: 'INFO',
} as const satisfies Record<string, AlertSeverity>

/** Every value the `severity` filter accepts. */
export const alertSeverityFilterValues = [
  'INFO',
  'WARNING',
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
] as const
export type AlertSeverityFilter = (typeof alertSeverityFilterValues)[number]

/** The `severity` filter: any stored severity or alias, normalised to the stored severity. */
export const alertSeverityFilterSchema = z.pipe(
  enumSchema(alertSeverityFilterValues, 'severity'),
  z.transform(
    (value): AlertSeverity =>
      value === 'HIGH' || value === 'MEDIUM' || value === 'LOW'
        ? alertSeverityAliases[value]
        : value,
  ),
)

export const alertStatuses = ['ACTIVE', 'ACKNOWLEDGED', 'RESOLVED'] as const
export type AlertStatus = (typeof alertStatuses)[number]
export const alertStatusSchema = enumSchema(alertStatuses, 'status')

export const alertTypes = [
  'SPEND_LIMIT_WARNING',
  'SPEND_LIMIT_EXCEEDED',
  'UNUSUAL_ACTIVITY',
  'FAILED_TRANSACTION',
  'POLICY_VIOLATION',
  'AUTO_FREEZE',
  'LOW_BALANCE',
  'X402_PRICE_SPIKE',
  'X402_HIGH_FREQUENCY',
  'X402_NEW_SERVICE',
  'X402_BUDGET_BURN',
  'X402_DUPLICATE_PAYMENT',
  'X402_FAILED_STREAK',
  'MPP_PRICE_SPIKE',
  'MPP_HIGH_FREQUENCY',
  'MPP_NEW_SERVICE',
  'MPP_BUDGET_BURN',
  'MPP_DUPLICATE_PAYMENT',
  'MPP_FAILED_STREAK',
] as const
export type AlertType = (typeof alertTypes)[number]
export const alertTypeSchema = enumSchema(alertTypes, 'type')

/** Type-specific details; spend alerts carry the four documented numbers. */
export const alertMetadataSchema = z.looseObject({
  currentSpend: z.optional(z.number()),
  limit: z.optional(z.nullable(z.number())),
  percentage: z.optional(z.number()),
  remainingBudget: z.optional(z.nullable(z.number())),
})
export type AlertMetadata = z.infer<typeof alertMetadataSchema>

const namedRefSchema = z.object({ id: z.string(), name: z.string() })

/** An alert as the API returns it. */
export const alertSchema = z.object({
  id: z.string(),
  type: openEnumSchema(alertTypes),
  severity: openEnumSchema(alertSeverities),
  status: openEnumSchema(alertStatuses),
  title: z.string(),
  message: z.string(),
  agent: z.nullable(namedRefSchema),
  wallet: z.nullable(namedRefSchema),
  metadata: alertMetadataSchema,
  /** The note given with the latest acknowledge or resolve. */
  note: z.optional(z.nullable(z.string())),
  acknowledgedAt: z.nullable(isoTimestampSchema),
  acknowledgedBy: z.nullable(z.string()),
  resolvedAt: z.nullable(isoTimestampSchema),
  resolvedBy: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
})
export type Alert = z.infer<typeof alertSchema>

const alertFilters = {
  status: z.optional(alertStatusSchema),
  severity: z.optional(alertSeverityFilterSchema),
  type: z.optional(alertTypeSchema),
}

/** Query of `GET /api/alerts`. */
export const listAlertsQuerySchema = z.extend(paginationQuerySchema, {
  ...alertFilters,
  agentId: z.optional(idSchema),
})
export type ListAlertsQuery = z.input<typeof listAlertsQuerySchema>

/** Query of `GET /api/sdk/alerts` (the agent's own alerts); `unread=true` = not yet acknowledged. */
export const listSdkAlertsQuerySchema = z.extend(paginationQuerySchema, {
  ...alertFilters,
  unread: z.optional(queryBooleanSchema),
})
export type ListSdkAlertsQuery = z.input<typeof listSdkAlertsQuerySchema>

export const listAlertsResponseSchema = listEnvelopeSchema('alerts', alertSchema)
export type ListAlertsResponse = z.infer<typeof listAlertsResponseSchema>

const alertNoteSchema = z.string().check(z.maxLength(500, 'note must be at most 500 characters'))

/** Body of `POST /api/alerts/{alertId}/acknowledge` (and the SDK twin). */
export const acknowledgeAlertParamsSchema = z.object({ note: z.optional(alertNoteSchema) })
export type AcknowledgeAlertParams = z.input<typeof acknowledgeAlertParamsSchema>

/** Body of `POST /api/alerts/{alertId}/resolve`. */
export const resolveAlertParamsSchema = z.object({ note: z.optional(alertNoteSchema) })
export type ResolveAlertParams = z.input<typeof resolveAlertParamsSchema>

/** Path parameters `{alertId}`. */
export const alertIdParamsSchema = z.object({ alertId: idSchema })
