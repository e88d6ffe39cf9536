import { actOnApproval } from '../../services/approval-actions.js'
import { defineHandlers } from '../define-handlers.js'

/** The channel callback (§2.10): approve or reject with a one-time token, no API key. */
export const approvalActionHandlers = defineHandlers({
  'approvals.action': ({ body, deps, request }) => actOnApproval({ deps, request }, body),
})
