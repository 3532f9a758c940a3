// Table source_health: per-source health (ads seen / new / closed, last success, last error),
// written by the board scraper after every run, read by GET /api/v1/sources and the scheduler.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { isoFromDateTime as iso, toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'

export interface SourceHealthRow {
  source_key: string
  kind: string
  ads_seen: number
  ads_new: number
  ads_closed: number
  total_seen: number
  last_success_at: string | null
  last_error: string
  last_error_at: string | null
  updated_at: string
}

export interface SourceHealth {
  sourceKey: string
  kind: string
  adsSeen: number
  adsNew: number
  adsClosed: number
  totalSeen: number
  lastSuccessAt: string | null
  lastError: string
  lastErrorAt: string | null
  updatedAt: string
}

export const sourceHealth = {
  async all(ch: ClickHouseClient): Promise<Map<string, SourceHealth>> {
    const rows = await queryRows<SourceHealthRow>(
      ch,
      `SELECT source_key, kind, ads_seen, ads_new, ads_closed, total_seen,
              toString(last_success_at) AS last_success_at, last_error,
              toString(last_error_at) AS last_error_at, toString(updated_at) AS updated_at
       FROM source_health FINAL`,
    )
    return new Map(
      rows.map((r) => [
        r.source_key,
        {
          sourceKey: r.source_key,
          kind: r.kind,
          adsSeen: Number(r.ads_seen),
          adsNew: Number(r.ads_new),
          adsClosed: Number(r.ads_closed),
          totalSeen: Number(r.total_seen),
          lastSuccessAt: iso(r.last_success_at),
          lastError: r.last_error,
          lastErrorAt: iso(r.last_error_at),
          updatedAt: iso(r.updated_at)!,
        },
      ]),
    )
  },

  write(writer: TableWriter, h: Omit<SourceHealth, 'updatedAt'>): Promise<void> {
    const ts = (s: string | null) => (s ? toDateTime64(new Date(s)) : null)
    return writer.insert('source_health', [
      {
        source_key: h.sourceKey,
        kind: h.kind,
        ads_seen: h.adsSeen,
        ads_new: h.adsNew,
        ads_closed: h.adsClosed,
        total_seen: h.totalSeen,
        last_success_at: ts(h.lastSuccessAt),
        last_error: h.lastError.slice(0, 2000),
        last_error_at: ts(h.lastErrorAt),
        updated_at: toDateTime64(Date.now()),
      },
    ])
  },
}
