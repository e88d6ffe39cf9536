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
  type Agent,
  type AgentDetail,
  type AgentPolicyAssignment,
  type AgentRelationship,
  type AgentWalletLink,
  type AssignCardParams,
  type AssignCardResponse,
  type BulkImportAgentsParams,
  type BulkImportAgentsResponse,
  type CreateAgentParams,
  type CreateAgentWalletLinkParams,
  type CreateSdkKeyParams,
  type CreateSdkKeyResponse,
  endpoints,
  type FreezeAgentParams,
  type FreezeAgentResponse,
  type FreezeConfigResponse,
  type ListAgentPoliciesQuery,
  type ListAgentPoliciesResponse,
  type ListAgentRelationshipsQuery,
  type ListAgentRelationshipsResponse,
  type ListAgentsQuery,
  type ListAgentsResponse,
  type ListAgentWalletLinksQuery,
  type ListAgentWalletLinksResponse,
  type ListSdkKeysQuery,
  type ListSdkKeysResponse,
  type RevokeSdkKeyResponse,
  type SdkKey,
  type SuccessResponse,
  type UnfreezeAgentParams,
  type UpdateAgentParams,
  type UpdateAgentRelationshipParams,
  type UpdateAgentWalletLinkParams,
  type UpdateFreezeConfigParams,
} from '@conto/schemas'

/**
 * `admin.agents`: the organization's AI agents, their wallet links, policy assignments,
 * counterparty relationships, SDK keys, cards and auto-freeze (`/api/agents/*`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class AgentsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists agents, newest first; await it for one page, or `for await` every agent.
   *
   * @example
   * ```ts
   * for await (const agent of admin.agents.list({ status: 'ACTIVE' })) console.log(agent.name)
   * ```
   * @throws {ValidationError} when a filter is not valid (`status`, `limit` 1–100, …).
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  list(
    params?: ListAgentsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListAgentsResponse['agents'][number], ListAgentsResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.agents.list,
      { query: params },
      (body) => body.agents,
      options,
    )
  }

  /**
   * Creates an agent (a public key is generated when `publicKey` is omitted).
   *
   * @example
   * ```ts
   * const agent = await admin.agents.create({ name: 'Shopping agent', agentType: 'CUSTOM' })
   * ```
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ConflictError} `CONFLICT` when an agent with this name or external id exists.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  create(params: CreateAgentParams, options?: CallOptions): APIPromise<Agent> {
    return callEndpoint(this.#transport, endpoints.agents.create, { body: params }, options)
  }

  /**
   * Registers 1–100 agents in one call; per-agent failures are reported, not thrown.
   *
   * @example
   * ```ts
   * const { summary } = await admin.agents.bulkImport({ agents: [{ name: 'A', agentType: 'CUSTOM' }], skipExisting: true })
   * ```
   * @throws {ValidationError} when the list is empty, too long or an entry is malformed.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  bulkImport(
    params: BulkImportAgentsParams,
    options?: CallOptions,
  ): APIPromise<BulkImportAgentsResponse> {
    return callEndpoint(this.#transport, endpoints.agents.bulkImport, { body: params }, options)
  }

  /**
   * Retrieves an agent with its wallets, policies and counts.
   *
   * @example
   * ```ts
   * const agent = await admin.agents.retrieve(agentId)
   * ```
   * @throws {NotFoundError} when the agent does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  retrieve(agentId: string, options?: CallOptions): APIPromise<AgentDetail> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.retrieve,
      { params: { agentId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const agent = await admin.agents.get(agentId)
   * ```
   * @throws {NotFoundError} when the agent does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  get(agentId: string, options?: CallOptions): APIPromise<AgentDetail> {
    return this.retrieve(agentId, options)
  }

  /**
   * Updates an agent: status, metadata, identity fields or the auto-freeze settings.
   *
   * @example
   * ```ts
   * await admin.agents.update(agentId, { status: 'PAUSED' })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ContoApiError} `INVALID_STATUS` when the status change is not allowed; `CONFLICT`
   *   ({@link ConflictError}) when the new name is taken.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  update(agentId: string, params: UpdateAgentParams, options?: CallOptions): APIPromise<Agent> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.update,
      { params: { agentId }, body: params },
      options,
    )
  }

  /**
   * Deletes an agent.
   *
   * @example
   * ```ts
   * await admin.agents.delete(agentId)
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  delete(agentId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(this.#transport, endpoints.agents.delete, { params: { agentId } }, options)
  }

  /**
   * Freezes an agent: it becomes `SUSPENDED` and its wallets `FROZEN`.
   *
   * @example
   * ```ts
   * const { frozenWalletIds } = await admin.agents.freeze(agentId, { reason: 'Investigating' })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when the agent cannot be frozen (e.g. revoked).
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  freeze(
    agentId: string,
    params?: FreezeAgentParams,
    options?: CallOptions,
  ): APIPromise<FreezeAgentResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.freeze,
      { params: { agentId }, body: params },
      options,
    )
  }

  /**
   * Unfreezes an agent: `ACTIVE` again, and (by default) its frozen wallets too.
   *
   * @example
   * ```ts
   * await admin.agents.unfreeze(agentId, { reason: 'Cleared' })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {ContoApiError} `INVALID_STATUS` when the agent is revoked.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  unfreeze(
    agentId: string,
    params?: UnfreezeAgentParams,
    options?: CallOptions,
  ): APIPromise<FreezeAgentResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.unfreeze,
      { params: { agentId }, body: params },
      options,
    )
  }

  /**
   * Retrieves the auto-freeze configuration of an agent, defaults filled in.
   *
   * @example
   * ```ts
   * const { freezeConfig } = await admin.agents.retrieveFreezeConfig(agentId)
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  retrieveFreezeConfig(agentId: string, options?: CallOptions): APIPromise<FreezeConfigResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.retrieveFreezeConfig,
      { params: { agentId } },
      options,
    )
  }

  /**
   * Tunes the auto-freeze thresholds of an agent.
   *
   * @example
   * ```ts
   * await admin.agents.updateFreezeConfig(agentId, { maxConsecutiveViolations: 3 })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {ValidationError} when a threshold is out of range.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  updateFreezeConfig(
    agentId: string,
    params: UpdateFreezeConfigParams,
    options?: CallOptions,
  ): APIPromise<FreezeConfigResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.updateFreezeConfig,
      { params: { agentId }, body: params },
      options,
    )
  }

  /**
   * Lists the wallets linked to an agent, with each link's limits and spend.
   *
   * @example
   * ```ts
   * const { items } = await admin.agents.listWallets(agentId)
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  listWallets(
    agentId: string,
    params?: ListAgentWalletLinksQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListAgentWalletLinksResponse['wallets'][number], ListAgentWalletLinksResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.agents.listWallets,
      { params: { agentId }, query: params },
      (body) => body.wallets,
      options,
    )
  }

  /**
   * Links a wallet to an agent, with optional per-link limits and allowed hours and days.
   *
   * @example
   * ```ts
   * await admin.agents.linkWallet(agentId, { walletId, spendLimitPerTx: 100, spendLimitDaily: 500 })
   * ```
   * @throws {NotFoundError} when the agent or the wallet does not exist.
   * @throws {ValidationError} when a schedule field is not valid.
   * @throws {ContoApiError} `INVALID_AMOUNT` for a negative or malformed limit;
   *   `INVALID_STATUS` when the wallet is archived.
   * @throws {ConflictError} `CONFLICT` when the wallet is already linked to the agent.
   * @throws {PermissionDeniedError} when the key lacks `agents:write` and `wallets:write`.
   */
  linkWallet(
    agentId: string,
    params: CreateAgentWalletLinkParams,
    options?: CallOptions,
  ): APIPromise<AgentWalletLink> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.linkWallet,
      { params: { agentId }, body: params },
      options,
    )
  }

  /**
   * Changes the limits or schedule of an agent's wallet link.
   *
   * @example
   * ```ts
   * await admin.agents.updateWalletLink(agentId, walletId, { spendLimitDaily: 1000 })
   * ```
   * @throws {NotFoundError} when the agent, the wallet or the link does not exist.
   * @throws {ValidationError} when a schedule field is not valid.
   * @throws {ContoApiError} `INVALID_AMOUNT` for a negative or malformed limit.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  updateWalletLink(
    agentId: string,
    walletId: string,
    params: UpdateAgentWalletLinkParams,
    options?: CallOptions,
  ): APIPromise<AgentWalletLink> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.updateWalletLink,
      { params: { agentId, walletId }, body: params },
      options,
    )
  }

  /**
   * Unlinks a wallet from an agent.
   *
   * @example
   * ```ts
   * await admin.agents.unlinkWallet(agentId, walletId)
   * ```
   * @throws {NotFoundError} when the link does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  unlinkWallet(
    agentId: string,
    walletId: string,
    options?: CallOptions,
  ): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.unlinkWallet,
      { params: { agentId, walletId } },
      options,
    )
  }

  /**
   * Lists an agent's counterparty relationships (per-counterparty spend limits).
   *
   * @example
   * ```ts
   * const relationships = await admin.agents.listRelationships(agentId).toArray({ limit: 100 })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  listRelationships(
    agentId: string,
    params?: ListAgentRelationshipsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<
    ListAgentRelationshipsResponse['relationships'][number],
    ListAgentRelationshipsResponse
  > {
    return listEndpoint(
      this.#transport,
      endpoints.agents.listRelationships,
      { params: { agentId }, query: params },
      (body) => body.relationships,
      options,
    )
  }

  /**
   * Sets the spend limits of an agent towards one counterparty (creating the relationship).
   *
   * @example
   * ```ts
   * await admin.agents.updateRelationship(agentId, counterpartyId, { spendLimitDaily: 250 })
   * ```
   * @throws {NotFoundError} when the agent or the counterparty does not exist.
   * @throws {ContoApiError} `INVALID_AMOUNT` for a negative or malformed limit.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  updateRelationship(
    agentId: string,
    counterpartyId: string,
    params: UpdateAgentRelationshipParams,
    options?: CallOptions,
  ): APIPromise<AgentRelationship> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.updateRelationship,
      { params: { agentId, counterpartyId }, body: params },
      options,
    )
  }

  /**
   * Lists the policies assigned to an agent.
   *
   * @example
   * ```ts
   * const { items } = await admin.agents.listPolicies(agentId)
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  listPolicies(
    agentId: string,
    params?: ListAgentPoliciesQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<ListAgentPoliciesResponse['policies'][number], ListAgentPoliciesResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.agents.listPolicies,
      { params: { agentId }, query: params },
      (body) => body.policies,
      options,
    )
  }

  /**
   * Assigns a policy to an agent.
   *
   * @example
   * ```ts
   * await admin.agents.assignPolicy(agentId, policyId)
   * ```
   * @throws {NotFoundError} when the agent or the policy does not exist.
   * @throws {ConflictError} `CONFLICT` when the policy is already assigned to the agent.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  assignPolicy(
    agentId: string,
    policyId: string,
    options?: CallOptions,
  ): APIPromise<AgentPolicyAssignment> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.assignPolicy,
      { params: { agentId }, body: { policyId } },
      options,
    )
  }

  /**
   * Removes a policy from an agent.
   *
   * @example
   * ```ts
   * await admin.agents.unassignPolicy(agentId, policyId)
   * ```
   * @throws {NotFoundError} when the agent does not exist or the policy is not assigned to it.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  unassignPolicy(
    agentId: string,
    policyId: string,
    options?: CallOptions,
  ): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.unassignPolicy,
      { params: { agentId }, query: { policyId } },
      options,
    )
  }

  /**
   * Creates an SDK key (`conto_agent_…`) for an agent; the secret is in `key`, shown this once.
   *
   * @example
   * ```ts
   * const { key } = await admin.agents.createSdkKey(agentId, { name: 'production', expiresInDays: 90 })
   * const conto = new Conto({ apiKey: key })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {ValidationError} when the name, lifetime, key type or scopes are not valid.
   * @throws {ContoApiError} `INVALID_STATUS` when the agent is revoked.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  createSdkKey(
    agentId: string,
    params: CreateSdkKeyParams,
    options?: CallOptions,
  ): APIPromise<CreateSdkKeyResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.createSdkKey,
      { params: { agentId }, body: params },
      options,
    )
  }

  /**
   * Lists an agent's SDK keys (prefixes only, revoked keys included).
   *
   * @example
   * ```ts
   * const keys = await admin.agents.listSdkKeys(agentId).toArray({ limit: 50 })
   * ```
   * @throws {NotFoundError} when the agent does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:read`.
   */
  listSdkKeys(
    agentId: string,
    params?: ListSdkKeysQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<SdkKey, ListSdkKeysResponse> {
    return listEndpoint(
      this.#transport,
      endpoints.agents.listSdkKeys,
      { params: { agentId }, query: params },
      (body) => body.keys,
      options,
    )
  }

  /**
   * Revokes one of an agent's SDK keys (idempotent: a second call returns the first `revokedAt`).
   *
   * @example
   * ```ts
   * await admin.agents.revokeSdkKey(agentId, keyId)
   * ```
   * @throws {NotFoundError} when the agent or the key does not exist.
   * @throws {PermissionDeniedError} when the key lacks `agents:write`.
   */
  revokeSdkKey(
    agentId: string,
    keyId: string,
    options?: CallOptions,
  ): APIPromise<RevokeSdkKeyResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.revokeSdkKey,
      { params: { agentId }, query: { keyId } },
      options,
    )
  }

  /**
   * Assigns a card to an agent, with per-agent limits, schedule and merchant rules.
   *
   * @example
   * ```ts
   * await admin.agents.assignCard(agentId, { cardId, spendLimitDaily: 200 })
   * ```
   * @throws {NotFoundError} when the agent or the card does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ConflictError} `CONFLICT` when the card is already assigned to the agent.
   * @throws {ContoApiError} `INVALID_STATUS` when the card is not active; `INVALID_AMOUNT` for a
   *   malformed limit.
   * @throws {PermissionDeniedError} when the key lacks `agents:write` and `wallets:write`.
   * @throws {ContoApiError} `NOT_IMPLEMENTED` (501) from servers without card support.
   */
  assignCard(
    agentId: string,
    params: AssignCardParams,
    options?: CallOptions,
  ): APIPromise<AssignCardResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.agents.assignCard,
      { params: { agentId }, body: params },
      options,
    )
  }
}
