import { AGENT_KEY_PREFIX, keyKindOf, ORG_KEY_PREFIX } from '@conto/schemas'
import { ContoError } from './errors.js'

/** The key kinds: agent SDK keys (`conto_agent_…`) and organization API keys (`conto_…`). */
export type KeyKind = 'agent' | 'org'

const kinds = {
  agent: {
    label: 'an agent SDK key',
    prefix: `${AGENT_KEY_PREFIX}…`,
    client: 'Conto',
    usage: 'new Conto({ apiKey })',
    env: 'CONTO_API_KEY',
  },
  org: {
    label: 'an organization API key',
    prefix: `${ORG_KEY_PREFIX}…`,
    client: 'ContoAdmin',
    usage: 'new ContoAdmin({ orgApiKey })',
    env: 'CONTO_ORG_API_KEY',
  },
} as const

/**
 * Checks that a key is the kind a client takes, before any request is sent: `Conto` takes agent
 * SDK keys (`conto_agent_…`), `ContoAdmin` organization keys (`conto_…`). The message says which
 * class to use instead; it never contains the key.
 *
 * @example
 * ```ts
 * assertKeyKind(options.apiKey ?? readEnv('CONTO_API_KEY'), 'agent', 'Conto')
 * ```
 * @throws {ContoError} `AUTH_FAILED` when the key is missing or of the other kind.
 * @see https://conto.finance/docs/errors/AUTH_FAILED
 */
export function assertKeyKind(
  key: string | undefined,
  expected: KeyKind,
  clientName: string,
): asserts key is string {
  const want = kinds[expected]
  if (typeof key !== 'string' || key.trim() === '') {
    throw keyError(`${clientName} needs ${want.label} (${want.prefix}).`, [
      `Pass it as ${want.usage}, or set ${want.env}.`,
    ])
  }
  const actual = keyKindOf(key)
  if (actual === expected) return
  if (actual === 'unknown') {
    throw keyError(
      `${clientName} needs ${want.label} (${want.prefix}), but the key given does not start with ${want.prefix.slice(0, -1)}.`,
      ['Check that the whole key was copied, without quotes or spaces.'],
    )
  }
  const other = kinds[actual]
  throw keyError(
    `${clientName} takes ${want.label} (${want.prefix}), but this is ${other.label} (${other.prefix}): use ${other.client} for it.`,
    [`Agent SDK keys go to ${kinds.agent.usage}; organization API keys to ${kinds.org.usage}.`],
  )
}

function keyError(shortMessage: string, details: string[]): ContoError {
  return new ContoError(shortMessage, { code: 'AUTH_FAILED', status: 401, details })
}
