// Demand over time under the full filter set: per period and series (a skill, or a whole
// category: ads naming any skill of it), the ads, all ads, the share with its 95% Wilson
// interval, an optional rolling mean of the share, and whether the period's capture is complete.
// Distinct ads (dedupe_key) at their current extraction (the `skills` of the newest `ads` row).
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { listSkills } from '../taxonomy/index.ts'
import { compileWhere, type Filters } from './filters.ts'
import { rollingMean, round, wilson } from './stats.ts'
import { PERIOD_SQL, type Interval } from './trends.ts'

export interface SeriesQuery {
  filters: Filters
  interval: Interval
  skills: string[]
  categories: string[]
  /** Periods in the rolling mean of the share; 0 or 1 = none. */
  rolling: number
}

export interface SeriesPoint {
  period: string
  kind: 'skill' | 'category'
  series: string
  ads: number
  total: number
  share: number
  low: number
  high: number
  rollingShare: number | null
  /** From the crawl coverage: null where not known. */
  complete: boolean | null
}

export async function querySeries(ch: ClickHouseClient, q: SeriesQuery): Promise<SeriesPoint[]> {
  const w = compileWhere(q.filters)
  const period = `toString(${PERIOD_SQL[q.interval]})`
  const cats = listSkills().filter((s) => q.categories.includes(s.category))
  const params = {
    ...w.params,
    skills: q.skills,
    cat_ids: cats.map((s) => s.id),
    cat_names: cats.map((s) => s.category),
  }
  const [totals, counts] = await Promise.all([
    queryRows<{ period: string; total: string }>(
      ch,
      `SELECT ${period} AS period, uniqExact(dedupe_key) AS total FROM ads FINAL WHERE ${w.sql}
       GROUP BY period ORDER BY period`,
      params,
    ),
    queryRows<{ period: string; kind: string; series: string; ads: string }>(
      ch,
      `SELECT period, kind, series, uniqExact(dedupe_key) AS ads FROM (
         SELECT ${period} AS period, dedupe_key,
                arrayJoin(arrayConcat(
                  arrayMap(s -> ('skill', s), arrayIntersect(skills, {skills:Array(String)})),
                  arrayMap(c -> ('category', c), arrayDistinct(arrayFilter(c -> c != '',
                    arrayMap(s -> transform(s, {cat_ids:Array(String)}, {cat_names:Array(String)}, ''), skills))))
                )) AS pair, pair.1 AS kind, pair.2 AS series
         FROM ads FINAL WHERE ${w.sql})
       GROUP BY period, kind, series`,
      params,
    ),
  ])
  const count = new Map(counts.map((r) => [`${r.period}|${r.kind}|${r.series}`, Number(r.ads)]))
  const series: { kind: SeriesPoint['kind']; id: string }[] = [
    ...[...q.skills].sort().map((id) => ({ kind: 'skill' as const, id })),
    ...[...q.categories].sort().map((id) => ({ kind: 'category' as const, id })),
  ]
  const points: SeriesPoint[] = []
  for (const s of series) {
    const line = totals.map((t) => {
      const total = Number(t.total)
      const ads = count.get(`${t.period}|${s.kind}|${s.id}`) ?? 0
      const ci = wilson(ads, total)
      return { period: t.period, kind: s.kind, series: s.id, ads, total, share: total ? ads / total : 0, ci }
    })
    const rolled =
      q.rolling > 1
        ? rollingMean(
            line.map((p) => p.share),
            q.rolling,
          )
        : line.map(() => null)
    line.forEach((p, i) =>
      points.push({
        period: p.period,
        kind: p.kind,
        series: p.series,
        ads: p.ads,
        total: p.total,
        share: round(p.share),
        low: round(p.ci.low),
        high: round(p.ci.high),
        rollingShare: rolled[i] === null ? null : round(rolled[i]!),
        complete: null,
      }),
    )
  }
  return points.sort(
    (a, b) =>
      a.period.localeCompare(b.period) || a.kind.localeCompare(b.kind) || a.series.localeCompare(b.series),
  )
}
