import {
  type CreateSandboxResponse,
  createAgentParamsSchema,
  createAgentWalletLinkParamsSchema,
  type createSandboxParamsSchema,
  createSdkKeyParamsSchema,
  createWalletParamsSchema,
  defaults,
  type SandboxDescription,
  sandboxSelfDescription,
} from '@conto/schemas'
import type { z } from 'zod'
import { type Clock, toIso } from '../clock.js'
import { inTransaction } from '../db/transaction.js'
import type { Auth, RequestInfo, ServiceDeps } from '../deps.js'
import { linkWallet } from './agent-wallet-links.js'
import { createAgent, definedOnly, generateAgentPublicKey } from './agents.js'
import { recordAudit } from './audit-log.js'
import { createOrganization, issueOrgApiKey } from './organizations.js'
import { createSdkKey } from './sdk-keys.js'
import { createWallet, fundWallet } from './wallets.js'

/**
 * The anonymous agent sandbox (§2.1): `POST /api/agents/sandbox` creates, with no credential, a
 * separate test-mode organization marked `isSandbox` that expires after 7 days, with an agent,
 * an EXTERNAL wallet (100 pathUSD on 42431, SDK_REQUIRED) linked at 5 per transaction and 25 a
 * day, an agent SDK key with the payment scopes and a read-only org API key — every credential
 * expiring with the organization. The server's own mode does not matter: sandboxes are test mode.
 */

type CreateSandboxInput = z.output<typeof createSandboxParamsSchema>

const sandboxDefaults = defaults.sandbox
const DAY_MS = 86_400_000

/** Every payment scope plus every read scope an agent key can hold (sandbox and seed keys). */
export const agentPaymentScopes = [
  'payments:request',
  'payments:execute',
  'payments:approve',
  'payments:confirm',
  'wallets:read',
  'policies:read',
  'transactions:read',
  'counterparties:read',
  'alerts:read',
  'agents:read',
  'analytics:read',
  'network:read',
  'audit:read',
] as const

export const SANDBOX_ORGANIZATION_NAME = 'Sandbox Organization'

export const SANDBOX_MESSAGE =
  `Sandbox created. Save these credentials now: they are shown once and expire in ` +
  `${sandboxDefaults.expiresInDays} days. Use sdkKey as a Bearer token on /api/sdk/*; the org ` +
  'API key is read-only.'

/** `GET /api/agents/sandbox`: the machine-readable description of the signup endpoint. */
export function describeSandbox(): SandboxDescription {
  return sandboxSelfDescription
}

/** `POST /api/agents/sandbox`: one atomic signup; nothing is left behind if any step fails. */
export function createSandbox(
  deps: ServiceDeps,
  input: CreateSandboxInput,
  request?: RequestInfo,
): CreateSandboxResponse {
  const now = deps.clock.now()
  const expiresAt = now + sandboxDefaults.expiresInDays * DAY_MS
  return inTransaction(deps.db, (tx) => {
    const { organization } = createOrganization(tx, now, {
      name: input.organizationName ?? SANDBOX_ORGANIZATION_NAME,
      mode: 'test',
      ownerEmail: 'owner@sandbox.invalid',
      isSandbox: true,
      expiresAt,
    })
    const orgKey = issueOrgApiKey(tx, now, {
      organizationId: organization.id,
      name: 'Sandbox read-only key',
      scopePreset: 'READ_ONLY',
      expiresAt,
    })
    // The other steps run as the sandbox's own key, so they are audited and scoped to it.
    const auth: Auth = {
      kind: 'org',
      organizationId: organization.id,
      keyId: orgKey.row.id,
      scopes: new Set(orgKey.row.scopes),
    }
    // One instant for every row, so each credential expires exactly with the organization.
    const call = { deps: { ...deps, clock: pinnedClock(now) }, auth, request }
    recordAudit(tx, now, {
      organizationId: organization.id,
      action: 'CREATE',
      resource: 'organization',
      resourceId: organization.id,
      newState: { ...organization, expiresAt: toIso(expiresAt) },
      actor: { type: 'SYSTEM', id: 'sandbox' },
      request,
      metadata: { sandbox: true, orgApiKeyId: orgKey.row.id },
    })

    const agent = createAgent(
      call,
      createAgentParamsSchema.parse({
        name: input.name,
        agentType: input.agentType,
        ...definedOnly({
          description: input.description,
          publicKey: input.publicKey,
          externalId: input.externalId,
          metadata: input.metadata,
          callbackUrl: input.callbackUrl,
        }),
      }),
    )

    const walletDefaults = sandboxDefaults.wallet
    const { wallet: created } = createWallet(
      call,
      createWalletParamsSchema.parse({
        name: 'Sandbox Wallet',
        custodyType: walletDefaults.custodyType,
        enforcementMode: walletDefaults.enforcementMode,
        chainId: walletDefaults.chainId,
        address: generateAgentPublicKey(),
      }),
    )
    const { wallet } = fundWallet(call, created.id, { amount: walletDefaults.balance })
    const link = linkWallet(
      call,
      agent.id,
      createAgentWalletLinkParamsSchema.parse({
        walletId: wallet.id,
        spendLimitPerTx: walletDefaults.spendLimitPerTx,
        spendLimitDaily: walletDefaults.spendLimitDaily,
      }),
    )

    const sdkKey = createSdkKey(
      call,
      agent.id,
      createSdkKeyParamsSchema.parse({
        name: 'Sandbox SDK key',
        expiresInDays: sandboxDefaults.expiresInDays,
        scopes: [...agentPaymentScopes],
      }),
    )

    return {
      organization: { id: organization.id, name: organization.name, mode: 'test' as const },
      agent,
      wallet: {
        ...wallet,
        spendLimitPerTx: link.spendLimitPerTx,
        spendLimitDaily: link.spendLimitDaily,
      },
      sdkKey: {
        key: sdkKey.key,
        keyPrefix: sdkKey.keyPrefix,
        scopes: [...agentPaymentScopes],
        expiresAt: sdkKey.expiresAt,
      },
      orgApiKey: {
        key: orgKey.key,
        keyPrefix: orgKey.row.keyPrefix,
        scopes: [...orgKey.row.scopes],
        expiresAt: toIso(expiresAt),
      },
      credentials: { sdkKey: sdkKey.key, apiKey: orgKey.key },
      expiresAt: toIso(expiresAt),
      message: SANDBOX_MESSAGE,
    }
  })
}

/** A clock that stays at `now` (one operation's timestamps all agree). */
export function pinnedClock(now: number): Clock {
  return {
    now: () => now,
    freeze: () => {},
    reset: () => {},
    frozen: true,
  }
}
