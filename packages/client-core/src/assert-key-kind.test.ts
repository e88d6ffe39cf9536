import { describe, expect, test } from 'vitest'
import { agentKey, orgKey } from '../test/fixtures.js'
import { assertKeyKind } from './assert-key-kind.js'
import { ContoError } from './errors.js'
import { VERSION } from './version.js'

function thrown(fn: () => void): ContoError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ContoError)
    return error as ContoError
  }
  throw new Error('expected a throw')
}

describe('assertKeyKind', () => {
  test('default', () => {
    expect(() => assertKeyKind(agentKey, 'agent', 'Conto')).not.toThrow()
    expect(() => assertKeyKind(orgKey, 'org', 'ContoAdmin')).not.toThrow()
  })

  test('error: an org key given to Conto points to ContoAdmin', () => {
    const error = thrown(() => assertKeyKind(orgKey, 'agent', 'Conto'))
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 })
    expect(error.message).toMatchInlineSnapshot(`
      "Conto takes an agent SDK key (conto_agent_…), but this is an organization API key (conto_…): use ContoAdmin for it.

      Agent SDK keys go to new Conto({ apiKey }); organization API keys to new ContoAdmin({ orgApiKey }).

      Docs: https://conto.finance/docs/errors/AUTH_FAILED
      Version: @conto/client-core@${VERSION}"
    `)
  })

  test('error: an agent key given to ContoAdmin points to Conto', () => {
    const error = thrown(() => assertKeyKind(agentKey, 'org', 'ContoAdmin'))
    expect(error.shortMessage).toBe(
      'ContoAdmin takes an organization API key (conto_…), but this is an agent SDK key (conto_agent_…): use Conto for it.',
    )
  })

  test('error: a missing key names the option and the environment variable', () => {
    expect(thrown(() => assertKeyKind(undefined, 'agent', 'Conto')).message).toContain(
      'Pass it as new Conto({ apiKey }), or set CONTO_API_KEY.',
    )
    expect(thrown(() => assertKeyKind('  ', 'org', 'ContoAdmin')).message).toContain(
      'Pass it as new ContoAdmin({ orgApiKey }), or set CONTO_ORG_API_KEY.',
    )
  })

  test('error: a key of neither kind', () => {
    const error = thrown(() => assertKeyKind('sk_live_1234567890abcdef', 'agent', 'Conto'))
    expect(error.shortMessage).toBe(
      'Conto needs an agent SDK key (conto_agent_…), but the key given does not start with conto_agent_.',
    )
  })

  test('behavior: the key never appears in the message', () => {
    for (const [key, kind] of [
      [orgKey, 'agent'],
      [agentKey, 'org'],
      ['sk_live_1234567890abcdef', 'org'],
    ] as const) {
      const error = thrown(() => assertKeyKind(key, kind, 'Client'))
      expect(`${error.message}\n${error.stack}\n${JSON.stringify(error)}`).not.toContain(key)
    }
  })
})
