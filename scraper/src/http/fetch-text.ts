// The plain-HTTP fetcher every source uses: Node's global fetch with a timeout per attempt, retries with
// exponential backoff and full jitter (or the server's Retry-After), a cap on body size and charset decoding.
import { backoffDelayMs, parseRetryAfterMs, sleep } from './backoff.ts'
import { FetchError } from './fetch-error.ts'

export interface FetchTextOptions {
  userAgent: string
  /** Per attempt, including reading the body. */
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
}

export interface FetchTextResult {
  /** Final URL, after redirects. */
  url: string
  status: number
  body: string
  headers: Headers
  attempts: number
}

const DEFAULT_MIN_BACKOFF_MS = 500
// 408 and 425 are "try again" answers too.
const RETRYABLE_STATUS = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500
const HONOURS_RETRY_AFTER = new Set([429, 503])

type AttemptOutcome =
  { ok: true; result: FetchTextResult } | { ok: false; error: FetchError; retryAfterMs: number | null }

export async function fetchText(url: string, opts: FetchTextOptions): Promise<FetchTextResult> {
  const maxAttempts = 1 + Math.max(0, Math.floor(opts.retries))
  const minBackoffMs = Math.max(0, opts.minBackoffMs ?? DEFAULT_MIN_BACKOFF_MS)
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(url, opts, attempt)
    if (outcome.ok) return outcome.result
    const { error } = outcome
    if (!error.retryable || attempt >= maxAttempts || opts.signal?.aborted) throw error
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
  try {
    return { ...rest, data: JSON.parse(body) as unknown }
  } catch (cause) {
    throw new FetchError(`invalid JSON from ${url} (status ${rest.status}, ${body.length} chars)`, {
      url,
      status: rest.status,
      retryable: false,
      attempts: rest.attempts,
      cause,
    })
  }
}

async function attemptOnce(url: string, opts: FetchTextOptions, attempt: number): Promise<AttemptOutcome> {
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  const fail = (message: string, retryable: boolean, extra: { status?: number; cause?: unknown } = {}) =>
    new FetchError(`fetch ${url}: ${message}`, { url, retryable, attempts: attempt, ...extra })
  try {
    const response = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { 'user-agent': opts.userAgent, ...opts.headers },
    })
    const { status } = response
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
      result: { url: response.url || url, status, body, headers: response.headers, attempts: attempt },
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
