import * as z from 'zod/mini'
import {
  enumSchema,
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  successResponseSchema,
} from './common.js'
import { defaults } from './defaults.js'

/**
 * The organization and its team (§2.13, §4.17, seed 002 "Org roles"). Role hierarchy:
 * OWNER > ADMIN > MANAGER > VIEWER > MEMBER; one OWNER per organization.
 */

/** Org roles in the seed's order. New members default to MEMBER. */
export const orgRoles = ['OWNER', 'ADMIN', 'MANAGER', 'MEMBER', 'VIEWER'] as const
export type OrgRole = (typeof orgRoles)[number]
export const orgRoleSchema = enumSchema(orgRoles, 'role')

/** Roles that can be given by invitation or role change (ownership is never granted this way). */
export const assignableOrgRoles = ['ADMIN', 'MANAGER', 'MEMBER', 'VIEWER'] as const
export type AssignableOrgRole = (typeof assignableOrgRoles)[number]
export const assignableOrgRoleSchema = enumSchema(assignableOrgRoles, 'role')

/** Rank of each role, highest first (§4.17): a member may only manage roles strictly below theirs. */
export const orgRoleRank = {
  OWNER: 5,
  ADMIN: 4,
  MANAGER: 3,
  VIEWER: 2,
  MEMBER: 1,
} as const satisfies Record<OrgRole, number>

/** `test` simulates settlement and enables test endpoints; `live` moves real money. */
export const organizationModes = ['test', 'live'] as const
export type OrganizationMode = (typeof organizationModes)[number]

/** `GET /api/organizations/me`: the organization the key belongs to. */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: openEnumSchema(organizationModes),
  createdAt: isoTimestampSchema,
})
export type Organization = z.infer<typeof organizationSchema>

/** A membership of a user in the organization. `id` is the membership id. */
export const memberSchema = z.object({
  id: z.string().check(z.meta({ description: 'Membership id (use it in /members/{memberId})' })),
  role: openEnumSchema(orgRoles),
  userId: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  createdAt: isoTimestampSchema,
})
export type Member = z.infer<typeof memberSchema>

/** Query of `GET /api/organizations/me/members`. */
export const listMembersQuerySchema = z.extend(paginationQuerySchema, {
  role: z.optional(orgRoleSchema),
})
export type ListMembersQuery = z.input<typeof listMembersQuerySchema>

/** `{ members, pagination }`. */
export const listMembersResponseSchema = listEnvelopeSchema('members', memberSchema)
export type ListMembersResponse = z.infer<typeof listMembersResponseSchema>

/** Body of `POST /api/organizations/me/members`: role defaults to MEMBER and cannot be OWNER. */
export const inviteMemberParamsSchema = z.object({
  email: z.email({
    error: (issue) =>
      issue.input === undefined ? 'email is required' : 'email must be an email address',
  }),
  name: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'name must be 1-100 characters'),
        z.maxLength(100, 'name must be 1-100 characters'),
      ),
  ),
  role: z._default(assignableOrgRoleSchema, defaults.orgRole),
})
export type InviteMemberParams = z.input<typeof inviteMemberParamsSchema>

/** Body of `PATCH /api/organizations/me/members/{memberId}`. */
export const updateMemberParamsSchema = z.object({
  role: assignableOrgRoleSchema,
})
export type UpdateMemberParams = z.input<typeof updateMemberParamsSchema>

export const removeMemberResponseSchema = successResponseSchema

/** Path parameters `{memberId}` (a membership id). */
export const memberIdParamsSchema = z.object({ memberId: idSchema })
