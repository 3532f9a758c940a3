// The market page's state and shaping (no DOM): which breakdowns it draws (work mode, countries,
// industries, seniority, role families), its URL parameters (interval, share or count, hidden
// values) and one chart spec per facet from /api/v1/breakdown: the biggest values as series, the
// rest summed as "Other" where values add up to all ads (industries overlap, so they do not).
import type { BreakdownResponse } from '@stackradar/core/contracts/api'
import type { z } from 'zod'
import type { ChartSpec } from './chart'
import type { PeriodLength } from './coverage'
import { parseList, readEnum, type ParamValue } from './filters'
import { countryName, facetLabel } from './labels'

export type Breakdown = z.infer<typeof BreakdownResponse>

export const MARKET_FACETS = [
  { facet: 'work_mode', title: 'Remote, hybrid or on-site', top: 4, stacked: true },
  { facet: 'country', title: 'Countries', top: 8, stacked: true },
  { facet: 'industry', title: 'Industries', top: 8, stacked: false },
  { facet: 'seniority', title: 'Seniority', top: 7, stacked: true },
  { facet: 'role_family', title: 'Role families', top: 7, stacked: true },
] as const
export type MarketFacet = (typeof MARKET_FACETS)[number]['facet']

export const MARKET_INTERVALS = ['month', 'quarter', 'year'] as const
export type MarketInterval = (typeof MARKET_INTERVALS)[number]
export const MEASURES = ['share', 'count'] as const
export type Measure = (typeof MEASURES)[number]

export interface MarketState {
  interval: MarketInterval
  measure: Measure
  /** Series hidden by a legend click, as "facet:value". */
  hidden: string[]
}

export function parseMarketState(params: URLSearchParams): MarketState {
  return {
    interval: readEnum(params, 'interval', MARKET_INTERVALS, 'month'),
    measure: readEnum(params, 'measure', MEASURES, 'share'),
    hidden: parseList(params.get('hide'), 100),
  }
}

export function marketPatch(s: MarketState): Record<string, ParamValue> {
  return {
    interval: s.interval === 'month' ? null : s.interval,
    measure: s.measure === 'share' ? null : s.measure,
    hide: s.hidden,
  }
}

export function valueLabel(facet: string, value: string): string {
  if (value === 'other') return 'Other'
  if (facet === 'country') return countryName(value)
  return facetLabel(facet, value)
}

const periodOf = (p: string, interval: PeriodLength) =>
  interval === 'year'
    ? p.slice(0, 4)
    : interval === 'quarter'
      ? `${p.slice(0, 4)} Q${Math.floor((Number(p.slice(5, 7)) - 1) / 3) + 1}`
      : p.slice(0, 7)

export interface MarketChart {
  spec: ChartSpec
  /** Value id of each series, in order ("other" for the rest). */
  values: string[]
  periods: string[]
}

/** The chart of one facet: top values by ads over the range ('unknown' last), the rest as Other. */
export function marketChart(
  answer: Breakdown,
  facet: (typeof MARKET_FACETS)[number],
  s: MarketState,
  incomplete: (period: string) => boolean,
): MarketChart {
  const periods = [...new Set(answer.rows.map((r) => r.period))].sort()
  const totals = new Map<string, number>()
  const periodTotal = new Map<string, number>()
  for (const r of answer.rows) {
    totals.set(r.value, (totals.get(r.value) ?? 0) + r.ads)
    periodTotal.set(r.period, r.total)
  }
  const ranked = [...totals.keys()]
    .filter((v) => v !== 'unknown' && v !== '')
    .sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b))
  const top = ranked.slice(0, facet.top)
  const rest = new Set(ranked.slice(facet.top))
  const values = [...top]
  if (facet.stacked && rest.size > 0) values.push('other')
  if (facet.stacked && totals.has('unknown')) values.push('unknown')
  const at = new Map<string, number>()
  for (const r of answer.rows) {
    const key = rest.has(r.value) && facet.stacked ? 'other' : r.value
    at.set(`${key}|${r.period}`, (at.get(`${key}|${r.period}`) ?? 0) + r.ads)
  }
  const hidden = new Set(s.hidden)
  const series = values.map((v) => {
    const ads = periods.map((p) => at.get(`${v}|${p}`) ?? 0)
    const total = periods.map((p) => periodTotal.get(p) ?? 0)
    return {
      label: valueLabel(facet.facet, v),
      values: ads.map((a, i) => (s.measure === 'count' ? a : total[i] ? (100 * a) / total[i]! : null)),
      n: ads,
      total,
      hidden: hidden.has(`${facet.facet}:${v}`),
      ...(v === 'unknown' ? { color: '#9aa5b1' } : {}),
    }
  })
  return {
    values,
    periods,
    spec: {
      type: facet.stacked ? 'bar' : 'line',
      stacked: facet.stacked,
      labels: periods.map((p) => periodOf(p, answer.interval === 'all' ? 'month' : answer.interval)),
      incomplete: periods.map(incomplete),
      format: s.measure === 'count' ? 'count' : 'percent',
      yTitle: s.measure === 'count' ? 'Job ads' : '% of job ads',
      series,
    },
  }
}
