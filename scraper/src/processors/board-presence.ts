// Which ads are still on a board: every listing marks the ads it has as seen, and the ads that
// were open but are missing from a complete listing get closed_at.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BatchWriter } from '@stackradar/core/clickhouse'
import { toDateTime64, queryRows } from '@stackradar/core/clickhouse'

export async function updatePresence(
  ch: ClickHouseClient,
  writer: BatchWriter,
  sourceKey: string,
  seenIds: string[],
): Promise<{ newIds: Set<string>; closed: number; firstSeen: Map<string, string> }> {
  const found = await queryRows<{ ad_id: string; first_seen_at: string; last_seen_at: string; open: number }>(
    ch,
    `SELECT ad_id, toString(first_seen_at) AS first_seen_at, toString(last_seen_at) AS last_seen_at, isNull(closed_at) AS open
            FROM ad_presence FINAL WHERE source_key = {k:String}`,
    { k: sourceKey },
  )
  const before = new Map(found.map((r) => [r.ad_id, r]))
  const now = toDateTime64(Date.now())
  const seen = new Set(seenIds)
  const rows: Record<string, unknown>[] = seenIds.map((id) => ({
    source_key: sourceKey,
    ad_id: id,
    first_seen_at: before.get(id)?.first_seen_at ?? now,
    last_seen_at: now,
    closed_at: null,
    updated_at: now,
  }))
  let closed = 0
  for (const [id, r] of before) {
    if (seen.has(id) || !Number(r.open)) continue
    closed++
    rows.push({
      source_key: sourceKey,
      ad_id: id,
      first_seen_at: r.first_seen_at,
      last_seen_at: r.last_seen_at,
      closed_at: now,
      updated_at: now,
    })
  }
  await writer.insert('ad_presence', rows)
  const firstSeen = new Map(seenIds.map((id) => [id, before.get(id)?.first_seen_at ?? now]))
  return { newIds: new Set(seenIds.filter((id) => !before.has(id))), closed, firstSeen }
}
