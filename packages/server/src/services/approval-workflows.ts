import type { ApprovalWorkflowInput, ApprovalWorkflowTriggers } from '@conto/policy'
import {
  type ApprovalTriggerConditions,
  type ApprovalWorkflow,
  type approvalTriggerConditionsParamsSchema,
  type createApprovalWorkflowParamsSchema,
  fromMicros,
  type ListApprovalWorkflowsResponse,
  type listApprovalWorkflowsQuerySchema,
  type SuccessResponse,
  toMicros,
  type updateApprovalWorkflowParamsSchema,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import * as repo from '../db/repositories/approval-workflows.js'
import { type DbLike, inTransaction, type Tx } from '../db/transaction.js'
import { actorOf, organizationIdOf, type ServiceCall } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/**
 * Approval workflows (§2.10, §5.1): which payments need a human, how many approvals and from
 * whom, and how long a request may wait. Payment decisions read the active ones through
 * `activeWorkflowsOf`; the evaluator picks the first match by priority.
 *
 * Storage: the trigger conditions are kept normalised (every key present, the threshold as a
 * wire amount, 6 decimals at most) in the `trigger_conditions` JSON column — the shape the
 * payment engine reads — which also carries the workflow's `description` because the table has
 * no column of its own for it.
 */

export type { ApprovalWorkflowRow } from '../db/repositories/approval-workflows.js'

type ListQuery = z.output<typeof listApprovalWorkflowsQuerySchema>
type CreateInput = z.output<typeof createApprovalWorkflowParamsSchema>
type UpdateInput = z.output<typeof updateApprovalWorkflowParamsSchema>
type TriggersInput = z.output<typeof approvalTriggerConditionsParamsSchema>

/** The stored form of a workflow's trigger conditions. */
interface StoredTriggers {
  /** Wire amount (stablecoin units); compared in micro-units by the evaluator. */
  readonly amountThreshold: number | null
  readonly currency: string | null
  readonly categories: readonly string[]
  readonly agentIds: readonly string[]
  readonly agentTypes: readonly string[]
  readonly newRecipients: boolean
  readonly counterpartyTrustLevel: string | null
  readonly description: string | null
}

/**
 * An active workflow as the evaluator takes it (`ApprovalWorkflowInput`), plus what the payment
 * engine needs when it opens an approval request for it.
 */
export interface ActiveApprovalWorkflow extends ApprovalWorkflowInput {
  readonly requiredApprovals: number
  readonly timeoutHours: number
}

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []
const asStringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** Reads the JSON column defensively (rows written by older code may lack keys). */
function storedTriggersOf(row: repo.ApprovalWorkflowRow): StoredTriggers {
  const raw = row.triggerConditions
  const threshold = raw['amountThreshold']
  return {
    amountThreshold:
      typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0
        ? fromMicros(toMicros(threshold))
        : null,
    currency: asStringOrNull(raw['currency']),
    categories: asStrings(raw['categories']),
    agentIds: asStrings(raw['agentIds']),
    agentTypes: asStrings(raw['agentTypes']),
    newRecipients: raw['newRecipients'] === true,
    counterpartyTrustLevel: asStringOrNull(raw['counterpartyTrustLevel']),
    description: asStringOrNull(raw['description']),
  }
}

function storeTriggers(triggers: TriggersInput, description: string | null): StoredTriggers {
  return {
    amountThreshold:
      triggers.amountThreshold === undefined
        ? null
        : fromMicros(toMicros(triggers.amountThreshold)),
    currency: triggers.currency ?? null,
    categories: triggers.categories ?? [],
    agentIds: triggers.agentIds ?? [],
    agentTypes: triggers.agentTypes ?? [],
    newRecipients: triggers.newRecipients ?? false,
    counterpartyTrustLevel: triggers.counterpartyTrustLevel ?? null,
    description,
  }
}

function toTriggerConditionsResponse(stored: StoredTriggers): ApprovalTriggerConditions {
  return {
    amountThreshold: stored.amountThreshold,
    currency: stored.currency,
    categories: [...stored.categories],
    agentIds: [...stored.agentIds],
    agentTypes: [...stored.agentTypes],
    newRecipients: stored.newRecipients,
    counterpartyTrustLevel: stored.counterpartyTrustLevel,
  }
}

/** A workflow row as the API returns it. */
export function toApprovalWorkflowResponse(row: repo.ApprovalWorkflowRow): ApprovalWorkflow {
  const stored = storedTriggersOf(row)
  return {
    id: row.id,
    name: row.name,
    description: stored.description,
    priority: row.priority,
    isActive: row.isActive,
    triggerConditions: toTriggerConditionsResponse(stored),
    requiredApprovals: row.requiredApprovals,
    timeoutHours: row.timeoutHours,
    allowSelfApproval: row.allowSelfApproval,
    approverRoles: [...row.approverRoles],
    specificApprovers: [...row.specificApprovers],
    sequentialApproval: row.sequentialApproval,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  }
}

/** The evaluator's triggers: only the conditions that restrict anything. */
function toPolicyTriggers(stored: StoredTriggers): ApprovalWorkflowTriggers {
  return {
    ...(stored.amountThreshold === null ? {} : { amountThreshold: stored.amountThreshold }),
    ...(stored.currency === null ? {} : { currency: stored.currency }),
    ...(stored.categories.length === 0 ? {} : { categories: stored.categories }),
    ...(stored.agentIds.length === 0 ? {} : { agentIds: stored.agentIds }),
    ...(stored.agentTypes.length === 0 ? {} : { agentTypes: stored.agentTypes }),
    ...(stored.newRecipients ? { newRecipients: true } : {}),
    ...(stored.counterpartyTrustLevel === null
      ? {}
      : { counterpartyTrustLevel: stored.counterpartyTrustLevel }),
  }
}

/** A workflow row in the evaluator's shape, with its approval settings. */
export function toActiveApprovalWorkflow(row: repo.ApprovalWorkflowRow): ActiveApprovalWorkflow {
  return {
    id: row.id,
    name: row.name,
    priority: row.priority,
    isActive: row.isActive,
    createdAt: row.createdAt,
    triggerConditions: toPolicyTriggers(storedTriggersOf(row)),
    requiredApprovals: row.requiredApprovals,
    timeoutHours: row.timeoutHours,
  }
}

/**
 * The organization's active approval workflows, in matching order (priority descending, then
 * oldest first), in the shape `@conto/policy` takes as `approvalWorkflows`. Works inside a
 * transaction (pass the `tx`).
 */
export function activeWorkflowsOf(db: DbLike, organizationId: string): ActiveApprovalWorkflow[] {
  return repo.listActiveApprovalWorkflows(db, organizationId).map(toActiveApprovalWorkflow)
}

/** One workflow of the organization, or undefined (approval requests read their workflow). */
export function findWorkflowOf(
  db: DbLike,
  organizationId: string,
  workflowId: string,
): repo.ApprovalWorkflowRow | undefined {
  return repo.findApprovalWorkflow(db, organizationId, workflowId)
}

function audit(
  call: ServiceCall,
  tx: Tx,
  action: 'CREATE' | 'UPDATE' | 'DELETE',
  workflowId: string,
  before: repo.ApprovalWorkflowRow | undefined,
  after: repo.ApprovalWorkflowRow | undefined,
): void {
  recordAudit(tx, call.deps.clock.now(), {
    organizationId: organizationIdOf(call.auth),
    action,
    resource: 'approval_workflow',
    resourceId: workflowId,
    previousState: before ? toApprovalWorkflowResponse(before) : null,
    newState: after ? toApprovalWorkflowResponse(after) : null,
    actor: actorOf(call.auth),
    request: call.request,
  })
}

function checkNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): void {
  const existing = repo.findApprovalWorkflowByName(tx, organizationId, name, exceptId)
  if (existing) {
    throw new ApiError(
      'CONFLICT',
      `An approval workflow named "${name}" already exists in this organization`,
      { workflowId: existing.id },
    )
  }
}

function requireWorkflow(
  db: DbLike,
  organizationId: string,
  workflowId: string,
): repo.ApprovalWorkflowRow {
  const row = repo.findApprovalWorkflow(db, organizationId, workflowId)
  if (!row) throw notFound('Approval workflow', workflowId)
  return row
}

export function listApprovalWorkflows(
  call: ServiceCall,
  query: ListQuery,
): ListApprovalWorkflowsResponse {
  const { rows, total } = repo.listApprovalWorkflows(
    call.deps.db,
    organizationIdOf(call.auth),
    { isActive: query.isActive },
    { limit: query.limit, offset: query.offset },
  )
  return {
    workflows: rows.map(toApprovalWorkflowResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function retrieveApprovalWorkflow(call: ServiceCall, workflowId: string): ApprovalWorkflow {
  return toApprovalWorkflowResponse(
    requireWorkflow(call.deps.db, organizationIdOf(call.auth), workflowId),
  )
}

export function createApprovalWorkflow(call: ServiceCall, input: CreateInput): ApprovalWorkflow {
  const organizationId = organizationIdOf(call.auth)
  const now = call.deps.clock.now()
  const row = inTransaction(call.deps.db, (tx) => {
    checkNameFree(tx, organizationId, input.name)
    const created = repo.insertApprovalWorkflow(tx, {
      id: createId(),
      organizationId,
      name: input.name,
      priority: input.priority,
      isActive: input.isActive,
      triggerConditions: {
        ...storeTriggers(input.triggerConditions, input.description ?? null),
      },
      requiredApprovals: input.requiredApprovals,
      timeoutHours: input.timeoutHours,
      allowSelfApproval: input.allowSelfApproval,
      approverRoles: [...new Set(input.approverRoles)],
      specificApprovers: input.specificApprovers,
      sequentialApproval: input.sequentialApproval,
      createdAt: now,
      updatedAt: now,
    })
    audit(call, tx, 'CREATE', created.id, undefined, created)
    return created
  })
  return toApprovalWorkflowResponse(row)
}

export function updateApprovalWorkflow(
  call: ServiceCall,
  workflowId: string,
  input: UpdateInput,
): ApprovalWorkflow {
  const organizationId = organizationIdOf(call.auth)
  const now = call.deps.clock.now()
  const row = inTransaction(call.deps.db, (tx) => {
    const before = requireWorkflow(tx, organizationId, workflowId)
    if (input.name !== undefined) checkNameFree(tx, organizationId, input.name, workflowId)
    const stored = storedTriggersOf(before)
    const description = input.description === undefined ? stored.description : input.description
    const triggers: StoredTriggers =
      input.triggerConditions === undefined
        ? { ...stored, description }
        : storeTriggers(input.triggerConditions, description)
    const after = repo.updateApprovalWorkflow(tx, organizationId, workflowId, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.priority === undefined ? {} : { priority: input.priority }),
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
      ...(input.requiredApprovals === undefined
        ? {}
        : { requiredApprovals: input.requiredApprovals }),
      ...(input.timeoutHours === undefined ? {} : { timeoutHours: input.timeoutHours }),
      ...(input.allowSelfApproval === undefined
        ? {}
        : { allowSelfApproval: input.allowSelfApproval }),
      ...(input.approverRoles === undefined
        ? {}
        : { approverRoles: [...new Set(input.approverRoles)] }),
      ...(input.specificApprovers === undefined
        ? {}
        : { specificApprovers: input.specificApprovers }),
      ...(input.sequentialApproval === undefined
        ? {}
        : { sequentialApproval: input.sequentialApproval }),
      triggerConditions: { ...triggers },
      updatedAt: now,
    })
    if (!after) throw notFound('Approval workflow', workflowId)
    audit(call, tx, 'UPDATE', workflowId, before, after)
    return after
  })
  return toApprovalWorkflowResponse(row)
}

/**
 * Deletes a workflow. Pending approval requests it opened keep their `requiredApprovals` (stored
 * on the request) and can still be decided.
 */
export function deleteApprovalWorkflow(call: ServiceCall, workflowId: string): SuccessResponse {
  const organizationId = organizationIdOf(call.auth)
  inTransaction(call.deps.db, (tx) => {
    const before = requireWorkflow(tx, organizationId, workflowId)
    repo.deleteApprovalWorkflow(tx, organizationId, workflowId)
    audit(call, tx, 'DELETE', workflowId, before, undefined)
  })
  return { success: true, message: 'Approval workflow deleted' }
}
