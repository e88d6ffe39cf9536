import {
  archiveWallet,
  createWallet,
  deleteWallet,
  fundWallet,
  listWallets,
  provisionWallet,
  retrieveWallet,
  updateWallet,
} from '../../services/wallets.js'
import { defineHandlers, respond } from '../define-handlers.js'

/** Wallets (§2.5): list, register, update, archive, delete, provision, fund (test mode). */
export const walletHandlers = defineHandlers({
  'wallets.list': ({ query, auth, deps }) => listWallets({ deps, auth }, query),
  'wallets.create': ({ body, auth, deps, request }) => {
    const { created, wallet } = createWallet({ deps, auth, request }, body)
    return respond(created ? 201 : 200, wallet)
  },
  'wallets.retrieve': ({ params, auth, deps }) => retrieveWallet({ deps, auth }, params.walletId),
  'wallets.update': ({ params, body, auth, deps, request }) =>
    updateWallet({ deps, auth, request }, params.walletId, body),
  'wallets.archive': ({ params, auth, deps, request }) =>
    archiveWallet({ deps, auth, request }, params.walletId),
  'wallets.delete': ({ params, auth, deps, request }) =>
    deleteWallet({ deps, auth, request }, params.walletId),
  'wallets.provision': ({ params, auth, deps, request }) =>
    provisionWallet({ deps, auth, request }, params.walletId),
  'wallets.fund': ({ params, body, auth, deps, request }) =>
    fundWallet({ deps, auth, request }, params.walletId, body),
})
