import { acknowledgeAlert, listAlerts, resolveAlert, retrieveAlert } from '../../services/alerts.js'
import { defineHandlers } from '../define-handlers.js'

/** Alerts (§2.9): list, retrieve, acknowledge, resolve. */
export const alertHandlers = defineHandlers({
  'alerts.list': ({ query, auth, deps }) => listAlerts({ deps, auth }, query),
  'alerts.retrieve': ({ params, auth, deps }) => retrieveAlert({ deps, auth }, params.alertId),
  'alerts.acknowledge': ({ params, body, auth, deps, request }) =>
    acknowledgeAlert({ deps, auth, request }, params.alertId, body),
  'alerts.resolve': ({ params, body, auth, deps, request }) =>
    resolveAlert({ deps, auth, request }, params.alertId, body),
})
