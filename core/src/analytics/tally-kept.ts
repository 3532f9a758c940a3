// Answers that the tallies alone decide, kept while the tallies' build mark stands: the newest day
// with an ad (the end of "now" windows), ad search's estimate of the day from which a page of ads
// is on record, and every skill's popularity (co-occurrence's guess of its first pass). Each is
// one small query at the start of a request, before anything else could run; the tallies change
// only when rebuilt or refreshed, which sets a new mark.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { tallyUsable } from '../tables/tallies.ts'
import { compileWhere, NO_FILTERS, type Filters } from './filters.ts'
import { analyticsPathMode, cachedRollupState, choosePath, overFilters } from './query-path.ts'

/**
 * The newest day with an ad under the filters (the default end of "now" windows), or null. From
 * the tallies, kept while their build mark stands (`byTallyMark`): the skill page and rankings
 * without an end date ask it before anything else, one query (~7 ms at 1M ads) on their path.
 */
export async function newestDay(ch: ClickHouseClient, f: Filters): Promise<string | null> {
  const p = await choosePath(ch, { filters: f, additive: true, facetTallies: true })
  const w = compileWhere(f)
  const sql = `SELECT if(count() = 0, NULL, toString(max(posted_day))) AS d ${p.ads(w)}`
  const day = (rows: { d: string | null }[]) => rows[0]?.d ?? null
  return p.path === 'tally' ? keptRows(ch, sql, w.params, day) : day(await queryRows(ch, sql, w.params))
}

/** The rows of a query on the tallies, shaped, and kept under the tallies' mark (`byTallyMark`). */
function keptRows<R, T>(
  ch: ClickHouseClient,
  sql: string,
  params: Record<string, unknown>,
  shape: (rows: R[]) => T,
): Promise<T> {
  return byTallyMark(ch, `${sql} ${JSON.stringify(params)}`, async () =>
    shape(await queryRows<R>(ch, sql, params)),
  )
}

/** Per client: the tallies' build mark and answers read from the tallies under it. */
const underMark = new WeakMap<ClickHouseClient, { mark: string; answers: Map<string, Promise<unknown>> }>()
const ANSWERS_PER_MARK = 256

/**
 * `read()`, kept under `key` while the tallies' build mark (their version and the newest change
 * they include) stays the one the rollup state names. The tallies answer only while built since
 * the last recorded change (`tallyUsable`), and a rebuild or refresh sets a new mark, so an answer
 * read from them stands until then; the state itself is the one `choosePath` went by (at most
 * ROLLUP_STATE_TTL_MS old). Not kept when the path is forced (no state read) or the state says
 * the tallies are not current.
 */
async function byTallyMark<T>(ch: ClickHouseClient, key: string, read: () => Promise<T>): Promise<T> {
  if (analyticsPathMode() !== 'auto') return read()
  const state = await cachedRollupState(ch)
  if (!tallyUsable(state)) return read()
  const mark = `${state.tally!.version} ${state.tally!.at}`
  let held = underMark.get(ch)
  if (held?.mark !== mark) underMark.set(ch, (held = { mark, answers: new Map() }))
  const had = held.answers.get(key) as Promise<T> | undefined
  if (had) return had
  const answer = read()
  if (held.answers.size >= ANSWERS_PER_MARK) held.answers.delete(held.answers.keys().next().value!)
  held.answers.set(key, answer)
  // A failed read is not kept: the next caller reads again.
  const answers = held.answers
  answer.catch(() => answers.get(key) === answer && answers.delete(key))
  return answer
}

/**
 * Every skill's jobs over all dates and boards, and all jobs (under ''), from the tallies and kept
 * per build mark; null when the tallies are not current. A guess of which skills are common
 * anywhere: co-occurrence under a filter picks the skills of its first pass from it while the
 * filter's own counts are read.
 */
export async function skillPopularity(ch: ClickHouseClient): Promise<ReadonlyMap<string, number> | null> {
  const p = await choosePath(ch, { filters: NO_FILTERS, additive: true })
  if (p.path !== 'tally') return null
  const w = compileWhere(NO_FILTERS)
  const over = overFilters(NO_FILTERS)
  const sql = `SELECT toString(skill) AS skill, ${p.count(over)} AS n ${p.skills(w)} GROUP BY skill
     UNION ALL SELECT '' AS skill, ${p.count(over)} AS n ${p.ads(w)}`
  return keptRows(
    ch,
    sql,
    w.params,
    (rows: { skill: string; n: string }[]) => new Map(rows.map((r) => [r.skill, Number(r.n)])),
  )
}

/** What `newestAndHolding` answers: the newest day (capped) and the estimate from it. */
export interface NewestAndHolding {
  /** The newest day with an ad (over all boards, as `newestDay(NO_FILTERS)`), at most `cap`; null: no ads. */
  top: string | null
  /**
   * The latest day D within `days` days up to `top` from which there are `need` jobs to `top`;
   * null when the tallies cannot say (not current, filters they cannot apply) or hold fewer.
   */
  holding: string | null
}

/** The newest day with an ad (over all boards), at most `cap`; null when nothing is stored. */
export async function newestDayUpTo(ch: ClickHouseClient, cap: string): Promise<string | null> {
  const newest = await newestDay(ch, NO_FILTERS)
  return newest && newest > cap ? cap : newest
}

/**
 * The newest day with an ad (at most `cap`) and, from the tallies in the same query, the latest
 * day D within `days` days up to it from which the skill (or, without one, any ad) has at least
 * `need` jobs up to it under the filters. An estimate for "newest first" searches: a job on
 * several days counts on each, so D may be too late, never too early. Callers search back from D
 * and widen when it holds too few; any lower bound keeps their answer exact. Where the tallies
 * cannot say, the newest day alone.
 */
export async function newestAndHolding(
  ch: ClickHouseClient,
  q: { filters: Filters; skill?: string; cap: string; days: number; need: number },
): Promise<NewestAndHolding> {
  const filters = { ...q.filters, from: null, to: null }
  // Under one facet value (or a pair) the facet tallies estimate it as well.
  const p = await choosePath(ch, { filters, additive: true, facetTallies: true })
  if (p.path !== 'tally') return { top: await newestDayUpTo(ch, q.cap), holding: null }
  const w = compileWhere(filters)
  const inDays = `${w.sql} AND posted_day BETWEEN newest - {hold_days:UInt16} AND newest`
  const from = q.skill
    ? p.skills({ sql: `${inDays} AND skill = {hold_skill:String}`, params: w.params })
    : p.ads({ sql: inDays, params: w.params })
  // Per day, every copy day counts (a period of one day holds no earlier copy day).
  const perDay = p.count({ from: 'toDate(0)', to: 'newest', period: 'posted_day' })
  const sql = `WITH (SELECT if(count() = 0, NULL, least(max(posted_day), {hold_cap:Date})) FROM tally_ads WHERE source = '') AS newest
     SELECT toString(newest) AS top, (
       SELECT if(count() = 0, NULL, toString(max(posted_day))) FROM (
         SELECT posted_day, sum(n) OVER (ORDER BY posted_day DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS c
         FROM (SELECT posted_day, ${perDay} AS n ${from} GROUP BY posted_day))
       WHERE c >= {hold_need:UInt32}) AS holding`
  const params = {
    ...w.params,
    hold_skill: q.skill ?? '',
    hold_need: q.need,
    hold_cap: q.cap,
    hold_days: q.days,
  }
  // The tallies' answer alone: kept under their build mark (ad search asks it before every page).
  return keptRows(ch, sql, params, ([row]: { top: string | null; holding: string | null }[]) => ({
    top: row?.top ?? null,
    holding: row?.holding ?? null,
  }))
}
