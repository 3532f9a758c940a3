// Salary percentiles and premiums from the salary tallies (core/src/tables/tally-salaries.ts): how
// many jobs pay each value, per skill ('' = all) and year, month or day (and per span of days for
// jobs on several days inside the window), summed over the window, plus the jobs whose days the
// window cuts, worked out per job from rollup_salaries (as the rollup path does). The
// percentiles are then taken from the value counts with ClickHouse's quantileExactInclusive rule,
// so the answer is the rollup path's (rollup-paths.int.test.ts). For questions with no filter but
// dates, or one tallied facet value (tally_salary_facets: the same rows per value), grouped by
// nothing or by skill, per month, quarter, year or over the whole window; salaries.ts decides.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import {
  MAX_DATE,
  tallyWindow,
  tallyWindowParams,
  tallyYears,
  tallyYearsParams,
} from '../tables/tally-window.ts'
import type { Filters } from './filters.ts'

/** One answer row of the salary query (salaries.ts maps them to cells and premiums). */
export interface SalaryAggRow {
  kind: 'cell' | 'premium'
  period: string
  grp: string
  employment: string
  n: number
  q: number[]
  n_with: number
  n_without: number
  m_with: number
  m_without: number
}

/** A job worked out per job (its first copy's value and period, the asked skills among its copies'). */
export interface PerJobSalary {
  period: string
  usd: number
  employment: string
  skills: string[]
}

const LEVELS = [0.1, 0.25, 0.5, 0.75, 0.9]

/** Value → jobs, per histogram key. */
type Histograms = Map<string, Map<number, number>>

function add(h: Histograms, key: string, usd: number, n: number): void {
  let m = h.get(key)
  if (!m) h.set(key, (m = new Map()))
  m.set(usd, (m.get(usd) ?? 0) + n)
}

/**
 * quantileExactInclusive over values given with their counts (ascending): position
 * h = level × (n − 1) + 1 among the n values; the value there, interpolated linearly to the next.
 */
export function inclusiveQuantiles(values: number[], counts: number[], levels: number[]): number[] {
  const n = counts.reduce((a, b) => a + b, 0)
  // The value at 1-based position k (1 ≤ k ≤ n).
  const at = (k: number): number => {
    let seen = 0
    for (let i = 0; i < values.length; i++) {
      seen += counts[i]!
      if (k <= seen) return values[i]!
    }
    return values[values.length - 1]!
  }
  return levels.map((level) => {
    const h = level * (n - 1) + 1
    const k = Math.floor(h)
    if (k >= n) return at(n)
    if (k < 1) return at(1)
    const lo = at(k)
    return lo + (h - k) * (at(k + 1) - lo)
  })
}

/** Values (× rate) and counts of a histogram, ascending; without the counts of `minus`. */
function sorted(h: Map<number, number> | undefined, rate: number, minus?: Map<number, number>) {
  const entries = [...(h ?? new Map<number, number>())]
    .map(([usd, n]) => [usd, n - (minus?.get(usd) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
  return { values: entries.map(([usd]) => usd * rate), counts: entries.map(([, n]) => n) }
}

export interface SalaryTallyQuery {
  filters: Filters
  by: 'none' | 'skill'
  skills: string[]
  /** toString(period of a date column) as SQL, or "'all'". */
  periodOf: (column: string) => string
  /** Periods of a year or more (per year, or the whole window): whole years read year rows. */
  years: boolean
  rate: number
  /** False: cells only (no premium rows, so no every-job histograms to read). */
  premium: boolean
  /**
   * The one tallied facet value the filters ask for (facet-path.ts's tallyFacetValue; read from
   * tally_salary_facets, a pair's as 'US|remote'); null: no filter but dates.
   */
  facet: { name: string; value: string } | null
}

/**
 * The salary query's rows from the tallies, `perJob` answering for the jobs on several days
 * whose span the window cuts (its argument: the SQL condition selecting them).
 */
export async function salaryRowsFromTally(
  ch: ClickHouseClient,
  q: SalaryTallyQuery,
  perJob: (jobsWhere: string, params: Record<string, unknown>) => Promise<PerJobSalary[]>,
): Promise<SalaryAggRow[]> {
  const [from, to] = [q.filters.from ?? '1970-01-01', q.filters.to ?? MAX_DATE]
  const params = {
    ...tallyWindowParams(tallyWindow(from, to)),
    ...tallyYearsParams(tallyYears(from, to, q.years)),
    ...(q.facet && { sf_facet: q.facet.name, sf_value: q.facet.value }),
  }
  const wholeSpans = `(kind = 'whole' AND lo BETWEEN {tw_from:Date} AND {tw_to:Date} AND hi <= {tw_to:Date})`
  // The whole years from year rows (none when the periods are shorter), the rest as before.
  const wholeYears = `(kind = 'year' AND lo BETWEEN {tw_yearFrom:Date} AND {tw_yearTo:Date})`
  const outsideYears = `NOT (lo BETWEEN {tw_yearFrom:Date} AND {tw_yearEnd:Date})`
  // Under a facet value, that value's day rows (no month rows: one value's jobs seldom share a
  // month, skill and salary, so they would hold about as many rows) and whole spans, in the period
  // of their `day` (a whole span's first copy with the value). Otherwise lo is the first copy's day.
  const [table, rowsOf, period] = q.facet
    ? [
        'tally_salary_facets',
        `facet = {sf_facet:String} AND value = {sf_value:String}
         AND (${wholeYears} OR (kind = 'day' AND lo BETWEEN {tw_from:Date} AND {tw_to:Date} AND ${outsideYears})
              OR ${wholeSpans})`,
        q.periodOf('day'),
      ]
    : [
        'tally_salaries',
        `(${wholeYears}
          OR (kind = 'month' AND lo BETWEEN {tw_monthFrom:Date} AND {tw_monthTo:Date} AND ${outsideYears})
          OR (kind = 'day' AND (lo BETWEEN {tw_from:Date} AND {tw_headTo:Date} OR lo BETWEEN {tw_tailFrom:Date} AND {tw_to:Date}))
          OR ${wholeSpans})`,
        q.periodOf('lo'),
      ]
  const cellSkills = q.by === 'none' ? [''] : q.skills
  const premiumSkills = q.premium && q.skills.length ? ['', ...q.skills] : []
  // One row per histogram (its values and their counts as two arrays): ~10× fewer bytes to format
  // and parse than a row per value (17k value counts for ten years by year on 1M ads).
  const histogram = queryRows<{
    part: string
    skill: string
    period: string
    employment: string
    usd: number[]
    n: (string | number)[]
  }>(
    ch,
    `SELECT part, skill, period, employment, groupArray(usd) AS usd, groupArray(n) AS n FROM (
       SELECT 'cell' AS part, skill, ${period} AS period, employment, usd, sum(jobs) AS n FROM ${table}
       WHERE skill IN {cell_skills:Array(String)} AND ${rowsOf} GROUP BY skill, period, employment, usd
       UNION ALL
       SELECT 'premium' AS part, skill, 'all' AS period, employment, usd, sum(jobs) AS n FROM ${table}
       WHERE skill IN {premium_skills:Array(String)} AND ${rowsOf} GROUP BY skill, employment, usd)
     GROUP BY part, skill, period, employment`,
    { ...params, cell_skills: cellSkills, premium_skills: premiumSkills },
  )
  const spanning = perJob(
    `job IN (SELECT job FROM tally_salaries WHERE kind = 'span' AND lo <= {tw_to:Date} AND hi >= {tw_from:Date}
                AND (lo < {tw_from:Date} OR hi > {tw_to:Date}))`,
    params,
  )
  const [rows, jobs] = await Promise.all([histogram, spanning])
  // Cells keyed period|group|employment; premiums skill|employment ('' = every job).
  const cells: Histograms = new Map()
  const premium: Histograms = new Map()
  for (const r of rows) {
    const key =
      r.part === 'cell'
        ? `${r.period}|${q.by === 'none' ? 'all' : r.skill}|${r.employment}`
        : `${r.skill}|${r.employment}`
    for (let i = 0; i < r.usd.length; i++)
      add(r.part === 'cell' ? cells : premium, key, r.usd[i]!, Number(r.n[i]))
  }
  for (const j of jobs) {
    const groups = q.by === 'none' ? ['all'] : q.skills.filter((s) => j.skills.includes(s))
    for (const g of groups) add(cells, `${j.period}|${g}|${j.employment}`, j.usd, 1)
    for (const s of premiumSkills)
      if (s === '' || j.skills.includes(s)) add(premium, `${s}|${j.employment}`, j.usd, 1)
  }
  const out: SalaryAggRow[] = []
  const none = { n_with: 0, n_without: 0, m_with: 0, m_without: 0 }
  for (const [key, h] of cells) {
    const [period, grp, employment] = key.split('|') as [string, string, string]
    const { values, counts } = sorted(h, q.rate)
    out.push({
      kind: 'cell',
      period,
      grp,
      employment,
      n: sum(counts),
      q: inclusiveQuantiles(values, counts, LEVELS),
      ...none,
    })
  }
  for (const [key, all] of premium) {
    const [skill, employment] = key.split('|') as [string, string]
    if (skill !== '') continue
    for (const s of q.skills) {
      const withSkill = premium.get(`${s}|${employment}`)
      const w = sorted(withSkill, q.rate)
      const wo = sorted(all, q.rate, withSkill)
      const median = (x: { values: number[]; counts: number[] }) =>
        x.values.length ? inclusiveQuantiles(x.values, x.counts, [0.5])[0]! : 0
      out.push({
        kind: 'premium',
        period: 'all',
        grp: s,
        employment,
        n: sum(w.counts) + sum(wo.counts),
        q: [],
        n_with: sum(w.counts),
        n_without: sum(wo.counts),
        m_with: median(w),
        m_without: median(wo),
      })
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return out.sort(
    (a, b) =>
      cmp(a.kind, b.kind) || cmp(a.period, b.period) || cmp(a.grp, b.grp) || cmp(a.employment, b.employment),
  )
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
