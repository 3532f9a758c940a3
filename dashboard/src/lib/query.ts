// The chart selection lives in the page URL (?skills=&interval=&from=&to=) so a view can be shared.
// This module is the single place that parses and serialises it.

import type { Interval } from '@stackradar/core/contracts/api'

export type { Interval }
export const DEFAULT_SKILLS = ['python', 'javascript', 'java', 'go', 'ruby', 'php', 'typescript', 'rust']
/** The API's intervals in the order the controls offer them. */
export const INTERVALS = ['month', 'quarter', 'year', 'week'] as const satisfies readonly Interval[]
export const DEFAULT_INTERVAL: Interval = 'month'

export interface TrendQuery {
  skills: string[]
  interval: Interval
  from: string | null // YYYY-MM
  to: string | null // YYYY-MM
  source: string | null // passed through to the API untouched (e.g. "hn")
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

function isInterval(value: string | null): value is Interval {
  return (INTERVALS as readonly string[]).includes(value ?? '')
}

export function parseSkillList(raw: string): string[] {
  const ids = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  return [...new Set(ids)]
}

export function parseQuery(params: URLSearchParams): TrendQuery {
  const skills = params.get('skills')
  const interval = params.get('interval')
  const from = params.get('from')
  const to = params.get('to')
  return {
    // An explicit empty `?skills=` means "none selected", which differs from "use the defaults".
    skills: skills === null ? [...DEFAULT_SKILLS] : parseSkillList(skills),
    interval: isInterval(interval) ? interval : DEFAULT_INTERVAL,
    from: from && MONTH.test(from) ? from : null,
    to: to && MONTH.test(to) ? to : null,
    source: params.get('source') || null,
  }
}

function sameSkills(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

// Commas stay readable in the address bar: skill ids never contain them.
function encode(params: URLSearchParams): string {
  return params.toString().replaceAll('%2C', ',')
}

/**
 * The skill whose ads the "Why was this counted?" panel shows (?why=python), or null. Kept apart
 * from TrendQuery so the page load does not read it: opening the panel does not refetch the chart.
 */
export function parseWhy(params: URLSearchParams): string | null {
  const why = params.get('why')?.trim().toLowerCase()
  return why ? why.slice(0, 60) : null
}

/** Search string for the page URL (defaults are left out to keep shared links short). */
export function pageSearch(q: TrendQuery, why: string | null = null): string {
  const params = new URLSearchParams()
  if (!sameSkills(q.skills, DEFAULT_SKILLS)) params.set('skills', q.skills.join(','))
  if (q.interval !== DEFAULT_INTERVAL) params.set('interval', q.interval)
  if (q.from) params.set('from', q.from)
  if (q.to) params.set('to', q.to)
  if (q.source) params.set('source', q.source)
  if (why) params.set('why', why)
  const search = encode(params)
  return search ? `?${search}` : ''
}

/** Relative URL of the trends endpoint for a selection. */
export function trendsPath(q: TrendQuery): string {
  const params = new URLSearchParams({ skills: q.skills.join(','), interval: q.interval })
  if (q.from) params.set('from', q.from)
  if (q.to) params.set('to', q.to)
  if (q.source) params.set('source', q.source)
  return `/api/v1/trends?${encode(params)}`
}

/** Relative URL of the ads endpoint: the newest ads that mention `skill` within the selection's range. */
export function adsPath(skill: string, q: Pick<TrendQuery, 'from' | 'to' | 'source'>, limit = 20): string {
  const params = new URLSearchParams({ skill, limit: String(limit) })
  if (q.from) params.set('from', q.from)
  if (q.to) params.set('to', q.to)
  if (q.source) params.set('source', q.source)
  return `/api/v1/ads?${encode(params)}`
}
