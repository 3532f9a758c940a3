// Every number a report needs, asked of the analytics layer (the same functions the API answers
// with, so a report's figures equal the API's for the same filters): rankings of the period against
// the comparison window, salaries, the work-mode split of both windows, the trend series, coverage
// and the ads per source. No SQL here.
import type { ClickHouseClient } from '@clickhouse/client'
import type { ReportSpec } from '../../contracts/report-document.ts'
import {
  allowedValues,
  queryBreakdown,
  queryCoverage,
  queryRankings,
  querySalaries,
  querySeries,
  type BreakdownRow,
  type Filters,
  type Rankings,
  type Salaries,
  type SeriesPoint,
} from '../../analytics/index.ts'
import type { CoverageRow } from '../../analytics/coverage-rules.ts'
import { addDays, addMonths } from '../../analytics/filters.ts'
import { getSkill } from '../../taxonomy/index.ts'

/** Skills drawn in the trend and priced in the salary table when the spec features none. */
export const DEFAULT_TREND_SKILLS = 5
export const DEFAULT_SALARY_SKILLS = 8
/** Periods in the trend: 12 weeks for a report of a month or less, else 12 months. */
export const TREND_PERIODS = 12

export interface Gathered {
  periodFilters: Filters
  comparisonFilters: Filters
  rankings: Rankings
  /** Rankings without the category restriction, when featured skills fall outside it. */
  featuredRankings: Rankings | null
  salaries: Salaries
  salariesOverall: Salaries
  salarySkills: string[]
  workMode: BreakdownRow[]
  previousWorkMode: BreakdownRow[]
  trend: {
    interval: 'week' | 'month'
    periods: string[]
    skills: string[]
    categories: string[]
    points: SeriesPoint[]
  }
  coverage: CoverageRow[]
  sources: { id: string; ads: number }[]
}

export async function gatherReportData(ch: ClickHouseClient, spec: ReportSpec): Promise<Gathered> {
  const categories = [...new Set([...spec.categories, ...spec.filters.category])]
  const base: Filters = { ...spec.filters, category: categories }
  const periodFilters: Filters = { ...base, from: spec.period.from, to: spec.period.to }
  const comparisonFilters: Filters = { ...base, from: spec.comparison.from, to: spec.comparison.to }
  const rankingQuery = (filters: Filters) =>
    queryRankings(ch, {
      filters,
      compare: { from: spec.comparison.from, to: spec.comparison.to },
      minCount: spec.minCount,
      sort: 'rank',
      order: 'asc',
    })
  const rankings = await rankingQuery(periodFilters)
  const listed = new Set([...rankings.ranked, ...rankings.belowMinimum].map((r) => r.skill))
  const outside = spec.skills.filter(
    (s) => !listed.has(s) && categories.length > 0 && !categories.includes(getSkill(s)?.category ?? ''),
  )
  const featuredRankings = outside.length ? await rankingQuery({ ...periodFilters, category: [] }) : null

  const salarySkills = spec.skills.length
    ? spec.skills
    : rankings.ranked.slice(0, DEFAULT_SALARY_SKILLS).map((r) => r.skill)
  const salaryQuery = (by: 'skill' | 'none') =>
    querySalaries(ch, {
      filters: periodFilters,
      by,
      skills: by === 'skill' ? salarySkills : [],
      interval: 'all',
      currency: spec.currency,
      minN: spec.minSalaryN,
    })
  const salaries = salarySkills.length ? await salaryQuery('skill') : emptySalaries(await salaryQuery('none'))
  const salariesOverall = await salaryQuery('none')

  const workMode = await queryBreakdown(ch, { filters: periodFilters, facet: 'work_mode', interval: 'all' })
  const previousWorkMode = await queryBreakdown(ch, {
    filters: comparisonFilters,
    facet: 'work_mode',
    interval: 'all',
  })

  const trendSkills = spec.skills.length
    ? spec.skills
    : rankings.ranked.slice(0, DEFAULT_TREND_SKILLS).map((r) => r.skill)
  const trendWindow = trendWindowOf(spec.period.from, spec.period.to)
  const points = await querySeries(ch, {
    filters: { ...base, from: trendWindow.periods[0]!, to: spec.period.to },
    interval: trendWindow.interval,
    skills: trendSkills,
    categories: spec.categories,
    rolling: 1,
  })

  const coverage = await queryCoverage(ch, periodFilters)
  const allowed = await allowedValues(ch)
  const sourceIds = spec.filters.source.length ? spec.filters.source : allowed.source
  const sources: { id: string; ads: number }[] = []
  for (const id of sourceIds) {
    const rows = await queryBreakdown(ch, {
      filters: { ...periodFilters, source: [id] },
      facet: 'work_mode',
      interval: 'all',
    })
    const ads = rows[0]?.total ?? 0
    if (ads > 0) sources.push({ id, ads })
  }
  return {
    periodFilters,
    comparisonFilters,
    rankings,
    featuredRankings,
    salaries,
    salariesOverall,
    salarySkills,
    workMode,
    previousWorkMode,
    trend: { ...trendWindow, skills: trendSkills, categories: spec.categories, points },
    coverage,
    sources: sources.sort((a, b) => b.ads - a.ads || a.id.localeCompare(b.id)),
  }
}

const emptySalaries = (s: Salaries): Salaries => ({ ...s, cells: [], premium: [] })

/** The trend's interval and its period starts, ending with the period that holds `to`. */
export function trendWindowOf(from: string, to: string): { interval: 'week' | 'month'; periods: string[] } {
  const spanDays = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
  const periods: string[] = []
  if (spanDays <= 31) {
    const d = new Date(`${to}T00:00:00Z`)
    const monday = addDays(to, -((d.getUTCDay() + 6) % 7))
    for (let i = TREND_PERIODS - 1; i >= 0; i--) periods.push(addDays(monday, -7 * i))
    return { interval: 'week', periods }
  }
  const first = `${to.slice(0, 7)}-01`
  for (let i = TREND_PERIODS - 1; i >= 0; i--) periods.push(addMonths(first, -i))
  return { interval: 'month', periods }
}
