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
  type AddPolicyRulesParams,
  type AddPolicyRulesResponse,
  type CreatePolicyParams,
  endpoints,
  type ListPoliciesQuery,
  type ListPoliciesResponse,
  type ListPolicyRulesQuery,
  type ListPolicyRulesResponse,
  type Policy,
  type SetPolicyRulesParams,
  type SetPolicyRulesResponse,
  type SuccessResponse,
  type UpdatePolicyParams,
} from '@conto/schemas'

/**
 * `admin.policies`: spending policies and their rules (`/api/policies`). Assign them to agents
 * with `admin.agents.assignPolicy()`.
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class PoliciesResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists policies with their rules; filter by type, active flag or agent.
   *
   * @example
   * ```ts
   * const { items } = await admin.policies.list({ isActive: true })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  list(
    params?: ListPoliciesQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListPoliciesResponse['policies'][number], ListPoliciesResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.policies.list,
      { query: params },
      (body) => body.policies,
      options,
    )
  }

  /**
   * Creates a policy, optionally with its rules and the agents it applies to.
   *
   * @example
   * ```ts
   * const policy = await admin.policies.create({
   *   name: 'Spend limits',
   *   policyType: 'SPEND_LIMIT',
   *   rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 200 }],
   * })
   * ```
   * @throws {ValidationError} when the policy or one of its rules is not valid (a rule value
   *   that does not fit its rule type, an operator the type does not take, …).
   * @throws {NotFoundError} when one of `agentIds` does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  create(params: CreatePolicyParams, options?: CallOptions): APIPromise<Policy> {
    return callEndpoint(this.#transport, endpoints.policies.create, { body: params }, options)
  }

  /**
   * Retrieves a policy with its rules and agent assignments.
   *
   * @example
   * ```ts
   * const policy = await admin.policies.retrieve(policyId)
   * ```
   * @throws {NotFoundError} when the policy does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  retrieve(policyId: string, options?: CallOptions): APIPromise<Policy> {
    return callEndpoint(
      this.#transport,
      endpoints.policies.retrieve,
      { params: { policyId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const policy = await admin.policies.get(policyId)
   * ```
   * @throws {NotFoundError} when the policy does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  get(policyId: string, options?: CallOptions): APIPromise<Policy> {
    return this.retrieve(policyId, options)
  }

  /**
   * Updates a policy's name, description, type, priority, active flag or scope (not its rules).
   *
   * @example
   * ```ts
   * await admin.policies.update(policyId, { isActive: false })
   * ```
   * @throws {NotFoundError} when the policy does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  update(policyId: string, params: UpdatePolicyParams, options?: CallOptions): APIPromise<Policy> {
    return callEndpoint(
      this.#transport,
      endpoints.policies.update,
      { params: { policyId }, body: params },
      options,
    )
  }

  /**
   * Deletes a policy and its assignments.
   *
   * @example
   * ```ts
   * await admin.policies.delete(policyId)
   * ```
   * @throws {NotFoundError} when the policy does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  delete(policyId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.policies.delete,
      { params: { policyId } },
      options,
    )
  }

  /**
   * Lists a policy's rules in evaluation order, a page at a time (`for await` walks them all).
   *
   * @example
   * ```ts
   * const { items: rules } = await admin.policies.listRules(policyId)
   * ```
   * @throws {NotFoundError} when the policy does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  listRules(
    policyId: string,
    params?: ListPolicyRulesQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListPolicyRulesResponse['rules'][number], ListPolicyRulesResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.policies.listRules,
      { params: { policyId }, query: params },
      (body) => body.rules,
      options,
    )
  }

  /**
   * Appends rules to a policy: one bare rule or `{ rules: [...] }` with 1–50 rules.
   *
   * @example
   * ```ts
   * await admin.policies.addRules(policyId, { rules: [{ ruleType: 'DAILY_LIMIT', operator: 'LTE', value: 1000 }] })
   * ```
   * @throws {NotFoundError} when the policy does not exist.
   * @throws {ValidationError} when a rule is not valid, or the policy would exceed its rule cap.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  addRules(
    policyId: string,
    params: AddPolicyRulesParams,
    options?: CallOptions,
  ): APIPromise<AddPolicyRulesResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.policies.addRules,
      { params: { policyId }, body: params },
      options,
    )
  }

  /**
   * Replaces a policy's whole rule list (an empty list removes every rule).
   *
   * @example
   * ```ts
   * await admin.policies.setRules(policyId, { rules: [{ ruleType: 'MAX_AMOUNT', operator: 'LTE', value: 50 }] })
   * ```
   * @throws {NotFoundError} when the policy does not exist.
   * @throws {ValidationError} when a rule is not valid.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  setRules(
    policyId: string,
    params: SetPolicyRulesParams,
    options?: CallOptions,
  ): APIPromise<SetPolicyRulesResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.policies.setRules,
      { params: { policyId }, body: params },
      options,
    )
  }

  /**
   * Deletes one rule of a policy.
   *
   * @example
   * ```ts
   * await admin.policies.deleteRule(policyId, ruleId)
   * ```
   * @throws {NotFoundError} when the policy or the rule does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  deleteRule(policyId: string, ruleId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.policies.deleteRule,
      { params: { policyId, ruleId } },
      options,
    )
  }
}
