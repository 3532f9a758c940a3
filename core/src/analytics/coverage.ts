// Coverage per source and month: ads captured, what the source stated (expected vs stored per
// crawl unit, from the crawl-state table), pages failed, and the complete / suspect flags of
// coverage-rules.ts. Volumes from the rollups or raw rows (query-path.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { crawlState } from '../tables/crawl-state.ts'
import { coverageRows, type CoverageRow, type CoverageUnit } from './coverage-rules.ts'
import { compileWhere, type Filters } from './filters.ts'
import { choosePath } from './query-path.ts'

export async function queryCoverage(
  ch: ClickHouseClient,
  filters: Filters,
  now = new Date(),
): Promise<CoverageRow[]> {
  const w = compileWhere({ ...filters, from: null, to: null })
  const p = await choosePath(ch, { filters, additive: true, bySource: true })
  const [volumes, units] = await Promise.all([
    queryRows<{ source: string; period: string; ads: string }>(
      ch,
      `SELECT source, toString(toStartOfMonth(posted_day)) AS period, ${p.count()} AS ads
       ${p.ads(w)} GROUP BY source, period`,
      w.params,
    ),
    crawlState.coverage(ch),
  ])
  const unitRows: CoverageUnit[] = units.filter(
    (u) => !filters.source.length || filters.source.includes(u.source),
  )
  const rows = coverageRows(
    unitRows,
    volumes.map((v) => ({ source: v.source, period: v.period, ads: Number(v.ads) })),
    now,
  )
  return rows.filter(
    (r) => (!filters.from || r.period >= filters.from.slice(0, 7)) && (!filters.to || r.period <= filters.to),
  )
}
