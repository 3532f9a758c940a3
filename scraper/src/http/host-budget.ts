// A time budget per host for one run (one board listing): the run may spend at most `budgetMs` of wall
// time on a host, counted from its first request there, waits for the host's turn included. Past it,
// requests to the host fail at once with HostBudgetSpentError, and a request in flight is aborted when
// the budget runs out, so a slow-drip server cannot hold a worker for attempts × timeout × ad links.
import { HostBudgetSpentError } from './host-unavailable.ts'

export class HostBudget {
  private readonly deadlines = new Map<string, number>()

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A signal that aborts when the host's budget runs out; throws when it already has. */
  signalFor(url: string): AbortSignal {
    const host = new URL(url).host
    let deadline = this.deadlines.get(host)
    if (deadline === undefined) {
      deadline = this.now() + this.budgetMs
      this.deadlines.set(host, deadline)
    }
    const left = deadline - this.now()
    if (left <= 0) throw this.spent(url)
    return AbortSignal.timeout(left)
  }

  /** The error for a request the budget stopped. */
  spent(url: string, cause?: unknown): HostBudgetSpentError {
    const host = new URL(url).host
    return new HostBudgetSpentError(
      url,
      `time budget of ${this.budgetMs} ms for host ${host} in this run spent; the rest waits for the next run`,
      cause,
    )
  }
}
