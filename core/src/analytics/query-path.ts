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
import { ROLLUP_STATE_TTL_MS, rollups, rollupUsable, type RollupState } from '../tables/rollups.ts'
import { tallyUsable } from '../tables/tallies.ts'
import { MAX_DATE, periodAndDayRowsSql, periodEnd, wholePeriods } from '../tables/tally-window.ts'
import { BREAKDOWN_FACETS, FACET_SQL, type BreakdownFacet } from './facet-sql.ts'
import type { CompiledWhere, Filters } from './filters.ts'
import { facetBreakdownRows, facetTallyPath, tallyFacetFilter } from './facet-path.ts'
import { PERIOD_SQL } from './trends.ts'

export { rollupUsable }

export const ANALYTICS_PATHS = ['auto', 'raw', 'rollup', 'tally'] as const
export type AnalyticsPathMode = (typeof ANALYTICS_PATHS)[number]

/**
 * What an additive count spans, for the all-boards tallies: the date window its rows are cut to
 * (SQL date expressions) and the period it groups by (an expression over posted_day; none when
 * the count spans the whole window). The other paths count distinct jobs and need neither.
 */
export interface Over {
  from: string
  to: string
  period?: string
}

/** The window of a count over rows cut by the filters' dates (`compileWhere`), per `period`. */
export function overFilters(f: Filters, period?: string): Over {
  return {
    from: f.from ? '{f_from:Date}' : "toDate('1970-01-01')",
    to: f.to ? '{f_to:Date}' : "toDate('2149-06-06')",
    ...(period && { period }),
  }
}

/** One way to answer: where rows come from and how distinct jobs are counted among them. */
export interface CountPath {
  path: 'raw' | 'rollup' | 'tally'
  /** FROM … WHERE … over ads (one row per ad copy). */
  ads(w: CompiledWhere): string
  /** FROM … WHERE … over ad copy × named skill rows; `skill` is a column. */
  skills(w: CompiledWhere): string
  /**
   * `skills(w)` with the whole periods tp_from..tp_to of grain tp_grain (first days; tp_end: the
   * last one's last day) read from period rows, and the days around them from day rows unless
   * `days` is false (the window holds only whole periods). The all-boards and the facet tallies
   * have them (periodAndDayRowsSql), used through `skillsOver`.
   */
  skillsByPeriod?(w: CompiledWhere, days: boolean): string
  /** Rows with a facet's value (an ad copy's, or the facet tallies'), and the value's SQL. */
  facets(facet: BreakdownFacet, w: CompiledWhere): { from: string; value: string }
  /** Distinct jobs among the rows (and among those where `cond` holds). */
  count(over?: Over): string
  countIf(cond: string, over?: Over): string
}

// Both have the same column names (posted_day, source, the facets, industries), so the filters
// compile once (compileWhere) for either.
const RAW: CountPath = {
  path: 'raw',
  ads: (w) => `FROM ads FINAL WHERE ${w.sql}`,
  skills: (w) => `FROM ads FINAL ARRAY JOIN named_skills AS skill WHERE ${w.sql}`,
  facets: (facet, w) => ({ from: `FROM ads FINAL WHERE ${w.sql}`, value: FACET_SQL[facet] }),
  count: () => 'uniqExact(dedupe_key)',
  countIf: (cond) => `uniqExactIf(dedupe_key, ${cond})`,
}

const ROLLUP: CountPath = {
  path: 'rollup',
  ads: (w) => `FROM rollup_ads WHERE ${w.sql}`,
  skills: (w) => `FROM rollup_skills WHERE ${w.sql}`,
  facets: (facet, w) => ({ from: `FROM rollup_ads WHERE ${w.sql}`, value: FACET_SQL[facet] }),
  count: () => 'uniqExact(job)',
  countIf: (cond) => `uniqExactIf(job, ${cond})`,
}

// The tallies (core/src/tables/tallies.ts), only day, board and skill as columns, in two grains.
// Per board (source = the board), for questions that filter or group by board: a row per cell of
// the jobs with all copies in it (`jobs`), and per cell of each job with copies in several (its
// hash, jobs = 0), counted distinct.
const TALLY_BY_BOARD: CountPath = {
  path: 'tally',
  ads: (w) => `FROM tally_ads WHERE source != '' AND ${w.sql}`,
  skills: (w) => `FROM tally_skills WHERE source != '' AND ${w.sql}`,
  facets: () => {
    throw new Error('facet values are tallied over all boards only')
  },
  count: () => '(sum(jobs) + uniqExactIf(job, jobs = 0))',
  countIf: (cond) => `(sumIf(jobs, ${cond}) + uniqExactIf(job, jobs = 0 AND (${cond})))`,
}

// Over all boards (source = ''): each job's copies on distinct days d1 < d2 < … are rows (day,
// prev_day) with prev_day the job's previous day (1970-01-01 for the first), summed per cell. A
// copy day counts unless the previous one is in the window and the same period: windows and
// periods are intervals, so that previous day is in them whenever any earlier copy day is.
// Nothing is counted distinct: the sum is exact and its rows stop growing with the ads.
function notCountedBefore(over: Over | undefined): string {
  if (!over) throw new Error('an additive count on the all-boards tallies needs its window (Over)')
  const samePeriod = over.period
    ? ` AND ${over.period.replaceAll('posted_day', 'prev_day')} = ${over.period}`
    : ''
  return `NOT (prev_day > toDate(0) AND prev_day >= ${over.from} AND prev_day <= ${over.to}${samePeriod})`
}
const TALLY_ALL_BOARDS: CountPath = {
  path: 'tally',
  ads: (w) => `FROM tally_ads WHERE source = '' AND ${w.sql}`,
  skills: (w) => `FROM tally_skills WHERE source = '' AND ${w.sql}`,
  // Period rows (tally_skill_periods) for the whole periods, the day rows around them.
  skillsByPeriod: (w, days) =>
    periodAndDayRowsSql(
      { table: 'tally_skill_periods', where: w.sql },
      { table: 'tally_skills', where: `source = '' AND ${w.sql}` },
      days,
    ),
  // The facet's name is one of the enum's (checked), so it is written as a literal.
  facets: (facet, w) => {
    if (!BREAKDOWN_FACETS.includes(facet)) throw new Error(`unknown facet '${String(facet).slice(0, 20)}'`)
    return { from: `FROM tally_facets WHERE facet = '${facet}' AND ${w.sql}`, value: 'value' }
  },
  count: (over) => `sumIf(jobs, ${notCountedBefore(over)})`,
  countIf: (cond, over) => `sumIf(jobs, (${cond}) AND ${notCountedBefore(over)})`,
}

/**
 * `p.skills(w)` for a count over the filters' window (`w` = compileWhere(f), `over` =
 * overFilters(f, period?)), with its whole periods from the period rows when the path has them:
 * weeks for a count by week, months for one by month, quarter, year or over the whole window. A
 * period's day rows left out of its rows have their previous copy day in the same period, so in
 * the window and the count's period, and never count. Its params go with the query's.
 */
export function skillsOver(
  p: CountPath,
  w: CompiledWhere,
  f: Filters,
  over?: Over,
): { from: string; params: Record<string, string> } {
  const grain =
    over?.period === PERIOD_SQL.week
      ? 'week'
      : [undefined, PERIOD_SQL.month, PERIOD_SQL.quarter, PERIOD_SQL.year].includes(over?.period)
        ? 'month'
        : null
  const from = f.from ?? '1970-01-01'
  // Without an end, the window runs to the last Date: the period holding it is whole.
  const span = grain && wholePeriods(grain, from, f.to ?? periodEnd(grain, MAX_DATE))
  if (!p.skillsByPeriod || !grain || !span) return { from: p.skills(w), params: {} }
  const days = span.first > from || (f.to !== null && span.end < f.to)
  return {
    from: p.skillsByPeriod(w, days),
    params: {
      tp_grain: grain,
      tp_from: span.first,
      tp_to: span.last,
      tp_end: span.end < MAX_DATE ? span.end : MAX_DATE,
    },
  }
}

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
  /**
   * With `additive`: true when the query reads only `ads`, `skills` and the counts (no other
   * tally; `facets` only with `breakdown`): then a filter on one value of one split facet, or of
   * each facet of a tallied pair, is answered from the facet tallies (facet-path.ts).
   */
  facetTallies?: boolean
  /**
   * With `facetTallies`: the facet a breakdown groups by (read through `facets`); the facet
   * tallies answer only when they hold it with the filter's facet (facetBreakdownRows).
   */
  breakdown?: BreakdownFacet
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

interface HeldState {
  /** When the read started (the state is at least this recent). */
  at: number
  state: Promise<RollupState>
  /** A read started ahead of expiry is under way. */
  refreshing?: boolean
}
const stateCache = new WeakMap<ClickHouseClient, HeldState>()

/**
 * The rollups' state per client, never from a read started more than ROLLUP_STATE_TTL_MS ago (the
 * rebuilds' settle time counts on that). Past half that age a read starts in the background while
 * the held state still answers, so under steady traffic no request waits for it: the read is
 * ~20 ms of metadata queries on chDB, once a second, which made up most of a cheap request's p95.
 */
export function cachedRollupState(
  ch: ClickHouseClient,
  clock: () => number = Date.now,
): Promise<RollupState> {
  const now = clock()
  const had = stateCache.get(ch)
  if (had && now - had.at < ROLLUP_STATE_TTL_MS) {
    if (now - had.at >= ROLLUP_STATE_TTL_MS / 2 && !had.refreshing) {
      had.refreshing = true
      const state = rollups.state(ch)
      state.then(
        () => {
          if (stateCache.get(ch) === had) stateCache.set(ch, { at: now, state })
        },
        () => {
          had.refreshing = false
        },
      )
    }
    return had.state
  }
  const state = rollups.state(ch)
  const held: HeldState = { at: now, state }
  stateCache.set(ch, held)
  state.catch(() => stateCache.get(ch) === held && stateCache.delete(ch))
  return state
}

/**
 * The path for one question: raw rows when forced or when the question does not fit the rollups;
 * the tallies for an additive question they can filter, when current (or forced); else the
 * rollups when usable (or forced).
 */
export async function choosePath(ch: ClickHouseClient, q: PathQuestion): Promise<CountPath> {
  const mode = analyticsPathMode()
  if (mode === 'raw' || q.fits === false) return RAW
  const additive = q.additive === true && tallyFits(q.filters)
  const filtered = q.additive && q.facetTallies && !q.bySource ? tallyFacetFilter(q.filters) : null
  const facet = filtered && (!q.breakdown || facetBreakdownRows(filtered, q.breakdown)) ? filtered : null
  const tally = additive
    ? q.bySource || q.filters.source.length
      ? TALLY_BY_BOARD
      : TALLY_ALL_BOARDS
    : facet && facetTallyPath(facet, TALLY_ALL_BOARDS)
  if (mode === 'tally') return tally || ROLLUP
  if (mode === 'rollup') return ROLLUP
  const state = await cachedRollupState(ch)
  if (tally && tallyUsable(state)) return tally
  return rollupUsable(state) ? ROLLUP : RAW
}

/** The path mode in force here: the scoped one (withAnalyticsPath), else the process's. */
export function analyticsPathMode(): AnalyticsPathMode {
  return scoped.getStore() ?? globalMode
}
