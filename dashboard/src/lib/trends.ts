// Pure shaping of the /trends response for the trends page: chart spec (share or count, bands,
// rolling mean, incomplete periods), the latest *complete* period's table, and tiny-sample warnings.
// No DOM, no Chart.js; tested beside.
import type { Status, TrendPoint, TrendsResponse } from './api'
import type { ChartSpec, SeriesSpec } from './chart'
import type { Interval } from '@stackradar/core/contracts/api'

export type Measure = 'share' | 'count'
/** Periods with fewer ads than this make a share swing; the page warns. */
export const TINY_SAMPLE = 30

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2016-04-01" → "Apr 2016" / "2016 Q2" / "2016" / "4 Apr 2016"; string parsing avoids time-zone shifts. */
export function formatPeriod(period: string, interval: Interval | string): string {
  const [y = '', m = '1', d = '1'] = period.split('-')
  const month = Number(m)
  switch (interval) {
    case 'year':
      return y
    case 'quarter':
      return `${y} Q${Math.floor((month - 1) / 3) + 1}`
    case 'week':
      return `${Number(d)} ${MONTHS[month - 1] ?? m} ${y}`
    default:
      return `${MONTHS[month - 1] ?? m} ${y}`
  }
}

export interface TrendSeries {
  id: string
  kind: 'skill' | 'category'
  label: string
  points: (TrendPoint | null)[]
}

export interface TrendModel {
  periods: string[]
  labels: string[]
  /** A period is incomplete when any of its points says complete === false. */
  incomplete: boolean[]
  /** All ads in each period (the denominator). */
  totals: number[]
  series: TrendSeries[]
}

export function buildTrendModel(trends: TrendsResponse, names: Map<string, string>): TrendModel {
  const periods = [...new Set(trends.points.map((p) => p.period))].sort()
  const at = new Map(trends.points.map((p) => [`${p.kind}|${p.skill}|${p.period}`, p]))
  const ids: { id: string; kind: 'skill' | 'category' }[] = [
    ...trends.skills.map((id) => ({ id, kind: 'skill' as const })),
    ...trends.categories.map((id) => ({ id, kind: 'category' as const })),
  ]
  const series = ids.map(({ id, kind }) => ({
    id,
    kind,
    label: names.get(kind === 'category' ? `category:${id}` : id) ?? id,
    points: periods.map((period) => at.get(`${kind}|${id}|${period}`) ?? null),
  }))
  const incomplete = periods.map((period) =>
    trends.points.some((p) => p.period === period && p.complete === false),
  )
  const totals = periods.map((_, i) => Math.max(0, ...series.map((s) => s.points[i]?.total ?? 0)))
  return { periods, labels: periods.map((p) => formatPeriod(p, trends.interval)), incomplete, totals, series }
}

const pct = (x: number) => Math.round(x * 10000) / 100

export interface SpecOptions {
  measure: Measure
  bands: boolean
  /** Use the API's rollingShare (a rolling mean was asked). */
  rolling: boolean
  hidden: ReadonlySet<string>
}

export function trendSpec(model: TrendModel, opts: SpecOptions): ChartSpec {
  const series: SeriesSpec[] = model.series.map((s) => {
    const values = s.points.map((p) => {
      if (!p || p.total === 0) return null
      if (opts.measure === 'count') return p.ads
      return pct(opts.rolling && p.rollingShare !== null ? p.rollingShare : p.share)
    })
    const spec: SeriesSpec = {
      label: s.label,
      hidden: opts.hidden.has(s.id),
      values,
      n: s.points.map((p) => p?.ads ?? null),
      total: s.points.map((p) => p?.total ?? null),
    }
    if (opts.measure === 'share' && !opts.rolling) {
      spec.low = s.points.map((p) => (p && p.total > 0 ? pct(p.low) : null))
      spec.high = s.points.map((p) => (p && p.total > 0 ? pct(p.high) : null))
    }
    return spec
  })
  return {
    type: 'line',
    labels: model.labels,
    series,
    format: opts.measure === 'count' ? 'count' : 'percent',
    incomplete: model.incomplete,
    bands: opts.bands && opts.measure === 'share' && !opts.rolling,
    yTitle:
      opts.measure === 'count'
        ? 'ads mentioning it'
        : opts.rolling
          ? '% of ads (rolling mean)'
          : '% of ads in the period',
    legend: true,
  }
}

/** Periods with ads but fewer than TINY_SAMPLE: their shares are noise. */
export function tinyPeriods(model: TrendModel): number {
  return model.totals.filter((t) => t > 0 && t < TINY_SAMPLE).length
}

export interface LatestRow {
  id: string
  label: string
  ads: number
  total: number
  share: number
  low: number
  high: number
}

/** The newest complete period with ads (an incomplete one is never "latest"), with its rows. */
export function latestComplete(
  model: TrendModel,
): { index: number; label: string; rows: LatestRow[] } | null {
  for (let i = model.periods.length - 1; i >= 0; i--) {
    if (model.incomplete[i] || (model.totals[i] ?? 0) === 0) continue
    const rows = model.series
      .map((s) => ({ s, p: s.points[i] }))
      .filter((x): x is { s: TrendSeries; p: TrendPoint } => x.p !== null && x.p !== undefined)
      .map(({ s, p }) => ({
        id: s.id,
        label: s.label,
        ads: p.ads,
        total: p.total,
        share: p.share,
        low: p.low,
        high: p.high,
      }))
      .sort((a, b) => b.share - a.share || a.label.localeCompare(b.label))
    return { index: i, label: model.labels[i] ?? '', rows }
  }
  return null
}

/** True when there is nothing worth drawing: no periods, or no ads in any of them. */
export function isEmpty(trends: TrendsResponse): boolean {
  return trends.points.every((p) => p.total === 0)
}

/** Explains an empty chart, using the backfill status when we have it. */
export function emptyMessage(status: Status | null, ranged: boolean): string {
  const running = status?.backfill.running ?? false
  if (status && status.ads.raw === 0) {
    return running
      ? 'No ads stored yet — a backfill is running. The chart fills in as threads are processed.'
      : 'No ads stored yet. Start a backfill to collect job ads.'
  }
  if (status && status.ads.extracted === 0)
    return 'Ads are stored but none are extracted yet — check back soon.'
  const base = ranged
    ? 'No ads in the selected date range or filters.'
    : 'No ads to show for this selection yet.'
  return running ? `${base} A backfill is still running.` : base
}
