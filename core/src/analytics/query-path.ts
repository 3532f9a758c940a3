// The one place that decides whether an analytics question is answered from the daily rollups or
// from the raw rows, and the SQL fragments of both, so every endpoint writes one query text for
// either path and gets the same numbers. The rollups are used when the question fits them (its
// filters are day-grain facets) and their state says they hold exactly the current extraction:
// status 'ready', at most one extractor version, no stale month (docs/ARCHITECTURE.md, "Rollups");
// the per-source grain when no other facet is filtered or split by, else the per-facet grain.
// ANALYTICS_PATH=raw|rollup|auto (or setAnalyticsPath / withAnalyticsPath) forces a path, for the
// benchmark's ratios and the tests that compare both.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { ROLLUP_STATE_TTL_MS, rollups, type RollupState } from '../tables/rollups.ts'
import { compileWhere, type CompiledWhere, type Filters } from './filters.ts'

export const ANALYTICS_PATHS = ['auto', 'raw', 'rollup'] as const
export type AnalyticsPathMode = (typeof ANALYTICS_PATHS)[number]

/** One way to answer: where rows come from and how distinct jobs are counted among them. */
export interface CountPath {
  path: 'raw' | 'rollup'
  /** The tables read: `ads`, the per-source daily rollups or the per-facet ones. */
  grain: 'raw' | 'daily' | 'facets'
  /** FROM … WHERE … over ads (one row per ad, or per day and key columns). */
  ads(w: CompiledWhere): string
  /** FROM … WHERE … over ad × named skill rows; `skill` is a column. */
  skills(w: CompiledWhere): string
  /** The filters as conditions on these rows. */
  where(f: Filters, opts?: { dates?: boolean }): CompiledWhere
  /** Distinct jobs among the rows: `count()` and `countIf(cond)`. */
  count: string
  countIf(cond: string): string
  /** The industry facet value of a row ('unknown' when none); the raw path arrayJoins. */
  industry: string
}

const RAW: CountPath = {
  path: 'raw',
  grain: 'raw',
  ads: (w) => `FROM ads FINAL WHERE ${w.sql}`,
  skills: (w) => `FROM ads FINAL ARRAY JOIN named_skills AS skill WHERE ${w.sql}`,
  where: (f, opts) => compileWhere(f, opts),
  count: 'uniqExact(dedupe_key)',
  countIf: (cond) => `uniqExactIf(dedupe_key, ${cond})`,
  industry: "arrayJoin(if(empty(industries), ['unknown'], industries))",
}

const rollupPath = (grain: 'daily' | 'facets'): CountPath => {
  const suffix = grain === 'daily' ? 'daily' : 'facets_daily'
  return {
    path: 'rollup',
    grain,
    ads: (w) => `FROM rollup_ads_${suffix} WHERE ${w.sql}`,
    skills: (w) => `FROM rollup_skills_${suffix} WHERE ${w.sql}`,
    where: (f, opts) => compileWhere(f, { ...opts, industry: 'scalar' }),
    count: 'uniqExactMerge(ads)',
    countIf: (cond) => `uniqExactMergeIf(ads, ${cond})`,
    industry: "if(industry = '', 'unknown', industry)",
  }
}
const DAILY = rollupPath('daily')
const FACETS = rollupPath('facets')

/** Filters the per-source daily rollups have no column for. */
const FACET_FILTERS = [
  'country',
  'region',
  'work_mode',
  'seniority',
  'role_family',
  'employment_type',
  'industry',
] as const

export interface PathQuestion {
  filters: Filters
  /** False when the question needs per-ad rows (a free-text or per-ad filter, a split the rollups
   * cannot make under these filters). */
  fits?: boolean
  /** Groups by a facet other than source (breakdowns): only the per-facet rollups have it. */
  byFacet?: boolean
}

// Scripts that never parse the config (benchmarks) still honour ANALYTICS_PATH; a bad value is
// reported by the config at start, so here it just falls back to auto.
let globalMode: AnalyticsPathMode = (ANALYTICS_PATHS as readonly string[]).includes(
  process.env.ANALYTICS_PATH ?? '',
)
  ? (process.env.ANALYTICS_PATH as AnalyticsPathMode)
  : 'auto'
const scoped = new AsyncLocalStorage<AnalyticsPathMode>()

function parseMode(raw: string | undefined): AnalyticsPathMode {
  if (raw === undefined || raw === '') return 'auto'
  if ((ANALYTICS_PATHS as readonly string[]).includes(raw)) return raw as AnalyticsPathMode
  throw new Error(`ANALYTICS_PATH: expected one of ${ANALYTICS_PATHS.join(', ')}, got '${raw.slice(0, 20)}'`)
}

/** Sets the path for this process (the runtime passes ANALYTICS_PATH from the config). */
export function setAnalyticsPath(mode: AnalyticsPathMode): void {
  globalMode = parseMode(mode)
}

/** Runs `fn` with the path forced (per async call chain: concurrent requests keep theirs). */
export function withAnalyticsPath<T>(mode: AnalyticsPathMode, fn: () => Promise<T>): Promise<T> {
  return scoped.run(parseMode(mode), fn)
}

const stateCache = new WeakMap<ClickHouseClient, { at: number; state: Promise<RollupState> }>()

/** The rollups' state, re-read at most every ROLLUP_STATE_TTL_MS per client. */
export function cachedRollupState(ch: ClickHouseClient): Promise<RollupState> {
  const had = stateCache.get(ch)
  if (had && Date.now() - had.at < ROLLUP_STATE_TTL_MS) return had.state
  const state = rollups.state(ch)
  stateCache.set(ch, { at: Date.now(), state })
  state.catch(() => stateCache.delete(ch))
  return state
}

/** Whether the rollups may answer: complete, one extraction at most, no month awaiting repair. */
export function rollupUsable(s: RollupState): boolean {
  return s.status === 'ready' && s.versions.length <= 1 && s.stale.length === 0
}

/**
 * The path for one question: raw rows when forced or when the question does not fit the rollups;
 * otherwise, when the rollups are usable (or forced), the smallest grain that has the columns asked.
 */
export async function choosePath(ch: ClickHouseClient, q: PathQuestion): Promise<CountPath> {
  const mode = scoped.getStore() ?? globalMode
  if (mode === 'raw' || q.fits === false) return RAW
  if (mode === 'auto' && !rollupUsable(await cachedRollupState(ch))) return RAW
  const facets = q.byFacet || FACET_FILTERS.some((k) => q.filters[k].length > 0)
  return facets ? FACETS : DAILY
}

/** The newest day with an ad under the filters (the default end of "now" windows), or null. */
export async function newestDay(ch: ClickHouseClient, f: Filters): Promise<string | null> {
  const p = await choosePath(ch, { filters: f })
  const w = p.where(f)
  const [row] = await queryRows<{ d: string | null }>(
    ch,
    `SELECT if(count() = 0, NULL, toString(max(posted_day))) AS d ${p.ads(w)}`,
    w.params,
  )
  return row?.d ?? null
}
