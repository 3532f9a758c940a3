// robots.txt: fetched once per origin and cached (1 h by default), parsed by `robots-parser`.
// What an answer means follows RFC 9309 with the stricter reading asked of us for auth errors:
//   2xx → the rules; 404/410 (and other final 4xx) → no rules, everything allowed;
//   401/403 → everything disallowed; 5xx, 429, timeouts, network errors → unknown for now: this request is
//   refused with a retryable error and robots.txt is asked again after a short wait (`errorTtlMs`).
// With a RobotsStore (Redis in distributed mode, robots-store.ts) an answer one process fetched is
// used by the others until it expires; each process still keeps its parsed copy in memory.
import robotsParserModule from 'robots-parser'
import { FetchError } from '../http/fetch-error.ts'
import { fetchText, type FetchTextOptions } from '../http/fetch-text.ts'
import type { RobotsStore, StoredRobots } from './robots-store.ts'

// The part of robots-parser we use. Its typings declare an ES default export, but the package is CommonJS
// (`module.exports = function`), which is what a default import from ESM receives: typed here as it runs.
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined
  getCrawlDelay(ua?: string): number | undefined
}
const robotsParser = robotsParserModule as unknown as (url: string, robotsTxt: string) => Robot

/** robots.txt forbids the URL for our user agent: never retryable. */
export class RobotsDisallowedError extends FetchError {
  override readonly name = 'RobotsDisallowedError'
  constructor(url: string, message: string) {
    super(message, { url, retryable: false, attempts: 0 })
  }
}

/** robots.txt could not be read right now (5xx, network): retryable later. */
export class RobotsUnavailableError extends FetchError {
  override readonly name = 'RobotsUnavailableError'
  constructor(url: string, message: string) {
    super(message, { url, retryable: true, attempts: 0 })
  }
}

export interface RobotsCacheOptions {
  /** How robots.txt itself is fetched (user agent, timeout, retries, redirect checks). */
  fetchOptions: FetchTextOptions
  /** How long a robots.txt answer is trusted. Default 1 h. */
  ttlMs?: number
  /** After a temporary failure, how long until robots.txt is asked again. Default 60 s. */
  errorTtlMs?: number
  /** Origins remembered at most (least recently used are dropped). Default 1000. */
  maxOrigins?: number
  /** Crawl-delay is honoured up to this, so one odd robots.txt cannot park a worker for hours. Default 60 s. */
  maxCrawlDelayMs?: number
  /** Answers shared with other processes (distributed mode). */
  store?: RobotsStore
  now?: () => number
}

/** Runs the robots.txt request itself, e.g. in the host's turn. */
export type RobotsTurn = <T>(fetch: () => Promise<T>) => Promise<T>

type Verdict =
  | { kind: 'rules'; robot: Robot }
  | { kind: 'allow-all' }
  | { kind: 'disallow-all'; status: number }
  | { kind: 'unavailable'; reason: string }

interface OriginEntry {
  verdict: Verdict
  expiresAt: number
}

// Google and RFC 9309 read at most ~500 KiB of robots.txt.
const MAX_ROBOTS_BYTES = 512 * 1024

export class RobotsCache {
  private readonly origins = new Map<string, OriginEntry>()
  private readonly loading = new Map<string, Promise<OriginEntry>>()
  private readonly ttlMs: number
  private readonly errorTtlMs: number
  private readonly maxOrigins: number
  private readonly maxCrawlDelayMs: number
  private readonly now: () => number

  constructor(private readonly options: RobotsCacheOptions) {
    this.ttlMs = options.ttlMs ?? 3_600_000
    this.errorTtlMs = options.errorTtlMs ?? 60_000
    this.maxOrigins = options.maxOrigins ?? 1000
    this.maxCrawlDelayMs = options.maxCrawlDelayMs ?? 60_000
    this.now = options.now ?? Date.now
  }

  /** Whether `userAgent` may fetch `url`; false too while robots.txt is temporarily unreadable. */
  async isAllowed(url: string, userAgent: string): Promise<boolean> {
    try {
      await this.assertAllowed(url, userAgent)
      return true
    } catch (error) {
      if (error instanceof RobotsDisallowedError || error instanceof RobotsUnavailableError) return false
      throw error
    }
  }

  /**
   * Throws RobotsDisallowedError (final) or RobotsUnavailableError (retry later) unless allowed.
   * `turn`: how a robots.txt request is sent when one is needed (the host's turn); direct by default.
   */
  async assertAllowed(url: string, userAgent: string, turn?: RobotsTurn): Promise<void> {
    const target = new URL(url)
    const { verdict } = await this.entryFor(target.origin, turn)
    const path = target.pathname + target.search
    const token = robotsToken(userAgent)
    switch (verdict.kind) {
      case 'allow-all':
        return
      case 'rules':
        // undefined means "not this robots.txt's origin", which cannot happen for the URL's own origin.
        if (verdict.robot.isAllowed(url, token) !== false) return
        throw new RobotsDisallowedError(url, `robots.txt of ${target.host} disallows ${path} for ${token}`)
      case 'disallow-all':
        throw new RobotsDisallowedError(
          url,
          `robots.txt of ${target.host} disallows ${path} for ${token} (robots.txt answered HTTP ${verdict.status})`,
        )
      case 'unavailable':
        throw new RobotsUnavailableError(
          url,
          `robots.txt of ${target.host} is unavailable (${verdict.reason}); not fetching ${path} for now`,
        )
    }
  }

  /** The origin's Crawl-delay for `userAgent` in ms (0 when none or not loaded yet), capped. */
  crawlDelayMs(origin: string, userAgent = '*'): number {
    const entry = this.origins.get(normaliseOrigin(origin))
    if (entry?.verdict.kind !== 'rules') return 0
    const seconds = entry.verdict.robot.getCrawlDelay(robotsToken(userAgent)) ?? 0
    return Math.min(this.maxCrawlDelayMs, Math.max(0, Math.round(seconds * 1000)))
  }

  private async entryFor(origin: string, turn: RobotsTurn | undefined): Promise<OriginEntry> {
    const cached = this.origins.get(origin)
    if (cached !== undefined && cached.expiresAt > this.now()) {
      this.origins.delete(origin) // re-insert: Map order is the LRU order
      this.origins.set(origin, cached)
      return cached
    }
    // Concurrent requests to one origin share a single robots.txt fetch — those waiting for a turn
    // apart from those that may not wait: a redirect hop is vetted inside its host's turn, and waiting
    // there for a load that waits for that same turn (http → https on one host) would never end.
    const key = turn ? `${origin} in turn` : origin
    let pending = this.loading.get(key)
    if (pending === undefined) {
      pending = this.load(origin, turn).finally(() => this.loading.delete(key))
      this.loading.set(key, pending)
    }
    return pending
  }

  private async load(origin: string, turn: RobotsTurn | undefined): Promise<OriginEntry> {
    const entry = (await this.loadShared(origin)) ?? (await this.fetchAndShare(origin, turn))
    this.origins.delete(origin)
    this.origins.set(origin, entry)
    for (const oldest of this.origins.keys()) {
      if (this.origins.size <= this.maxOrigins) break
      this.origins.delete(oldest)
    }
    return entry
  }

  /** Another process's answer, while it is still fresh. */
  private async loadShared(origin: string): Promise<OriginEntry | undefined> {
    const stored = await this.options.store?.get(origin)
    if (stored === undefined || stored.expiresAt <= this.now()) return undefined
    return { verdict: toVerdict(origin, stored), expiresAt: stored.expiresAt }
  }

  private async fetchAndShare(origin: string, turn: RobotsTurn | undefined): Promise<OriginEntry> {
    const fetch = () => this.fetchAnswer(origin)
    const stored = await (turn ? turn(fetch) : fetch())
    const ttl = stored.kind === 'unavailable' ? this.errorTtlMs : this.ttlMs
    stored.expiresAt = this.now() + ttl
    await this.options.store?.set(origin, stored, ttl)
    return { verdict: toVerdict(origin, stored), expiresAt: stored.expiresAt }
  }

  private async fetchAnswer(origin: string): Promise<StoredRobots> {
    const robotsUrl = `${origin}/robots.txt`
    const { fetchOptions } = this.options
    try {
      const maxBytes = Math.min(fetchOptions.maxBytes, MAX_ROBOTS_BYTES)
      const { body } = await fetchText(robotsUrl, { ...fetchOptions, maxBytes, cache: undefined })
      return { kind: 'rules', body, expiresAt: 0 }
    } catch (error) {
      if (!(error instanceof FetchError)) throw error
      const { status } = error
      if (status === 401 || status === 403) return { kind: 'disallow-all', status, expiresAt: 0 }
      if (error.retryable) return { kind: 'unavailable', reason: error.message, expiresAt: 0 }
      // 404, 410 and other final answers (oversized, redirect trouble): RFC 9309 "unavailable" = no rules.
      return { kind: 'allow-all', expiresAt: 0 }
    }
  }
}

function toVerdict(origin: string, stored: StoredRobots): Verdict {
  switch (stored.kind) {
    case 'rules':
      // Parsed against our own robots URL even after a redirect: its rules are this origin's rules.
      return { kind: 'rules', robot: robotsParser(`${origin}/robots.txt`, stored.body) }
    case 'disallow-all':
      return { kind: 'disallow-all', status: stored.status }
    case 'unavailable':
      return { kind: 'unavailable', reason: stored.reason }
    case 'allow-all':
      return { kind: 'allow-all' }
  }
}

/**
 * The product token robots.txt groups are matched against: "StackRadarBot/1.0 (+url)" → "StackRadarBot",
 * "Mozilla/5.0 (compatible; StackRadarBot/1.0)" → "StackRadarBot".
 */
export function robotsToken(userAgent: string): string {
  const compatible = /compatible;\s*([A-Za-z0-9_-]+)/.exec(userAgent)?.[1]
  return compatible ?? /[A-Za-z0-9_-]+/.exec(userAgent)?.[0] ?? '*'
}

function normaliseOrigin(origin: string): string {
  try {
    return new URL(origin).origin
  } catch {
    return origin
  }
}
