// Coverage per source and month: ads captured, what the source stated, pages failed, and the
// complete / suspect flags of coverage-rules.ts. Units come from the crawl-units table; until the
// crawl-state table (expected vs stored per unit) lands, HN threads state no expected count, so
// `complete` stays false there and `suspect` (volume against its neighbours) carries the signal.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { coverageRows, type CoverageRow, type CoverageUnit } from './coverage-rules.ts'
import { compileWhere, type Filters } from './filters.ts'

export async function queryCoverage(
  ch: ClickHouseClient,
  filters: Filters,
  now = new Date(),
): Promise<CoverageRow[]> {
  const w = compileWhere({ ...filters, from: null, to: null })
  const [volumes, units] = await Promise.all([
    queryRows<{ source: string; period: string; ads: string }>(
      ch,
      `SELECT source, toString(toStartOfMonth(posted_day)) AS period, uniqExact(dedupe_key) AS ads
       FROM ads FINAL WHERE ${w.sql} GROUP BY source, period`,
      w.params,
    ),
    queryRows<{ source: string; created: string; status: string; failed: number; items: number }>(
      ch,
      `SELECT source, toString(ref_created_at) AS created, status, if(status = 'failed', 1, 0) AS failed, items
       FROM crawl_tasks FINAL`,
    ),
  ])
  const unitRows: CoverageUnit[] = units
    .filter((u) => !filters.source.length || filters.source.includes(u.source))
    .map((u) => ({
      source: u.source,
      unitCreatedAt: u.created,
      status: u.status,
      pagesFailed: Number(u.failed),
      expected: 0,
      stored: Number(u.items),
    }))
  const rows = coverageRows(
    unitRows,
    volumes.map((v) => ({ source: v.source, period: v.period, ads: Number(v.ads) })),
    now,
  )
  return rows.filter(
    (r) => (!filters.from || r.period >= filters.from.slice(0, 7)) && (!filters.to || r.period <= filters.to),
  )
}
