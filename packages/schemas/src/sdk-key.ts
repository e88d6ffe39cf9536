import * as z from 'zod/mini'
import {
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
} from './common.js'
import { defaults } from './defaults.js'
import {
  AGENT_KEY_PREFIX,
  agentScopeSchema,
  agentScopes,
  sdkKeyTypeSchema,
  sdkKeyTypes,
} from './scope.js'

/**
 * Agent SDK keys (§2.4, seed 001 "SDK Keys", the Defaults page): `conto_agent_…` bearer keys that
 * belong to one agent. The secret is returned once, at creation; keys always expire.
 */

/** The `message` of a create response. */
export const SDK_KEY_SAVE_MESSAGE = 'Save this key now! It will not be shown again.'

export const sdkKeyNameSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string'),
  })
  .check(
    z.trim(),
    z.minLength(1, 'name must be 1-100 characters'),
    z.maxLength(100, 'name must be 1-100 characters'),
  )

const maxExpiresInDays = defaults.sdkKey.maxExpiresInDays

/** Body of `POST /api/agents/{agentId}/sdk-keys`. */
export const createSdkKeyParamsSchema = z.object({
  name: sdkKeyNameSchema,
  /** Lifetime in days, 1–730 (default 365). */
  expiresInDays: z._default(
    z
      .number({ error: 'expiresInDays must be a number' })
      .check(
        z.int('expiresInDays must be a whole number of days'),
        z.gte(1, 'expiresInDays must be at least 1'),
        z.lte(maxExpiresInDays, `expiresInDays must be at most ${maxExpiresInDays} (2 years)`),
      ),
    defaults.sdkKey.expiresInDays,
  ),
  keyType: z._default(sdkKeyTypeSchema, defaults.sdkKey.keyType),
  /** Explicit scopes; omitted → the `keyType` preset (`sdkKeyScopePresets`). */
  scopes: z.optional(
    z.array(agentScopeSchema).check(
      z.minLength(1, 'scopes must list at least one scope (omit it to use the keyType preset)'),
      z.refine(
        (scopes) => new Set(scopes).size === scopes.length,
        'scopes must not repeat a scope',
      ),
    ),
  ),
})
export type CreateSdkKeyParams = z.input<typeof createSdkKeyParamsSchema>

/**
 * `POST /api/agents/{agentId}/sdk-keys` (201): the key with its secret, shown this once.
 * This server always sends every field; `keyType`, `scopes`, `createdAt` and `message` are
 * optional so that responses of older Conto servers (seed 001) still parse.
 */
export const createSdkKeyResponseSchema = z.object({
  id: z.string(),
  /** The full secret, `conto_agent_` + 64 hex characters. */
  key: z.string().check(z.startsWith(AGENT_KEY_PREFIX)),
  /** A display prefix of the key, safe to store and show. */
  keyPrefix: z.string(),
  name: z.string(),
  keyType: z.optional(openEnumSchema(sdkKeyTypes)),
  scopes: z.optional(z.array(openEnumSchema(agentScopes))),
  expiresAt: isoTimestampSchema,
  createdAt: z.optional(isoTimestampSchema),
  message: z.optional(z.string()).check(z.meta({ examples: [SDK_KEY_SAVE_MESSAGE] })),
})
export type CreateSdkKeyResponse = z.infer<typeof createSdkKeyResponseSchema>

/** An SDK key as lists show it: no secret, only its display prefix. */
export const sdkKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  keyPrefix: z.string(),
  keyType: openEnumSchema(sdkKeyTypes),
  scopes: z.array(openEnumSchema(agentScopes)),
  /** `null` only for keys made before keys always expired. */
  expiresAt: z.nullable(isoTimestampSchema),
  lastUsedAt: z.nullable(isoTimestampSchema),
  revokedAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
})
export type SdkKey = z.infer<typeof sdkKeySchema>

export const listSdkKeysQuerySchema = paginationQuerySchema
export type ListSdkKeysQuery = z.input<typeof listSdkKeysQuerySchema>

/** `GET /api/agents/{agentId}/sdk-keys`: `{ keys, pagination }` (revoked keys included). */
export const listSdkKeysResponseSchema = listEnvelopeSchema('keys', sdkKeySchema)
export type ListSdkKeysResponse = z.infer<typeof listSdkKeysResponseSchema>

/** Query of `DELETE /api/agents/{agentId}/sdk-keys?keyId=…` (`keyId` is a query parameter). */
export const revokeSdkKeyQuerySchema = z.object({
  keyId: idSchema,
})
export type RevokeSdkKeyQuery = z.input<typeof revokeSdkKeyQuerySchema>

/** Revoking is idempotent: a second call returns the original `revokedAt`. */
export const revokeSdkKeyResponseSchema = z.object({
  success: z.literal(true),
  id: z.string(),
  revokedAt: isoTimestampSchema,
})
export type RevokeSdkKeyResponse = z.infer<typeof revokeSdkKeyResponseSchema>
