import {
  createChannel,
  deleteChannel,
  listChannels,
  retrieveChannel,
  testChannel,
  updateChannel,
} from '../../services/channels.js'
import { defineHandlers } from '../define-handlers.js'

/** Notification channels (§2.10): configuration with masked secrets, and test sends. */
export const channelHandlers = defineHandlers({
  'channels.list': ({ query, auth, deps }) => listChannels({ deps, auth }, query),
  'channels.create': ({ body, auth, deps, request }) =>
    createChannel({ deps, auth, request }, body),
  'channels.retrieve': ({ params, auth, deps }) =>
    retrieveChannel({ deps, auth }, params.channelId),
  'channels.update': ({ params, body, auth, deps, request }) =>
    updateChannel({ deps, auth, request }, params.channelId, body),
  'channels.delete': ({ params, auth, deps, request }) =>
    deleteChannel({ deps, auth, request }, params.channelId),
  'channels.test': ({ params, auth, deps, request }) =>
    testChannel({ deps, auth, request }, params.channelId),
})
