// A cheap fingerprint of the stored data, for caches of query answers: every insert allocates a
// new block number per table, so the highest block number of each table's active parts (plus the
// row total) changes on each write and not otherwise. Reads metadata only (system.parts).
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from './query.ts'

export async function readDataVersion(ch: ClickHouseClient): Promise<string> {
  const rows = await queryRows<{ blocks: string | number; total: string | number }>(
    ch,
    `SELECT sum(last_block) AS blocks, sum(table_rows) AS total FROM (
       SELECT table, max(max_block_number) AS last_block, sum(rows) AS table_rows
       FROM system.parts WHERE database = currentDatabase() AND active GROUP BY table)`,
  )
  return `${rows[0]?.blocks ?? 0}.${rows[0]?.total ?? 0}`
}

/** `readDataVersion` re-read at most every `maxAgeMs`; concurrent callers share one read. */
export function cachedDataVersion(
  ch: ClickHouseClient,
  maxAgeMs: number,
  clock: () => number = Date.now,
): () => Promise<string> {
  let last: { at: number; version: Promise<string> } | undefined
  return () => {
    const now = clock()
    if (!last || now - last.at >= maxAgeMs) {
      const version = readDataVersion(ch)
      last = { at: now, version }
      // A failed read is not kept: the next caller tries again.
      version.catch(() => {
        if (last?.version === version) last = undefined
      })
    }
    return last.version
  }
}
