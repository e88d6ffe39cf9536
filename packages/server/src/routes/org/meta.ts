import { generateOpenApi } from '../../openapi/generate-openapi.js'
import { defineHandlers } from '../define-handlers.js'

const documents = new Map<string, Record<string, unknown>>()

/** `GET /health` and `GET /api/openapi`. */
export const metaHandlers = defineHandlers({
  'meta.health': ({ deps }) => ({ status: 'ok' as const, mode: deps.mode }),
  'meta.openapi': ({ request }) => {
    const origin = new URL(request.url).origin
    let document = documents.get(origin)
    if (!document) {
      document = generateOpenApi({ serverUrl: origin })
      documents.set(origin, document)
    }
    return document as never
  },
})
