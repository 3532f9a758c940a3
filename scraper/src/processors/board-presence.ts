// Which ads are still on a board: every listing marks the ads it has as seen, and the ads that
// were open but are missing from a complete listing get closed_at.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '@stackradar/core/clickhouse'
import { toDateTime64 } from '@stackradar/core/clickhouse'
import { adPresence, type AdPresenceRow } from '@stackradar/core/tables'

export async function updatePresence(
  ch: ClickHouseClient,
  writer: TableWriter,
  sourceKey: string,
  seenIds: string[],
): Promise<{ newIds: Set<string>; closed: number; firstSeen: Map<string, string> }> {
  const found = await adPresence.ofSource(ch, sourceKey)
  const before = new Map(found.map((r) => [r.adId, r]))
  const now = toDateTime64(Date.now())
  const seen = new Set(seenIds)
  const rows: AdPresenceRow[] = seenIds.map((id) => ({
    source_key: sourceKey,
    ad_id: id,
    first_seen_at: before.get(id)?.firstSeenAt ?? now,
    last_seen_at: now,
    closed_at: null,
    updated_at: now,
  }))
  let closed = 0
  for (const [id, r] of before) {
    if (seen.has(id) || !r.open) continue
    closed++
    rows.push({
      source_key: sourceKey,
      ad_id: id,
      first_seen_at: r.firstSeenAt,
      last_seen_at: r.lastSeenAt,
      closed_at: now,
      updated_at: now,
    })
  }
  await adPresence.insert(writer, rows)
  const firstSeen = new Map(seenIds.map((id) => [id, before.get(id)?.firstSeenAt ?? now]))
  return { newIds: new Set(seenIds.filter((id) => !before.has(id))), closed, firstSeen }
}
