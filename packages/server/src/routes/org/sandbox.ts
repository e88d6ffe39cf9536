import { createSandbox, describeSandbox } from '../../services/sandbox.js'
import { defineHandlers } from '../define-handlers.js'

/** The anonymous agent sandbox: `GET` describes it, `POST` creates one (no credential). */
export const sandboxHandlers = defineHandlers({
  'sandbox.describe': () => describeSandbox(),
  'sandbox.create': ({ body, deps, request }) => createSandbox(deps, body, request),
})
