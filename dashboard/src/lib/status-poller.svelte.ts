// Keeps the backfill status fresh: polls /api/v1/status every few seconds while a backfill is running
// and stops as soon as it is not. It also tells the page when the stored data has moved enough
// to be worth re-fetching the chart, so a running backfill visibly fills the chart in.
import { fetchStatus, type Status } from './api'

const POLL_MS = 3_000
const MIN_REFRESH_MS = 15_000

export class StatusPoller {
  status = $state<Status | null>(null)
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = false
  #lastRefresh = Date.now()
  readonly #onDataChanged: () => void

  constructor(onDataChanged: () => void) {
    this.#onDataChanged = onDataChanged
  }

  /** Take a status fetched elsewhere (the page load) and (re)start polling if a backfill runs. */
  accept(next: Status | null): void {
    if (next) this.status = next
    this.#schedule()
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    if (this.#stopped || !this.status?.backfill.running) return
    this.#timer = setTimeout(() => void this.#poll(), POLL_MS)
  }

  async #poll(): Promise<void> {
    const previous = this.status
    try {
      const next = await fetchStatus(fetch)
      if (this.#stopped) return
      this.status = next
      this.#maybeRefresh(previous, next)
    } catch {
      // Keep the last known status; a transient API hiccup should not hide the banner.
    }
    this.#schedule()
  }

  #maybeRefresh(previous: Status | null, next: Status): void {
    const finished = previous?.backfill.running === true && !next.backfill.running
    const grew = next.ads.extracted !== previous?.ads.extracted
    if (finished || (grew && Date.now() - this.#lastRefresh >= MIN_REFRESH_MS)) {
      this.#lastRefresh = Date.now()
      this.#onDataChanged()
    }
  }
}
