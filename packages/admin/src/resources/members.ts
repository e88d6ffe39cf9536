import {
  type APIPromise,
  type CallOptions,
  callEndpoint,
  listEndpoint,
  type PageParams,
  type PagePromise,
  type Transport,
} from '@conto/client-core'
import {
  endpoints,
  type InviteMemberParams,
  type ListMembersQuery,
  type ListMembersResponse,
  type Member,
  type SuccessResponse,
  type UpdateMemberParams,
} from '@conto/schemas'

/**
 * `admin.members`: the organization's team and their roles (`/api/organizations/me/members`).
 *
 * @see https://conto.finance/docs/guides/roles-permissions
 */
export class MembersResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists the organization's members; filter by role.
   *
   * @example
   * ```ts
   * const admins = await admin.members.list({ role: 'ADMIN' }).toArray({ limit: 100 })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  list(
    params?: ListMembersQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListMembersResponse['members'][number], ListMembersResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.members.list,
      { query: params },
      (body) => body.members,
      options,
    )
  }

  /**
   * Invites a member by email with a role.
   *
   * @example
   * ```ts
   * await admin.members.invite({ email: 'ops@example.com', role: 'VIEWER' })
   * ```
   * @throws {ValidationError} when the email or role is not valid.
   * @throws {ConflictError} `CONFLICT` when the person is already a member.
   * @throws {PermissionDeniedError} `FORBIDDEN` when the role is above the caller's;
   *   `INSUFFICIENT_SCOPE` without `team:write`.
   */
  invite(params: InviteMemberParams, options?: CallOptions): APIPromise<Member> {
    return callEndpoint(this.#transport, endpoints.members.invite, { body: params }, options)
  }

  /**
   * Changes a member's role.
   *
   * @example
   * ```ts
   * await admin.members.update(memberId, { role: 'ADMIN' })
   * ```
   * @throws {NotFoundError} when the member does not exist.
   * @throws {ValidationError} when the role is not valid.
   * @throws {PermissionDeniedError} `FORBIDDEN` when the member or the new role is not below the
   *   caller's (the owner cannot be changed); `INSUFFICIENT_SCOPE` without `team:write`.
   */
  update(memberId: string, params: UpdateMemberParams, options?: CallOptions): APIPromise<Member> {
    return callEndpoint(
      this.#transport,
      endpoints.members.update,
      { params: { memberId }, body: params },
      options,
    )
  }

  /**
   * Removes a member from the organization.
   *
   * @example
   * ```ts
   * await admin.members.remove(memberId)
   * ```
   * @throws {NotFoundError} when the member does not exist.
   * @throws {PermissionDeniedError} `FORBIDDEN` when removing the owner or a member not below the
   *   caller; `INSUFFICIENT_SCOPE` without `team:write`.
   */
  remove(memberId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.members.remove,
      { params: { memberId } },
      options,
    )
  }
}
