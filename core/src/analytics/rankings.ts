// Skills ranked by share of ads in a window, against a comparison window: rank then and now,
// change in points and relative, two-proportion z-test. Skills under the minimum count are listed
// apart, never ranked. Counts are distinct ads (dedupe_key) at each ad's current extraction, named
// skills only (`named_skills` of the ad's newest `ads` row), from the rollups or the raw rows.
import type { ClickHouseClient } from '@clickhouse/client'
import type { RankedSkill, RankingSort } from '../contracts/api/rankings.ts'
import { queryRows } from '../clickhouse/query.ts'
import { getSkill } from '../taxonomy/index.ts'
import { CATEGORY_LABELS } from '../taxonomy/categories.ts'
import type { SkillCategory } from '../taxonomy/types.ts'
import { addDays, addMonths, compileWhere, skillsInCategories, type Filters } from './filters.ts'
import { choosePath } from './query-path.ts'
import { newestDay } from './tally-kept.ts'
import { competitionRanks, pointsChange, round, twoProportionZTest, windowShare } from './stats.ts'

export { RANKING_SORTS } from '../contracts/api/rankings.ts'

export interface DateWindow {
  from: string
  to: string
}
export type { RankedSkill, RankingSort }

export interface RankingQuery {
  filters: Filters
  /** Comparison window; default: as long as the current one, right before it. */
  compare?: Partial<DateWindow>
  minCount: number
  sort: RankingSort
  order: 'asc' | 'desc'
}

export interface Rankings {
  window: DateWindow & { total: number }
  compareWindow: DateWindow & { total: number }
  minCount: number
  ranked: RankedSkill[]
  /** Skills with ads, but fewer than minCount in the current window: shown, never ranked. */
  belowMinimum: RankedSkill[]
}

/** Current window: the filters' range, or the 12 months ending on the newest ad's day. */
export async function resolveWindows(
  ch: ClickHouseClient,
  f: Filters,
  compare: Partial<DateWindow> = {},
): Promise<{ current: DateWindow; previous: DateWindow }> {
  const to = f.to ?? (await newestDay(ch, { ...f, from: null })) ?? new Date().toISOString().slice(0, 10)
  const from = f.from ?? addDays(addMonths(to, -12), 1)
  const prevTo = compare.to ?? addDays(from, -1)
  const prevFrom =
    compare.from ?? (f.from ? addDays(prevTo, -daysBetween(from, to)) : addDays(addMonths(prevTo, -12), 1))
  // Whole months (2017-01-01..2017-12-31) compare with as many whole months before.
  const after = addDays(to, 1)
  if (!compare.from && !compare.to && from.endsWith('-01') && after.endsWith('-01')) {
    const months = monthIndex(after) - monthIndex(from)
    return { current: { from, to }, previous: { from: addMonths(from, -months), to: prevTo } }
  }
  return { current: { from, to }, previous: { from: prevFrom, to: prevTo } }
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000)
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1

export async function queryRankings(ch: ClickHouseClient, q: RankingQuery): Promise<Rankings> {
  return queryRankingsIn(ch, q, await resolveWindows(ch, q.filters, q.compare))
}

/** The rankings over windows already resolved (the skill profile resolves them once for all its parts). */
export async function queryRankingsIn(
  ch: ClickHouseClient,
  q: RankingQuery,
  { current, previous }: { current: DateWindow; previous: DateWindow },
): Promise<Rankings> {
  const p = await choosePath(ch, { filters: q.filters, additive: true, facetTallies: true })
  const w = compileWhere(q.filters, { dates: false })
  const params = {
    ...w.params,
    c_from: current.from,
    c_to: current.to,
    p_from: previous.from,
    p_to: previous.to,
    keep: skillsInCategories(q.filters.category),
  }
  const inCur = 'posted_day BETWEEN {c_from:Date} AND {c_to:Date}'
  const inPrev = 'posted_day BETWEEN {p_from:Date} AND {p_to:Date}'
  const inEither = `${w.sql} AND ((${inCur}) OR (${inPrev}))`
  // Each count spans its whole window (no period within it).
  const cur = { from: '{c_from:Date}', to: '{c_to:Date}' }
  const prev = { from: '{p_from:Date}', to: '{p_to:Date}' }
  const [totals, counts] = await Promise.all([
    queryRows<{ cur: string; prev: string }>(
      ch,
      `SELECT ${p.countIf(inCur, cur)} AS cur, ${p.countIf(inPrev, prev)} AS prev ${p.ads({ sql: inEither, params })}`,
      params,
    ),
    queryRows<{ skill: string; cur: string; prev: string }>(
      ch,
      `SELECT skill, ${p.countIf(inCur, cur)} AS cur, ${p.countIf(inPrev, prev)} AS prev
       ${p.skills({ sql: `${inEither} AND skill IN {keep:Array(String)}`, params })} GROUP BY skill`,
      params,
    ),
  ])
  const total = Number(totals[0]?.cur ?? 0)
  const prevTotal = Number(totals[0]?.prev ?? 0)
  const rows = counts.map((r) => ({ skill: r.skill, ads: Number(r.cur), prev: Number(r.prev) }))
  return {
    window: { ...current, total },
    compareWindow: { ...previous, total: prevTotal },
    minCount: q.minCount,
    ...rankRows(rows, total, prevTotal, q),
  }
}

/** Pure: ranks, changes and tests from the counts (exported for the skill profile). */
export function rankRows(
  rows: { skill: string; ads: number; prev: number }[],
  total: number,
  prevTotal: number,
  q: Pick<RankingQuery, 'minCount' | 'sort' | 'order'>,
): { ranked: RankedSkill[]; belowMinimum: RankedSkill[] } {
  const eligible = rows.filter((r) => r.ads >= q.minCount)
  const prevEligible = rows.filter((r) => r.prev >= q.minCount)
  const ranks = new Map(
    competitionRanks(eligible.map((r) => r.ads)).map((rank, i) => [eligible[i]!.skill, rank]),
  )
  const prevRanks = new Map(
    competitionRanks(prevEligible.map((r) => r.prev)).map((rank, i) => [prevEligible[i]!.skill, rank]),
  )
  const all = rows
    .filter((r) => r.ads > 0 || r.prev > 0)
    .map((r): RankedSkill => {
      const s = getSkill(r.skill)
      const share = total ? r.ads / total : 0
      // A window without ads has no share (every skill "rising" by its whole share on a store whose
      // history starts this year, were it 0).
      const previousShare = windowShare(r.prev, prevTotal)
      const test = twoProportionZTest(r.ads, total, r.prev, prevTotal)
      const rank = ranks.get(r.skill) ?? null
      const previousRank = prevRanks.get(r.skill) ?? null
      return {
        skill: r.skill,
        name: s?.name ?? r.skill,
        category: s?.category ?? '',
        categoryLabel: s ? CATEGORY_LABELS[s.category as SkillCategory] : '',
        ads: r.ads,
        share: round(share),
        rank,
        previousAds: r.prev,
        previousShare: previousShare === null ? null : round(previousShare),
        previousRank,
        rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
        changePoints: pointsChange(share, total, previousShare),
        relativeChange: total && previousShare ? round(share / previousShare - 1, 4) : null,
        z: test ? round(test.z, 4) : null,
        p: test ? Number(test.p.toPrecision(4)) : null,
      }
    })
  const sorted = sortRankings(all, q.sort, q.order)
  return {
    ranked: sorted.filter((r) => r.rank !== null),
    belowMinimum: sorted.filter((r) => r.rank === null),
  }
}

const SORT_KEY: Record<RankingSort, (r: RankedSkill) => number | string | null> = {
  rank: (r) => r.rank,
  share: (r) => r.share,
  previous_share: (r) => r.previousShare,
  change: (r) => r.changePoints,
  relative_change: (r) => r.relativeChange,
  p: (r) => r.p,
  ads: (r) => r.ads,
  name: (r) => r.name.toLowerCase(),
}

/** Sorts by one column; nulls always last, ties broken by skill id so the order is stable. */
export function sortRankings(rows: RankedSkill[], sort: RankingSort, order: 'asc' | 'desc'): RankedSkill[] {
  const key = SORT_KEY[sort]
  const dir = order === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka === null || kb === null) return ka === kb ? a.skill.localeCompare(b.skill) : ka === null ? 1 : -1
    if (ka < kb) return -dir
    if (ka > kb) return dir
    return a.skill.localeCompare(b.skill)
  })
}
