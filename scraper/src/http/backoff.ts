// Retry timing: exponential backoff with full jitter, or the server's own Retry-After when it sends one.

const MAX_RETRY_AFTER_MS = 60_000
const MAX_BACKOFF_MS = 30_000

/** Full jitter: a random delay in [0, min(cap, base · 2^(attempt−1))], never below `minMs`. */
export function backoffDelayMs(
  attempt: number,
  baseMs: number,
  minMs = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.max(minMs, Math.round(random() * ceiling))
}

/** `Retry-After` as delay-seconds or an HTTP date, capped at 60 s; null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return null
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now))
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
