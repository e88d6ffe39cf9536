import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import type { ServerMode } from '../config.js'
import { ApiError } from '../errors.js'

/**
 * Where webhooks may be sent (SSRF guard, contract §3, §6.1). Live mode: public HTTPS only — the
 * host is resolved and every address it resolves to must be public (no loopback, private,
 * link-local/metadata, CGNAT, unspecified, multicast or reserved address). Test mode also allows
 * loopback targets over plain HTTP (`http://127.0.0.1:PORT`, `http://localhost:PORT`,
 * `http://[::1]:PORT`). The check runs at configuration and again before every delivery, so a
 * host that later resolves elsewhere (DNS rebinding) is refused then.
 */

/** Resolves a host name to every address it has (node:dns `lookup` with `all: true`). */
export type HostResolver = (hostname: string) => Promise<readonly string[]>

/** Longest a configuration-time lookup may take before the host counts as unresolvable. */
const LOOKUP_TIMEOUT_MS = 5_000

export const resolveHost: HostResolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true })
  return addresses.map((entry) => entry.address)
}

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'reserved'

/** What kind of address `ip` (IPv4 or IPv6, brackets allowed) is; null when it is not an IP. */
export function classifyAddress(ip: string): AddressClass | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip
  const version = isIP(bare)
  if (version === 4) return classifyIpv4(parseIpv4(bare))
  if (version === 6) return classifyIpv6(parseIpv6(bare.replace(/%.*$/, '')))
  return null
}

function parseIpv4(ip: string): number[] {
  return ip.split('.').map(Number)
}

function classifyIpv4([a = 0, b = 0, c = 0]: number[]): AddressClass {
  if (a === 0) return 'unspecified'
  if (a === 127) return 'loopback'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
  if (a === 169 && b === 254) return 'link-local'
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat'
  if (a >= 224 && a <= 239) return 'multicast'
  if (a >= 240) return 'reserved'
  if (a === 192 && b === 0 && c === 0) return 'reserved'
  return 'public'
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing IPv4 part folded in). */
function parseIpv6(ip: string): number[] {
  let text = ip.toLowerCase()
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = parseIpv4(v4[1])
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  const fill = tail === undefined ? [] : new Array(8 - left.length - right.length).fill(0)
  return [...left, ...fill, ...right]
}

function classifyIpv6(groups: number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups
  const embeddedV4 = () => classifyIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff])
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) {
    if (g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified'
    if (g5 === 0 && g6 === 0 && g7 === 1) return 'loopback'
    // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) forms.
    if (g5 === 0xffff || g5 === 0) return embeddedV4()
  }
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return embeddedV4()
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'private'
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'
  if ((g0 & 0xffc0) === 0xfec0) return 'private'
  if ((g0 & 0xff00) === 0xff00) return 'multicast'
  return 'public'
}

export interface WebhookUrlPolicyOptions {
  readonly mode: ServerMode
  readonly resolve?: HostResolver
  /**
   * Accept a host that cannot be resolved (test mode at configuration, so an offline test run
   * can register `https://hooks.example.com`; delivery checks again and fails then).
   */
  readonly allowUnresolvable?: boolean
}

const invalid = (message: string, url: string) =>
  new ApiError('INVALID_WEBHOOK_URL', message, { url })

/**
 * Throws `INVALID_WEBHOOK_URL` unless `url` is an allowed webhook target in `mode`; returns the
 * addresses the host resolved to (empty when unresolvable and that was allowed).
 */
export async function assertWebhookUrlAllowed(
  url: string,
  options: WebhookUrlPolicyOptions,
): Promise<readonly string[]> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw invalid('url must be an absolute URL', url)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalid('url must use https://', url)
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw invalid('url must not contain credentials', url)
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '')
  const addresses = await addressesOf(host, url, options)
  const classes = addresses.map((address) => classifyAddress(address) ?? 'reserved')
  const loopbackAllowed = options.mode === 'test'
  for (const [index, kind] of classes.entries()) {
    if (kind === 'public' || (kind === 'loopback' && loopbackAllowed)) continue
    throw invalid(
      `url resolves to a ${kind} address (${addresses[index]}); webhooks need a public host`,
      url,
    )
  }
  if (parsed.protocol === 'http:') {
    const onlyLoopback = classes.length > 0 && classes.every((kind) => kind === 'loopback')
    if (!(loopbackAllowed && onlyLoopback)) {
      throw invalid(
        options.mode === 'live'
          ? 'url must use https:// in live mode'
          : 'url must use https:// (plain http:// is allowed only for loopback hosts in test mode)',
        url,
      )
    }
  }
  return addresses
}

async function addressesOf(
  host: string,
  url: string,
  options: WebhookUrlPolicyOptions,
): Promise<readonly string[]> {
  if (classifyAddress(host) !== null) return [host.replace(/^\[|\]$/g, '')]
  if (host === 'localhost' || host.endsWith('.localhost')) return ['127.0.0.1', '::1']
  let addresses: readonly string[]
  try {
    addresses = await withTimeout((options.resolve ?? resolveHost)(host), LOOKUP_TIMEOUT_MS)
  } catch {
    addresses = []
  }
  if (addresses.length === 0 && !options.allowUnresolvable) {
    throw invalid(`url host ${host} could not be resolved`, url)
  }
  return addresses
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lookup timed out after ${ms} ms`)), ms)
    timer.unref?.()
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
