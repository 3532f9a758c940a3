// SSRF guard: scrapers follow URLs that come from the outside (job boards, redirects), so before a request
// is sent the host is resolved and refused when any of its addresses is internal — loopback, private
// networks, link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local, multicast and the like —
// unless configuration names that host or network in `allowPrivate` (e.g. a local fixture server).
//
// Known gap: fetch resolves the name again when it connects, so a DNS answer that changes between the two
// lookups (DNS rebinding) is not caught here; closing it needs a custom connect-time lookup in the agent.
import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { FetchError } from '../http/fetch-error.ts'

/** A URL the guard refuses to fetch; never retryable. */
export class BlockedUrlError extends FetchError {
  override readonly name = 'BlockedUrlError'
  constructor(url: string, message: string) {
    super(message, { url, retryable: false, attempts: 0 })
  }
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>

export interface UrlGuardOptions {
  /** Hostnames, IP addresses or CIDRs (e.g. "127.0.0.1", "10.0.0.0/8", "fixtures.local") allowed anyway. */
  allowPrivate: readonly string[]
  /** DNS resolution; defaults to `dns.lookup(host, { all: true })`. Tests inject names here. */
  lookup?: LookupAll
}

interface Cidr {
  bytes: Uint8Array
  prefix: number
}

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

// Ranges no scraper has business reaching, with the reason shown in the refusal.
const BLOCKED_RANGES: ReadonlyArray<readonly [cidr: string, why: string]> = [
  ['0.0.0.0/8', 'this-network'],
  ['10.0.0.0/8', 'private network'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local / cloud metadata'],
  ['172.16.0.0/12', 'private network'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.168.0.0/16', 'private network'],
  ['198.18.0.0/15', 'benchmarking network'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved / broadcast'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
]

const BLOCKED: ReadonlyArray<{ cidr: Cidr; why: string }> = BLOCKED_RANGES.map(([text, why]) => ({
  cidr: parseCidr(text)!,
  why,
}))
// IPv6 forms that carry an IPv4 address which is what is really reached: mapped and NAT64.
const EMBEDS_IPV4 = [parseCidr('::ffff:0:0/96')!, parseCidr('64:ff9b::/96')!]

/** Throws a BlockedUrlError unless `url` is http(s) and its host resolves only to public addresses. */
export async function assertPublicUrl(url: string, options: UrlGuardOptions): Promise<void> {
  await createUrlGuard(options)(url)
}

/** `assertPublicUrl` with the allow-list parsed once, for use on every request and redirect hop. */
export function createUrlGuard(options: UrlGuardOptions): (url: string) => Promise<void> {
  const allowedHosts = new Set<string>()
  const allowedNets: Cidr[] = []
  for (const entry of options.allowPrivate) {
    const cidr = parseCidr(entry.includes('/') ? entry : `${entry}/${isIP(entry) === 6 ? 128 : 32}`)
    if (cidr && isIP(entry.split('/')[0] ?? '')) allowedNets.push(cidr)
    else allowedHosts.add(normaliseHost(entry))
  }
  const lookup = options.lookup ?? defaultLookup
  const isAllowedIp = (bytes: Uint8Array) =>
    allowedNets.some((net) => inCidr(bytes, net) || inCidr(embeddedIpv4(bytes) ?? new Uint8Array(), net))

  return async (url) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new BlockedUrlError(url, `refusing ${JSON.stringify(url)}: not a valid URL`)
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new BlockedUrlError(url, `refusing ${url}: only http and https URLs are fetched`)
    const host = normaliseHost(parsed.hostname)
    if (allowedHosts.has(host)) return
    const addresses = isIP(host) ? [host] : await resolve(url, host, lookup)
    for (const address of addresses) {
      const bytes = parseIp(address)
      const why = bytes === null ? 'unparseable address' : blockedReason(bytes)
      if (why === null || (bytes !== null && isAllowedIp(bytes))) continue
      const via = address === host ? '' : ` resolves to ${address} and`
      throw new BlockedUrlError(
        url,
        `refusing ${url}: ${host}${via} is a ${why} address (list it in allowPrivate to allow it)`,
      )
    }
  }
}

/** Why an address is off limits, or null when it is public. */
export function blockedReason(bytes: Uint8Array): string | null {
  const inner = embeddedIpv4(bytes)
  if (inner !== null) return blockedReason(inner)
  return BLOCKED.find(({ cidr }) => inCidr(bytes, cidr))?.why ?? null
}

async function resolve(url: string, host: string, lookup: LookupAll): Promise<string[]> {
  try {
    const answers = await lookup(host)
    if (answers.length > 0) return answers.map((a) => a.address)
    throw new Error('no addresses')
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? (cause instanceof Error ? cause.message : String(cause))
    // Retryable like any network error: resolvers fail temporarily too (EAI_AGAIN).
    throw new FetchError(`DNS lookup of ${host} failed (${code})`, {
      url,
      retryable: true,
      attempts: 0,
      cause,
    })
  }
}

function normaliseHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase()
}

function embeddedIpv4(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length !== 16 || !EMBEDS_IPV4.some((net) => inCidr(bytes, net))) return null
  return bytes.subarray(12)
}

function inCidr(bytes: Uint8Array, { bytes: net, prefix }: Cidr): boolean {
  if (bytes.length !== net.length) return false
  for (let bit = 0; bit < prefix; bit += 8) {
    const mask = prefix - bit >= 8 ? 0xff : (0xff << (8 - (prefix - bit))) & 0xff
    if (((bytes[bit / 8] ?? 0) & mask) !== ((net[bit / 8] ?? 0) & mask)) return false
  }
  return true
}

function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText = ''] = text.split('/')
  const bytes = parseIp(address)
  const prefix = Number(prefixText)
  if (bytes === null || !/^\d+$/.test(prefixText) || prefix > bytes.length * 8) return null
  return { bytes, prefix }
}

/** 4 bytes for IPv4, 16 for IPv6 (zone ids dropped), null for anything else. */
export function parseIp(text: string): Uint8Array | null {
  const address = normaliseHost(text).split('%')[0] ?? ''
  const family = isIP(address)
  if (family === 4) return Uint8Array.from(address.split('.').map(Number))
  if (family !== 6) return null
  const [head = '', tail] = address.split('::')
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)]
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number)
          return [(a << 8) | b, (c << 8) | d]
        })
  const front = groups(head)
  const back = tail === undefined ? [] : groups(tail)
  const words = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back]
  return Uint8Array.from(words.flatMap((word) => [word >> 8, word & 0xff]))
}
