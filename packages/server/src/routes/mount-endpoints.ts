import { createHash } from 'node:crypto'
import {
  defaults,
  endpointList,
  type RegisteredEndpoint,
  toValidationIssues,
  wireErrorCodeOf,
} from '@conto/schemas'
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { canonicalJson } from '../canonical-json.js'
import {
  deleteIdempotencyKeysBefore,
  findIdempotencyKey,
  insertIdempotencyKeyIfAbsent,
} from '../db/repositories/idempotency-keys.js'
import type { Auth, RequestInfo, ServiceDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { authenticate } from '../middleware/authenticate.js'
import { addressPrincipal, clientIp } from '../middleware/rate-limit-headers.js'
import { type RateLimiter, setRateLimitHeaders } from '../rate-limiter.js'
import { type Handler, type Handlers, isResponded } from './define-handlers.js'

export interface MountOptions {
  readonly deps: ServiceDeps
  readonly handlers: Handlers
  readonly rateLimiter: RateLimiter
  /**
   * Check every response against its endpoint's schema: `throw` (tests: a drift fails loudly),
   * `log` (servers: log it and still answer), or `off`.
   */
  readonly validateResponses: 'throw' | 'log' | 'off'
  /** Read the client address from `X-Forwarded-For` (only behind a trusted proxy). */
  readonly trustProxy: boolean
}

type Env = { Variables: { requestId: string } }

/**
 * Mounts every endpoint of the registry on `app`: authentication and scopes, the rate-limit
 * class, test-mode gating, request parsing with the endpoint's schemas (400 with the wire code
 * and `issues`), `Idempotency-Key` replay, the handler, and the success status. Endpoints
 * without a handler answer 501 so the surface the OpenAPI document shows is never silently
 * missing.
 */
export function mountEndpoints(app: Hono<Env>, options: MountOptions): void {
  const inFlight = new Map<string, Promise<StoredResponse>>()
  // Literal paths first, so `/api/agents/sandbox` wins over `/api/agents/{agentId}`.
  const ordered = [...endpointList].sort(
    (a, b) => literalSegments(b.path) - literalSegments(a.path),
  )
  for (const endpoint of ordered) {
    const path = endpoint.path.replace(/\{([^}]+)\}/g, ':$1')
    app.on(endpoint.method, path, (c) => serve(c, endpoint, options, inFlight))
  }
}

interface StoredResponse {
  readonly status: number
  readonly body: string
}

async function serve(
  c: Context<Env>,
  endpoint: RegisteredEndpoint,
  options: MountOptions,
  inFlight: Map<string, Promise<StoredResponse>>,
): Promise<Response> {
  const { deps } = options
  if (endpoint.testModeOnly && deps.mode !== 'test') {
    throw new ApiError(
      'NOT_FOUND',
      `${endpoint.method} ${endpoint.path} is only available in test mode`,
    )
  }
  let auth: Auth
  try {
    auth = authenticate(deps, endpoint, c.req.header('authorization'))
  } catch (error) {
    // Failed authentication still counts (per client address), so guessing keys is throttled.
    applyRateLimit(c, endpoint, { kind: 'public' }, options, deps.clock.now())
    throw error
  }
  applyRateLimit(c, endpoint, auth, options, deps.clock.now())

  const handler = options.handlers[endpoint.id] as Handler<RegisteredEndpoint> | undefined
  if (!handler) {
    return c.json(
      {
        error: `${endpoint.method} ${endpoint.path} is not implemented by this server yet`,
        code: 'NOT_IMPLEMENTED',
        requestId: c.get('requestId'),
      },
      501,
    )
  }

  const params = parsePart(endpoint.params, c.req.param(), 'path')
  const query = parsePart(endpoint.query, queryObject(c), 'query')
  const rawBody = endpoint.body ? await readJsonBody(c) : undefined
  const body = endpoint.body ? parsePart(endpoint.body, rawBody, 'body') : undefined

  const request: RequestInfo = {
    requestId: c.get('requestId'),
    ip: clientIp(c, options.trustProxy),
    url: c.req.url,
    userAgent: c.req.header('user-agent'),
    idempotencyKey: c.req.header('idempotency-key') ?? undefined,
  }

  const run = async (): Promise<StoredResponse> => {
    const result = await handler({ params, query, body, auth, deps, request } as never)
    const status = isResponded(result) ? result.status : endpoint.successStatus
    const payload = isResponded(result) ? result.body : result
    if (options.validateResponses !== 'off')
      checkResponse(endpoint, payload, deps, options.validateResponses)
    return { status, body: JSON.stringify(payload) }
  }

  const idempotencyKey = request.idempotencyKey
  const credentialId = auth.kind === 'public' ? undefined : auth.keyId
  const stored =
    idempotencyKey !== undefined &&
    credentialId !== undefined &&
    (endpoint.method === 'POST' || endpoint.method === 'DELETE')
      ? await withIdempotency(deps, inFlight, {
          credentialId,
          key: idempotencyKey,
          method: endpoint.method,
          path: c.req.path,
          bodyHash: hashBody(rawBody),
          run,
        })
      : await run()
  return c.body(stored.body, stored.status as 200, {
    'content-type': 'application/json; charset=utf-8',
  })
}

// --- rate limits --------------------------------------------------------------------------

function applyRateLimit(
  c: Context<Env>,
  endpoint: RegisteredEndpoint,
  auth: Auth,
  options: MountOptions,
  now: number,
): void {
  if (endpoint.rateLimit === 'none') return
  const rule = defaults.rateLimits[endpoint.rateLimit]
  const principal =
    auth.kind === 'agent'
      ? `agent:${auth.agentId}`
      : auth.kind === 'org'
        ? `key:${auth.keyId}`
        : addressPrincipal(c, options.trustProxy)
  const result = options.rateLimiter.hit(
    `${endpoint.rateLimit}:${principal}`,
    rule.limit,
    rule.windowSeconds * 1000,
    now,
  )
  setRateLimitHeaders(c.header.bind(c), result)
  if (!result.allowed) {
    const retryAfter = Math.ceil(result.retryAfterMs / 1000)
    c.header('Retry-After', String(retryAfter))
    c.header('retry-after-ms', String(result.retryAfterMs))
    throw new ApiError('RATE_LIMITED', 'Rate limit exceeded. Please slow down your requests.', {
      retryAfter,
    })
  }
}

// --- parsing --------------------------------------------------------------------------------

function parsePart(
  schema: z.core.$ZodType | undefined,
  value: unknown,
  part: 'path' | 'query' | 'body',
): unknown {
  if (!schema) return undefined
  const result = z.safeParse(schema, value)
  if (result.success) return result.data
  const issues = toValidationIssues(result.error.issues)
  const code = wireErrorCodeOf(result.error.issues)
  const first = issues[0]
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : ''
  const message =
    code === 'VALIDATION_ERROR'
      ? `Invalid ${part === 'path' ? 'path parameter' : part}: ${where}${first?.message ?? 'invalid value'}`
      : `${where}${first?.message ?? 'invalid value'}`
  throw new ApiError(code, message, { issues })
}

function queryObject(c: Context<Env>): Record<string, string | string[]> {
  const all = c.req.queries()
  const out: Record<string, string | string[]> = {}
  for (const [key, values] of Object.entries(all)) {
    out[key] = values.length === 1 ? (values[0] as string) : values
  }
  return out
}

/** Deeper bodies are refused before parsing, so no recursive code can run out of stack. */
const MAX_JSON_DEPTH = 32

/** The deepest `[`/`{` nesting of a JSON text (strings skipped); one pass, no parsing. */
function nestingDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === 92 /* \\ */) index++
      else if (char === 34 /* " */) inString = false
    } else if (char === 34) inString = true
    else if (char === 123 || char === 91 /* { [ */) {
      depth++
      if (depth > max) max = depth
    } else if (char === 125 || char === 93 /* } ] */) depth--
  }
  return max
}

/** The JSON body: empty → `{}`; wrong content type, too deep, malformed JSON or a non-object → 400. */
async function readJsonBody(c: Context<Env>): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  const contentType = c.req.header('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(contentType.trim())) {
    throw new ApiError('VALIDATION_ERROR', 'Content-Type must be application/json', {
      issues: [{ path: [], message: 'Content-Type must be application/json' }],
    })
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new ApiError(
      'VALIDATION_ERROR',
      `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`,
      {
        issues: [{ path: [], message: `JSON may be nested at most ${MAX_JSON_DEPTH} levels deep` }],
      },
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ApiError('VALIDATION_ERROR', 'Malformed JSON in request body', {
      issues: [{ path: [], message: 'Malformed JSON' }],
    })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('VALIDATION_ERROR', 'The request body must be a JSON object', {
      issues: [{ path: [], message: 'Expected a JSON object' }],
    })
  }
  return parsed
}

function checkResponse(
  endpoint: RegisteredEndpoint,
  payload: unknown,
  deps: ServiceDeps,
  mode: 'throw' | 'log',
): void {
  const result = endpoint.response.safeParse(payload)
  if (result.success) return
  deps.logger.error('response does not match its schema', {
    endpoint: endpoint.id,
    issues: toValidationIssues(result.error.issues).slice(0, 5),
  })
  if (mode === 'throw') throw new Error(`Response of ${endpoint.id} does not match its schema`)
}

// --- idempotency ----------------------------------------------------------------------------

interface IdempotentCall {
  readonly credentialId: string
  readonly key: string
  readonly method: string
  readonly path: string
  readonly bodyHash: string
  readonly run: () => Promise<StoredResponse>
}

const RETENTION_MS = defaults.idempotencyRetentionHours * 3_600_000

/**
 * Replays the stored response of a key used before with the same request; a different request
 * with the same key is 409 IDEMPOTENCY_CONFLICT. Concurrent calls with one key share one run.
 * Only successful responses are stored, so a failed call can be retried with the same key.
 */
async function withIdempotency(
  deps: ServiceDeps,
  inFlight: Map<string, Promise<StoredResponse>>,
  call: IdempotentCall,
): Promise<StoredResponse> {
  if (call.key.length === 0 || call.key.length > 255) {
    throw new ApiError('VALIDATION_ERROR', 'Idempotency-Key must be 1-255 characters', {
      issues: [{ path: ['Idempotency-Key'], message: 'must be 1-255 characters' }],
    })
  }
  const slot = `${call.credentialId}\u0000${call.key}`
  const now = deps.clock.now()
  deleteIdempotencyKeysBefore(deps.db, now - RETENTION_MS)
  const existing = findIdempotencyKey(deps.db, call.credentialId, call.key)
  if (existing) {
    assertSameRequest(existing, call)
    return { status: existing.status, body: existing.responseBody }
  }
  const running = inFlight.get(slot)
  if (running) return running
  const promise = (async () => {
    const response = await call.run()
    insertIdempotencyKeyIfAbsent(deps.db, {
      credentialId: call.credentialId,
      key: call.key,
      method: call.method,
      path: call.path,
      bodyHash: call.bodyHash,
      status: response.status,
      responseBody: response.body,
      createdAt: deps.clock.now(),
    })
    return response
  })()
  inFlight.set(slot, promise)
  try {
    return await promise
  } finally {
    inFlight.delete(slot)
  }
}

function assertSameRequest(
  existing: { method: string; path: string; bodyHash: string },
  call: IdempotentCall,
): void {
  if (
    existing.method !== call.method ||
    existing.path !== call.path ||
    existing.bodyHash !== call.bodyHash
  ) {
    throw new ApiError(
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was already used with a different request: use a new key for a new request',
    )
  }
}

/** Hash of the body's canonical JSON (key order does not matter). */
export function hashBody(body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(body ?? null))
    .digest('hex')
}

const literalSegments = (path: string) =>
  path.split('/').filter((segment) => segment && !segment.startsWith('{')).length
