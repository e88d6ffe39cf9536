import * as z from 'zod/mini'
import {
  idSchema,
  isoTimestampSchema,
  listEnvelopeSchema,
  openEnumSchema,
  paginationQuerySchema,
  queryBooleanSchema,
} from './common.js'
import { orgKeyScopePresetNames, orgKeyScopePresetSchema, orgScopeSchema } from './scope.js'

/**
 * Organization API keys (`conto_…`), managed at `/api/api-keys` (§2.13, §4.10). The secret is
 * returned once, at creation; only its SHA-256 hash and a display prefix are stored.
 */

/** Longest lifetime an org key can be given, in days (10 years); omit `expiresInDays` for no expiry. */
export const ORG_API_KEY_MAX_EXPIRES_IN_DAYS = 3650

/**
 * Body of `POST /api/api-keys`. `scopes` (when given) are the key's exact scopes; otherwise the
 * key gets the scopes of `scopePreset`. With neither, the preset is `STANDARD`. Only an OWNER may
 * create an `ADMIN` key. Omitting `expiresInDays` creates a key that never expires.
 */
export const createApiKeyParamsSchema = z
  .object({
    name: z
      .string({
        error: (issue) =>
          issue.input === undefined ? 'name is required' : 'name must be a string',
      })
      .check(
        z.trim(),
        z.minLength(1, 'name must be 1-100 characters'),
        z.maxLength(100, 'name must be 1-100 characters'),
      ),
    scopePreset: z.optional(orgKeyScopePresetSchema),
    scopes: z.optional(
      z.array(orgScopeSchema).check(z.minLength(1, 'scopes must contain at least one scope')),
    ),
    expiresInDays: z
      .optional(
        z
          .number({ error: 'expiresInDays must be a number' })
          .check(
            z.int('expiresInDays must be a whole number of days'),
            z.gte(1, 'expiresInDays must be at least 1'),
            z.lte(
              ORG_API_KEY_MAX_EXPIRES_IN_DAYS,
              `expiresInDays must be at most ${ORG_API_KEY_MAX_EXPIRES_IN_DAYS}`,
            ),
          ),
      )
      .check(z.meta({ description: 'Lifetime in days; omit for a key that never expires' })),
  })
  .check(
    z.overwrite((params) =>
      params.scopePreset === undefined && params.scopes === undefined
        ? { ...params, scopePreset: 'STANDARD' as const }
        : params,
    ),
  )
export type CreateApiKeyParams = z.input<typeof createApiKeyParamsSchema>

/** Who created a key: the member (dashboard) or null when it was created with another API key. */
export const apiKeyCreatorSchema = z.object({
  id: z.string(),
  email: z.nullable(z.string()),
  name: z.nullable(z.string()),
})

/** An org API key as listed (never carries the secret). */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  keyPrefix: z
    .string()
    .check(z.meta({ description: 'First 16 characters of the key, for display' })),
  scopes: z.array(z.string()),
  /** The preset the key was created from; null for a custom scope list. */
  scopePreset: z.nullable(openEnumSchema(orgKeyScopePresetNames)),
  expiresAt: z.nullable(isoTimestampSchema),
  lastUsedAt: z.nullable(isoTimestampSchema),
  revokedAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
  createdBy: z.optional(z.nullable(apiKeyCreatorSchema)),
})
export type ApiKey = z.infer<typeof apiKeySchema>

/** Response of `POST /api/api-keys`: the only time the full `key` is returned. */
export const createApiKeyResponseSchema = z.object({
  id: z.string(),
  key: z
    .string()
    .check(z.meta({ description: 'The secret key, `conto_` + 64 hex; shown only once' })),
  keyPrefix: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  scopePreset: z.nullable(openEnumSchema(orgKeyScopePresetNames)),
  expiresAt: z.nullable(isoTimestampSchema),
  createdAt: isoTimestampSchema,
  message: z.string(),
})
export type CreateApiKeyResponse = z.infer<typeof createApiKeyResponseSchema>

/** Query of `GET /api/api-keys`: revoked keys are hidden unless `includeRevoked=true`. */
export const listApiKeysQuerySchema = z.extend(paginationQuerySchema, {
  includeRevoked: z.optional(queryBooleanSchema),
})
export type ListApiKeysQuery = z.input<typeof listApiKeysQuerySchema>

/** `{ apiKeys, pagination }`. */
export const listApiKeysResponseSchema = listEnvelopeSchema('apiKeys', apiKeySchema)
export type ListApiKeysResponse = z.infer<typeof listApiKeysResponseSchema>

/** Response of `DELETE /api/api-keys/{apiKeyId}` (revoking twice returns the first `revokedAt`). */
export const revokeApiKeyResponseSchema = z.object({
  success: z.literal(true),
  id: z.string(),
  revokedAt: isoTimestampSchema,
})
export type RevokeApiKeyResponse = z.infer<typeof revokeApiKeyResponseSchema>

/** Path parameters `{apiKeyId}`. */
export const apiKeyIdParamsSchema = z.object({ apiKeyId: idSchema })
