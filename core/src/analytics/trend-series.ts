// Demand over time under the full filter set: per period and series (a skill, or a whole
// category: ads naming any skill of it), the ads, all ads, the share with its 95% Wilson
// interval, an optional rolling mean of the share, and whether the period's capture is complete.
// Distinct ads (dedupe_key) at their current extraction, named skills only (inferred parents never
// count), from the rollups or the raw rows (query-path.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import type { TrendPoint } from '../contracts/api/trends.ts'
import { queryRows } from '../clickhouse/query.ts'
import { listSkills } from '../taxonomy/index.ts'
import { queryCoverageKept } from './coverage.ts'
import type { CoverageRow } from './coverage-rules.ts'
import { compileWhere, type Filters } from './filters.ts'
import { choosePath, overFilters, skillsOver } from './query-path.ts'
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

/**
 * One point is the API's TrendPoint, built in its field order, so the route sends the points as
 * they are (~10k per weekly answer: copying each in the route took ~2 of the request's ~30 ms of
 * JavaScript, and more in collection).
 */
export type SeriesPoint = TrendPoint

export async function querySeries(ch: ClickHouseClient, q: SeriesQuery): Promise<SeriesPoint[]> {
  // A category series counts jobs over several skills' rows: not a sum of per-skill tallies.
  const p = await choosePath(ch, {
    filters: q.filters,
    additive: q.categories.length === 0,
    facetTallies: true,
  })
  const w = compileWhere(q.filters)
  const period = `toString(${PERIOD_SQL[q.interval]})`
  const over = overFilters(q.filters, PERIOD_SQL[q.interval])
  const cats = listSkills().filter((s) => q.categories.includes(s.category))
  const params = {
    ...w.params,
    skills: q.skills,
    cat_ids: cats.map((s) => s.id),
    cat_names: cats.map((s) => s.category),
  }
  const skillRows = skillsOver(
    p,
    { sql: `${w.sql} AND skill IN {skills:Array(String)}`, params },
    q.filters,
    over,
  )
  const [totals, counts, coverage] = await Promise.all([
    queryRows<{ period: string; total: string }>(
      ch,
      `SELECT ${period} AS period, ${p.count(over)} AS total ${p.ads(w)} GROUP BY period ORDER BY period`,
      params,
    ),
    // A skill series counts the distinct jobs naming it; a category the jobs naming any of its
    // skills. Two plain aggregations: no ARRAY JOIN, which would copy every rollup state. One row
    // per series with its periods (day numbers) and counts: ~10k points as 20 rows of arrays
    // halve the time spent formatting and parsing the answer.
    queryRows<{ kind: string; series: string; days: number[]; counts: (string | number)[] }>(
      ch,
      `SELECT kind, series, groupArray(toUInt32(period)) AS days, groupArray(ads) AS counts FROM (${
        [
          q.skills.length &&
            `SELECT ${PERIOD_SQL[q.interval]} AS period, 'skill' AS kind, toString(skill) AS series,
                    ${p.count(over)} AS ads
             ${skillRows.from}
             GROUP BY period, series`,
          cats.length &&
            `SELECT ${PERIOD_SQL[q.interval]} AS period, 'category' AS kind,
                    transform(toString(skill), {cat_ids:Array(String)}, {cat_names:Array(String)}, '') AS series,
                    ${p.count()} AS ads
             ${p.skills({ sql: `${w.sql} AND skill IN {cat_ids:Array(String)}`, params })}
             GROUP BY period, series`,
        ]
          .filter(Boolean)
          .join(' UNION ALL ') || "SELECT toDate(0) AS period, '' AS kind, '' AS series, 0 AS ads WHERE 0"
      }) GROUP BY kind, series`,
      { ...params, ...skillRows.params },
    ),
    queryCoverageKept(ch, q.filters),
  ])
  const completeOf = periodCompleteness(coverage, q.interval)
  // Counts by series, then period (its day number): ~10k points look up numbers, not strings.
  const count = new Map<string, Map<number, number>>()
  for (const r of counts) {
    const line = new Map<number, number>()
    r.days.forEach((day, i) => line.set(Number(day), Number(r.counts[i])))
    count.set(`${r.kind}|${r.series}`, line)
  }
  // The answer's order: by period, then kind, then series (as localeCompare orders them). The
  // periods come sorted from SQL, so the points are laid out in that order instead of sorting
  // ~10k of them (localeCompare per comparison was most of this function's time).
  const byLocale = (ids: string[]) => [...ids].sort((a, b) => a.localeCompare(b))
  const series: { kind: SeriesPoint['kind']; id: string }[] = [
    ...byLocale(q.categories).map((id) => ({ kind: 'category' as const, id })),
    ...byLocale(q.skills).map((id) => ({ kind: 'skill' as const, id })),
  ]
  // Per period once: its total and completeness; per series, its shares (for the rolling mean);
  // then the points, built once straight into their place in the answer (~10k points: fewer
  // objects and arrays, less collection).
  const periods = totals.map((t) => ({
    period: t.period,
    day: Date.parse(`${t.period}T00:00:00Z`) / 86_400_000,
    total: Number(t.total),
    complete: completeOf(t.period),
  }))
  const points = new Array<SeriesPoint>(periods.length * series.length)
  series.forEach((s, j) => {
    const counted = count.get(`${s.kind}|${s.id}`)
    const ads = periods.map((p) => counted?.get(p.day) ?? 0)
    const rolled =
      q.rolling > 1
        ? rollingMean(
            periods.map((p, i) => (p.total ? ads[i]! / p.total : 0)),
            q.rolling,
          )
        : null
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i]!
      const k = ads[i]!
      const ci = wilson(k, p.total)
      const mean = rolled?.[i] ?? null
      points[i * series.length + j] = {
        period: p.period,
        kind: s.kind,
        skill: s.id,
        ads: k,
        total: p.total,
        share: round(p.total ? k / p.total : 0),
        low: round(ci.low),
        high: round(ci.high),
        rollingShare: mean === null ? null : round(mean),
        complete: p.complete,
      }
    }
  })
  return points
}

/**
 * Whether a period's capture is complete: every source-month it overlaps is complete and not
 * suspect (coverage-rules.ts); null where no source states anything for those months.
 */
export function periodCompleteness(
  coverage: readonly CoverageRow[],
  interval: Interval,
): (period: string) => boolean | null {
  const byMonth = new Map<string, boolean>()
  for (const r of coverage) {
    const ok = r.complete && !r.suspect
    byMonth.set(r.period, (byMonth.get(r.period) ?? true) && ok)
  }
  // Every series repeats the same periods: each is worked out once.
  const known = new Map<string, boolean | null>()
  return (period) => {
    if (known.has(period)) return known.get(period)!
    const answer = completeness(period)
    known.set(period, answer)
    return answer
  }
  function completeness(period: string): boolean | null {
    const months = monthsOf(period, interval)
    const known = months.map((m) => byMonth.get(m)).filter((v): v is boolean => v !== undefined)
    return known.length === 0 ? null : known.every(Boolean)
  }
}

/** First days of the months a period starting on `period` ('YYYY-MM-DD') overlaps. */
function monthsOf(period: string, interval: Interval): string[] {
  // Month numbers (year × 12 + month), counted rather than stepped through Date objects: a weekly
  // answer asks this of ~520 periods.
  const year = Number(period.slice(0, 4))
  const first = year * 12 + Number(period.slice(5, 7)) - 1
  let last = first
  if (interval === 'week') {
    const end = new Date(Date.UTC(year, first % 12, Number(period.slice(8, 10)) + 6))
    last = end.getUTCFullYear() * 12 + end.getUTCMonth()
  } else if (interval === 'quarter') last = first + 2
  else if (interval === 'year') last = year * 12 + 11
  const months: string[] = []
  for (let m = first; m <= last; m++)
    months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`)
  return months
}
