// Coverage per source and month: ads captured, what the source stated (expected vs stored per
// crawl unit, from the crawl-state table), pages failed, and the complete / suspect flags of
// coverage-rules.ts. Volumes from the tallies, rollups or raw rows (query-path.ts). The trend
// series reuse the all-dates answer while the data is unchanged (queryCoverageKept).
import type { ClickHouseClient } from '@clickhouse/client'
import { readDataVersion } from '../clickhouse/data-version.ts'
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

/** Answers kept per client: filters and month → the data version they were read at. */
const kept = new WeakMap<ClickHouseClient, Map<string, { version: string; rows: Promise<CoverageRow[]> }>>()
const KEPT_PER_CLIENT = 64

/**
 * queryCoverage over all dates, reused while the stored data is unchanged (its data version, read
 * from system.parts on each call) in the same month: every trends answer marks its periods'
 * completeness from it, whatever skills it asks (recounting it took 38–119 ms of a 128–181 ms
 * trends answer on 1M ads).
 */
export async function queryCoverageKept(ch: ClickHouseClient, filters: Filters): Promise<CoverageRow[]> {
  const all = { ...filters, from: null, to: null }
  const now = new Date()
  const version = await readDataVersion(ch)
  const key = `${now.toISOString().slice(0, 7)} ${JSON.stringify(all)}`
  let byKey = kept.get(ch)
  if (!byKey) kept.set(ch, (byKey = new Map()))
  const had = byKey.get(key)
  if (had && had.version === version) return had.rows
  const rows = queryCoverage(ch, all, now)
  byKey.delete(key)
  byKey.set(key, { version, rows })
  if (byKey.size > KEPT_PER_CLIENT) byKey.delete(byKey.keys().next().value!)
  // A failed read is not kept: the next caller asks again.
  rows.catch(() => byKey.get(key)?.rows === rows && byKey.delete(key))
  return rows
}
