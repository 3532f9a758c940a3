// Salary percentiles (p10, p25, median, p75, p90, n) of annualised pay, per group × period, with
// permanent and contract apart. One value per distinct ad (dedupe_key): the midpoint of its
// annualised USD range, converted to the asked currency with the dated static rates table.
// Percentiles interpolate linearly between order statistics (quantileExactInclusive, as
// Excel's PERCENTILE.INC). Cells with n under the minimum are withheld.
import type { ClickHouseClient } from '@clickhouse/client'
import type { SalariesBody, SalaryCell, SalaryGroup, SalaryPremium } from '../contracts/api/salaries.ts'
import { queryRows } from '../clickhouse/query.ts'
import { FX_TABLE } from '../extract/fx-rates.ts'
import { compileWhere, type Filters } from './filters.ts'
import { PERIOD_SQL, type Interval } from './trends.ts'

export { SALARY_GROUPS } from '../contracts/api/salaries.ts'

const GROUP_SQL: Record<Exclude<SalaryGroup, 'skill'>, string> = {
  none: "'all'",
  seniority: 'seniority',
  country: "if(country = '', 'unknown', country)",
  work_mode: 'work_mode',
}

export interface SalaryQuery {
  filters: Filters
  by: SalaryGroup
  /** Skills for by=skill and for the premium; empty → no premium. */
  skills: string[]
  interval: Interval | 'all'
  currency: string
  minN: number
}

export type Salaries = SalariesBody
export type { SalaryCell, SalaryPremium }

/**
 * One row per distinct ad with a salary: its USD value, employment split, facets and skills. The
 * filters apply in a subquery: the outer aliases (country, seniority, work_mode) would otherwise
 * capture the filter's column names and put an aggregate in WHERE.
 */
function perAdSql(where: string, period: string): string {
  return `SELECT dedupe_key, any(${period}) AS period,
            any(if(employment_type = 'contract' OR salary_kind = 'day_rate', 'contract', 'permanent')) AS employment,
            any((salary_annual_min_usd + if(salary_annual_max_usd > 0, salary_annual_max_usd, salary_annual_min_usd)) / 2) AS usd,
            any(seniority) AS seniority, any(country) AS country, any(work_mode) AS work_mode,
            groupUniqArrayArray(skills) AS skills
          FROM (SELECT * FROM ads FINAL WHERE ${where} AND salary_annual_min_usd > 0)
          GROUP BY dedupe_key`
}

export async function querySalaries(ch: ClickHouseClient, q: SalaryQuery): Promise<Salaries> {
  const perUsd = FX_TABLE.perUsd[q.currency]
  if (!perUsd) throw new Error(`no rate for currency ${q.currency}`)
  const w = compileWhere(q.filters)
  const period = q.interval === 'all' ? "'all'" : `toString(${PERIOD_SQL[q.interval]})`
  const perAd = perAdSql(w.sql, period)
  const params = { ...w.params, skills: q.skills, rate: perUsd }
  const group = q.by === 'skill' ? 'skill' : GROUP_SQL[q.by]
  const source =
    q.by === 'skill'
      ? `(SELECT *, arrayJoin(arrayIntersect(skills, {skills:Array(String)})) AS skill FROM (${perAd}))`
      : `(${perAd})`
  const levels = 'quantilesExactInclusive(0.1, 0.25, 0.5, 0.75, 0.9)(usd * {rate:Float64})'
  const [cellRows, premiumRows] = await Promise.all([
    queryRows<{ period: string; grp: string; employment: string; n: string; q: number[] }>(
      ch,
      `SELECT period, toString(${group}) AS grp, employment, count() AS n, ${levels} AS q
       FROM ${source} GROUP BY period, grp, employment ORDER BY period, grp, employment`,
      params,
    ),
    q.skills.length
      ? queryRows<{
          skill: string
          employment: string
          n_with: string
          n_without: string
          m_with: number
          m_without: number
        }>(
          ch,
          `SELECT skill, employment, countIf(has(skills, skill)) AS n_with, countIf(NOT has(skills, skill)) AS n_without,
                  quantileExactInclusiveIf(0.5)(usd * {rate:Float64}, has(skills, skill)) AS m_with,
                  quantileExactInclusiveIf(0.5)(usd * {rate:Float64}, NOT has(skills, skill)) AS m_without
           FROM (${perAdSql(w.sql, "'all'")}) ARRAY JOIN {skills:Array(String)} AS skill
           GROUP BY skill, employment ORDER BY skill, employment`,
          params,
        )
      : Promise.resolve([]),
  ])
  const money = (x: number) => Math.round(x)
  const cells = cellRows.map((r): SalaryCell => {
    const n = Number(r.n)
    const withheld = n < q.minN
    const v = (i: number) => (withheld ? null : money(r.q[i]!))
    return {
      period: r.period,
      group: r.grp,
      employment: r.employment as SalaryCell['employment'],
      n,
      withheld,
      p10: v(0),
      p25: v(1),
      median: v(2),
      p75: v(3),
      p90: v(4),
    }
  })
  const premium = premiumRows.map((r): SalaryPremium => {
    const nWith = Number(r.n_with)
    const nWithout = Number(r.n_without)
    const medianWith = nWith >= q.minN ? money(r.m_with) : null
    const medianWithout = nWithout >= q.minN ? money(r.m_without) : null
    const both = medianWith !== null && medianWithout !== null
    return {
      skill: r.skill,
      employment: r.employment as SalaryPremium['employment'],
      nWith,
      nWithout,
      medianWith,
      medianWithout,
      premium: both ? medianWith - medianWithout : null,
      premiumRelative:
        both && medianWithout ? Math.round((medianWith / medianWithout - 1) * 10_000) / 10_000 : null,
    }
  })
  return {
    currency: q.currency,
    rates: { date: FX_TABLE.date, source: FX_TABLE.source, perUsd },
    minN: q.minN,
    cells,
    premium,
  }
}
