import { enumSchema } from './common.js'

/**
 * Key scopes and the presets of both key kinds (§4.10): agent SDK keys (`conto_agent_…`,
 * `standard` or `admin`) and organization API keys (`conto_…`, READ_ONLY / STANDARD / ADMIN).
 */

/** Scopes an agent SDK key can hold. */
export const agentScopes = [
  'payments:request',
  'payments:execute',
  'payments:approve',
  'payments:confirm',
  'wallets:read',
  'wallets:write',
  'policies:read',
  'policies:write',
  'policies:exceptions',
  'transactions:read',
  'transactions:write',
  'counterparties:read',
  'counterparties:write',
  'alerts:read',
  'alerts:write',
  'agents:read',
  'agents:write',
  'analytics:read',
  'network:read',
  'audit:read',
] as const
export type AgentScope = (typeof agentScopes)[number]
export const agentScopeSchema = enumSchema(agentScopes, 'scope')

/** Scopes an organization API key can hold. */
export const orgScopes = [
  'agents:read',
  'agents:write',
  'wallets:read',
  'wallets:write',
  'policies:read',
  'policies:write',
  'transactions:read',
  'transactions:write',
  'counterparties:read',
  'counterparties:write',
  'alerts:read',
  'alerts:write',
  'analytics:read',
  'audit:read',
  'team:read',
  'team:write',
  'merchant:purchase',
] as const
export type OrgScope = (typeof orgScopes)[number]
export const orgScopeSchema = enumSchema(orgScopes, 'scope')

/** Every scope of either key kind. */
export type Scope = AgentScope | OrgScope

export const sdkKeyTypes = ['standard', 'admin'] as const
export type SdkKeyType = (typeof sdkKeyTypes)[number]
export const sdkKeyTypeSchema = enumSchema(sdkKeyTypes, 'keyType')

/** Scopes an agent key gets when `scopes` is omitted, per `keyType`. */
export const sdkKeyScopePresets = {
  standard: [
    'payments:request',
    'wallets:read',
    'policies:read',
    'transactions:read',
    'counterparties:read',
    'alerts:read',
    'agents:read',
    'analytics:read',
    'network:read',
  ],
  admin: [
    'payments:request',
    'payments:execute',
    'payments:approve',
    'payments:confirm',
    'wallets:read',
    'wallets:write',
    'policies:read',
    'policies:write',
    'transactions:read',
    'transactions:write',
    'counterparties:read',
    'counterparties:write',
    'alerts:read',
    'alerts:write',
    'agents:read',
    'agents:write',
    'analytics:read',
    'network:read',
    'audit:read',
  ],
} as const satisfies Record<SdkKeyType, readonly AgentScope[]>

export const orgKeyScopePresetNames = ['READ_ONLY', 'STANDARD', 'ADMIN'] as const
export type OrgKeyScopePreset = (typeof orgKeyScopePresetNames)[number]
export const orgKeyScopePresetSchema = enumSchema(orgKeyScopePresetNames, 'scopePreset')

/** Scopes of each org-key preset: READ_ONLY = every `:read`; STANDARD adds writes on agents, wallets, policies; ADMIN = all. */
export const orgKeyScopePresets = {
  READ_ONLY: orgScopes.filter((scope) => scope.endsWith(':read')),
  STANDARD: [
    ...orgScopes.filter((scope) => scope.endsWith(':read')),
    'agents:write',
    'wallets:write',
    'policies:write',
  ],
  ADMIN: [...orgScopes],
} as const satisfies Record<OrgKeyScopePreset, readonly OrgScope[]>

/** Prefix of organization API keys (`conto_` + 64 hex). */
export const ORG_KEY_PREFIX = 'conto_'
/** Prefix of agent SDK keys (`conto_agent_` + 64 hex). */
export const AGENT_KEY_PREFIX = 'conto_agent_'

export const orgApiKeyPattern = /^conto_(?!agent_)[0-9a-f]{64}$/
export const agentSdkKeyPattern = /^conto_agent_[0-9a-f]{64}$/

/** Which kind of key a bearer token looks like, from its prefix alone. */
export function keyKindOf(key: string): 'agent' | 'org' | 'unknown' {
  if (key.startsWith(AGENT_KEY_PREFIX)) return 'agent'
  if (key.startsWith(ORG_KEY_PREFIX)) return 'org'
  return 'unknown'
}
