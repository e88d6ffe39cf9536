import { listSdkApprovalRequests } from '../../services/approval-requests.js'
import { defineHandlers } from '../define-handlers.js'

/** The calling agent's approval requests (§2.10, §2.17). */
export const sdkApprovalRequestHandlers = defineHandlers({
  'sdkApprovalRequests.list': ({ query, auth, deps }) =>
    listSdkApprovalRequests({ deps, auth }, query),
})
