// Table raw_ads_v2: every ad exactly as fetched (the source of truth; re-extraction reads it back).
// It is raw_ads in smaller granules (migration 019: looking up a page of ads' text read ~10 MB per
// ad); raw_ads is left empty, its later inserts copied here by a view.
// Written by the scrapers, read by the extract worker, the scheduler's recovery sweep and status.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { queryRows, queryRowsByChunks } from '../clickhouse/query.ts'

export interface RawAdRow {
  ad_id: string
  source: string
  source_id: string
  thread_id: string
  url: string
  posted_at: string
  date_source: 'absolute' | 'relative' | 'thread' | 'source'
  payload_format: 'hn-html' | 'board-json' | 'text'
  payload: string
  content_hash: string
  fetched_at: string
  /** Defaults to ad_id (migration 002). */
  dedupe_key?: string
}

/** The columns of a stored raw ad the extract worker reads. */
export type StoredRawAd = Pick<
  RawAdRow,
  'ad_id' | 'source' | 'source_id' | 'thread_id' | 'url' | 'posted_at' | 'payload_format' | 'payload'
> & { dedupe_key: string }

export const rawAds = {
  insert(writer: TableWriter, rows: RawAdRow[]): Promise<void> {
    return writer.insert('raw_ads_v2', rows)
  },

  /**
   * The newest stored content hash of each of these ads (absent: never stored). Scrapers store an
   * ad again, and queue its extraction, only when its hash differs.
   */
  async contentHashes(
    ch: ClickHouseClient,
    source: string,
    adIds: readonly string[],
  ): Promise<Map<string, string>> {
    const rows = await queryRowsByChunks<{ ad_id: string; h: string }>(
      ch,
      `SELECT ad_id, toString(argMax(content_hash, fetched_at)) AS h FROM raw_ads_v2
       WHERE source = {s:String} AND ad_id IN {ids:Array(String)} GROUP BY ad_id`,
      { s: source, ids: [...adIds] },
      'ids',
    )
    return new Map(rows.map((r) => [r.ad_id, r.h]))
  },

  /** The newest stored version of each of these ads, as the extract worker reads them. */
  byIds(ch: ClickHouseClient, adIds: readonly string[]): Promise<StoredRawAd[]> {
    return queryRowsByChunks<StoredRawAd>(
      ch,
      `SELECT ad_id, source, source_id, thread_id, url, toString(posted_at) AS posted_at, payload_format, payload, dedupe_key
       FROM raw_ads_v2 FINAL WHERE ad_id IN {ids:Array(String)}`,
      { ids: [...adIds] },
      'ids',
    )
  },

  /** Ids of stored ads with no extraction at this extractor version (crash recovery, re-extraction). */
  async unextracted(ch: ClickHouseClient, version: number): Promise<string[]> {
    const found = await queryRows<{ ad_id: string }>(
      ch,
      `SELECT DISTINCT ad_id FROM raw_ads_v2
       WHERE ad_id NOT IN (SELECT ad_id FROM ads FINAL WHERE extractor_version = {v:UInt32})
       ORDER BY ad_id`,
      { v: version },
    )
    return found.map((r) => r.ad_id)
  },

  /** Distinct ads stored for one crawl unit (a thread; for boards the board key). */
  async countInThread(ch: ClickHouseClient, source: string, threadId: string): Promise<number> {
    const rows = await queryRows<{ n: string }>(
      ch,
      'SELECT uniqExact(ad_id) AS n FROM raw_ads_v2 WHERE source = {s:String} AND thread_id = {t:String}',
      { s: source, t: threadId },
    )
    return Number(rows[0]?.n ?? 0)
  },

  /** Distinct ads stored, in all or of one source. */
  async count(ch: ClickHouseClient, source?: string): Promise<number> {
    const rows = await queryRows<{ n: string }>(
      ch,
      source === undefined
        ? 'SELECT uniqExact(ad_id) AS n FROM raw_ads_v2'
        : 'SELECT uniqExact(ad_id) AS n FROM raw_ads_v2 WHERE source = {s:String}',
      source === undefined ? {} : { s: source },
    )
    return Number(rows[0]?.n ?? 0)
  },
}
