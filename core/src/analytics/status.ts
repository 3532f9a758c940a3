// What the system is doing: ads stored and extracted, backfill progress, queue depth. Shared by
// the API (/api/v1/status), the progress log line and the tests.
import type { ClickHouseClient } from '@clickhouse/client'
import type { QueueBackend } from '../queue/types.ts'
import type { StatusResponse } from '../contracts/api/index.ts'
import { queryRows } from '../clickhouse/query.ts'
import { fromDateTime, isoFromDateTime } from '../clickhouse/datetime.ts'
import { retryDelayMs } from '../clickhouse/crawl-tasks.ts'

/** The /api/v1/status answer. */
export type SystemStatus = StatusResponse

export async function readStatus(
  ch: ClickHouseClient,
  queue: QueueBackend,
  extractorVersion: number,
): Promise<SystemStatus> {
  const one = async <T>(query: string): Promise<T> => {
    return (await queryRows<T>(ch, query, { v: extractorVersion }))[0]!
  }
  const [raw, extracted, tasks, failedRows, scrape, extract] = await Promise.all([
    one<{ n: string }>('SELECT uniqExact(ad_id) AS n FROM raw_ads'),
    one<{ n: string }>('SELECT uniqExact(ad_id) AS n FROM ads FINAL WHERE extractor_version = {v:UInt32}'),
    one<{ total: string; done: string; failed: string; started: string | null; updated: string | null }>(
      `SELECT count() AS total, countIf(status = 'done') AS done, countIf(status = 'failed') AS failed,
              if(count() = 0, NULL, toString(min(updated_at))) AS started,
              if(count() = 0, NULL, toString(max(updated_at))) AS updated
       FROM crawl_tasks FINAL`,
    ),
    queryRows<{ source: string; label: string; error: string; failures: string; updated_at: string }>(
      ch,
      `SELECT source, label, error, failures, toString(updated_at) AS updated_at
       FROM crawl_tasks FINAL WHERE status = 'failed' ORDER BY updated_at DESC LIMIT 20`,
    ),
    queue.counts('scrape'),
    queue.counts('extract'),
  ])
  const total = Number(tasks.total)
  const done = Number(tasks.done)
  const failed = Number(tasks.failed)
  const busy =
    scrape.waiting + scrape.active + scrape.delayed + extract.waiting + extract.active + extract.delayed
  return {
    mode: queue.kind === 'bullmq' ? 'distributed' : 'embedded',
    ads: { raw: Number(raw.n), extracted: Number(extracted.n) },
    backfill: {
      running: busy > 0 || done + failed < total,
      threads: { total, done, failed },
      failedUnits: failedRows.map((r) => ({
        source: r.source,
        label: r.label,
        error: r.error,
        failures: Number(r.failures),
        retryAt: new Date(
          fromDateTime(r.updated_at).getTime() + retryDelayMs(Number(r.failures)),
        ).toISOString(),
      })),
      startedAt: isoFromDateTime(tasks.started),
      updatedAt: isoFromDateTime(tasks.updated),
    },
    queues: {
      scrape: { waiting: scrape.waiting + scrape.delayed, active: scrape.active },
      extract: { waiting: extract.waiting + extract.delayed, active: extract.active },
    },
    extractorVersion,
  }
}
