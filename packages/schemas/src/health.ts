import * as z from 'zod/mini'
import { openEnumSchema } from './common.js'
import { organizationModes } from './member.js'

/** Unauthenticated meta routes: the health check and the OpenAPI document. */

/** `GET /health`: answers once the server accepts requests. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.optional(z.string()),
  mode: z.optional(openEnumSchema(organizationModes)),
})
export type HealthResponse = z.infer<typeof healthResponseSchema>

/** `GET /api/openapi`: an OpenAPI 3.1 document (checked loosely; every other field passes through). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
})
export type OpenApiDocument = z.infer<typeof openApiDocumentSchema>
