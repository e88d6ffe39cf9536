import {
  createCounterparty,
  listCounterparties,
  networkTrustOf,
  retrieveCounterpartyByAddress,
} from '../../services/counterparties.js'
import { defineHandlers } from '../define-handlers.js'

/** The agent's view of its organization's counterparties, and network trust (§2.17). */
export const sdkCounterpartyHandlers = defineHandlers({
  'sdkCounterparties.list': ({ query, auth, deps }) => listCounterparties({ deps, auth }, query),
  'sdkCounterparties.retrieve': ({ params, auth, deps }) =>
    retrieveCounterpartyByAddress({ deps, auth }, params.address),
  'sdkCounterparties.create': ({ body, auth, deps, request }) =>
    createCounterparty({ deps, auth, request }, body),
  'sdkNetwork.trust': ({ query, deps }) => networkTrustOf(deps, query.address),
})
