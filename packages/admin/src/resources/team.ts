import type { CallOptions, PageParams, PagePromise, Transport } from '@conto/client-core'
import type { ListMembersQuery, ListMembersResponse } from '@conto/schemas'
import { MembersResource } from './members.js'

/**
 * `admin.team`: the documented name for reading the organization's team
 * (`GET /api/organizations/me/members`). `admin.members` has the same list and also invites,
 * updates and removes members.
 *
 * @see https://conto.finance/docs/guides/roles-permissions
 */
export class TeamResource {
  readonly #members: MembersResource

  constructor(transport: Transport, members = new MembersResource(transport)) {
    this.#members = members
  }

  /**
   * The same as `admin.members.list()`, under the name the Conto documentation uses: the
   * organization's members, optionally filtered by role.
   *
   * @example
   * ```ts
   * const members = await admin.team.listMembers().toArray({ limit: 100 })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `team:read`.
   */
  listMembers(
    params?: ListMembersQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListMembersResponse['members'][number], ListMembersResponse> {
    return this.#members.list(params, options)
  }
}
