// Drives an API with concurrent clients over loopback, bounded in requests and time: each client
// sends the next URL of the list as soon as its previous answer is read. Shared by bench:load and
// bench:api. Answers requests/s, p50/p99 latency and the statuses seen (`error`: no answer).
// The clients run on a worker thread of their own: browsers are not in the API's process, and
// clients on the server's event loop would charge the server for their work. The machine's cores
// are still shared, as on any one-box test. Each client asks for brotli or gzip as a browser does
// and reads every byte of the answer, but does not decompress it: 50 browsers decompress on 50
// machines, while here one thread decompressing 50 clients' answers was itself the bottleneck
// (a CPU profile under 50 clients on the HN replay: the server's thread idle two thirds of the
// time, the clients' thread busy in zlib), and every client's latency queued behind the others'.
import { Agent, get } from 'node:http'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

export interface LoadResult {
  requests: number
  rps: number
  p50: number
  p99: number
  statuses: string
  /** Every request's time to the last byte of its answer, ms, fastest first. */
  latencies: number[]
}

/**
 * Requests until either bound is reached, and at least `minRequests` (default 0) whatever the
 * time. The first `warmUp` requests (default 0) count in both bounds but not in the latencies:
 * sent on the same connections as the timed ones, so none of those opens one.
 */
export interface LoadBounds {
  maxRequests: number
  maxMs: number
  minRequests?: number
  warmUp?: number
}

async function driveLoadHere(
  base: string,
  urls: readonly string[],
  clients: number,
  bounds: LoadBounds,
): Promise<LoadResult> {
  const latencies: number[] = []
  const statuses = new Map<number | 'error', number>()
  const t0 = performance.now()
  let sent = 0
  const agent = new Agent({ keepAlive: true, maxSockets: clients })
  const client = async () => {
    const more = () =>
      sent < bounds.maxRequests && (sent < (bounds.minRequests ?? 0) || performance.now() - t0 < bounds.maxMs)
    while (more()) {
      const timed = sent >= (bounds.warmUp ?? 0)
      const url = urls[sent++ % urls.length]!
      const start = performance.now()
      let status: number | 'error'
      try {
        status = await fetchCompressed(base + url, agent)
      } catch {
        status = 'error' // a reset connection counts as a failed request, not the end of the run
      }
      if (timed) latencies.push(performance.now() - start)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: clients }, client))
  agent.destroy()
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(' '),
    latencies,
  }
}

/** GET with Accept-Encoding br/gzip; resolves with the status once the whole (encoded) body is read. */
function fetchCompressed(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
      res.on('data', () => {})
      res.once('end', () => resolve(res.statusCode ?? 0))
      res.once('error', reject)
    })
    req.once('error', reject)
  })
}

interface LoadJob {
  base: string
  urls: readonly string[]
  clients: number
  bounds: LoadBounds
}

/** Runs the clients on a worker thread and answers their figures. */
export function driveLoad(
  base: string,
  urls: readonly string[],
  clients: number,
  bounds: LoadBounds,
): Promise<LoadResult> {
  const job: LoadJob = { base, urls, clients, bounds }
  return new Promise((resolve, reject) => {
    // The benches run under tsx; the thread imports this same TypeScript file through it (a .ts
    // file as the thread's entry point is refused before the loader runs).
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
    const self = JSON.stringify(import.meta.url)
    const worker = new Worker(`import(${tsx}).then((t) => { t.register(); return import(${self}) })`, {
      eval: true,
      workerData: job,
    })
    worker.once('message', (r: LoadResult) => resolve(r))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load driver thread exited with code ${code}`))
    })
  })
}

if (!isMainThread && parentPort) {
  const job = workerData as LoadJob
  const port = parentPort
  void driveLoadHere(job.base, job.urls, job.clients, job.bounds).then((r) => port.postMessage(r))
}
