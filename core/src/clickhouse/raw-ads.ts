// Reads of stored raw ads shared by every scraper.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRowsByChunks } from './query.ts'

/**
 * The newest stored content hash of each of these ads (absent: never stored). Scrapers store an
 * ad again, and queue its extraction, only when its hash differs.
 */
export async function storedContentHashes(
  ch: ClickHouseClient,
  source: string,
  adIds: string[],
): Promise<Map<string, string>> {
  const rows = await queryRowsByChunks<{ ad_id: string; h: string }>(
    ch,
    `SELECT ad_id, toString(argMax(content_hash, fetched_at)) AS h FROM raw_ads
     WHERE source = {s:String} AND ad_id IN {ids:Array(String)} GROUP BY ad_id`,
    { s: source, ids: adIds },
    'ids',
  )
  return new Map(rows.map((r) => [r.ad_id, r.h]))
}
