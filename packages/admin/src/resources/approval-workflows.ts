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
  type ApprovalWorkflow,
  type CreateApprovalWorkflowParams,
  endpoints,
  type ListApprovalWorkflowsQuery,
  type ListApprovalWorkflowsResponse,
  type SuccessResponse,
  type UpdateApprovalWorkflowParams,
} from '@conto/schemas'

/**
 * `admin.approvalWorkflows`: who must approve which payments, and how many approvals are needed
 * (`/api/approval-workflows`).
 *
 * @see https://conto.finance/docs/sdk/admin
 */
export class ApprovalWorkflowsResource {
  readonly #transport: Transport

  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * Lists approval workflows.
   *
   * @example
   * ```ts
   * const { items } = await admin.approvalWorkflows.list({ isActive: true })
   * ```
   * @throws {ValidationError} when a filter is not valid.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  list(
    params?: ListApprovalWorkflowsQuery & PageParams,
    options?: CallOptions,
  ): PagePromise<
    ListApprovalWorkflowsResponse['workflows'][number],
    ListApprovalWorkflowsResponse
  > {
    return listEndpoint(
      this.#transport,
      endpoints.approvalWorkflows.list,
      { query: params },
      (body) => body.workflows,
      options,
    )
  }

  /**
   * Creates an approval workflow.
   *
   * @example
   * ```ts
   * await admin.approvalWorkflows.create({ name: 'Large payments', triggerConditions: { amountThreshold: 1000 }, requiredApprovals: 2 })
   * ```
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ConflictError} `CONFLICT` when a workflow with this name exists.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  create(
    params: CreateApprovalWorkflowParams,
    options?: CallOptions,
  ): APIPromise<ApprovalWorkflow> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalWorkflows.create,
      { body: params },
      options,
    )
  }

  /**
   * Retrieves an approval workflow.
   *
   * @example
   * ```ts
   * const workflow = await admin.approvalWorkflows.retrieve(workflowId)
   * ```
   * @throws {NotFoundError} when the workflow does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  retrieve(workflowId: string, options?: CallOptions): APIPromise<ApprovalWorkflow> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalWorkflows.retrieve,
      { params: { workflowId } },
      options,
    )
  }

  /**
   * The same as `retrieve()`, under the name the Conto documentation uses.
   *
   * @example
   * ```ts
   * const workflow = await admin.approvalWorkflows.get(workflowId)
   * ```
   * @throws {NotFoundError} when the workflow does not exist in this organization.
   * @throws {PermissionDeniedError} when the key lacks `policies:read`.
   */
  get(workflowId: string, options?: CallOptions): APIPromise<ApprovalWorkflow> {
    return this.retrieve(workflowId, options)
  }

  /**
   * Updates an approval workflow.
   *
   * @example
   * ```ts
   * await admin.approvalWorkflows.update(workflowId, { requiredApprovals: 3 })
   * ```
   * @throws {NotFoundError} when the workflow does not exist.
   * @throws {ValidationError} when `params` do not match the schema.
   * @throws {ConflictError} `CONFLICT` when another workflow has the new name.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  update(
    workflowId: string,
    params: UpdateApprovalWorkflowParams,
    options?: CallOptions,
  ): APIPromise<ApprovalWorkflow> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalWorkflows.update,
      { params: { workflowId }, body: params },
      options,
    )
  }

  /**
   * Deletes an approval workflow.
   *
   * @example
   * ```ts
   * await admin.approvalWorkflows.delete(workflowId)
   * ```
   * @throws {NotFoundError} when the workflow does not exist.
   * @throws {PermissionDeniedError} when the key lacks `policies:write`.
   */
  delete(workflowId: string, options?: CallOptions): APIPromise<SuccessResponse> {
    return callEndpoint(
      this.#transport,
      endpoints.approvalWorkflows.delete,
      { params: { workflowId } },
      options,
    )
  }
}
