import {
  createApprovalWorkflow,
  deleteApprovalWorkflow,
  listApprovalWorkflows,
  retrieveApprovalWorkflow,
  updateApprovalWorkflow,
} from '../../services/approval-workflows.js'
import { defineHandlers } from '../define-handlers.js'

/** Approval workflows (§2.10): list, create, retrieve, update, delete. */
export const approvalWorkflowHandlers = defineHandlers({
  'approvalWorkflows.list': ({ query, auth, deps }) => listApprovalWorkflows({ deps, auth }, query),
  'approvalWorkflows.create': ({ body, auth, deps, request }) =>
    createApprovalWorkflow({ deps, auth, request }, body),
  'approvalWorkflows.retrieve': ({ params, auth, deps }) =>
    retrieveApprovalWorkflow({ deps, auth }, params.workflowId),
  'approvalWorkflows.update': ({ params, body, auth, deps, request }) =>
    updateApprovalWorkflow({ deps, auth, request }, params.workflowId, body),
  'approvalWorkflows.delete': ({ params, auth, deps, request }) =>
    deleteApprovalWorkflow({ deps, auth, request }, params.workflowId),
})
