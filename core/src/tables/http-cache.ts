// Table http_cache: conditional-request validators (ETag / Last-Modified) and the last 200 body per
// URL, shared by every scrape worker and kept across restarts.
import type { ClickHouseClient } from '@clickhouse/client'
import { toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'

export interface HttpCacheRow {
  url: string
  etag: string
  last_modified: string
  body: string
  updated_at: string
}

export const httpCache = {
  async get(ch: ClickHouseClient, url: string): Promise<Omit<HttpCacheRow, 'url' | 'updated_at'> | null> {
    const found = await queryRows<{ etag: string; last_modified: string; body: string }>(
      ch,
      'SELECT etag, last_modified, body FROM http_cache FINAL WHERE url = {url:String} LIMIT 1',
      { url },
    )
    return found[0] ?? null
  },

  /** Written at once (not batched): the next request to this URL may come from another worker. */
  async put(ch: ClickHouseClient, entry: Omit<HttpCacheRow, 'updated_at'>): Promise<void> {
    const row: HttpCacheRow = { ...entry, updated_at: toDateTime64(Date.now()) }
    await ch.insert({ table: 'http_cache', values: [row], format: 'JSONEachRow' })
  },
}
