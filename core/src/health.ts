// What /healthz reports: whether ClickHouse answers and whether the queue's server is reachable.
// Kept cheap for a probe hit every few seconds: the queue state is read from memory, and the
// ClickHouse ping is shared by concurrent callers and re-used for `maxAgeMs`.
import type { ClickHouseClient } from '@clickhouse/client'
import type { DependencyHealth } from './dependency.ts'
import type { QueueBackend } from './queue/types.ts'

export interface Health {
  ok: boolean
  clickhouse: DependencyHealth
  queue: DependencyHealth & { kind: QueueBackend['kind'] }
}

export function createHealthCheck(
  ch: ClickHouseClient,
  queue: Pick<QueueBackend, 'health' | 'kind'>,
  opts: { maxAgeMs?: number; timeoutMs?: number } = {},
): () => Promise<Health> {
  const maxAgeMs = opts.maxAgeMs ?? 1000
  const timeoutMs = opts.timeoutMs ?? 2000
  let last: { at: number; result: Promise<DependencyHealth> } | undefined
  const pingClickHouse = async (): Promise<DependencyHealth> => {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<DependencyHealth>((r) => {
      timer = setTimeout(() => r({ up: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs)
    })
    const pinged = ch.ping().then(
      (p): DependencyHealth =>
        p.success ? { up: true } : { up: false, reason: p.error.message || 'ping failed' },
      (err: unknown): DependencyHealth => ({ up: false, reason: (err as Error).message }),
    )
    try {
      return await Promise.race([pinged, timedOut])
    } finally {
      clearTimeout(timer)
    }
  }
  return async () => {
    const now = Date.now()
    if (!last || now - last.at >= maxAgeMs) last = { at: now, result: pingClickHouse() }
    const clickhouse = await last.result
    const q = queue.health()
    return { ok: clickhouse.up && q.up, clickhouse, queue: { kind: queue.kind, ...q } }
  }
}
