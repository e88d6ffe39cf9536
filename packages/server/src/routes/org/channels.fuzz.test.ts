import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { requestNeedingApproval } from '../../../test/approval-fixtures.js'
import { channelBodies, createChannel, envelopeOf } from '../../../test/channel-fixtures.js'
import { createHarness, type Harness } from '../../../test/harness.js'
import type { Logger } from '../../logger.js'
import type { RateLimiter } from '../../rate-limiter.js'
import { createChannelWorker } from '../../services/channel-delivery.js'

/**
 * Fuzzing the notification-channel endpoints and the channel callback: arbitrary JSON, malformed
 * text and near-valid bodies (configs of the wrong type, odd URLs and tokens, wrong types,
 * deep nesting, long and odd unicode strings) always answer 2xx or a 4xx error envelope
 * `{ error, code, requestId }` — never a 5xx. Responses are checked against their schemas by the
 * harness, so a drifting 2xx body fails as a 500 too.
 */

const RUNS = 150
const TIMEOUT = 120_000

const unlimited: RateLimiter = {
  hit: (_key, limit, windowMs, now) => ({
    allowed: true,
    limit,
    remaining: limit,
    resetAt: now + windowMs,
    retryAfterMs: 0,
  }),
}

const serverErrors: string[] = []
const recordingLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (message, fields) => serverErrors.push(`${message}: ${String(fields?.['error'] ?? '')}`),
}

let h: Harness
let channelIds: string[]
let tokens: string[]

beforeAll(async () => {
  h = createHarness({ rateLimiter: unlimited, logger: recordingLogger })
  // No network from the test endpoint: every WEBHOOK send fails fast.
  createChannelWorker(h.app.deps, {
    fetch: async () => {
      throw new TypeError('fetch failed')
    },
    resolve: async () => ['93.184.216.34'],
  })
  channelIds = []
  for (const body of Object.values(channelBodies)) {
    channelIds.push((await createChannel(h, body)).id)
  }
  await requestNeedingApproval(h, { autoExecute: true })
  const actions = envelopeOf(h, channelIds[1] as string).actions
  tokens = [actions?.approve.token ?? '', actions?.reject.token ?? '']
})

const nastyString = fc.constantFrom(
  '',
  ' ',
  'null',
  '\u0000',
  '\ud800',
  '𝟙𝟚𝟛',
  'e\u0301\u200d\u202e',
  '../../etc/passwd',
  "'; DROP TABLE notification_channels; --",
  '<script>alert(1)</script>',
  'http://127.0.0.1:9/x',
  'https://169.254.169.254/latest',
  'https://[::1]/x',
  'https://user:pass@hooks.example.com/x',
  'javascript:alert(1)',
  'xoxb-…f3Qa',
  'whsec_…AAAA',
  '123:abc',
  '+14155550123',
  'a@b.c',
)

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  fc.double(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('x'.repeat(5000), '😀'.repeat(3000)),
)

const configFor = fc.oneof(
  fc.constantFrom(...Object.values(channelBodies).map((body) => body.config as unknown)),
  fc.dictionary(
    fc.constantFrom(
      'url',
      'botToken',
      'channelId',
      'chatId',
      'webhookSecretToken',
      'phoneNumberId',
      'accessToken',
      'recipients',
      'signingSecret',
    ),
    oddValue,
  ),
  oddValue,
)

const createBody = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom('EMAIL', 'SLACK', 'TELEGRAM', 'WHATSAPP', 'WEBHOOK', 'slack', 'SMS'),
      oddValue,
    ),
    config: configFor,
    events: fc.oneof(
      fc.subarray([
        'approval.requested',
        'approval.decided',
        'approval.escalated',
        'approval.expired',
        'payment.executed',
      ]),
      oddValue,
    ),
    name: fc.oneof(fc.string({ maxLength: 120 }), oddValue),
    isActive: fc.oneof(fc.boolean(), oddValue),
  },
  { requiredKeys: [] },
)

const updateBody = fc.record(
  {
    config: configFor,
    events: fc.oneof(fc.subarray(['approval.decided', 'payment.executed']), oddValue),
    name: fc.oneof(fc.constant(null), fc.string({ maxLength: 120 }), oddValue),
    isActive: fc.oneof(fc.boolean(), oddValue),
  },
  { requiredKeys: [] },
)

const hex = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdefABCDEF'),
    minLength: length,
    maxLength: length,
  })

const actionBody = fc.record(
  {
    token: fc.oneof(
      fc.constantFrom(...[0, 1].map((index) => () => tokens[index] ?? '')).map((get) => get()),
      hex(64),
      hex(63),
      oddValue,
    ),
    decision: fc.oneof(fc.constantFrom('APPROVED', 'REJECTED', 'APPROVE', 'approved'), oddValue),
    reason: fc.oneof(fc.string({ maxLength: 600 }), oddValue),
  },
  { requiredKeys: [] },
)

/** A body as sent: mostly JSON of the record, sometimes malformed or deep text. */
const asText = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: body.map((value) => JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        'not json',
        '[]',
        'null',
        '"x"',
        `${'['.repeat(40)}${']'.repeat(40)}`,
      ),
    },
  )

const channelId = fc.oneof(
  fc
    .constantFrom(...[0, 1, 2, 3, 4].map((index) => () => channelIds[index] ?? ''))
    .map((get) => get()),
  fc.constantFrom('cunknown000000000000000', '%00', 'x'.repeat(300), "'"),
)

async function expectEnvelope(method: string, path: string, body: string | undefined, key?: null) {
  serverErrors.length = 0
  const res = await h.call(method, path, {
    ...(body === undefined ? {} : { body }),
    ...(key === null ? { key: null } : {}),
  })
  expect(
    res.status,
    `${method} ${path} ${body}\n${res.text}\n${serverErrors.join('\n')}`,
  ).toBeLessThan(500)
  if (res.status >= 400) {
    expect(res.body).toEqual(
      expect.objectContaining({
        error: expect.any(String),
        code: expect.any(String),
        requestId: expect.any(String),
      }),
    )
  }
}

describe('notification channel fuzzing', () => {
  test(
    'behavior: POST /api/channels never answers 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(asText(createBody), (body) =>
          expectEnvelope('POST', '/api/channels', body),
        ),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  test(
    'behavior: PATCH /api/channels/{id} never answers 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(channelId, asText(updateBody), (id, body) =>
          expectEnvelope('PATCH', `/api/channels/${encodeURIComponent(id)}`, body),
        ),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  test(
    'behavior: GET, test and DELETE on odd ids and queries never answer 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          channelId,
          fc.constantFrom('GET', 'POST-test'),
          fc.dictionary(
            fc.constantFrom('type', 'isActive', 'limit', 'offset'),
            fc.string({ maxLength: 10 }),
          ),
          async (id, kind, query) => {
            const path = `/api/channels/${encodeURIComponent(id)}`
            if (kind === 'GET') await expectEnvelope('GET', path, undefined)
            else await expectEnvelope('POST', `${path}/test`, undefined)
            await expectEnvelope('GET', `/api/channels?${new URLSearchParams(query)}`, undefined)
          },
        ),
        { numRuns: 60 },
      )
      await expectEnvelope('DELETE', `/api/channels/${channelIds[0]}`, undefined)
    },
    TIMEOUT,
  )

  test(
    'behavior: POST /api/approvals/action never answers 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(asText(actionBody), (body) =>
          expectEnvelope('POST', '/api/approvals/action', body, null),
        ),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})
