// URL state: the one filter set every page shares, read from and written to the page URL so a link
// reproduces the view and Back restores the previous one. The parameter names are the API's
// (FilterQuery in core contracts), so `apiPath()` forwards them unchanged.
//
// Usage:
//   const filters = parseFilters(url.searchParams)                  // in +page.ts
//   const path = apiPath('/api/v1/rankings', filters, { min_count: 20 })
//   goto(hrefWith(page.url, { source: ['hn'], from: null }))        // a change (FilterBar does it)
//   readEnum(url.searchParams, 'interval', INTERVALS, 'month')      // a page's own state param
import { FILTER_LISTS, type AppliedFilters } from '@stackradar/core/contracts/api'

/** List filters the dashboard offers (employment_type stays API-only). */
export const LIST_FILTERS = FILTER_LISTS.filter((k) => k !== 'employment_type')
export type ListFilter = (typeof LIST_FILTERS)[number]
export type FilterKey = 'from' | 'to' | ListFilter
export const FILTER_KEYS: readonly FilterKey[] = ['from', 'to', ...LIST_FILTERS]

export type Filters = { from: string | null; to: string | null } & Record<ListFilter, string[]>

const MONTH_OR_DAY = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/
const VALUE = /^[A-Za-z0-9][A-Za-z0-9 _.:&-]{0,59}$/

/** Comma list → trimmed, de-duplicated values; anything not value-shaped is dropped. */
export function parseList(raw: string | null, max = 50): string[] {
  if (!raw) return []
  const values = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => VALUE.test(s))
  return [...new Set(values)].slice(0, max)
}

export function emptyFilters(): Filters {
  const lists = Object.fromEntries(LIST_FILTERS.map((k) => [k, [] as string[]])) as Record<
    ListFilter,
    string[]
  >
  return { from: null, to: null, ...lists }
}

export function parseFilters(params: URLSearchParams): Filters {
  const f = emptyFilters()
  const from = params.get('from')
  const to = params.get('to')
  f.from = from && MONTH_OR_DAY.test(from) ? from : null
  f.to = to && MONTH_OR_DAY.test(to) ? to : null
  for (const key of LIST_FILTERS) f[key] = parseList(params.get(key))
  return f
}

/** How many filters are set (for a "Filters (3)" badge). */
export function activeFilterCount(f: Filters): number {
  return (f.from ? 1 : 0) + (f.to ? 1 : 0) + LIST_FILTERS.filter((k) => f[k].length > 0).length
}

/** Filter values as URL entries, empty ones left out. */
export function filterEntries(f: Filters): [string, string][] {
  const out: [string, string][] = []
  if (f.from) out.push(['from', f.from])
  if (f.to) out.push(['to', f.to])
  for (const key of LIST_FILTERS) if (f[key].length > 0) out.push([key, f[key].join(',')])
  return out
}

// Commas stay readable in the address bar (values never contain them).
function encode(params: URLSearchParams): string {
  return params.toString().replaceAll('%2C', ',')
}

export type ParamValue = string | number | boolean | readonly string[] | null | undefined

function setParam(params: URLSearchParams, key: string, value: ParamValue): void {
  if (value === null || value === undefined || value === false || value === '') params.delete(key)
  else if (Array.isArray(value)) {
    if (value.length === 0) params.delete(key)
    else params.set(key, value.join(','))
  } else params.set(key, value === true ? '1' : String(value))
}

/** `?query` of `url` with `patch` applied (null/empty/false removes a key); other keys are kept. */
export function searchWith(url: URL, patch: Record<string, ParamValue>): string {
  const params = new URLSearchParams(url.searchParams)
  for (const [key, value] of Object.entries(patch)) setParam(params, key, value)
  const search = encode(params)
  return search ? `?${search}` : ''
}

/** Path + query of `url` with `patch` applied: for goto() and same-page links. */
export function hrefWith(url: URL, patch: Record<string, ParamValue>): string {
  return `${url.pathname}${searchWith(url, patch)}`
}

/** An API path with the filters and extra parameters (null/empty ones left out). */
export function apiPath(
  endpoint: string,
  filters: Filters | null,
  extra: Record<string, ParamValue> = {},
): string {
  const params = new URLSearchParams(filters ? filterEntries(filters) : [])
  for (const [key, value] of Object.entries(extra)) setParam(params, key, value)
  const search = encode(params)
  return search ? `${endpoint}?${search}` : endpoint
}

/** The filters as the API echoed them → the dashboard's Filters (for links built from an answer). */
export function fromApplied(a: AppliedFilters): Filters {
  const f = emptyFilters()
  f.from = a.from
  f.to = a.to
  for (const key of LIST_FILTERS) f[key] = [...a[key]]
  return f
}

/** A page's own parameter restricted to allowed values, else the fallback. */
export function readEnum<T extends string>(
  params: URLSearchParams,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = params.get(key)
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback
}

/** A page's own integer parameter within [min, max], else the fallback. */
export function readInt(
  params: URLSearchParams,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = params.get(key)
  if (raw === null || !/^\d{1,7}$/.test(raw)) return fallback
  const n = Number(raw)
  return n >= min && n <= max ? n : fallback
}

/** A page's own on/off parameter (`?bands=1`); absent → fallback, `0` → false. */
export function readFlag(params: URLSearchParams, key: string, fallback: boolean): boolean {
  const raw = params.get(key)
  return raw === null ? fallback : raw !== '0' && raw !== 'false'
}

/** URL value for a flag: null (left out) when it equals the page's default, else '1' / '0'. */
export function flagParam(value: boolean, fallback: boolean): string | null {
  return value === fallback ? null : value ? '1' : '0'
}
