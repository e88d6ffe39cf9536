import {
  acknowledgeAlertParamsSchema,
  alertIdParamsSchema,
  alertSchema,
  listAlertsQuerySchema,
  listAlertsResponseSchema,
  listSdkAlertsQuerySchema,
  resolveAlertParamsSchema,
} from '../alert.js'
import { defineEndpoint } from '../endpoint.js'

/** Alerts (§2.9, §2.17): the organization's alerts and the agent's own view. */

const org = {
  surface: 'org',
  keyKinds: ['org'],
  rateLimit: 'dashboard',
  tag: 'Alerts',
} as const

export const alertEndpoints = {
  list: defineEndpoint(org, {
    id: 'alerts.list',
    method: 'GET',
    path: '/api/alerts',
    scopes: ['alerts:read'],
    query: listAlertsQuerySchema,
    response: listAlertsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'List alerts (severity filter accepts HIGH/MEDIUM/LOW aliases)',
  }),
  retrieve: defineEndpoint(org, {
    id: 'alerts.retrieve',
    method: 'GET',
    path: '/api/alerts/{alertId}',
    scopes: ['alerts:read'],
    params: alertIdParamsSchema,
    response: alertSchema,
    successStatus: 200,
    errors: [],
    summary: 'Get an alert',
  }),
  acknowledge: defineEndpoint(org, {
    id: 'alerts.acknowledge',
    method: 'POST',
    path: '/api/alerts/{alertId}/acknowledge',
    scopes: ['alerts:write'],
    params: alertIdParamsSchema,
    body: acknowledgeAlertParamsSchema,
    response: alertSchema,
    successStatus: 200,
    errors: ['INVALID_STATUS'],
    summary: 'Acknowledge an active alert',
  }),
  resolve: defineEndpoint(org, {
    id: 'alerts.resolve',
    method: 'POST',
    path: '/api/alerts/{alertId}/resolve',
    scopes: ['alerts:write'],
    params: alertIdParamsSchema,
    body: resolveAlertParamsSchema,
    response: alertSchema,
    successStatus: 200,
    errors: ['INVALID_STATUS'],
    summary: 'Resolve an alert',
  }),
}

const sdk = {
  surface: 'sdk',
  keyKinds: ['agent'],
  rateLimit: 'sdkRead',
  tag: 'SDK Alerts',
} as const

export const sdkAlertEndpoints = {
  list: defineEndpoint(sdk, {
    id: 'sdkAlerts.list',
    method: 'GET',
    path: '/api/sdk/alerts',
    scopes: ['alerts:read'],
    query: listSdkAlertsQuerySchema,
    response: listAlertsResponseSchema,
    successStatus: 200,
    errors: [],
    summary: "List the calling agent's alerts (unread=true: not yet acknowledged)",
  }),
  acknowledge: defineEndpoint(sdk, {
    id: 'sdkAlerts.acknowledge',
    method: 'POST',
    path: '/api/sdk/alerts/{alertId}/acknowledge',
    scopes: ['alerts:write'],
    params: alertIdParamsSchema,
    body: acknowledgeAlertParamsSchema,
    response: alertSchema,
    successStatus: 200,
    errors: ['INVALID_STATUS'],
    summary: "Acknowledge one of the calling agent's alerts",
  }),
}
