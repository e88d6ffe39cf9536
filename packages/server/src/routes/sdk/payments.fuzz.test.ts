import { endpointList, type RegisteredEndpoint } from '@conto/schemas'
import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { createHarness, type Harness } from '../../../test/harness.js'
import {
  ALL_DAYS,
  createWallet,
  link,
  RECIPIENT,
  randomAddress,
  requestPayment,
} from '../../../test/payment-fixtures.js'
import { agents, alerts } from '../../db/schema.js'
import type { Logger } from '../../logger.js'
import type { RateLimiter } from '../../rate-limiter.js'
import { handlers } from '../index.js'

/**
 * Fuzzing the agent surface (issue 5): arbitrary JSON, malformed text and near-valid bodies
 * (wrong types, huge and non-finite numbers, NaN-like strings, deep nesting, long and odd
 * unicode strings, odd path parameters, odd Idempotency-Keys) against every payment endpoint and
 * every other POST route of `/api/sdk/*` that has a handler. The answer is always a 2xx or a 4xx
 * with the error envelope `{ error, code, requestId }` — never a 5xx. Responses are checked
 * against their schemas by the harness, so a drifting 2xx body fails as a 500 too.
 */

const RUNS = 200
const TIMEOUT = 120_000

/** No rate limits: every fuzzed request reaches parsing and the handler. */
const unlimited: RateLimiter = {
  hit: (_key, limit, windowMs, now) => ({
    allowed: true,
    limit,
    remaining: limit,
    resetAt: now + windowMs,
    retryAfterMs: 0,
  }),
}

const PAYMENT_ENDPOINTS = [
  'payments.request',
  'payments.execute',
  'payments.status',
  'payments.approve',
  'payments.confirm',
]

/** The payment endpoints and every other implemented agent-surface POST. */
const targets: RegisteredEndpoint[] = endpointList.filter(
  (endpoint) =>
    endpoint.surface === 'sdk' &&
    endpoint.id in handlers &&
    (endpoint.method === 'POST' || PAYMENT_ENDPOINTS.includes(endpoint.id)),
)

/** Every scope the targets need, so requests get past authorization. */
const allScopes = [...new Set(targets.flatMap((endpoint) => [...endpoint.scopes]))]

/** The server's error log of the current request: a 5xx is reported with its cause. */
const serverErrors: string[] = []
const recordingLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (message, fields) => {
    const stack = String(fields?.['stack'] ?? '')
      .split('\n')
      .slice(0, 6)
      .join('\n')
    serverErrors.push(`${message}: ${String(fields?.['error'] ?? '')}\n${stack}`)
  },
}

interface Fixtures {
  h: Harness
  key: string
  managedWalletId: string
  externalWalletId: string
  senderAddress: string
  /** Valid values of path parameters, by parameter name. */
  ids: Record<string, string[]>
  approvalTokens: string[]
}

let fx: Fixtures

beforeAll(async () => {
  const h = createHarness({ rateLimiter: unlimited, logger: recordingLogger })
  const { agentId, key } = h.createAgentWithKey({ scopes: allScopes })
  // Denials must not suspend the agent part-way through the run.
  h.db.update(agents).set({ autoFreezeEnabled: false }).where(eq(agents.id, agentId)).run()
  const managedWalletId = await createWallet(h, { balance: 1_000_000 })
  await link(h, agentId, managedWalletId, {
    allowedDays: ALL_DAYS,
    spendLimitPerTx: null,
    spendLimitDaily: null,
  })
  const senderAddress = randomAddress()
  const externalWalletId = await createWallet(h, {
    custodyType: 'EXTERNAL',
    address: senderAddress,
  })
  await link(h, agentId, externalWalletId, { allowedDays: ALL_DAYS, spendLimitDaily: null })

  const requestIds: string[] = []
  for (const amount of [1, 2, 3]) {
    const approved = await requestPayment(h, key, { amount, walletId: managedWalletId })
    expect(approved.body.status, approved.text).toBe('APPROVED')
    requestIds.push(approved.body.requestId)
  }
  const denied = await requestPayment(h, key, {
    amount: 5_000_000,
    walletId: managedWalletId,
  })
  expect(denied.body.status, denied.text).toBe('DENIED')
  requestIds.push(denied.body.requestId)

  const approvalIds: string[] = []
  const approvalTokens: string[] = []
  for (const amount of [1, 2]) {
    const approved = await h.call('POST', '/api/sdk/payments/approve', {
      key,
      body: { amount, recipientAddress: RECIPIENT, senderAddress },
    })
    expect(approved.body.approved, approved.text).toBe(true)
    approvalIds.push(approved.body.approvalId)
    approvalTokens.push(approved.body.approvalToken)
  }
  const alertIds = h.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(eq(alerts.agentId, agentId))
    .all()
    .map((row) => row.id)
  expect(alertIds.length).toBeGreaterThan(0)

  fx = {
    h,
    key,
    managedWalletId,
    externalWalletId,
    senderAddress,
    ids: { requestId: requestIds, approvalId: approvalIds, alertId: alertIds },
    approvalTokens,
  }
})

// --- arbitraries ------------------------------------------------------------------------------

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })

/** Strings that look like numbers, keywords or attacks, and odd unicode. */
const nastyString = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
  '',
  ' ',
  '1,5',
  '١٢٣',
  '12abc',
  'null',
  'undefined',
  'true',
  '\u0000',
  '\ud800',
  '\uffff\ufeff',
  '𝟙𝟚𝟛',
  'Ａｍｏｕｎｔ',
  'e\u0301\u200d\u202e',
  `${RECIPIENT}\n`,
  ` ${RECIPIENT}`,
  RECIPIENT.toUpperCase(),
  '../../etc/passwd',
  "'; DROP TABLE payment_requests; --",
  '<script>alert(1)</script>',
  '%00%ff',
  '2026-02-30T25:61:00Z',
  '9999-12-31T23:59:59.999Z',
)

/** JSON number literals JSON.parse turns into odd values (±Infinity, -0, rounding). */
const oddNumberText = fc.constantFrom(
  '1e999',
  '-1e999',
  '1E400',
  '-0',
  '0e0',
  '1e-400',
  '0.0000001',
  '0.1234567',
  '123456789012345678901234567890',
  '9007199254740993',
  '1.0000000000000002',
  '5e-324',
  '1e21',
  '1.7976931348623157e308',
  '-1',
  '0',
)

const longString = fc
  .tuple(fc.integer({ min: 501, max: 200_000 }), fc.constantFrom('x', 'é', '😀', '\u0000', '0'))
  .map(([length, unit]) => unit.repeat(length))

/** JSON text of `depth` nested objects or arrays around a number. */
function nested(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`
}

/**
 * Nested arrays or objects, up to 1,000 levels (more than 32 are refused with 400).
 */
const deepText = fc
  .tuple(
    fc.oneof(fc.integer({ min: 2, max: 64 }), fc.constant(1_000)),
    fc.constantFrom('object' as const, 'array' as const),
  )
  .map(([depth, kind]) => nested(depth, kind))

/** JSON text of any odd value. */
const oddValueText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  nastyString.map((value) => JSON.stringify(value)),
  oddNumberText,
  fc.double().map((value) => JSON.stringify(value)),
  fc.integer().map(String),
  longString.map((value) => JSON.stringify(value)),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((value) => JSON.stringify(value)),
  deepText,
  fc.constantFrom('null', 'true', 'false', '{}', '[]', '[1]', '{"0":1}'),
)

/** A plausible (mostly valid) JSON text for a body field, by its name. */
function validValueText(field: string): fc.Arbitrary<string> {
  const json = <T>(arbitrary: fc.Arbitrary<T>) => arbitrary.map((value) => JSON.stringify(value))
  switch (field) {
    case 'amount':
      return json(fc.constantFrom(0.01, 1, 2.5, 99, 0.000001))
    case 'recipientAddress':
    case 'targetContractAddress':
    case 'address':
      return json(fc.constantFrom(RECIPIENT, RECIPIENT.toLowerCase(), randomAddress()))
    case 'senderAddress':
      return json(fc.constant(fx.senderAddress))
    case 'walletId':
      return json(fc.constantFrom(fx.managedWalletId, fx.externalWalletId))
    case 'chainId':
      return json(fc.constantFrom('42431', '42431', '8453'))
    case 'functionSelector':
      return json(fc.constantFrom('0xa9059cbb', '0x095ea7b3'))
    case 'policyId':
    case 'ruleId':
      return json(hex(24).map((value) => `c${value.slice(1)}`))
    case 'txHash':
      return json(hex(64).map((value) => `0x${value}`))
    case 'approvalToken':
      return json(fc.oneof(fc.constantFrom(...fx.approvalTokens), hex(64)))
    case 'autoExecute':
    case 'dryRun':
      return json(fc.boolean())
    case 'urgency':
      return json(fc.constantFrom('LOW', 'NORMAL', 'HIGH', 'CRITICAL'))
    case 'context':
    case 'compliance':
      return json(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })))
    case 'expiresAt':
      return json(fc.constantFrom('2026-04-09T12:00:00.000Z', '2026-04-08T12:00:00Z'))
    default:
      return json(fc.string({ minLength: 1, maxLength: 30 }))
  }
}

/** The body's fields, and whether each may be left out. */
function bodyFieldsOf(endpoint: RegisteredEndpoint): { name: string; optional: boolean }[] {
  const shape = (endpoint.body as { shape?: Record<string, z.ZodType> } | undefined)?.shape
  if (!shape) return []
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    optional: schema.safeParse(undefined).success,
  }))
}

/** A body: near-valid objects, arbitrary JSON, top-level odd values or malformed text. */
function bodyText(endpoint: RegisteredEndpoint): fc.Arbitrary<string | undefined> {
  const fields = bodyFieldsOf(endpoint)
  // Plausible values for a random subset of the fields, then 0–2 fields (or extra keys)
  // replaced by odd values: most bodies fail on one thing, some pass.
  // Plausible values for the required fields and some optional ones, then 0–2 fields (or extra
  // keys) replaced by odd values: most bodies fail on one thing, some pass.
  const names = fields.map((field) => field.name)
  const nearValid = fc
    .tuple(
      fc.tuple(
        ...fields.map((field) =>
          field.optional
            ? fc.option(validValueText(field.name), { freq: 2 })
            : validValueText(field.name),
        ),
      ),
      fc.array(
        fc.tuple(
          names.length > 0
            ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 }))
            : fc.string({ maxLength: 12 }),
          oddValueText,
        ),
        { maxLength: 2 },
      ),
    )
    .map(([values, odd]) => {
      const entries = new Map<string, string>()
      names.forEach((name, index) => {
        const value = values[index]
        if (value !== null && value !== undefined) entries.set(name, value)
      })
      for (const [name, value] of odd) entries.set(name, value)
      return `{${[...entries].map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`
    })
  return fc.oneof(
    { weight: 6, arbitrary: nearValid },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: oddValueText },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('', ' ', '{', '{"amount":', '{"amount":1,}', "{'amount':1}", '\ufeff{}'),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )
}

/** Percent-encodes `text`; a lone surrogate becomes the (invalid UTF-8) bytes of one. */
function encodePathSegment(text: string): string {
  let encoded = ''
  for (const char of text) {
    try {
      encoded += encodeURIComponent(char)
    } catch {
      encoded += '%ED%A0%80'
    }
  }
  return encoded
}

/** A path parameter: a real id, an unknown one, or odd text (raw or percent-encoded). */
function pathParam(name: string): fc.Arbitrary<string> {
  const valid = fx.ids[name] ?? []
  return fc.oneof(
    { weight: 3, arbitrary: valid.length > 0 ? fc.constantFrom(...valid) : fc.constant('x') },
    { weight: 1, arbitrary: hex(24).map((value) => `c${value.slice(1)}`) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encodePathSegment) },
    { weight: 1, arbitrary: nastyString.map(encodePathSegment) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '..', '.', '%2F', '%2e%2e', '~'),
    },
    { weight: 1, arbitrary: longString.map((value) => encodePathSegment(value.slice(0, 5_000))) },
  )
}

interface FuzzRequest {
  readonly path: string
  readonly body: string | undefined
  readonly contentType: string | undefined
  readonly idempotencyKey: string | undefined
}

function requestArbitrary(endpoint: RegisteredEndpoint): fc.Arbitrary<FuzzRequest> {
  const names = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string)
  return fc.record({
    path: fc
      .tuple(
        fc.tuple(...names.map(pathParam)),
        fc.option(
          fc.string({ maxLength: 30 }).map((value) => `?${value}`),
          { freq: 5 },
        ),
      )
      .map(([values, query]) => {
        let path = endpoint.path
        names.forEach((name, index) => {
          path = path.replace(`{${name}}`, values[index] as string)
        })
        return `${path}${query ?? ''}`.replace(/#/g, '%23')
      }),
    body: endpoint.method === 'GET' ? fc.constant(undefined) : bodyText(endpoint),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          undefined,
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/merge-patch+json',
          'application/json; charset=latin1',
        ),
      },
    ),
    idempotencyKey: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 20 }).filter((key) => /^[\x20-\x7e]*$/.test(key)),
      },
      { weight: 1, arbitrary: fc.constantFrom('', 'k'.repeat(256), 'fixed-key') },
    ),
  })
}

// --- the property -----------------------------------------------------------------------------

async function send(endpoint: RegisteredEndpoint, request: FuzzRequest) {
  const headers: Record<string, string> = { authorization: `Bearer ${fx.key}` }
  if (request.contentType !== undefined) headers['content-type'] = request.contentType
  if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey
  const response = await fx.h.app.request(request.path, {
    method: endpoint.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  })
  const text = await response.text()
  return { status: response.status, text }
}

function checkAnswer(response: { status: number; text: string }): void {
  const summary = `${response.status} ${response.text.slice(0, 300)}`
  expect(response.status < 300 || (response.status >= 400 && response.status < 500), summary).toBe(
    true,
  )
  const body = JSON.parse(response.text) as Record<string, unknown>
  if (response.status >= 400) {
    expect(typeof body['error'], summary).toBe('string')
    expect(typeof body['code'], summary).toBe('string')
    expect(typeof body['requestId'], summary).toBe('string')
  }
}

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`

/** A short description of a failing request (fuzzed bodies can be megabytes). */
function describeRequest(endpoint: RegisteredEndpoint, request: FuzzRequest): string {
  return [
    `${endpoint.method} ${clip(request.path, 200)}`,
    `content-type: ${request.contentType ?? '(none)'}`,
    `idempotency-key: ${request.idempotencyKey === undefined ? '(none)' : clip(JSON.stringify(request.idempotencyKey), 60)}`,
    `body: ${request.body === undefined ? '(none)' : clip(request.body, 400)}`,
  ].join('\n')
}

describe('fuzzing the agent surface', () => {
  test('default: the targets include every payment endpoint', () => {
    const ids = targets.map((endpoint) => endpoint.id)
    expect(ids).toEqual(expect.arrayContaining(PAYMENT_ENDPOINTS))
    expect(ids.length).toBeGreaterThan(PAYMENT_ENDPOINTS.length)
  })

  test('error: INVALID_AMOUNT for a positive amount below one micro-unit (found by fuzzing)', async () => {
    for (const amount of ['5e-324', '1e-13', '0.0000004']) {
      for (const [path, extra] of [
        ['/api/sdk/payments/request', ''],
        ['/api/sdk/payments/approve', `,"senderAddress":"${fx.senderAddress}"`],
      ] as const) {
        const response = await fx.h.call('POST', path, {
          key: fx.key,
          body: `{"amount":${amount},"recipientAddress":"${RECIPIENT}"${extra}}`,
        })
        expect(response.status, `${path} ${amount}: ${response.text}`).toBe(400)
        expect(response.body).toMatchObject({
          code: 'INVALID_AMOUNT',
          issues: [{ path: ['amount'] }],
        })
      }
    }
  })

  // Found by fuzzing: deep bodies overflowed the stack in recursive code (500); the body reader
  // now refuses more than 32 levels of nesting with 400 VALIDATION_ERROR.
  test('regression: bodies nested 20,000 levels deep answer 400, not 500', async () => {
    const deep = nested(20_000, 'object')
    const bodies: [string, Record<string, string>][] = [
      [`{"amount":1,"recipientAddress":"${RECIPIENT}","context":${deep}}`, {}],
      [
        `{"amount":1,"recipientAddress":"${RECIPIENT}","junk":${deep}}`,
        { 'idempotency-key': 'deep' },
      ],
      [`{"amount":1,"recipientAddress":"${RECIPIENT}","urgency":${deep}}`, {}],
    ]
    const statuses: number[] = []
    for (const [body, headers] of bodies) {
      const response = await fx.h.app.request('/api/sdk/payments/request', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${fx.key}`,
          'content-type': 'application/json',
          ...headers,
        },
        body,
      })
      statuses.push(response.status)
    }
    expect(
      statuses.every((status) => status >= 400 && status < 500),
      String(statuses),
    ).toBe(true)
  })

  for (const endpoint of targets) {
    describe(endpoint.id, () => {
      test(
        `behavior: ${endpoint.method} ${endpoint.path} answers fuzzed requests with a 2xx or a 4xx envelope, never a 5xx`,
        async () => {
          let failureLog = ''
          const details = await fc.check(
            fc.asyncProperty(requestArbitrary(endpoint), async (request) => {
              serverErrors.length = 0
              try {
                checkAnswer(await send(endpoint, request))
              } catch (error) {
                // The last failing run is the (shrunk) counterexample fast-check reports.
                failureLog = serverErrors.join('\n')
                throw error
              }
            }),
            { numRuns: RUNS },
          )
          if (details.failed) {
            const [request] = details.counterexample ?? []
            throw new Error(
              `${endpoint.id} failed (seed ${details.seed}, path ${details.counterexamplePath}):\n` +
                `${request ? describeRequest(endpoint, request) : 'no counterexample'}\n` +
                `${clip(String(details.errorInstance), 600)}\n${failureLog}`,
            )
          }
        },
        TIMEOUT,
      )
    })
  }
})
