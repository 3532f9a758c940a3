// The fetcher sources should use: fetchText plus everything that makes a scraper a good citizen and safe to
// point at URLs from the outside — the private-address guard and robots.txt on the URL and on every redirect
// hop, one request at a time per host with a minimum delay (raised to the host's Crawl-delay), and
// conditional requests when a cache is given. The host's turn covers robots.txt requests too, and the
// circuit breaker is asked again once the turn comes (another request, or process, may have opened it
// meanwhile).
import type { CircuitBreaker } from '../politeness/circuit-breaker.ts'
import { HostGate, type HostTurns } from '../politeness/host-gate.ts'
import { RobotsCache } from '../politeness/robots.ts'
import type { RobotsStore } from '../politeness/robots-store.ts'
import { createUrlGuard, type LookupAll } from '../politeness/url-guard.ts'
import type { ConditionalCache } from './conditional-cache.ts'
import type { FetchError } from './fetch-error.ts'
import { fetchText, parseJsonBody, type FetchTextOptions } from './fetch-text.ts'

export interface PoliteFetcherOptions {
  userAgent: string
  /** Total deadline per attempt (all redirect hops, headers and body). */
  timeoutMs: number
  maxBytes: number
  retries: number
  /** Minimum time between the starts of two requests to one host. */
  hostDelayMs: number
  /** Hostnames, IPs or CIDRs the private-address guard lets through (e.g. a local fixture server). */
  allowPrivate: string[]
  /** Obey robots.txt (and its Crawl-delay). */
  robots: boolean
  cache?: ConditionalCache
  logger?: { warn(obj: object, msg: string): void }
  /** Smallest wait between retries. Default 500 ms. */
  minBackoffMs?: number
  /** Default 5. */
  maxRedirects?: number
  /** Host turns shared with other fetchers (or processes, RedisHostGate); by default a HostGate with `hostDelayMs`. */
  gate?: HostTurns
  /** A robots cache shared with other fetchers; by default one of our own (1 h TTL). */
  robotsCache?: RobotsCache
  /** Where our own robots cache shares answers with other processes. */
  robotsStore?: RobotsStore
  /** DNS resolution for the guard (tests). */
  lookup?: LookupAll
  /** Per-host circuit breaker: hosts that keep timing out or answering 5xx are refused for a while. */
  breaker?: CircuitBreaker
}

export interface PoliteRequestOptions {
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface PoliteResponse {
  status: number
  /** Final URL, after redirects. */
  url: string
  /** The server answered 304 and the body is the cached copy. */
  notModified: boolean
  headers: Headers
}

export interface PoliteTextResponse extends PoliteResponse {
  body: string
}

export interface PoliteJsonResponse extends PoliteResponse {
  data: unknown
}

export class PoliteFetcher {
  private readonly gate: HostTurns
  private readonly guard: (url: string) => Promise<void>
  private readonly robots: RobotsCache | null

  constructor(private readonly options: PoliteFetcherOptions) {
    this.gate = options.gate ?? new HostGate(options.hostDelayMs)
    this.guard = createUrlGuard({
      allowPrivate: options.allowPrivate,
      ...(options.lookup && { lookup: options.lookup }),
    })
    this.robots = !options.robots
      ? null
      : (options.robotsCache ??
        new RobotsCache({
          fetchOptions: { ...this.baseFetchOptions(), retries: Math.min(1, options.retries) },
          ...(options.robotsStore && { store: options.robotsStore }),
        }))
  }

  async text(url: string, request: PoliteRequestOptions = {}): Promise<PoliteTextResponse> {
    const { status, body, url: finalUrl, notModified, headers } = await this.fetch(url, request)
    return { status, body, url: finalUrl, notModified, headers }
  }

  async json(url: string, request: PoliteRequestOptions = {}): Promise<PoliteJsonResponse> {
    const headers = { accept: 'application/json', ...request.headers }
    const { body, attempts, ...rest } = await this.fetch(url, { ...request, headers })
    const data = parseJsonBody(url, body, { status: rest.status, attempts })
    return { status: rest.status, url: rest.url, notModified: rest.notModified, headers: rest.headers, data }
  }

  /**
   * Any other way of loading `url` (the browser pool) under the same rules: private-address guard,
   * robots.txt, the host's turn and its Crawl-delay.
   */
  async politely<T>(url: string, load: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const trial = await this.vet(url, true)
    return this.inTurn(url, trial, signal, load)
  }

  private async fetch(url: string, request: PoliteRequestOptions) {
    // Vetted before taking the host's turn: a robots.txt fetch takes a turn of its own.
    const trial = await this.vet(url, true)
    return this.inTurn(url, trial, request.signal, () =>
      fetchText(url, {
        ...this.baseFetchOptions(),
        ...(request.headers && { headers: request.headers }),
        ...(request.signal && { signal: request.signal }),
        ...(this.options.cache && { cache: this.options.cache }),
        checkRedirect: async (hop) => void (await this.vet(hop)),
        ...(this.options.breaker && this.breakerHooks(this.options.breaker)),
      }),
    )
  }

  /** `load` in the host's turn (spaced by the delay or the host's longer Crawl-delay), unless the breaker opened meanwhile. */
  private inTurn<T>(
    url: string,
    trial: boolean,
    signal: AbortSignal | undefined,
    load: () => Promise<T>,
  ): Promise<T> {
    const { origin } = new URL(url)
    const crawlDelayMs = this.robots?.crawlDelayMs(origin, this.options.userAgent) ?? 0
    return this.gate.run(
      url,
      async () => {
        signal?.throwIfAborted()
        if (!trial) await this.options.breaker?.assertStillUp(url)
        return load()
      },
      crawlDelayMs,
    )
  }

  /**
   * Guard first (no DNS answer, no robots.txt request to a private host), then the host's breaker, then
   * robots.txt. `ownTurn`: a robots.txt request waits for the host's turn (not for redirect hops, which are
   * vetted inside a turn already). True when this request is the breaker's half-open trial.
   */
  private async vet(url: string, ownTurn = false): Promise<boolean> {
    await this.guard(url)
    const trial = (await this.options.breaker?.assertUp(url)) ?? false
    const turn = ownTurn ? <T>(fetch: () => Promise<T>) => this.gate.run(url, fetch) : undefined
    await this.robots?.assertAllowed(url, this.options.userAgent, turn)
    return trial
  }

  private breakerHooks(breaker: CircuitBreaker): Pick<FetchTextOptions, 'beforeRetry' | 'afterAttempt'> {
    return {
      beforeRetry: async (url) => void (await breaker.assertUp(url)),
      afterAttempt: async (url, error) => {
        const outcome = breakerOutcome(error)
        if (outcome !== undefined) await breaker.record(url, outcome)
      },
    }
  }

  private baseFetchOptions(): FetchTextOptions {
    const { userAgent, timeoutMs, maxBytes, retries, minBackoffMs, maxRedirects, logger } = this.options
    return {
      userAgent,
      timeoutMs,
      maxBytes,
      retries,
      ...(minBackoffMs !== undefined && { minBackoffMs }),
      ...(maxRedirects !== undefined && { maxRedirects }),
      ...(logger && { logger }),
      checkRedirect: this.guard,
    }
  }
}

/**
 * What an attempt tells the breaker: a timeout, network error or 5xx is a failure (its reason); any
 * other answer means the host is up (null); 408/425/429 ("slow down") and our own abort say neither.
 */
function breakerOutcome(error: FetchError | null): string | null | undefined {
  if (error === null) return null
  if (error.status !== undefined) {
    if (error.status >= 500) return error.message
    return [408, 425, 429].includes(error.status) ? undefined : null
  }
  return error.retryable ? error.message : undefined
}
