// Errors that mean "this host cannot be asked now", not "this URL is bad": the circuit breaker holds
// the host as down, or the run spent its time budget for the host. A source must stop its listing on
// one (skipping the ad would mark it closed) and the job is retried later.
import { FetchError } from './fetch-error.ts'

export class HostUnavailableError extends FetchError {
  override readonly name: string = 'HostUnavailableError'
  /** Marks the error for sources, which see only SourceHttp (see `isHostUnavailable`). */
  readonly hostUnavailable = true
  constructor(url: string, message: string, cause?: unknown) {
    super(message, { url, retryable: true, attempts: 0, ...(cause !== undefined && { cause }) })
  }
}

/** The circuit breaker holds the host as down (too many consecutive timeouts / 5xx). */
export class HostDownError extends HostUnavailableError {
  override readonly name = 'HostDownError'
}

/** This run spent its time budget for the host. */
export class HostBudgetSpentError extends HostUnavailableError {
  override readonly name = 'HostBudgetSpentError'
}
