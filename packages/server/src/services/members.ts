import {
  type inviteMemberParamsSchema,
  type ListMembersResponse,
  type listMembersQuerySchema,
  type Member,
  type Organization,
  type OrgRole,
  orgRoleRank,
} from '@conto/schemas'
import type { z } from 'zod'
import { toIso } from '../clock.js'
import { findApiKey } from '../db/repositories/api-keys.js'
import * as repo from '../db/repositories/members.js'
import { findOrganization } from '../db/repositories/organizations.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import {
  type Auth,
  actorOf,
  organizationIdOf,
  type RequestInfo,
  type ServiceDeps,
} from '../deps.js'
import { ApiError, notFound } from '../errors.js'
import { createId } from '../ids.js'
import { recordAudit } from './audit-log.js'
import { paginationOf } from './pagination.js'

/**
 * The caller's organization and its team (§2.13, §4.17). Roles rank OWNER > ADMIN > MANAGER >
 * VIEWER > MEMBER; a caller may only grant, change or remove roles strictly below its own, and
 * nobody can invite, promote to, demote or remove the one OWNER. An org API key acts with the
 * role of the member who created it; a key no member created (seeded, or made with another key)
 * acts for the organization itself, with the OWNER's rank.
 */

export type MemberRow = repo.MemberRow

type ListMembersInput = z.output<typeof listMembersQuerySchema>
type InviteMemberInput = z.output<typeof inviteMemberParamsSchema>

export function toMemberResponse(row: MemberRow): Member {
  return {
    id: row.id,
    role: row.role,
    userId: row.userId,
    email: row.email,
    name: row.name,
    createdAt: toIso(row.createdAt),
  }
}

export function retrieveOrganization(deps: ServiceDeps, auth: Auth): Organization {
  const organizationId = organizationIdOf(auth)
  const row = findOrganization(deps.db, organizationId)
  if (!row) throw notFound('Organization', organizationId)
  return { id: row.id, name: row.name, mode: row.mode, createdAt: toIso(row.createdAt) }
}

export function listMembers(
  deps: ServiceDeps,
  auth: Auth,
  query: ListMembersInput,
): ListMembersResponse {
  const { rows, total } = repo.listMembers(deps.db, organizationIdOf(auth), query)
  return {
    members: rows.map(toMemberResponse),
    pagination: paginationOf(total, query, rows.length),
  }
}

export function inviteMember(
  deps: ServiceDeps,
  auth: Auth,
  input: InviteMemberInput,
  request?: RequestInfo,
): Member {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    assertBelowCaller(tx, auth, input.role, `invite a member as ${input.role}`)
    if (repo.findMemberByEmail(tx, organizationId, input.email)) {
      throw new ApiError('CONFLICT', `${input.email} is already a member of this organization`)
    }
    const member = toMemberResponse(
      repo.insertMember(tx, {
        id: createId(),
        organizationId,
        userId: createId(),
        email: input.email,
        name: input.name ?? null,
        role: input.role,
        createdAt: now,
        updatedAt: now,
      }),
    )
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'member',
      resourceId: member.id,
      newState: member,
      actor: actorOf(auth),
      request,
    })
    return member
  })
}

export function updateMember(
  deps: ServiceDeps,
  auth: Auth,
  memberId: string,
  role: OrgRole,
  request?: RequestInfo,
): Member {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = findMemberOrThrow(tx, organizationId, memberId)
    if (before.role === 'OWNER') {
      throw new ApiError('FORBIDDEN', "The OWNER's role cannot be changed")
    }
    assertBelowCaller(tx, auth, before.role, `change the role of a ${before.role}`)
    assertBelowCaller(tx, auth, role, `give the role ${role}`)
    if (before.role === role) return toMemberResponse(before)
    const after = repo.updateMemberRole(tx, organizationId, memberId, role, now)
    if (!after) throw notFound('Member', memberId)
    recordAudit(tx, now, {
      organizationId,
      action: 'UPDATE',
      resource: 'member',
      resourceId: memberId,
      previousState: toMemberResponse(before),
      newState: toMemberResponse(after),
      actor: actorOf(auth),
      request,
    })
    return toMemberResponse(after)
  })
}

export function removeMember(
  deps: ServiceDeps,
  auth: Auth,
  memberId: string,
  request?: RequestInfo,
): { success: true } {
  const organizationId = organizationIdOf(auth)
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const before = findMemberOrThrow(tx, organizationId, memberId)
    if (before.role === 'OWNER') throw new ApiError('FORBIDDEN', 'The OWNER cannot be removed')
    assertBelowCaller(tx, auth, before.role, `remove a ${before.role}`)
    repo.deleteMember(tx, organizationId, memberId)
    recordAudit(tx, now, {
      organizationId,
      action: 'DELETE',
      resource: 'member',
      resourceId: memberId,
      previousState: toMemberResponse(before),
      actor: actorOf(auth),
      request,
    })
    return { success: true as const }
  })
}

// --- helpers --------------------------------------------------------------------------------

function findMemberOrThrow(db: DbLike, organizationId: string, memberId: string): MemberRow {
  const row = repo.findMember(db, organizationId, memberId)
  if (!row) throw notFound('Member', memberId)
  return row
}

/**
 * The rank the caller acts with: the rank of the member who created its key (0 once that member
 * has left), or the OWNER's rank for a key no member created.
 */
export function callerRank(db: DbLike, auth: Auth): number {
  if (auth.kind !== 'org') return 0
  const createdBy = findApiKey(db, auth.organizationId, auth.keyId)?.createdByMemberId ?? null
  if (createdBy === null) return orgRoleRank.OWNER
  const creator = repo.findMember(db, auth.organizationId, createdBy)
  return creator ? rankOf(creator.role) : 0
}

const rankOf = (role: string): number => orgRoleRank[role as OrgRole] ?? 0

function assertBelowCaller(db: DbLike, auth: Auth, role: string, what: string): void {
  if (rankOf(role) >= callerRank(db, auth)) {
    throw new ApiError(
      'FORBIDDEN',
      `This API key cannot ${what}: only roles strictly below the caller's can be managed`,
    )
  }
}
