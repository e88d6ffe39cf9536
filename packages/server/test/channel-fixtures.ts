import { asc, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { channelActionTokens, channelMessages, notificationChannels } from '../src/db/schema.js'
import type { ChannelEnvelope } from '../src/services/channel-outbox.js'
import type { Harness } from './harness.js'

/** Fixtures for the notification-channel tests (synthetic secrets only). */

export const SLACK_TOKEN = 'xoxb-1111111111-2222222222222-SyntheticTokenf3Qa'
export const TELEGRAM_TOKEN = '123456789:AAsyntheticTelegramBotToken_0000wxyz'
export const TELEGRAM_SECRET_TOKEN = 'synthetic-webhook-secret-token-9876'
export const WHATSAPP_TOKEN = 'EAAsyntheticWhatsappAccessToken0000ZZ99'
export const PUBLIC_URL = 'https://hooks.example.com/conto-channel'

/** A valid create body per channel type. */
export const channelBodies = {
  EMAIL: { type: 'EMAIL', config: { recipients: ['approvals@acme.test'] } },
  SLACK: { type: 'SLACK', config: { botToken: SLACK_TOKEN, channelId: 'C0123456789' } },
  TELEGRAM: {
    type: 'TELEGRAM',
    config: {
      botToken: TELEGRAM_TOKEN,
      chatId: '-1001234567890',
      webhookSecretToken: TELEGRAM_SECRET_TOKEN,
    },
  },
  WHATSAPP: {
    type: 'WHATSAPP',
    config: {
      phoneNumberId: '106540352242922',
      accessToken: WHATSAPP_TOKEN,
      recipients: ['+14155550123'],
    },
  },
  WEBHOOK: { type: 'WEBHOOK', config: { url: PUBLIC_URL } },
} as const

export type ChannelTypeName = keyof typeof channelBodies

/** Creates a channel through the API (201 expected) and returns the response body. */
export async function createChannel(
  h: Harness,
  body: Record<string, unknown>,
  key?: string,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
): Promise<any> {
  const res = await h.call('POST', '/api/channels', {
    body,
    ...(key === undefined ? {} : { key }),
  })
  expect(res.status, res.text).toBe(201)
  return res.body
}

export function channelRow(h: Harness, channelId: string) {
  return h.db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.id, channelId))
    .get()
}

/** A channel's outbox rows, oldest first. */
export function messagesOf(h: Harness, channelId: string) {
  return h.db
    .select()
    .from(channelMessages)
    .where(eq(channelMessages.channelId, channelId))
    .orderBy(asc(channelMessages.createdAt), asc(channelMessages.id))
    .all()
}

/** The stored envelope of a channel's only (or `index`th) message of `event`. */
export function envelopeOf(
  h: Harness,
  channelId: string,
  event = 'approval.requested',
  index = 0,
): ChannelEnvelope {
  const message = messagesOf(h, channelId).filter((row) => row.event === event)[index]
  expect(message, `no ${event} message for ${channelId}`).toBeDefined()
  return JSON.parse(message?.payload ?? '{}') as ChannelEnvelope
}

export function tokensOf(h: Harness, channelId: string) {
  return h.db
    .select()
    .from(channelActionTokens)
    .where(eq(channelActionTokens.channelId, channelId))
    .all()
}
