// Politeness per host: at most one request at a time to a host, and at least `minDelayMs`
// between the start of two requests to it. Other hosts are not held up.
// A host's release timer keeps the process alive only while another request waits for that turn:
// a short command (`sources test`) must not end with ad pages still queued, and a process whose
// last request is done need not linger for the delay.
// HostTurns is what fetchers take: this in-process gate, or RedisHostGate (redis-host-gate.ts),
// which shares the turn among scrape processes.

export interface HostTurns {
  /** Run `fn` when it is this host's turn; `delayMs` (a Crawl-delay) overrides the default delay when larger. */
  run<T>(url: string, fn: () => Promise<T>, delayMs?: number): Promise<T>
}

export class HostGate implements HostTurns {
  private readonly tails = new Map<string, Promise<void>>()
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly minDelayMs: number) {}

  async run<T>(url: string, fn: () => Promise<T>, delayMs = 0): Promise<T> {
    const host = new URL(url).host
    const minDelayMs = Math.max(this.minDelayMs, delayMs)
    const previous = this.tails.get(host) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((r) => (release = r))
    const tail = previous.then(() => mine)
    this.tails.set(host, tail)
    // Someone now waits for this host: its pending release must hold the event loop open.
    this.releaseTimers.get(host)?.ref()
    await previous
    const started = Date.now()
    try {
      return await fn()
    } finally {
      const wait = Math.max(0, minDelayMs - (Date.now() - started))
      const timer = setTimeout(() => {
        if (this.releaseTimers.get(host) === timer) this.releaseTimers.delete(host)
        release()
        if (this.tails.get(host) === tail) this.tails.delete(host)
      }, wait)
      // Unref'd only when nobody queued behind this request yet.
      if (this.tails.get(host) === tail) timer.unref()
      this.releaseTimers.set(host, timer)
    }
  }
}
