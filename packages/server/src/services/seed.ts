import {
  createAgentParamsSchema,
  createAgentWalletLinkParamsSchema,
  createSdkKeyParamsSchema,
  createWalletParamsSchema,
  orgKeyScopePresets,
} from '@conto/schemas'
import { findLink } from '../db/repositories/agent-wallet-links.js'
import { type AgentRow, findAgent, findAgentByName } from '../db/repositories/agents.js'
import { findOrganization } from '../db/repositories/organizations.js'
import { readSetting, writeSetting } from '../db/repositories/settings.js'
import { findWallet } from '../db/repositories/wallets.js'
import { type DbLike, inTransaction } from '../db/transaction.js'
import { type Actor, type Auth, organizationIdOf, type ServiceDeps } from '../deps.js'
import { linkWallet } from './agent-wallet-links.js'
import { createAgent, generateAgentPublicKey } from './agents.js'
import { recordAudit } from './audit-log.js'
import { createOrganization, issueOrgApiKey } from './organizations.js'
import { agentPaymentScopes, pinnedClock } from './sandbox.js'
import { createSdkKey } from './sdk-keys.js'
import { createWallet, fundWallet } from './wallets.js'

/**
 * The demo data of `conto-server seed` / `start --seed` (project contract §2): one test-mode
 * organization with an OWNER, an ADMIN org API key, an agent with an SDK key holding every
 * payment scope and the read scopes, a managed (PRIVY) wallet with a real key funded with
 * 10,000, and an EXTERNAL wallet, both linked to the agent with the default link limits.
 *
 * Idempotent: a `settings` row remembers what was seeded. On a seeded database nothing is
 * duplicated (a piece deleted since is recreated); a fresh org key and agent key are issued,
 * and the earlier keys keep working.
 */

/** The credentials `seed` prints (and writes with `--credentials-out`). */
export interface SeedCredentials {
  readonly baseUrl: string
  readonly organizationId: string
  readonly orgApiKey: string
  readonly agentId: string
  readonly agentSdkKey: string
  readonly managedWalletId: string
  readonly externalWalletId: string
  readonly externalWalletAddress: string
}

export interface SeedOptions {
  /** The server's base URL, echoed in the credentials (e.g. `http://127.0.0.1:3006`). */
  readonly baseUrl: string
}

/** The `settings` key holding the seeded ids. */
export const SEED_SETTING = 'seed.demo'

export const SEED_ORGANIZATION_NAME = 'Demo Organization'
export const SEED_OWNER_EMAIL = 'owner@demo.conto.test'
export const SEED_AGENT_NAME = 'Demo Agent'
export const SEED_FUNDING = 10_000

interface SeedState {
  organizationId: string
  agentId: string
  managedWalletId: string
  externalWalletId: string
}

const seedActor: Actor = { type: 'SYSTEM', id: 'seed' }

export function seedDatabase(deps: ServiceDeps, options: SeedOptions): SeedCredentials {
  const now = deps.clock.now()
  return inTransaction(deps.db, (tx) => {
    const previous = readState(tx)
    const organizationId = ensureOrganization(tx, now, previous?.organizationId)

    const orgKey = issueOrgApiKey(tx, now, {
      organizationId,
      name: 'Seed admin key',
      scopePreset: 'ADMIN',
    })
    recordAudit(tx, now, {
      organizationId,
      action: 'CREATE',
      resource: 'api_key',
      resourceId: orgKey.row.id,
      newState: { id: orgKey.row.id, name: orgKey.row.name, keyPrefix: orgKey.row.keyPrefix },
      actor: seedActor,
      metadata: { seed: true },
    })
    // The remaining steps run as the fresh admin key, through the same services as the API.
    const auth: Auth = {
      kind: 'org',
      organizationId,
      keyId: orgKey.row.id,
      scopes: new Set(orgKeyScopePresets.ADMIN),
    }
    const call = { deps: { ...deps, clock: pinnedClock(now) }, auth }

    const agent = ensureAgent(call, previous?.agentId)
    const managed =
      existingWallet(tx, organizationId, previous?.managedWalletId) ?? createManagedWallet(call)
    const external =
      existingWallet(tx, organizationId, previous?.externalWalletId) ??
      createWallet(
        call,
        createWalletParamsSchema.parse({
          name: 'Demo External Wallet',
          custodyType: 'EXTERNAL',
          address: generateAgentPublicKey(),
        }),
      ).wallet
    for (const walletId of [managed.id, external.id]) {
      if (findLink(tx, organizationId, agent.id, walletId)) continue
      linkWallet(call, agent.id, createAgentWalletLinkParamsSchema.parse({ walletId }))
    }

    const sdkKey = createSdkKey(
      call,
      agent.id,
      createSdkKeyParamsSchema.parse({ name: 'Seed SDK key', scopes: [...agentPaymentScopes] }),
    )

    const state: SeedState = {
      organizationId,
      agentId: agent.id,
      managedWalletId: managed.id,
      externalWalletId: external.id,
    }
    writeSetting(tx, SEED_SETTING, JSON.stringify(state))
    return {
      baseUrl: options.baseUrl,
      organizationId,
      orgApiKey: orgKey.key,
      agentId: agent.id,
      agentSdkKey: sdkKey.key,
      managedWalletId: managed.id,
      externalWalletId: external.id,
      externalWalletAddress: external.address ?? '',
    }
  })
}

type Call = { readonly deps: ServiceDeps; readonly auth: Auth }

function readState(db: DbLike): Partial<SeedState> | undefined {
  const stored = readSetting(db, SEED_SETTING)
  if (stored === undefined) return undefined
  try {
    const parsed = JSON.parse(stored) as unknown
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Partial<SeedState>)
      : undefined
  } catch {
    return undefined
  }
}

function ensureOrganization(db: DbLike, now: number, organizationId: string | undefined): string {
  if (organizationId !== undefined && findOrganization(db, organizationId)) return organizationId
  const { organization, owner } = createOrganization(db, now, {
    name: SEED_ORGANIZATION_NAME,
    mode: 'test',
    ownerEmail: SEED_OWNER_EMAIL,
    ownerName: 'Demo Owner',
  })
  recordAudit(db, now, {
    organizationId: organization.id,
    action: 'CREATE',
    resource: 'organization',
    resourceId: organization.id,
    newState: organization,
    actor: seedActor,
    metadata: { seed: true, ownerMemberId: owner.id },
  })
  return organization.id
}

/** The seeded agent if it still exists and can get keys; otherwise a new one. */
function ensureAgent(call: Call, agentId: string | undefined): { id: string } {
  const { db } = call.deps
  const organizationId = organizationIdOf(call.auth)
  const existing: AgentRow | undefined =
    agentId === undefined ? undefined : findAgent(db, organizationId, agentId)
  if (existing && existing.status !== 'REVOKED') return existing
  let name = SEED_AGENT_NAME
  for (let suffix = 2; findAgentByName(db, organizationId, name); suffix++) {
    name = `${SEED_AGENT_NAME} ${suffix}`
  }
  return createAgent(
    call,
    createAgentParamsSchema.parse({
      name,
      agentType: 'CUSTOM',
      description: 'Demo agent created by conto-server seed',
    }),
  )
}

function existingWallet(db: DbLike, organizationId: string, walletId: string | undefined) {
  return walletId === undefined ? undefined : findWallet(db, organizationId, walletId)
}

/** A PRIVY wallet with a freshly generated key (viem), funded for the demo. */
function createManagedWallet(call: Call) {
  const { wallet } = createWallet(
    call,
    createWalletParamsSchema.parse({ name: 'Demo Managed Wallet', custodyType: 'PRIVY' }),
  )
  return fundWallet(call, wallet.id, { amount: SEED_FUNDING }).wallet
}
