import { sdkKeyScopePresets } from '@conto/schemas'
import { type AppOptions, createApp } from '../src/app.js'
import { createClock } from '../src/clock.js'
import { openDatabase } from '../src/db/open-database.js'
import { agents, sdkKeys } from '../src/db/schema.js'
import { createId } from '../src/ids.js'
import { generateKey } from '../src/keys.js'
import { silentLogger } from '../src/logger.js'
import { createOrganization, issueOrgApiKey } from '../src/services/organizations.js'
import type { CallOptions, CallResult } from './harness.js'
import { START } from './harness.js'

/**
 * An app for tests of the HTTP layer (request ids, body parsing, rate limits, idempotency):
 * like the harness, but `createApp` options such as `handlers`, `rateLimiter` or
 * `validateResponses` can be replaced, so the tests do not depend on any resource's handlers.
 */
export function createTestApp(options: Partial<Omit<AppOptions, 'database'>> = {}) {
  const database = openDatabase(':memory:')
  const clock = options.clock ?? createClock()
  clock.freeze(START)
  const app = createApp({ logger: silentLogger, ...options, database, clock })
  const db = app.deps.db
  const { organization } = createOrganization(db, clock.now(), {
    name: 'Layer Test Org',
    mode: 'test',
    ownerEmail: 'owner@layer.test',
  })
  const orgKey = issueOrgApiKey(db, clock.now(), {
    organizationId: organization.id,
    name: 'Admin key',
    scopePreset: 'ADMIN',
  }).key

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
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, body: json, text }
  }

  /** An ACTIVE agent with an SDK key (every scope of the admin preset unless given). */
  function createAgentWithKey(input: { scopes?: readonly string[] } = {}) {
    const now = clock.now()
    const agentId = createId()
    db.insert(agents)
      .values({
        id: agentId,
        organizationId: organization.id,
        name: `Agent ${agentId.slice(-6)}`,
        agentType: 'CUSTOM',
        status: 'ACTIVE',
        createdAt: now,
        updatedAt: now,
      })
      .run()
    const generated = generateKey('agent')
    db.insert(sdkKeys)
      .values({
        id: createId(),
        organizationId: organization.id,
        agentId,
        name: 'Test key',
        keyHash: generated.hash,
        keyPrefix: generated.prefix,
        keyType: 'standard',
        scopes: [...(input.scopes ?? sdkKeyScopePresets.admin)],
        expiresAt: now + 365 * 86_400_000,
        createdAt: now,
      })
      .run()
    return { agentId, key: generated.key }
  }

  return { app, db, clock, organization, orgKey, call, createAgentWithKey }
}
