// Tables tally_ads, tally_skills, tally_facets (migration 010), tally_pairs (011),
// tally_salaries (012), tally_skill_facets (013), tally_skill_periods (014), tally_salary_facets
// (017) and tally_skill_facet_periods (022): the rollups collapsed to counts that add up, for the
// questions that filter and group only by day, board and skill (or a facet's value, a skill pair, a
// salary), in two grains: per board and over all boards (source ''; the facets, pairs, salaries,
// skill splits and periods have only this; pairs and salaries are filled by tally-pairs.ts and
// tally-salaries.ts). A job whose copies all fall in one cell of a grain adds to that cell's
// `jobs`; per board, a job with copies in several cells keeps a row per cell with its hash
// (counted distinct); over all boards, a row per copy day with the previous one (summed; the
// query layer's `notCountedBefore` says when such a row counts).
// Built from the rollups, not by views: a new copy can turn a job of another month from one cell to
// several, which a view cannot retract. This module owns their build and refresh; the query layer
// (core/src/analytics/query-path.ts) reads them only while their mark covers every change recorded
// in rollup_state. Design: docs/ARCHITECTURE.md, "Tallies".
import type { ClickHouseClient } from '@clickhouse/client'
import { maintenanceTarget } from '../clickhouse/cluster.ts'
import { inlineParams } from '../clickhouse/inline-params.ts'
import { queryRows } from '../clickhouse/query.ts'
import {
  BREAKDOWN_FACETS,
  REGION_PARAMS,
  skillTallyEntriesSql,
  TALLIED_PAIR_NAMES,
  tallyValuesSql,
  type BreakdownFacet,
  type TalliedPair,
} from '../analytics/facet-sql.ts'
import { fillPairs } from './tally-pairs.ts'
import { IN_RANGE, severalCellsSql } from './tally-sql.ts'
import { fillSalaries } from './tally-salaries.ts'
import {
  currentTallyMark,
  ROLLUP_STATE_TTL_MS,
  rollups,
  rollupUsable,
  tallyMarkStatus,
  type RollupState,
} from './rollups.ts'

export const TALLY_TABLES = [
  'tally_ads',
  'tally_skills',
  'tally_facets',
  'tally_pairs',
  'tally_salaries',
  'tally_skill_facets',
  'tally_skill_periods',
  'tally_salary_facets',
  'tally_skill_facet_periods',
] as const
type TallyTable = 'tally_ads' | 'tally_skills'

/**
 * The tallies kept in one partition (migration 027: the small ones, read over long windows, where
 * each part a query reads costs the engine close to a millisecond) and which rows are a year's:
 * a refresh deletes them by mutation. The others are partitioned by that year and drop it.
 */
const YEAR_ROWS: Partial<Record<(typeof TALLY_TABLES)[number], string>> = {
  tally_ads: 'toYear(posted_day)',
  tally_facets: 'toYear(posted_day)',
  tally_skill_periods: 'year',
  tally_skill_facet_periods: 'year',
}

/** More years to refill than this: one full build is cheaper than year-by-year refills. */
const MAX_YEARS_PER_REFRESH = 3
const ALL_DAYS = { from: '1970-01-01', to: '2149-06-06' }

/**
 * The tally rows of days from..to, from the rollup rows, in one grain. "Several cells" and a copy
 * day's previous one are decided over all of a job's copies, whatever their day, so a month's rows
 * are right only with its jobs' other months (tallies.refresh refreshes those too).
 */
function fillSql(table: TallyTable, grain: 'board' | 'all'): string {
  const [from, keys] =
    table === 'tally_ads' ? ['rollup_ads', 'posted_day'] : ['rollup_skills', 'skill, posted_day']
  const cells = grain === 'board' ? 'posted_day, source' : 'posted_day'
  const several = severalCellsSql('rollup_ads', cells)
  const into = `INSERT INTO ${table} (${keys}, source, prev_day, job, jobs)`
  // Jobs in one cell: a count per cell.
  const single = `SELECT ${keys}, ${grain === 'board' ? 'source' : "''"} AS board, toDate(0), toUInt64(0),
      toUInt32(uniqExact(job)) FROM ${from} WHERE ${IN_RANGE} AND job NOT IN several GROUP BY ${keys}, board`
  if (grain === 'board')
    return `${into} WITH ${several} ${single}
      UNION ALL
      SELECT DISTINCT ${keys}, source, toDate(0), job, toUInt32(0) FROM ${from}
      WHERE ${IN_RANGE} AND job IN several`
  // Over all boards, a job in several cells (days): per (skill,) job its sorted distinct days, each
  // with the one before, then the jobs per (day, previous day).
  const group = table === 'tally_ads' ? 'job' : 'skill, job'
  const skill = table === 'tally_ads' ? '' : 'skill, '
  return `${into} WITH ${several} ${single}
    UNION ALL
    SELECT ${skill}day, '', prev, toUInt64(0), toUInt32(count()) FROM (
      SELECT ${group}, arraySort(groupUniqArray(posted_day)) AS days FROM ${from}
      WHERE job IN several GROUP BY ${group})
    ARRAY JOIN days AS day, arrayPushFront(arrayPopBack(days), toDate(0)) AS prev
    WHERE day BETWEEN {from:Date} AND {to:Date}
    GROUP BY ${skill}day, prev`
}

/**
 * tally_skill_periods' rows of one grain from the days from..to, from tally_skills' all-boards rows
 * (filled first): per skill and week or month, the day rows whose previous day is before the
 * period (or none: 1970-01-01), summed per previous day and year of the days (the others never
 * count where the period is read whole). A period starts where the trends' PERIOD_SQL starts it
 * (toMonday gives 1970-01-01 for the days before the Date type's first Monday).
 */
const PERIOD_FILL_SQL = {
  week: periodFillSql('week', 'toMonday'),
  month: periodFillSql('month', 'toStartOfMonth'),
}

/** The same rows per facet value, from tally_skill_facets (migration 022). */
const FACET_PERIOD_FILL_SQL = {
  week: periodFillSql('week', 'toMonday', 'facet'),
  month: periodFillSql('month', 'toStartOfMonth', 'facet'),
}

function periodFillSql(grain: string, start: string, of: 'all' | 'facet' = 'all'): string {
  // The all-boards rows of tally_skills; every row of tally_skill_facets (all boards only).
  const [into, from, keys, rows] =
    of === 'all'
      ? ['tally_skill_periods', 'tally_skills', 'skill', "source = '' AND "]
      : ['tally_skill_facet_periods', 'tally_skill_facets', 'facet, value, skill', '']
  return `INSERT INTO ${into} (grain, ${keys}, posted_day, prev_day, jobs, year)
  SELECT '${grain}', ${keys}, ${start}(posted_day) AS period, prev_day, toUInt32(sum(jobs)), toYear(posted_day) AS y
  FROM ${from} WHERE ${rows}posted_day BETWEEN {from:Date} AND {to:Date}
    AND (prev_day = toDate(0) OR prev_day < period)
  GROUP BY ${keys}, period, prev_day, y`
}

/**
 * tally_facets' rows of days from..to for one facet, over all boards: as the all-boards grain of
 * tally_skills, with the facet's value (from the rollup_ads row) in the skill's place.
 */
function facetFillSql(facet: BreakdownFacet | TalliedPair): string {
  return facetRowsSql('tally_facets', 'rollup_ads', '', `('${facet}', arrayJoin(${tallyValuesSql(facet)}))`)
}

/**
 * tally_skill_facets' rows of days from..to: as tally_facets' per skill (from the rollup_skills
 * rows), for every split facet in one pass over the rows (one year at a time bounds its memory).
 */
function skillFacetFillSql(): string {
  return facetRowsSql(
    'tally_skill_facets',
    'rollup_skills',
    'skill, ',
    `arrayJoin(${skillTallyEntriesSql()})`,
  )
}

/** The facet tallies' fill: `entry` is a (facet, value) tuple per row and value (an arrayJoin). */
function facetRowsSql(table: string, from: string, skill: string, entry: string): string {
  const rows = (where: string) =>
    `SELECT ${skill}posted_day, job, ${entry} AS e, e.1 AS facet, e.2 AS value FROM ${from} WHERE ${where}`
  return `INSERT INTO ${table} (${skill}facet, value, posted_day, prev_day, jobs)
    WITH ${severalCellsSql('rollup_ads', 'posted_day')}
    SELECT ${skill}facet, value, posted_day, toDate(0), toUInt32(uniqExact(job))
    FROM (${rows(`${IN_RANGE} AND job NOT IN several`)}) GROUP BY ${skill}facet, value, posted_day
    UNION ALL
    SELECT ${skill}facet, value, day, prev, toUInt32(count()) FROM (
      SELECT ${skill}facet, value, job, arraySort(groupUniqArray(posted_day)) AS days
      FROM (${rows('job IN several')}) GROUP BY ${skill}facet, value, job)
    ARRAY JOIN days AS day, arrayPushFront(arrayPopBack(days), toDate(0)) AS prev
    WHERE day BETWEEN {from:Date} AND {to:Date}
    GROUP BY ${skill}facet, value, day, prev`
}

/** Reports each statement of a build before it runs, and stops the build between them. */
interface BuildSteps {
  /** Adds steps to the expected total. */
  expect(n: number): void
  /** Next step; throws TallyStopped once the caller's signal is aborted. */
  next(label: string): void
  /** Every step done. */
  finish(): void
}

/** A build stopped between two statements by its caller (a shutdown): redone by a later one. */
export class TallyStopped extends Error {}

async function fill(
  ch: ClickHouseClient,
  range: { from: string; to: string },
  steps: BuildSteps,
): Promise<void> {
  // A full build writes every year's partition in one insert (more than 100 years of days would
  // pass the default limit), except the pairs, salaries and skill splits: one year at a time
  // (years with rows).
  const years = await queryRows<{ y: number }>(
    ch,
    `SELECT DISTINCT toYear(posted_day) AS y FROM rollup_ads WHERE posted_day BETWEEN {from:Date} AND {to:Date} ORDER BY y`,
    range,
  )
  const facets = [...BREAKDOWN_FACETS, ...TALLIED_PAIR_NAMES]
  steps.expect(4 * years.length + 6 + facets.length)
  for (const { y } of years) {
    const year = { from: `${y}-01-01`, to: `${y}-12-31` }
    steps.next(`${y} skill pairs`)
    await fillPairs(ch, year)
    steps.next(`${y} salaries`)
    await fillSalaries(ch, year)
    steps.next(`${y} skill splits`)
    await ch.command({ query: skillFacetFillSql(), query_params: { ...year, ...REGION_PARAMS } })
    // Their weeks and months, from the year's day rows just written.
    steps.next(`${y} skill split periods`)
    for (const grain of ['week', 'month'] as const)
      await ch.command({ query: FACET_PERIOD_FILL_SQL[grain], query_params: year })
  }
  const settings = { max_partitions_per_insert_block: '0' }
  for (const table of ['tally_ads', 'tally_skills'] as const)
    for (const grain of ['board', 'all'] as const) {
      steps.next(`${table} ${grain === 'all' ? 'all boards' : 'per board'}`)
      await ch.command({ query: fillSql(table, grain), query_params: range, clickhouse_settings: settings })
    }
  for (const grain of ['week', 'month'] as const) {
    steps.next(`tally_skills ${grain}s`)
    await ch.command({ query: PERIOD_FILL_SQL[grain], query_params: range, clickhouse_settings: settings })
  }
  // One facet per insert: each holds one facet's (value, day) sets in memory.
  for (const facet of facets) {
    steps.next(`facet ${facet}`)
    await ch.command({
      query: facetFillSql(facet),
      query_params: { ...range, ...REGION_PARAMS },
      clickhouse_settings: settings,
    })
  }
}

/** Build progress: statements done of those expected so far, and the one starting. */
export interface TallyProgress {
  done: number
  total: number
  step: string
}

export interface RefreshOptions {
  /** Wait before moving rows (readers' cached state); default twice the state cache's life. */
  settleMs?: number
  onProgress?: (p: TallyProgress) => void
  /** Aborted: the build stops before its next statement ({ done: 'skipped', reason: 'stopped' }). */
  signal?: AbortSignal
}

function buildSteps(opts: RefreshOptions): BuildSteps {
  let done = -1
  let total = 0
  return {
    expect: (n) => void (total += n),
    next(step) {
      if (opts.signal?.aborted) throw new TallyStopped('tally build stopped')
      done++
      opts.onProgress?.({ done, total, step })
    },
    finish: () => opts.onProgress?.({ done: total, total, step: 'marked current' }),
  }
}

/** Whether the tallies may answer: built from the rollups as they are now, nothing changed since. */
export function tallyUsable(s: RollupState): boolean {
  return builtFromCurrent(s) && s.tally!.at >= s.changedAt
}

/** Marked as built from the rollups' current version, with no full build left unfinished. */
function builtFromCurrent(s: RollupState): boolean {
  return rollupUsable(s) && currentTallyMark(s) !== null
}

export type TallyRefresh =
  | { done: 'current' }
  | { done: 'skipped'; reason: string }
  | { done: 'full' }
  | { done: 'months'; months: string[] }

/** Clients with a refresh under way in this process: two at once would fill rows twice. */
const running = new WeakSet<ClickHouseClient>()

const mark = (ch: ClickHouseClient, name: string, status: string, at: number) =>
  rollups.record(ch, [{ name, status, at }])

export const tallies = {
  /**
   * Brings the tallies up to the changes recorded in rollup_state since their mark: the years of
   * the months of settled writes (and of every month sharing a job with them) are refilled; any
   * other change (a rebuild, a repair, a version) rebuilds all. Waits `settleMs` first so
   * readers, which cache the state, have seen the change and left the tallies before their rows
   * move. One at a time per client (the scheduler's rounds may overlap on a long build).
   */
  async refresh(ch: ClickHouseClient, opts: RefreshOptions = {}): Promise<TallyRefresh> {
    if (running.has(ch)) return { done: 'skipped', reason: 'a refresh is under way' }
    running.add(ch)
    try {
      return await refreshOnce(ch, opts.settleMs ?? 2 * ROLLUP_STATE_TTL_MS, buildSteps(opts))
    } catch (err) {
      if (err instanceof TallyStopped) return { done: 'skipped', reason: 'stopped' }
      throw err
    } finally {
      running.delete(ch)
    }
  },

  /** The given months (YYYY-MM) and every month holding a copy of a job that one of them holds. */
  async monthsSharingJobs(ch: ClickHouseClient, months: readonly string[]): Promise<string[]> {
    const asked = [...new Set(months)].filter((m) => /^\d{4}-\d{2}$/.test(m))
    if (!asked.length) return []
    const rows = await queryRows<{ m: string }>(
      ch,
      `SELECT DISTINCT substring(toString(posted_day), 1, 7) AS m FROM rollup_ads
       WHERE job IN (SELECT job FROM rollup_ads WHERE toStartOfMonth(posted_day) IN {months:Array(Date)})`,
      { months: asked.map((m) => `${m}-01`) },
    )
    return [...new Set([...asked, ...rows.map((r) => r.m)])].sort()
  },
}

async function refreshOnce(ch: ClickHouseClient, settleMs: number, steps: BuildSteps): Promise<TallyRefresh> {
  const s = await rollups.state(ch)
  if (!rollupUsable(s))
    return {
      done: 'skipped',
      reason: 'the rollups are not usable (building, several versions or stale months)',
    }
  const version = s.versions[0] ?? 0
  if (tallyUsable(s)) return { done: 'current' }
  const [open] = await queryRows<{ n: string | number }>(
    ch,
    `SELECT count() AS n FROM rollup_state FINAL WHERE startsWith(name, 'write:') AND status = 'writing'`,
  )
  if (Number(open?.n ?? 0) > 0) return { done: 'skipped', reason: 'a write is under way' }
  const valid = builtFromCurrent(s)
  const changes = await queryRows<{ name: string; at: string | number }>(
    ch,
    `SELECT name, toUnixTimestamp64Milli(updated_at) AS at FROM rollup_state FINAL
     WHERE NOT startsWith(name, 'tally') AND updated_at > fromUnixTimestamp64Milli({since:Int64})`,
    { since: valid ? s.tally!.at : 0 },
  )
  const at = Math.max(s.changedAt, ...changes.map((c) => Number(c.at)))
  const written = changes.every((c) => c.name.startsWith('write:'))
  let months: string[] = []
  if (valid && written) {
    months = await tallies.monthsSharingJobs(
      ch,
      changes.flatMap((c) => c.name.split(':')[2]?.split(',') ?? []),
    )
  }
  const full = !valid || !written || new Set(months.map((m) => m.slice(0, 4))).size > MAX_YEARS_PER_REFRESH
  await new Promise((r) => setTimeout(r, settleMs))
  const openedAt = Date.now()
  if (full) {
    // Marked open first: a build cut short (a crash) is redone whole, never patched by months.
    await mark(ch, 'tally:full', 'building', openedAt)
    for (const table of TALLY_TABLES)
      await ch.command({ query: `TRUNCATE TABLE ${await maintenanceTarget(ch, table)}` })
    await fill(ch, ALL_DAYS, steps)
  } else {
    // Each year holding a month to refresh is refilled whole: its rows removed (its partition, or
    // by mutation where the table has one partition), then written again.
    for (const year of [...new Set(months.map((m) => m.slice(0, 4)))]) {
      for (const table of TALLY_TABLES) {
        const target = await maintenanceTarget(ch, table)
        const yearRows = YEAR_ROWS[table]
        await ch.command({
          query: inlineParams(
            yearRows
              ? `ALTER TABLE ${target} DELETE WHERE ${yearRows} = {y:UInt16}`
              : `ALTER TABLE ${target} DROP PARTITION {y:UInt16}`,
            { y: Number(year) },
          ),
          ...(yearRows && { clickhouse_settings: { mutations_sync: '2' } }),
        })
      }
      await fill(ch, { from: `${year}-01-01`, to: `${year}-12-31` }, steps)
    }
  }
  await mark(ch, 'tally', tallyMarkStatus(version), at)
  if (full) await mark(ch, 'tally:full', 'done', Math.max(Date.now(), openedAt + 1))
  steps.finish()
  return full ? { done: 'full' } : { done: 'months', months }
}
