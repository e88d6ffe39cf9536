/** What a secret is replaced with in errors, log lines and hook events. */
export const REDACTED = '[redacted]'

// Conto keys are `conto_` or `conto_agent_` + 64 hex; matching the shape also catches a key that is
// not the configured one (for example echoed back by a proxy).
const KEY_PATTERN = /conto_(?:agent_)?[0-9a-f]{16,}/gi

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key'])

/** Removes the API key (and anything shaped like a Conto key) from a piece of text. */
export function redactText(text: string, secret?: string): string {
  let result = text
  if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED)
  return result.replace(KEY_PATTERN, REDACTED)
}

/** `true` when the text holds the API key or something shaped like a Conto key. */
export function containsSecret(text: string, secret?: string): boolean {
  KEY_PATTERN.lastIndex = 0
  const found =
    (secret !== undefined && secret.length >= 8 && text.includes(secret)) || KEY_PATTERN.test(text)
  KEY_PATTERN.lastIndex = 0
  return found
}

/** A deep copy of a JSON-like value with every string passed through {@link redactText}. */
export function redactValue<T>(value: T, secret?: string): T {
  if (typeof value === 'string') return redactText(value, secret) as T
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret)) as T
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, secret)
    return copy as T
  }
  return value
}

/** Header names and values safe to show: credentials replaced, everything else as sent. */
export function redactHeaders(
  headers: Record<string, string>,
  secret?: string,
): Record<string, string> {
  const safe: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (SENSITIVE_HEADERS.has(name.toLowerCase())) {
      safe[name] = /^bearer\s/i.test(value) ? `Bearer ${REDACTED}` : REDACTED
    } else {
      safe[name] = redactText(value, secret)
    }
  }
  return safe
}
