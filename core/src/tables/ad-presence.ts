// Table ad_presence: whether an ad is still on its board (first / last seen, closed_at once a
// complete listing no longer has it). Written and read by the board pipeline.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { queryRows } from '../clickhouse/query.ts'

export interface AdPresenceRow {
  source_key: string
  ad_id: string
  first_seen_at: string
  last_seen_at: string
  closed_at: string | null
  updated_at: string
}

export interface AdPresence {
  adId: string
  firstSeenAt: string
  lastSeenAt: string
  open: boolean
}

export const adPresence = {
  insert(writer: TableWriter, rows: AdPresenceRow[]): Promise<void> {
    return writer.insert('ad_presence', rows)
  },

  /** Every ad ever seen on this board, open or closed. */
  async ofSource(ch: ClickHouseClient, sourceKey: string): Promise<AdPresence[]> {
    const found = await queryRows<{
      ad_id: string
      first_seen_at: string
      last_seen_at: string
      open: number
    }>(
      ch,
      `SELECT ad_id, toString(first_seen_at) AS first_seen_at, toString(last_seen_at) AS last_seen_at,
              isNull(closed_at) AS open
       FROM ad_presence FINAL WHERE source_key = {k:String}`,
      { k: sourceKey },
    )
    return found.map((r) => ({
      adId: r.ad_id,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      open: Boolean(Number(r.open)),
    }))
  },
}
