import { defineEndpoint } from '../endpoint.js'
import { healthResponseSchema, openApiDocumentSchema } from '../health.js'

/** Unauthenticated meta routes. */

const meta = {
  surface: 'org',
  keyKinds: [],
  scopes: [],
  rateLimit: 'none',
  tag: 'Meta',
} as const

export const metaEndpoints = {
  health: defineEndpoint(meta, {
    id: 'meta.health',
    method: 'GET',
    path: '/health',
    response: healthResponseSchema,
    successStatus: 200,
    errors: [],
    summary: 'Health check: answers once the server accepts requests',
  }),
  openapi: defineEndpoint(meta, {
    id: 'meta.openapi',
    method: 'GET',
    path: '/api/openapi',
    response: openApiDocumentSchema,
    successStatus: 200,
    errors: [],
    summary: 'The OpenAPI 3.1 document of this API',
  }),
}
