import { approveExternalPayment, confirmExternalPayment } from '../../services/external-payments.js'
import { requestPayment, retrievePaymentStatus } from '../../services/payments.js'
import { executePayment } from '../../services/settlement.js'
import { defineHandlers } from '../define-handlers.js'

export const sdkPaymentHandlers = defineHandlers({
  // --- decision half: request, status --------------------------------------------------------
  'payments.request': ({ body, auth, deps, request }) => requestPayment(deps, auth, body, request),
  'payments.status': ({ params, auth, deps, request }) =>
    retrievePaymentStatus(deps, auth, params.requestId, request),
  // --- money-moving half: execute, external approve/confirm ---------------------------------
  'payments.execute': ({ params, auth, deps, request }) =>
    executePayment(deps, auth, params.requestId, request),
  'payments.approve': ({ body, auth, deps, request }) =>
    approveExternalPayment({ deps, auth, request }, body),
  'payments.confirm': ({ params, body, auth, deps, request }) =>
    confirmExternalPayment({ deps, auth, request }, params.approvalId, body),
})
