import { defaults, sdkKeyScopePresets } from '@conto/schemas'
import { type AppOptions, createApp } from '../src/app.js'
import { createClock } from '../src/clock.js'
import type { ServerMode } from '../src/config.js'
import { openDatabase } from '../src/db/open-database.js'
import { agents, sdkKeys } from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import { generateKey } from '../src/keys.js'
import { silentLogger } from '../src/logger.js'
import { createOrganization, issueOrgApiKey } from '../src/services/organizations.js'

/**
 * A fresh in-memory server for one test: an organization with an OWNER and an ADMIN org key,
 * a frozen clock (2026-04-08T12:00:00Z, a Wednesday), and helpers to call the API.
 */
export const START = Date.parse('2026-04-08T12:00:00.000Z')

export interface CallOptions {
  readonly key?: string | null
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

export interface CallResult {
  readonly status: number
  readonly headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  readonly body: any
  readonly text: string
}

export interface HarnessOptions extends Partial<Omit<AppOptions, 'database'>> {
  readonly mode?: ServerMode
}

export function createHarness(options: HarnessOptions = {}) {
  const database = openDatabase(':memory:')
  const clock = options.clock ?? createClock()
  clock.freeze(START)
  const app = createApp({
    logger: silentLogger,
    ...options,
    database,
    clock,
    mode: options.mode ?? 'test',
  })
  const db = app.deps.db
  const { organization, owner } = createOrganization(db, clock.now(), {
    name: 'Acme',
    mode: options.mode ?? 'test',
    ownerEmail: 'owner@acme.test',
  })
  const orgKey = issueOrgApiKey(db, clock.now(), {
    organizationId: organization.id,
    name: 'Admin key',
    scopePreset: 'ADMIN',
  }).key

  /** Calls the API with the org key by default; `key: null` sends no Authorization header. */
  async function call(
    method: string,
    path: string,
    callOptions: CallOptions = {},
  ): Promise<CallResult> {
    const key = callOptions.key === undefined ? orgKey : callOptions.key
    const headers: Record<string, string> = { ...callOptions.headers }
    if (key !== null) headers['authorization'] = `Bearer ${key}`
    let body: string | undefined
    if (callOptions.body !== undefined) {
      body =
        typeof callOptions.body === 'string' ? callOptions.body : JSON.stringify(callOptions.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    })
    const text = await response.text()
    // biome-ignore lint/suspicious/noExplicitAny: see CallResult.
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, body: json, text }
  }

  /** Another organization with its own ADMIN key (isolation tests). */
  function createOtherOrganization(name = 'Other Org') {
    const other = createOrganization(db, clock.now(), {
      name,
      mode: 'test',
      ownerEmail: `owner@${name.replace(/\W/g, '').toLowerCase()}.test`,
    })
    const key = issueOrgApiKey(db, clock.now(), {
      organizationId: other.organization.id,
      name: 'Admin',
      scopePreset: 'ADMIN',
    }).key
    return { organization: other.organization, key }
  }

  /** Inserts an ACTIVE agent and an SDK key for it directly (no API calls). */
  function createAgentWithKey(
    input: {
      name?: string
      organizationId?: string
      keyType?: 'standard' | 'admin'
      scopes?: readonly string[]
      expiresAt?: number | null
    } = {},
  ) {
    const now = clock.now()
    const agentId = createId()
    const organizationId = input.organizationId ?? organization.id
    db.insert(agents)
      .values({
        id: agentId,
        organizationId,
        name: input.name ?? `Agent ${agentId.slice(-6)}`,
        agentType: 'CUSTOM',
        status: 'ACTIVE',
        autoFreezeEnabled: defaults.autoFreeze.autoFreezeEnabled,
        createdAt: now,
        updatedAt: now,
      })
      .run()
    const generated = generateKey('agent')
    const keyType = input.keyType ?? 'standard'
    db.insert(sdkKeys)
      .values({
        id: createId(),
        organizationId,
        agentId,
        name: 'Test key',
        keyHash: generated.hash,
        keyPrefix: generated.prefix,
        keyType,
        scopes: [...(input.scopes ?? sdkKeyScopePresets[keyType])],
        expiresAt: input.expiresAt === undefined ? now + 365 * 86_400_000 : input.expiresAt,
        createdAt: now,
      })
      .run()
    return { agentId, key: generated.key }
  }

  return {
    app,
    db,
    clock,
    organization,
    owner,
    orgKey,
    call,
    createOtherOrganization,
    createAgentWithKey,
  }
}

export type Harness = ReturnType<typeof createHarness>
