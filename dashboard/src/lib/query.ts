// The trends page's own URL state (?skills=&categories=&interval=&measure=&bands=&rolling=&hide=&why=),
// next to the shared filters of ./filters.ts. The single place that parses and writes it.
import { INTERVALS, MAX_TREND_SKILLS, type Interval } from '@stackradar/core/contracts/api'
import {
  apiPath,
  flagParam,
  parseList,
  readEnum,
  readFlag,
  readInt,
  type Filters,
  type ParamValue,
} from './filters'
import type { Measure } from './trends'

export type { Interval }
export const DEFAULT_SKILLS = ['python', 'javascript', 'java', 'go', 'ruby', 'php', 'typescript', 'rust']
/** The API's intervals in the order the controls offer them. */
export const INTERVAL_CHOICES = ['week', 'month', 'quarter', 'year'] as const satisfies readonly Interval[]
export const DEFAULT_INTERVAL: Interval = 'month'
export const MAX_SERIES = MAX_TREND_SKILLS
export const DEFAULT_ROLLING = 4

export interface TrendQuery {
  skills: string[]
  categories: string[]
  interval: Interval
  measure: Measure
  bands: boolean
  /** Periods in the rolling mean (weeks only); 1 = none. */
  rolling: number
  /** Series (skill or category ids) hidden from the chart but kept in the selection. */
  hidden: string[]
  /** The picker also lists skills without ads. */
  all: boolean
  /** Series past the limit in the URL, left out (the page says so). */
  dropped: string[]
}

const SKILL = /^[a-z0-9][a-z0-9-]{0,59}$/

export function parseSkillList(raw: string | null): string[] {
  return parseList(raw?.toLowerCase() ?? null).filter((s) => SKILL.test(s))
}

export function parseQuery(params: URLSearchParams): TrendQuery {
  const skillsRaw = params.get('skills')
  const categories = parseSkillList(params.get('categories'))
  // No `skills` and no `categories` at all: the defaults. An explicit empty `?skills=` means none.
  const skills =
    skillsRaw === null && categories.length === 0 ? [...DEFAULT_SKILLS] : parseSkillList(skillsRaw)
  const total = skills.length + categories.length
  // Past the limit the first ones win: a 21st never breaks the chart.
  const keptSkills = skills.slice(0, MAX_SERIES)
  const keptCategories = categories.slice(0, Math.max(0, MAX_SERIES - keptSkills.length))
  const dropped = [...skills.slice(MAX_SERIES), ...categories.slice(keptCategories.length)]
  const interval = readEnum(params, 'interval', INTERVALS, DEFAULT_INTERVAL)
  return {
    skills: keptSkills,
    categories: total > MAX_SERIES ? keptCategories : categories,
    dropped,
    interval,
    measure: readEnum(params, 'measure', ['share', 'count'] as const, 'share'),
    bands: readFlag(params, 'bands', true),
    rolling: interval === 'week' ? readInt(params, 'rolling', 1, 12, DEFAULT_ROLLING) : 1,
    hidden: parseSkillList(params.get('hide')),
    all: readFlag(params, 'all', false),
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

/** URL patch for a trend query (defaults left out to keep shared links short); use with hrefWith(). */
export function queryPatch(q: TrendQuery): Record<string, ParamValue> {
  const defaults = q.categories.length === 0 && sameList(q.skills, DEFAULT_SKILLS)
  return {
    skills: defaults ? null : q.skills.length === 0 ? '' : q.skills,
    categories: q.categories,
    interval: q.interval === DEFAULT_INTERVAL ? null : q.interval,
    measure: q.measure === 'share' ? null : q.measure,
    bands: flagParam(q.bands, true),
    rolling: q.interval === 'week' && q.rolling !== DEFAULT_ROLLING ? q.rolling : null,
    hide: q.hidden,
    all: flagParam(q.all, false),
  }
}

/** The trends endpoint for a selection under the filters. */
export function trendsPath(q: TrendQuery, filters: Filters): string {
  return apiPath('/api/v1/trends', filters, {
    skills: q.skills,
    categories: q.categories,
    interval: q.interval,
    rolling: q.interval === 'week' && q.rolling > 1 ? q.rolling : null,
  })
}

/**
 * The skill whose ads the "Why was this counted?" panel shows (?why=python), or null. Kept apart
 * from TrendQuery so the page load does not read it: opening the panel does not refetch the chart.
 */
export function parseWhy(params: URLSearchParams): string | null {
  const why = params.get('why')?.trim().toLowerCase()
  return why && SKILL.test(why) ? why : null
}

/** The ads endpoint: the newest ads that mention `skill` under the filters. */
export function adsPath(skill: string, filters: Filters | null, limit = 20): string {
  return apiPath('/api/v1/ads', filters, { skills: skill, limit })
}
