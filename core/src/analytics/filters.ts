// The one filter set of every analytics query: parsed and validated once (unknown values fail with
// the parameter's name and the values allowed), then compiled to one parameterised WHERE clause on
// `ads FINAL`. Values never enter the SQL text; only whitelisted column names do.
import type { ClickHouseClient } from '@clickhouse/client'
import {
  EMPLOYMENT_TYPES,
  FILTER_LISTS,
  LIMITS,
  REGIONS,
  ROLE_FAMILIES,
  SENIORITIES,
  WORK_MODES,
  type AppliedFilters,
} from '../contracts/api/analytics-filters.ts'
import { queryRows } from '../clickhouse/query.ts'
import { INDUSTRIES } from '../extract/industries.ts'
import { listSkills } from '../taxonomy/index.ts'
import { CATEGORIES } from '../taxonomy/categories.ts'

export type Filters = AppliedFilters

/** A bad request parameter; the API turns it into a 400 naming `param`. */
export class FilterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`)
  }
}

export type AllowedValues = Record<(typeof FILTER_LISTS)[number], readonly string[]>

const FIXED = {
  category: CATEGORIES,
  region: Object.keys(REGIONS),
  work_mode: WORK_MODES,
  seniority: SENIORITIES,
  industry: INDUSTRIES,
  role_family: ROLE_FAMILIES,
  employment_type: EMPLOYMENT_TYPES,
}

const dataValues = new WeakMap<ClickHouseClient, { at: number; source: string[]; country: string[] }>()
const DATA_VALUES_TTL_MS = 60_000

/**
 * Allowed values: enums come from the extractor; sources and countries from the stored ads (cached a
 * minute) plus `knownSources` (configured boards that have no ads yet).
 */
export async function allowedValues(
  ch: ClickHouseClient,
  knownSources: string[] = [],
): Promise<AllowedValues> {
  let cached = dataValues.get(ch)
  if (!cached || Date.now() - cached.at > DATA_VALUES_TTL_MS) {
    const [row] = await queryRows<{ sources: string[]; countries: string[] }>(
      ch,
      `SELECT groupUniqArray(source) AS sources, groupUniqArrayIf(country, country != '') AS countries
       FROM ads`,
    )
    cached = { at: Date.now(), source: row?.sources ?? [], country: row?.countries ?? [] }
    dataValues.set(ch, cached)
  }
  return {
    ...FIXED,
    source: [...new Set([...cached.source, ...knownSources])].sort(),
    country: [...cached.country].sort(),
  }
}

/** YYYY-MM or YYYY-MM-DD → a day; a month means its first (from) or last (to) day. */
export function parseDay(param: string, raw: string | undefined, edge: 'start' | 'end'): string | null {
  if (!raw) return null
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(raw.trim())
  const bad = () => new FilterError(param, 'expected a month YYYY-MM or a day YYYY-MM-DD')
  if (!m) throw bad()
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])]
  if (year < 1970 || year > 2100 || month < 1 || month > 12) throw bad()
  const d =
    day === undefined
      ? new Date(Date.UTC(year, edge === 'start' ? month - 1 : month, edge === 'start' ? 1 : 0))
      : new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 2026-02-31 over into March: reject days the month does not have.
  if (day !== undefined && (d.getUTCMonth() !== month - 1 || day < 1)) throw bad()
  return d.toISOString().slice(0, 10)
}

/** Checks a date range: from ≤ to and at most LIMITS.rangeYears long. */
export function checkRange(fromParam: string, from: string | null, to: string | null): void {
  if (!from || !to) return
  if (from > to) throw new FilterError(fromParam, 'must not be after to')
  const limit = new Date(`${from}T00:00:00Z`)
  limit.setUTCFullYear(limit.getUTCFullYear() + LIMITS.rangeYears)
  if (new Date(`${to}T00:00:00Z`) >= limit)
    throw new FilterError(fromParam, `the date range may span at most ${LIMITS.rangeYears} years`)
}

/** Comma-separated list → distinct trimmed values, each one of `allowed`. */
export function parseList(param: string, raw: string | undefined, allowed: readonly string[]): string[] {
  if (raw === undefined || raw.trim() === '') return []
  const values = [
    ...new Set(
      raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ]
  for (const v of values) {
    const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase())
    if (match === undefined) {
      const shown = allowed.length ? allowed.join(', ') : '(none: no ads stored yet)'
      throw new FilterError(param, `unknown value '${v.slice(0, 40)}'; allowed: ${shown}`)
    }
  }
  return values.map((v) => allowed.find((a) => a.toLowerCase() === v.toLowerCase())!)
}

export function parseFilters(raw: Record<string, string | undefined>, allowed: AllowedValues): Filters {
  const from = parseDay('from', raw.from, 'start')
  const to = parseDay('to', raw.to, 'end')
  checkRange('from', from, to)
  const lists = Object.fromEntries(FILTER_LISTS.map((k) => [k, parseList(k, raw[k], allowed[k])]))
  return { from, to, ...(lists as Omit<Filters, 'from' | 'to'>) }
}

export const NO_FILTERS: Filters = {
  from: null,
  to: null,
  ...(Object.fromEntries(FILTER_LISTS.map((k) => [k, []])) as unknown as Omit<Filters, 'from' | 'to'>),
}

export interface CompiledWhere {
  /** Conditions on columns of `ads`, joined by AND (never empty). */
  sql: string
  params: Record<string, unknown>
}

/** The parameter of a region filter's names (f_region holds its countries): the tallies' value. */
export const REGION_NAME_PARAM = 'f_region_name'

/**
 * The condition compileWhere writes for a filter on one of these facets (its parameter is
 * f_<facet>): the facet tallies' path swaps it for one on their `value` column (facet-path.ts).
 */
export const FACET_FILTER_SQL = {
  country: 'country IN {f_country:Array(String)}',
  // A region is its countries (f_region); REGION_NAME_PARAM holds the region itself, the tallies' value.
  region: 'country IN {f_region:Array(String)}',
  work_mode: 'work_mode IN {f_work_mode:Array(String)}',
  seniority: 'seniority IN {f_seniority:Array(String)}',
  industry: 'hasAny(industries, {f_industry:Array(String)})',
} as const

/** WHERE conditions on `ads` or the rollups (same columns); `dates: false` leaves the range to the caller. */
export function compileWhere(f: Filters, opts: { dates?: boolean } = {}): CompiledWhere {
  const conds: string[] = ['1 = 1']
  const params: Record<string, unknown> = {}
  if (opts.dates !== false) {
    if (f.from) conds.push('posted_day >= {f_from:Date}')
    if (f.to) conds.push('posted_day <= {f_to:Date}')
    params.f_from = f.from
    params.f_to = f.to
  }
  const inList = (column: string, key: string, values: readonly string[]) => {
    if (!values.length) return
    conds.push(`${column} IN {${key}:Array(String)}`)
    params[key] = values
  }
  // The facet tallies' path rewrites these conditions (FACET_FILTER_SQL): written from there.
  const facet = (name: keyof typeof FACET_FILTER_SQL) => {
    if (!f[name].length) return
    conds.push(FACET_FILTER_SQL[name])
    params[`f_${name}`] = f[name]
  }
  inList('source', 'f_source', f.source)
  facet('country')
  const regionCountries = [...new Set(f.region.flatMap((r) => REGIONS[r] ?? []))]
  if (regionCountries.length) {
    conds.push(FACET_FILTER_SQL.region)
    params.f_region = regionCountries
    params[REGION_NAME_PARAM] = f.region
  }
  facet('work_mode')
  facet('seniority')
  inList('role_family', 'f_role_family', f.role_family)
  inList('employment_type', 'f_employment_type', f.employment_type)
  facet('industry')
  return { sql: conds.join(' AND '), params }
}

/** Skill ids the category filter keeps (every skill when no category is asked). */
export function skillsInCategories(categories: readonly string[]): string[] {
  const all = listSkills()
  return (categories.length ? all.filter((s) => categories.includes(s.category)) : all).map((s) => s.id)
}

/** Adds whole months to a day (YYYY-MM-DD), clamping to the month's end (03-31 − 1 month → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
