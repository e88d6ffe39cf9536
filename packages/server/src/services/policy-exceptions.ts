import {
  type createPolicyExceptionParamsSchema,
  fromMicros,
  type ListPolicyExceptionsResponse,
  type listPolicyExceptionsQuerySchema,
  type PolicyException,
  toMicros,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso, toIsoOrNull } from '../clock.js'
import { findPolicy, findRule } from '../db/repositories/policies.js'
import {
  insertPolicyException,
  listPolicyExceptionsOfAgent,
  type PolicyExceptionRow,
} from '../db/repositories/policy-exceptions.js'
import { inTransaction } from '../db/transaction.js'
import { type Auth, actorOf, agentOf, type RequestInfo, type ServiceDeps } from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/**
 * Policy exceptions (§2.17): an agent asks to be excused from a policy or one of its rules; the
 * request is recorded PENDING for a human to review and shows in the audit trail.
 */
export function toPolicyExceptionResponse(row: PolicyExceptionRow): PolicyException {
  return {
    id: row.id,
    agentId: row.agentId,
    policyId: row.policyId,
    ruleId: row.ruleId,
    reason: row.reason,
    amount: row.amountMicros === null ? null : fromMicros(row.amountMicros),
    status: row.status,
    expiresAt: toIsoOrNull(row.expiresAt),
    createdAt: toIso(row.createdAt),
  }
}

export function listPolicyExceptions(
  deps: ServiceDeps,
  auth: Auth,
  query: z.output<typeof listPolicyExceptionsQuerySchema>,
): ListPolicyExceptionsResponse {
  const { organizationId, agentId } = agentOf(auth)
  const { rows, total } = listPolicyExceptionsOfAgent(deps.db, organizationId, agentId, {
    status: query.status,
    policyId: query.policyId,
    limit: query.limit,
    offset: query.offset,
  })
  return {
    exceptions: rows.map(toPolicyExceptionResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function createPolicyException(
  deps: ServiceDeps,
  auth: Auth,
  input: z.output<typeof createPolicyExceptionParamsSchema>,
  request: RequestInfo,
): PolicyException {
  const { organizationId, agentId } = agentOf(auth)
  const now = deps.clock.now()
  if (input.ruleId !== undefined && input.policyId === undefined) {
    throw new ApiError('VALIDATION_ERROR', 'ruleId needs the policyId of its policy', {
      issues: [{ path: ['policyId'], message: 'policyId is required with ruleId' }],
    })
  }
  const expiresAt = input.expiresAt === undefined ? null : Date.parse(input.expiresAt)
  if (expiresAt !== null && expiresAt <= now) {
    throw new ApiError('VALIDATION_ERROR', 'expiresAt must be in the future', {
      issues: [{ path: ['expiresAt'], message: 'expiresAt must be in the future' }],
    })
  }
  return inTransaction(deps.db, (tx) => {
    if (input.policyId !== undefined && !findPolicy(tx, organizationId, input.policyId)) {
      throw notFound('Policy', input.policyId)
    }
    if (
      input.policyId !== undefined &&
      input.ruleId !== undefined &&
      !findRule(tx, input.policyId, input.ruleId)
    ) {
      throw notFound('Rule', input.ruleId)
    }
    const row: PolicyExceptionRow = {
      id: createId(),
      organizationId,
      agentId,
      policyId: input.policyId ?? null,
      ruleId: input.ruleId ?? null,
      reason: input.reason,
      amountMicros: input.amount === undefined ? null : toMicros(input.amount),
      status: 'PENDING',
      expiresAt,
      decidedAt: null,
      createdAt: now,
    }
    insertPolicyException(tx, row)
    const response = toPolicyExceptionResponse(row)
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'policy',
      resourceId: input.policyId ?? null,
      newState: response,
      actor: actorOf(auth),
      request,
      metadata: { policyExceptionId: row.id },
    })
    return response
  })
}
