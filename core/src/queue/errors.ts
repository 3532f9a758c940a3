// How a processor tells the queue what to do with a failure.

/** The job can never succeed (bad payload, a page that is gone): do not retry. */
export class PermanentError extends Error {
  override name = 'PermanentError'
}

/** Something the job needs is not there yet (data still being written): retry later. */
export class NotReadyError extends Error {
  override name = 'NotReadyError'
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
