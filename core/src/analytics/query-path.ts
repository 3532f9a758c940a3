// The one place that decides whether an analytics question is answered from the tallies, the
// rollups or the raw rows, and the SQL fragments of each, so every endpoint writes one query text
// for any path and gets the same numbers. The rollups (rollup_ads, rollup_skills: one narrow row per
// ad copy, and per named skill, with its day, facets and job hash) are used when the question fits
// them (its filters are the facets they carry) and their state says they hold exactly the current
// extraction: 'ready', at most one extraction version, no stale month (docs/ARCHITECTURE.md,
// "Rollups"). The tallies (counts that add up per day × board × skill) answer the additive
// questions filtered only by dates and boards, while built since the last recorded change
// ("Tallies"). ANALYTICS_PATH=raw|rollup|tally|auto (or setAnalyticsPath / withAnalyticsPath) forces
// a path, for the benchmark's ratios and the tests that compare them.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { ROLLUP_STATE_TTL_MS, rollups, rollupUsable, type RollupState } from '../tables/rollups.ts'
import { tallyUsable } from '../tables/tallies.ts'
import { compileWhere, type CompiledWhere, type Filters } from './filters.ts'

export { rollupUsable }

export const ANALYTICS_PATHS = ['auto', 'raw', 'rollup', 'tally'] as const
export type AnalyticsPathMode = (typeof ANALYTICS_PATHS)[number]

/** One way to answer: where rows come from and how distinct jobs are counted among them. */
export interface CountPath {
  path: 'raw' | 'rollup' | 'tally'
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

// Counts that add up (tally_*: one row per (day, board[, skill]) cell of jobs with all copies in it,
// plus one per cell of each job with copies in several): only day, board and skill are columns.
// Two grains: per board (source = the board), for questions that filter or group by board, and
// over all boards (source = ''), ~boards times fewer rows, for the others.
function tallyPath(grain: 'board' | 'all'): CountPath {
  const where = (w: CompiledWhere) => `${grain === 'all' ? "source = ''" : "source != ''"} AND ${w.sql}`
  return {
    path: 'tally',
    ads: (w) => `FROM tally_ads WHERE ${where(w)}`,
    skills: (w) => `FROM tally_skills WHERE ${where(w)}`,
    count: '(sum(jobs) + uniqExactIf(job, jobs = 0))',
    countIf: (cond) => `(sumIf(jobs, ${cond}) + uniqExactIf(job, jobs = 0 AND (${cond})))`,
  }
}
const TALLY_BY_BOARD = tallyPath('board')
const TALLY_ALL_BOARDS = tallyPath('all')

export interface PathQuestion {
  filters: Filters
  /** False when the question needs per-ad rows (a free-text or per-ad filter). */
  fits?: boolean
  /**
   * True when the query reads no column but posted_day, source and skill and counts only with
   * `count` / `countIf` grouped by those (never `job` itself, never one count over several
   * skills' rows): then the tallies can answer it, if the filters are only dates and boards.
   */
  additive?: boolean
  /** True when the query groups by `source` (reads the per-board grain of the tallies). */
  bySource?: boolean
}

/** Whether the filters are ones the tallies can apply (dates, boards; category picks skills). */
function tallyFits(f: Filters): boolean {
  return [f.country, f.region, f.work_mode, f.seniority, f.industry, f.role_family, f.employment_type].every(
    (values) => values.length === 0,
  )
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

/**
 * The path for one question: raw rows when forced or when the question does not fit the rollups;
 * the tallies for an additive question they can filter, when current (or forced); else the
 * rollups when usable (or forced).
 */
export async function choosePath(ch: ClickHouseClient, q: PathQuestion): Promise<CountPath> {
  const mode = scoped.getStore() ?? globalMode
  if (mode === 'raw' || q.fits === false) return RAW
  const additive = q.additive === true && tallyFits(q.filters)
  const tally = q.bySource || q.filters.source.length ? TALLY_BY_BOARD : TALLY_ALL_BOARDS
  if (mode === 'tally') return additive ? tally : ROLLUP
  if (mode === 'rollup') return ROLLUP
  const state = await cachedRollupState(ch)
  if (additive && tallyUsable(state)) return tally
  return rollupUsable(state) ? ROLLUP : RAW
}

/** The newest day with an ad under the filters (the default end of "now" windows), or null. */
export async function newestDay(ch: ClickHouseClient, f: Filters): Promise<string | null> {
  const p = await choosePath(ch, { filters: f, additive: true })
  const w = compileWhere(f)
  const [row] = await queryRows<{ d: string | null }>(
    ch,
    `SELECT if(count() = 0, NULL, toString(max(posted_day))) AS d ${p.ads(w)}`,
    w.params,
  )
  return row?.d ?? null
}
