// Pure shaping for the Overview page: ads per month and source (from coverage), top skills per
// headline category, risers and fallers, remote share, per-source freshness and coverage. No DOM.
import type { BreakdownResponse, CoverageResponse, HealthResponse, RankingsResponse } from './api'
import type { ChartSpec } from './chart'
import type { RankedSkill } from '@stackradar/core/contracts/api'
import { formatPeriod } from './trends'

/** The headline groups the article's readers ask about, each one or more taxonomy categories. */
export const HEADLINE_GROUPS = [
  { label: 'Languages', categories: ['language'] },
  { label: 'Databases', categories: ['database'] },
  { label: 'Cloud', categories: ['cloud'] },
  { label: 'Containers & orchestration', categories: ['containers'] },
  { label: 'Serverless & architecture', categories: ['serverless', 'architecture'] },
  { label: 'Frameworks', categories: ['framework'] },
] as const

export function topByGroup(
  ranked: readonly RankedSkill[],
  perGroup = 5,
): { label: string; rows: RankedSkill[] }[] {
  return HEADLINE_GROUPS.map((g) => ({
    label: g.label,
    rows: ranked
      .filter((r) => r.rank !== null && (g.categories as readonly string[]).includes(r.category))
      .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name))
      .slice(0, perGroup),
  }))
}

/** A ranked skill whose change is known (both windows hold ads). */
export type MovedSkill = RankedSkill & { changePoints: number }

/** Largest rises and falls in share (points), among ranked skills whose change is significant (p < 0.05) when p is known. */
export function movers(r: RankingsResponse, n = 6): { risers: MovedSkill[]; fallers: MovedSkill[] } {
  // No change is known against a window without ads (changePoints null).
  const moved = r.ranked.filter(
    (s): s is MovedSkill => s.changePoints !== null && (s.p === null || s.p < 0.05),
  )
  const risers = moved
    .filter((s) => s.changePoints > 0)
    .sort((a, b) => b.changePoints - a.changePoints)
    .slice(0, n)
  const fallers = moved
    .filter((s) => s.changePoints < 0)
    .sort((a, b) => a.changePoints - b.changePoints)
    .slice(0, n)
  return { risers, fallers }
}

/** Stacked bars: ads per month per source; months not captured in full are drawn faded. */
export function adsPerSourceSpec(coverage: CoverageResponse): ChartSpec {
  const periods = [...new Set(coverage.rows.map((r) => r.period))].sort()
  const sources = [...new Set(coverage.rows.map((r) => r.source))].sort()
  const at = new Map(coverage.rows.map((r) => [`${r.source}|${r.period}`, r]))
  const incomplete = periods.map((p) =>
    coverage.rows.some((r) => r.period === p && (!r.complete || r.suspect)),
  )
  return {
    type: 'bar',
    labels: periods.map((p) => formatPeriod(p, 'month')),
    format: 'count',
    stacked: true,
    incomplete,
    yTitle: 'ads posted',
    series: sources.map((source) => ({
      label: source === 'hn' ? 'Hacker News' : source,
      values: periods.map((p) => at.get(`${source}|${p}`)?.ads ?? null),
      stack: 'all',
    })),
  }
}

export interface SourceCoverage {
  source: string
  ads: number
  newestPostedAt: string | null
  newestAgeHours: number | null
  months: number
  completeMonths: number
  suspectMonths: number
  pagesFailed: number
  /** Newest month: stored of expected (null when the source states no count). */
  latest: { period: string; stored: number; expected: number | null; complete: boolean } | null
}

export function sourceCoverage(coverage: CoverageResponse, health: HealthResponse | null): SourceCoverage[] {
  const bySource = new Map<string, CoverageResponse['rows']>()
  for (const r of coverage.rows) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r])
  const ids = new Set([...bySource.keys(), ...(health?.sources ?? []).map((s) => s.source)])
  return [...ids].sort().map((source) => {
    const rows = (bySource.get(source) ?? []).slice().sort((a, b) => a.period.localeCompare(b.period))
    const fresh = health?.sources.find((s) => s.source === source)
    const last = rows.at(-1)
    return {
      source,
      ads: fresh?.ads ?? rows.reduce((n, r) => n + r.ads, 0),
      newestPostedAt: fresh?.newestPostedAt ?? null,
      newestAgeHours: fresh?.newestAgeHours ?? null,
      months: rows.length,
      completeMonths: rows.filter((r) => r.complete).length,
      suspectMonths: rows.filter((r) => r.suspect).length,
      pagesFailed: rows.reduce((n, r) => n + r.pagesFailed, 0),
      latest: last
        ? { period: last.period, stored: last.stored, expected: last.expected, complete: last.complete }
        : null,
    }
  })
}

/** Share of ads whose work mode is `mode`, among ads that state one; with the n behind it. */
export function workModeShare(
  b: BreakdownResponse,
  mode = 'remote',
): { share: number; ads: number; stated: number } | null {
  const stated = b.rows.filter((r) => r.value !== 'unknown')
  const total = stated.reduce((n, r) => n + r.ads, 0)
  if (total === 0) return null
  const ads = stated.filter((r) => r.value === mode).reduce((n, r) => n + r.ads, 0)
  return { share: ads / total, ads, stated: total }
}
