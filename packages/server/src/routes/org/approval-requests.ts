import {
  approveApprovalRequest,
  listApprovalRequests,
  rejectApprovalRequest,
  retrieveApprovalRequest,
} from '../../services/approval-requests.js'
import { defineHandlers } from '../define-handlers.js'

/** Approval requests (§2.10): list, retrieve, approve, reject. */
export const approvalRequestHandlers = defineHandlers({
  'approvalRequests.list': ({ query, auth, deps }) => listApprovalRequests({ deps, auth }, query),
  'approvalRequests.retrieve': ({ params, auth, deps }) =>
    retrieveApprovalRequest({ deps, auth }, params.approvalRequestId),
  'approvalRequests.approve': ({ params, body, auth, deps, request }) =>
    approveApprovalRequest({ deps, auth, request }, params.approvalRequestId, body),
  'approvalRequests.reject': ({ params, body, auth, deps, request }) =>
    rejectApprovalRequest({ deps, auth, request }, params.approvalRequestId, body),
})
