// What the system is doing: ads stored and extracted, backfill progress, queue depth. Shared by
// the API (/api/v1/status), the progress log line and the tests. The ads counts come from a cache
// kept exact at rest (status-counts.ts), so a dashboard polling it costs no scan per poll.
import type { ClickHouseClient } from '@clickhouse/client'
import type { QueueBackend } from '../queue/types.ts'
import type { StatusResponse } from '../contracts/api/index.ts'
import { crawlState } from '../tables/crawl-state.ts'
import { estimateSecondsLeft } from './eta.ts'
import { readAdCounts } from './status-counts.ts'

/** The /api/v1/status answer. */
export type SystemStatus = StatusResponse

export async function readStatus(
  ch: ClickHouseClient,
  queue: QueueBackend,
  extractorVersion: number,
): Promise<SystemStatus> {
  const [counts, tasks, failedUnits, scrape, extract] = await Promise.all([
    readAdCounts(ch, extractorVersion),
    crawlState.progress(ch),
    crawlState.failed(ch, 20),
    queue.counts('scrape'),
    queue.counts('extract'),
  ])
  const { total, done, failed } = tasks
  const busy =
    scrape.waiting + scrape.active + scrape.delayed + extract.waiting + extract.active + extract.delayed
  return {
    mode: queue.kind === 'bullmq' ? 'distributed' : 'embedded',
    ads: counts,
    backfill: {
      running: busy > 0 || done + failed < total,
      threads: { total, done, failed },
      failedUnits: failedUnits.map((u) => ({
        source: u.source,
        label: u.label,
        error: u.error,
        failures: u.attempts,
        retryAt: u.nextRunAt?.toISOString() ?? null,
      })),
      startedAt: tasks.startedAt,
      updatedAt: tasks.updatedAt,
      etaSeconds: estimateSecondsLeft({ total, done, failed }, tasks.startedAt),
    },
    queues: {
      scrape: { waiting: scrape.waiting + scrape.delayed, active: scrape.active },
      extract: { waiting: extract.waiting + extract.delayed, active: extract.active },
    },
    extractorVersion,
  }
}
