// Attempts with exponential backoff and jitter, writing one DeliveryAttempt per try (the
// contract's Delivery shape, core/src/contracts/api/reports.ts): the caller stores it as the run's
// delivery log, and a failed delivery can be sent again later from the
// stored run. Permanent failures (a 4xx other than 408/425/429, an SMTP 5xx, a refused login) stop
// at once; others are retried until the attempts run out.
import type { Delivery, DeliveryAttempt } from '../../contracts/api/reports.ts'

export interface RetryPolicy {
  /** Tries in all (first one included). */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Test seams: how to wait and the jitter source. */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 }

export interface AttemptOutcome {
  ok: boolean
  /** HTTP status or SMTP reply code; null when nothing answered. */
  status: number | null
  error: string | null
  /** False for a failure that another try cannot fix. */
  retryable: boolean
  /** The server asked to wait this long (Retry-After). */
  retryAfterMs?: number
}

/** The run's delivery record for one channel and target (stored as it is). */
export type DeliveryResult = Delivery

/** Delay before try `next` (2, 3, …): base·2^(next−2), capped, with half of it random ("equal jitter"). */
export function backoffDelay(policy: RetryPolicy, next: number, retryAfterMs = 0): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (next - 2))
  const jittered = exp / 2 + (policy.random ?? Math.random)() * (exp / 2)
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs)))
}

const cut = (s: string | null, n = 300) => (s === null ? null : s.length > n ? `${s.slice(0, n)}…` : s)

export async function withAttempts(
  channel: Delivery['channel'],
  target: string,
  policy: RetryPolicy,
  run: (attempt: number) => Promise<AttemptOutcome>,
): Promise<DeliveryResult> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const attempts: DeliveryAttempt[] = []
  const tries = Math.max(1, policy.attempts)
  for (let attempt = 1; attempt <= tries; attempt++) {
    const started = Date.now()
    let outcome: AttemptOutcome
    try {
      outcome = await run(attempt)
    } catch (err) {
      outcome = { ok: false, status: null, error: (err as Error).message, retryable: true }
    }
    const willRetry = !outcome.ok && outcome.retryable && attempt < tries
    attempts.push({
      at: new Date(started).toISOString(),
      ok: outcome.ok,
      code: outcome.status,
      error: cut(outcome.error),
      durationMs: Date.now() - started,
    })
    if (outcome.ok) return { channel, target, ok: true, attempts }
    if (!willRetry) break
    await sleep(backoffDelay(policy, attempt + 1, outcome.retryAfterMs))
  }
  return { channel, target, ok: false, attempts }
}
