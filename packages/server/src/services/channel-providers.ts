/**
 * Live-mode sends through the chat providers' HTTP APIs: Slack `chat.postMessage`, Telegram Bot
 * API `sendMessage`, WhatsApp Cloud API `messages`. Each answer is reported as the provider gave
 * it (Slack and Telegram answer HTTP 200 with `ok: false` on errors). EMAIL has no provider in
 * this server. Tokens only ever travel in headers or the Telegram path, never in a result message.
 */

/** Base URLs of the providers' APIs (tests point them at a stub). */
export interface ChannelProviderUrls {
  readonly slack: string
  readonly telegram: string
  readonly whatsapp: string
}

export const defaultChannelProviderUrls: ChannelProviderUrls = {
  slack: 'https://slack.com/api',
  telegram: 'https://api.telegram.org',
  whatsapp: 'https://graph.facebook.com/v21.0',
}

/** What a send achieved; `retryable` when another attempt could succeed (network, 429, 5xx). */
export interface ProviderOutcome {
  readonly ok: boolean
  readonly message: string
  readonly retryable: boolean
}

export interface ProviderContext {
  readonly fetch: typeof fetch
  readonly urls: ChannelProviderUrls
  readonly signal: AbortSignal
}

const providerNames: Record<string, string> = {
  EMAIL: 'email',
  SLACK: 'Slack',
  TELEGRAM: 'Telegram',
  WHATSAPP: 'WhatsApp',
}

/** The provider name of a channel type, for messages. */
export const providerNameOf = (type: string): string => providerNames[type] ?? type

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const transient = (status: number) => status === 429 || status >= 500

/** Sends `text` through the provider of a non-WEBHOOK channel `type` with its opened `config`. */
export async function sendThroughProvider(
  type: string,
  config: Record<string, unknown>,
  text: string,
  context: ProviderContext,
): Promise<ProviderOutcome> {
  switch (type) {
    case 'SLACK':
      return sendSlack(config, text, context)
    case 'TELEGRAM':
      return sendTelegram(config, text, context)
    case 'WHATSAPP':
      return sendWhatsapp(config, text, context)
    case 'EMAIL':
      return {
        ok: false,
        message:
          'No email provider is configured on this server: EMAIL channels cannot send messages',
        retryable: false,
      }
    default:
      return { ok: false, message: `Unknown channel type ${type}`, retryable: false }
  }
}

async function postJson(
  context: ProviderContext,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const response = await context.fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Conto-Channels/1.0',
      ...headers,
    },
    body: JSON.stringify(body),
    redirect: 'manual',
    signal: context.signal,
  })
  let json: Record<string, unknown> | undefined
  try {
    const parsed: unknown = await response.json()
    json =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, json }
}

async function sendSlack(
  config: Record<string, unknown>,
  text: string,
  context: ProviderContext,
): Promise<ProviderOutcome> {
  const { status, json } = await postJson(
    context,
    `${context.urls.slack}/chat.postMessage`,
    { channel: str(config['channelId']), text, unfurl_links: false },
    { authorization: `Bearer ${str(config['botToken'])}` },
  )
  if (json?.['ok'] === true) {
    return {
      ok: true,
      message: `Slack accepted the message (ts ${str(json['ts'])})`,
      retryable: false,
    }
  }
  const error = str(json?.['error']) || `HTTP ${status}`
  return {
    ok: false,
    message: `Slack refused the message: ${error}`,
    retryable:
      transient(status) || ['ratelimited', 'internal_error', 'fatal_error'].includes(error),
  }
}

async function sendTelegram(
  config: Record<string, unknown>,
  text: string,
  context: ProviderContext,
): Promise<ProviderOutcome> {
  const { status, json } = await postJson(
    context,
    `${context.urls.telegram}/bot${str(config['botToken'])}/sendMessage`,
    { chat_id: str(config['chatId']), text, disable_web_page_preview: true },
  )
  if (json?.['ok'] === true) {
    const result = json['result'] as { message_id?: unknown } | undefined
    return {
      ok: true,
      message: `Telegram accepted the message (message_id ${String(result?.message_id ?? '?')})`,
      retryable: false,
    }
  }
  const description = str(json?.['description']) || `HTTP ${status}`
  return {
    ok: false,
    message: `Telegram refused the message: ${description}`,
    retryable: transient(status),
  }
}

async function sendWhatsapp(
  config: Record<string, unknown>,
  text: string,
  context: ProviderContext,
): Promise<ProviderOutcome> {
  const recipients = Array.isArray(config['recipients'])
    ? config['recipients'].filter((entry): entry is string => typeof entry === 'string')
    : []
  const url = `${context.urls.whatsapp}/${encodeURIComponent(str(config['phoneNumberId']))}/messages`
  const failures: string[] = []
  let transientOnly = true
  for (const recipient of recipients) {
    const { status, json } = await postJson(
      context,
      url,
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: recipient,
        type: 'text',
        text: { preview_url: false, body: text },
      },
      { authorization: `Bearer ${str(config['accessToken'])}` },
    )
    if (status >= 200 && status < 300 && Array.isArray(json?.['messages'])) continue
    const error = json?.['error'] as { message?: unknown } | undefined
    failures.push(`${recipient}: ${str(error?.message) || `HTTP ${status}`}`)
    if (!transient(status)) transientOnly = false
  }
  if (failures.length === 0) {
    return {
      ok: true,
      message: `WhatsApp accepted the message for ${recipients.length} recipient(s)`,
      retryable: false,
    }
  }
  const delivered = recipients.length - failures.length
  return {
    ok: false,
    message: `WhatsApp refused the message for ${failures.length} of ${recipients.length} recipient(s): ${failures.join('; ')}`,
    // A retry would message the recipients that did get it again.
    retryable: delivered === 0 && transientOnly,
  }
}
