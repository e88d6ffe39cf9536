import {
  listAgentWallets,
  retrieveAgentProfile,
  retrieveSetup,
} from '../../services/agent-setup.js'
import { defineHandlers } from '../define-handlers.js'

/** What the calling agent reads about itself: `/api/sdk/setup`, `/api/sdk/agent`, `/api/sdk/wallets`. */
export const sdkAgentHandlers = defineHandlers({
  'sdk.setup': ({ auth, deps }) => retrieveSetup(deps, auth),
  'sdkAgent.retrieve': ({ auth, deps }) => retrieveAgentProfile(deps, auth),
  'sdkWallets.list': ({ query, auth, deps }) => listAgentWallets(deps, auth, query),
})
