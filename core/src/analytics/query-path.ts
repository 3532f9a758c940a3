// The one place that decides whether an analytics question is answered from the daily rollups or
// from the raw rows, and the SQL fragments of both, so every endpoint writes one query text for
// either path and gets the same numbers. The rollups are used when the question fits them (its
// filters are day-grain facets) and their state says they hold exactly the current extraction:
// status 'ready' and at most one extractor version (see docs/ARCHITECTURE.md, "Rollups").
// ANALYTICS_PATH=raw|rollup|auto (or setAnalyticsPath / withAnalyticsPath) forces a path, for the
// benchmark's ratios and the tests that compare both.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { ROLLUP_STATE_TTL_MS, rollups, type RollupState } from '../tables/rollups.ts'
import { compileWhere, type CompiledWhere, type Filters } from './filters.ts'

export const ANALYTICS_PATHS = ['auto', 'raw', 'rollup'] as const
export type AnalyticsPathMode = (typeof ANALYTICS_PATHS)[number]

/** One side of the choice: where rows come from and how distinct jobs are counted. */
export interface CountPath {
  path: 'raw' | 'rollup'
  /** FROM … WHERE … over ads (one row per ad or per ad-day-facets). */
  ads(w: CompiledWhere): string
  /** FROM … WHERE … over ad × named skill rows; `skill` is a column; `join`: more ARRAY JOINs. */
  skills(w: CompiledWhere, join?: string): string
  /** The filters as conditions on these rows. */
  where(f: Filters, opts?: { dates?: boolean }): CompiledWhere
  /** Distinct jobs among the rows: `count()` and `countIf(cond)`. */
  count: string
  countIf(cond: string): string
  /** The industry facet value of a row ('unknown' when none); the raw path may arrayJoin. */
  industry: string
}

const RAW: CountPath = {
  path: 'raw',
  ads: (w) => `FROM ads FINAL WHERE ${w.sql}`,
  skills: (w, join = '') => `FROM ads FINAL ARRAY JOIN named_skills AS skill ${join} WHERE ${w.sql}`,
  where: (f, opts) => compileWhere(f, opts),
  count: 'uniqExact(dedupe_key)',
  countIf: (cond) => `uniqExactIf(dedupe_key, ${cond})`,
  industry: "arrayJoin(if(empty(industries), ['unknown'], industries))",
}

const ROLLUP: CountPath = {
  path: 'rollup',
  ads: (w) => `FROM rollup_ads_daily WHERE ${w.sql}`,
  skills: (w, join = '') => `FROM rollup_skills_daily ${join} WHERE ${w.sql}`,
  where: (f, opts) => compileWhere(f, { ...opts, industry: 'scalar' }),
  count: 'uniqExactMerge(ads)',
  countIf: (cond) => `uniqExactMergeIf(ads, ${cond})`,
  industry: "if(industry = '', 'unknown', industry)",
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
 * The path for one question. `fits: false` when the question needs per-ad rows (a free-text or
 * per-ad filter, a facet the rollups cannot split by under the filters asked).
 */
export async function choosePath(ch: ClickHouseClient, opts: { fits: boolean }): Promise<CountPath> {
  const mode = scoped.getStore() ?? globalMode
  if (mode === 'raw' || !opts.fits) return RAW
  if (mode === 'rollup') return ROLLUP
  return rollupUsable(await cachedRollupState(ch)) ? ROLLUP : RAW
}

/** The newest day with an ad under the filters (the default end of "now" windows), or null. */
export async function newestDay(ch: ClickHouseClient, f: Filters): Promise<string | null> {
  const p = await choosePath(ch, { fits: true })
  const w = p.where(f)
  const [row] = await queryRows<{ d: string | null }>(
    ch,
    `SELECT if(count() = 0, NULL, toString(max(posted_day))) AS d ${p.ads(w)}`,
    w.params,
  )
  return row?.d ?? null
}
