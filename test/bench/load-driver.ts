// Drives an API with concurrent clients over loopback, bounded in requests and time: each client
// sends the next URL of the list as soon as its previous answer is read. Shared by bench:load and
// bench:api. Answers requests/s, p50/p99 latency and the statuses seen (`error`: no answer).
export interface LoadResult {
  requests: number
  rps: number
  p50: number
  p99: number
  statuses: string
}

export async function driveLoad(
  base: string,
  urls: readonly string[],
  clients: number,
  bounds: { maxRequests: number; maxMs: number },
): Promise<LoadResult> {
  const latencies: number[] = []
  const statuses = new Map<number | 'error', number>()
  const t0 = performance.now()
  let sent = 0
  const client = async () => {
    while (sent < bounds.maxRequests && performance.now() - t0 < bounds.maxMs) {
      const url = urls[sent++ % urls.length]!
      const start = performance.now()
      let status: number | 'error'
      try {
        const res = await fetch(base + url)
        await res.arrayBuffer()
        status = res.status
      } catch {
        status = 'error' // a reset connection counts as a failed request, not the end of the run
      }
      latencies.push(performance.now() - start)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: clients }, client))
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(' '),
  }
}
