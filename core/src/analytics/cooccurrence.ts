// Skills seen together: for the ads that mention every skill asked (the anchor set), each other
// skill's count, share of the anchor ads and lift = P(other | anchor) / P(other). Distinct ads
// (dedupe_key) at their current extraction, named skills only (`named_skills`: inferred parents
// such as Django → Python left out, as in every other chart), from the skill-pair tallies (one
// anchor, no filter but dates), the rollups or the raw rows (query-path.ts); all give the same
// numbers (rollup-paths.int.test.ts). Under a filter the facet tallies hold, one anchor's counts
// come from them and the rollups count only the jobs seen together, for the skills that can rank.
import type { ClickHouseClient } from '@clickhouse/client'
import type { CooccurrenceBody, CooccurringSkill } from '../contracts/api/cooccurrence.ts'
import { queryRows } from '../clickhouse/query.ts'
import { getSkill } from '../taxonomy/index.ts'
import { CATEGORY_LABELS } from '../taxonomy/categories.ts'
import type { SkillCategory } from '../taxonomy/types.ts'
import { compileWhere, skillsInCategories, type CompiledWhere, type Filters } from './filters.ts'
import { PAIRS_COUNT_SQL } from '../tables/tally-pairs.ts'
import { tallyWindow, tallyWindowParams } from '../tables/tally-window.ts'
import { choosePath, overFilters, skillsOver, type CountPath } from './query-path.ts'
import { skillPopularity } from './tally-kept.ts'
import { round } from './stats.ts'

export interface CooccurrenceQuery {
  filters: Filters
  skills: string[]
  limit: number
  /**
   * Counts the caller already has under the same filters (the skill profile's rankings): distinct
   * ads in total, with every anchor skill, and per skill. On the rollups the query then only counts
   * the ads seen together; the raw path counts everything in its one pass anyway.
   */
  known?: KnownCounts
}

export interface KnownCounts {
  total: number
  anchorAds: number
  skillAds: ReadonlyMap<string, number>
}

export type Cooccurrence = CooccurrenceBody
export type { CooccurringSkill }

interface Counted {
  total: number
  anchorAds: number
  rows: { skill: string; together: number; all: number }[]
}

export async function queryCooccurrence(ch: ClickHouseClient, q: CooccurrenceQuery): Promise<Cooccurrence> {
  const w = compileWhere(q.filters)
  const params = { ...w.params, anchor: q.skills, keep: skillsInCategories(q.filters.category) }
  // One anchor over all boards: the pairs are tallied with the other all-boards tallies.
  const tally =
    q.skills.length === 1 && q.filters.source.length === 0
      ? await choosePath(ch, { filters: q.filters, additive: true })
      : null
  const p = tally?.path === 'tally' ? tally : await choosePath(ch, { filters: q.filters })
  const c =
    p.path === 'tally'
      ? await countPairs(ch, p, q, w, params)
      : p.path === 'raw'
        ? await countRaw(ch, w, params)
        : await countRollup(
            ch,
            p,
            w,
            params,
            q.known ?? (await facetTallyCounts(ch, q, w, params))?.counts,
            q.limit,
          )
  const { total, anchorAds } = c
  const rows = c.rows
    .map((r): CooccurringSkill => {
      const s = getSkill(r.skill)
      const share = anchorAds ? r.together / anchorAds : 0
      return {
        skill: r.skill,
        name: s?.name ?? r.skill,
        category: s?.category ?? '',
        categoryLabel: s ? CATEGORY_LABELS[s.category as SkillCategory] : '',
        ads: r.together,
        share: round(share),
        skillAds: r.all,
        lift: r.all && total ? round(share / (r.all / total), 4) : 0,
      }
    })
    .sort((a, b) => b.ads - a.ads || b.lift - a.lift || a.skill.localeCompare(b.skill))
    .slice(0, q.limit)
  return { skills: q.skills, total, anchorAds, rows }
}

/**
 * Raw rows carry each ad copy's skills: one pass groups the copies of each ad (the union of their
 * named skills), tests anchor membership per ad and unnests. Each ad also counts under '' (no
 * skill has an empty id), which gives the totals of the same scan.
 */
async function countRaw(
  ch: ClickHouseClient,
  w: CompiledWhere,
  params: Record<string, unknown>,
): Promise<Counted> {
  const perAd = `SELECT dedupe_key, groupUniqArrayArray(named_skills) AS skills FROM ads FINAL WHERE ${w.sql} GROUP BY dedupe_key`
  const counted = await queryRows<{ skill: string; together: string; all: string }>(
    ch,
    `SELECT skill, countIf(is_anchor) AS together, count() AS all
     FROM (SELECT arrayJoin(arrayPushFront(skills, '')) AS skill, hasAll(skills, {anchor:Array(String)}) AS is_anchor
           FROM (${perAd}))
     WHERE skill = '' OR (skill IN {keep:Array(String)} AND skill NOT IN {anchor:Array(String)})
     GROUP BY skill HAVING together > 0 OR skill = ''`,
    params,
  )
  const totals = counted.find((r) => r.skill === '')
  return {
    total: Number(totals?.all ?? 0),
    anchorAds: Number(totals?.together ?? 0),
    rows: counted
      .filter((r) => r.skill !== '')
      .map((r) => ({ skill: r.skill, together: Number(r.together), all: Number(r.all) })),
  }
}

/**
 * The rollups hold one row per ad copy × named skill, sorted by skill: the anchor jobs are those
 * with rows for every anchor skill under the filters (a job's copies together, as the union on raw
 * rows), read from the anchor skills' key ranges only; then per other skill its distinct jobs and
 * those among the anchor jobs, and the distinct jobs under the filters for the lift.
 */
async function countRollup(
  ch: ClickHouseClient,
  p: CountPath,
  w: CompiledWhere,
  params: Record<string, unknown>,
  known: KnownCounts | Promise<KnownCounts> | undefined,
  limit: number,
): Promise<Counted> {
  const anchorCount = (params.anchor as string[]).length
  const anchorRows = p.skills({ sql: `${w.sql} AND skill IN {anchor:Array(String)}`, params })
  // One anchor skill: its rows are the set (IN keeps distinct values). More: jobs with all of them.
  const anchorJobs =
    anchorCount === 1
      ? `SELECT job ${anchorRows}`
      : `SELECT job ${anchorRows} GROUP BY job HAVING uniqExact(skill) = {anchor_count:UInt32}`
  const all = { ...params, anchor_count: anchorCount }
  const others = `${w.sql} AND skill IN {keep:Array(String)} AND skill NOT IN {anchor:Array(String)}`
  if (known) return countTogetherTopK(ch, p, w, anchorJobs, all, limit, known)
  const perSkill = queryRows<{ skill: string; together: string; all: string }>(
    ch,
    `WITH anchor_jobs AS (${anchorJobs})
     SELECT skill, ${p.countIf('job IN anchor_jobs')} AS together, ${p.count()} AS all ${p.skills({ sql: others, params })}
     GROUP BY skill HAVING together > 0`,
    all,
  )
  const totals = queryRows<{ total: string; anchor: string }>(
    ch,
    `SELECT (SELECT ${p.count()} ${p.ads(w)}) AS total, (SELECT uniqExact(job) FROM (${anchorJobs})) AS anchor`,
    all,
  )
  const [rows, [t]] = await Promise.all([perSkill, totals])
  return {
    total: Number(t?.total ?? 0),
    anchorAds: Number(t?.anchor ?? 0),
    rows: rows.map((r) => ({ skill: r.skill, together: Number(r.together), all: Number(r.all) })),
  }
}

/**
 * With the counts known (or being read: then the first pass is chosen from the skills common over
 * all dates and boards, `skillPopularity`, and runs meanwhile; co-occurrence under US + remote at
 * 1M spent a third of its time waiting for the facet tallies' counts before counting anything
 * together), only the jobs seen together, and only for the skills that can rank: the answer is the
 * `limit` skills seen most often with the anchor, and a skill is seen together at
 * most as often as it is seen at all. The first pass counts the skills with the most ads: at least
 * twice `limit`, and every skill with half the count expected of the `limit`-th of them if skills
 * were independent of the anchor (anchor's ads × its ads / all ads). The `limit`-th largest count
 * found (T) then bounds the rest: only the skills left out with at least T ads are counted next (T
 * itself included: ties are ordered by lift). A skill left out has fewer ads than T, so fewer
 * together, and ranks below every skill counted. Each pass reads the anchor's jobs again, so the
 * first is sized to make the second rare: a common anchor's T is high (one pass over ~2×limit
 * skills), a rare one's is low and prunes little (one pass over nearly every skill). The anchor's
 * jobs are a filter rather than a condition tested on every row's job, and not matched against
 * the primary key, where `job` comes last and prunes nothing (use_index_for_in_with_subqueries).
 * Under US + remote at 10M ads the one query over every skill took 563 ms, a first pass of
 * `limit` skills ~290. At 1M (in-process medians, against a first pass of `limit` skills), under
 * US + remote: python 117–130 → 96 ms, java 123–139 → 101, rust 118–125 → 97; under 2025 +
 * senior: python 80–89 → 70, kafka 89–92 → 71.
 */
async function countTogetherTopK(
  ch: ClickHouseClient,
  p: CountPath,
  w: CompiledWhere,
  anchorJobs: string,
  params: Record<string, unknown>,
  limit: number,
  known: KnownCounts | Promise<KnownCounts>,
): Promise<Counted> {
  const anchor = params.anchor as string[]
  // The other kept skills with ads in `counts`, most first.
  const candidates = (counts: ReadonlyMap<string, number>) =>
    (params.keep as string[])
      .filter((s) => !anchor.includes(s) && (counts.get(s) ?? 0) > 0)
      .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b))
  const together = (skills: string[]) =>
    skills.length === 0
      ? Promise.resolve([])
      : queryRows<{ skill: string; together: string }>(
          ch,
          `WITH anchor_jobs AS (${anchorJobs})
           SELECT skill, ${p.count()} AS together ${p.skills({ sql: `${w.sql} AND skill IN {counted:Array(String)} AND job IN anchor_jobs`, params })}
           GROUP BY skill SETTINGS use_index_for_in_with_subqueries = 0`,
          { ...params, counted: skills },
        )
  // The first pass from the counts under the filters, or, while they are read, from the skills'
  // popularity over all dates and boards (only a matter of speed, as the pass's size).
  const guess = known instanceof Promise ? await skillPopularity(ch) : null
  const sizing: KnownCounts = guess
    ? {
        total: guess.get('') ?? 0,
        anchorAds: Math.min(...anchor.map((s) => guess.get(s) ?? 0)),
        skillAds: guess,
      }
    : await known
  const ranked = candidates(sizing.skillAds)
  const size = firstPassSize(
    ranked.map((s) => sizing.skillAds.get(s) ?? 0),
    limit,
    sizing,
  )
  const firstSkills = ranked.slice(0, size)
  const [k, first] = await Promise.all([known, together(firstSkills)])
  const counts = first.map((r) => Number(r.together)).sort((a, b) => b - a)
  // Fewer than `limit` seen together among the first: any other skill seen once may rank.
  const bound = counts.length >= limit ? counts[limit - 1]! : 1
  const counted = new Set(firstSkills)
  const rest = await together(
    candidates(k.skillAds).filter((s) => !counted.has(s) && (k.skillAds.get(s) ?? 0) >= bound),
  )
  return withCounts(k, [...first, ...rest])
}

/**
 * How many of the candidates (their ads, most first) the first pass counts: at least twice
 * `limit`, and every one with at least half the together count expected of the `limit`-th if
 * skills were independent of the anchor. Only a matter of speed: the second pass keeps the answer
 * exact whatever this returns.
 */
function firstPassSize(adsMostFirst: readonly number[], limit: number, k: KnownCounts): number {
  const expected = (k.anchorAds * (adsMostFirst[limit - 1] ?? 0)) / Math.max(1, k.total)
  let size = Math.min(adsMostFirst.length, 2 * limit)
  while (size < adsMostFirst.length && adsMostFirst[size]! >= expected / 2) size++
  return size
}

/**
 * From the tallies (all boards): per other skill the anchor's pairs in the window (tally_pairs),
 * and, unless known, the window's jobs and each skill's (tally_ads, tally_skills).
 */
async function countPairs(
  ch: ClickHouseClient,
  p: CountPath,
  q: CooccurrenceQuery,
  w: CompiledWhere,
  params: Record<string, unknown>,
): Promise<Counted> {
  const anchor = q.skills[0]!
  const window = tallyWindow(q.filters.from ?? '1970-01-01', q.filters.to ?? '2149-06-06')
  const together = queryRows<{ other: string; together: string }>(ch, PAIRS_COUNT_SQL, {
    ...params,
    anchor_skill: anchor,
    ...tallyWindowParams(window),
  })
  const [rows, k] = await Promise.all([together, q.known ?? talliedCounts(ch, p, q, w, params)])
  return withCounts(
    k,
    rows.map((r) => ({ skill: r.other, together: r.together })),
  )
}

/** The pairs seen together, with the counts known: each skill's jobs and the totals from `k`. */
function withCounts(k: KnownCounts, rows: { skill: string; together: string }[]): Counted {
  return {
    total: k.total,
    anchorAds: k.anchorAds,
    rows: rows.map((r) => ({
      skill: r.skill,
      together: Number(r.together),
      all: k.skillAds.get(r.skill) ?? 0,
    })),
  }
}

/**
 * One anchor under a filter the facet tallies hold (one value of a split facet, or a tallied
 * pair, and dates): the window's jobs, the anchor's and each skill's from them, which then bound
 * the skills the rollups count together (countTogetherTopK). Their read, under way (wrapped: an
 * awaited promise would wait for it); undefined when the facet tallies cannot answer.
 */
async function facetTallyCounts(
  ch: ClickHouseClient,
  q: CooccurrenceQuery,
  w: CompiledWhere,
  params: Record<string, unknown>,
): Promise<{ counts: Promise<KnownCounts> } | undefined> {
  if (q.skills.length !== 1) return undefined
  const p = await choosePath(ch, { filters: q.filters, additive: true, facetTallies: true })
  if (p.path !== 'tally') return undefined
  const counts = talliedCounts(ch, p, q, w, params)
  // Awaited later (with the first pass): a failure meanwhile is not an unhandled rejection.
  counts.catch(() => {})
  return { counts }
}

/** From the all-boards tallies: the window's jobs, the one anchor's and each kept skill's. */
async function talliedCounts(
  ch: ClickHouseClient,
  p: CountPath,
  q: CooccurrenceQuery,
  w: CompiledWhere,
  params: Record<string, unknown>,
): Promise<KnownCounts> {
  const anchor = q.skills[0]!
  const over = overFilters(q.filters)
  const skillRows = skillsOver(
    p,
    { sql: `${w.sql} AND (skill IN {keep:Array(String)} OR skill = {anchor_skill:String})`, params },
    q.filters,
    over,
  )
  const counted = await queryRows<{ skill: string; n: string }>(
    ch,
    `SELECT skill, ${p.count(over)} AS n ${skillRows.from} GROUP BY skill
     UNION ALL SELECT '' AS skill, ${p.count(over)} AS n ${p.ads(w)}`,
    { ...params, ...skillRows.params, anchor_skill: anchor },
  )
  const n = new Map(counted.map((r) => [r.skill, Number(r.n)]))
  return { total: n.get('') ?? 0, anchorAds: n.get(anchor) ?? 0, skillAds: n }
}
