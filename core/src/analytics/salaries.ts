// Salary percentiles (p10, p25, median, p75, p90, n) of annualised pay, per group × period, with
// permanent and contract apart. One value per distinct ad (dedupe_key): the midpoint of its
// annualised USD range, converted to the asked currency with the dated static rates table.
// Percentiles interpolate linearly between order statistics (quantileExactInclusive, as
// Excel's PERCENTILE.INC). Cells with n under the minimum are withheld. From rollup_salaries or the
// raw rows, as the query layer decides (query-path.ts), or from the salary tallies
// (salary-tally.ts) when only dates filter; all give the same numbers.
import type { ClickHouseClient } from '@clickhouse/client'
import type { SalariesBody, SalaryCell, SalaryGroup, SalaryPremium } from '../contracts/api/salaries.ts'
import { queryRows } from '../clickhouse/query.ts'
import { FX_TABLE } from '../extract/fx-rates.ts'
import { SALARY_COPY_SQL } from '../tables/rollups.ts'
import { compileWhere, type CompiledWhere, type Filters } from './filters.ts'
import { tallyFacetValue } from './facet-path.ts'
import { salaryRowsFromTally, type PerJobSalary, type SalaryAggRow } from './salary-tally.ts'
import { FIRST_COPY_SQL } from './salary-sql.ts'
import { choosePath, type CountPath } from './query-path.ts'
import { PERIOD_SQL, type Interval } from './trends.ts'

export { SALARY_GROUPS } from '../contracts/api/salaries.ts'

// Over the per-ad rows, whose facet columns are named ad_* so that they do not shadow the ads
// columns of the filters (an alias named like a column would replace it in WHERE).
const GROUP_SQL: Record<Exclude<SalaryGroup, 'skill'>, string> = {
  none: "'all'",
  seniority: 'ad_seniority',
  country: "if(ad_country = '', 'unknown', ad_country)",
  work_mode: 'ad_work_mode',
}

export interface SalaryQuery {
  filters: Filters
  by: SalaryGroup
  /** Skills for by=skill and for the premium; empty → no premium. */
  skills: string[]
  interval: Interval | 'all'
  currency: string
  minN: number
  /** False: the cells alone, without the premium (default true). */
  premium?: boolean
}

export type Salaries = SalariesBody
export type { SalaryCell, SalaryPremium }

/**
 * Which of the asked skills ({skills}, at most 20) the job's copies name, as one bit per skill:
 * `has` of each asked skill per copy, OR-ed over the copies, then listed by name again once per
 * job. Cells and premiums test no other skill. The union of the copies' skill arrays
 * (arrayDistinct(arrayFlatten(groupArray(…)))) was the grouping's costly part: under US + remote
 * the query took 538 ms at 10M ads with it (already narrowed to the asked skills by
 * arrayIntersect), 410 ms with the bits, the same rows (serial median).
 */
function askedSkillsSql(asked: number): { copy: string; job: string; list: string } {
  // The API and report contracts allow 20; a UInt64 holds 64.
  if (asked > 64) throw new Error(`salaries: at most 64 skills at once, ${asked} asked`)
  const bits = Array.from(
    { length: asked },
    (_, i) => `has(skills, {skills:Array(String)}[${i + 1}]) * toUInt64(${1n << BigInt(i)})`,
  )
  return {
    copy: `toUInt64(${bits.length ? bits.join(' + ') : '0'})`,
    job: 'groupBitOr(asked)',
    list: 'arrayFilter((s, i) -> bitTest(asked, i), {skills:Array(String)}, range(length({skills:Array(String)})))',
  }
}

/**
 * One row per distinct ad (job) with a salary: its USD value, employment split, facets and skills.
 * A job's copies can differ: it takes the copy first in (day, source, value, employment, facets)
 * order, so both paths pick the same one, and the union of the copies' skills among those asked
 * (`asked`: how many; 0 → none). The filters apply in a subquery: the outer aliases (country,
 * seniority, work_mode) would otherwise capture the filter's column names and put an aggregate in
 * WHERE. Raw rows (ads FINAL) or rollup_salaries, which carries the same values per copy
 * (migration 009).
 */
function perAdSql(path: CountPath, where: string, period: string, asked: number): string {
  const skills = askedSkillsSql(asked)
  const copies =
    path.path === 'raw'
      ? `SELECT posted_day, source, country, work_mode, seniority, ${skills.copy} AS asked, sipHash64(dedupe_key) AS job,
                ${SALARY_COPY_SQL.employment} AS employment, ${SALARY_COPY_SQL.usd} AS usd
         FROM ads FINAL WHERE ${where} AND salary_annual_min_usd > 0`
      : `SELECT posted_day, source, country, work_mode, seniority, ${skills.copy} AS asked, job, employment, usd
         FROM rollup_salaries WHERE ${where}`
  return `SELECT job, first.1 AS day, ${period.replaceAll('posted_day', 'first.1')} AS period, first.3 AS usd,
                 first.4 AS employment, first.5 AS ad_seniority, first.6 AS ad_country, first.7 AS ad_work_mode,
                 ${skills.list} AS skills
          FROM (SELECT job, ${FIRST_COPY_SQL} AS first, ${skills.job} AS asked
                FROM (${copies}) GROUP BY job)`
}

export async function querySalaries(ch: ClickHouseClient, q: SalaryQuery): Promise<Salaries> {
  const perUsd = FX_TABLE.perUsd[q.currency]
  if (!perUsd) throw new Error(`no rate for currency ${q.currency}`)
  const w = compileWhere(q.filters)
  const p = await choosePath(ch, { filters: q.filters })
  const period = q.interval === 'all' ? "'all'" : `toString(${PERIOD_SQL[q.interval]})`
  // No filter but dates (or one tallied facet value), by nothing or by skill, not per week (weeks
  // cross months): the tallies.
  const tally =
    (q.by === 'none' || q.by === 'skill') && q.interval !== 'week' && q.filters.source.length === 0
      ? await choosePath(ch, { filters: q.filters, additive: true, facetTallies: true })
      : null
  const rows: SalaryAggRow[] =
    tally?.path === 'tally'
      ? await salaryRowsFromTally(
          ch,
          {
            filters: q.filters,
            by: q.by as 'none' | 'skill',
            skills: q.skills,
            periodOf: (column) => period.replaceAll('posted_day', column),
            years: q.interval === 'year' || q.interval === 'all',
            rate: perUsd,
            premium: q.premium !== false,
            facet: tallyFacetValue(q.filters),
          },
          (jobsWhere, params) =>
            queryRows<PerJobSalary>(
              ch,
              `SELECT period, usd, employment, skills FROM (${perAdSql(p, `${w.sql} AND ${jobsWhere}`, period, q.skills.length)})`,
              { ...w.params, ...params, skills: q.skills },
            ),
        )
      : await aggregateRows(ch, q, p, w, period, perUsd)
  const cellRows = rows.filter((r) => r.kind === 'cell')
  const premiumRows = rows.filter((r) => r.kind === 'premium').map((r) => ({ ...r, skill: r.grp }))
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

/** The salary query's rows over per-job rows (rollups or raw rows): one scan for cells and premiums. */
async function aggregateRows(
  ch: ClickHouseClient,
  q: SalaryQuery,
  p: CountPath,
  w: CompiledWhere,
  period: string,
  perUsd: number,
): Promise<SalaryAggRow[]> {
  // A job's skills only when skills are asked, and only those (cells and premiums test no other).
  const premium = q.premium !== false && q.skills.length > 0
  const perAd = perAdSql(p, w.sql, period, q.by === 'skill' || premium ? q.skills.length : 0)
  const params = { ...w.params, skills: q.skills, rate: perUsd }
  // Each distinct ad enters its cell(s) (its group, or each asked skill it has for by=skill) and,
  // per asked skill, the premium row of that skill with a flag saying whether it has it (the
  // premium spans all periods).
  const cellEntries =
    q.by === 'skill'
      ? `arrayMap(s -> ('cell', period, s, 0), skills)`
      : `[('cell', period, toString(${GROUP_SQL[q.by]}), 0)]`
  const premiumEntries = premium
    ? `arrayMap(s -> ('premium', 'all', s, toUInt8(has(skills, s))), {skills:Array(String)})`
    : `[]`
  const cellLevels = "quantilesExactInclusiveIf(0.1, 0.25, 0.5, 0.75, 0.9)(v, kind = 'cell')"
  const median = (cond: string) => `quantileExactInclusiveIf(0.5)(v, kind = 'premium' AND ${cond})`
  return queryRows<SalaryAggRow>(
    ch,
    `SELECT e.1 AS kind, e.2 AS period, e.3 AS grp, employment, count() AS n, ${cellLevels} AS q,
            countIf(e.4 = 1) AS n_with, countIf(e.4 = 0) AS n_without,
            ${median('e.4 = 1')} AS m_with, ${median('e.4 = 0')} AS m_without
     FROM (SELECT usd * {rate:Float64} AS v, employment,
                  arrayJoin(arrayConcat(${cellEntries}, ${premiumEntries})) AS e
           FROM (${perAd}))
     GROUP BY kind, period, grp, employment ORDER BY kind, period, grp, employment`,
    params,
  )
}
