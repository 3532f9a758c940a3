// The plain-HTTP fetcher every source uses: Node's global fetch with a timeout per attempt, retries with
// exponential backoff and full jitter (or the server's Retry-After), a cap on body size and charset decoding,
// redirects followed by hand (each hop vetted by `checkRedirect`) and optional conditional requests.
import { backoffDelayMs, parseRetryAfterMs, sleep } from './backoff.ts'
import {
  conditionalHeaders,
  entryFromResponse,
  type ConditionalCache,
  type ConditionalEntry,
} from './conditional-cache.ts'
import { FetchError } from './fetch-error.ts'
import { DEFAULT_MAX_REDIRECTS, isRedirect, nextHop } from './redirects.ts'

export interface FetchTextOptions {
  userAgent: string
  /** Total deadline per attempt: every redirect hop, the headers and the whole body (slow-loris safe). */
  timeoutMs: number
  /** Bodies larger than this fail (not retried). */
  maxBytes: number
  /** Extra attempts after the first one. */
  retries: number
  /** Smallest wait between attempts; the backoff grows from it. Default 500 ms. */
  minBackoffMs?: number
  signal?: AbortSignal
  logger?: { warn(obj: object, msg: string): void }
  headers?: Record<string, string>
  /** Redirects followed per attempt; one more fails with "too many redirects". Default 5. */
  maxRedirects?: number
  /**
   * Vets each redirect target before it is requested (URL guard, robots.txt). Throwing refuses the hop:
   * the error (a FetchError, or wrapped into a non-retryable one) ends the fetch without further attempts.
   */
  checkRedirect?: (url: string) => Promise<void>
  /** When set, requests are conditional and a 304 answers with the cached body (`notModified: true`). */
  cache?: ConditionalCache
  /** Called before each retry; throwing ends the fetch with that error (the host's breaker opened). */
  beforeRetry?: (url: string) => Promise<void>
  /** Each attempt's outcome (null: a response arrived and was accepted), for the circuit breaker. */
  afterAttempt?: (url: string, error: FetchError | null) => Promise<void>
}

export interface FetchTextResult {
  /** Final URL, after redirects. */
  url: string
  status: number
  body: string
  headers: Headers
  attempts: number
  /** The server answered 304: `body` is the cached copy and `status` is 304. */
  notModified: boolean
}

const DEFAULT_MIN_BACKOFF_MS = 500
// 408 and 425 are "try again" answers too.
const RETRYABLE_STATUS = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500
const HONOURS_RETRY_AFTER = new Set([429, 503])

type AttemptOutcome =
  | { ok: true; result: FetchTextResult }
  // `final`: a refused redirect hop; trying the same chain again would be refused again.
  | { ok: false; error: FetchError; retryAfterMs: number | null; final?: boolean }

export async function fetchText(url: string, opts: FetchTextOptions): Promise<FetchTextResult> {
  const maxAttempts = 1 + Math.max(0, Math.floor(opts.retries))
  const minBackoffMs = Math.max(0, opts.minBackoffMs ?? DEFAULT_MIN_BACKOFF_MS)
  const cached = await readCache(url, opts)
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await opts.beforeRetry?.(url)
    const outcome = await attemptOnce(url, opts, attempt, cached)
    await opts.afterAttempt?.(url, outcome.ok ? null : outcome.error)
    if (outcome.ok) {
      await writeCache(url, opts, outcome.result)
      return outcome.result
    }
    const { error } = outcome
    if (outcome.final || !error.retryable || attempt >= maxAttempts || opts.signal?.aborted) throw error
    const delayMs = outcome.retryAfterMs ?? backoffDelayMs(attempt, minBackoffMs * 2, minBackoffMs)
    opts.logger?.warn(
      { url, status: error.status, attempt, maxAttempts, delayMs, error: error.message },
      'fetch failed, retrying',
    )
    try {
      await sleep(delayMs, opts.signal)
    } catch (cause) {
      throw new FetchError(`fetch ${url} aborted while waiting to retry`, {
        url,
        retryable: false,
        attempts: attempt,
        cause,
      })
    }
  }
}

export interface FetchJsonResult extends Omit<FetchTextResult, 'body'> {
  data: unknown
}

/** fetchText + JSON.parse; a body that is not JSON fails without retry. */
export async function fetchJson(url: string, opts: FetchTextOptions): Promise<FetchJsonResult> {
  const { body, ...rest } = await fetchText(url, {
    ...opts,
    headers: { accept: 'application/json', ...opts.headers },
  })
  return { ...rest, data: parseJsonBody(url, body, rest) }
}

/**
 * JSON.parse with a FetchError naming the URL, size and parse error (and "looks truncated" when the
 * document stops early). Not retryable: the server answered in full — a connection cut mid-body fails
 * earlier, as a (retryable) network error.
 */
export function parseJsonBody(
  url: string,
  body: string,
  from: { status: number; attempts: number },
): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    const hint = looksTruncated(reason, body) ? ', looks truncated' : ''
    throw new FetchError(
      `invalid JSON from ${url} (status ${from.status}, ${body.length} chars${hint}: ${reason})`,
      {
        url,
        status: from.status,
        retryable: false,
        attempts: from.attempts,
        cause,
      },
    )
  }
}

// V8 reports a cut-off document as "end of JSON input" or as an error at the very last position.
function looksTruncated(parseError: string, body: string): boolean {
  if (/end of JSON input/i.test(parseError)) return true
  const position = /at position (\d+)/.exec(parseError)?.[1]
  return position !== undefined && Number(position) >= body.trimEnd().length
}

async function attemptOnce(
  url: string,
  opts: FetchTextOptions,
  attempt: number,
  cached: ConditionalEntry | null,
): Promise<AttemptOutcome> {
  // One deadline for the whole attempt: a server trickling headers or body cannot hold us past it.
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  const fail = (message: string, retryable: boolean, extra: { status?: number; cause?: unknown } = {}) =>
    new FetchError(`fetch ${url}: ${message}`, { url, retryable, attempts: attempt, ...extra })
  const headers = { 'user-agent': opts.userAgent, ...conditionalHeaders(cached), ...opts.headers }
  const maxRedirects = Math.max(0, opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS)
  try {
    const visited = [url]
    let response = await fetch(url, { signal, redirect: 'manual', headers })
    while (isRedirect(response.status)) {
      await response.body?.cancel().catch(() => undefined)
      const hop = nextHop(visited, response.headers.get('location'), maxRedirects)
      if (!hop.ok)
        return { ok: false, error: fail(hop.reason, false, { status: response.status }), retryAfterMs: null }
      try {
        await opts.checkRedirect?.(hop.url)
      } catch (cause) {
        const error =
          cause instanceof FetchError
            ? cause
            : fail(`redirect to ${hop.url} refused (${describeCause(cause)})`, false, { cause })
        return { ok: false, error, retryAfterMs: null, final: true }
      }
      visited.push(hop.url)
      const hopHeaders = sameOrigin(hop.url, url) ? headers : withoutCredentials(headers)
      response = await fetch(hop.url, { signal, redirect: 'manual', headers: hopHeaders })
    }
    const finalUrl = visited[visited.length - 1] ?? url
    const { status } = response
    if (status === 304 && cached !== null) {
      await response.body?.cancel().catch(() => undefined)
      const result = {
        url: finalUrl,
        status,
        body: cached.body,
        headers: response.headers,
        attempts: attempt,
      }
      return { ok: true, result: { ...result, notModified: true } }
    }
    if (status < 200 || status > 299) {
      await response.body?.cancel().catch(() => undefined)
      const retryable = RETRYABLE_STATUS(status)
      const retryAfterMs = HONOURS_RETRY_AFTER.has(status)
        ? parseRetryAfterMs(response.headers.get('retry-after'))
        : null
      return { ok: false, error: fail(`HTTP ${status}`, retryable, { status }), retryAfterMs }
    }
    const declaredLength = Number(response.headers.get('content-length') ?? NaN)
    if (declaredLength > opts.maxBytes) {
      await response.body?.cancel().catch(() => undefined)
      const error = fail(`body of ${declaredLength} bytes exceeds maxBytes ${opts.maxBytes}`, false, {
        status,
      })
      return { ok: false, error, retryAfterMs: null }
    }
    const bytes = await readLimited(response, opts.maxBytes)
    if (bytes === null) {
      const error = fail(`body exceeds maxBytes ${opts.maxBytes}`, false, { status })
      return { ok: false, error, retryAfterMs: null }
    }
    const body = decodeBody(bytes, response.headers.get('content-type'))
    return {
      ok: true,
      result: {
        url: finalUrl,
        status,
        body,
        headers: response.headers,
        attempts: attempt,
        notModified: false,
      },
    }
  } catch (cause) {
    if (opts.signal?.aborted)
      return { ok: false, error: fail('aborted', false, { cause }), retryAfterMs: null }
    if (timeout.aborted) {
      return {
        ok: false,
        error: fail(`timed out after ${opts.timeoutMs} ms`, true, { cause }),
        retryAfterMs: null,
      }
    }
    return {
      ok: false,
      error: fail(`network error (${describeCause(cause)})`, true, { cause }),
      retryAfterMs: null,
    }
  }
}

function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin
}

// As fetch's own redirect mode does: credentials meant for one origin are not handed to another.
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])
function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
  )
}

// A failing cache must not stop fetching: it only costs a full download.
async function readCache(url: string, opts: FetchTextOptions): Promise<ConditionalEntry | null> {
  if (!opts.cache) return null
  try {
    return await opts.cache.get(url)
  } catch (error) {
    opts.logger?.warn({ url, error: describeCause(error) }, 'conditional cache read failed')
    return null
  }
}

async function writeCache(url: string, opts: FetchTextOptions, result: FetchTextResult): Promise<void> {
  if (!opts.cache || result.status !== 200) return
  const entry = entryFromResponse(result.headers, result.body)
  if (entry === null) return
  try {
    await opts.cache.set(url, entry)
  } catch (error) {
    opts.logger?.warn({ url, error: describeCause(error) }, 'conditional cache write failed')
  }
}

/** The body's bytes, or null as soon as it grows past `maxBytes` (the rest is not downloaded). */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, total)
}

/** Decodes with the Content-Type charset; unknown labels and a missing charset mean UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const label = /charset\s*=\s*"?([^";,\s]+)/i.exec(contentType ?? '')?.[1]
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(label ?? 'utf-8')
  } catch {
    decoder = new TextDecoder('utf-8')
  }
  return decoder.decode(bytes)
}

// fetch() reports network failures as TypeError('fetch failed') with the real reason in `cause`.
function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code
    return code ? `${code}: ${cause.message}` : cause.message
  }
  return String(cause)
}
