import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  retrieveWebhook,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from '../../services/webhooks.js'
import { defineHandlers } from '../define-handlers.js'

/** Webhook endpoints (§2.11): configuration, secret rotation, test sends, the delivery log. */
export const webhookHandlers = defineHandlers({
  'webhooks.list': ({ query, auth, deps }) => listWebhooks({ deps, auth }, query),
  'webhooks.create': ({ body, auth, deps, request }) =>
    createWebhook({ deps, auth, request }, body),
  'webhooks.retrieve': ({ params, auth, deps }) =>
    retrieveWebhook({ deps, auth }, params.webhookId),
  'webhooks.update': ({ params, body, auth, deps, request }) =>
    updateWebhook({ deps, auth, request }, params.webhookId, body),
  'webhooks.delete': ({ params, auth, deps, request }) =>
    deleteWebhook({ deps, auth, request }, params.webhookId),
  'webhooks.test': ({ params, auth, deps, request }) =>
    testWebhook({ deps, auth, request }, params.webhookId),
  'webhooks.rotateSecret': ({ params, auth, deps, request }) =>
    rotateWebhookSecret({ deps, auth, request }, params.webhookId),
  'webhooks.listDeliveries': ({ params, query, auth, deps }) =>
    listWebhookDeliveries({ deps, auth }, params.webhookId, query),
})
