import type { PaymentInput } from './evaluation-input.js'

/**
 * The x402/MPP service a payment goes to: `serviceDomain` lower-cased, else the host name of
 * `resourceUrl` (parsed with the WHATWG `URL`, as the server derives it, so
 * `https://evil.com\@api.openai.com` is evil.com), and its port (explicit, else the scheme's
 * default).
 */
export class ServiceAddress {
  private resolvedPort: string | undefined

  constructor(
    /** Lower-cased host name without port or trailing dot; undefined when the payment names none. */
    readonly domain: string | undefined,
    port: string | undefined,
    private readonly resourceUrl: string | undefined,
  ) {
    this.resolvedPort = port
  }

  /** The port the payment goes to: explicit, else the scheme's default; '' when unknown. */
  get port(): string {
    if (this.resolvedPort === undefined) {
      // `serviceDomain` named no port: take the resource URL's when it is the same host.
      const url = this.resourceUrl === undefined ? undefined : parseUrl(this.resourceUrl)
      this.resolvedPort = url !== undefined && hostnameOf(url) === this.domain ? portOf(url) : ''
    }
    return this.resolvedPort
  }
}

/** A `host:port` suffix (a service list entry or a `serviceDomain` may carry one). */
export const PORT_SUFFIX = /:(\d{1,5})$/

/** The payment's service address; the port is resolved only when it is read. */
export function resolveServiceAddress({
  serviceDomain,
  resourceUrl,
}: PaymentInput): ServiceAddress {
  const given = serviceDomain?.trim().toLowerCase()
  if (given) {
    if (given.includes('/')) return addressOfUrl(given)
    const port = PORT_SUFFIX.exec(given)
    if (port) {
      const domain = withoutTrailingDot(given.slice(0, port.index))
      return new ServiceAddress(domain || undefined, port[1], undefined)
    }
    return new ServiceAddress(withoutTrailingDot(given) || undefined, undefined, resourceUrl)
  }
  return addressOfUrl(resourceUrl)
}

function addressOfUrl(text: string | undefined): ServiceAddress {
  const url = text === undefined ? undefined : parseUrl(text)
  if (url === undefined) return new ServiceAddress(undefined, '', undefined)
  return new ServiceAddress(hostnameOf(url), portOf(url), undefined)
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

/** The URL, reading a scheme-less `api.example.com/v1` as https; undefined when unparseable. */
function parseUrl(text: string): URL | undefined {
  const trimmed = text.trim()
  try {
    return new URL(SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`)
  } catch {
    return undefined
  }
}

const hostnameOf = (url: URL): string | undefined =>
  withoutTrailingDot(url.hostname.toLowerCase()) || undefined

const portOf = (url: URL): string =>
  url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '')

const withoutTrailingDot = (domain: string): string =>
  domain.endsWith('.') ? domain.slice(0, -1) : domain
