// How a processor tells the queue what to do with a failure.

/** The job can never succeed (bad payload, a page that is gone): do not retry. */
export class PermanentError extends Error {
  override name = 'PermanentError'
}

/** Something the job needs is not there yet (data still being written): retry later. */
export class NotReadyError extends Error {
  override name = 'NotReadyError'
}

/**
 * The job cannot run now for a reason outside it (its host is held down by the circuit breaker):
 * run it again after `delayMs` without spending one of its attempts.
 */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError'
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message)
  }
}

export function retryLaterDelay(err: unknown): number | null {
  const e = err as { name?: string; delayMs?: unknown } | undefined
  return e?.name === 'RetryLaterError' && typeof e.delayMs === 'number' ? e.delayMs : null
}

/** Anything else is retried with backoff until the queue's attempts run out. */
export function isPermanent(err: unknown): boolean {
  return err instanceof PermanentError || (err as Error | undefined)?.name === 'PermanentError'
}

export function backoffDelay(attempt: number, baseMs: number): number {
  // Exponential with full jitter between half and the whole step, capped at 5 minutes.
  const step = Math.min(baseMs * 2 ** (attempt - 1), 300_000)
  return Math.round(step / 2 + Math.random() * (step / 2))
}
