// The salaries page's state and shaping (no DOM): its own URL parameters (skills, grouping, period,
// currency, employment, smallest sample), the API path for them, and the answer turned into a
// percentile chart (median line with the 25th–75th percentile band per group, or one bar per group
// over the whole range) and table rows where withheld cells say why.
import type { SalariesResponse, SalaryCell } from '@stackradar/core/contracts/api'
import type { ChartSpec } from './chart'
import { apiPath, parseList, readEnum, readInt, type Filters, type ParamValue } from './filters'
import { countryName, facetLabel } from './labels'

export const SALARY_BYS = ['skill', 'seniority', 'country', 'work_mode', 'none'] as const
export type SalaryBy = (typeof SALARY_BYS)[number]
export const SALARY_INTERVALS = ['year', 'quarter', 'month', 'all'] as const
export type SalaryInterval = (typeof SALARY_INTERVALS)[number]
/** Currencies offered (the API converts with its dated static rates table). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'SEK', 'PLN', 'INR', 'JPY'] as const
export const EMPLOYMENT = ['permanent', 'contract'] as const
export type Employment = (typeof EMPLOYMENT)[number]
export const DEFAULT_SALARY_SKILLS = ['python', 'java', 'go', 'javascript', 'ruby', 'php']
export const MAX_SALARY_SKILLS = 8
export const DEFAULT_MIN_N = 10

export const BY_LABELS: Record<SalaryBy, string> = {
  skill: 'Skill',
  seniority: 'Seniority',
  country: 'Country',
  work_mode: 'Work mode',
  none: 'All ads',
}
export const INTERVAL_LABELS: Record<SalaryInterval, string> = {
  year: 'Year',
  quarter: 'Quarter',
  month: 'Month',
  all: 'Whole range',
}

export interface SalaryState {
  skills: string[]
  by: SalaryBy
  interval: SalaryInterval
  currency: string
  employment: Employment
  minN: number
}

export function parseSalaryState(params: URLSearchParams): SalaryState {
  const raw = params.get('skills')
  const by = readEnum(params, 'by', SALARY_BYS, 'skill')
  return {
    skills: raw === null ? [...DEFAULT_SALARY_SKILLS] : parseList(raw.toLowerCase(), MAX_SALARY_SKILLS),
    by,
    interval: readEnum(params, 'interval', SALARY_INTERVALS, 'year'),
    currency: readEnum(params, 'currency', CURRENCIES, 'USD'),
    employment: readEnum(params, 'employment', EMPLOYMENT, 'permanent'),
    minN: readInt(params, 'min_n', 1, 10_000, DEFAULT_MIN_N),
  }
}

/** URL patch for a state (defaults left out so links stay short). */
export function salaryPatch(s: SalaryState): Record<string, ParamValue> {
  const sameSkills = s.skills.join(',') === DEFAULT_SALARY_SKILLS.join(',')
  return {
    skills: sameSkills ? null : s.skills.length ? s.skills : '',
    by: s.by === 'skill' ? null : s.by,
    interval: s.interval === 'year' ? null : s.interval,
    currency: s.currency === 'USD' ? null : s.currency,
    employment: s.employment === 'permanent' ? null : s.employment,
    min_n: s.minN === DEFAULT_MIN_N ? null : s.minN,
  }
}

/** The API path; skills restrict the ads for every grouping and are the groups when by=skill. */
export function salariesPath(s: SalaryState, filters: Filters, format: 'json' | 'csv' = 'json'): string {
  return apiPath('/api/v1/salaries', filters, {
    by: s.by,
    skills: s.by === 'skill' ? s.skills : null,
    interval: s.interval,
    currency: s.currency,
    min_n: s.minN,
    format: format === 'csv' ? 'csv' : null,
  })
}

export function groupLabel(by: SalaryBy, group: string, names: ReadonlyMap<string, string>): string {
  if (by === 'skill') return names.get(group) ?? group
  if (by === 'country') return countryName(group)
  if (by === 'none') return 'All ads'
  return facetLabel(by, group)
}

/** "2026-01-01" → "2026", "2026-04-01" (quarter) → "2026 Q2", month → "2026-04". */
export function periodLabel(period: string, interval: SalaryInterval): string {
  if (period === 'all' || interval === 'all') return 'Whole range'
  if (interval === 'year') return period.slice(0, 4)
  if (interval === 'quarter')
    return `${period.slice(0, 4)} Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`
  return period.slice(0, 7)
}

export interface SalaryModel {
  cells: SalaryCell[]
  groups: string[]
  periods: string[]
  withheld: number
}

/** Cells of the chosen employment, groups in the order of their largest sample. */
export function salaryModel(answer: SalariesResponse, employment: Employment): SalaryModel {
  const cells = answer.cells.filter((c) => c.employment === employment)
  const size = new Map<string, number>()
  for (const c of cells) size.set(c.group, Math.max(size.get(c.group) ?? 0, c.n))
  const groups = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || a.localeCompare(b))
  const periods = [...new Set(cells.map((c) => c.period))].sort()
  return { cells, groups, periods, withheld: cells.filter((c) => c.withheld).length }
}

/** Median per group: bars over the whole range, else lines per period with the p25–p75 band. */
export function salarySpec(
  m: SalaryModel,
  s: SalaryState,
  names: ReadonlyMap<string, string>,
  incomplete: (period: string) => boolean,
): ChartSpec {
  const at = new Map(m.cells.map((c) => [`${c.group}|${c.period}`, c]))
  const shown = (c: SalaryCell | undefined) => (c && !c.withheld ? c : undefined)
  if (s.interval === 'all' || m.periods.length <= 1) {
    const groups = m.groups.filter((g) => m.periods.some((p) => shown(at.get(`${g}|${p}`))))
    const cell = (g: string) => m.periods.map((p) => shown(at.get(`${g}|${p}`))).find(Boolean)
    return {
      type: 'bar',
      horizontal: true,
      format: 'money',
      currency: s.currency,
      legend: true,
      labels: groups.map((g) => groupLabel(s.by, g, names)),
      series: [
        {
          label: '25th percentile',
          values: groups.map((g) => cell(g)?.p25 ?? null),
          n: groups.map((g) => cell(g)?.n ?? null),
        },
        {
          label: 'Median',
          values: groups.map((g) => cell(g)?.median ?? null),
          n: groups.map((g) => cell(g)?.n ?? null),
        },
        {
          label: '75th percentile',
          values: groups.map((g) => cell(g)?.p75 ?? null),
          n: groups.map((g) => cell(g)?.n ?? null),
        },
      ],
    }
  }
  return {
    type: 'line',
    format: 'money',
    currency: s.currency,
    bands: true,
    labels: m.periods.map((p) => periodLabel(p, s.interval)),
    incomplete: m.periods.map(incomplete),
    yTitle: `Median annual salary (${s.currency})`,
    series: m.groups.map((g) => {
      const cells = m.periods.map((p) => shown(at.get(`${g}|${p}`)))
      return {
        label: groupLabel(s.by, g, names),
        values: cells.map((c) => c?.median ?? null),
        low: cells.map((c) => c?.p25 ?? null),
        high: cells.map((c) => c?.p75 ?? null),
        n: m.periods.map((p) => at.get(`${g}|${p}`)?.n ?? null),
      }
    }),
  }
}

/** Why there is nothing to draw, or null. */
export function salaryEmptyReason(m: SalaryModel, s: SalaryState, contractCells: number): string | null {
  if (s.by === 'skill' && s.skills.length === 0) return 'Pick at least one skill to compare salaries.'
  if (m.cells.length === 0)
    return contractCells > 0 && s.employment === 'permanent'
      ? 'No permanent job with a stated salary matches these filters; contract rates exist (switch to Contract).'
      : 'No job ad with a stated salary matches these filters. Widen the dates or remove a filter.'
  if (m.cells.every((c) => c.withheld))
    return `Every cell has fewer than ${s.minN} salaries, so none is shown. Lower "smallest sample", pick a longer period or widen the filters.`
  return null
}
