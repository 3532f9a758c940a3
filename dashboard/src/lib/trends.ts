// Pure shaping of the /trends response into chart series and table rows (no DOM, no Chart.js).
import type { Skill, Status, TrendPoint, TrendsResponse } from './api'
import type { Interval, TrendQuery } from './query'

export interface Series {
  skill: string
  label: string
  /** Share of all ads in %, or null where the period has no ads at all (nothing to divide by). */
  values: (number | null)[]
  points: (TrendPoint | null)[]
}

export interface ChartModel {
  periods: string[]
  labels: string[]
  series: Series[]
}

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

export function skillNames(skills: Skill[]): Map<string, string> {
  return new Map(skills.map((s) => [s.id, s.name]))
}

export function buildChartModel(trends: TrendsResponse, names: Map<string, string>): ChartModel {
  const periods = [...new Set(trends.points.map((p) => p.period))].sort()
  const index = new Map(trends.points.map((p) => [`${p.period}|${p.skill}`, p]))
  const series = trends.skills.map((skill) => {
    const points = periods.map((period) => index.get(`${period}|${skill}`) ?? null)
    const values = points.map((p) => (p && p.total > 0 ? round((p.ads / p.total) * 100) : null))
    return { skill, label: names.get(skill) ?? skill, values, points }
  })
  return { periods, labels: periods.map((p) => formatPeriod(p, trends.interval)), series }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** True when there is nothing worth drawing: no periods, or no ads in any of them. */
export function isEmpty(trends: TrendsResponse): boolean {
  return trends.points.every((p) => p.total === 0)
}

export interface LatestRow {
  skill: string
  name: string
  ads: number
  total: number
  share: number
}

export function latestPeriod(
  trends: TrendsResponse,
  names: Map<string, string>,
): { period: string; rows: LatestRow[] } | null {
  const withAds = trends.points.filter((p) => p.total > 0)
  const period = withAds.reduce<string | null>(
    (max, p) => (max === null || p.period > max ? p.period : max),
    null,
  )
  if (period === null) return null
  const rows = withAds
    .filter((p) => p.period === period)
    .map((p) => ({ ...p, name: names.get(p.skill) ?? p.skill }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name))
  return { period, rows }
}

/** Explains an empty chart, using the backfill status when we have it. */
export function emptyMessage(status: Status | null, query: TrendQuery): string {
  const ranged = query.from !== null || query.to !== null
  const running = status?.backfill.running ?? false
  if (status && status.ads.raw === 0) {
    return running
      ? 'No ads stored yet — a backfill is running. The chart fills in as threads are processed.'
      : 'No ads stored yet. Start a backfill to collect job ads.'
  }
  if (status && status.ads.extracted === 0)
    return 'Ads are stored but none are extracted yet — check back soon.'
  const base = ranged ? 'No ads in the selected date range.' : 'No ads to show for this selection yet.'
  return running ? `${base} A backfill is still running.` : base
}
