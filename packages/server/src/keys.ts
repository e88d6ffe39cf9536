import { createHash, randomBytes } from 'node:crypto'
import { AGENT_KEY_PREFIX, ORG_KEY_PREFIX } from '@conto/schemas'

/**
 * API keys: `conto_` + 64 hex for organization keys, `conto_agent_` + 64 hex for agent SDK keys.
 * Only the SHA-256 hash and a display prefix are stored; the key is shown once.
 */
export interface GeneratedKey {
  readonly key: string
  readonly hash: string
  readonly prefix: string
}

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex')

/** The part of a key safe to display: its first 16 characters, then `...` (§7 #34). */
export const displayPrefix = (key: string): string => `${key.slice(0, 16)}...`

export function generateKey(kind: 'org' | 'agent'): GeneratedKey {
  const key = `${kind === 'agent' ? AGENT_KEY_PREFIX : ORG_KEY_PREFIX}${randomBytes(32).toString('hex')}`
  return { key, hash: hashKey(key), prefix: displayPrefix(key) }
}
