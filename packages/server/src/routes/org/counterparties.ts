import {
  createCounterparty,
  deleteCounterparty,
  listCounterparties,
  retrieveCounterparty,
  updateCounterparty,
} from '../../services/counterparties.js'
import { defineHandlers } from '../define-handlers.js'

/** Counterparties (§2.7): list, create, retrieve (with network trust), update, delete. */
export const counterpartyHandlers = defineHandlers({
  'counterparties.list': ({ query, auth, deps }) => listCounterparties({ deps, auth }, query),
  'counterparties.create': ({ body, auth, deps, request }) =>
    createCounterparty({ deps, auth, request }, body),
  'counterparties.retrieve': ({ params, auth, deps }) =>
    retrieveCounterparty({ deps, auth }, params.counterpartyId),
  'counterparties.update': ({ params, body, auth, deps, request }) =>
    updateCounterparty({ deps, auth, request }, params.counterpartyId, body),
  'counterparties.delete': ({ params, auth, deps, request }) =>
    deleteCounterparty({ deps, auth, request }, params.counterpartyId),
})
