// The one error type of the plain-HTTP fetcher, so callers can tell "try later" from "give up".

export class FetchError extends Error {
  // Typed as string so subclasses (robots, URL guard) can name themselves.
  override readonly name: string = 'FetchError'
  readonly url: string
  /** HTTP status when a response arrived. */
  readonly status?: number
  /** Whether another attempt later could succeed (5xx, 429, timeouts, network errors). */
  readonly retryable: boolean
  /** Attempts made, including the failing one. */
  readonly attempts: number

  constructor(
    message: string,
    details: { url: string; status?: number; retryable: boolean; attempts: number; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.url = details.url
    if (details.status !== undefined) this.status = details.status
    this.retryable = details.retryable
    this.attempts = details.attempts
  }
}
