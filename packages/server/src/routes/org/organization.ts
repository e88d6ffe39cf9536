import {
  inviteMember,
  listMembers,
  removeMember,
  retrieveOrganization,
  updateMember,
} from '../../services/members.js'
import { defineHandlers } from '../define-handlers.js'

/** The caller's organization and its members (§2.13, §4.17). */
export const organizationHandlers = defineHandlers({
  'organization.retrieve': ({ auth, deps }) => retrieveOrganization(deps, auth),
  'members.list': ({ query, auth, deps }) => listMembers(deps, auth, query),
  'members.invite': ({ body, auth, deps, request }) => inviteMember(deps, auth, body, request),
  'members.update': ({ params, body, auth, deps, request }) =>
    updateMember(deps, auth, params.memberId, body.role, request),
  'members.remove': ({ params, auth, deps, request }) =>
    removeMember(deps, auth, params.memberId, request),
})
