// A circuit breaker per host: a host that keeps timing out or answering 5xx is treated as down for a
// cool-down instead of being asked again and again (a dripping server would otherwise hold a worker
// for attempts × timeout per URL). Closed → open after `failureThreshold` consecutive failed attempts
// on at least two different URLs (one page that keeps failing says that page is broken, not the host);
// after `cooldownMs` one trial request goes through (half-open): success closes it, failure re-opens it.
// The state sits behind BreakerStore, whose verbs are atomic per host: MemoryBreakerStore per process,
// RedisBreakerStore (redis-breaker-store.ts) shared by all scrape processes in distributed mode.
import { HostDownError } from '../http/host-unavailable.ts'

export interface BreakerState {
  /** Consecutive failed attempts (reset by any answer that is not a 5xx). */
  failures: number
  /** Distinct URLs among those failures (at most two are kept: that is all the rule needs). */
  failedUrls: string[]
  /** When the breaker last opened (or a half-open trial began); null while closed. */
  openedAt: number | null
  /** The last failure, shown in errors and source health. */
  reason: string
}

export interface BreakerStore {
  get(host: string): Promise<BreakerState | undefined>
  /** Counts one failure; opens (or re-opens) the breaker at `now` once `threshold` is reached on 2+ URLs. */
  recordFailure(
    host: string,
    url: string,
    reason: string,
    threshold: number,
    now: number,
  ): Promise<BreakerState>
  /** Closes the breaker and clears the count; returns the state it had before. */
  recordSuccess(host: string): Promise<BreakerState | undefined>
  /** Claims the single half-open trial once `cooldownMs` has passed since opening: true for one caller. */
  claimTrial(host: string, cooldownMs: number, now: number): Promise<boolean>
}

export class MemoryBreakerStore implements BreakerStore {
  private readonly hosts = new Map<string, BreakerState>()

  async get(host: string): Promise<BreakerState | undefined> {
    const state = this.hosts.get(host)
    return state && { ...state }
  }

  async recordFailure(
    host: string,
    url: string,
    reason: string,
    threshold: number,
    now: number,
  ): Promise<BreakerState> {
    const state = this.hosts.get(host) ?? { failures: 0, failedUrls: [], openedAt: null, reason: '' }
    state.failures++
    state.reason = reason
    if (state.failedUrls.length < 2 && !state.failedUrls.includes(url)) state.failedUrls.push(url)
    if (state.failures >= threshold && state.failedUrls.length >= 2) state.openedAt = now
    this.hosts.set(host, state)
    return { ...state, failedUrls: [...state.failedUrls] }
  }

  async recordSuccess(host: string): Promise<BreakerState | undefined> {
    const before = this.hosts.get(host)
    this.hosts.delete(host)
    return before
  }

  async claimTrial(host: string, cooldownMs: number, now: number): Promise<boolean> {
    const state = this.hosts.get(host)
    if (!state || state.openedAt === null || now < state.openedAt + cooldownMs) return false
    // Re-armed at once: other requests wait for the trial's outcome (or another cool-down).
    state.openedAt = now
    return true
  }
}

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the breaker. */
  failureThreshold: number
  /** How long an open breaker refuses requests before a trial. */
  cooldownMs: number
  store?: BreakerStore
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
  now?: () => number
}

export class CircuitBreaker {
  private readonly store: BreakerStore
  private readonly now: () => number

  constructor(private readonly options: CircuitBreakerOptions) {
    this.store = options.store ?? new MemoryBreakerStore()
    this.now = options.now ?? Date.now
  }

  /**
   * Throws HostDownError while the host's breaker is open; lets one trial through after the cool-down.
   * True when this call claimed that half-open trial.
   */
  async assertUp(url: string): Promise<boolean> {
    const host = new URL(url).host
    const state = await this.store.get(host)
    if (!state || state.openedAt === null) return false
    if (await this.store.claimTrial(host, this.options.cooldownMs, this.now())) {
      this.options.logger?.info({ host }, 'circuit breaker half-open: trying the host again')
      return true
    }
    throw this.downError(url, host, state)
  }

  /**
   * Asked again when a request's turn comes (it may have waited behind the request, or another process's,
   * that opened the breaker): throws while open, without claiming a trial.
   */
  async assertStillUp(url: string): Promise<void> {
    const host = new URL(url).host
    const state = await this.store.get(host)
    if (state && state.openedAt !== null) throw this.downError(url, host, state)
  }

  private downError(url: string, host: string, state: BreakerState): HostDownError {
    const until = new Date(state.openedAt! + this.options.cooldownMs).toISOString()
    return new HostDownError(
      url,
      `host ${host} treated as down until ${until} after ${state.failures} consecutive failures (last: ${state.reason})`,
    )
  }

  /** One attempt's outcome: `failure` is the reason of a timeout, network error or 5xx, else null. */
  async record(url: string, failure: string | null): Promise<void> {
    const host = new URL(url).host
    if (failure === null) {
      const before = await this.store.recordSuccess(host)
      if (before?.openedAt != null)
        this.options.logger?.info({ host }, 'circuit breaker closed: host answers')
      return
    }
    const { failureThreshold } = this.options
    const now = this.now()
    const state = await this.store.recordFailure(host, url, failure, failureThreshold, now)
    // Logged when this failure opens it (or re-opens it after a failed trial), not per failure.
    if (state.openedAt === now)
      this.options.logger?.warn(
        { host, failures: state.failures, cooldownMs: this.options.cooldownMs, reason: failure },
        'circuit breaker open: host treated as down',
      )
  }
}
