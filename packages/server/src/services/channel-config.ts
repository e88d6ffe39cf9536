import type { NotificationChannelType } from '@conto/schemas'
import { openSecret, sealSecret } from './secret-box.js'

/**
 * A notification channel's `config` at rest and on the wire. Secret fields (bot tokens, access
 * tokens, Telegram's webhook secret token, a WEBHOOK channel's signing secret) are stored sealed
 * with the server secret (`secret-box.ts`, bound to the channel and field) next to their masked
 * form, e.g. `{ "$sealed": "v1.…", "masked": "xoxb-…f3Qa" }`; responses only ever carry the mask.
 * Every other field is stored as sent.
 */

/** The secret fields of each channel type's config. */
const channelSecretFields: Readonly<Record<NotificationChannelType, readonly string[]>> = {
  EMAIL: [],
  SLACK: ['botToken'],
  TELEGRAM: ['botToken', 'webhookSecretToken'],
  WHATSAPP: ['accessToken'],
  WEBHOOK: ['signingSecret'],
}

/** A secret field as stored. */
interface SealedField {
  readonly $sealed: string
  readonly masked: string
}

const secretFieldsOf = (type: string): readonly string[] =>
  channelSecretFields[type as NotificationChannelType] ?? []

const contextOf = (channelId: string, field: string) => `notification_channel:${channelId}:${field}`

function isSealedField(value: unknown): value is SealedField {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $sealed?: unknown }).$sealed === 'string' &&
    typeof (value as { masked?: unknown }).masked === 'string'
  )
}

/**
 * A secret shown without giving it away: a known, non-secret prefix (`xoxb-`, `whsec_`, a
 * Telegram bot id `123456:`) and the last 4 characters, e.g. `xoxb-…f3Qa`; short secrets show
 * nothing but the prefix.
 */
export function maskSecret(value: string): string {
  const prefix = /^(xox[a-z]-|whsec_|\d+:)/.exec(value)?.[0] ?? ''
  const rest = value.slice(prefix.length)
  return rest.length < 12 ? `${prefix}…` : `${prefix}…${rest.slice(-4)}`
}

/**
 * The config to store: every secret field of `type` sealed. A secret field sent back exactly as
 * its mask keeps the stored secret (so a client that round-trips a retrieved config does not
 * overwrite a token with its mask), and secret fields the new config does not carry but
 * `carryOver` names (a WEBHOOK channel's signing secret) keep their stored value.
 */
export function sealChannelConfig(
  type: string,
  channelId: string,
  config: Record<string, unknown>,
  secret: Uint8Array,
  previous: Record<string, unknown> = {},
  carryOver: readonly string[] = [],
): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...config }
  for (const field of secretFieldsOf(type)) {
    const value = config[field]
    const before = previous[field]
    if (value === undefined) {
      if (carryOver.includes(field) && before !== undefined) stored[field] = before
      continue
    }
    if (typeof value !== 'string') continue
    if (isSealedField(before) && before.masked === value) {
      stored[field] = before
      continue
    }
    stored[field] = {
      $sealed: sealSecret(value, secret, contextOf(channelId, field)),
      masked: maskSecret(value),
    } satisfies SealedField
  }
  return stored
}

/** The config with its secrets decrypted (for sending); throws when a secret does not open. */
export function openChannelConfig(
  type: string,
  channelId: string,
  stored: Record<string, unknown>,
  secret: Uint8Array,
): Record<string, unknown> {
  const config: Record<string, unknown> = { ...stored }
  for (const field of secretFieldsOf(type)) {
    const value = stored[field]
    if (isSealedField(value)) {
      config[field] = openSecret(value.$sealed, secret, contextOf(channelId, field))
    }
  }
  return config
}

/** The secret values of an opened config (to scrub them from error messages). */
export function secretValuesOf(type: string, config: Record<string, unknown>): string[] {
  return secretFieldsOf(type)
    .map((field) => config[field])
    .filter((value): value is string => typeof value === 'string' && value !== '')
}

/** The config as responses show it: secrets masked (also any stored without sealing). */
export function maskChannelConfig(
  type: string,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const config: Record<string, unknown> = { ...stored }
  for (const field of secretFieldsOf(type)) {
    const value = stored[field]
    if (isSealedField(value)) config[field] = value.masked
    else if (typeof value === 'string') config[field] = maskSecret(value)
    else if (value !== undefined) config[field] = '…'
  }
  return config
}
