// The one place that decides whether an analytics question is answered from the rollups or from
// the raw rows, and the SQL fragments of both, so every endpoint writes one query text for either
// path and gets the same numbers. The rollups (rollup_ads, rollup_skills: one narrow row per ad
// copy, and per named skill, with its day, facets and job hash) are used when the question fits
// them (its filters are the facets they carry) and their state says they hold exactly the current
// extraction: 'ready', at most one extractor version, no stale month (docs/ARCHITECTURE.md,
// "Rollups"). ANALYTICS_PATH=raw|rollup|auto (or setAnalyticsPath / withAnalyticsPath) forces a
// path, for the benchmark's ratios and the tests that compare both.
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
  /** FROM … WHERE … over ads (one row per ad copy). */
  ads(w: CompiledWhere): string
  /** FROM … WHERE … over ad copy × named skill rows; `skill` is a column. */
  skills(w: CompiledWhere): string
  /** Distinct jobs among the rows: `count()` and `countIf(cond)`. */
  count: string
  countIf(cond: string): string
}

// Both have the same column names (posted_day, source, the facets, industries), so the filters
// compile once (compileWhere) for either.
const RAW: CountPath = {
  path: 'raw',
  ads: (w) => `FROM ads FINAL WHERE ${w.sql}`,
  skills: (w) => `FROM ads FINAL ARRAY JOIN named_skills AS skill WHERE ${w.sql}`,
  count: 'uniqExact(dedupe_key)',
  countIf: (cond) => `uniqExactIf(dedupe_key, ${cond})`,
}

const ROLLUP: CountPath = {
  path: 'rollup',
  ads: (w) => `FROM rollup_ads WHERE ${w.sql}`,
  skills: (w) => `FROM rollup_skills WHERE ${w.sql}`,
  count: 'uniqExact(job)',
  countIf: (cond) => `uniqExactIf(job, ${cond})`,
}

export interface PathQuestion {
  filters: Filters
  /** False when the question needs per-ad rows (a free-text or per-ad filter). */
  fits?: boolean
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
 * The path for one question: raw rows when forced or when the question does not fit the rollups,
 * else the rollups when usable (or forced).
 */
export async function choosePath(ch: ClickHouseClient, q: PathQuestion): Promise<CountPath> {
  const mode = scoped.getStore() ?? globalMode
  if (mode === 'raw' || q.fits === false) return RAW
  if (mode === 'auto' && !rollupUsable(await cachedRollupState(ch))) return RAW
  return ROLLUP
}

/** The newest day with an ad under the filters (the default end of "now" windows), or null. */
export async function newestDay(ch: ClickHouseClient, f: Filters): Promise<string | null> {
  const p = await choosePath(ch, { filters: f })
  const w = compileWhere(f)
  const [row] = await queryRows<{ d: string | null }>(
    ch,
    `SELECT if(count() = 0, NULL, toString(max(posted_day))) AS d ${p.ads(w)}`,
    w.params,
  )
  return row?.d ?? null
}
