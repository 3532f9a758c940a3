// Is the system answering: ClickHouse and the queue each checked with their latency, and per
// source the newest ad's age (a source that stopped delivering shows a growing age).
import type { ClickHouseClient } from '@clickhouse/client'
import type { HealthResponse } from '../contracts/api/health.ts'
import { fromDateTime } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'
import type { QueueBackend } from '../queue/types.ts'

async function timed(
  fn: () => Promise<unknown>,
): Promise<{ ok: boolean; latencyMs: number | null; error: string | null }> {
  const t0 = performance.now()
  try {
    await fn()
    return { ok: true, latencyMs: Math.round(performance.now() - t0), error: null }
  } catch (err) {
    return { ok: false, latencyMs: null, error: (err as Error).message.slice(0, 300) }
  }
}

export async function readHealth(
  ch: ClickHouseClient,
  queue: QueueBackend,
  now = new Date(),
): Promise<HealthResponse> {
  let sources: HealthResponse['sources'] = []
  const clickhouse = await timed(async () => {
    const rows = await queryRows<{ source: string; newest: string; extracted: string; ads: string }>(
      ch,
      `SELECT source, toString(max(posted_at)) AS newest, toString(max(extracted_at)) AS extracted,
              uniqExact(dedupe_key) AS ads
       FROM ads GROUP BY source ORDER BY source`,
    )
    sources = rows.map((r) => {
      const newest = fromDateTime(r.newest)
      return {
        source: r.source,
        newestPostedAt: newest.toISOString(),
        newestAgeHours: Math.round(((now.getTime() - newest.getTime()) / 3_600_000) * 10) / 10,
        lastExtractedAt: fromDateTime(r.extracted).toISOString(),
        ads: Number(r.ads),
      }
    })
  })
  const q = await timed(() => queue.counts('scrape'))
  return { ok: clickhouse.ok && q.ok, clickhouse, queue: { ...q, kind: queue.kind }, sources }
}
