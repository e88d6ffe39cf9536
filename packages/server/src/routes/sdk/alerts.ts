import { acknowledgeAlert, listAgentAlerts } from '../../services/alerts.js'
import { defineHandlers } from '../define-handlers.js'

/** The calling agent's alerts (§2.17): list (`unread=true` = not yet acknowledged), acknowledge. */
export const sdkAlertHandlers = defineHandlers({
  'sdkAlerts.list': ({ query, auth, deps }) => listAgentAlerts({ deps, auth }, query),
  'sdkAlerts.acknowledge': ({ params, body, auth, deps, request }) =>
    acknowledgeAlert({ deps, auth, request }, params.alertId, body),
})
