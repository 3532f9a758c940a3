// Politeness per host: at most one request at a time to a host, and at least `minDelayMs`
// between the start of two requests to it. Other hosts are not held up.
export class HostGate {
  private readonly tails = new Map<string, Promise<void>>()

  constructor(private readonly minDelayMs: number) {}

  /** Run `fn` when it is this host's turn. */
  async run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const host = new URL(url).host
    const previous = this.tails.get(host) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((r) => (release = r))
    const tail = previous.then(() => mine)
    this.tails.set(host, tail)
    await previous
    const started = Date.now()
    try {
      return await fn()
    } finally {
      const wait = Math.max(0, this.minDelayMs - (Date.now() - started))
      setTimeout(() => {
        release()
        if (this.tails.get(host) === tail) this.tails.delete(host)
      }, wait).unref?.()
    }
  }
}
